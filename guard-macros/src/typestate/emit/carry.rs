//! The code `#[carry(..)]` adds: the transitions into a state with carried fields, which move
//! those fields from the state they leave, and the items they need.

use crate::typestate::model::{Model, TransitionInfo, respan, state_pattern};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::ext::IdentExt;
use syn::{Generics, Ident, Type};

fn carry_trait(model: &Model<'_, '_>) -> Ident {
    format_ident!("__Guard{}Carry", model.machine)
}

/// The hidden trait and, per transition into a carrying state, its impl for each source state.
pub(crate) fn items(model: &Model<'_, '_>) -> TokenStream {
    if model.module.carried.is_empty() {
        return TokenStream::new();
    }
    let trait_ident = carry_trait(model);
    let carry_module = format_ident!("{}_carry", model.hidden);
    // In a private module, imported privately: `__guard_join` builds a state from raw parts, so no
    // code outside the declaring module may name it.
    let mut tokens = quote! {
        #[allow(non_snake_case)]
        mod #carry_module {
            pub trait #trait_ident<__Transition, __Carried>: ::core::marker::Sized {
                type __GuardRest;
                fn __guard_split(self) -> (__Carried, Self::__GuardRest);
                fn __guard_join(carried: __Carried, rest: Self::__GuardRest) -> Self;
            }
        }
        use #carry_module::#trait_ident;
    };
    for info in &model.transitions {
        let Some((target, _)) = model.state_named(info.target) else {
            continue;
        };
        let carried = model.carried_fields(target);
        if carried.is_empty() {
            continue;
        }
        for source in &info.sources {
            if let Some((source, generics)) = model.state_named(source) {
                tokens.extend(carry_impl(model, info.name, &carried, source, generics));
            }
        }
    }
    tokens
}

/// The carry trait for `source` left by the transition `name`: split the source state into the
/// carried fields and the rest, and join them back.
fn carry_impl(
    model: &Model<'_, '_>,
    name: &Ident,
    carried: &[&syn::Field],
    source: &State<'_>,
    generics: &Generics,
) -> TokenStream {
    let trait_ident = carry_trait(model);
    let hidden = &model.hidden;
    let carried_names: Vec<&Option<Ident>> = carried.iter().map(|field| &field.ident).collect();
    let carried_types: Vec<&Type> = carried.iter().map(|field| &field.ty).collect();
    let source_type = model.state_type(source, generics);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let rest: Vec<&syn::Field> = source
        .fields()
        .filter(|field| !carried_names.iter().any(|name| field.ident == **name))
        .collect();
    let rest_names: Vec<&Option<Ident>> = rest.iter().map(|field| &field.ident).collect();
    let rest_types: Vec<&Type> = rest.iter().map(|field| &field.ty).collect();
    let pattern = state_pattern(source);
    let all: Vec<TokenStream> = source
        .fields()
        .map(|field| field.ident.to_token_stream())
        .collect();
    let rebuilt = model.state_value_of(source, &all);
    quote! {
        #[automatically_derived]
        impl #impl_generics #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)> for #source_type #where_clause {
            type __GuardRest = (#(#rest_types,)*);
            #[inline]
            fn __guard_split(self) -> ((#(#carried_types,)*), Self::__GuardRest) {
                let #pattern = self;
                ((#(#carried_names,)*), (#(#rest_names,)*))
            }
            #[inline]
            fn __guard_join(
                (#(#carried_names,)*): (#(#carried_types,)*),
                (#(#rest_names,)*): Self::__GuardRest,
            ) -> Self {
                #rebuilt
            }
        }
    }
}

/// The typed transition into a carrying state: its arguments are the state's own fields; the
/// carried ones move over from the source, and back into it if the new data is rejected.
pub(crate) fn transition(model: &Model<'_, '_>, info: &TransitionInfo<'_>) -> Option<TokenStream> {
    let (target, target_generics) = model.state_named(info.target)?;
    let carried = model.carried_fields(target);
    if carried.is_empty() {
        return None;
    }
    let krate = model.krate;
    let hidden = &model.hidden;
    let state_param = &model.state_param;
    let transition_trait = &model.transition_trait;
    let trait_ident = carry_trait(model);
    let target_type = model.state_type(target, target_generics);
    let target_machine = model.machine_type(&target_type);
    let name = info.name;
    let carried_names: Vec<&Option<Ident>> = carried.iter().map(|field| &field.ident).collect();
    let carried_types: Vec<&Type> = carried.iter().map(|field| &field.ty).collect();
    let parameters = target
        .fields()
        .filter(|field| !model.is_carried(target, field))
        .map(|field| {
            let ident = &field.ident;
            let ty = &field.ty;
            quote!(#ident: #ty)
        });
    let value = model.state_value(target);
    let bound = respan(
        quote!(#state_param: #hidden::#transition_trait::#name),
        name.span(),
    );
    let doc = transition_doc(name, target, &carried_names);
    let body = transition_body(model, info, target, &carried_names, &carried_types);
    let (output, extra_bound, rest_binding) = if target.has_rules() {
        (
            quote!(::core::result::Result<#target_machine, #krate::Rejected<Self>>),
            quote!(#target_type: #krate::Invariant,),
            quote!(rest),
        )
    } else {
        (quote!(#target_machine), TokenStream::new(), quote!(_))
    };
    let carry =
        quote!(<#state_param as #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)>>);
    Some(quote! {
        #[doc = #doc]
        pub fn #name(self, #(#parameters),*) -> #output
        where
            #bound,
            #state_param: #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)>,
            #extra_bound
        {
            let ((#(#carried_names,)*), #rest_binding) = #carry::__guard_split(self.state);
            let state = #value;
            #body
        }
    })
}

fn transition_doc(name: &Ident, target: &State<'_>, carried_names: &[&Option<Ident>]) -> String {
    let carried_text: Vec<String> = carried_names
        .iter()
        .map(|name| format!("`{}`", name.to_token_stream()))
        .collect();
    format!(
        "Transition `{}` into [`{}`]: the arguments are its own fields; {} carr{} over from the current state.",
        name.unraw(),
        target.ident,
        carried_text.join(", "),
        if carried_text.len() == 1 { "ies" } else { "y" }
    )
}

/// After the new `state` is built: the machine in it, or, when its data breaks its rules, the
/// carried fields put back into the source state and the machine handed back.
fn transition_body(
    model: &Model<'_, '_>,
    info: &TransitionInfo<'_>,
    target: &State<'_>,
    carried_names: &[&Option<Ident>],
    carried_types: &[&Type],
) -> TokenStream {
    let (krate, machine, hidden) = (model.krate, model.machine, &model.hidden);
    let (state_param, name) = (&model.state_param, info.name);
    let trait_ident = carry_trait(model);
    let machine_fields = &model.machine_fields;
    if !target.has_rules() {
        return quote!(#machine { #(#machine_fields: self.#machine_fields,)* state });
    }
    let carry =
        quote!(<#state_param as #trait_ident<#hidden::transition::#name, (#(#carried_types,)*)>>);
    let target_ident = target.ident;
    let target_name = target.ident.unraw().to_string();
    quote! {
        let mut violations = #krate::Violations::new();
        #krate::Invariant::check_at(&state, &#krate::Location::root().variant(#target_name), &mut violations);
        match violations.into_result() {
            ::core::result::Result::Ok(()) => {
                ::core::result::Result::Ok(#machine { #(#machine_fields: self.#machine_fields,)* state })
            }
            ::core::result::Result::Err(violations) => {
                let #target_ident { #(#carried_names,)* .. } = state;
                let state = #carry::__guard_join((#(#carried_names,)*), rest);
                ::core::result::Result::Err(#krate::Rejected {
                    machine: #machine { #(#machine_fields: self.#machine_fields,)* state },
                    violations,
                })
            }
        }
    }
}
