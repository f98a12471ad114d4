//! G0111's fixes applied to the module expanded next to the errors: each clashing name renamed as
//! its message writes it (`state` → `state_value`, a transition `id` → `to_id`, a state `T` →
//! `TState` in every `#[to(..)]` too), so the code that uses the machine sees the machine the fixes
//! leave.

use super::attrs::{ToEntry, is_named};
use super::validate::Rename;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Ident, Item, ItemMod, Token};

/// Renames what G0111 reports in `module`; nothing when the module cannot be read as a machine.
pub(crate) fn apply(module: &mut ItemMod) {
    let renames = {
        let mut scratch = crate::diagnostics::Errors::default();
        let mut carried = module.clone();
        super::carry::expand_fields(&mut carried, &mut scratch);
        let Some(parsed) = super::parse::module(&carried, &mut scratch) else {
            return;
        };
        super::validate::name_clash_renames(&parsed)
    };
    if renames.is_empty() {
        return;
    }
    let Some((_, items)) = &mut module.content else {
        return;
    };
    for item in items {
        match item {
            Item::Struct(machine) if has(&machine.attrs, "machine") => {
                for rename in &renames {
                    if let Rename::MachineField { from, to } = rename {
                        rename_field(&mut machine.fields, from, to);
                    }
                }
            }
            Item::Enum(states) if has(&states.attrs, "states") => {
                for variant in &mut states.variants {
                    for rename in &renames {
                        match rename {
                            Rename::StateField { state, from, to }
                                if variant.ident.unraw() == state.as_str() =>
                            {
                                rename_field(&mut variant.fields, from, to);
                            }
                            Rename::State { from, to } => {
                                if variant.ident.unraw() == from.as_str() {
                                    variant.ident = renamed(&variant.ident, to);
                                }
                                rename_in_to(&mut variant.attrs, |_, target| {
                                    (target.unraw() == from.as_str()).then_some((false, to))
                                });
                            }
                            Rename::Transition { from, to } => {
                                rename_in_to(&mut variant.attrs, |name, _| {
                                    (name.unraw() == from.as_str()).then_some((true, to))
                                });
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn has(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| is_named(attr, name))
}

fn rename_field(fields: &mut Fields, from: &str, to: &str) {
    for field in fields.iter_mut() {
        if let Some(ident) = &mut field.ident
            && ident.unraw() == from
        {
            *ident = renamed(ident, to);
        }
    }
}

/// `to` with the span of the name it replaces.
fn renamed(old: &Ident, to: &str) -> Ident {
    Ident::new(to, old.span())
}

/// Rewrites the pairs of each `#[to(..)]`: `change(name, target)` gives `(true, new)` to rename the
/// transition, `(false, new)` to rename the target.
fn rename_in_to<'r>(
    attrs: &mut [Attribute],
    change: impl Fn(&Ident, &Ident) -> Option<(bool, &'r String)>,
) {
    for attr in attrs.iter_mut().filter(|attr| is_named(attr, "to")) {
        let Ok(pairs) = attr.parse_args_with(Punctuated::<ToEntry, Token![,]>::parse_terminated)
        else {
            continue;
        };
        let pairs = pairs.into_iter().map(|mut pair| {
            match change(&pair.name, &pair.target) {
                Some((true, new)) => pair.name = renamed(&pair.name, new),
                Some((false, new)) => pair.target = renamed(&pair.target, new),
                None => {}
            }
            let ToEntry {
                name,
                arrow,
                target,
            } = pair;
            quote::quote!(#name #arrow #target)
        });
        let path = attr.path().clone();
        *attr = syn::parse_quote!(#[#path(#(#pairs),*)]);
    }
}
