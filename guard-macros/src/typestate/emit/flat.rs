//! Storage forms beyond the record: the record's `state_name()` and serde impls, the flat row (one
//! column per field of any state, the state's name in a tag column: a database row) with its
//! checked restore, and the flat, internally tagged serde form of the erased enum.

use crate::typestate::flat_check::columns;
use crate::typestate::model::Model;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, Type};

pub(crate) fn emit(model: &Model<'_, '_>) -> TokenStream {
    let mut tokens = record_state_name(model);
    if model.serde {
        tokens.extend(record_serde(model));
    }
    if let Some(tag) = &model.flat_tag {
        tokens.extend(row(model, tag));
        if model.serde_flat {
            tokens.extend(erased_flat_serde(model, tag));
        }
    }
    tokens
}

fn machine_fields<'c>(model: &'c Model<'_, '_>) -> (Vec<&'c Ident>, Vec<&'c Type>) {
    model
        .module
        .machine
        .fields
        .iter()
        .filter_map(|field| field.ident.as_ref().map(|ident| (ident, &field.ty)))
        .unzip()
}

fn record_state_name(model: &Model<'_, '_>) -> TokenStream {
    let record = &model.record;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let arms = model.states().map(|(state, _)| {
        let ident = state.ident;
        let name = ident.unraw().to_string();
        quote!(Self::#ident { .. } => #name,)
    });
    quote! {
        #[allow(dead_code)]
        impl #impl_generics #record #ty_generics #where_clause {
            /// The name of the state the record is in, such as `"Shipped"`.
            #[must_use]
            pub fn state_name(&self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn serde_path(model: &Model<'_, '_>) -> (TokenStream, String) {
    let krate = model.krate;
    (
        quote!(#krate::__private::serde),
        format!("{}::__private::serde", krate.to_token_stream()).replace(' ', ""),
    )
}

/// `where` with the machine's predicates plus `bound` on each type parameter.
fn bounded(model: &Model<'_, '_>, bound: &TokenStream) -> syn::WhereClause {
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

fn params(model: &Model<'_, '_>) -> TokenStream {
    let params = &model.generics.params;
    if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    }
}

/// Serialize by reference and Deserialize through a derived mirror, in the form the attribute
/// chose: `{"Paid":{..}}`, or `{"state":"Paid",..}` with `serde(tag = "state")`.
fn record_serde(model: &Model<'_, '_>) -> TokenStream {
    let (serde, serde_text) = serde_path(model);
    let record = &model.record;
    let record_text = record.to_string();
    let mirror = format_ident!("__Guard{}RecordSerde", model.machine);
    let (machine_idents, machine_types) = machine_fields(model);
    let machine_names: Vec<String> = machine_idents
        .iter()
        .map(|ident| ident.unraw().to_string())
        .collect();
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let tag = model
        .flat_tag
        .as_ref()
        .filter(|_| model.serde_flat)
        .map(|tag| tag.unraw().to_string());
    let mut serialize_arms = TokenStream::new();
    let mut mirror_variants = TokenStream::new();
    let mut mirror_arms = TokenStream::new();
    for (index, (state, _)) in model.states().enumerate() {
        let ident = state.ident;
        let name = ident.unraw().to_string();
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let (fields, types): (Vec<Ident>, Vec<&Type>) = state
            .fields()
            .enumerate()
            .map(|(position, field)| {
                (
                    field
                        .ident
                        .clone()
                        .unwrap_or_else(|| format_ident!("field_{position}")),
                    &field.ty,
                )
            })
            .unzip();
        let field_names: Vec<String> = fields
            .iter()
            .map(|field| field.unraw().to_string())
            .collect();
        let count = machine_idents.len() + fields.len();
        let body = quote! {
            #( __Serialize::serialize_field(&mut out, #machine_names, #machine_idents)?; )*
            #( __Serialize::serialize_field(&mut out, #field_names, #fields)?; )*
            __Serialize::end(out)
        };
        serialize_arms.extend(match &tag {
            None => quote! {
                Self::#ident { #(#machine_idents,)* #(#fields),* } => {
                    use #serde::ser::SerializeStructVariant as __Serialize;
                    let mut out = #serde::Serializer::serialize_struct_variant(serializer, #record_text, #index, #name, #count)?;
                    #body
                }
            },
            Some(tag) => quote! {
                Self::#ident { #(#machine_idents,)* #(#fields),* } => {
                    use #serde::ser::SerializeStruct as __Serialize;
                    let mut out = #serde::Serializer::serialize_struct(serializer, #record_text, #count + 1)?;
                    __Serialize::serialize_field(&mut out, #tag, #name)?;
                    #body
                }
            },
        });
        mirror_variants.extend(quote! {
            #ident { #( #machine_idents: #machine_types, )* #( #fields: #types, )* },
        });
        mirror_arms.extend(quote! {
            #mirror::#ident { #(#machine_idents,)* #(#fields),* } => Self::#ident { #(#machine_idents,)* #(#fields),* },
        });
    }
    let tag_attr = tag.as_ref().map(|tag| quote!(#[serde(tag = #tag)]));
    let serialize_bounds = bounded(model, &quote!(#serde::Serialize));
    let mut deserialize_generics = model.generics.clone();
    deserialize_generics
        .params
        .insert(0, syn::parse_quote!('de));
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    let mut deserialize_bounds = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    deserialize_bounds
        .predicates
        .push(syn::parse_quote!(#mirror #ty_generics: #serde::Deserialize<'de>));
    let params = params(model);
    let krate = model.krate;
    quote! {
        #krate::__private::if_serde! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #record #ty_generics #serialize_bounds {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    match self {
                        #serialize_arms
                    }
                }
            }

            #[doc(hidden)]
            #[derive(#serde::Deserialize)]
            #[serde(crate = #serde_text, rename = #record_text, deny_unknown_fields)]
            #tag_attr
            enum #mirror #params #where_clause {
                #mirror_variants
            }

            // The mirror is private: the bound naming it only selects this impl.
            #[automatically_derived]
            #[allow(private_bounds)]
            impl #deserialize_impl_generics #serde::Deserialize<'de> for #record #ty_generics #deserialize_bounds {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    ::core::result::Result::Ok(match <#mirror #ty_generics as #serde::Deserialize<'de>>::deserialize(deserializer)? {
                        #mirror_arms
                    })
                }
            }
        }
    }
}

/// `OrderRow`, `OrderState::into_row` and `OrderState::restore_row`.
fn row(model: &Model<'_, '_>, tag: &Ident) -> TokenStream {
    let krate = model.krate;
    let erased = model.erased;
    let machine = model.machine;
    let record = &model.record;
    let row = format_ident!("{}Row", model.machine);
    let vis = &model.module.states.item.vis;
    let (machine_idents, machine_types) = machine_fields(model);
    let (columns, per_state) = columns(&model.module.states.states);
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let params = params(model);
    let string = quote!(#krate::__private::alloc::string::String);
    let column_idents: Vec<&Ident> = columns.iter().map(|column| &column.name).collect();
    let column_fields = columns.iter().map(|column| {
        let name = &column.name;
        let ty = column.ty;
        let ty = if column.optional {
            quote!(#ty)
        } else {
            quote!(::core::option::Option<#ty>)
        };
        quote!(pub #name: #ty,)
    });
    let machine_docs = machine_idents
        .iter()
        .map(|ident| format!("The machine's `{}`.", ident.unraw()));
    let mut into_arms = TokenStream::new();
    let mut restore_arms = TokenStream::new();
    for entry in &per_state {
        let state = entry.state;
        let ident = state.ident;
        let name = ident.unraw().to_string();
        let pattern = crate::typestate::model::state_pattern(state);
        let values = columns.iter().enumerate().map(|(index, column)| {
            let name = &column.name;
            match entry
                .fields
                .iter()
                .find(|(_, column_index)| *column_index == index)
            {
                Some((field, _)) if column.optional => quote!(#name: #field),
                Some((field, _)) => quote!(#name: ::core::option::Option::Some(#field)),
                None => quote!(#name: ::core::option::Option::None),
            }
        });
        into_arms.extend(quote! {
            Self::#ident(#machine { #(#machine_idents,)* state: #pattern }) => #row {
                #tag: #string::from(#name),
                #(#machine_idents,)*
                #(#values,)*
            },
        });
        let mut checks = TokenStream::new();
        let mut required = Vec::new();
        let mut assignments = Vec::new();
        for (index, column) in columns.iter().enumerate() {
            let column_name = &column.name;
            let column_text = column_name.unraw().to_string();
            match entry
                .fields
                .iter()
                .find(|(_, column_index)| *column_index == index)
            {
                Some((field, _)) if column.optional => {
                    assignments.push(quote!(#field: #column_name))
                }
                Some((field, _)) => {
                    checks.extend(quote! {
                        if #column_name.is_none() { __guard_missing.push(#column_text); }
                    });
                    required.push(column_name);
                    assignments.push(quote!(#field: #column_name));
                }
                None => checks.extend(quote! {
                    if #column_name.is_some() { __guard_foreign.push(#column_text); }
                }),
            }
        }
        restore_arms.extend(quote! {
            #name => {
                let mut __guard_missing = #krate::__private::alloc::vec::Vec::new();
                let mut __guard_foreign = #krate::__private::alloc::vec::Vec::new();
                #checks
                match (#(#required,)*) {
                    (#(::core::option::Option::Some(#required),)*) if __guard_foreign.is_empty() => {
                        Self::restore(#record::#ident { #(#machine_idents,)* #(#assignments),* })
                    }
                    _ => ::core::result::Result::Err(#krate::RestoreError::Fields {
                        state: #name,
                        missing: __guard_missing,
                        foreign: __guard_foreign,
                    }),
                }
            }
        });
    }
    let restore_bounds = crate::typestate::model::restore_bounds(model);
    let tag_text = tag.unraw().to_string();
    let row_doc = format!(
        "The flat form of [`{machine}`], one column per field: what a database row holds. The state's \
         name is in `{tag_text}`; the fields of states other than it are `None`. Anyone can build one; \
         [`{erased}::restore_row`] is the checked way back."
    );
    let tag_doc = format!(
        "The state's name, such as `\"{}\"`.",
        model
            .module
            .states
            .states
            .first()
            .map(|state| state.ident.unraw().to_string())
            .unwrap_or_default()
    );
    let column_docs = columns.iter().map(|column| {
        let owners: Vec<String> = per_state
            .iter()
            .filter(|entry| {
                entry
                    .fields
                    .iter()
                    .any(|(_, index)| columns[*index].name == column.name)
            })
            .map(|entry| format!("`{}`", entry.state.ident))
            .collect();
        format!("Present in state {} only.", owners.join(", "))
    });
    quote! {
        #[doc = #row_doc]
        #[derive(Debug, Clone, PartialEq)]
        #vis struct #row #params #where_clause {
            #[doc = #tag_doc]
            pub #tag: #string,
            #( #[doc = #machine_docs] pub #machine_idents: #machine_types, )*
            #( #[doc = #column_docs] #column_fields )*
        }

        #[allow(dead_code)]
        impl #impl_generics #erased #ty_generics #where_clause {
            /// The machine as a flat row, for storage; [`Self::restore_row`] turns it back.
            #[must_use]
            pub fn into_row(self) -> #row #ty_generics {
                match self {
                    #into_arms
                }
            }

            /// The checked way from a flat row back to a machine: the state must be one of the
            /// machine's, the row must hold every field of that state and no field of another,
            /// and the data must keep every invariant.
            ///
            /// # Errors
            ///
            /// `RestoreError::UnknownState`, `RestoreError::Fields` (what is missing, what is
            /// foreign) or `RestoreError::Invalid` with every violation.
            pub fn restore_row(row: #row #ty_generics) -> ::core::result::Result<Self, #krate::RestoreError>
            where
                #(#restore_bounds,)*
            {
                let #row { #tag: __guard_state, #(#machine_idents,)* #(#column_idents,)* } = row;
                match __guard_state.as_str() {
                    #restore_arms
                    _ => ::core::result::Result::Err(#krate::RestoreError::UnknownState {
                        found: __guard_state,
                        states: Self::STATES,
                    }),
                }
            }
        }
    }
}

/// `{"state":"Paid","id":1,"payment_ref":".."}`: serialized by reference, deserialized into the
/// row and restored through `restore_row`.
fn erased_flat_serde(model: &Model<'_, '_>, tag: &Ident) -> TokenStream {
    let krate = model.krate;
    let (serde, serde_text) = serde_path(model);
    let erased = model.erased;
    let erased_text = erased.to_string();
    let row = format_ident!("{}Row", model.machine);
    let mirror = format_ident!("__Guard{}RowSerde", model.machine);
    let (machine_idents, machine_types) = machine_fields(model);
    let machine_names: Vec<String> = machine_idents
        .iter()
        .map(|ident| ident.unraw().to_string())
        .collect();
    let (columns, per_state) = columns(&model.module.states.states);
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let params = params(model);
    let tag_text = tag.unraw().to_string();
    let string = quote!(#krate::__private::alloc::string::String);
    let mut serialize_arms = TokenStream::new();
    for entry in &per_state {
        let ident = entry.state.ident;
        let name = ident.unraw().to_string();
        let accessors = entry.state.accessors();
        let members: Vec<&syn::Member> =
            accessors.iter().map(|accessor| &accessor.member).collect();
        let names: Vec<String> = entry
            .fields
            .iter()
            .map(|(_, index)| columns[*index].name.unraw().to_string())
            .collect();
        let count = 1 + machine_idents.len() + names.len();
        serialize_arms.extend(quote! {
            Self::#ident(machine) => {
                let mut out = #serde::Serializer::serialize_struct(serializer, #erased_text, #count)?;
                __Serialize::serialize_field(&mut out, #tag_text, #name)?;
                #( __Serialize::serialize_field(&mut out, #machine_names, &machine.#machine_idents)?; )*
                #( __Serialize::serialize_field(&mut out, #names, &machine.state.#members)?; )*
                __Serialize::end(out)
            }
        });
    }
    let column_idents: Vec<&Ident> = columns.iter().map(|column| &column.name).collect();
    let column_types = columns.iter().map(|column| {
        let ty = column.ty;
        if column.optional {
            quote!(#ty)
        } else {
            quote!(::core::option::Option<#ty>)
        }
    });
    let serialize_bounds = bounded(model, &quote!(#serde::Serialize));
    let mut deserialize_generics = model.generics.clone();
    deserialize_generics
        .params
        .insert(0, syn::parse_quote!('de));
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    let mut deserialize_bounds = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    deserialize_bounds
        .predicates
        .push(syn::parse_quote!(#mirror #ty_generics: #serde::Deserialize<'de>));
    deserialize_bounds
        .predicates
        .extend(crate::typestate::model::restore_bounds(model));
    quote! {
        #krate::__private::if_serde! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #erased #ty_generics #serialize_bounds {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    use #serde::ser::SerializeStruct as __Serialize;
                    match self {
                        #serialize_arms
                    }
                }
            }

            #[doc(hidden)]
            #[derive(#serde::Deserialize)]
            #[serde(crate = #serde_text, rename = #erased_text, deny_unknown_fields)]
            struct #mirror #params #where_clause {
                #tag: #string,
                #( #machine_idents: #machine_types, )*
                #( #[serde(default)] #column_idents: #column_types, )*
            }

            #[automatically_derived]
            #[allow(private_bounds)]
            impl #deserialize_impl_generics #serde::Deserialize<'de> for #erased #ty_generics #deserialize_bounds {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    let #mirror { #tag, #(#machine_idents,)* #(#column_idents,)* } =
                        <#mirror #ty_generics as #serde::Deserialize<'de>>::deserialize(deserializer)?;
                    Self::restore_row(#row { #tag, #(#machine_idents,)* #(#column_idents,)* })
                        .map_err(<__D::Error as #serde::de::Error>::custom)
                }
            }
        }
    }
}
