//! `From<Machine<S>>` for the erased enum and `TryFrom<Erased>` for `Machine<S>`, and the dispatch
//! methods they go through.

use crate::typestate::model::{Model, erase_trait};
use crate::typestate::parse::State;
use proc_macro2::TokenStream;
use quote::quote;

/// The two dispatch methods, declared: `prefix` reaches the user's module (`super::` from the
/// sealed module), `bound` is the where clause a method of the sealed trait needs.
pub(crate) fn dispatch_declarations(
    model: &Model<'_, '_>,
    prefix: &TokenStream,
    bound: &TokenStream,
) -> TokenStream {
    let erased = model.erased;
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let machine = model.machine;
    let arguments = crate::typestate::generics::arguments(&model.generics);
    let machine_type = quote!(#prefix #machine<#(#arguments,)* Self>);
    let erased_type = quote!(#prefix #erased #ty_generics);
    quote! {
        /// The machine, erased into its state's variant.
        fn __guard_into_erased(machine: #machine_type) -> #erased_type #bound;
        /// The machine back, when the erased one is in this state.
        ///
        /// # Errors
        ///
        /// The erased machine, untouched, when it is in another state.
        fn __guard_from_erased(
            erased: #erased_type,
        ) -> ::core::result::Result<#machine_type, #erased_type> #bound;
    }
}

/// The two dispatch methods of `state`: in and out of its variant.
pub(crate) fn dispatch_bodies(model: &Model<'_, '_>, state: &State<'_>) -> TokenStream {
    let erased = model.erased;
    let ident = state.ident;
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let machine = model.machine;
    let arguments = crate::typestate::generics::arguments(&model.generics);
    let machine_type = quote!(#machine<#(#arguments,)* Self>);
    quote! {
        #[inline]
        fn __guard_into_erased(machine: #machine_type) -> #erased #ty_generics {
            #erased::#ident(machine)
        }
        #[inline]
        #[allow(unreachable_patterns)]
        fn __guard_from_erased(
            erased: #erased #ty_generics,
        ) -> ::core::result::Result<#machine_type, #erased #ty_generics> {
            match erased {
                #erased::#ident(machine) => ::core::result::Result::Ok(machine),
                other => ::core::result::Result::Err(other),
            }
        }
    }
}

/// `From<Machine<S>>` for the erased enum and `TryFrom<Erased>` for `Machine<S>`: one generic impl
/// each, dispatching through a method every state type implements. (One impl per state would give
/// rustc N impls of one trait for one self type, whose overlap check is quadratic.)
pub(super) fn conversions(model: &Model<'_, '_>) -> TokenStream {
    let erased = model.erased;
    let state_param = &model.state_param;
    let state_trait = &model.state_trait;
    let (_, ty_generics, _) = model.generics.split_for_impl();
    let arguments = crate::typestate::generics::arguments(&model.generics);
    let machine_type = model.machine_type(&quote!(#state_param));
    let (dispatch, bound, trait_and_impls) = match erase_trait(model) {
        None => (
            quote!(__guard_sealed::Sealed),
            quote!(#state_trait),
            TokenStream::new(),
        ),
        Some(erase) => {
            let generics = &model.generics;
            let (impl_generics, _, where_clause) = generics.split_for_impl();
            let params = &generics.params;
            let declarations =
                dispatch_declarations(model, &TokenStream::new(), &TokenStream::new());
            let mut tokens = quote! {
                // Private to the declaring module, like the sealed trait it extends.
                trait #erase<#params>: #state_trait + ::core::marker::Sized #where_clause {
                    #declarations
                }
            };
            for (state, state_generics) in model.states() {
                let state_type = model.state_type(state, state_generics);
                let bodies = dispatch_bodies(model, state);
                tokens.extend(quote! {
                    #[automatically_derived]
                    impl #impl_generics #erase<#(#arguments),*> for #state_type #where_clause {
                        #bodies
                    }
                });
            }
            (
                quote!(#erase<#(#arguments),*>),
                quote!(#erase<#(#arguments),*>),
                tokens,
            )
        }
    };
    let generics = crate::typestate::generics::with_state(&model.generics, state_param, &bound);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    quote! {
        #trait_and_impls
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #impl_generics ::core::convert::From<#machine_type> for #erased #ty_generics #where_clause {
            #[inline]
            fn from(machine: #machine_type) -> Self {
                <#state_param as #dispatch>::__guard_into_erased(machine)
            }
        }
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #impl_generics ::core::convert::TryFrom<#erased #ty_generics> for #machine_type #where_clause {
            /// The erased machine, untouched, when it is in another state.
            type Error = #erased #ty_generics;
            #[inline]
            fn try_from(erased: #erased #ty_generics) -> ::core::result::Result<Self, Self::Error> {
                <#state_param as #dispatch>::__guard_from_erased(erased)
            }
        }
    }
}
