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
//! [`crate::required::emit`] as a constant table. Two ways to bring the two together were
//! measured on rustc 1.95:
//!
//! - **A metadata `macro_rules!` re-exported under the enum's name**, to which the attribute hands
//!   the arm's tokens. It checks at expansion time with exact spans, but the attribute must know
//!   *which* paths have such a macro: invoking `Ordering!{..}` for an enum without one is a hard
//!   "cannot find macro" error, and no name-resolution fallback exists (a glob fallback would
//!   shadow the real macro). Every non-stateguard enum in checked code would break.
//! - **A free constant item** `const _: () = { .. };` that finds the enum's table and panics with
//!   the diagnostic. Enums without metadata fall back silently; the check runs in `cargo check`
//!   (free constants are evaluated there, inline `const { .. }` blocks are not), in generic fns and
//!   in fns nobody calls.
//!
//! This module takes the second. A free item cannot name `Self`, the fn's generics, nor a local
//! variable's type, so the item finds the table in one of three ways ([`pattern::Lookup`]). For a
//! pattern at the top of a construct matching `self` or a fn parameter the fn never rebinds, the
//! way follows from the declared type (`collect::Walker::scrutinee`): by the type when it can be
//! written in the item, by its name when it mentions the fn's generics. Otherwise it follows from
//! the pattern's path as written:
//!
//! - **by the enum's name** (`OrderStatus::Shipped`, `model::Slot::Filled`: the enum written
//!   bare). [`crate::required::emit`] publishes the table a second time as a hidden constant named
//!   like the enum: a constant lives in the value namespace, the enum in the type namespace, and
//!   every `use` of the enum imports both. The item glob-imports a fallback constant and then
//!   imports the enum's path under the same name; an explicit import shadows a glob import
//!   namespace by namespace, so the name is the enum's table when it publishes one and the
//!   fallback (no table) otherwise. The type is never written, so a generic enum needs no
//!   arguments, and an ordinary enum, generic or not, is left alone. What it costs: a type alias
//!   has a name of its own and publishes nothing, so `Alias::Variant` is not checked. Following
//!   the alias needs its type, and writing (or inferring) the type of a generic enum named bare
//!   fails (E0107, E0282) for every generic enum, ordinary ones included; nothing short of the
//!   type tells an alias from such an enum, so the lookup that never breaks ordinary code won
//!   (the declared type of a matched parameter still follows aliases). Likewise
//!   `use m::Enum::{self}` imports the type namespace only, so it does not bring the constant;
//! - **by the type** (`Self::Shipped` inside an impl, `Slot::<u8>::Filled`): a trait probe (an
//!   inherent constant on `Probe<T>` that exists only when `T: RequiredFields`, with a trait
//!   constant as fallback). `Self` is written as the impl's self type with `()`/`'static` in place
//!   of its parameters;
//! - **by inference** (a single name, `Shipped(_)`: a variant imported with `use Enum::*`, or a
//!   struct). The item holds a closure that is never called, whose parameter's type the compiler
//!   infers from the pattern `Shipped { .. }`; in its body a method call picks `Found<E>` or
//!   `NotFound` by whether `E: RequiredFields` (lookup tries the receiver before its reference, so
//!   no specialisation is needed), and a `const fn` generic over the closure reads the table from
//!   the picked type. What it costs: the type must be fully inferred, so a variant of a *generic*
//!   enum (or a generic struct) named alone makes the compiler ask for type annotations (E0282),
//!   with or without metadata, unless the declared type of the matched value is known. Nothing at
//!   the expansion can tell it from a non-generic one, and no stable mechanism fixes an
//!   unconstrained type parameter (only integer, float and never-type variables have fallbacks).
//!
//! Further costs of the design:
//! - a pattern that writes every field (no `..`) and uses every binding cannot break a rule
//!   whatever the table says, so it gets no check item: this keeps `cargo check` fast and lets
//!   such patterns name a generic struct, or a generic enum's variant, alone;
//! - each check is a constant the compiler type-checks and evaluates: on a generated 5,000-line
//!   module `cargo check` takes 3.1x–4.5x as long as without the attribute (see `docs/benchmarks.md`);
//! - the diagnostic is a const-evaluation error: rustc prints `error[E0080]: evaluation panicked:`
//!   before stateguard's `[G0301] ..` text, and cannot print `help:` as a separate note (it is the
//!   message's second line). The span is exact: the failing call (`enforce::fail`, which is
//!   `#[track_caller]`) is spanned on the user's pattern, so it is the error's primary span, in
//!   cargo's JSON as well;
//! - a catch-all is checked against the enum an arm at its position names, or else the declared
//!   type of `self` or of a parameter when the check can write that type; over any other value
//!   (a field, a type mentioning the generics) it is not checked;
//! - a pattern written by a macro is checked by the same lookups, or through the type the compiler
//!   infers from the macro's pattern, and is rejected only when that type has a table. The
//!   inference fails (E0282) for a macro expanding to `_`, a binding or a generic enum's variant,
//!   and a `macro_rules!` defined in the fn's own body cannot be named by the check: it passes;
//! - which binding is used is decided here, syntactically (see [`usage`]); which fields are required
//!   is decided by the constant, from the table.

#[cfg(test)]
mod bench;
mod collect;
mod expand;
mod naming;
mod pattern;
mod render;
mod signature;
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
            "move it onto the fn, the impl block or the inline `mod` that holds the `match`es (which one is yours to say)",
        ));
    }
    let krate = krate.unwrap_or_else(|| syn::parse_quote!(::stateguard));
    let mut walker = collect::Walker::new(&krate);
    if supported {
        walker.visit_item_mut(&mut checked);
    }
    if let Err(error) = walker.errors.finish() {
        errors.push(error);
    }
    match errors.finish() {
        Ok(()) => Outcome::Expanded(checked.into_token_stream()),
        // The walk wrote the checks of every pattern it could read (an arm with a faulty opt-out
        // counts as exempt), so the compiler reports their failures in this same compile rather
        // than after the attribute's own errors are fixed.
        Err(errors) if supported => Outcome::Failed {
            errors,
            fallback: checked.into_token_stream(),
        },
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
            "`#[enforce_state_invariants]` takes no arguments except `crate = path` (when stateguard is renamed)",
            "write `#[enforce_state_invariants]`, or `#[enforce_state_invariants(crate = ::my_guard)]`",
        )
    };
    let argument: syn::MetaNameValue = syn::parse2(args.clone()).map_err(|_| malformed(&args))?;
    if !argument.path.is_ident("crate") {
        return Err(malformed(&argument.path));
    }
    match argument.value {
        syn::Expr::Path(path) if path.qself.is_none() => {
            if let Some((span, why)) = crate::crate_path::problem(&path.path) {
                return Err(MALFORMED_ATTRIBUTE.at(
                    span,
                    format!("`crate = ..` takes the path of stateguard: {why}"),
                    "write `#[enforce_state_invariants(crate = ::stateguard)]` with the name your Cargo.toml gives stateguard",
                ));
            }
            Ok(Some(path.path))
        }
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

#[cfg(test)]
mod crate_argument_tests {
    use quote::quote;

    #[test]
    fn a_path_no_crate_can_have_is_a_coded_error_on_its_segment() {
        for args in [
            quote!(crate = ::Self),
            quote!(crate = try::reexport),
            quote!(crate = a::<u8>),
        ] {
            let error = super::parse_args(args.clone()).expect_err(&args.to_string());
            assert!(
                error
                    .to_string()
                    .starts_with("[G0002] `crate = ..` takes the path of stateguard"),
                "{error}"
            );
        }
        for args in [
            quote!(crate = ::stateguard),
            quote!(crate = crate::reexport::guard),
        ] {
            assert!(super::parse_args(args).unwrap().is_some());
        }
    }
}
