//! The erased enum (a machine in any state, for storage and `match`), the record (plain stored
//! data) with the one checked path from it back to a machine, the optional serde impls, and the
//! Mermaid picture of the graph.

use super::expand::{Context, derives, state_field_names, state_pattern};
use super::parse::{Module, State};
use crate::required;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{Generics, Ident};

/// The graph as Mermaid `stateDiagram-v2` text.
pub(crate) fn mermaid(module: &Module<'_>) -> String {
    let mut text = String::from("stateDiagram-v2\n");
    for state in &module.states.states {
        if state.initial.is_some() {
            text.push_str(&format!("    [*] --> {}\n", state.ident.unraw()));
        }
    }
    for state in &module.states.states {
        for transition in &state.transitions {
            text.push_str(&format!(
                "    {} --> {}: {}\n",
                state.ident.unraw(),
                transition.target.unraw(),
                transition.name.unraw()
            ));
        }
    }
    for state in &module.states.states {
        if state.terminal.is_some() {
            text.push_str(&format!("    {} --> [*]\n", state.ident.unraw()));
        }
    }
    text
}

pub(crate) fn erased(context: &Context<'_, '_>) -> TokenStream {
    let module = context.module;
    let erased = context.erased;
    let record = &context.record;
    let machine = context.machine;
    let krate = context.krate;
    let vis = &module.states.item.vis;
    let generics: &Generics = &context.generics;
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
        .filter(|attr| super::parse::is_named(attr, "doc"))
        .collect();
    let other_attrs: Vec<&syn::Attribute> = module
        .states
        .attrs
        .iter()
        .copied()
        .filter(|attr| {
            !super::parse::is_named(attr, "doc") && !super::parse::is_named(attr, "derive")
        })
        .collect();
    let mermaid = &context.mermaid;
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
    let mut required_variants = Vec::new();
    for (state, state_generics) in context.states() {
        let ident = state.ident;
        let name = ident.unraw().to_string();
        let state_type = context.state_type(state, state_generics);
        let machine_type = context.machine_type(&state_type);
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
        let checks = context.rule_checks(state);
        let value = context.state_value(state);
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
        required_variants.push(required::Variant {
            ident: ident.clone(),
            shape: required::Shape::Tuple,
            fields: vec!["0".to_owned()],
            required: vec!["0".to_owned()],
            bindings: vec![required::binding_for_type_name(
                &machine.unraw().to_string(),
            )],
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
    let restore_bounds = restore_bounds(context);
    let required_tokens = required::emit(&required::Metadata {
        enum_ident: erased,
        vis,
        generics,
        variants: required_variants,
        krate,
    });
    let serde = if context.serde && !context.serde_flat {
        serde_impls(context)
    } else {
        TokenStream::new()
    };
    let conversions = conversions(context);
    let operations = super::erased_ops::emit(context);
    let storage = super::flat::emit(context);
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

        #conversions
        #operations
        #storage
        #required_tokens
        #serde
    }
}

/// Where the conversions dispatch: the sealed trait when the machine has no generics (its methods
/// can name `Machine<Self>` then), else a hidden trait over the machine's generics, declared in the
/// user's module so their bounds resolve there.
pub(crate) fn erase_trait(context: &Context<'_, '_>) -> Option<Ident> {
    (!context.generics.params.is_empty()).then(|| format_ident!("__Guard{}Erase", context.machine))
}

/// The two dispatch methods, declared: `prefix` reaches the user's module (`super::` from the
/// sealed module), `bound` is the where clause a method of the sealed trait needs.
pub(crate) fn dispatch_declarations(
    context: &Context<'_, '_>,
    prefix: &TokenStream,
    bound: &TokenStream,
) -> TokenStream {
    let erased = context.erased;
    let (_, ty_generics, _) = context.generics.split_for_impl();
    let machine = context.machine;
    let arguments = super::generics::arguments(&context.generics);
    let machine_type = quote!(#prefix #machine<#(#arguments,)* Self>);
    let erased_type = quote!(#prefix #erased #ty_generics);
    quote! {
        /// The machine, erased into its state's variant.
        fn __guard_into_erased(machine: #machine_type) -> #erased_type #bound;
        /// The machine back, when the erased one is in this state.
        ///
        /// # Errors
        ///
        /// The erased machine, untouched, when it is in another state.
        fn __guard_from_erased(
            erased: #erased_type,
        ) -> ::core::result::Result<#machine_type, #erased_type> #bound;
    }
}

/// The two dispatch methods of `state`: in and out of its variant.
pub(crate) fn dispatch_bodies(context: &Context<'_, '_>, state: &State<'_>) -> TokenStream {
    let erased = context.erased;
    let ident = state.ident;
    let (_, ty_generics, _) = context.generics.split_for_impl();
    let machine = context.machine;
    let arguments = super::generics::arguments(&context.generics);
    let machine_type = quote!(#machine<#(#arguments,)* Self>);
    quote! {
        #[inline]
        fn __guard_into_erased(machine: #machine_type) -> #erased #ty_generics {
            #erased::#ident(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: #erased #ty_generics,
        ) -> ::core::result::Result<#machine_type, #erased #ty_generics> {
            match erased {
                #erased::#ident(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
}

/// `From<Machine<S>>` for the erased enum and `TryFrom<Erased>` for `Machine<S>`: one generic impl
/// each, dispatching through a method every state type implements. (One impl per state would give
/// rustc N impls of one trait for one self type, whose overlap check is quadratic.)
fn conversions(context: &Context<'_, '_>) -> TokenStream {
    let erased = context.erased;
    let state_param = &context.state_param;
    let state_trait = &context.state_trait;
    let (_, ty_generics, _) = context.generics.split_for_impl();
    let arguments = super::generics::arguments(&context.generics);
    let machine_type = context.machine_type(&quote!(#state_param));
    let (dispatch, bound, trait_and_impls) = match erase_trait(context) {
        None => (
            quote!(__guard_sealed::Sealed),
            quote!(#state_trait),
            TokenStream::new(),
        ),
        Some(erase) => {
            let generics = &context.generics;
            let (impl_generics, _, where_clause) = generics.split_for_impl();
            let params = &generics.params;
            let declarations =
                dispatch_declarations(context, &TokenStream::new(), &TokenStream::new());
            let mut tokens = quote! {
                // Private to the declaring module, like the sealed trait it extends.
                trait #erase<#params>: #state_trait + ::core::marker::Sized #where_clause {
                    #declarations
                }
            };
            for (state, state_generics) in context.states() {
                let state_type = context.state_type(state, state_generics);
                let bodies = dispatch_bodies(context, state);
                tokens.extend(quote! {
                    #[automatically_derived]
                    impl #impl_generics #erase<#(#arguments),*> for #state_type #where_clause {
                        #bodies
                    }
                });
            }
            (
                quote!(#erase<#(#arguments),*>),
                quote!(#erase<#(#arguments),*>),
                tokens,
            )
        }
    };
    let generics = super::generics::with_state(&context.generics, state_param, &bound);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    quote! {
        #trait_and_impls
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #impl_generics ::core::convert::From<#machine_type> for #erased #ty_generics #where_clause {
            #[inline]
            fn from(machine: #machine_type) -> Self {
                <#state_param as #dispatch>::__guard_into_erased(machine)
            }
        }
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #impl_generics ::core::convert::TryFrom<#erased #ty_generics> for #machine_type #where_clause {
            /// The erased machine, untouched, when it is in another state.
            type Error = #erased #ty_generics;
            #[inline]
            fn try_from(erased: #erased #ty_generics) -> ::core::result::Result<Self, Self::Error> {
                <#state_param as #dispatch>::__guard_from_erased(erased)
            }
        }
    }
}

fn serde_impls(context: &Context<'_, '_>) -> TokenStream {
    let module = context.module;
    let krate = context.krate;
    let erased = context.erased;
    let record = &context.record;
    let serde = quote!(#krate::__private::serde);
    let serde_path = format!("{}::__private::serde", krate.to_token_stream()).replace(' ', "");
    let mirror = format_ident!("__Guard{}Serde", context.machine);
    let generics = &context.generics;
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
    for (index, (state, _)) in context.states().enumerate() {
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
    deserialize_bounds
        .predicates
        .extend(restore_bounds(context));
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

/// What `restore` checks must implement `Invariant`, for every state.
pub(crate) fn restore_bounds(context: &Context<'_, '_>) -> Vec<syn::WherePredicate> {
    context
        .states()
        .flat_map(|(state, generics)| context.rule_bounds(state, generics))
        .collect()
}
