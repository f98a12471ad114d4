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
//! - `arguments`: with serde, a struct of each erased transition's arguments (`Transition`);
//! - `refusals`: `Deserialize` and `From<OrderRecord>` refused on the typed machine (G0119);
//! - `proptest`: the property-test description.

mod arguments;
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
    if model.serde {
        states_item.extend(arguments::emit(model));
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

#[cfg(test)]
mod timing {
    use crate::diagnostics::Errors;
    use crate::typestate::model::Model;
    use crate::typestate::{bench, parse};
    use std::time::Instant;

    /// Where the macro's time goes on a 1000-state chain: each stage and emitter, best of 3.
    /// `cargo test -p stateguard-macros --lib typestate::emit::timing -- --ignored --nocapture`
    #[test]
    #[ignore = "measurement, run on demand"]
    fn parts_of_a_1000_state_chain() {
        let module: syn::ItemMod = syn::parse_str(&bench::chain(1000)).expect("a module");
        let mut errors = Errors::default();
        let args = parse::args(proc_macro2::TokenStream::new(), &mut errors);
        let parsed = parse::module(&module, &mut errors).expect("a machine");
        let model = Model::new(&args, &parsed);
        let time = |name: &str, part: &dyn Fn() -> proc_macro2::TokenStream| {
            let mut best = f64::MAX;
            let mut tokens = 0;
            for _ in 0..3 {
                let start = Instant::now();
                let out = part();
                best = best.min(start.elapsed().as_secs_f64());
                tokens = out.into_iter().count();
            }
            println!(
                "{name:>16}: {:7.1} ms ({tokens} top-level tokens)",
                best * 1000.0
            );
        };
        let start = Instant::now();
        let _ = Model::new(&args, &parsed);
        println!(
            "{:>16}: {:7.1} ms",
            "model",
            start.elapsed().as_secs_f64() * 1000.0
        );
        time("machine_struct", &|| super::states::machine_struct(&model));
        time("state_structs", &|| super::states::state_structs(&model));
        time("erased", &|| super::erased::erased(&model));
        time("conversions", &|| super::conversions::conversions(&model));
        time("erased_ops", &|| super::erased_ops::emit(&model));
        time("flat", &|| super::flat::emit(&model));
        time("enforce_table", &|| super::erased::enforce_table(&model));
        time("sealed", &|| super::markers::sealed(&model));
        time("hidden", &|| super::markers::hidden(&model));
        time("marker_impls", &|| super::markers::marker_impls(&model));
        time("machine_impl", &|| super::machine::machine_impl(&model));
        time("constructors", &|| super::machine::constructors(&model));
        time("all", &|| super::emit(&model, false));
    }
}
