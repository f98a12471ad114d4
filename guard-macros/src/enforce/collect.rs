//! Walking the annotated item: every `match`, `if let`, `while let` and `let … else` inside its
//! fns (nested blocks and closures included) and in the initializers of its `const`s and
//! `static`s is read, its checks are queued on the enclosing block (an initializer that is not a
//! block gets one), and guard's helper attributes are removed.

use super::expand::{Check, State};
use super::pattern::{Facts, Position, Reader};
use super::usage::Used;
use crate::diagnostics::Errors;
use crate::diagnostics::enforce::OPT_OUT_WITHOUT_REASON;
use syn::visit_mut::VisitMut;

/// The attribute that exempts one arm, `let … else` or `if let`, with a mandatory reason.
pub(super) const OPT_OUT: &str = "allow_unchecked";

pub(super) struct Walker<'a> {
    krate: &'a syn::Path,
    /// The placeholder type `Self` stands for in each enclosing impl, or why it cannot be named.
    self_types: Vec<Result<syn::Type, &'static str>>,
    /// The checks of each enclosing block, innermost last.
    frames: Vec<Vec<Check>>,
    pub(super) errors: Errors,
}

/// How a construct is shown in a fix: what comes before and after the pattern.
#[derive(Clone, Copy)]
struct Context {
    before: &'static str,
    after: &'static str,
    /// Around a use of a binding, after the pattern: ` => ` and ``.
    body_open: &'static str,
    body_close: &'static str,
}

const MATCH_ARM: Context = Context {
    before: "",
    after: " => ...",
    body_open: " => ",
    body_close: "",
};
const IF_LET: Context = Context {
    before: "if let ",
    after: " = ...",
    body_open: " = ... { ",
    body_close: " }",
};
const WHILE_LET: Context = Context {
    before: "while let ",
    after: " = ...",
    body_open: " = ... { ",
    body_close: " }",
};
const LET_ELSE: Context = Context {
    before: "let ",
    after: " = ... else { ... };",
    body_open: " = ... else { ... }; ",
    body_close: ";",
};

impl<'a> Walker<'a> {
    pub(super) fn new(krate: &'a syn::Path) -> Self {
        Self {
            krate,
            self_types: Vec::new(),
            frames: Vec::new(),
            errors: Errors::default(),
        }
    }

    /// Reads `pattern`, queues a check for each variant it names, and returns what it found.
    fn read(&mut self, pattern: &syn::Pat, used: &Used, context: Context) -> Facts {
        let mut facts = Facts::default();
        let self_ty = Self::self_type(&self.self_types);
        Reader {
            self_ty,
            errors: &mut self.errors,
        }
        .read(pattern, "", &mut facts);
        let checks = facts.variants.drain(..).map(|pattern| {
            let states = pattern
                .slots
                .iter()
                .map(|slot| {
                    let state = if slot.bindings.is_empty() {
                        if slot.wildcard {
                            State::Wildcard
                        } else {
                            State::Unbound
                        }
                    } else if slot
                        .bindings
                        .iter()
                        .any(|name| !name.starts_with('_') && used.contains(name))
                    {
                        State::Used
                    } else if slot.bindings.iter().all(|name| name.starts_with('_')) {
                        State::Underscored
                    } else {
                        State::Unused
                    };
                    (state, slot.bindings.first().cloned().unwrap_or_default())
                })
                .collect();
            // A variant nested in a larger pattern is shown on its own in the fix.
            let (before, after) = if pattern.nested {
                ("", "")
            } else {
                (context.before, context.after)
            };
            Check::Variant {
                pattern,
                states,
                before,
                after,
                body_open: context.body_open,
                body_close: context.body_close,
            }
        });
        // A pattern that writes every field (no `..`) and uses every binding cannot break a rule,
        // whatever the table says: it needs no check item (nor does a unit variant).
        let checks: Vec<Check> = checks
            .filter(|check| match check {
                Check::Variant {
                    pattern, states, ..
                } => {
                    pattern.rest
                        || states
                            .iter()
                            .any(|(state, _)| !matches!(state, State::Used))
                }
                Check::CatchAll { .. } => true,
            })
            .collect();
        self.queue(checks);
        facts
    }

    fn self_type<'s>(
        self_types: &'s [Result<syn::Type, &'static str>],
    ) -> Result<&'s syn::Type, &'static str> {
        match self_types.last() {
            Some(Ok(ty)) => Ok(ty),
            Some(Err(why)) => Err(why),
            None => Err(
                "the attribute is on this fn, not on the `impl` block, so it does not see what `Self` is",
            ),
        }
    }

    fn queue(&mut self, checks: impl IntoIterator<Item = Check>) {
        if let Some(frame) = self.frames.last_mut() {
            frame.extend(checks);
        }
    }

    /// Removes the opt-out attribute from `attrs`; `true` when it was there (with a reason).
    fn opted_out(&mut self, attrs: &mut Vec<syn::Attribute>) -> bool {
        let mut found = false;
        let mut index = 0;
        while index < attrs.len() {
            if attrs[index].path().is_ident(OPT_OUT) {
                let attribute = attrs.remove(index);
                if let Err(error) = reason(&attribute) {
                    self.errors.push(error);
                }
                found = true;
            } else {
                index += 1;
            }
        }
        found
    }

    fn check_match(&mut self, expr: &mut syn::ExprMatch) {
        let mut named: Vec<(String, Box<super::pattern::Probe>, String)> = Vec::new();
        let mut catch_alls = Vec::new();
        for arm in &mut expr.arms {
            let exempt = self.opted_out(&mut arm.attrs);
            let mut used = Used::default();
            let guard = match &arm.pat {
                syn::Pat::Guard(guarded) => Some(&*guarded.guard),
                _ => None,
            };
            if let Some(guard) = guard {
                used.expr(guard);
            }
            used.expr(&arm.body);
            let guarded = guard.is_some();
            let facts = if exempt {
                let mut facts = Facts::default();
                let mut quiet = Errors::default();
                let self_ty = Self::self_type(&self.self_types);
                Reader {
                    self_ty,
                    errors: &mut quiet,
                }
                .read(&arm.pat, "", &mut facts);
                facts
            } else {
                self.read(&arm.pat, &used, MATCH_ARM)
            };
            for position in facts.positions {
                match position {
                    // A guarded arm does not handle its variant: what the guard rejects falls
                    // through to the next arms.
                    Position::Variant {
                        key,
                        probe,
                        variant,
                    } if !guarded => named.push((key, probe, variant)),
                    Position::Variant { .. } => {}
                    Position::CatchAll {
                        key,
                        written,
                        first,
                        last,
                    } if !exempt => catch_alls.push((key, written, first, last)),
                    Position::CatchAll { .. } => {}
                }
            }
        }
        let mut seen: Vec<String> = Vec::new();
        for (key, written, first, last) in catch_alls {
            if seen.contains(&key) {
                continue;
            }
            let Some((_, probe, _)) = named.iter().find(|(named_key, ..)| *named_key == key) else {
                continue;
            };
            let probe = probe.clone();
            let variants = named
                .iter()
                .filter(|(named_key, ..)| *named_key == key)
                .map(|(_, _, variant)| variant.clone())
                .collect();
            seen.push(key);
            self.queue([Check::CatchAll {
                probe: *probe,
                written,
                named: variants,
                first,
                last,
            }]);
        }
    }

    fn check_conditional(
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
            self.read(&binding.pat, &used_here, context);
        }
    }

    fn check_let_else(&mut self, stmts: &mut [syn::Stmt]) {
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
        self.read(&local.pat, &used, LET_ELSE);
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

/// The reason of an opt-out attribute, which must be a non-empty string.
fn reason(attribute: &syn::Attribute) -> syn::Result<String> {
    let missing = || {
        OPT_OUT_WITHOUT_REASON.spanning(
            attribute,
            format!("`#[{OPT_OUT}]` exempts this code from the required-data check, so it must say why"),
            format!("write the reason reviewers will read: `#[{OPT_OUT}(reason = \"the carrier API re-sends the tracking id\")]`"),
        )
    };
    let syn::Meta::List(list) = &attribute.meta else {
        return Err(missing());
    };
    let Ok(syn::MetaNameValue { path, value, .. }) = list.parse_args::<syn::MetaNameValue>() else {
        return Err(missing());
    };
    match value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) if path.is_ident("reason") && !text.value().trim().is_empty() => Ok(text.value()),
        _ => Err(missing()),
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

/// The impl's self type with its generic parameters replaced by `()` and `'static`, so that a
/// free constant item can name it; an error when it has const parameters.
fn placeholder_self(item: &syn::ItemImpl) -> Result<syn::Type, &'static str> {
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
        syn::visit_mut::visit_impl_item_fn_mut(self, function);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        self.self_types.push(placeholder_self(item));
        syn::visit_mut::visit_item_impl_mut(self, item);
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
