//! What a service calls on the erased enum without matching on it: every transition (allowed or
//! not, decided at run time, the value handed back when not) and the machine's shared fields.

use crate::typestate::attrs::is_named;
use crate::typestate::model::{Model, TransitionInfo};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;
use syn::Ident;
use syn::ext::IdentExt;

/// Methods the erased enum has already: a transition or field of that name is left off it.
pub(crate) const RESERVED: &[&str] = &[
    "state_name",
    "into_record",
    "restore",
    "into_row",
    "restore_row",
];

/// The transitions and the shared-field getters of the erased enum, in one impl block.
pub(crate) fn emit(model: &Model<'_, '_>) -> TokenStream {
    let erased = model.erased;
    let (impl_generics, ty_generics, where_clause) = model.generics.split_for_impl();
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|name| (*name).to_owned()).collect();
    let mut methods = TokenStream::new();
    for info in &model.transitions {
        if taken.insert(info.name.unraw().to_string()) {
            methods.extend(transition(model, info));
        }
    }
    for field in &model.module.machine.fields {
        let Some(name) = &field.ident else { continue };
        if taken.insert(name.unraw().to_string()) {
            methods.extend(shared_getter(model, field, name));
        }
    }
    quote! {
        #[allow(dead_code)]
        impl #impl_generics #erased #ty_generics #where_clause {
            #methods
        }
    }
}

/// `OrderState::ship(self, tracking_id) -> Result<OrderState, TransitionError<OrderState>>`.
fn transition(model: &Model<'_, '_>, info: &TransitionInfo<'_>) -> TokenStream {
    let krate = model.krate;
    let Some((target, target_generics)) = model.state_named(info.target) else {
        return TokenStream::new();
    };
    let name = info.name;
    let name_text = name.unraw().to_string();
    let arguments = arguments(model, target);
    let parameters = arguments.iter().map(|(name, ty)| quote!(#name: #ty));
    let names: Vec<&Ident> = arguments.iter().map(|(name, _)| name).collect();
    let arms = info
        .sources
        .iter()
        .map(|source| transition_arm(model, source, target, &quote!(machine.#name(#(#names),*))));
    let sources: Vec<String> = info
        .sources
        .iter()
        .map(|source| source.unraw().to_string())
        .collect();
    let bound = if target.has_rules() {
        let target_type = model.state_type(target, target_generics);
        quote!(where #target_type: #krate::Invariant)
    } else {
        TokenStream::new()
    };
    let (doc, errors) = transition_docs(&name_text, target, &sources);
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        ///
        #[doc = #errors]
        pub fn #name(self, #(#parameters),*)
            -> ::core::result::Result<Self, #krate::TransitionError<Self>>
        #bound
        {
            #[allow(unreachable_patterns)]
            match self {
                #(#arms)*
                other => {
                    let from = other.state_name();
                    ::core::result::Result::Err(#krate::TransitionError::NotAllowed {
                        machine: other,
                        transition: #name_text,
                        from,
                        allowed_from: &[#(#sources),*],
                    })
                }
            }
        }
    }
}

/// The arm of an erased transition for one state it leaves: the typed call, its result wrapped.
fn transition_arm(
    model: &Model<'_, '_>,
    source: &Ident,
    target: &State<'_>,
    call: &TokenStream,
) -> TokenStream {
    let krate = model.krate;
    let target_ident = target.ident;
    let target_text = target_ident.unraw().to_string();
    let arm = if target.has_rules() {
        quote! {
            match #call {
                ::core::result::Result::Ok(next) => ::core::result::Result::Ok(Self::#target_ident(next)),
                ::core::result::Result::Err(rejected) => {
                    ::core::result::Result::Err(#krate::TransitionError::Rejected(#krate::Rejected {
                        machine: Self::#source(rejected.machine),
                        violations: rejected
                            .violations
                            .relative_to(&#krate::Location::root().variant(#target_text)),
                    }))
                }
            }
        }
    } else {
        quote!(::core::result::Result::Ok(Self::#target_ident(#call)))
    };
    quote!(Self::#source(machine) => #arm,)
}

/// The doc of an erased transition and its `# Errors` text.
fn transition_docs(name: &str, target: &State<'_>, sources: &[String]) -> (String, String) {
    let target_text = target.ident.unraw().to_string();
    let doc = format!(
        "Transition `{name}` on a machine in any state: allowed from {}, into `{target_text}`.",
        sources
            .iter()
            .map(|source| format!("`{source}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let errors = if target.has_rules() {
        "`TransitionError::NotAllowed` with the machine when its state has no such transition; \
         `TransitionError::Rejected` with the machine and the violations (paths relative to the \
         arguments) when the new data breaks the invariants of `"
            .to_owned()
            + &target_text
            + "`."
    } else {
        "`TransitionError::NotAllowed` with the machine when its state has no such transition."
            .to_owned()
    };
    (doc, errors)
}

/// `OrderState::id(&self) -> &u64`: a machine field, whatever the state.
fn shared_getter(model: &Model<'_, '_>, field: &syn::Field, name: &Ident) -> TokenStream {
    let ty = &field.ty;
    let docs: Vec<&syn::Attribute> = field
        .attrs
        .iter()
        .filter(|attr| is_named(attr, "doc"))
        .collect();
    let fallback = if docs.is_empty() {
        let text = format!("The machine's `{}`, whatever its state.", name.unraw());
        quote!(#[doc = #text])
    } else {
        quote!(#(#docs)*)
    };
    let arms = model.states().map(|(state, _)| {
        let ident = state.ident;
        quote!(Self::#ident(machine) => machine.#name(),)
    });
    quote! {
        #fallback
        #[must_use]
        #[inline]
        pub fn #name(&self) -> &#ty {
            match self {
                #(#arms)*
            }
        }
    }
}

/// A transition's arguments: the target state's fields, named as the typed transition names them.
pub(super) fn arguments<'s>(
    model: &Model<'_, '_>,
    target: &'s State<'_>,
) -> Vec<(Ident, &'s syn::Type)> {
    target
        .fields()
        .enumerate()
        .filter(|(_, field)| !model.is_carried(target, field))
        .map(|(position, field)| {
            let name = field
                .ident
                .clone()
                .unwrap_or_else(|| quote::format_ident!("field_{position}"));
            (name, &field.ty)
        })
        .collect()
}
