//! Generated code compiles in a `#![no_std]` crate (core prelude only: no `String`, `Vec`,
//! `format!`), under `#![deny(warnings)]`, with prelude names shadowed by the user's items.
#![no_std]
#![deny(warnings, unused_qualifications, clippy::pedantic)]

extern crate alloc;
extern crate std;

use alloc::string::String;
use alloc::vec::Vec;
use stateguard::Invariant;

#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
struct Some;
#[allow(dead_code)]
struct None;
#[allow(dead_code)]
mod core {}
#[allow(dead_code)]
mod stateguard_shadow {}

fn positive_total(order: &Order) -> bool {
    order.qty.iter().sum::<u32>() > 0
}

#[derive(Invariant)]
#[invariant(check = positive_total, message = "an order needs at least one unit")]
pub struct Order {
    #[invariant(non_empty, len(max = 64))]
    pub customer: String,
    #[invariant(each(range(min = 1, max = 99)))]
    pub qty: Vec<u32>,
    #[invariant(non_empty)]
    pub note: ::core::option::Option<String>,
    #[invariant(nested)]
    pub lines: Vec<Line>,
}

#[derive(Invariant)]
pub struct Line(#[invariant(range(greater_than = 0.0))] pub f64);

#[derive(Invariant)]
pub enum Status {
    Pending,
    Shipped {
        #[invariant(non_empty, required)]
        tracking_id: String,
    },
    Split(#[invariant(nested)] Line),
}

fn main() {
    let order = Order {
        customer: String::from("ada"),
        qty: alloc::vec![1],
        note: ::core::option::Option::None,
        lines: Vec::new(),
    };
    assert!(order.check().is_ok());
    assert!(Status::Pending.check().is_ok());
    assert!(Status::Split(Line(0.0)).check().is_err());
    let _ = Status::Shipped { tracking_id: String::new() };
}
