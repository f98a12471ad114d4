//! Checks carried fields against the graph: every state a transition into a carrying state leaves
//! from has the carried fields, with the same type.

use super::parse::{Module, State};
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE};
use quote::ToTokens;
use syn::Ident;

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
        for source in &module.states.states {
            for transition in source
                .transitions
                .iter()
                .filter(|transition| transition.target == *target.ident)
            {
                for name in names {
                    carried_from(source, &transition.name, target, name, errors);
                }
            }
        }
    }
}

/// The type of `state`'s field `name`, as text.
fn field_type(state: &State<'_>, name: &Ident) -> Option<String> {
    state
        .fields()
        .find(|field| field.ident.as_ref() == Some(name))
        .map(|field| field.ty.to_token_stream().to_string())
}

/// `source`, left by `transition` for `target`, has the field `name` that `target` carries, with
/// the type `target` gives it.
fn carried_from(
    source: &State<'_>,
    transition: &Ident,
    target: &State<'_>,
    name: &Ident,
    errors: &mut Errors,
) {
    let found = source
        .fields()
        .find(|field| field.ident.as_ref() == Some(name));
    match found {
        None => errors.push(MALFORMED_ATTRIBUTE.spanning(
            name,
            format!(
                "`{}` carries `{name}` from the state it is entered from, but `{}` (`{}` → `{}`) has no `{name}`",
                target.ident, source.ident, transition, target.ident
            ),
            format!(
                "remove `{name}` from `#[carry(..)]` on `{}`, or declare `{name}: {}` on `{}`",
                target.ident,
                field_type(target, name).unwrap_or_default(),
                source.ident
            ),
        )),
        Some(field)
            if Some(field.ty.to_token_stream().to_string()) != field_type(target, name) =>
        {
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
