//! Carried data: `#[carry(payment_ref)]` on a state gives it the field `payment_ref` of the state it
//! is entered from, moved across the transition; the transition's arguments are the state's own
//! fields only.
//!
//! The field is declared once, on the state where it first appears; its type is taken from there.
//! This is the step before parsing: each carried field is appended to its state's variant, so
//! everything that reads a state's fields (getters, records, rows, serde, rules) sees it as an
//! ordinary field. It reads syn only; `parse` keeps what it found ([`Carried`]), `carry_check`
//! checks it against the graph, and only the transitions into the state differ (`emit/carry.rs`):
//! they take the carried values from the source state through a hidden trait each source
//! implements, and on a rejection they put them back, so the machine comes back exactly as it was.

use super::attrs::is_named;
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, did_you_mean};
use quote::quote;
use std::collections::BTreeMap;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Fields, Ident, Item, ItemEnum, ItemMod, Token, Type, Variant};

/// Per state name: the fields it carries, spanned on their names in `#[carry(..)]`.
pub(crate) type Carried = BTreeMap<String, Vec<Ident>>;

/// Per field name, the type of its first declaration.
type Declared = BTreeMap<String, Type>;

/// Appends each carried field to its state and removes the `#[carry(..)]` attributes.
pub(crate) fn expand_fields(item: &mut ItemMod, errors: &mut Errors) -> Carried {
    let mut carried = Carried::new();
    let Some(states) = states_enum(item) else {
        return carried;
    };
    let declared = declared_fields(states);
    for variant in &mut states.variants {
        let requested = take_requests(variant, errors);
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
        let added = requested
            .iter()
            .filter_map(|name| carried_field(variant, name, &declared, errors))
            .collect();
        append(variant, added);
        carried.insert(variant.ident.to_string(), requested);
    }
    carried
}

/// The module's `#[states]` enum, if it has one (parsing reports a missing one).
fn states_enum(item: &mut ItemMod) -> Option<&mut ItemEnum> {
    let (_, items) = item.content.as_mut()?;
    items.iter_mut().find_map(|entry| match entry {
        Item::Enum(entry) if entry.attrs.iter().any(|attr| is_named(attr, "states")) => Some(entry),
        _ => None,
    })
}

/// Where each field name is declared, first declaration first.
fn declared_fields(states: &ItemEnum) -> Declared {
    let mut declared = Declared::new();
    for variant in &states.variants {
        for field in &variant.fields {
            if let Some(name) = &field.ident {
                declared
                    .entry(name.unraw().to_string())
                    .or_insert_with(|| field.ty.clone());
            }
        }
    }
    declared
}

/// The names the variant's `#[carry(..)]` attributes list; the attributes are removed.
fn take_requests(variant: &mut Variant, errors: &mut Errors) -> Vec<Ident> {
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
    requested
}

/// The field `name` as `variant` carries it, typed as where it is declared; an error when the
/// variant declares it itself or no state declares it.
fn carried_field(
    variant: &Variant,
    name: &Ident,
    declared: &Declared,
    errors: &mut Errors,
) -> Option<syn::Field> {
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
        Some(ty) => {
            let field = syn::parse::Parser::parse2(syn::Field::parse_named, quote!(#name: #ty));
            return errors.take(field);
        }
        None => {
            let hint = did_you_mean(&key, declared.keys().map(String::as_str))
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
    None
}

/// Appends the carried fields to the variant's own (a unit variant gets named fields).
fn append(variant: &mut Variant, added: Punctuated<syn::Field, Token![,]>) {
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
}
