//! `#[typestate(serde)]`: `Serialize` for the erased enum, and `Deserialize` through a private
//! mirror of the record and the checked restore path.

use crate::typestate::model::{Model, restore_bounds, state_field_names};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::Ident;
use syn::ext::IdentExt;

pub(super) fn serde_impls(model: &Model<'_, '_>) -> TokenStream {
    let module = model.module;
    let krate = model.krate;
    let erased = model.erased;
    let record = &model.record;
    let serde = quote!(#krate::__private::serde);
    let serde_path = format!("{}::__private::serde", krate.to_token_stream()).replace(' ', "");
    let mirror = format_ident!("__Guard{}Serde", model.machine);
    let generics = &model.generics;
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    let params = if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    };
    let type_params: Vec<&Ident> = generics.type_params().map(|param| &param.ident).collect();
    let mut serialize_bounds = where_clause.cloned().unwrap_or_else(|| syn::WhereClause {
        where_token: Default::default(),
        predicates: syn::punctuated::Punctuated::new(),
    });
    for param in &type_params {
        serialize_bounds
            .predicates
            .push(syn::parse_quote!(#param: #serde::Serialize));
    }
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
    // Field names as serde sees them: `r#type` is `type`.
    let machine_names: Vec<String> = machine_fields
        .iter()
        .map(|field| field.unraw().to_string())
        .collect();
    let erased_name = erased.unraw().to_string();
    let mut serialize_arms = TokenStream::new();
    let mut mirror_variants = TokenStream::new();
    let mut mirror_arms = TokenStream::new();
    for (index, (state, _)) in model.states().enumerate() {
        let ident = state.ident;
        let name = ident.unraw().to_string();
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let field_names = state_field_names(state);
        let field_strings: Vec<String> = field_names
            .iter()
            .map(|field| field.unraw().to_string())
            .collect();
        let members = state
            .accessors()
            .into_iter()
            .map(|accessor| accessor.member);
        let members: Vec<syn::Member> = members.collect();
        let field_types: Vec<&syn::Type> = state.fields().map(|field| &field.ty).collect();
        let count = machine_fields.len() + field_names.len();
        serialize_arms.extend(quote! {
            Self::#ident(machine) => {
                let mut variant = #serde::Serializer::serialize_struct_variant(
                    serializer, #erased_name, #index, #name, #count,
                )?;
                #(
                    #serde::ser::SerializeStructVariant::serialize_field(
                        &mut variant, #machine_names, &machine.#machine_fields,
                    )?;
                )*
                #(
                    #serde::ser::SerializeStructVariant::serialize_field(
                        &mut variant, #field_strings, &machine.state.#members,
                    )?;
                )*
                #serde::ser::SerializeStructVariant::end(variant)
            }
        });
        mirror_variants.extend(quote! {
            #ident {
                #( #machine_fields: #machine_field_types, )*
                #( #field_names: #field_types, )*
            },
        });
        mirror_arms.extend(quote! {
            #mirror::#ident { #(#machine_fields,)* #(#field_names),* } => {
                #record::#ident { #(#machine_fields,)* #(#field_names),* }
            }
        });
    }
    let mut deserialize_generics = generics.clone();
    deserialize_generics
        .params
        .insert(0, syn::parse_quote!('de));
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    let mut deserialize_bounds = where_clause.cloned().unwrap_or_else(|| syn::WhereClause {
        where_token: Default::default(),
        predicates: syn::punctuated::Punctuated::new(),
    });
    deserialize_bounds
        .predicates
        .push(syn::parse_quote!(#mirror #ty_generics: #serde::Deserialize<'de>));
    deserialize_bounds.predicates.extend(restore_bounds(model));
    quote! {
        #krate::__private::if_serde! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #erased #ty_generics #serialize_bounds {
                fn serialize<__S: #serde::Serializer>(
                    &self,
                    serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    match self {
                        #serialize_arms
                    }
                }
            }

            // Private to the declaring module: the raw shape of stored data, read only here.
            #[derive(#serde::Deserialize)]
            #[serde(crate = #serde_path, rename = #erased_name, deny_unknown_fields)]
            enum #mirror #params #where_clause {
                #mirror_variants
            }

            #[automatically_derived]
            #[allow(private_bounds)]
            impl #deserialize_impl_generics #serde::Deserialize<'de> for #erased #ty_generics #deserialize_bounds {
                fn deserialize<__D: #serde::Deserializer<'de>>(
                    deserializer: __D,
                ) -> ::core::result::Result<Self, __D::Error> {
                    let raw = <#mirror #ty_generics as #serde::Deserialize<'de>>::deserialize(deserializer)?;
                    let record = match raw {
                        #mirror_arms
                    };
                    Self::restore(record).map_err(<__D::Error as #serde::de::Error>::custom)
                }
            }
        }
    }
}
