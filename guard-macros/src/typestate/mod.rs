//! `#[typestate]`: parse → validate → lower → emit, in one direction.
//!
//! `parse` reads the module into an IR (keeping the user's syn nodes for spans), `validate` checks
//! the graph and the names and collects every error, `model` lowers the module to the names,
//! types and generics every generated part needs, computed once, and `emit` writes each part from
//! the model, one emitter per part. On any error the module is re-emitted without the helper
//! attributes (`fallback`).

mod attrs;
#[cfg(test)]
mod bench;
mod carry;
mod carry_check;
mod emit;
mod fallback;
mod flat_check;
mod generics;
mod model;
mod parse;
#[cfg(test)]
mod tests;
mod validate;

use crate::diagnostics::{Errors, WRONG_ITEM_KIND};
use crate::entry::Outcome;
use proc_macro2::TokenStream;
use syn::spanned::Spanned;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> Outcome {
    // The property-test description, only when stateguard's `proptest` feature asks for it. The
    // expansion snapshots leave it out; `proptest/tests.rs` has its own.
    expand_with(args, item, cfg!(all(feature = "proptest", not(test))))
}

/// [`expand`], with the property-test description or without.
pub(crate) fn expand_with(args: TokenStream, item: TokenStream, proptest: bool) -> Outcome {
    let mut errors = Errors::default();
    let args = parse::args(args, &mut errors);
    let parsed: syn::Item = match syn::parse2(item.clone()) {
        Ok(parsed) => parsed,
        Err(error) => {
            errors.push(error);
            return failed(errors, item);
        }
    };
    let syn::Item::Mod(module_item) = &parsed else {
        errors.push(WRONG_ITEM_KIND.at(
            item_keyword_span(&parsed),
            "`#[typestate]` goes on a module that holds a `#[machine]` struct and a `#[states]` enum",
            "write `#[typestate] pub mod order { #[machine] pub struct Order { .. } #[states] pub enum OrderState { .. } }`",
        ));
        return failed(errors, fallback::fallback(parsed));
    };
    // Carried fields become ordinary fields of their states before anything reads the states.
    let mut carried_item = module_item.clone();
    let carried = carry::expand_fields(&mut carried_item, &mut errors);
    let mut module = parse::module(&carried_item, &mut errors);
    if let Some(module) = &mut module {
        module.carried = carried;
    }
    if module.is_none()
        && let Some((_, items)) = &module_item.content
    {
        for item in items {
            if let syn::Item::Struct(machine) = item
                && machine
                    .attrs
                    .iter()
                    .any(|attr| attrs::is_named(attr, "machine"))
            {
                validate::borrowed_serde(&args, machine, &mut errors);
                break;
            }
        }
    }
    let parsed_cleanly = errors.is_empty();
    let expandable = match &mut module {
        Some(module) => {
            let checked = validate::check(&args, module, &mut errors);
            let before = errors.is_empty();
            flat_check::validate(&args, module, &mut errors);
            carry_check::validate(module, &mut errors);
            checked && parsed_cleanly && (!before || errors.is_empty())
        }
        None => false,
    };
    match (module, errors.finish()) {
        (Some(module), Ok(())) => Outcome::Expanded(emit(&args, &module, proptest)),
        (Some(module), Err(errors)) if expandable => Outcome::Failed {
            errors,
            fallback: emit(&args, &module, proptest),
        },
        (_, Err(errors)) => Outcome::Failed {
            errors,
            fallback: fallback::fallback(parsed.clone()),
        },
        // `parse::module` reports why whenever it returns nothing.
        (None, Ok(())) => Outcome::Expanded(fallback::fallback(parsed.clone())),
    }
}

/// Lowers the validated module and emits its code.
fn emit(args: &parse::Args, module: &parse::Module<'_>, proptest: bool) -> TokenStream {
    emit::emit(&model::Model::new(args, module), proptest)
}

fn failed(errors: Errors, fallback: TokenStream) -> Outcome {
    match errors.finish() {
        Err(errors) => Outcome::Failed { errors, fallback },
        Ok(()) => Outcome::Expanded(fallback),
    }
}

/// The span of what names the item's kind (`struct`, `fn`, ...), falling back to the whole item.
fn item_keyword_span(item: &syn::Item) -> proc_macro2::Span {
    match item {
        syn::Item::Struct(item) => item.struct_token.span,
        syn::Item::Enum(item) => item.enum_token.span,
        syn::Item::Fn(item) => item.sig.fn_token.span,
        syn::Item::Impl(item) => item.impl_token.span,
        syn::Item::Trait(item) => item.trait_token.span,
        _ => item.span(),
    }
}
