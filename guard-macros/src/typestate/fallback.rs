//! The fallback emitted next to errors: the user's module without `#[typestate]`'s helper
//! attributes, so one mistake does not cascade into errors about unknown attributes.

use super::parse::{HELPER_ATTRIBUTES, is_named, misspelled_helper};
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Item};

/// The module without any of `#[typestate]`'s helper attributes (nor `#[invariant]`, whose derive
/// is only added on success), so that one mistake does not cascade into unrelated errors.
pub(crate) fn fallback(mut item: Item) -> TokenStream {
    fn strip(attrs: &mut Vec<Attribute>) {
        attrs.retain(|attr| {
            !HELPER_ATTRIBUTES.iter().any(|name| is_named(attr, name))
                && !is_named(attr, "invariant")
        });
        // A hand-written `#[derive(Invariant)]` (G0114) would now find no rules and add errors.
        for attr in attrs.iter_mut() {
            if is_named(attr, "derive")
                && let Ok(paths) =
                    attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                && paths.iter().any(is_invariant)
            {
                let kept: Punctuated<syn::Path, syn::Token![,]> = paths
                    .into_iter()
                    .filter(|path| !is_invariant(path))
                    .collect();
                *attr = syn::parse_quote!(#[derive(#kept)]);
            }
        }
    }
    fn is_invariant(path: &syn::Path) -> bool {
        path.segments
            .last()
            .is_some_and(|segment| segment.ident == "Invariant")
    }
    fn strip_fields(fields: &mut Fields) {
        for field in fields.iter_mut() {
            strip(&mut field.attrs);
        }
    }
    if let Item::Mod(module) = &mut item
        && let Some((_, items)) = &mut module.content
    {
        for entry in items {
            match entry {
                Item::Struct(entry) => {
                    strip(&mut entry.attrs);
                    strip_fields(&mut entry.fields);
                }
                Item::Enum(entry) => {
                    // Generics belong on the machine (G0113); without a field using them they
                    // would only add "parameter is never used".
                    if entry.attrs.iter().any(|attr| is_named(attr, "states")) {
                        entry.generics = syn::Generics::default();
                    }
                    let is_states = entry.attrs.iter().any(|attr| is_named(attr, "states"));
                    strip(&mut entry.attrs);
                    for variant in &mut entry.variants {
                        strip(&mut variant.attrs);
                        if is_states {
                            // Already reported with a did-you-mean; rustc would add "cannot find".
                            variant
                                .attrs
                                .retain(|attr| misspelled_helper(attr).is_none());
                        }
                        strip_fields(&mut variant.fields);
                    }
                }
                Item::Const(entry) => strip(&mut entry.attrs),
                Item::Fn(entry) => strip(&mut entry.attrs),
                Item::Type(entry) => strip(&mut entry.attrs),
                Item::Trait(entry) => strip(&mut entry.attrs),
                Item::Static(entry) => strip(&mut entry.attrs),
                Item::Union(entry) => strip(&mut entry.attrs),
                _ => {}
            }
        }
    }
    item.into_token_stream()
}
