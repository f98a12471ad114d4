//! Storage forms beyond the record: the record's `state_name()` and serde impls, the flat row (one
//! column per field of any state, the state's name in a tag column: a database row) with its
//! checked restore, and the flat, internally tagged serde form of the erased enum.

use super::serde::{bounded, deserialize_generics, serde_path};
use crate::typestate::flat_check::{Column, StateColumns, columns};
use crate::typestate::model::{Model, restore_bounds, state_field_names, state_pattern};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, Type};

pub(crate) fn emit(model: &Model<'_, '_>) -> TokenStream {
    let mut tokens = record_state_name(model);
    if model.serde {
        tokens.extend(record_serde(model));
    }
    if let Some(tag) = &model.flat_tag {
        let layout = Layout::new(model, tag);
        tokens.extend(row_struct(&layout));
        tokens.extend(row_impl(&layout));
        if model.serde_flat {
            tokens.extend(erased_flat_serde(&layout));
        }
    }
    tokens
}

/// The flat row, laid out once: its name, the tag, the machine's columns and the states'.
struct Layout<'l, 'm, 'a> {
    model: &'l Model<'m, 'a>,
    /// The field holding the state's name.
    tag: &'l Ident,
    /// `OrderRow`
    row: Ident,
    machine_types: Vec<&'a Type>,
    columns: Vec<Column<'a>>,
    per_state: Vec<StateColumns<'a, 'm>>,
    /// `alloc::string::String`, the tag's type.
    string: TokenStream,
}

impl<'l, 'm, 'a> Layout<'l, 'm, 'a> {
    fn new(model: &'l Model<'m, 'a>, tag: &'l Ident) -> Self {
        let krate = model.krate;
        let (columns, per_state) = columns(&model.module.states.states);
        Layout {
            model,
            tag,
            row: format_ident!("{}Row", model.machine),
            machine_types: machine_types(model),
            columns,
            per_state,
            string: quote!(#krate::__private::alloc::string::String),
        }
    }

    fn column_idents(&self) -> Vec<&Ident> {
        self.columns.iter().map(|column| &column.name).collect()
    }

    /// A column's type in the row: `Option<T>`, or the field's own type when it is an `Option`.
    fn column_types(&self) -> Vec<TokenStream> {
        self.columns
            .iter()
            .map(|column| {
                let ty = column.ty;
                if column.optional {
                    quote!(#ty)
                } else {
                    quote!(::core::option::Option<#ty>)
                }
            })
            .collect()
    }

    /// The state's field (as the record names it) in the column at `index`, if it has one.
    fn field_in<'e>(entry: &'e StateColumns<'_, '_>, index: usize) -> Option<&'e Ident> {
        entry
            .fields
            .iter()
            .find(|(_, column_index)| *column_index == index)
            .map(|(field, _)| field)
    }
}

fn machine_types<'a>(model: &Model<'_, 'a>) -> Vec<&'a Type> {
    model
        .module
        .machine
        .fields
        .iter()
        .filter(|field| field.ident.is_some())
        .map(|field| &field.ty)
        .collect()
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

/// The serde tag of the record, when serde uses the flat form.
fn record_tag(model: &Model<'_, '_>) -> Option<String> {
    model
        .flat_tag
        .as_ref()
        .filter(|_| model.serde_flat)
        .map(|tag| tag.unraw().to_string())
}

/// Serialize by reference and Deserialize through a derived mirror, in the form the attribute
/// chose: `{"Paid":{..}}`, or `{"state":"Paid",..}` with `serde(tag = "state")`.
fn record_serde(model: &Model<'_, '_>) -> TokenStream {
    let (serde, serde_text) = serde_path(model);
    let record = &model.record;
    let record_text = record.to_string();
    let mirror = format_ident!("__Guard{}RecordSerde", model.machine);
    let machine_idents = &model.machine_fields;
    let machine_types = machine_types(model);
    let params = &model.params;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let tag = record_tag(model);
    let serialize_arms = model
        .states()
        .enumerate()
        .map(|(index, (state, _))| record_serialize_arm(model, index, state, tag.as_deref()));
    let mirror_variants = model.states().map(|(state, _)| {
        let ident = state.ident;
        let fields = state_field_names(state);
        let types = state.fields().map(|field| &field.ty);
        quote!(#ident { #( #machine_idents: #machine_types, )* #( #fields: #types, )* },)
    });
    let mirror_arms = model.states().map(|(state, _)| {
        let ident = state.ident;
        let fields = state_field_names(state);
        quote! {
            #mirror::#ident { #(#machine_idents,)* #(#fields),* } => Self::#ident { #(#machine_idents,)* #(#fields),* },
        }
    });
    let tag_attr = tag.as_ref().map(|tag| quote!(#[serde(tag = #tag)]));
    let serialize_bounds = bounded(model, &quote!(#serde::Serialize));
    let (deserialize_generics, deserialize_bounds) =
        deserialize_generics(model, &mirror, Vec::new());
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    let krate = model.krate;
    quote! {
        #krate::__private::if_serde! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #record #ty_generics #serialize_bounds {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    match self {
                        #(#serialize_arms)*
                    }
                }
            }

            #[doc(hidden)]
            #[derive(#serde::Deserialize)]
            #[serde(crate = #serde_text, rename = #record_text, deny_unknown_fields)]
            #tag_attr
            enum #mirror #params #where_clause {
                #(#mirror_variants)*
            }

            // The mirror is private: the bound naming it only selects this impl.
            #[automatically_derived]
            #[allow(private_bounds)]
            impl #deserialize_impl_generics #serde::Deserialize<'de> for #record #ty_generics #deserialize_bounds {
                fn deserialize<__D: #serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    ::core::result::Result::Ok(match <#mirror #ty_generics as #serde::Deserialize<'de>>::deserialize(deserializer)? {
                        #(#mirror_arms)*
                    })
                }
            }
        }
    }
}

/// The arm of the record's `serialize` for one state: a struct variant, or a struct with the tag.
fn record_serialize_arm(
    model: &Model<'_, '_>,
    index: usize,
    state: &State<'_>,
    tag: Option<&str>,
) -> TokenStream {
    let serde = serde_path(model).0;
    let record_text = model.record.to_string();
    let machine_idents = &model.machine_fields;
    let machine_names = machine_idents.iter().map(|ident| ident.unraw().to_string());
    let ident = state.ident;
    let name = ident.unraw().to_string();
    let index = u32::try_from(index).unwrap_or(u32::MAX);
    let fields = state_field_names(state);
    let field_names = fields.iter().map(|field| field.unraw().to_string());
    let count = machine_idents.len() + fields.len();
    let body = quote! {
        #( __Serialize::serialize_field(&mut out, #machine_names, #machine_idents)?; )*
        #( __Serialize::serialize_field(&mut out, #field_names, #fields)?; )*
        __Serialize::end(out)
    };
    match tag {
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
    }
}

/// `OrderRow`: the tag, the machine's fields, then one optional column per state field name.
fn row_struct(layout: &Layout<'_, '_, '_>) -> TokenStream {
    let model = layout.model;
    let (machine, erased, row, tag) = (model.machine, model.erased, &layout.row, layout.tag);
    let vis = &model.module.states.item.vis;
    let params = &model.params;
    let where_clause = &model.generics.where_clause;
    let machine_idents = &model.machine_fields;
    let machine_types = &layout.machine_types;
    let string = &layout.string;
    let column_idents = layout.column_idents();
    let column_types = layout.column_types();
    let machine_docs = machine_idents
        .iter()
        .map(|ident| format!("The machine's `{}`.", ident.unraw()));
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
    let column_docs = column_docs(layout);
    quote! {
        #[doc = #row_doc]
        #[derive(Debug, Clone, PartialEq)]
        #vis struct #row #params #where_clause {
            #[doc = #tag_doc]
            pub #tag: #string,
            #( #[doc = #machine_docs] pub #machine_idents: #machine_types, )*
            #( #[doc = #column_docs] pub #column_idents: #column_types, )*
        }
    }
}

/// Per column, the states that have it.
fn column_docs(layout: &Layout<'_, '_, '_>) -> Vec<String> {
    layout
        .columns
        .iter()
        .enumerate()
        .map(|(index, _)| {
            let owners: Vec<String> = layout
                .per_state
                .iter()
                .filter(|entry| Layout::field_in(entry, index).is_some())
                .map(|entry| format!("`{}`", entry.state.ident))
                .collect();
            format!("Present in state {} only.", owners.join(", "))
        })
        .collect()
}

/// `into_row` and `restore_row` on the erased enum.
fn row_impl(layout: &Layout<'_, '_, '_>) -> TokenStream {
    let model = layout.model;
    let (krate, erased, row, tag) = (model.krate, model.erased, &layout.row, layout.tag);
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let machine_idents = &model.machine_fields;
    let column_idents = layout.column_idents();
    let into_arms = layout
        .per_state
        .iter()
        .map(|entry| into_row_arm(layout, entry));
    let restore_arms = layout
        .per_state
        .iter()
        .map(|entry| restore_row_arm(layout, entry));
    let restore_bounds = restore_bounds(model);
    quote! {
        #[allow(dead_code)]
        impl #impl_generics #erased #ty_generics #where_clause {
            /// The machine as a flat row, for storage; [`Self::restore_row`] turns it back.
            #[must_use]
            pub fn into_row(self) -> #row #ty_generics {
                match self {
                    #(#into_arms)*
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
                    #(#restore_arms)*
                    _ => ::core::result::Result::Err(#krate::RestoreError::UnknownState {
                        found: __guard_state,
                        states: Self::STATES,
                    }),
                }
            }
        }
    }
}

/// The arm of `into_row` for one state: its fields in their columns, `None` in the others.
fn into_row_arm(layout: &Layout<'_, '_, '_>, entry: &StateColumns<'_, '_>) -> TokenStream {
    let model = layout.model;
    let (machine, row, tag, string) = (model.machine, &layout.row, layout.tag, &layout.string);
    let machine_idents = &model.machine_fields;
    let ident = entry.state.ident;
    let name = ident.unraw().to_string();
    let pattern = state_pattern(entry.state);
    let values = layout.columns.iter().enumerate().map(|(index, column)| {
        let name = &column.name;
        match Layout::field_in(entry, index) {
            Some(field) if column.optional => quote!(#name: #field),
            Some(field) => quote!(#name: ::core::option::Option::Some(#field)),
            None => quote!(#name: ::core::option::Option::None),
        }
    });
    quote! {
        Self::#ident(#machine { #(#machine_idents,)* state: #pattern }) => #row {
            #tag: #string::from(#name),
            #(#machine_idents,)*
            #(#values,)*
        },
    }
}

/// The arm of `restore_row` for one state name: every column of the state present, none of
/// another's, then `restore`.
fn restore_row_arm(layout: &Layout<'_, '_, '_>, entry: &StateColumns<'_, '_>) -> TokenStream {
    let model = layout.model;
    let (krate, record) = (model.krate, &model.record);
    let machine_idents = &model.machine_fields;
    let ident = entry.state.ident;
    let name = ident.unraw().to_string();
    let mut checks = TokenStream::new();
    let mut required = Vec::new();
    let mut assignments = Vec::new();
    for (index, column) in layout.columns.iter().enumerate() {
        let column_name = &column.name;
        let column_text = column_name.unraw().to_string();
        match Layout::field_in(entry, index) {
            Some(field) if column.optional => assignments.push(quote!(#field: #column_name)),
            Some(field) => {
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
    quote! {
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
    }
}

/// `{"state":"Paid","id":1,"payment_ref":".."}`: serialized by reference, deserialized into the
/// row and restored through `restore_row`.
fn erased_flat_serde(layout: &Layout<'_, '_, '_>) -> TokenStream {
    let model = layout.model;
    let krate = model.krate;
    let (serde, serde_text) = serde_path(model);
    let (erased, row, tag) = (model.erased, &layout.row, layout.tag);
    let erased_text = erased.to_string();
    let mirror = format_ident!("__Guard{}RowSerde", model.machine);
    let machine_idents = &model.machine_fields;
    let machine_types = &layout.machine_types;
    let params = &model.params;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let string = &layout.string;
    let serialize_arms = layout
        .per_state
        .iter()
        .map(|entry| flat_serialize_arm(layout, entry));
    let column_idents = layout.column_idents();
    let column_types = layout.column_types();
    let serialize_bounds = bounded(model, &quote!(#serde::Serialize));
    let (deserialize_generics, deserialize_bounds) =
        deserialize_generics(model, &mirror, restore_bounds(model));
    let (deserialize_impl_generics, _, _) = deserialize_generics.split_for_impl();
    quote! {
        #krate::__private::if_serde! {
            #[automatically_derived]
            impl #impl_generics #serde::Serialize for #erased #ty_generics #serialize_bounds {
                fn serialize<__S: #serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    use #serde::ser::SerializeStruct as __Serialize;
                    match self {
                        #(#serialize_arms)*
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

/// The arm of the flat `serialize` for one state: the tag, the machine's fields, the state's.
fn flat_serialize_arm(layout: &Layout<'_, '_, '_>, entry: &StateColumns<'_, '_>) -> TokenStream {
    let model = layout.model;
    let serde = serde_path(model).0;
    let erased_text = model.erased.to_string();
    let tag_text = layout.tag.unraw().to_string();
    let machine_idents = &model.machine_fields;
    let machine_names = machine_idents.iter().map(|ident| ident.unraw().to_string());
    let ident = entry.state.ident;
    let name = ident.unraw().to_string();
    let accessors = entry.state.accessors();
    let members = accessors.iter().map(|accessor| &accessor.member);
    let names: Vec<String> = entry
        .fields
        .iter()
        .map(|(_, index)| layout.columns[*index].name.unraw().to_string())
        .collect();
    let count = 1 + machine_idents.len() + names.len();
    quote! {
        Self::#ident(machine) => {
            let mut out = #serde::Serializer::serialize_struct(serializer, #erased_text, #count)?;
            __Serialize::serialize_field(&mut out, #tag_text, #name)?;
            #( __Serialize::serialize_field(&mut out, #machine_names, &machine.#machine_idents)?; )*
            #( __Serialize::serialize_field(&mut out, #names, &machine.state.#members)?; )*
            __Serialize::end(out)
        }
    }
}
