//! Emission: one emitter per generated part, each reading the [`Model`] and writing its tokens;
//! this module only puts the parts in place in the user's module.
//!
//! - `states`: the machine struct and one struct per state;
//! - `machine`: getters, transitions and constructors (inherent methods);
//! - `carry`: transitions into states with carried fields;
//! - `markers`: the sealed state trait and the private marker traits of the graph;
//! - `erased`: the erased enum and the record, with `restore`;
//! - `conversions`: `From`/`TryFrom` between a machine and the erased enum;
//! - `erased_ops`: transitions and shared-field getters on the erased enum;
//! - `flat`: the record's serde, the flat row and the flat serde form;
//! - `serde`: the erased enum's serde impls;
//! - `refusals`: `Deserialize` and `From<OrderRecord>` refused on the typed machine (G0119);
//! - `proptest`: the property-test description.

mod carry;
mod conversions;
mod diagram;
mod erased;
mod erased_ops;
mod flat;
mod machine;
mod markers;
pub(crate) mod proptest;
mod refusals;
mod serde;
mod states;

use crate::typestate::model::Model;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::Item;

/// The user's module with the machine and the states in place of their declarations, and every
/// other generated part after its own items.
pub(crate) fn emit(model: &Model<'_, '_>, proptest: bool) -> TokenStream {
    let module = model.module;
    let machine_item = states::machine_struct(model);
    let mut states_item = states::state_structs(model);
    states_item.extend(erased::erased(model));
    states_item.extend(conversions::conversions(model));
    states_item.extend(erased_ops::emit(model));
    states_item.extend(flat::emit(model));
    states_item.extend(erased::enforce_table(model));
    if model.serde && !model.serde_flat {
        states_item.extend(serde::serde_impls(model));
    }
    let mut extra = markers::sealed(model);
    extra.extend(markers::hidden(model));
    extra.extend(markers::marker_impls(model));
    extra.extend(machine::machine_impl(model));
    extra.extend(machine::constructors(model));
    extra.extend(carry::items(model));
    extra.extend(refusals::refusals(model));
    if proptest {
        extra.extend(proptest::emit(model));
    }

    let mut item = module.item.clone();
    let mut items: Vec<Item> = Vec::new();
    for (index, entry) in module.items.iter().enumerate() {
        if index == module.machine.index {
            items.push(Item::Verbatim(machine_item.clone()));
        } else if index == module.states.index {
            items.push(Item::Verbatim(states_item.clone()));
        } else if !model.left_out.contains(&index) {
            items.push(entry.clone());
        }
    }
    items.push(Item::Verbatim(extra));
    if let Some((_, content)) = &mut item.content {
        *content = items;
    }
    item.into_token_stream()
}
