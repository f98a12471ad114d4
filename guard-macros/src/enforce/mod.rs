//! `#[enforce_state_invariants]`: a `match` arm may not ignore a state's required data.
//!
//! Reads in one direction: [`collect`] walks the annotated fn, impl block or module and reads every
//! `match`, `if let`, `while let` and `let … else` ([`pattern`] reads the patterns, [`usage`] the
//! names each arm uses); [`expand`] writes one check per pattern; the item comes back unchanged
//! apart from those checks and the removed `#[allow_unchecked(..)]` attributes.
//!
//! # The cross-item design, and its trade-off
//!
//! The attribute sees only tokens: in `OrderStatus::Shipped(_) => ..` it knows the path, not the
//! enum's fields nor whether they are required. That knowledge lives with the enum, published by
//! [`crate::required::emit`] as an implementation of `guard_core::RequiredFields` (a constant
//! table). Two ways to bring the two together were measured on rustc 1.95:
//!
//! - **A metadata `macro_rules!` re-exported under the enum's name**, to which the attribute hands
//!   the arm's tokens. It checks at expansion time with exact spans, but the attribute must know
//!   *which* paths have such a macro: invoking `Ordering!{..}` for an enum without one is a hard
//!   "cannot find macro" error, and no name-resolution fallback exists (a glob fallback would
//!   shadow the real macro). Every non-guard enum in checked code would break.
//! - **A free constant item** `const _: () = { .. };` that looks the enum's table up through a
//!   trait probe (an inherent constant on `Probe<T>` that exists only when `T: RequiredFields`, with a
//!   trait constant as fallback) and panics with the diagnostic. Enums without metadata fall back
//!   silently; the check runs in `cargo check` (free constants are evaluated there, inline
//!   `const { .. }` blocks are not), in generic fns and in fns nobody calls; and the metadata travels
//!   with the type, so another module, another crate, a `use`, or a `type` alias just work.
//!
//! This module takes the second. What it costs:
//! - a free item cannot name `Self` or the fn's generics, so `Self::Variant` inside an impl is
//!   written as the impl's self type with `()`/`'static` in place of its parameters, and an enum
//!   with type parameters must be named with its arguments (`Wrapper::<u8>::Ready(..)`), through
//!   `Self`, or a type alias, when its pattern needs a check (see below); the well-known generic
//!   enums of the standard library (`Option`, `Result`, `Cow`, `Entry`, `Bound`, `Poll`,
//!   `ControlFlow`) and `Either` are looked through;
//! - a pattern that writes every field (no `..`) and uses every binding cannot break a rule
//!   whatever the table says, so it gets no check item: this keeps `cargo check` fast and lets
//!   such patterns name generic enums bare;
//! - each check is a constant the compiler type-checks and evaluates: on a generated 5,000-line
//!   module `cargo check` went from about 0.08 s to about 0.45 s (see `docs/benchmarks.md`);
//! - the diagnostic is a const-evaluation error: rustc prints `error[E0080]: evaluation panicked:`
//!   before guard's `[G0301] ..` text, and cannot print `help:` as a separate note (it is the
//!   message's second line). The span is exact: the panic is spanned on the user's pattern;
//! - which binding is used is decided here, syntactically (see [`usage`]); which fields are required
//!   is decided by the constant, from the table.

#[cfg(test)]
mod bench;
mod collect;
mod expand;
mod pattern;
mod render;
#[cfg(test)]
mod tests;
mod usage;

use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, WRONG_ITEM_KIND};
use crate::entry::Outcome;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::VisitMut;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> Outcome {
    let mut errors = Errors::default();
    let krate = errors.take(parse_args(args)).flatten();
    let mut checked = match syn::parse2::<syn::Item>(item.clone()) {
        Ok(checked) => checked,
        Err(error) => {
            return Outcome::Failed {
                errors: error,
                fallback: item,
            };
        }
    };
    let supported = match &checked {
        syn::Item::Fn(_) | syn::Item::Impl(_) => true,
        syn::Item::Mod(module) => module.content.is_some(),
        _ => false,
    };
    if !supported {
        errors.push(WRONG_ITEM_KIND.spanning(
            item_keyword(&checked),
            "`#[enforce_state_invariants]` checks the `match`es inside fns: it goes on a fn, an impl block, or a module written inline",
            "put it on the fn, impl block or `mod name { .. }` that holds the matches: `#[enforce_state_invariants] fn ship(order: &mut Order) { .. }`",
        ));
    }
    let krate = krate.unwrap_or_else(|| syn::parse_quote!(::guard_core));
    let mut walker = collect::Walker::new(&krate);
    if supported {
        walker.visit_item_mut(&mut checked);
    }
    if let Err(error) = walker.errors.finish() {
        errors.push(error);
    }
    match errors.finish() {
        Ok(()) => Outcome::Expanded(checked.into_token_stream()),
        // The walk changed `checked`; the fallback is the item as written, minus our attributes.
        Err(errors) => Outcome::Failed {
            errors,
            fallback: syn::parse2::<syn::Item>(item.clone())
                .map_or(item, without_helper_attributes),
        },
    }
}

/// `crate = path`, or nothing.
fn parse_args(args: TokenStream) -> syn::Result<Option<syn::Path>> {
    if args.is_empty() {
        return Ok(None);
    }
    let malformed = |tokens: &dyn ToTokens| {
        MALFORMED_ATTRIBUTE.spanning(
            tokens,
            "`#[enforce_state_invariants]` takes no arguments except `crate = path` (when guard-core is renamed)",
            "write `#[enforce_state_invariants]`, or `#[enforce_state_invariants(crate = ::my_guard)]`",
        )
    };
    let argument: syn::MetaNameValue = syn::parse2(args.clone()).map_err(|_| malformed(&args))?;
    if !argument.path.is_ident("crate") {
        return Err(malformed(&argument.path));
    }
    match argument.value {
        syn::Expr::Path(path) if path.qself.is_none() => Ok(Some(path.path)),
        other => Err(malformed(&other)),
    }
}

/// The tokens to underline for an unsupported item: its keyword and name.
fn item_keyword(item: &syn::Item) -> TokenStream {
    let mut tokens = item.to_token_stream().into_iter().skip_while(
        |token| !matches!(token, proc_macro2::TokenTree::Ident(ident) if ident != "pub"),
    );
    tokens.next().into_iter().chain(tokens.next()).collect()
}

/// The item with every `#[allow_unchecked(..)]` removed, so that a mistake in one arm does not
/// add "cannot find attribute" errors.
fn without_helper_attributes(mut item: syn::Item) -> TokenStream {
    strip(&mut item);
    item.into_token_stream()
}

fn strip(item: &mut syn::Item) {
    struct Strip;
    impl VisitMut for Strip {
        fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
            arm.attrs
                .retain(|attribute| !attribute.path().is_ident(collect::OPT_OUT));
            syn::visit_mut::visit_arm_mut(self, arm);
        }
        fn visit_local_mut(&mut self, local: &mut syn::Local) {
            local
                .attrs
                .retain(|attribute| !attribute.path().is_ident(collect::OPT_OUT));
            syn::visit_mut::visit_local_mut(self, local);
        }
        fn visit_expr_if_mut(&mut self, expr: &mut syn::ExprIf) {
            expr.attrs
                .retain(|attribute| !attribute.path().is_ident(collect::OPT_OUT));
            syn::visit_mut::visit_expr_if_mut(self, expr);
        }
        fn visit_expr_while_mut(&mut self, expr: &mut syn::ExprWhile) {
            expr.attrs
                .retain(|attribute| !attribute.path().is_ident(collect::OPT_OUT));
            syn::visit_mut::visit_expr_while_mut(self, expr);
        }
    }
    Strip.visit_item_mut(item);
}
