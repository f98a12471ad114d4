//! Carried data: `#[carry(payment_ref)]` on a state gives it the field `payment_ref` of the state it
//! is entered from, moved across the transition; the transition's arguments are the state's own
//! fields only.
//!
//! The field is declared once, on the state where it first appears; its type is taken from there.
//! Before parsing, each carried field is appended to its state's variant, so everything that reads
//! a state's fields (getters, records, rows, serde, rules) sees it as an ordinary field. Only the
//! transitions into the state differ: they take the carried values from the source state through a
//! hidden trait each source implements, and on a rejection they put them back, so the machine comes
//! back exactly as it was.

use super::expand::{Context, TransitionInfo, state_pattern};
use super::parse::{Module, State, is_named};
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, did_you_mean};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Fields, Ident, Item, ItemMod, Token, Type};

/// Per state name: the fields it carries, spanned on their names in `#[carry(..)]`.
pub(crate) type Carried = BTreeMap<String, Vec<Ident>>;

/// Appends each carried field to its state and removes the `#[carry(..)]` attributes.
pub(crate) fn expand_fields(item: &mut ItemMod, errors: &mut Errors) -> Carried {
    let mut carried = Carried::new();
    let Some((_, items)) = &mut item.content else {
        return carried;
    };
    let Some(states) = items.iter_mut().find_map(|entry| match entry {
        Item::Enum(entry) if entry.attrs.iter().any(|attr| is_named(attr, "states")) => Some(entry),
        _ => None,
    }) else {
        return carried;
    };
    // Where each field name is declared, first declaration first.
    let mut declared: BTreeMap<String, (Type, String)> = BTreeMap::new();
    for variant in &states.variants {
        for field in &variant.fields {
            if let Some(name) = &field.ident {
                declared
                    .entry(name.unraw().to_string())
                    .or_insert_with(|| (field.ty.clone(), variant.ident.to_string()));
            }
        }
    }
    let names: Vec<String> = declared.keys().cloned().collect();
    for variant in &mut states.variants {
        let mut requested = Vec::new();
        variant.attrs.retain(|attr| {
            if !is_named(attr, "carry") {
                return true;
            }
            match attr.parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated) {
                Ok(list) if !list.is_empty() => requested.extend(list),
                _ => errors.push(MALFORMED_ATTRIBUTE.spanning(
                    attr,
                    "`#[carry(..)]` lists the fields this state keeps from the state it is entered from",
                    "write `#[carry(payment_ref)]`",
                )),
            }
            false
        });
        if requested.is_empty() {
            continue;
        }
        if matches!(variant.fields, Fields::Unnamed(_)) {
            errors.push(MALFORMED_ATTRIBUTE.spanning(
                &requested[0],
                format!(
                    "`{}` has unnamed fields, so a carried field has no name to go by",
                    variant.ident
                ),
                format!(
                    "give `{}` named fields: `{} {{ .. }}`",
                    variant.ident, variant.ident
                ),
            ));
            continue;
        }
        let mut added = Punctuated::<syn::Field, Token![,]>::new();
        for name in &requested {
            let key = name.unraw().to_string();
            let own = variant.fields.iter().any(|field| {
                field
                    .ident
                    .as_ref()
                    .is_some_and(|ident| ident.unraw() == key)
            });
            match declared.get(&key) {
                _ if own => errors.push(MALFORMED_ATTRIBUTE.spanning(
                    name,
                    format!(
                        "`{}` declares `{key}` itself and also carries it",
                        variant.ident
                    ),
                    format!(
                        "remove `{key}` from `#[carry(..)]`, or the field from `{}`",
                        variant.ident
                    ),
                )),
                Some((ty, _)) => {
                    let field =
                        syn::parse::Parser::parse2(syn::Field::parse_named, quote!(#name: #ty));
                    if let Some(field) = errors.take(field) {
                        added.push(field);
                    }
                }
                None => {
                    let hint = did_you_mean(&key, names.iter().map(String::as_str))
                        .map_or_else(String::new, |close| format!(" (did you mean `{close}`?)"));
                    errors.push(MALFORMED_ATTRIBUTE.spanning(
                        name,
                        format!(
                            "no state declares a field `{key}` for `{}` to carry{hint}",
                            variant.ident
                        ),
                        format!(
                            "declare `{key}: Type` on the state `{}` is entered from",
                            variant.ident
                        ),
                    ));
                }
            }
        }
        match &mut variant.fields {
            Fields::Named(named) => named.named.extend(added),
            Fields::Unit => {
                variant.fields = Fields::Named(syn::FieldsNamed {
                    brace_token: syn::token::Brace::default(),
                    named: added,
                });
            }
            Fields::Unnamed(_) => {}
        }
        carried.insert(variant.ident.to_string(), requested);
    }
    carried
}

/// Every state a transition into a carrying state leaves from must have the carried fields, with
/// the same type; an initial state has nothing to carry from.
pub(crate) fn validate(module: &Module<'_>, errors: &mut Errors) {
    for target in &module.states.states {
        let Some(names) = module.carried.get(&target.ident.to_string()) else {
            continue;
        };
        if target.initial.is_some() {
            errors.push(MALFORMED_ATTRIBUTE.spanning(
                &names[0],
                format!(
                    "`{}` is initial, so it is entered from no state to carry fields from",
                    target.ident
                ),
                format!(
                    "remove `#[carry(..)]` from `{}` and declare the fields on it",
                    target.ident
                ),
            ));
        }
        let target_type = |name: &Ident| {
            target
                .fields()
                .find(|field| field.ident.as_ref() == Some(name))
                .map(|field| field.ty.to_token_stream().to_string())
        };
        for source in &module.states.states {
            for transition in source
                .transitions
                .iter()
                .filter(|transition| transition.target == *target.ident)
            {
                for name in names {
                    let found = source
                        .fields()
                        .find(|field| field.ident.as_ref() == Some(name));
                    match found {
                        None => errors.push(MALFORMED_ATTRIBUTE.spanning(
                            name,
                            format!(
                                "`{}` carries `{name}` from the state it is entered from, but `{}` (`{}` → `{}`) has no `{name}`",
                                target.ident, source.ident, transition.name, target.ident
                            ),
                            format!(
                                "remove `{name}` from `#[carry(..)]` on `{}`, or declare `{name}: {}` on `{}`",
                                target.ident,
                                target
                                    .fields()
                                    .find(|field| field.ident.as_ref() == Some(name))
                                    .map(|field| field.ty.to_token_stream().to_string())
                                    .unwrap_or_default(),
                                source.ident
                            ),
                        )),
                        Some(field) if Some(field.ty.to_token_stream().to_string()) != target_type(name) => {
                            errors.push(MALFORMED_ATTRIBUTE.spanning(
                                &field.ty,
                                format!(
                                    "`{name}` of `{}` has another type than the `{name}` `{}` carries",
                                    source.ident, target.ident
                                ),
                                format!("give `{name}` one type in every state"),
                            ));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
}

/// Whether `field` of `state` is carried rather than given to the transitions into it.
pub(crate) fn is_carried(module: &Module<'_>, state: &State<'_>, field: &syn::Field) -> bool {
    module
        .carried
        .get(&state.ident.to_string())
        .is_some_and(|names| {
            field
                .ident
                .as_ref()
                .is_some_and(|ident| names.contains(ident))
        })
}

fn carried_fields<'s>(module: &Module<'_>, state: &'s State<'_>) -> Vec<&'s syn::Field> {
    state
        .fields()
        .filter(|field| is_carried(module, state, field))
        .collect()
}

fn carry_trait(context: &Context<'_, '_>) -> Ident {
    format_ident!("__Guard{}Carry", context.machine)
}

/// The hidden trait and, per transition into a carrying state, its impl for each source state.
pub(crate) fn items(context: &Context<'_, '_>) -> TokenStream {
    if context.module.carried.is_empty() {
        return TokenStream::new();
    }
    let trait_ident = carry_trait(context);
    let hidden = &context.hidden;
    let vis = &context.module.machine.item.vis;
    let mut tokens = quote! {
        #[doc(hidden)]
        #vis trait #trait_ident<__Transition, __Carried>: ::core::marker::Sized {
            type __GuardRest;
            fn __guard_split(self) -> (__Carried, Self::__GuardRest);
            fn __guard_join(carried: __Carried, rest: Self::__GuardRest) -> Self;
        }
    };
    for info in super::expand::transition_infos(context) {
        let Some(target) = state_named(context, info.target) else {
            continue;
        };
        let carried = carried_fields(context.module, target);
        if carried.is_empty() {
            continue;
        }
        let carried_names: Vec<&Option<Ident>> = carried.iter().map(|field| &field.ident).collect();
        let carried_types: Vec<&Type> = carried.iter().map(|field| &field.ty).collect();
        let name = info.name;
        for source_ident in &info.sources {
            let Some((source, generics)) = context
                .states()
                .find(|(state, _)| state.ident == *source_ident)
            else {
                continue;
            };
            let source_type = context.state_type(source, generics);
            let (impl_generics, _, where_clause) = generics.split_for_impl();
            let rest: Vec<&syn::Field> = source
                .fields()
                .filter(|field| !carried_names.iter().any(|name| field.ident == **name))
                .collect();
            let rest_names: Vec<&Option<Ident>> = rest.iter().map(|field| &field.ident).collect();
            let rest_types: Vec<&Type> = rest.iter().map(|field| &field.ty).collect();
            let pattern = state_pattern(source);
            let all: Vec<TokenStream> = source
                .fields()
                .map(|field| field.ident.to_token_stream())
                .collect();
            let rebuilt = context.state_value_of(source, &all);
            tokens.extend(quote! {
                #[automatically_derived]
                impl #impl_generics #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)> for #source_type #where_clause {
                    type __GuardRest = (#(#rest_types,)*);
                    #[inline]
                    fn __guard_split(self) -> ((#(#carried_types,)*), Self::__GuardRest) {
                        let #pattern = self;
                        ((#(#carried_names,)*), (#(#rest_names,)*))
                    }
                    #[inline]
                    fn __guard_join(
                        (#(#carried_names,)*): (#(#carried_types,)*),
                        (#(#rest_names,)*): Self::__GuardRest,
                    ) -> Self {
                        #rebuilt
                    }
                }
            });
        }
    }
    tokens
}

fn state_named<'c, 'a>(context: &'c Context<'_, 'a>, ident: &Ident) -> Option<&'c State<'a>> {
    context
        .module
        .states
        .states
        .iter()
        .find(|state| state.ident == ident)
}

/// The typed transition into a carrying state: its arguments are the state's own fields; the
/// carried ones move over from the source, and back into it if the new data is rejected.
pub(crate) fn transition(
    context: &Context<'_, '_>,
    info: &TransitionInfo<'_>,
) -> Option<TokenStream> {
    let target = state_named(context, info.target)?;
    let carried = carried_fields(context.module, target);
    if carried.is_empty() {
        return None;
    }
    let krate = context.krate;
    let hidden = &context.hidden;
    let machine = context.machine;
    let state_param = &context.state_param;
    let transition_trait = &context.transition_trait;
    let trait_ident = carry_trait(context);
    let generics = context
        .states()
        .find(|(state, _)| state.ident == target.ident)
        .map(|(_, generics)| generics.clone())
        .unwrap_or_default();
    let target_type = context.state_type(target, &generics);
    let target_machine = context.machine_type(&target_type);
    let name = info.name;
    let carried_names: Vec<&Option<Ident>> = carried.iter().map(|field| &field.ident).collect();
    let carried_types: Vec<&Type> = carried.iter().map(|field| &field.ty).collect();
    let parameters = target
        .fields()
        .filter(|field| !is_carried(context.module, target, field))
        .map(|field| {
            let ident = &field.ident;
            let ty = &field.ty;
            quote!(#ident: #ty)
        });
    let machine_fields: Vec<&Option<Ident>> = context
        .module
        .machine
        .fields
        .iter()
        .map(|field| &field.ident)
        .collect();
    let value = context.state_value(target);
    let carry =
        quote!(<#state_param as #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)>>);
    let bound = super::markers::respan(
        quote!(#state_param: #hidden::#transition_trait::#name),
        name.span(),
    );
    let carried_text: Vec<String> = carried_names
        .iter()
        .map(|name| format!("`{}`", name.to_token_stream()))
        .collect();
    let doc = format!(
        "Transition `{}` into [`{}`]: the arguments are its own fields; {} carr{} over from the current state.",
        name.unraw(),
        target.ident,
        carried_text.join(", "),
        if carried_text.len() == 1 { "ies" } else { "y" }
    );
    let target_ident = target.ident;
    let target_name = target.ident.unraw().to_string();
    let body = if target.has_rules() {
        quote! {
            let mut violations = #krate::Violations::new();
            #krate::Invariant::check_at(&state, &#krate::Location::root().variant(#target_name), &mut violations);
            match violations.into_result() {
                ::core::result::Result::Ok(()) => {
                    ::core::result::Result::Ok(#machine { #(#machine_fields: self.#machine_fields,)* state })
                }
                ::core::result::Result::Err(violations) => {
                    let #target_ident { #(#carried_names,)* .. } = state;
                    let state = #carry::__guard_join((#(#carried_names,)*), rest);
                    ::core::result::Result::Err(#krate::Rejected {
                        machine: #machine { #(#machine_fields: self.#machine_fields,)* state },
                        violations,
                    })
                }
            }
        }
    } else {
        quote!(#machine { #(#machine_fields: self.#machine_fields,)* state })
    };
    let (output, extra_bound, rest_binding) = if target.has_rules() {
        (
            quote!(::core::result::Result<#target_machine, #krate::Rejected<Self>>),
            quote!(#target_type: #krate::Invariant,),
            quote!(rest),
        )
    } else {
        (quote!(#target_machine), TokenStream::new(), quote!(_))
    };
    Some(quote! {
        #[doc = #doc]
        pub fn #name(self, #(#parameters),*) -> #output
        where
            #bound,
            #state_param: #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)>,
            #extra_bound
        {
            let ((#(#carried_names,)*), #rest_binding) = #carry::__guard_split(self.state);
            let state = #value;
            #body
        }
    })
}
