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

use super::parse::{Module, State, is_named};
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, did_you_mean};
use quote::{ToTokens, quote};
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

pub(crate) fn carried_fields<'s>(module: &Module<'_>, state: &'s State<'_>) -> Vec<&'s syn::Field> {
    state
        .fields()
        .filter(|field| is_carried(module, state, field))
        .collect()
}
