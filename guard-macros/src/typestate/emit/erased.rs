//! The erased enum (a machine in any state, for storage and `match`) and the record (plain stored
//! data) with the one checked path from it back to a machine; the enforce table of the erased
//! enum.

use crate::required;
use crate::typestate::attrs::is_named;
use crate::typestate::model::{Model, derives, restore_bounds, state_field_names, state_pattern};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;

/// The erased enum, the record, and their inherent impl.
pub(crate) fn erased(model: &Model<'_, '_>) -> TokenStream {
    let derive = shared_derive(model);
    let erased_enum = erased_enum(model, &derive);
    let record_enum = record_enum(model, &derive);
    let erased_impl = erased_impl(model);
    quote! {
        #erased_enum
        #record_enum
        #erased_impl
    }
}

/// Derives both the machine and the states have make sense on the enum and the record.
fn shared_derive(model: &Model<'_, '_>) -> TokenStream {
    let state_derives = derives(&model.module.states.attrs);
    let common: Vec<syn::Path> = derives(&model.module.machine.attrs)
        .into_iter()
        .filter(|path| {
            state_derives.iter().any(|other| {
                other.segments.last().map(|s| &s.ident) == path.segments.last().map(|s| &s.ident)
            })
        })
        .collect();
    if common.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[derive(#(#common),*)])
    }
}

/// `OrderState`: one variant per state, holding the machine; the user's docs and attributes
/// from the `#[states]` enum, then the diagram.
fn erased_enum(model: &Model<'_, '_>, derive: &TokenStream) -> TokenStream {
    let (erased, machine) = (model.erased, model.machine);
    let vis = &model.module.states.item.vis;
    let params = &model.params;
    let where_clause = &model.generics.where_clause;
    let (enum_docs, other_attrs): (Vec<&syn::Attribute>, Vec<&syn::Attribute>) = model
        .module
        .states
        .attrs
        .iter()
        .copied()
        .filter(|attr| !is_named(attr, "derive"))
        .partition(|attr| is_named(attr, "doc"));
    let diagram = super::diagram::doc(&model.mermaid);
    let enum_doc = format!(
        "{}The machine [`{machine}`] in any of its states, for storage and `match`. Convert with `From`/`TryFrom`; \
         stored data comes back only through [`{erased}::restore`], which re-checks every invariant.\
         \n\n{diagram}",
        if enum_docs.is_empty() { "" } else { "\n\n" }
    );
    let variants = model.states().map(|(state, state_generics)| {
        let ident = state.ident;
        let machine_type = model.machine_type(&model.state_type(state, state_generics));
        let variant_doc = format!("A machine in state [`{ident}`].");
        quote! {
            #[doc = #variant_doc]
            #ident(#machine_type),
        }
    });
    quote! {
        #(#enum_docs)*
        #[doc = #enum_doc]
        #derive
        #(#other_attrs)*
        #vis enum #erased #params #where_clause {
            #(#variants)*
        }
    }
}

/// `OrderRecord`: per state, the machine's fields then the state's, all public.
fn record_enum(model: &Model<'_, '_>, derive: &TokenStream) -> TokenStream {
    let (erased, machine, record) = (model.erased, model.machine, &model.record);
    let vis = &model.module.states.item.vis;
    let params = &model.params;
    let where_clause = &model.generics.where_clause;
    let machine_fields = &model.machine_fields;
    let machine_field_types = &model.machine_field_types;
    let variants = model.states().map(|(state, _)| {
        let ident = state.ident;
        let field_names = state_field_names(state);
        let field_types = state.fields().map(|field| &field.ty);
        let record_doc = format!("The stored data of a machine in state [`{ident}`].");
        quote! {
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
        }
    });
    let record_doc = format!(
        "Plain data of the machine [`{machine}`] in a named state: what storage holds. Anyone can build \
         one; the only way back to a machine is [`{erased}::restore`], which checks it."
    );
    quote! {
        #[doc = #record_doc]
        #derive
        #vis enum #record #params #where_clause {
            #(#variants)*
        }
    }
}

/// `MERMAID`, `STATES`, `state_name`, `into_record` and `restore` on the erased enum.
fn erased_impl(model: &Model<'_, '_>) -> TokenStream {
    let erased = model.erased;
    let mermaid = &model.mermaid;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let names: Vec<String> = model
        .states()
        .map(|(state, _)| state.ident.unraw().to_string())
        .collect();
    let name_arms = model.states().zip(&names).map(|((state, _), name)| {
        let ident = state.ident;
        quote!(Self::#ident(_) => #name,)
    });
    let into_record = into_record_fn(model);
    let restore = restore_fn(model);
    quote! {
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
                    #(#name_arms)*
                }
            }

            #into_record

            #restore
        }

    }
}

/// `into_record`: the machine's plain data.
fn into_record_fn(model: &Model<'_, '_>) -> TokenStream {
    let (machine, record) = (model.machine, &model.record);
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let machine_fields = &model.machine_fields;
    // Patterns and values written in place, without intermediate bindings: an arm per state,
    // so each token saved here is saved a thousand times in a large machine.
    let arms = model.states().map(|(state, _)| {
        let ident = state.ident;
        let pattern = state_pattern(state);
        let field_names = state_field_names(state);
        quote! {
            Self::#ident(#machine { #(#machine_fields,)* state: #pattern }) => {
                #record::#ident { #(#machine_fields,)* #(#field_names),* }
            }
        }
    });
    quote! {
        /// The plain data of the machine, for storage; [`Self::restore`] turns it back.
        #[must_use]
        #[inline]
        pub fn into_record(self) -> #record #ty_generics {
            match self {
                #(#arms)*
            }
        }
    }
}

/// `restore`: the one checked way from a record back to a machine.
fn restore_fn(model: &Model<'_, '_>) -> TokenStream {
    let (krate, machine, record) = (model.krate, model.machine, &model.record);
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let restore_doc = format!(
        "The one way from stored data back to a machine: rebuilds the [`{machine}`] in the \
         record's state after re-checking the invariants of the machine's and the state's data."
    );
    let restore_bounds = restore_bounds(model);
    let arms = model.states().map(|(state, _)| restore_arm(model, state));
    quote! {
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
                #(#arms)*
            }
        }
    }
}

/// The arm of `restore` for one state: build the machine, then check its rules, if any.
fn restore_arm(model: &Model<'_, '_>, state: &State<'_>) -> TokenStream {
    let (krate, machine, record) = (model.krate, model.machine, &model.record);
    let ident = state.ident;
    let machine_fields = &model.machine_fields;
    let field_names = state_field_names(state);
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
    quote! {
        #record::#ident { #(#machine_fields,)* #(#field_names),* } => {
            #result
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
