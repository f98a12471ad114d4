//! `#[derive(Invariant)]`: parse → validate → expand.
//!
//! - [`parse`]: the `#[invariant(..)]` attributes → the IR ([`ir`]) that keeps the user's tokens for spans;
//!   unknown, duplicate and misplaced keys are reported here.
//! - [`validate`]: checks that need the whole item (bounds, field types, `required`, nothing to
//!   check).
//! - [`expand`]: the `impl Invariant` and, for enums with required fields, the metadata.

mod expand;
mod ir;
mod parse;
mod validate;

use crate::diagnostics::Errors;
use crate::entry::Outcome;
use proc_macro2::TokenStream;

pub(crate) fn expand(item: TokenStream) -> Outcome {
    let item: syn::DeriveInput = match syn::parse2(item) {
        Ok(item) => item,
        Err(errors) => {
            return Outcome::Failed {
                errors,
                fallback: TokenStream::new(),
            };
        }
    };
    // rustc never hands a derive `struct S<_>`; a token stream that does gets syn's own words and
    // no fallback, which would repeat the `_` where Rust allows none.
    if let Some(param) = item.generics.params.iter().find(|param| match param {
        syn::GenericParam::Type(param) => param.ident == "_",
        syn::GenericParam::Const(param) => param.ident == "_",
        syn::GenericParam::Lifetime(_) => false,
    }) {
        return Outcome::Failed {
            errors: syn::Error::new_spanned(param, "expected an identifier, found `_`"),
            fallback: TokenStream::new(),
        };
    }
    let mut errors = Errors::default();
    let input = parse::parse(&item, &mut errors);
    if let Some(input) = &input {
        validate::validate(input, &mut errors);
    }
    match (input, errors.finish()) {
        (Some(input), Ok(())) => Outcome::Expanded(expand::expand(&input)),
        (input, result) => {
            let krate = input
                .as_ref()
                .map_or_else(|| syn::parse_quote!(::stateguard), expand::krate);
            Outcome::Failed {
                errors: result.err().unwrap_or_else(|| {
                    syn::Error::new(item.ident.span(), "[G0001] internal error in stateguard")
                }),
                fallback: expand::fallback(&item, &krate),
            }
        }
    }
}

#[cfg(test)]
mod tests;
