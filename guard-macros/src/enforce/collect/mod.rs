//! Walking the annotated item: every `match`, `if let`, `while let` and `let … else` inside its
//! fns (nested blocks and closures included) and in the initializers of its `const`s and
//! `static`s is read, its checks are queued on the enclosing block (an initializer that is not a
//! block gets one), and stateguard's helper attributes are removed.
//!
//! One direction: the visitor here finds each construct and hands it to [`matching`] or
//! [`conditional`], which read its patterns through [`read`] (queuing the checks), which learns
//! the matched value's declared type from [`scrutinee`]; [`opt_out`] reads the exemptions.

mod conditional;
mod context;
mod matching;
mod opt_out;
mod read;
mod scrutinee;

pub(super) use opt_out::OPT_OUT;

use super::expand::Check;
use super::pattern::Lookup;
use super::signature::{Signature, parameter_names, self_lookup};
use crate::diagnostics::Errors;
use context::{IF_LET, WHILE_LET};
use syn::visit_mut::VisitMut;

pub(super) struct Walker<'a> {
    krate: &'a syn::Path,
    /// Where a check finds the table of `Self` in each enclosing impl, or why it cannot.
    self_types: Vec<Result<Lookup, &'static str>>,
    /// The checks of each enclosing block, innermost last.
    frames: Vec<Vec<Check>>,
    /// The parameters of each enclosing fn, innermost last.
    signatures: Vec<Signature>,
    /// The type and const parameters of each enclosing impl, innermost last.
    impl_parameters: Vec<Vec<String>>,
    pub(super) errors: Errors,
}

impl<'a> Walker<'a> {
    pub(super) fn new(krate: &'a syn::Path) -> Self {
        Self {
            krate,
            self_types: Vec::new(),
            frames: Vec::new(),
            signatures: Vec::new(),
            impl_parameters: Vec::new(),
            errors: Errors::default(),
        }
    }
}

impl Walker<'_> {
    /// Walks an initializer that is not a block (of a `const` or `static`); when it needs checks,
    /// it becomes `{ checks; initializer }`, which is still a constant expression.
    fn in_own_block(&mut self, expr: &mut syn::Expr, walk: impl FnOnce(&mut Self, &mut syn::Expr)) {
        self.frames.push(Vec::new());
        walk(self, expr);
        let checks = self.frames.pop().unwrap_or_default();
        if checks.is_empty() {
            return;
        }
        let mut stmts: Vec<syn::Stmt> = checks
            .iter()
            .map(|check| check.to_item(self.krate))
            .collect();
        let original = std::mem::replace(expr, syn::parse_quote!(()));
        stmts.push(syn::Stmt::Expr(original, None));
        *expr = syn::Expr::Block(syn::ExprBlock {
            attrs: Vec::new(),
            label: None,
            block: syn::Block {
                brace_token: syn::token::Brace::default(),
                stmts,
            },
        });
    }
}

fn strip_nested_attribute(attrs: &mut Vec<syn::Attribute>) {
    attrs.retain(|attribute| {
        attribute
            .path()
            .segments
            .last()
            .is_none_or(|segment| segment.ident != "enforce_state_invariants")
    });
}

impl VisitMut for Walker<'_> {
    fn visit_item_mut(&mut self, item: &mut syn::Item) {
        match item {
            syn::Item::Fn(function) => strip_nested_attribute(&mut function.attrs),
            syn::Item::Impl(block) => strip_nested_attribute(&mut block.attrs),
            syn::Item::Mod(module) => strip_nested_attribute(&mut module.attrs),
            _ => {}
        }
        syn::visit_mut::visit_item_mut(self, item);
    }

    fn visit_impl_item_fn_mut(&mut self, function: &mut syn::ImplItemFn) {
        strip_nested_attribute(&mut function.attrs);
        self.signatures
            .push(Signature::new(&function.sig, &function.block));
        syn::visit_mut::visit_impl_item_fn_mut(self, function);
        self.signatures.pop();
    }

    fn visit_item_fn_mut(&mut self, function: &mut syn::ItemFn) {
        self.signatures
            .push(Signature::new(&function.sig, &function.block));
        syn::visit_mut::visit_item_fn_mut(self, function);
        self.signatures.pop();
    }

    fn visit_trait_item_fn_mut(&mut self, function: &mut syn::TraitItemFn) {
        // No signature: `Self` in a trait is unknown.
        self.signatures.push(Signature::default());
        syn::visit_mut::visit_trait_item_fn_mut(self, function);
        self.signatures.pop();
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        self.self_types.push(self_lookup(item));
        self.impl_parameters.push(parameter_names(&item.generics));
        syn::visit_mut::visit_item_impl_mut(self, item);
        self.impl_parameters.pop();
        self.self_types.pop();
    }

    fn visit_item_trait_mut(&mut self, item: &mut syn::ItemTrait) {
        self.self_types
            .push(Err("in a trait, `Self` is whatever type implements it"));
        syn::visit_mut::visit_item_trait_mut(self, item);
        self.self_types.pop();
    }

    fn visit_item_const_mut(&mut self, item: &mut syn::ItemConst) {
        self.in_own_block(&mut item.expr, |walker, expr| walker.visit_expr_mut(expr));
    }

    fn visit_item_static_mut(&mut self, item: &mut syn::ItemStatic) {
        self.in_own_block(&mut item.expr, |walker, expr| walker.visit_expr_mut(expr));
    }

    fn visit_impl_item_const_mut(&mut self, item: &mut syn::ImplItemConst) {
        self.in_own_block(&mut item.expr, |walker, expr| walker.visit_expr_mut(expr));
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        self.frames.push(Vec::new());
        for index in 0..block.stmts.len() {
            self.check_let_else(&mut block.stmts[index..]);
        }
        syn::visit_mut::visit_block_mut(self, block);
        let checks = self.frames.pop().unwrap_or_default();
        if !checks.is_empty() {
            let items = checks.iter().map(|check| check.to_item(self.krate));
            block.stmts.splice(0..0, items.collect::<Vec<_>>());
        }
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        match expr {
            syn::Expr::Match(matching) => self.check_match(matching),
            syn::Expr::If(conditional) => {
                let cond = (*conditional.cond).clone();
                self.check_conditional(
                    &mut conditional.attrs,
                    &cond,
                    &conditional.then_branch,
                    IF_LET,
                );
            }
            syn::Expr::While(looping) => {
                let cond = (*looping.cond).clone();
                self.check_conditional(&mut looping.attrs, &cond, &looping.body, WHILE_LET);
            }
            _ => {}
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }
}
