//! `#[derive(__GuardRequired)]`: publishes required-field metadata for an enum whose fields are
//! marked `#[required]`, through the one emitter. Doc-hidden; it lets stateguard's own tests exercise
//! `#[enforce_state_invariants]` end to end without depending on the other macros.

use super::{Metadata, Variant, emit};
use crate::diagnostics::WRONG_ITEM_KIND;
use crate::entry::Outcome;
use proc_macro2::TokenStream;

pub(crate) fn derive(item: TokenStream) -> Outcome {
    let input = match syn::parse2::<syn::DeriveInput>(item) {
        Ok(input) => input,
        Err(errors) => {
            return Outcome::Failed {
                errors,
                fallback: TokenStream::new(),
            };
        }
    };
    let syn::Data::Enum(data) = &input.data else {
        return Outcome::Failed {
            errors: WRONG_ITEM_KIND.at(
                input.ident.span(),
                "`__GuardRequired` only describes enums",
                "",
            ),
            fallback: TokenStream::new(),
        };
    };
    let variants = data
        .variants
        .iter()
        .map(|variant| {
            Variant::new(variant.ident.clone(), &variant.fields, |field| {
                field
                    .attrs
                    .iter()
                    .any(|attribute| attribute.path().is_ident("required"))
            })
        })
        .collect();
    let krate: syn::Path = syn::parse_quote!(::stateguard);
    Outcome::Expanded(emit(&Metadata {
        enum_ident: &input.ident,
        vis: &input.vis,
        generics: &input.generics,
        variants,
        krate: &krate,
    }))
}
