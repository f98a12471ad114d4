//! `#[derive(Generate)]`: parse → expand.
//!
//! - [`parse`]: the item's constructors (the struct, or each variant) with each field's strategy
//!   (`#[strategy(expr)]`, else its type's `Generate`), and `#[generate(crate = path)]`; an item
//!   that has no value to draw (a union, an enum without variants, a type that borrows) is reported
//!   here.
//! - [`expand`]: `impl stateguard::proptest::Generate`, inside `if_proptest!` so that it exists only
//!   when stateguard's `proptest` feature is on (the derive costs nothing in a build without tests).

mod expand;
mod parse;

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
    let mut errors = Errors::default();
    let input = parse::parse(&item, &mut errors);
    match (input, errors.finish()) {
        (Some(input), Ok(())) => Outcome::Expanded(expand::expand(&input)),
        (_, result) => Outcome::Failed {
            errors: result.err().unwrap_or_else(|| {
                syn::Error::new(item.ident.span(), "[G0001] internal error in stateguard")
            }),
            fallback: TokenStream::new(),
        },
    }
}
