//! The fixes for a module whose `#[machine]` or `#[states]` marker is missing or on an enum where a
//! struct belongs (G0107, G0108, G0003), computed once: `parse` writes them into its messages and
//! `fallback` applies them to the module it expands next to the errors, so the code that uses the
//! machine sees the machine the fixes leave.

use super::attrs::{is_named, item_attrs, names_for_states, snake_case, upper_camel};
use syn::ext::IdentExt;
use syn::{Item, ItemEnum, ItemMod};

/// How the fixes give the module its `#[machine]` struct.
pub(crate) enum MachineFix {
    /// `#[machine]` on the module's first struct (at this index among the items).
    Mark(usize),
    /// A unit struct of this name, `#[machine] pub struct Order;`, added to the module.
    Add(String),
    /// The enum marked `#[machine]` (at this index) written as a unit struct of its name, while
    /// another enum is the `#[states]` enum.
    EnumToStruct(usize),
    /// `#[machine]` in place of `#[states]` on the struct at this index, while an enum is marked
    /// `#[machine]`: the markers are swapped.
    FromStates(usize),
}

/// How the fixes give the module its `#[states]` enum.
pub(crate) enum StatesFix {
    /// `#[states]` on the module's first enum (at this index), whose variants already say their
    /// graph with `#[initial]`, `#[to(..)]` or `#[terminal]`.
    Mark(usize),
    /// `#[states]` on the module's first enum (at this index), its variants a chain in
    /// declaration order.
    Chain(usize),
    /// `#[states]` in place of `#[machine]` on the enum at this index: the module has no other
    /// states enum, so this one is it.
    FromMachine(usize),
    /// `#[states] pub enum OrderState { #[initial] #[to(pay => Paid)] Pending, #[terminal] Paid }`
    /// added, with this name.
    Add(String),
}

/// The fixes the module needs; `None` for a marker that is where it belongs.
pub(crate) fn fixes(module: &ItemMod) -> (Option<MachineFix>, Option<StatesFix>) {
    module
        .content
        .as_ref()
        .map_or((None, None), |(_, items)| fixes_of(&module.ident, items))
}

/// [`fixes`] of the module's items.
pub(crate) fn fixes_of(
    module: &syn::Ident,
    items: &[Item],
) -> (Option<MachineFix>, Option<StatesFix>) {
    let machine_struct = items
        .iter()
        .any(|item| matches!(item, Item::Struct(entry) if has(&entry.attrs, "machine")));
    let machine_enum = items
        .iter()
        .position(|item| matches!(item, Item::Enum(entry) if has(&entry.attrs, "machine")));
    let both_on_one = items.iter().any(|item| {
        matches!(item, Item::Enum(entry) if has(&entry.attrs, "machine") && has(&entry.attrs, "states"))
    });
    let states_enum = items
        .iter()
        .any(|item| matches!(item, Item::Enum(entry) if has(&entry.attrs, "states")));
    // Any other placement of a marker (a `#[states]` struct, a `#[machine]` fn, ...) is reported
    // on its own, with no fix this module applies.
    let misplaced = |name: &str| {
        items.iter().any(|item| match item {
            Item::Struct(entry) => name == "states" && has(&entry.attrs, name),
            Item::Enum(_) => false,
            other => item_attrs(other).iter().any(|attr| is_named(attr, name)),
        })
    };
    let states_struct = items.iter().position(|item| {
        matches!(item, Item::Struct(entry) if has(&entry.attrs, "states") && !has(&entry.attrs, "machine"))
    });
    if let (Some(machine_enum), Some(states_struct), false, false, false) = (
        machine_enum,
        states_struct,
        machine_struct,
        states_enum,
        both_on_one,
    ) {
        return (
            Some(MachineFix::FromStates(states_struct)),
            Some(StatesFix::FromMachine(machine_enum)),
        );
    }
    if both_on_one || misplaced("machine") || misplaced("states") {
        return (None, None);
    }
    let states = if states_enum {
        None
    } else if let Some(index) = machine_enum {
        Some(StatesFix::FromMachine(index))
    } else {
        Some(first_enum(items).map_or_else(
            || StatesFix::Add(format!("{}State", machine_name(module, items))),
            |(index, entry)| {
                if entry.variants.iter().any(|variant| {
                    ["initial", "to", "terminal"]
                        .iter()
                        .any(|name| has(&variant.attrs, name))
                }) {
                    StatesFix::Mark(index)
                } else {
                    StatesFix::Chain(index)
                }
            },
        ))
    };
    let machine = if machine_struct {
        None
    } else if let Some(index) = machine_enum.filter(|_| states_enum) {
        Some(MachineFix::EnumToStruct(index))
    } else {
        Some(
            items
                .iter()
                .position(|item| matches!(item, Item::Struct(_)))
                .map_or_else(
                    || MachineFix::Add(machine_name(module, items)),
                    MachineFix::Mark,
                ),
        )
    };
    (machine, states)
}

/// The visibility an added item takes: the states enum's (or the enum marked `#[machine]`), else
/// `pub`.
pub(crate) fn added_visibility(items: &[Item]) -> syn::Visibility {
    items
        .iter()
        .find_map(|item| match item {
            Item::Enum(entry) if has(&entry.attrs, "states") || has(&entry.attrs, "machine") => {
                Some(entry.vis.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| syn::parse_quote!(pub))
}

/// The name of the machine: the `#[machine]` struct's, else the one the states enum suggests
/// (`Order` for `OrderState`), else the module's in upper camel case (`Order` for `order`).
fn machine_name(module: &syn::Ident, items: &[Item]) -> String {
    if let Some(name) = items.iter().find_map(|item| match item {
        Item::Struct(entry) if has(&entry.attrs, "machine") => {
            Some(entry.ident.unraw().to_string())
        }
        _ => None,
    }) {
        return name;
    }
    if let Some((_, entry)) = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| match item {
            Item::Enum(entry) if has(&entry.attrs, "states") || has(&entry.attrs, "machine") => {
                Some((index, entry))
            }
            _ => None,
        })
        .next()
        .or_else(|| first_enum(items))
    {
        return names_for_states(&entry.ident).0;
    }
    upper_camel(&module.unraw().to_string())
}

/// Applies the fixes of G0107, G0108 and G0003 (a `#[machine]` enum) to `module`.
pub(crate) fn apply(module: &mut ItemMod) {
    let (machine, states) = fixes(module);
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let vis = added_visibility(items);
    let mut added: Vec<Item> = Vec::new();
    match states {
        Some(StatesFix::Mark(index)) => {
            if let Some(Item::Enum(entry)) = items.get_mut(index) {
                entry.attrs.insert(0, syn::parse_quote!(#[states]));
            }
        }
        Some(StatesFix::Chain(index)) => {
            if let Some(Item::Enum(entry)) = items.get_mut(index) {
                *entry = chained(entry);
            }
        }
        Some(StatesFix::FromMachine(index)) => {
            if let Some(Item::Enum(entry)) = items.get_mut(index) {
                for attr in &mut entry.attrs {
                    if is_named(attr, "machine") {
                        *attr = syn::parse_quote!(#[states]);
                    }
                }
            }
        }
        Some(StatesFix::Add(name)) => {
            let name = syn::Ident::new(&name, proc_macro2::Span::call_site());
            added.push(syn::parse_quote! {
                #[states]
                #vis enum #name {
                    #[initial]
                    #[to(pay => Paid)]
                    Pending,
                    #[terminal]
                    Paid,
                }
            });
        }
        None => {}
    }
    match machine {
        Some(MachineFix::Mark(index)) => {
            if let Some(Item::Struct(entry)) = items.get_mut(index) {
                entry.attrs.insert(0, syn::parse_quote!(#[machine]));
            }
        }
        Some(MachineFix::Add(name)) => {
            let name = syn::Ident::new(&name, proc_macro2::Span::call_site());
            added.push(syn::parse_quote!(#[machine] #vis struct #name;));
        }
        Some(MachineFix::FromStates(index)) => {
            if let Some(Item::Struct(entry)) = items.get_mut(index) {
                for attr in &mut entry.attrs {
                    if is_named(attr, "states") {
                        *attr = syn::parse_quote!(#[machine]);
                    }
                }
            }
        }
        Some(MachineFix::EnumToStruct(index)) => {
            if let Some(Item::Enum(entry)) = items.get(index) {
                let ItemEnum {
                    attrs,
                    vis,
                    ident,
                    generics,
                    ..
                } = entry;
                let where_clause = &generics.where_clause;
                items[index] =
                    syn::parse_quote!(#(#attrs)* #vis struct #ident #generics #where_clause;);
            }
        }
        None => {}
    }
    items.extend(added);
}

/// `#[states] pub enum OrderState { .. }` for [`StatesFix::Chain`]: the first variant
/// `#[initial]`, each `#[to(to_next => Next)]` the next, the last `#[terminal]`.
pub(crate) fn chained(entry: &ItemEnum) -> ItemEnum {
    let mut chained = entry.clone();
    chained.attrs.insert(0, syn::parse_quote!(#[states]));
    let next_names: Vec<Option<syn::Ident>> = entry
        .variants
        .iter()
        .skip(1)
        .map(|variant| Some(variant.ident.clone()))
        .chain(std::iter::once(None))
        .collect();
    for (position, (variant, next)) in chained.variants.iter_mut().zip(next_names).enumerate() {
        let mut attrs: Vec<syn::Attribute> = Vec::new();
        if position == 0 {
            attrs.push(syn::parse_quote!(#[initial]));
        }
        match next {
            Some(next) => {
                let name = syn::Ident::new(
                    &format!("to_{}", snake_case(&next.unraw().to_string())),
                    next.span(),
                );
                attrs.push(syn::parse_quote!(#[to(#name => #next)]));
            }
            None => attrs.push(syn::parse_quote!(#[terminal])),
        }
        attrs.append(&mut variant.attrs);
        variant.attrs = attrs;
    }
    chained
}

fn first_enum(items: &[Item]) -> Option<(usize, &ItemEnum)> {
    items
        .iter()
        .enumerate()
        .find_map(|(index, item)| match item {
            Item::Enum(entry) => Some((index, entry)),
            _ => None,
        })
}

fn has(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| is_named(attr, name))
}
