//! The sealed state trait, and the marker types and traits whose `#[diagnostic::on_unimplemented]`
//! words explain a transition called, or a field read, in a state that does not have it. All but
//! the state trait are private to the declaring module.

use super::conversions::{dispatch_bodies, dispatch_declarations};
use crate::diagnostics::typestate::{GraphState, transition_hints};
use crate::typestate::model::{Model, erase_trait};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use std::collections::{BTreeMap, BTreeSet};
use syn::Ident;
use syn::ext::IdentExt;

/// The sealed trait every state type implements, and nothing else can.
pub(crate) fn sealed(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let erased = model.erased;
    let state_trait = &model.state_trait;
    let vis = &model.module.machine.item.vis;
    let sealed_message = format!(
        "[{}] `{{Self}}` is not a state of `{machine}`: the states of a machine are sealed",
        crate::diagnostics::typestate::FOREIGN_STATE.id
    );
    let sealed_label = format!("not a state of `{machine}`");
    let sealed_note = format!(
        "remove this impl: the states of `{machine}` are exactly the variants of its `#[states]` enum `{erased}` (a new state is a new variant there, with a transition to it)"
    );
    let trait_doc = format!(
        "The states of [`{machine}`]: implemented by each state type, sealed so no other type can be one."
    );
    // Without machine generics, the sealed trait also carries the erased enum's conversions.
    let dispatch = erase_trait(model).is_none();
    let declarations = if dispatch {
        dispatch_declarations(
            model,
            &quote!(super::),
            &quote!(where Self: super::#state_trait + ::core::marker::Sized),
        )
    } else {
        TokenStream::new()
    };
    let mut impls = TokenStream::new();
    for (state, generics) in model.states() {
        let (impl_generics, _, where_clause) = generics.split_for_impl();
        let state_type = model.state_type(state, generics);
        let name = state.ident.unraw().to_string();
        let bodies = if dispatch {
            dispatch_bodies(model, state)
        } else {
            TokenStream::new()
        };
        impls.extend(quote! {
            #[automatically_derived]
            impl #impl_generics __guard_sealed::Sealed for #state_type #where_clause {
                #bodies
            }
            #[automatically_derived]
            impl #impl_generics #state_trait for #state_type #where_clause {
                const NAME: &'static str = #name;
            }
        });
    }
    quote! {
        mod __guard_sealed {
            #[diagnostic::on_unimplemented(
                message = #sealed_message,
                label = #sealed_label,
                note = #sealed_note,
            )]
            pub trait Sealed {
                #declarations
            }
        }
        #[doc = #trait_doc]
        #vis trait #state_trait: __guard_sealed::Sealed {
            /// The state's name as declared, such as `"Shipped"`.
            const NAME: &'static str;
        }
        #impls
    }
}

/// Marker types (one per transition name and per state field getter) and the two generic marker
/// traits whose `#[diagnostic::on_unimplemented]` words explain a call from the wrong state.
pub(crate) fn hidden(model: &Model<'_, '_>) -> TokenStream {
    let hidden = &model.hidden;
    let machine = model.machine;
    let transition_trait = &model.transition_trait;
    let field_trait = &model.field_trait;
    // Sets keyed by name: a chain of a thousand states must not cost a thousand squared.
    let mut seen = BTreeSet::new();
    let mut transition_names: Vec<&Ident> = Vec::new();
    for (state, _) in model.states() {
        for transition in &state.transitions {
            if seen.insert(transition.name.unraw().to_string()) {
                transition_names.push(&transition.name);
            }
        }
    }
    let mut seen = BTreeSet::new();
    let mut field_names: Vec<Ident> = Vec::new();
    for (state, _) in model.states() {
        for accessor in state.accessors() {
            if seen.insert(accessor.name.unraw().to_string()) {
                field_names.push(accessor.name);
            }
        }
    }
    // One trait per transition name, so its words can give the way to a state that has it.
    let hints = transition_hints(&machine.unraw().to_string(), &graph(model));
    let transition_traits = transition_names.iter().map(|name| {
        let hint = hints.get(&name.unraw().to_string());
        let message = hint.map(|hint| hint.message.clone()).unwrap_or_default();
        let label = hint.map(|hint| hint.label.clone()).unwrap_or_default();
        let notes = hint.map(|hint| hint.notes.clone()).unwrap_or_default();
        quote! {
            #[diagnostic::on_unimplemented(
                message = #message,
                label = #label,
                #( note = #notes, )*
            )]
            pub trait #name {}
        }
    });
    let field_message = format!(
        "[{}] `{machine}` in state `{{Self}}` has no field `{{F}}`: `{{Self}}` does not carry it",
        crate::diagnostics::typestate::WRONG_STATE_FIELD.id
    );
    let field_label = "only a state that carries `{F}` has this getter".to_owned();
    let field_note = format!(
        "the states carrying a field are the `{field_trait}<..>` implementations listed below; \
         match on the erased enum or move the machine to such a state first"
    );
    quote! {
        // Private to the declaring module: no code outside it can name a marker, so none can
        // implement a transition or a field for a state (the graph cannot be extended).
        #[allow(non_camel_case_types, non_snake_case, dead_code)]
        mod #hidden {
            pub mod transition {
                #( pub enum #transition_names {} )*
            }
            pub mod field {
                #( pub enum #field_names {} )*
            }
            pub mod #transition_trait {
                #( #transition_traits )*
            }
            #[diagnostic::on_unimplemented(
                message = #field_message,
                label = #field_label,
                note = #field_note,
            )]
            pub trait #field_trait<F, V: ?::core::marker::Sized> {
                fn __guard_get(&self) -> &V;
            }
        }
    }
}

/// Each state implements the transition trait for the transitions it declares (spanned on the
/// user's `#[to(..)]` tokens, so rustc shows them as the allowed ones) and the field trait for
/// each field it carries.
pub(crate) fn marker_impls(model: &Model<'_, '_>) -> TokenStream {
    let hidden = &model.hidden;
    let transition_trait = &model.transition_trait;
    let field_trait = &model.field_trait;
    let mut tokens = TokenStream::new();
    for (state, generics) in model.states() {
        let (impl_generics, _, where_clause) = generics.split_for_impl();
        let state_type = model.state_type(state, generics);
        for transition in &state.transitions {
            let name = &transition.name;
            // `do_not_recommend`: rustc then lists no implementors, whose names would only
            // repeat what the trait's words say.
            tokens.extend(quote_spanned! {name.span()=>
                #[automatically_derived]
                #[diagnostic::do_not_recommend]
                impl #impl_generics #hidden::#transition_trait::#name
                    for #state_type #where_clause {}
            });
        }
        for accessor in state.accessors() {
            let name = &accessor.name;
            let member = &accessor.member;
            let ty = &accessor.field.ty;
            let span = accessor
                .field
                .ident
                .as_ref()
                .map_or_else(|| state.ident.span(), Ident::span);
            tokens.extend(quote_spanned! {span=>
                #[automatically_derived]
                impl #impl_generics #hidden::#field_trait<#hidden::field::#name, #ty>
                    for #state_type #where_clause
                {
                    #[inline]
                    fn __guard_get(&self) -> &#ty {
                        &self.#member
                    }
                }
            });
        }
    }
    tokens
}

/// The state graph as the wrong-state hints read it: names as written, and each transition with
/// the arguments it takes (the target state's fields).
fn graph(model: &Model<'_, '_>) -> Vec<GraphState> {
    let arguments: BTreeMap<String, Vec<String>> = model
        .states()
        .map(|(state, _)| {
            (
                state.ident.unraw().to_string(),
                state
                    .accessors()
                    .iter()
                    .map(|accessor| accessor.name.unraw().to_string())
                    .collect(),
            )
        })
        .collect();
    model
        .states()
        .map(|(state, _)| GraphState {
            name: state.ident.unraw().to_string(),
            transitions: state
                .transitions
                .iter()
                .map(|transition| {
                    let target = transition.target.unraw().to_string();
                    let taken = arguments.get(&target).cloned().unwrap_or_default();
                    (transition.name.unraw().to_string(), target, taken)
                })
                .collect(),
        })
        .collect()
}
