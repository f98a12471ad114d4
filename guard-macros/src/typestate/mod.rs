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
mod markers;
mod model;
mod parse;
mod renames;
#[cfg(test)]
mod tests;
mod validate;

use crate::diagnostics::Errors;
use crate::entry::Outcome;
use proc_macro2::TokenStream;
use syn::spanned::Spanned;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> Outcome {
    // The property-test description, only when stateguard's `proptest` feature asks for it. The
    // expansion snapshots leave it out; `proptest/tests.rs` has its own.
    expand_with(args, item, cfg!(all(feature = "proptest", not(test))))
}

/// [`expand`], with the property-test description or without. Next to errors, the module as
/// their fixes would leave it is expanded in full where that can be done (`fallback::repaired`),
/// so the code that uses the machine reports nothing more.
pub(crate) fn expand_with(args: TokenStream, item: TokenStream, proptest: bool) -> Outcome {
    match run(args.clone(), item.clone(), proptest).0 {
        Outcome::Failed { errors, fallback } => Outcome::Failed {
            errors,
            fallback: shaped(&args, &item, proptest).unwrap_or(fallback),
        },
        expanded @ Outcome::Expanded(_) => expanded,
    }
}

/// The full expansion of the repaired module, with the arguments as written or, failing that,
/// without the ones that cannot be read.
fn shaped(args: &TokenStream, item: &TokenStream, proptest: bool) -> Option<TokenStream> {
    let parsed: syn::Item = syn::parse2(item.clone()).ok()?;
    let (repaired, after) = fallback::repaired(&parsed)?;
    let repaired_tokens = quote::ToTokens::to_token_stream(&repaired);
    [args.clone(), fallback::repaired_args(args, &repaired)]
        .into_iter()
        .find_map(|args| match run(args, repaired_tokens.clone(), proptest) {
            (Outcome::Expanded(mut tokens), _)
            | (
                Outcome::Failed {
                    fallback: mut tokens,
                    ..
                },
                true,
            ) => {
                tokens.extend(after.clone());
                Some(tokens)
            }
            (Outcome::Failed { .. }, false) => None,
        })
}

/// The expansion, or the errors and a fallback; `true` when the fallback is the module's full
/// expansion.
fn run(args: TokenStream, item: TokenStream, proptest: bool) -> (Outcome, bool) {
    let mut errors = Errors::default();
    let args = parse::args(args, &mut errors);
    let parsed: syn::Item = match syn::parse2(item.clone()) {
        Ok(parsed) => parsed,
        Err(error) => {
            errors.push(error);
            return (failed(errors, item), false);
        }
    };
    let syn::Item::Mod(module_item) = &parsed else {
        let states_names = match &parsed {
            syn::Item::Enum(states) => Some(attrs::names_for_states(&states.ident)),
            _ => None,
        };
        errors.push(crate::diagnostics::typestate::typestate_not_on_module(
            &parsed,
            item_keyword_span(&parsed),
            states_names,
        ));
        return (failed(errors, fallback::fallback(parsed)), false);
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
        (Some(module), Ok(())) => (Outcome::Expanded(emit(&args, &module, proptest)), true),
        (Some(module), Err(errors)) if expandable => (
            Outcome::Failed {
                errors,
                fallback: emit(&args, &module, proptest),
            },
            true,
        ),
        (_, Err(errors)) => (
            Outcome::Failed {
                errors,
                fallback: fallback::fallback(parsed.clone()),
            },
            false,
        ),
        // `parse::module` reports why whenever it returns nothing.
        (None, Ok(())) => (Outcome::Expanded(fallback::fallback(parsed.clone())), false),
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
