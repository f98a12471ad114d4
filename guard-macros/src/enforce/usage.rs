//! Which names an arm uses (rule 2).
//!
//! A binding is used when its name appears, in the arm's guard or body, as:
//! - an expression path: a call argument, a method receiver (`id.clone()`), a field access base
//!   (`id.0`), an operand, a `return`/`break` value, an assignment's right-hand side, a struct
//!   literal field (`Order { id }` or `Order { tracking: id }`), inside a closure (a capture);
//! - a token of a macro invocation (`record!(id)`, `format!("{}", id)`), or an inline format
//!   argument in a macro's string literal (`format!("{id}")`, `println!("{id:?}")`).
//!
//! Not a use: `let _ = id;` (a statement that only discards it), a field or method *name* that
//! happens to be spelled the same (`order.id`), and any binding whose name starts with `_`.
//! Shadowing is not tracked: a later `let id = ..;` followed by a use of `id` counts as a use.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::HashSet;
use syn::visit::Visit;

#[derive(Default)]
pub(super) struct Used {
    names: HashSet<String>,
}

impl Used {
    pub(super) fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub(super) fn merge(&mut self, other: &Self) {
        self.names.extend(other.names.iter().cloned());
    }

    pub(super) fn expr(&mut self, expr: &syn::Expr) {
        self.visit_expr(expr);
    }

    pub(super) fn stmt(&mut self, stmt: &syn::Stmt) {
        self.visit_stmt(stmt);
    }

    fn tokens(&mut self, tokens: TokenStream) {
        for token in tokens {
            match token {
                TokenTree::Ident(ident) => {
                    self.names.insert(ident.to_string());
                }
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Literal(literal) => self.format_arguments(&literal.to_string()),
                TokenTree::Punct(_) => {}
            }
        }
    }

    /// `{name}`, `{name:?}`, `{name:>8}` in a string literal (`{{` is an escaped brace).
    fn format_arguments(&mut self, literal: &str) {
        if !literal.ends_with('"') {
            return;
        }
        let mut rest = literal;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            if let Some(escaped) = after.strip_prefix('{') {
                rest = escaped;
                continue;
            }
            let name: String = after
                .chars()
                .take_while(|character| character.is_alphanumeric() || *character == '_')
                .collect();
            let following = after[name.len()..].chars().next();
            if !name.is_empty() && matches!(following, Some('}' | ':')) {
                self.names.insert(name.clone());
            }
            rest = &after[name.len()..];
        }
    }
}

impl<'ast> Visit<'ast> for Used {
    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        if path.qself.is_none()
            && let Some(ident) = path.path.get_ident()
        {
            self.names.insert(ident.to_string());
        }
        syn::visit::visit_expr_path(self, path);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let discards_a_name = matches!(local.pat, syn::Pat::Wild(_))
            && local.init.as_ref().is_some_and(|init| {
                init.diverge.is_none()
                    && matches!(&*init.expr, syn::Expr::Path(path) if path.path.get_ident().is_some())
            });
        if !discards_a_name {
            syn::visit::visit_local(self, local);
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::Used;

    fn used_in(body: syn::Expr) -> Used {
        let mut used = Used::default();
        used.expr(&body);
        used
    }

    #[test]
    fn counts_every_kind_of_use() {
        let cases: [syn::Expr; 9] = [
            syn::parse_quote!(order.set_shipped(id.clone())),
            syn::parse_quote!(record(id)),
            syn::parse_quote!({
                let f = || id.len();
                f()
            }),
            syn::parse_quote!(format!("{id}")),
            syn::parse_quote!(println!("{id:?} and {{braces}}")),
            syn::parse_quote!(vec![id]),
            syn::parse_quote!(Order { id }),
            syn::parse_quote!(return id),
            syn::parse_quote!(if id.is_empty() { 1 } else { 2 }),
        ];
        for body in cases {
            assert!(used_in(body).contains("id"));
        }
    }

    #[test]
    fn discarding_and_field_names_are_not_uses() {
        let cases: [syn::Expr; 4] = [
            syn::parse_quote!({
                let _ = id;
            }),
            syn::parse_quote!(order.id),
            syn::parse_quote!(order.id()),
            syn::parse_quote!(Order { id: 5 }),
        ];
        for body in cases {
            assert!(!used_in(body).contains("id"));
        }
        assert!(!used_in(syn::parse_quote!(println!("{{id}}"))).contains("id"));
    }
}
