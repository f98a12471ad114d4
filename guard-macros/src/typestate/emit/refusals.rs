//! Conversions a typed machine refuses, in stateguard's words (G0119): `Deserialize` for
//! `Order<S>` and `From<OrderRecord>`. Each is implemented only under a bound on a private trait
//! no state implements, whose `#[diagnostic::on_unimplemented]` gives the checked path instead
//! (rustc would otherwise list every type that implements `Deserialize`, or `From`).

use crate::diagnostics::typestate::{ConversionWords, RefusedConversion, refused_conversion};
use crate::typestate::generics::with_state;
use crate::typestate::model::Model;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

pub(super) fn refusals(model: &Model<'_, '_>) -> TokenStream {
    let never = format_ident!("__Guard{}Never", model.machine);
    let from_record = refuse_from_record(model, &never);
    let deserialize = refuse_deserialize(model, &never);
    // Each marker has one impl, on a type no value has, so rustc neither says "this trait has no
    // implementations, consider adding one" nor (with `do_not_recommend`) lists it.
    quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        enum #never {}
        #from_record
        #deserialize
    }
}

/// The words of G0119 for one refused conversion.
fn words(model: &Model<'_, '_>, conversion: RefusedConversion) -> ConversionWords {
    refused_conversion(
        conversion,
        &model.machine.to_string(),
        !model.generics.params.is_empty(),
        &model.erased.to_string(),
        &model.record.to_string(),
        model.serde,
    )
}

/// `From<OrderRecord> for Order<S>`, under a bound no state meets.
fn refuse_from_record(model: &Model<'_, '_>, never: &Ident) -> TokenStream {
    let (machine, record, state_param) = (model.machine, &model.record, &model.state_param);
    let generics = with_state(&model.generics, state_param, &model.state_bound());
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let predicates = where_clause.map(|clause| &clause.predicates);
    let machine_type = model.machine_type(&quote!(#state_param));
    let (_, record_generics, _) = model.generics.split_for_impl();
    let not_from_record = format_ident!("__Guard{}NotFromRecord", machine);
    let from_record = words(model, RefusedConversion::FromRecord);
    let (message, label, note) = (&from_record.message, &from_record.label, &from_record.note);
    quote! {
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(
            message = #message,
            label = #label,
            note = #note,
        )]
        trait #not_from_record {}
        #[diagnostic::do_not_recommend]
        impl #not_from_record for #never {}
        #[automatically_derived]
        #[allow(private_bounds)]
        impl #impl_generics ::core::convert::From<#record #record_generics> for #machine_type
        where
            #state_param: #not_from_record,
            #predicates
        {
            // The bound never holds: this is never called.
            #[allow(unconditional_recursion)]
            fn from(record: #record #record_generics) -> Self {
                ::core::convert::From::from(record)
            }
        }
    }
}

/// `Deserialize for Order<S>` (with serde), under a bound no state meets.
fn refuse_deserialize(model: &Model<'_, '_>, never: &Ident) -> TokenStream {
    let (krate, machine, state_param) = (model.krate, model.machine, &model.state_param);
    let generics = with_state(&model.generics, state_param, &model.state_bound());
    let predicates = generics
        .where_clause
        .as_ref()
        .map(|clause| &clause.predicates);
    let machine_type = model.machine_type(&quote!(#state_param));
    let mut de_generics = generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__guard_de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let not_deserialize = format_ident!("__Guard{}NotDeserialize", machine);
    let deserialize = words(model, RefusedConversion::Deserialize);
    let (message, label, note) = (&deserialize.message, &deserialize.label, &deserialize.note);
    let refused_text = format!(
        "`{machine}` is deserialized through `{}`, never in a given state",
        model.erased
    );
    quote! {
        #krate::__private::if_serde! {
            #[doc(hidden)]
            #[diagnostic::on_unimplemented(
                message = #message,
                label = #label,
                note = #note,
            )]
            trait #not_deserialize {}
            #[diagnostic::do_not_recommend]
            impl #not_deserialize for #never {}
            #[automatically_derived]
            #[allow(private_bounds)]
            impl #de_impl_generics #krate::__private::serde::Deserialize<'__guard_de> for #machine_type
            where
                #state_param: #not_deserialize,
                #predicates
            {
                fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: #krate::__private::serde::Deserializer<'__guard_de>,
                {
                    ::core::result::Result::Err(
                        <__D::Error as #krate::__private::serde::de::Error>::custom(#refused_text),
                    )
                }
            }
        }
    }
}
