//! Storage forms beyond the record: the record's `state_name()` and serde impls, the flat row (one
//! column per field of any state, the state's name in a tag column: a database row) with its
//! checked restore, and the flat, internally tagged serde form of the erased enum.

use super::expand::Context;
use super::parse::{Args, Module, State};
use crate::diagnostics::typestate::NAME_CLASH;
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::{Ident, Type};

/// Reads `(tag = "state")` after `serde` or `flat`.
pub(crate) fn parse_tag(
    meta: &syn::meta::ParseNestedMeta<'_>,
    option: &str,
) -> syn::Result<syn::LitStr> {
    let mut tag = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("tag") {
            tag = Some(inner.value()?.parse::<syn::LitStr>()?);
            Ok(())
        } else {
            Err(MALFORMED_ATTRIBUTE.spanning(
                &inner.path,
                format!(
                    "`{option}(..)` has no option `{}`",
                    inner.path.to_token_stream()
                ),
                format!("write `#[typestate({option}(tag = \"state\"))]`"),
            ))
        }
    })?;
    tag.ok_or_else(|| {
        MALFORMED_ATTRIBUTE.spanning(
            &meta.path,
            format!("`{option}(..)` needs the name of the field that holds the state"),
            format!("write `#[typestate({option}(tag = \"state\"))]`"),
        )
    })
}

/// One column of the flat row: a field of one or more states.
struct Column<'a> {
    /// The column's name: the state field's getter name (`payment_ref`, or `failed` for a tuple
    /// state `Failed(String)`).
    name: Ident,
    ty: &'a Type,
    /// The field's type is an `Option`: absent is `None`, so it is never missing.
    optional: bool,
}

/// A state's fields as the record names them (`payment_ref`, `field_0`) and their column.
struct StateColumns<'a, 'm> {
    state: &'m State<'a>,
    /// (record field name, column index)
    fields: Vec<(Ident, usize)>,
}

fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|segment| segment.ident == "Option"))
}

/// The columns, and each state's fields among them; the first clash of two states declaring one
/// name with different types keeps the first type (the clash is reported by `validate`).
fn columns<'a, 'm>(states: &'m [State<'a>]) -> (Vec<Column<'a>>, Vec<StateColumns<'a, 'm>>) {
    let mut columns: Vec<Column<'a>> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_state = Vec::new();
    for state in states {
        let mut fields = Vec::new();
        for (position, accessor) in state.accessors().into_iter().enumerate() {
            let key = accessor.name.unraw().to_string();
            let index = *by_name.entry(key).or_insert_with(|| {
                columns.push(Column {
                    name: accessor.name.clone(),
                    ty: &accessor.field.ty,
                    optional: is_option(&accessor.field.ty),
                });
                columns.len() - 1
            });
            let record_name = accessor
                .field
                .ident
                .clone()
                .unwrap_or_else(|| format_ident!("field_{position}"));
            fields.push((record_name, index));
        }
        per_state.push(StateColumns { state, fields });
    }
    (columns, per_state)
}

/// The tag must be an identifier and name no field of the machine or of a state.
pub(crate) fn validate(args: &Args, module: &Module<'_>, errors: &mut Errors) {
    let Some(tag) = &args.flat else { return };
    let tag_text = tag.value();
    if syn::parse_str::<Ident>(&tag_text).is_err() {
        errors.push(MALFORMED_ATTRIBUTE.spanning(
            tag,
            format!("the tag {tag_text:?} is not a Rust identifier, so it cannot name the flat row's field"),
            "write a field name, such as `tag = \"state\"`",
        ));
        return;
    }
    let machine_names: Vec<String> = module
        .machine
        .fields
        .iter()
        .filter_map(|field| field.ident.as_ref().map(|ident| ident.unraw().to_string()))
        .collect();
    if machine_names.contains(&tag_text) {
        errors.push(NAME_CLASH.spanning(
            tag,
            format!("the tag `{tag_text}` is also a field of the machine, so the flat row would have it twice"),
            "name the tag after no field, such as `tag = \"status\"`",
        ));
    }
    // Two states giving one name two types, or a state field named like a machine field, are
    // already errors of their getters (G0111); only the tag is the row's own.
    for state in &module.states.states {
        for accessor in state.accessors() {
            if accessor.name.unraw() == tag_text {
                errors.push(NAME_CLASH.spanning(
                    &accessor.name,
                    format!(
                        "`{tag_text}` of state `{}` would be a second `{tag_text}` in the flat row, beside the tag",
                        state.ident
                    ),
                    "name the tag after no field, such as `tag = \"status\"`",
                ));
            }
        }
    }
}

pub(crate) fn emit(context: &Context<'_, '_>) -> TokenStream {
    let mut tokens = record_state_name(context);
    if context.serde {
        tokens.extend(record_serde(context));
    }
    if let Some(tag) = &context.flat_tag {
        tokens.extend(row(context, tag));
        if context.serde_flat {
            tokens.extend(erased_flat_serde(context, tag));
        }
    }
    tokens
}

fn machine_fields<'c>(context: &'c Context<'_, '_>) -> (Vec<&'c Ident>, Vec<&'c Type>) {
    context
        .module
        .machine
        .fields
        .iter()
        .filter_map(|field| field.ident.as_ref().map(|ident| (ident, &field.ty)))
        .unzip()
}

fn record_state_name(context: &Context<'_, '_>) -> TokenStream {
    let record = &context.record;
    let (impl_generics, ty_generics, where_clause) = context.generics.split_for_impl();
    let arms = context.states().map(|(state, _)| {
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

fn serde_path(context: &Context<'_, '_>) -> (TokenStream, String) {
    let krate = context.krate;
    (
        quote!(#krate::__private::serde),
        format!("{}::__private::serde", krate.to_token_stream()).replace(' ', ""),
    )
}

/// `where` with the machine's predicates plus `bound` on each type parameter.
fn bounded(context: &Context<'_, '_>, bound: &TokenStream) -> syn::WhereClause {
    let mut clause = context
        .generics
        .where_clause
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(where));
    for param in context.generics.type_params() {
        let ident = &param.ident;
        clause.predicates.push(syn::parse_quote!(#ident: #bound));
    }
    clause
}

fn params(context: &Context<'_, '_>) -> TokenStream {
    let params = &context.generics.params;
    if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    }
}

/// Serialize by reference and Deserialize through a derived mirror, in the form the attribute
/// chose: `{"Paid":{..}}`, or `{"state":"Paid",..}` with `serde(tag = "state")`.
fn record_serde(context: &Context<'_, '_>) -> TokenStream {
    let (serde, serde_text) = serde_path(context);
    let record = &context.record;
    let record_text = record.to_string();
    let mirror = format_ident!("__Guard{}RecordSerde", context.machine);
    let vis = &context.module.states.item.vis;
    let (machine_idents, machine_types) = machine_fields(context);
    let machine_names: Vec<String> = machine_idents
        .iter()
        .map(|ident| ident.unraw().to_string())
        .collect();
    let (impl_generics, ty_generics, where_clause) = context.generics.split_for_impl();
    let tag = context
        .flat_tag
        .as_ref()
        .filter(|_| context.serde_flat)
        .map(|tag| tag.unraw().to_string());
    let mut serialize_arms = TokenStream::new();
    let mut mirror_variants = TokenStream::new();
    let mut mirror_arms = TokenStream::new();
    for (index, (state, _)) in context.states().enumerate() {
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
    let serialize_bounds = bounded(context, &quote!(#serde::Serialize));
    let mut deserialize_generics = context.generics.clone();
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
    let params = params(context);
    let krate = context.krate;
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
            #vis enum #mirror #params #where_clause {
                #mirror_variants
            }

            #[automatically_derived]
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
fn row(context: &Context<'_, '_>, tag: &Ident) -> TokenStream {
    let krate = context.krate;
    let erased = context.erased;
    let machine = context.machine;
    let record = &context.record;
    let row = format_ident!("{}Row", context.machine);
    let vis = &context.module.states.item.vis;
    let (machine_idents, machine_types) = machine_fields(context);
    let (columns, per_state) = columns(&context.module.states.states);
    let (impl_generics, ty_generics, where_clause) = context.generics.split_for_impl();
    let params = params(context);
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
        let pattern = super::expand::state_pattern(state);
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
    let restore_bounds = super::erased::restore_bounds(context);
    let tag_text = tag.unraw().to_string();
    let row_doc = format!(
        "The flat form of [`{machine}`], one column per field: what a database row holds. The state's \
         name is in `{tag_text}`; the fields of states other than it are `None`. Anyone can build one; \
         [`{erased}::restore_row`] is the checked way back."
    );
    let tag_doc = format!(
        "The state's name, such as `\"{}\"`.",
        context
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
fn erased_flat_serde(context: &Context<'_, '_>, tag: &Ident) -> TokenStream {
    let krate = context.krate;
    let (serde, serde_text) = serde_path(context);
    let erased = context.erased;
    let erased_text = erased.to_string();
    let row = format_ident!("{}Row", context.machine);
    let mirror = format_ident!("__Guard{}RowSerde", context.machine);
    let vis = &context.module.states.item.vis;
    let (machine_idents, machine_types) = machine_fields(context);
    let machine_names: Vec<String> = machine_idents
        .iter()
        .map(|ident| ident.unraw().to_string())
        .collect();
    let (columns, per_state) = columns(&context.module.states.states);
    let (impl_generics, ty_generics, where_clause) = context.generics.split_for_impl();
    let params = params(context);
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
    let serialize_bounds = bounded(context, &quote!(#serde::Serialize));
    let mut deserialize_generics = context.generics.clone();
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
        .extend(super::erased::restore_bounds(context));
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
            #vis struct #mirror #params #where_clause {
                #tag: #string,
                #( #machine_idents: #machine_types, )*
                #( #[serde(default)] #column_idents: #column_types, )*
            }

            #[automatically_derived]
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
