//! `if let`, `while let` (with `&&` chains) and `let … else`: each `let`'s pattern is read, with
//! the names used by the conditions after it and by the body.

use super::Walker;
use super::context::{Context, LET_ELSE};
use crate::enforce::usage::Used;

impl Walker<'_> {
    pub(super) fn check_conditional(
        &mut self,
        attrs: &mut Vec<syn::Attribute>,
        cond: &syn::Expr,
        body: &syn::Block,
        context: Context,
    ) {
        let mut lets = Vec::new();
        let mut others = Vec::new();
        conjuncts(cond, &mut lets, &mut others);
        if lets.is_empty() || self.opted_out(attrs) {
            return;
        }
        let mut used = Used::default();
        for other in others {
            used.expr(other);
        }
        for stmt in &body.stmts {
            used.stmt(stmt);
        }
        for (position, binding) in lets.iter().enumerate() {
            let mut used_here = Used::default();
            used_here.merge(&used);
            for later in &lets[position + 1..] {
                used_here.expr(&later.expr);
            }
            let facts = self.read(&binding.pat, &binding.expr, &used_here, context);
            for mac in facts.macros {
                self.queue_macro(mac, None, &binding.expr, context);
            }
        }
    }

    pub(super) fn check_let_else(&mut self, stmts: &mut [syn::Stmt]) {
        let Some((first, rest)) = stmts.split_first_mut() else {
            return;
        };
        let syn::Stmt::Local(local) = first else {
            return;
        };
        if local
            .init
            .as_ref()
            .is_none_or(|init| init.diverge.is_none())
        {
            return;
        }
        if self.opted_out(&mut local.attrs) {
            return;
        }
        let mut used = Used::default();
        for stmt in &*rest {
            used.stmt(stmt);
        }
        let Some(init) = &local.init else {
            return;
        };
        let scrutinee = (*init.expr).clone();
        let facts = self.read(&local.pat, &scrutinee, &used, LET_ELSE);
        for mac in facts.macros {
            self.queue_macro(mac, None, &scrutinee, LET_ELSE);
        }
    }
}

/// Splits an `&&` chain into its `let` conditions and the other conditions.
fn conjuncts<'e>(
    cond: &'e syn::Expr,
    lets: &mut Vec<&'e syn::ExprLet>,
    others: &mut Vec<&'e syn::Expr>,
) {
    match cond {
        syn::Expr::Let(binding) => lets.push(binding),
        syn::Expr::Binary(binary) if matches!(binary.op, syn::BinOp::And(_)) => {
            conjuncts(&binary.left, lets, others);
            conjuncts(&binary.right, lets, others);
        }
        other => others.push(other),
    }
}
