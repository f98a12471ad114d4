//! Which enum a matched value is, from what the code around it declares: the enclosing impl's
//! self type for `self`, a fn parameter's declared type for the parameter.

use super::Walker;
use crate::enforce::pattern::{Lookup, Probe};
use crate::enforce::render::render;
use crate::enforce::signature::{
    PRIMITIVES, Receiver, Signature, mentions, strip_expr, strip_type,
};
use quote::ToTokens;
use syn::visit_mut::VisitMut;

impl Walker<'_> {
    pub(super) fn self_type<'s>(
        self_types: &'s [Result<Lookup, &'static str>],
    ) -> Result<&'s Lookup, &'static str> {
        match self_types.last() {
            Some(Ok(ty)) => Ok(ty),
            Some(Err(why)) => Err(why),
            None => Err(
                "the attribute is on this fn, not on the `impl` block, so it does not see what `Self` is",
            ),
        }
    }

    /// Where a check finds the table of the value `expr` evaluates to, when the fn's signature
    /// says: `self` (a plain receiver), or a parameter that nothing in the fn rebinds, through its
    /// declared type. `None` otherwise: each pattern's own path then says where to look.
    pub(super) fn scrutinee(&self, expr: &syn::Expr) -> Option<Lookup> {
        let signature = self.signatures.last()?;
        // `*name` reads through a reference only: a smart pointer's target is another type.
        let (expr, dereferenced) = match strip_expr(expr) {
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                expr,
                ..
            }) => (strip_expr(expr), true),
            other => (other, false),
        };
        let syn::Expr::Path(path) = expr else {
            return None;
        };
        let name = path.path.get_ident()?.to_string();
        if path.qself.is_some() {
            return None;
        }
        if name == "self" {
            let readable = match signature.receiver {
                Some(Receiver::Reference) => true,
                Some(Receiver::Value) => !dereferenced,
                None => false,
            };
            return readable
                .then(|| Self::self_type(&self.self_types).ok().cloned())
                .flatten();
        }
        let (_, ty) = signature
            .parameters
            .iter()
            .find(|(parameter, _)| *parameter == name)?;
        let ty = strip_type(ty);
        if dereferenced && !matches!(ty, syn::Type::Reference(_)) {
            return None;
        }
        self.type_lookup(ty, signature)
    }

    /// The enum behind the matched value `expr`, from its declared type (see [`Self::scrutinee`]),
    /// as fixes write it: `Self` for `self`, the type's path without arguments otherwise. `None`
    /// for a primitive type, which has no variants, and for a type that mentions the fn's or the
    /// impl's generics: it would be looked up by its name, which for a generic tuple struct is its
    /// constructor (only a variant named in a pattern proves the name is an enum's).
    pub(super) fn scrutinee_probe(&self, expr: &syn::Expr) -> Option<Probe> {
        let lookup = self.scrutinee(expr)?;
        if !matches!(lookup, Lookup::Type(_)) {
            return None;
        }
        let expr = match strip_expr(expr) {
            syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => {
                strip_expr(&unary.expr)
            }
            other => other,
        };
        let syn::Expr::Path(path) = expr else {
            return None;
        };
        let name = path.path.get_ident()?.to_string();
        let written = if name == "self" {
            "Self".to_owned()
        } else {
            let (_, ty) = self
                .signatures
                .last()?
                .parameters
                .iter()
                .find(|(parameter, _)| *parameter == name)?;
            let mut ty = strip_type(ty);
            while let syn::Type::Reference(reference) = ty {
                ty = strip_type(&reference.elem);
            }
            let syn::Type::Path(path) = ty else {
                return None;
            };
            if path
                .path
                .get_ident()
                .is_some_and(|ident| PRIMITIVES.contains(&ident.to_string().as_str()))
            {
                return None;
            }
            let mut path = path.path.clone();
            for segment in &mut path.segments {
                segment.arguments = syn::PathArguments::None;
            }
            render(&path)
        };
        Some(Probe { lookup, written })
    }

    /// Where a check finds the table of the type `ty`: by the type itself when the check can
    /// write it (which also follows a type alias, and an import of the enum's type alone,
    /// `use m::Enum::{self}`), by its name when it mentions the fn's or the impl's generics.
    fn type_lookup(&self, ty: &syn::Type, signature: &Signature) -> Option<Lookup> {
        match ty {
            syn::Type::Reference(reference) => {
                self.type_lookup(strip_type(&reference.elem), signature)
            }
            syn::Type::Path(path) if path.qself.is_none() => {
                if path.path.is_ident("Self") {
                    return Self::self_type(&self.self_types).ok().cloned();
                }
                let first = path.path.segments.first()?;
                if first.ident == "Self" {
                    return None;
                }
                // Any mention of the fn's or the impl's parameters (or of `Self`) makes the type
                // unnameable in a check item: look it up by its name then, unless it is one.
                let parameters: Vec<&String> = signature
                    .generics
                    .iter()
                    .chain(self.impl_parameters.last().into_iter().flatten())
                    .collect();
                if !mentions(ty.to_token_stream(), &parameters) {
                    // The fn's lifetimes are not in scope either; any lifetime will do.
                    struct Erase;
                    impl VisitMut for Erase {
                        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
                            *lifetime = syn::Lifetime::new("'_", lifetime.span());
                        }
                    }
                    let mut erased = ty.clone();
                    Erase.visit_type_mut(&mut erased);
                    return Some(Lookup::Type(erased));
                }
                if parameters.iter().any(|parameter| first.ident == parameter) {
                    return None;
                }
                let mut name = path.path.clone();
                for segment in &mut name.segments {
                    segment.arguments = syn::PathArguments::None;
                }
                Some(Lookup::by_name(name))
            }
            _ => None,
        }
    }
}
