//! `impl Generate`: a strategy per constructor, each drawing its fields as nested pairs and
//! mapping them to the value; one of them at random for an enum.

use super::parse::{Constructor, Draw, Input};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Fields, GenericParam};

pub(super) fn expand(input: &Input<'_>) -> TokenStream {
    let krate = &input.krate;
    let item = input.item;
    let ident = &item.ident;
    let proptest = quote!(#krate::__private::proptest);
    let mut generics = item.generics.clone();
    // Each type parameter is drawn too, wherever a field holds it.
    let params: Vec<syn::Ident> = generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(param.ident.clone()),
            _ => None,
        })
        .collect();
    let where_clause = generics.make_where_clause();
    for param in &params {
        where_clause
            .predicates
            .push(syn::parse_quote!(#param: #krate::proptest::Generate));
    }
    let (impl_generics, type_generics, where_clause) = generics.split_for_impl();
    let strategies: Vec<TokenStream> = input
        .constructors
        .iter()
        .map(|constructor| constructor_strategy(constructor, krate))
        .collect();
    let body = if let [only] = strategies.as_slice() {
        only.clone()
    } else {
        quote!(#proptest::strategy::Strategy::boxed(#proptest::strategy::Union::new([#(#strategies),*])))
    };
    quote! {
        #krate::__private::if_proptest! {
            #[automatically_derived]
            impl #impl_generics #krate::proptest::Generate for #ident #type_generics #where_clause {
                fn strategy() -> #proptest::strategy::BoxedStrategy<Self> {
                    #body
                }
            }
        }
    }
}

/// `boxed(prop_map((a, (b, Just(()))), |(__guard_0, (__guard_1, ()))| Self { .. }))`.
fn constructor_strategy(constructor: &Constructor<'_>, krate: &syn::Path) -> TokenStream {
    let proptest = quote!(#krate::__private::proptest);
    let bindings: Vec<syn::Ident> = (0..constructor.draws.len())
        .map(|position| format_ident!("__guard_{position}"))
        .collect();
    let mut strategy = quote!(#proptest::strategy::Just(()));
    let mut pattern = quote!(());
    for (draw, binding) in constructor.draws.iter().zip(&bindings).rev() {
        let one = match draw {
            // Spanned on the field's type: a type without `Generate` is reported there (G0118).
            Draw::Generate(ty) => {
                quote_spanned!(ty.span()=> <#ty as #krate::proptest::Generate>::strategy())
            }
            Draw::Strategy(expression) => {
                quote_spanned!(expression.span()=> #proptest::strategy::Strategy::boxed(#expression))
            }
        };
        strategy = quote!((#one, #strategy));
        pattern = quote!((#binding, #pattern));
    }
    let path = match constructor.variant {
        Some(variant) => quote!(Self::#variant),
        None => quote!(Self),
    };
    let value = match constructor.fields {
        Fields::Named(fields) => {
            let names = fields.named.iter().map(|field| &field.ident);
            quote!(#path { #(#names: #bindings),* })
        }
        Fields::Unnamed(_) => quote!(#path(#(#bindings),*)),
        Fields::Unit => path,
    };
    quote! {
        #proptest::strategy::Strategy::boxed(#proptest::strategy::Strategy::prop_map(
            #strategy,
            |#pattern| #value,
        ))
    }
}
