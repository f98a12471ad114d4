//! With `#[typestate(serde)]`: per transition of the erased enum, a struct of its arguments that
//! deserialises from a request body (`OrderPayArguments { payment_ref }`) and applies itself
//! (`stateguard::Transition`), so that one handler serves every transition.

use super::erased_ops::{RESERVED, arguments};
use super::serde::serde_path;
use crate::typestate::generics::{applied, subset};
use crate::typestate::model::{Model, TransitionInfo};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, Ident};

pub(super) fn emit(model: &Model<'_, '_>) -> TokenStream {
    // Deserialised values own their data: a machine that borrows gets none.
    if model
        .generics
        .params
        .iter()
        .any(|param| matches!(param, GenericParam::Lifetime(_)))
    {
        return TokenStream::new();
    }
    let mut taken: BTreeSet<String> = RESERVED.iter().map(|name| (*name).to_owned()).collect();
    // `pay_now` and `pay__now` would both be `OrderPayNowArguments`: the first keeps the name.
    let mut named: BTreeSet<String> = BTreeSet::new();
    let structs = model
        .transitions
        .iter()
        .filter(|info| taken.insert(info.name.unraw().to_string()))
        .filter(|info| named.insert(struct_name(model, info.name).to_string()))
        .map(|info| arguments_struct(model, info));
    let krate = model.krate;
    quote! {
        #krate::__private::if_serde! {
            #(#structs)*
        }
    }
}

/// `OrderPayArguments` for the transition `pay`.
fn struct_name(model: &Model<'_, '_>, name: &Ident) -> Ident {
    let camel = crate::typestate::attrs::upper_camel(name.unraw().to_string().as_str());
    format_ident!("{}{camel}Arguments", model.machine.unraw())
}

/// The struct, its `Deserialize` and its `Transition` impl.
fn arguments_struct(model: &Model<'_, '_>, info: &TransitionInfo<'_>) -> TokenStream {
    let Some((target, target_generics)) = model.state_named(info.target) else {
        return TokenStream::new();
    };
    let krate = model.krate;
    let vis = &model.module.states.item.vis;
    let erased = model.erased;
    let name = info.name;
    let name_text = name.unraw().to_string();
    let ident = struct_name(model, name);
    let fields = arguments(model, target);
    let names: Vec<&Ident> = fields.iter().map(|(name, _)| name).collect();
    let types: Vec<&syn::Type> = fields.iter().map(|(_, ty)| *ty).collect();
    let generics = subset(&model.generics, quote!(#(#types)*));
    let (serde, serde_text) = serde_path(model);
    let (impl_generics, erased_generics, where_clause) = model.generics.split_for_impl();
    let params = &generics.params;
    let declared = if params.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#params>)
    };
    let own_where = &generics.where_clause;
    let self_type = applied(&ident, &generics);
    let debug = debug_impl(&ident, &generics, &names, &types);
    let mut predicates: Vec<TokenStream> = where_clause
        .map(|clause| clause.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    if target.has_rules() {
        let target_type = model.state_type(target, target_generics);
        predicates.push(quote!(#target_type: #krate::Invariant));
    }
    let doc = format!(
        "The arguments of the transition `{name_text}` (`{erased}::{name_text}`), as a request body carries them; `stateguard::Transition::apply` calls it."
    );
    let field_docs = names
        .iter()
        .map(|field| format!("The `{}` argument.", field.unraw()));
    quote! {
        #[doc = #doc]
        #[derive(#serde::Deserialize)]
        #[serde(crate = #serde_text, deny_unknown_fields)]
        #vis struct #ident #declared #own_where {
            #(#[doc = #field_docs] pub #names: #types,)*
        }

        #debug

        #[automatically_derived]
        impl #impl_generics #krate::Transition<#erased #erased_generics> for #self_type
        where
            #(#predicates,)*
        {
            const NAME: &'static ::core::primitive::str = #name_text;

            fn apply(
                self,
                machine: #erased #erased_generics,
            ) -> ::core::result::Result<#erased #erased_generics, #krate::TransitionError<#erased #erased_generics>> {
                machine.#name(#(self.#names),*)
            }
        }
    }
}

/// `Debug` for an arguments struct where every argument type has it, without requiring it of the
/// others.
fn debug_impl(
    ident: &Ident,
    generics: &Generics,
    names: &[&Ident],
    types: &[&syn::Type],
) -> TokenStream {
    let (declared_impl, _, _) = generics.split_for_impl();
    let own_predicates = generics
        .where_clause
        .as_ref()
        .map(|clause| {
            let predicates = clause.predicates.iter();
            quote!(#(#predicates,)*)
        })
        .unwrap_or_default();
    let ident_text = ident.to_string();
    let name_texts: Vec<String> = names.iter().map(|name| name.unraw().to_string()).collect();
    let self_type = applied(ident, generics);
    quote! {
        #[automatically_derived]
        impl #declared_impl ::core::fmt::Debug for #self_type
        where
            #(for<'__guard> #types: ::core::fmt::Debug,)*
            #own_predicates
        {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#ident_text)
                    #(.field(#name_texts, &self.#names))*
                    .finish()
            }
        }
    }
}
