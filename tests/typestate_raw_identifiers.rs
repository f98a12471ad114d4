//! Raw identifiers are legal Rust in every position a macro reads: module, machine, erased enum,
//! states (unit, named, tuple), fields, transitions, invariant fields.
#![cfg(test)]

use stateguard::{Invariant, typestate};

#[typestate(serde)]
pub mod r#loop {
    #[machine]
    #[derive(Debug)]
    pub struct r#Order {
        r#type: u64,
    }

    #[states]
    #[derive(Debug, Clone)]
    pub enum r#OrderState {
        #[initial]
        #[to(r#move => r#Paid, r#yield => r#Done)]
        r#Pending,
        #[to(r#async => r#Done)]
        r#Paid { r#match: String },
        #[terminal]
        r#Done(#[invariant(non_empty)] String),
    }
}

use r#loop::{r#Order, r#OrderState};

#[test]
fn transitions_getters_and_names() {
    let paid = r#Order::new(7).r#move("p-1".to_owned());
    assert_eq!(paid.r#type(), &7);
    assert_eq!(paid.r#match(), "p-1");
    assert_eq!(paid.state_name(), "Paid");
    let done = paid.r#async("x".to_owned()).unwrap();
    assert_eq!(done.done(), "x");
    assert_eq!(format!("{:?}", done.state()), r#"Done("x")"#);
    let erased = r#OrderState::from(done);
    assert_eq!(erased.state_name(), "Done");
    assert_eq!(r#OrderState::STATES, &["Pending", "Paid", "Done"]);
    assert!(r#OrderState::MERMAID.contains("Pending --> Paid: move"));
}

#[test]
fn serde_names_are_the_unraw_ones() {
    let erased = r#OrderState::from(r#Order::new(1).r#move("p".to_owned()));
    let json = serde_json::to_string(&erased).unwrap();
    assert_eq!(json, r#"{"Paid":{"type":1,"match":"p"}}"#);
    let back: r#OrderState = serde_json::from_str(&json).unwrap();
    assert_eq!(back.state_name(), "Paid");
    let refused = serde_json::from_str::<r#OrderState>(r#"{"Done":{"type":1,"field_0":""}}"#);
    assert!(refused.is_err());
}

#[derive(Invariant)]
struct r#Struct {
    #[invariant(non_empty)]
    r#type: String,
}

#[derive(Invariant)]
enum r#Enum {
    r#Variant(#[invariant(required, non_empty)] String),
}

#[test]
fn invariant_paths_use_the_unraw_names() {
    let violations = r#Struct {
        r#type: String::new(),
    }
    .check()
    .unwrap_err();
    assert_eq!(violations.iter().next().unwrap().path().to_string(), "type");
    let violations = r#Enum::r#Variant(String::new()).check().unwrap_err();
    assert!(
        violations
            .iter()
            .next()
            .unwrap()
            .path()
            .to_string()
            .starts_with("Variant")
    );
}
