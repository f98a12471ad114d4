//! `#[typestate(serde)]`: `Serialize` for the erased enum, and `Deserialize` through a private
//! mirror of the record and the checked restore path. Also the serde helpers the record's and the
//! flat row's serde impls share (`flat.rs`).

use crate::typestate::model::{Model, restore_bounds, state_field_names};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::Ident;
use syn::ext::IdentExt;

/// The erased enum's `Serialize`, the private mirror of the record and the `Deserialize` that
/// reads the mirror and restores.
pub(super) fn serde_impls(model: &Model<'_, '_>) -> TokenStream {
    let krate = model.krate;
    let mirror = format_ident!("__Guard{}Serde", model.machine);
    let serialize = serialize_impl(model);
    let mirror_enum = mirror_enum(model, &mirror);
    let deserialize = deserialize_impl(model, &mirror);
    quote! {
        #krate::__private::if_serde! {
            #serialize
            #mirror_enum
            #deserialize
        }
    }
}

/// `stateguard::__private::serde`, as a path and as the text `serde(crate = ..)` takes.
pub(super) fn serde_path(model: &Model<'_, '_>) -> (TokenStream, String) {
    let krate = model.krate;
    (
        quote!(#krate::__private::serde),
        format!("{}::__private::serde", krate.to_token_stream()).replace(' ', ""),
    )
}

/// `where` with the machine's predicates plus `bound` on each type parameter.
pub(super) fn bounded(model: &Model<'_, '_>, bound: &TokenStream) -> syn::WhereClause {
    let mut clause = model
        .generics
        .where_clause
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(where));
    for param in model.generics.type_params() {
        let ident = &param.ident;
        clause.predicates.push(syn::parse_quote!(#ident: #bound));
    }
    clause
}

/// The generics of a `Deserialize<'de>` impl that reads through `mirror`: `'de` first, then the
/// machine's, with the mirror's `Deserialize` as a bound (and `extra`).
pub(super) fn deserialize_generics(
    model: &Model<'_, '_>,
    mirror: &Ident,
    extra: Vec<syn::WherePredicate>,
) -> (syn::Generics, syn::WhereClause) {
    let serde = serde_path(model).0;
    let (_, ty_generics, where_clause) = model.generics.split_for_impl();
    let mut generics = model.generics.clone();
    generics.params.insert(0, syn::parse_quote!('de));
    let mut bounds = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    bounds
        .predicates
        .push(syn::parse_quote!(#mirror #ty_generics: #serde::Deserialize<'de>));
    bounds.predicates.extend(extra);
    (generics, bounds)
}

/// `Serialize for OrderState`: each state as a struct variant of the machine's and the state's
/// fields, read in place.
fn serialize_impl(model: &Model<'_, '_>) -> TokenStream {
    let serde = serde_path(model).0;
    let erased = model.erased;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let serialize_bounds = bounded(model, &quote!(#serde::Serialize));
    let arms = model
        .states()
        .enumerate()
        .map(|(index, (state, _))| serialize_arm(model, index, state));
    quote! {
        #[automatically_derived]
        impl #impl_generics #serde::Serialize for #erased #ty_generics #serialize_bounds {
            fn serialize<__S: #serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn serialize_arm(model: &Model<'_, '_>, index: usize, state: &State<'_>) -> TokenStream {
    let serde = serde_path(model).0;
    let erased_name = model.erased.unraw().to_string();
    let machine_fields = &model.machine_fields;
    // Field names as serde sees them: `r#type` is `type`.
    let machine_names = machine_fields.iter().map(|field| field.unraw().to_string());
    let ident = state.ident;
    let name = ident.unraw().to_string();
    let index = u32::try_from(index).unwrap_or(u32::MAX);
    let field_names = state_field_names(state);
    let field_strings = field_names.iter().map(|field| field.unraw().to_string());
    let members = state
        .accessors()
        .into_iter()
        .map(|accessor| accessor.member);
    let count = machine_fields.len() + field_names.len();
    quote! {
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
    }
}

/// The raw shape of stored data: the record's variants, deriving `Deserialize`.
fn mirror_enum(model: &Model<'_, '_>, mirror: &Ident) -> TokenStream {
    let (serde, serde_path) = serde_path(model);
    let erased_name = model.erased.unraw().to_string();
    let params = &model.params;
    let where_clause = &model.generics.where_clause;
    let machine_fields = &model.machine_fields;
    let machine_field_types = &model.machine_field_types;
    let variants = model.states().map(|(state, _)| {
        let ident = state.ident;
        let field_names = state_field_names(state);
        let field_types = state.fields().map(|field| &field.ty);
        quote! {
            #ident {
                #( #machine_fields: #machine_field_types, )*
                #( #field_names: #field_types, )*
            },
        }
    });
    quote! {
        // Private to the declaring module: the raw shape of stored data, read only here.
        #[derive(#serde::Deserialize)]
        #[serde(crate = #serde_path, rename = #erased_name, deny_unknown_fields)]
        enum #mirror #params #where_clause {
            #(#variants)*
        }
    }
}

/// `Deserialize for OrderState`: the mirror, turned into the record, then `restore`.
fn deserialize_impl(model: &Model<'_, '_>, mirror: &Ident) -> TokenStream {
    let serde = serde_path(model).0;
    let (erased, record) = (model.erased, &model.record);
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let (deserialize_generics, deserialize_bounds) =
        deserialize_generics(model, mirror, restore_bounds(model));
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    let machine_fields = &model.machine_fields;
    let arms = model.states().map(|(state, _)| {
        let ident = state.ident;
        let field_names = state_field_names(state);
        quote! {
            #mirror::#ident { #(#machine_fields,)* #(#field_names),* } => {
                #record::#ident { #(#machine_fields,)* #(#field_names),* }
            }
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #deserialize_impl_generics #serde::Deserialize<'de> for #erased #ty_generics #deserialize_bounds {
            fn deserialize<__D: #serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                let raw = <#mirror #ty_generics as #serde::Deserialize<'de>>::deserialize(deserializer)?;
                let record = match raw {
                    #(#arms)*
                };
                Self::restore(record).map_err(<__D::Error as #serde::de::Error>::custom)
            }
        }
    }
}
