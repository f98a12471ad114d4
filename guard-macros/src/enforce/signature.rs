//! What the code around a pattern says about the value it matches: the enclosing fn's signature
//! (its `self` receiver and its parameters' declared types) and the enclosing impl's self type.
//! A catch-all with no arm naming a variant, or a macro-written pattern, is checked through these.

use super::pattern::Lookup;
use syn::visit_mut::VisitMut;

/// Types with no variants, whose catch-alls need no check.
pub(super) const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
];

/// What a fn's signature says about the values its body can match.
#[derive(Default)]
pub(super) struct Signature {
    pub(super) receiver: Option<Receiver>,
    /// The parameters bound to a plain name that nothing in the body binds again, with their
    /// declared types.
    pub(super) parameters: Vec<(String, syn::Type)>,
    /// The fn's type and const parameters, which a check item cannot name.
    pub(super) generics: Vec<String>,
    /// The names of the `macro_rules!` defined in the fn's body.
    pub(super) local_macros: Vec<String>,
}

/// A receiver whose type is `Self`: `self`/`mut self`, or `&self`/`&mut self`.
#[derive(Clone, Copy)]
pub(super) enum Receiver {
    Value,
    Reference,
}

impl Signature {
    pub(super) fn new(signature: &syn::Signature, body: &syn::Block) -> Self {
        struct Bound(Vec<String>, Vec<String>);
        impl<'ast> syn::visit::Visit<'ast> for Bound {
            fn visit_pat_ident(&mut self, binding: &'ast syn::PatIdent) {
                self.0.push(binding.ident.to_string());
                syn::visit::visit_pat_ident(self, binding);
            }
            fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
                if let Some(ident) = &item.ident {
                    self.1.push(ident.to_string());
                }
                syn::visit::visit_item_macro(self, item);
            }
        }
        let mut bound = Bound(Vec::new(), Vec::new());
        syn::visit::Visit::visit_block(&mut bound, body);
        let mut receiver = None;
        let mut parameters = Vec::new();
        for input in &signature.inputs {
            match input {
                syn::FnArg::Receiver(plain) => {
                    receiver = match plain.kind {
                        syn::ReceiverKind::Value => Some(Receiver::Value),
                        syn::ReceiverKind::Reference(..) => Some(Receiver::Reference),
                        _ => None,
                    };
                }
                syn::FnArg::Typed(typed) => {
                    if let syn::Pat::Ident(binding) = &*typed.pat
                        && binding.subpat.is_none()
                        && !bound.0.contains(&binding.ident.to_string())
                    {
                        parameters.push((binding.ident.to_string(), (*typed.ty).clone()));
                    }
                }
            }
        }
        Self {
            receiver,
            parameters,
            generics: parameter_names(&signature.generics),
            local_macros: bound.1,
        }
    }
}

pub(super) fn parameter_names(generics: &syn::Generics) -> Vec<String> {
    generics
        .type_params()
        .map(|parameter| parameter.ident.to_string())
        .chain(
            generics
                .const_params()
                .map(|parameter| parameter.ident.to_string()),
        )
        .collect()
}

/// Whether `tokens` name `Self` or one of `parameters`.
pub(super) fn mentions(tokens: proc_macro2::TokenStream, parameters: &[&String]) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => {
            ident == "Self" || parameters.iter().any(|parameter| ident == parameter)
        }
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), parameters),
        _ => false,
    })
}

pub(super) fn strip_expr(expr: &syn::Expr) -> &syn::Expr {
    match expr {
        syn::Expr::Paren(inner) => strip_expr(&inner.expr),
        syn::Expr::Group(inner) => strip_expr(&inner.expr),
        syn::Expr::Reference(inner) => strip_expr(&inner.expr),
        other => other,
    }
}

pub(super) fn strip_type(ty: &syn::Type) -> &syn::Type {
    match ty {
        syn::Type::Paren(inner) => strip_type(&inner.elem),
        syn::Type::Group(inner) => strip_type(&inner.elem),
        other => other,
    }
}

/// Where a check finds the table of the impl's self type. Without generic parameters, through the
/// type itself; with some, through its name (`impl<T: Display> Tree<T>` is looked up as `Tree`),
/// since a free constant item cannot name the impl's parameters and placeholders may not meet
/// their bounds; when the self type is not a path, through the type with placeholders.
pub(super) fn self_lookup(item: &syn::ItemImpl) -> Result<Lookup, &'static str> {
    if item.generics.params.is_empty() {
        return Ok(Lookup::Type((*item.self_ty).clone()));
    }
    if let syn::Type::Path(path) = &*item.self_ty
        && path.qself.is_none()
    {
        let mut name = path.path.clone();
        for segment in &mut name.segments {
            segment.arguments = syn::PathArguments::None;
        }
        return Ok(Lookup::by_name(name));
    }
    placeholder_self(item).map(Lookup::Type)
}

/// The impl's self type with its generic parameters replaced by `()` and `'static`, so that a
/// free constant item can name it; an error when it has const parameters.
pub(super) fn placeholder_self(item: &syn::ItemImpl) -> Result<syn::Type, &'static str> {
    struct Replace<'g> {
        generics: &'g syn::Generics,
    }
    impl VisitMut for Replace<'_> {
        fn visit_type_mut(&mut self, ty: &mut syn::Type) {
            if let syn::Type::Path(path) = ty
                && path.qself.is_none()
                && let Some(ident) = path.path.get_ident()
                && self
                    .generics
                    .type_params()
                    .any(|param| param.ident == *ident)
            {
                *ty = syn::parse_quote!(());
                return;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
            if lifetime.ident == "_"
                || self
                    .generics
                    .lifetimes()
                    .any(|param| param.lifetime.ident == lifetime.ident)
            {
                *lifetime = syn::Lifetime::new("'static", lifetime.span());
            }
        }
    }
    if item.generics.const_params().next().is_some() {
        return Err("the `impl` has const parameters, which a check item cannot fill in");
    }
    let mut ty = (*item.self_ty).clone();
    Replace {
        generics: &item.generics,
    }
    .visit_type_mut(&mut ty);
    Ok(ty)
}
