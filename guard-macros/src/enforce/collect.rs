//! Walking the annotated item: every `match`, `if let`, `while let` and `let … else` inside its
//! fns (nested blocks and closures included) and in the initializers of its `const`s and
//! `static`s is read, its checks are queued on the enclosing block (an initializer that is not a
//! block gets one), and stateguard's helper attributes are removed.

use super::expand::{Check, State};
use super::pattern::{Facts, Lookup, MacroPattern, Position, Probe, Reader};
use super::render::around;
use super::signature::{
    PRIMITIVES, Receiver, Signature, mentions, parameter_names, self_lookup, strip_expr, strip_type,
};
use super::usage::Used;
use crate::diagnostics::Errors;
use crate::diagnostics::enforce::OPT_OUT_WITHOUT_REASON;
use quote::ToTokens;
use syn::visit_mut::VisitMut;

/// The attribute that exempts one arm, `let … else` or `if let`, with a mandatory reason.
pub(super) const OPT_OUT: &str = "allow_unchecked";

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
            signatures: Vec::new(),
            impl_parameters: Vec::new(),
            errors: Errors::default(),
        }
    }

    /// Reads `pattern`, queues a check for each variant it names, and returns what it found.
    fn read(
        &mut self,
        pattern: &syn::Pat,
        scrutinee: &syn::Expr,
        used: &Used,
        context: Context,
    ) -> Facts {
        let mut facts = Facts::default();
        let self_ty = Self::self_type(&self.self_types);
        let scrutinee = self.scrutinee(scrutinee);
        Reader {
            self_ty,
            scrutinee: scrutinee.as_ref(),
            errors: &mut self.errors,
            in_or: false,
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
                        } else if slot.constant {
                            State::Used
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
                Check::CatchAll { .. } | Check::Unreadable { .. } => true,
            })
            .collect();
        self.queue(checks);
        facts
    }

    fn self_type<'s>(
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
    fn scrutinee(&self, expr: &syn::Expr) -> Option<Lookup> {
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
    fn scrutinee_probe(&self, expr: &syn::Expr) -> Option<Probe> {
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
            super::render::render(&path)
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
                Some(Lookup::Published(name))
            }
            _ => None,
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
        let mut named: Vec<(String, Box<Probe>, String)> = Vec::new();
        // Variants named by guarded arms: they do not handle their variant, but they say which
        // enum stands at their position.
        let mut named_guarded: Vec<(String, Box<Probe>)> = Vec::new();
        let scrutinee = self.scrutinee(&expr.expr);
        let mut catch_alls = Vec::new();
        let mut macros = Vec::new();
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
                    scrutinee: scrutinee.as_ref(),
                    errors: &mut quiet,
                    in_or: false,
                }
                .read(&arm.pat, "", &mut facts);
                facts
            } else {
                let mut facts = self.read(&arm.pat, &expr.expr, &used, MATCH_ARM);
                macros.append(&mut facts.macros);
                facts
            };
            let mut catch_all_index = 0;
            for position in facts.positions {
                match position {
                    // A guarded arm does not handle its variant: what the guard rejects falls
                    // through to the next arms.
                    Position::Variant {
                        key,
                        probe,
                        variant,
                    } if !guarded => named.push((key, probe, variant)),
                    Position::Variant { key, probe, .. } => named_guarded.push((key, probe)),
                    Position::CatchAll {
                        key,
                        written,
                        first,
                        last,
                    } if !exempt => {
                        let around = if key.is_empty() {
                            (String::new(), String::new())
                        } else {
                            around(&arm.pat, catch_all_index)
                        };
                        catch_all_index += 1;
                        catch_alls.push((guarded, key, written, around, first, last));
                    }
                    Position::CatchAll { .. } => catch_all_index += 1,
                }
            }
        }
        for mac in macros {
            // Which enum the macro's pattern matches: the one an arm names at its position, or
            // the declared type; otherwise the compiler infers it from the pattern.
            let probe = named
                .iter()
                .map(|(key, probe, _)| (key, probe))
                .chain(named_guarded.iter().map(|(key, probe)| (key, probe)))
                .find(|(key, _)| **key == mac.key)
                .map(|(_, probe)| (**probe).clone());
            self.queue_macro(mac, probe, &expr.expr, MATCH_ARM);
        }
        // An unguarded catch-all takes everything the arms before it leave: it is the one
        // reported when a guarded one stands at the same position.
        catch_alls.sort_by_key(|(guarded, ..)| *guarded);
        let mut seen: Vec<String> = Vec::new();
        for (_, key, written, around, first, last) in catch_alls {
            if seen.contains(&key) {
                continue;
            }
            // Which enum stands at this position: an arm naming one of its variants says so,
            // guarded or not; with none, at the top, the matched value's declared type. A
            // catch-all over a type the check cannot tell is not checked.
            let probe = named
                .iter()
                .find(|(named_key, ..)| *named_key == key)
                .map(|(_, probe, _)| probe.clone())
                .or_else(|| {
                    named_guarded
                        .iter()
                        .find(|(named_key, _)| *named_key == key)
                        .map(|(_, probe)| probe.clone())
                })
                .or_else(|| {
                    if key.is_empty() {
                        self.scrutinee_probe(&expr.expr).map(Box::new)
                    } else {
                        None
                    }
                });
            let Some(probe) = probe else {
                continue;
            };
            let variants = named
                .iter()
                .filter(|(named_key, ..)| *named_key == key)
                .map(|(_, _, variant)| variant.clone())
                .collect();
            seen.push(key);
            self.queue([Check::CatchAll {
                probe: *probe,
                written,
                around,
                named: variants,
                first,
                last,
            }]);
        }
    }

    /// Queues the check of a pattern written by a macro, whose enum is `probe` when known.
    fn queue_macro(
        &mut self,
        mac: MacroPattern,
        probe: Option<Probe>,
        scrutinee: &syn::Expr,
        context: Context,
    ) {
        let top = mac.key.is_empty();
        let declared = probe.or_else(|| {
            if top {
                self.scrutinee_probe(scrutinee)
            } else {
                None
            }
        });
        let probe = match declared {
            Some(probe) => probe,
            // A declared type the check does not look up (a primitive, or one mentioning the
            // generics): inferring it again would fail the same way, so it passes.
            None if top && self.scrutinee(scrutinee).is_some() => return,
            // The check item stands at the start of the block, before a `macro_rules!` defined
            // in the fn's body: such a macro cannot be named there, so its pattern is not checked.
            None if self
                .signatures
                .iter()
                .any(|signature| signature.local_macros.contains(&mac.name)) =>
            {
                return;
            }
            None => Probe {
                lookup: Lookup::InferredPattern(Box::new(mac.pattern.clone())),
                written: String::new(),
            },
        };
        let (before, after) = if mac.key.is_empty() {
            (context.before, context.after)
        } else {
            ("", "")
        };
        self.queue([Check::Unreadable {
            probe,
            written: mac.written,
            before,
            after,
            first: mac.first,
            last: mac.last,
        }]);
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
            let facts = self.read(&binding.pat, &binding.expr, &used_here, context);
            for mac in facts.macros {
                self.queue_macro(mac, None, &binding.expr, context);
            }
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
            format!("write why this code may ignore the required data (the words are yours; reviewers read them): `#[{OPT_OUT}(reason = \"..\")]`"),
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
        }) if path.is_ident("reason") => {
            if text.value().trim().is_empty() {
                Err(OPT_OUT_WITHOUT_REASON.spanning(
                    &text,
                    format!("the reason of `#[{OPT_OUT}]` is empty: it exempts this code from the required-data check, so it must say why"),
                    format!("write why this code may ignore the required data (the words are yours; reviewers read them): `#[{OPT_OUT}(reason = \"..\")]`"),
                ))
            } else {
                Ok(text.value())
            }
        }
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
