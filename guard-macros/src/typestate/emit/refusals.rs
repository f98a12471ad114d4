//! Conversions a typed machine refuses, in stateguard's words (G0119): `Deserialize` for
//! `Order<S>` and `From<OrderRecord>`. Each is implemented only under a bound on a private trait
//! no state implements, whose `#[diagnostic::on_unimplemented]` gives the checked path instead
//! (rustc would otherwise list every type that implements `Deserialize`, or `From`).

use crate::diagnostics::typestate::{RefusedConversion, refused_conversion};
use crate::typestate::generics::with_state;
use crate::typestate::model::Model;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn refusals(model: &Model<'_, '_>) -> TokenStream {
    let krate = model.krate;
    let machine = model.machine;
    let record = &model.record;
    let state_param = &model.state_param;
    let generics = with_state(&model.generics, state_param, &model.state_bound());
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let machine_type = model.machine_type(&quote!(#state_param));
    let (_, record_generics, _) = model.generics.split_for_impl();
    let mut de_generics = generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__guard_de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let predicates = where_clause.map(|clause| &clause.predicates);

    let words = |conversion| {
        refused_conversion(
            conversion,
            &machine.to_string(),
            !model.generics.params.is_empty(),
            &model.erased.to_string(),
            &record.to_string(),
            model.serde,
        )
    };
    let not_deserialize = format_ident!("__Guard{}NotDeserialize", machine);
    let not_from_record = format_ident!("__Guard{}NotFromRecord", machine);
    let deserialize = words(RefusedConversion::Deserialize);
    let from_record = words(RefusedConversion::FromRecord);
    let (de_message, de_label, de_note) =
        (&deserialize.message, &deserialize.label, &deserialize.note);
    let (record_message, record_label, record_note) =
        (&from_record.message, &from_record.label, &from_record.note);
    let never = format_ident!("__Guard{}Never", machine);
    let refused_text = format!(
        "`{machine}` is deserialized through `{}`, never in a given state",
        model.erased
    );
    // Each marker has one impl, on a type no value has, so rustc neither says "this trait has no
    // implementations, consider adding one" nor (with `do_not_recommend`) lists it.
    quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        enum #never {}
        #[doc(hidden)]
        #[diagnostic::on_unimplemented(
            message = #record_message,
            label = #record_label,
            note = #record_note,
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
        #krate::__private::if_serde! {
            #[doc(hidden)]
            #[diagnostic::on_unimplemented(
                message = #de_message,
                label = #de_label,
                note = #de_note,
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
