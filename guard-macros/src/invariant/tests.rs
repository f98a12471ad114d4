//! Expansion snapshots: what `#[derive(Invariant)]` writes, pretty-printed. Update with
//! `UPDATE_EXPECT=1 cargo test -p stateguard-macros --lib invariant`, then read the diff.

use crate::entry::Outcome;
use expect_test::{Expect, expect};
use quote::quote;

fn check(input: proc_macro2::TokenStream, expected: &Expect) {
    let Outcome::Expanded(tokens) = super::expand(input) else {
        panic!("the input is valid");
    };
    let file = syn::parse2::<syn::File>(tokens).expect("the expansion parses as items");
    expected.assert_eq(&prettyplease::unparse(&file));
}

#[test]
fn struct_with_field_and_container_rules() {
    check(
        quote! {
            #[invariant(check = shipped_has_tracking, message = "a shipped order needs a tracking id")]
            struct Order<T> {
                #[invariant(len(min = 1, max = 64))]
                customer: String,
                #[invariant(non_empty)]
                tracking_id: Option<String>,
                #[invariant(nested, each(range(min = 1)))]
                items: Vec<T>,
            }
        },
        &expect![[r##"
            #[automatically_derived]
            impl<T> ::stateguard::__private::Invariant for Order<T>
            where
                Vec<T>: ::stateguard::__private::Invariant,
                Vec<T>: ::stateguard::__private::rules::Elements,
                <Vec<
                    T,
                > as ::stateguard::__private::rules::Elements>::Element: ::stateguard::__private::rules::Number,
            {
                #[allow(
                    unused_imports,
                    clippy::needless_borrow,
                    clippy::needless_borrows_for_generic_args,
                    clippy::ref_option,
                    clippy::redundant_closure_call,
                    clippy::single_match,
                    clippy::match_wildcard_for_single_variants,
                )]
                fn check_at(
                    &self,
                    __guard_at: &::stateguard::__private::Location<'_>,
                    __guard_violations: &mut ::stateguard::__private::Violations,
                ) {
                    use ::stateguard::__private::rules::{OptionSubject as _, PlainSubject as _};
                    {
                        let __guard_field = __guard_at.field("customer");
                        let __guard_present_0 = (&::stateguard::__private::rules::Subject(
                            &self.customer,
                        ))
                            .present();
                        if let ::core::option::Option::Some(__guard_value_0) = __guard_present_0 {
                            <_ as ::stateguard::__private::rules::HasLength>::__guard_length(
                                __guard_value_0,
                                1,
                                64,
                                &__guard_field,
                                __guard_violations,
                            );
                        }
                    }
                    {
                        let __guard_field = __guard_at.field("tracking_id");
                        let __guard_present_0 = (&::stateguard::__private::rules::Subject(
                            &self.tracking_id,
                        ))
                            .present();
                        if let ::core::option::Option::Some(__guard_value_0) = __guard_present_0 {
                            <_ as ::stateguard::__private::rules::HasLength>::__guard_non_empty(
                                __guard_value_0,
                                &__guard_field,
                                __guard_violations,
                            );
                        }
                    }
                    {
                        let __guard_field = __guard_at.field("items");
                        ::stateguard::__private::Invariant::check_at(
                            &self.items,
                            &__guard_field,
                            __guard_violations,
                        );
                        ::stateguard::__private::rules::Elements::for_each_element(
                            &self.items,
                            &__guard_field,
                            |__guard_element_at_0, __guard_element_0| {
                                let __guard_present_1 = (&::stateguard::__private::rules::Subject(
                                    __guard_element_0,
                                ))
                                    .present();
                                if let ::core::option::Option::Some(__guard_value_1) = __guard_present_1 {
                                    <_ as ::stateguard::__private::rules::RangeBound<
                                        _,
                                    >>::check(
                                        __guard_value_1,
                                        &(1),
                                        ::stateguard::__private::rules::Bound::Min,
                                        &*__guard_element_at_0,
                                        __guard_violations,
                                    );
                                }
                            },
                        );
                    }
                    if !(shipped_has_tracking)(self) {
                        ::stateguard::__private::rules::failed(
                            "shipped_has_tracking",
                            "a shipped order needs a tracking id",
                            __guard_at,
                            __guard_violations,
                        );
                    }
                }
            }
        "##]],
    );
}

#[test]
fn enum_variants_and_renamed_crate() {
    check(
        quote! {
            #[invariant(crate = ::my_guard)]
            enum Delivery {
                Pending,
                Shipped { #[invariant(non_empty, required)] tracking_id: String, carrier: String },
                Split(u8, #[invariant(nested)] Parcel),
            }
        },
        &expect![[r##"
            #[automatically_derived]
            impl ::my_guard::__private::Invariant for Delivery {
                #[allow(
                    unused_imports,
                    clippy::needless_borrow,
                    clippy::needless_borrows_for_generic_args,
                    clippy::ref_option,
                    clippy::redundant_closure_call,
                    clippy::single_match,
                    clippy::match_wildcard_for_single_variants,
                )]
                fn check_at(
                    &self,
                    __guard_at: &::my_guard::__private::Location<'_>,
                    __guard_violations: &mut ::my_guard::__private::Violations,
                ) {
                    use ::my_guard::__private::rules::{OptionSubject as _, PlainSubject as _};
                    match self {
                        Self::Shipped { tracking_id: __guard_field_0, .. } => {
                            let __guard_variant = __guard_at.variant("Shipped");
                            {
                                let __guard_field = __guard_variant.field("tracking_id");
                                let __guard_present_0 = (&::my_guard::__private::rules::Subject(
                                    __guard_field_0,
                                ))
                                    .present();
                                if let ::core::option::Option::Some(__guard_value_0) = __guard_present_0 {
                                    <_ as ::my_guard::__private::rules::HasLength>::__guard_non_empty(
                                        __guard_value_0,
                                        &__guard_field,
                                        __guard_violations,
                                    );
                                }
                            }
                        }
                        Self::Split { 1: __guard_field_1, .. } => {
                            let __guard_variant = __guard_at.variant("Split");
                            {
                                let __guard_field = __guard_variant.field("1");
                                ::my_guard::__private::Invariant::check_at(
                                    __guard_field_1,
                                    &__guard_field,
                                    __guard_violations,
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
            #[doc(hidden)]
            #[allow(non_upper_case_globals, dead_code)]
            const Delivery: ::my_guard::__private::enforce::Table = ::my_guard::__private::enforce::Table {
                enum_name: "Delivery",
                variants: &[
                    ::my_guard::__private::enforce::RequiredVariant {
                        name: "Shipped",
                        shape: ::my_guard::__private::enforce::VariantShape::Named,
                        fields: &["tracking_id", "carrier"],
                        required: &["tracking_id"],
                        bindings: &["tracking_id", "carrier"],
                    },
                ],
            };
            #[automatically_derived]
            impl ::my_guard::__private::enforce::RequiredFields for Delivery {
                const ENUM_NAME: &'static str = Delivery.enum_name;
                const REQUIRED: &'static [::my_guard::__private::enforce::RequiredVariant] = Delivery
                    .variants;
            }
        "##]],
    );
}

/// Inputs that once expanded to code that does not parse (or passed a string through as a bound):
/// each is now one coded error, spanned on the offending token.
#[test]
fn malformed_inputs_are_coded_errors_on_their_token() {
    let cases = [
        (
            quote!(struct S { #[invariant(non_empty)] _: String }),
            "[G0003]",
            "_",
        ),
        (
            quote!(
                #[invariant(crate = try::reexport)]
                struct S {
                    #[invariant(non_empty)]
                    a: String,
                }
            ),
            "[G0002]",
            "try",
        ),
        (
            quote!(
                #[invariant(crate = crate::Self)]
                struct S {
                    #[invariant(non_empty)]
                    a: String,
                }
            ),
            "[G0002]",
            "Self",
        ),
        (
            quote!(
                #[invariant(crate = "a::<u8>")]
                struct S {
                    #[invariant(non_empty)]
                    a: String,
                }
            ),
            "[G0002]",
            "a",
        ),
        (
            quote!(
                struct S {
                    #[invariant(len(min = "}"))]
                    a: String,
                }
            ),
            "[G0002]",
            "\"}\"",
        ),
        (
            quote!(
                struct S {
                    #[invariant(range(max = 'c'))]
                    a: u8,
                }
            ),
            "[G0002]",
            "'c'",
        ),
    ];
    for (input, code, token) in cases {
        let Outcome::Failed { errors, .. } = super::expand(input.clone()) else {
            panic!("accepted: {input}");
        };
        let errors: Vec<syn::Error> = errors.into_iter().collect();
        assert_eq!(errors.len(), 1, "{input}: {errors:?}");
        let message = errors[0].to_string();
        assert!(message.starts_with(code), "{input}: {message}");
        // The span is the offending token's: its text, in the fallback span's source.
        let span = errors[0].span();
        let spanned: Vec<String> = input
            .clone()
            .into_iter()
            .flat_map(flatten)
            .filter(|tree| format!("{:?}", tree.span()) == format!("{span:?}"))
            .map(|tree| tree.to_string())
            .collect();
        assert!(
            spanned.iter().any(|text| text == token),
            "{input}: {message} at {spanned:?}"
        );
    }
}

fn flatten(tree: proc_macro2::TokenTree) -> Vec<proc_macro2::TokenTree> {
    match tree {
        proc_macro2::TokenTree::Group(group) => {
            group.stream().into_iter().flat_map(flatten).collect()
        }
        other => vec![other],
    }
}
