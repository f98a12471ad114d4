//! Expansion snapshots (regenerate with `UPDATE_EXPECT=1`) and unit tests of the pieces.

use super::parse::snake_case;
use crate::entry::Outcome;
use quote::quote;

fn pretty(outcome: Outcome) -> String {
    match outcome {
        Outcome::Expanded(tokens) => match syn::parse2::<syn::File>(tokens) {
            Ok(file) => prettyplease::unparse(&file),
            Err(error) => format!("unparsable expansion: {error}"),
        },
        Outcome::Failed { errors, .. } => format!("failed: {errors}"),
    }
}

#[test]
fn order_expansion() {
    let outcome = super::expand(
        quote!(serde),
        quote! {
            pub mod order {
                #[machine]
                #[derive(Debug)]
                pub struct Order<T> { id: u64, items: Vec<T> }
                #[states]
                #[derive(Debug)]
                pub enum OrderState {
                    #[initial] #[to(pay => Paid, cancel => Cancelled)]
                    Pending,
                    #[to(ship => Shipped, cancel => Cancelled)]
                    Paid { payment_ref: String },
                    #[to(deliver => Delivered)]
                    Shipped(#[invariant(non_empty)] String),
                    #[terminal] Delivered,
                    #[terminal] Cancelled { reason: String },
                }
            }
        },
    );
    expect_test::expect_file!["snapshots/order.rs"].assert_eq(&pretty(outcome));
}

#[test]
fn every_graph_error_is_reported_at_once() {
    let outcome = super::expand(
        quote!(),
        quote! {
            mod order {
                #[machine] struct Order;
                #[states]
                enum OrderState {
                    #[to(pay => Payed)] Pending,
                    #[terminal] #[to(pay => Pending)] Paid,
                    Stuck,
                }
            }
        },
    );
    let Outcome::Failed { errors, .. } = outcome else {
        panic!("expected errors");
    };
    let codes: Vec<String> = errors
        .into_iter()
        .map(|error| error.to_string()[..7].to_owned())
        .collect();
    // The misspelt `Payed`, no initial state, a terminal state with a way out, a stuck state.
    assert_eq!(codes, ["[G0101]", "[G0103]", "[G0106]", "[G0105]"]);
}

#[test]
fn snake_case_of_state_names() {
    assert_eq!(snake_case("Shipped"), "shipped");
    assert_eq!(snake_case("ShippedLate"), "shipped_late");
    assert_eq!(snake_case("HTTPError"), "http_error");
}

#[test]
fn a_field_named_underscore_is_a_coded_error_on_it() {
    let outcome = super::expand(
        quote!(),
        quote! {
            pub mod order {
                #[machine] pub struct Order { id: u64 }
                #[states]
                pub enum OrderState {
                    #[initial] #[to(pay => Paid)] Pending,
                    #[terminal] Paid { _: String },
                }
            }
        },
    );
    let Outcome::Failed { errors, fallback } = outcome else {
        panic!("a field named `_` expanded");
    };
    assert!(
        errors
            .to_string()
            .starts_with("[G0003] a field named `_` cannot be read"),
        "{errors}"
    );
    assert!(
        syn::parse2::<syn::File>(fallback).is_ok(),
        "the fallback does not parse"
    );
}
