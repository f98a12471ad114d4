//! `#[derive(Generate)]`: the values property tests draw for the user's own types, built from each
//! field's `Generate` or `#[strategy(..)]`.
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use stateguard::{Generate, Invariant, typestate};

#[derive(Debug, Clone, PartialEq, Generate, Invariant)]
pub struct LineItem {
    #[invariant(non_empty)]
    sku: String,
    #[strategy(1..=3_u32)]
    quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Generate)]
pub struct Sku(#[strategy("[A-Z]{2}-[0-9]")] String);

#[derive(Debug, Clone, PartialEq, Generate)]
#[generate(crate = ::stateguard)]
pub struct Marker;

#[derive(Debug, Clone, PartialEq, Generate)]
pub enum Delivery {
    Pickup,
    Courier { address: String, express: bool },
    Locker(#[strategy(0..10_u8)] u8),
}

#[derive(Debug, Clone, PartialEq, Generate)]
pub struct Pair<T, const N: usize> {
    values: Vec<T>,
    marker: Marker,
}

fn draws<T: stateguard::proptest::Generate>(count: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| T::strategy().new_tree(&mut runner).unwrap().current())
        .collect()
}

#[test]
fn a_field_s_strategy_is_the_one_it_names() {
    for item in draws::<LineItem>(200) {
        assert!((1..=3).contains(&item.quantity), "{item:?}");
    }
    for Sku(sku) in draws::<Sku>(100) {
        let bytes = sku.as_bytes();
        assert_eq!(bytes.len(), 4, "{sku}");
        assert!(bytes[0].is_ascii_uppercase() && bytes[2] == b'-' && bytes[3].is_ascii_digit());
    }
    assert_eq!(draws::<Marker>(1), [Marker]);
}

#[test]
fn an_enum_draws_every_variant() {
    let drawn = draws::<Delivery>(300);
    assert!(drawn.iter().any(|value| matches!(value, Delivery::Pickup)));
    assert!(
        drawn
            .iter()
            .any(|value| matches!(value, Delivery::Courier { express: true, .. }))
    );
    assert!(
        drawn
            .iter()
            .any(|value| matches!(value, Delivery::Locker(number) if *number < 10))
    );
    assert!(
        drawn
            .iter()
            .all(|value| !matches!(value, Delivery::Locker(number) if *number >= 10))
    );
}

#[test]
fn a_generic_type_draws_its_parameters() {
    let drawn = draws::<Pair<u8, 3>>(100);
    assert!(drawn.iter().any(|pair| !pair.values.is_empty()));
}

/// A machine whose field holds the derived type: its test draws line items, and rejects the
/// orders whose items break their rules (an empty `sku`).
#[typestate]
pub mod order {
    use super::LineItem;

    #[machine]
    #[derive(Debug)]
    pub struct Order {
        #[invariant(each(nested))]
        items: Vec<LineItem>,
    }

    #[states]
    #[derive(Debug)]
    pub enum OrderState {
        #[initial]
        #[to(close => Closed)]
        Open,
        #[terminal]
        Closed,
    }
}

#[test]
fn a_machine_test_draws_the_derived_values() {
    let report = stateguard::check_machine!(order::Order, cases = 500, seed = 1);
    assert!(
        report.rejected > 0,
        "orders with an empty sku are drawn and refused: {report:?}"
    );
}
