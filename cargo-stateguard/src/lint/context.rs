//! What a rule sees of one file, what it reports, and the syntax helpers several rules share.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Span as TokenSpan, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::imports::Imports;
use super::source::SourceFile;
use crate::config::Config;
use crate::record::{Fix, Span};

/// Facts about the crate (target) a file belongs to.
#[derive(Debug, Clone, Default)]
pub(crate) struct TargetFacts {
    /// The crate is built as a `cdylib` or `staticlib`.
    pub(crate) exports_c: bool,
    /// `2015`, `2018`, `2021` or `2024`.
    pub(crate) edition: String,
    /// `tokio` is a dependency of the package.
    pub(crate) has_tokio: bool,
}

/// Facts gathered from every file of a crate before the rules that need them run.
#[derive(Debug, Clone, Default)]
pub(crate) struct CrateFacts {
    /// Names used as values somewhere in the crate (a function passed by pointer, not called).
    pub(crate) value_names: HashSet<String>,
    /// Enums with `#[repr(uN)]`/`#[repr(iN)]`, by name, with their integer type.
    pub(crate) repr_enums: HashMap<String, String>,
    /// The file defines a function with a C ABI (G0407 and G0408 look at those).
    pub(crate) has_c_functions: bool,
}

impl CrateFacts {
    pub(crate) fn merge(&mut self, other: CrateFacts) {
        self.value_names.extend(other.value_names);
        self.repr_enums.extend(other.repr_enums);
        self.has_c_functions |= other.has_c_functions;
    }

    /// The facts one file contributes.
    pub(crate) fn of_file(file: &syn::File) -> CrateFacts {
        let mut collector = FactCollector {
            facts: CrateFacts::default(),
        };
        collector.visit_file(file);
        collector.facts
    }
}

struct FactCollector {
    facts: CrateFacts,
}

impl<'ast> Visit<'ast> for FactCollector {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        // The callee is called, not used as a value; its arguments may be values.
        if !matches!(&*call.func, syn::Expr::Path(_)) {
            self.visit_expr(&call.func);
        }
        for argument in &call.args {
            self.visit_expr(argument);
        }
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if let Some(last) = path.path.segments.last() {
            self.facts.value_names.insert(last.ident.to_string());
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        collect_macro_values(mac.tokens.clone(), &mut self.facts.value_names);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.facts.has_c_functions |= is_c_abi(item.sig.abi.as_ref());
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        if let Some(repr) = int_repr(&item.attrs) {
            self.facts.repr_enums.insert(item.ident.to_string(), repr);
        }
        syn::visit::visit_item_enum(self, item);
    }
}

/// Identifiers in a macro's tokens that are not followed by `(` or `!`: possibly values.
fn collect_macro_values(tokens: TokenStream, names: &mut HashSet<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let called = match trees.get(index + 1) {
                    Some(TokenTree::Group(group)) => {
                        group.delimiter() == proc_macro2::Delimiter::Parenthesis
                    }
                    Some(TokenTree::Punct(punct)) => punct.as_char() == '!',
                    _ => false,
                };
                if !called {
                    names.insert(ident.to_string());
                }
            }
            TokenTree::Group(group) => collect_macro_values(group.stream(), names),
            _ => {}
        }
    }
}

/// The integer type of `#[repr(u8)]` (also `#[repr(C, u8)]`).
pub(crate) fn int_repr(attrs: &[syn::Attribute]) -> Option<String> {
    const INTS: [&str; 12] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("repr"))
        .find_map(|attr| {
            let metas = attr
                .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                .ok()?;
            metas.iter().find_map(|meta| {
                let ident = meta.path().get_ident()?.to_string();
                INTS.contains(&ident.as_str()).then_some(ident)
            })
        })
}

/// What a rule reads.
#[derive(Debug)]
pub(crate) struct FileContext<'a> {
    pub(crate) file: &'a syn::File,
    pub(crate) source: &'a SourceFile,
    pub(crate) imports: &'a Imports,
    pub(crate) config: &'a Config,
    pub(crate) target: &'a TargetFacts,
    pub(crate) crate_facts: &'a CrateFacts,
}

impl FileContext<'_> {
    pub(crate) fn span(&self, span: TokenSpan) -> Span {
        self.source.span(span)
    }
}

/// One problem a rule found; the engine turns it into a [`crate::record::Record`].
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) code: &'static str,
    pub(crate) span: Span,
    pub(crate) message: String,
    /// Replaces the rule's general `why` when the finding has a more precise one.
    pub(crate) why: Option<String>,
    pub(crate) fix: Option<Fix>,
}

/// `extern "C"`, `extern "C-unwind"`, `extern "system"` or a bare `extern`.
pub(crate) fn is_c_abi(abi: Option<&syn::Abi>) -> bool {
    let Some(abi) = abi else { return false };
    match &abi.name {
        None => true,
        Some(name) => matches!(
            name.value().as_str(),
            "C" | "C-unwind" | "system" | "system-unwind"
        ),
    }
}

/// `#[no_mangle]`, `#[unsafe(no_mangle)]`, `#[export_name = ..]` or `#[unsafe(export_name = ..)]`.
pub(crate) fn is_exported_by_name(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path.is_ident("no_mangle") || path.is_ident("export_name") {
            return true;
        }
        if path.is_ident("unsafe")
            && let syn::Meta::List(list) = &attr.meta
        {
            let text = list.tokens.to_string();
            return text.starts_with("no_mangle") || text.starts_with("export_name");
        }
        false
    })
}

/// A macro's arguments read as comma-separated expressions (`format!`, `assert!`, `vec![..]`), or
/// `None` when they are not.
pub(crate) fn macro_arguments(mac: &syn::Macro) -> Option<Vec<syn::Expr>> {
    let arguments = mac
        .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .ok()?;
    Some(arguments.into_iter().collect())
}

/// The last segment of a macro's path (`panic` for `std::panic!`).
pub(crate) fn macro_name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|segment| segment.ident.to_string())
        .unwrap_or_default()
}

/// The identifier an expression is rooted at through fields, method calls, indexing, references and
/// parentheses (`self.items[0].name.clone()` → `self`).
pub(crate) fn root_ident(expr: &syn::Expr) -> Option<&syn::Ident> {
    match expr {
        syn::Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
        syn::Expr::Field(field) => root_ident(&field.base),
        syn::Expr::MethodCall(call) => root_ident(&call.receiver),
        syn::Expr::Index(index) => root_ident(&index.expr),
        syn::Expr::Reference(reference) => root_ident(&reference.expr),
        syn::Expr::Paren(paren) => root_ident(&paren.expr),
        syn::Expr::Unary(unary) if matches!(unary.op, syn::UnOp::Deref(_)) => {
            root_ident(&unary.expr)
        }
        syn::Expr::Cast(cast) => root_ident(&cast.expr),
        _ => None,
    }
}

/// The identifiers a pattern binds.
pub(crate) fn pattern_bindings(pattern: &syn::Pat, names: &mut HashSet<String>) {
    struct Bindings<'a>(&'a mut HashSet<String>);
    impl<'ast> Visit<'ast> for Bindings<'_> {
        fn visit_pat_ident(&mut self, ident: &'ast syn::PatIdent) {
            self.0.insert(ident.ident.to_string());
            syn::visit::visit_pat_ident(self, ident);
        }
    }
    Bindings(names).visit_pat(pattern);
}
