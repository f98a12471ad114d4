//! The inherent methods of the machine: getters, one method per transition name, and `new` on the
//! initial state(s).

use crate::typestate::generics::with_state;
use crate::typestate::model::{Model, TransitionInfo, docs, respan, state_field_names};
use crate::typestate::parse::State;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use std::collections::BTreeMap;
use syn::Ident;
use syn::ext::IdentExt;

/// The parameters of a constructor or transition (the state's fields, in order) and the state
/// built from them.
fn state_arguments(model: &Model<'_, '_>, state: &State<'_>) -> (Vec<TokenStream>, TokenStream) {
    let parameters = state
        .fields()
        .zip(state_field_names(state))
        .map(|(field, name)| {
            let ty = &field.ty;
            quote!(#name: #ty)
        })
        .collect();
    (parameters, model.state_value(state))
}

/// The machine's inherent impl over any state: getters, `state`, `state_name`, transitions.
pub(super) fn machine_impl(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let state_param = &model.state_param;
    let state_trait = &model.state_trait;
    let generics = with_state(&model.generics, state_param, &model.state_bound());
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let machine_getters = machine_getters(model);
    let state_getters = state_getters(model);
    let transitions = model
        .transitions
        .iter()
        .filter_map(|info| transition(model, info));
    quote! {
        // The bounds name the module's private marker traits, which only this module can use.
        #[allow(dead_code, private_bounds)]
        impl #impl_generics #machine #ty_generics #where_clause {
            #machine_getters

            /// The state's own data (`&`; state data never changes in place).
            #[must_use]
            pub fn state(&self) -> &#state_param {
                &self.state
            }

            /// The name of the state the machine is in, such as `"Shipped"`.
            #[must_use]
            pub fn state_name(&self) -> &'static str {
                <#state_param as #state_trait>::NAME
            }

            #state_getters
            #(#transitions)*
        }
    }
}

/// A getter per machine field, whatever the state.
fn machine_getters(model: &Model<'_, '_>) -> TokenStream {
    let getters = model.module.machine.fields.iter().map(|field| {
        let name = &field.ident;
        let ty = &field.ty;
        let doc = docs(&field.attrs.iter().collect::<Vec<_>>());
        let fallback = if doc.is_empty() {
            let text = format!(
                "The machine's `{}`, whatever its state.",
                name.to_token_stream()
            );
            quote!(#[doc = #text])
        } else {
            quote!(#(#doc)*)
        };
        quote! {
            #fallback
            #[must_use]
            pub fn #name(&self) -> &#ty {
                &self.#name
            }
        }
    });
    quote!(#(#getters)*)
}

/// A getter per state field name, once, available in the states that have the field.
fn state_getters(model: &Model<'_, '_>) -> TokenStream {
    let (hidden, field_trait, state_param) =
        (&model.hidden, &model.field_trait, &model.state_param);
    // Which states carry each field name, in declaration order.
    let mut carriers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut accessors = Vec::new();
    for (state, _) in model.states() {
        for accessor in state.accessors() {
            let key = accessor.name.unraw().to_string();
            let states = carriers.entry(key).or_default();
            if states.is_empty() {
                accessors.push(accessor);
            }
            states.push(format!("`{}`", state.ident));
        }
    }
    let getters = accessors.into_iter().map(|accessor| {
        let name = &accessor.name;
        let ty = &accessor.field.ty;
        let states = &carriers[&name.unraw().to_string()];
        // Spanned on the field, so "required by this bound" points at the declaration.
        let bound = respan(
            quote!(#state_param: #hidden::#field_trait<#hidden::field::#name, #ty>),
            name.span(),
        );
        let what = match &accessor.member {
            syn::Member::Named(_) => format!("The `{name}` of the state"),
            syn::Member::Unnamed(index) => {
                format!("Field {} of the state's data", index.index)
            }
        };
        let doc = format!("{what}; available in state {} only.", states.join(", "));
        quote! {
            #[doc = #doc]
            #[must_use]
            pub fn #name(&self) -> &#ty
            where
                #bound,
            {
                #hidden::#field_trait::<#hidden::field::#name, #ty>::__guard_get(&self.state)
            }
        }
    });
    quote!(#(#getters)*)
}

/// The method of one transition name, on every state it leaves from (a marker bound says which).
fn transition(model: &Model<'_, '_>, info: &TransitionInfo<'_>) -> Option<TokenStream> {
    let (target, target_generics) = model.state_named(info.target)?;
    if let Some(carrying) = super::carry::transition(model, info) {
        return Some(carrying);
    }
    let (parameters, value) = state_arguments(model, target);
    let name = info.name;
    let sources: Vec<String> = info
        .sources
        .iter()
        .map(|source| format!("[`{source}`]"))
        .collect();
    let doc = format!(
        "Transition `{name}`: from {} to [`{}`]{}",
        sources.join(", "),
        info.target,
        if parameters.is_empty() {
            "."
        } else {
            ", whose data are the arguments."
        }
    );
    // Spanned on the user's transition name, so "required by this bound" points there.
    let (state_param, hidden, transition_trait) =
        (&model.state_param, &model.hidden, &model.transition_trait);
    let bound = respan(
        quote!(#state_param: #hidden::#transition_trait::#name),
        name.span(),
    );
    let target_type = model.state_type(target, target_generics);
    let signature = Signature {
        doc,
        name,
        parameters,
        bound,
        target_type,
    };
    Some(if target.has_rules() {
        checked_transition(model, info, &signature, &value)
    } else {
        plain_transition(model, &signature, &value)
    })
}

/// What both kinds of transition method declare.
struct Signature<'i> {
    doc: String,
    name: &'i Ident,
    parameters: Vec<TokenStream>,
    bound: TokenStream,
    target_type: TokenStream,
}

/// `self` in another state: the machine's fields moved over, the new `state` local in place.
fn moved(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let machine_fields = &model.machine_fields;
    quote! {
        #machine { #(#machine_fields: self.#machine_fields,)* state }
    }
}

/// A transition into a state whose data has rules: the machine comes back if they are broken.
fn checked_transition(
    model: &Model<'_, '_>,
    info: &TransitionInfo<'_>,
    signature: &Signature<'_>,
    value: &TokenStream,
) -> TokenStream {
    let krate = model.krate;
    let Signature {
        doc,
        name,
        parameters,
        bound,
        target_type,
    } = signature;
    let target_machine = model.machine_type(target_type);
    let build = moved(model);
    let target_name = info.target.unraw().to_string();
    let errors_doc = format!(
        "# Errors\n\nWhen the new `{}` data breaks its invariants: the machine comes back \
         unchanged in a `Rejected`, with every violation.",
        info.target
    );
    quote! {
        #[doc = #doc]
        #[doc = ""]
        #[doc = #errors_doc]
        pub fn #name(self, #(#parameters),*)
            -> ::core::result::Result<#target_machine, #krate::Rejected<Self>>
        where
            #bound,
            // Holds unless a rule needs the machine's parameters to implement `Invariant`;
            // then the call, not the declaration, says so.
            #target_type: #krate::Invariant,
        {
            let state = #value;
            // Paths start at the state's name: `Shipped.tracking_id`.
            let mut violations = #krate::Violations::new();
            #krate::Invariant::check_at(
                &state,
                &#krate::Location::root().variant(#target_name),
                &mut violations,
            );
            match violations.into_result() {
                ::core::result::Result::Ok(()) => ::core::result::Result::Ok(#build),
                ::core::result::Result::Err(violations) => {
                    ::core::result::Result::Err(#krate::Rejected { machine: self, violations })
                }
            }
        }
    }
}

/// A transition into a state without rules: a move.
fn plain_transition(
    model: &Model<'_, '_>,
    signature: &Signature<'_>,
    value: &TokenStream,
) -> TokenStream {
    let Signature {
        doc,
        name,
        parameters,
        bound,
        target_type,
    } = signature;
    let target_machine = model.machine_type(target_type);
    let build = moved(model);
    quote! {
        #[doc = #doc]
        #[must_use = "a transition consumes the machine and returns it in the new state"]
        pub fn #name(self, #(#parameters),*) -> #target_machine
        where
            #bound,
        {
            let state = #value;
            #build
        }
    }
}

pub(super) fn constructors(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let krate = model.krate;
    let (impl_generics, _, where_clause) = model.generics.split_for_impl();
    let machine_rules = model.module.machine.has_rules();
    let mut tokens = TokenStream::new();
    for (state, generics) in model.states() {
        if state.initial.is_none() {
            continue;
        }
        let state_type = model.state_type(state, generics);
        let self_type = model.machine_type(&state_type);
        let (state_parameters, value) = state_arguments(model, state);
        let machine_parameters = model.module.machine.fields.iter().map(|field| {
            let name = &field.ident;
            let ty = &field.ty;
            quote!(#name: #ty)
        });
        let machine_fields = model.module.machine.fields.iter().map(|field| &field.ident);
        let build = quote!(#machine { #(#machine_fields,)* state: #value });
        let doc = format!(
            "A new machine in the initial state [`{}`]: the machine's data, then the state's.",
            state.ident
        );
        let span = state.initial.unwrap_or_else(Span::call_site);
        let new = Ident::new("new", span);
        if machine_rules || state.has_rules() {
            let checks = model.rule_checks(state);
            let bounds = model.rule_bounds(state, generics);
            tokens.extend(quote! {
                #[allow(dead_code)]
                impl #impl_generics #self_type #where_clause {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = "# Errors"]
                    #[doc = ""]
                    #[doc = "Every violation of the invariants of the machine's and the state's data."]
                    pub fn #new(#(#machine_parameters,)* #(#state_parameters),*)
                        -> ::core::result::Result<Self, #krate::Violations>
                    where
                        #(#bounds,)*
                    {
                        let machine = #build;
                        let mut violations = #krate::Violations::new();
                        #checks
                        violations.into_result().map(|()| machine)
                    }
                }
            });
        } else {
            tokens.extend(quote! {
                #[allow(dead_code)]
                impl #impl_generics #self_type #where_clause {
                    #[doc = #doc]
                    #[must_use]
                    pub fn #new(#(#machine_parameters,)* #(#state_parameters),*) -> Self {
                        #build
                    }
                }
            });
        }
    }
    tokens
}
