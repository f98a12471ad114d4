//! What a variant pattern does with each of its fields: the slots a check reports on (which names
//! each binds, whether it is `_` or pins the value down) and how a fix writes it.

use super::{Slot, SlotKey};
use crate::enforce::naming::is_binding;
use crate::enforce::render::render;

/// The fields of a variant pattern as written.
pub(super) enum Fields<'a> {
    None,
    Tuple(Vec<&'a syn::Pat>),
    /// The fields by name, and whether `..` is present.
    Named(Vec<(String, &'a syn::Pat)>, bool),
}

pub(super) fn member_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => ident.to_string(),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

pub(super) fn slots(fields: &Fields<'_>) -> (Vec<Slot>, bool) {
    match fields {
        Fields::None => (Vec::new(), false),
        Fields::Tuple(elements) => {
            let rest_at = elements
                .iter()
                .position(|element| matches!(element, syn::Pat::Rest(_)));
            let slots = elements
                .iter()
                .enumerate()
                .filter(|(_, element)| !matches!(element, syn::Pat::Rest(_)))
                .map(|(index, element)| {
                    let key = match rest_at {
                        Some(rest) if index > rest => SlotKey::Back(elements.len() - 1 - index),
                        _ => SlotKey::Front(index),
                    };
                    slot(key, element)
                })
                .collect();
            (slots, rest_at.is_some())
        }
        Fields::Named(members, rest) => (
            members
                .iter()
                .map(|(name, sub)| slot(SlotKey::Name(name.clone()), sub))
                .collect(),
            *rest,
        ),
    }
}

fn slot(key: SlotKey, sub: &syn::Pat) -> Slot {
    let mut bindings = Vec::new();
    bindings_of(sub, &mut bindings);
    let fix = match sub {
        syn::Pat::Ident(binding) if binding.subpat.is_none() => {
            let name = binding.ident.to_string();
            let trimmed = name.trim_start_matches('_');
            let mut renamed = binding.clone();
            if !trimmed.is_empty() && trimmed != name {
                renamed.ident = syn::Ident::new(trimmed, binding.ident.span());
            }
            render(&renamed)
        }
        other => render(other),
    };
    Slot {
        key,
        bindings,
        wildcard: matches!(sub, syn::Pat::Wild(_)),
        constant: constrains(sub),
        fix,
    }
}

/// Whether `pattern` pins the value down by itself: a literal (`0`), a range (`1..=9`), a constant
/// or unit variant (`MAX`, `u8::MAX`, `Colour::Red`), an inline `const { .. }`, or an or-pattern
/// of those. The arm then decides on the value, so the field counts as handled though unbound.
fn constrains(pattern: &syn::Pat) -> bool {
    match pattern {
        syn::Pat::Lit(_) | syn::Pat::Range(_) | syn::Pat::Const(_) | syn::Pat::Path(_) => true,
        syn::Pat::Ident(binding) => binding.subpat.is_none() && !is_binding(&binding.ident),
        syn::Pat::Reference(reference) => constrains(&reference.pat),
        syn::Pat::Paren(paren) => constrains(&paren.pat),
        syn::Pat::Or(or) => or.cases.iter().all(constrains),
        _ => false,
    }
}

/// Every name `pattern` binds.
fn bindings_of(pattern: &syn::Pat, out: &mut Vec<String>) {
    match pattern {
        syn::Pat::Ident(binding) => {
            if is_binding(&binding.ident) {
                out.push(binding.ident.to_string());
            }
            if let Some((_, sub)) = &binding.subpat {
                bindings_of(sub, out);
            }
        }
        syn::Pat::Reference(reference) => bindings_of(&reference.pat, out),
        syn::Pat::Paren(paren) => bindings_of(&paren.pat, out),
        syn::Pat::Guard(guarded) => bindings_of(&guarded.pat, out),
        syn::Pat::Type(typed) => bindings_of(&typed.pat, out),
        syn::Pat::Or(or) => {
            for case in &or.cases {
                bindings_of(case, out);
            }
        }
        syn::Pat::TupleStruct(tuple) => {
            for element in &tuple.elems {
                bindings_of(element, out);
            }
        }
        syn::Pat::Struct(structure) => {
            for field in &structure.fields {
                bindings_of(&field.pat, out);
            }
        }
        syn::Pat::Tuple(tuple) => {
            for element in &tuple.elems {
                bindings_of(element, out);
            }
        }
        syn::Pat::Slice(slice) => {
            for element in &slice.elems {
                bindings_of(element, out);
            }
        }
        _ => {}
    }
}
