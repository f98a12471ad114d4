//! The erased enum (a machine in any state, for storage and `match`) and the record (plain stored
//! data) with the one checked path from it back to a machine; the enforce table of the erased
//! enum.

use crate::required;
use crate::typestate::model::{Model, derives, restore_bounds, state_field_names, state_pattern};
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Generics, Ident};

pub(crate) fn erased(model: &Model<'_, '_>) -> TokenStream {
    let module = model.module;
    let erased = model.erased;
    let record = &model.record;
    let machine = model.machine;
    let krate = model.krate;
    let vis = &module.states.item.vis;
    let generics: &Generics = &model.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    let params = if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    };

    // Derives both the machine and the states have make sense on the enum and the record.
    let state_derives = derives(&module.states.attrs);
    let common: Vec<syn::Path> = derives(&module.machine.attrs)
        .into_iter()
        .filter(|path| {
            state_derives.iter().any(|other| {
                other.segments.last().map(|s| &s.ident) == path.segments.last().map(|s| &s.ident)
            })
        })
        .collect();
    let derive = if common.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[derive(#(#common),*)])
    };
    let enum_docs: Vec<&syn::Attribute> = module
        .states
        .attrs
        .iter()
        .copied()
        .filter(|attr| crate::typestate::attrs::is_named(attr, "doc"))
        .collect();
    let other_attrs: Vec<&syn::Attribute> = module
        .states
        .attrs
        .iter()
        .copied()
        .filter(|attr| {
            !crate::typestate::attrs::is_named(attr, "doc")
                && !crate::typestate::attrs::is_named(attr, "derive")
        })
        .collect();
    let mermaid = &model.mermaid;
    let diagram = super::diagram::doc(mermaid);
    let enum_doc = format!(
        "{}The machine [`{machine}`] in any of its states, for storage and `match`. Convert with `From`/`TryFrom`; \
         stored data comes back only through [`{erased}::restore`], which re-checks every invariant.\
         \n\n{diagram}",
        if enum_docs.is_empty() { "" } else { "\n\n" }
    );
    let machine_fields: Vec<&Ident> = module
        .machine
        .fields
        .iter()
        .filter_map(|field| field.ident.as_ref())
        .collect();
    let machine_field_types: Vec<&syn::Type> = module
        .machine
        .fields
        .iter()
        .map(|field| &field.ty)
        .collect();

    let mut variants = TokenStream::new();
    let mut record_variants = TokenStream::new();
    let mut names = Vec::new();
    let mut name_arms = TokenStream::new();
    let mut into_record_arms = TokenStream::new();
    let mut restore_arms = TokenStream::new();
    for (state, state_generics) in model.states() {
        let ident = state.ident;
        let name = ident.unraw().to_string();
        let state_type = model.state_type(state, state_generics);
        let machine_type = model.machine_type(&state_type);
        let variant_doc = format!("A machine in state [`{ident}`].");
        variants.extend(quote! {
            #[doc = #variant_doc]
            #ident(#machine_type),
        });
        let field_names = state_field_names(state);
        let field_types: Vec<&syn::Type> = state.fields().map(|field| &field.ty).collect();
        let record_doc = format!("The stored data of a machine in state [`{ident}`].");
        record_variants.extend(quote! {
            #[doc = #record_doc]
            #ident {
                #(
                    #[allow(missing_docs)]
                    #machine_fields: #machine_field_types,
                )*
                #(
                    #[allow(missing_docs)]
                    #field_names: #field_types,
                )*
            },
        });
        name_arms.extend(quote!(Self::#ident(_) => #name,));
        names.push(name.clone());
        let pattern = state_pattern(state);
        // Patterns and values written in place, without intermediate bindings: an arm per state,
        // so each token saved here is saved a thousand times in a large machine.
        into_record_arms.extend(quote! {
            Self::#ident(#machine { #(#machine_fields,)* state: #pattern }) => {
                #record::#ident { #(#machine_fields,)* #(#field_names),* }
            }
        });
        let checks = model.rule_checks(state);
        let value = model.state_value(state);
        let build = quote!(#machine { #(#machine_fields,)* state: #value });
        let result = if checks.is_empty() {
            quote!(::core::result::Result::Ok(Self::#ident(#build)))
        } else {
            quote! {
                let machine = #build;
                let mut violations = #krate::Violations::new();
                #checks
                match violations.into_result() {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(Self::#ident(machine)),
                    ::core::result::Result::Err(violations) => {
                        ::core::result::Result::Err(#krate::RestoreError::Invalid(violations))
                    }
                }
            }
        };
        restore_arms.extend(quote! {
            #record::#ident { #(#machine_fields,)* #(#field_names),* } => {
                #result
            }
        });
    }
    let record_doc = format!(
        "Plain data of the machine [`{machine}`] in a named state: what storage holds. Anyone can build \
         one; the only way back to a machine is [`{erased}::restore`], which checks it."
    );
    let restore_doc = format!(
        "The one way from stored data back to a machine: rebuilds the [`{machine}`] in the \
         record's state after re-checking the invariants of the machine's and the state's data."
    );
    let restore_bounds = restore_bounds(model);
    quote! {
        #(#enum_docs)*
        #[doc = #enum_doc]
        #derive
        #(#other_attrs)*
        #vis enum #erased #params #where_clause {
            #variants
        }

        #[doc = #record_doc]
        #derive
        #vis enum #record #params #where_clause {
            #record_variants
        }

        #[allow(dead_code)]
        impl #impl_generics #erased #ty_generics #where_clause {
            /// The state graph as Mermaid `stateDiagram-v2` text.
            pub const MERMAID: &'static str = #mermaid;

            /// Every state's name, in declaration order.
            pub const STATES: &'static [&'static str] = &[#(#names),*];

            /// The name of the state the machine is in, such as `"Shipped"`.
            #[must_use]
            #[inline]
            pub fn state_name(&self) -> &'static str {
                match self {
                    #name_arms
                }
            }

            /// The plain data of the machine, for storage; [`Self::restore`] turns it back.
            #[must_use]
            #[inline]
            pub fn into_record(self) -> #record #ty_generics {
                match self {
                    #into_record_arms
                }
            }

            #[doc = #restore_doc]
            ///
            /// # Errors
            ///
            /// `RestoreError::Invalid` with every violation when the data breaks an invariant.
            #[inline]
            pub fn restore(record: #record #ty_generics) -> ::core::result::Result<Self, #krate::RestoreError>
            where
                #(#restore_bounds,)*
            {
                match record {
                    #restore_arms
                }
            }
        }

    }
}

/// The erased enum's table for `#[enforce_state_invariants]`: each variant holds the machine,
/// which a `match` arm must bind.
pub(super) fn enforce_table(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let binding = required::binding_for_type_name(&machine.unraw().to_string());
    let variants = model
        .states()
        .map(|(state, _)| required::Variant {
            ident: state.ident.clone(),
            shape: required::Shape::Tuple,
            fields: vec!["0".to_owned()],
            required: vec!["0".to_owned()],
            bindings: vec![binding.clone()],
        })
        .collect();
    required::emit(&required::Metadata {
        enum_ident: model.erased,
        vis: &model.module.states.item.vis,
        generics: &model.generics,
        variants,
        krate: model.krate,
    })
}
