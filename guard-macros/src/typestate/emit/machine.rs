//! The inherent methods of the machine: getters, one method per transition name, and `new` on the
//! initial state(s).

use crate::typestate::generics::with_state;
use crate::typestate::model::{Model, docs, respan, state_field_names, transition_infos};
use crate::typestate::parse::State;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::ext::IdentExt;
use syn::{Generics, Ident};

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

pub(super) fn machine_impl(model: &Model<'_, '_>) -> TokenStream {
    let machine = model.machine;
    let krate = model.krate;
    let hidden = &model.hidden;
    let state_param = &model.state_param;
    let state_trait = &model.state_trait;
    let transition_trait = &model.transition_trait;
    let field_trait = &model.field_trait;
    let generics = with_state(&model.generics, state_param, &model.state_bound());
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    let machine_getters = model.module.machine.fields.iter().map(|field| {
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

    let mut state_getters = TokenStream::new();
    // Which states carry each field name, in declaration order.
    let mut carriers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (state, _) in model.states() {
        for accessor in state.accessors() {
            carriers
                .entry(accessor.name.unraw().to_string())
                .or_default()
                .push(format!("`{}`", state.ident));
        }
    }
    let mut done = BTreeSet::new();
    for (state, _) in model.states() {
        for accessor in state.accessors() {
            let key = accessor.name.unraw().to_string();
            if !done.insert(key.clone()) {
                continue;
            }
            let carriers = carriers.get(&key).cloned().unwrap_or_default();
            let name = &accessor.name;
            let ty = &accessor.field.ty;
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
            let doc = format!("{what}; available in state {} only.", carriers.join(", "));
            state_getters.extend(quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #name(&self) -> &#ty
                where
                    #bound,
                {
                    #hidden::#field_trait::<#hidden::field::#name, #ty>::__guard_get(&self.state)
                }
            });
        }
    }

    let machine_fields: Vec<&Option<Ident>> = model
        .module
        .machine
        .fields
        .iter()
        .map(|field| &field.ident)
        .collect();
    let by_name: BTreeMap<String, (&State<'_>, &Generics)> = model
        .states()
        .map(|(state, generics)| (state.ident.unraw().to_string(), (state, generics)))
        .collect();
    let mut transitions = TokenStream::new();
    for info in transition_infos(model) {
        let Some((target, target_generics)) =
            by_name.get(&info.target.unraw().to_string()).copied()
        else {
            continue;
        };
        if let Some(carrying) = super::carry::transition(model, &info) {
            transitions.extend(carrying);
            continue;
        }
        let target_type = model.state_type(target, target_generics);
        let target_machine = model.machine_type(&target_type);
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
        let bound = respan(
            quote!(#state_param: #hidden::#transition_trait::#name),
            name.span(),
        );
        let build = quote! {
            #machine { #(#machine_fields: self.#machine_fields,)* state }
        };
        let target_name = info.target.unraw().to_string();
        if target.has_rules() {
            let errors_doc = format!(
                "# Errors\n\nWhen the new `{}` data breaks its invariants: the machine comes back \
                 unchanged in a `Rejected`, with every violation.",
                info.target
            );
            transitions.extend(quote! {
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
            });
        } else {
            transitions.extend(quote! {
                #[doc = #doc]
                #[must_use = "a transition consumes the machine and returns it in the new state"]
                pub fn #name(self, #(#parameters),*) -> #target_machine
                where
                    #bound,
                {
                    let state = #value;
                    #build
                }
            });
        }
    }

    quote! {
        // The bounds name the module's private marker traits, which only this module can use.
        #[allow(dead_code, private_bounds)]
        impl #impl_generics #machine #ty_generics #where_clause {
            #(#machine_getters)*

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
            #transitions
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
