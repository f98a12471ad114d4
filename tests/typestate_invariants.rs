//! Transitions into states whose data has `#[invariant]` rules are checked; a rejected transition
//! hands the original machine back with every violation. `new` and `restore` check too.
use stateguard::{RestoreError, typestate};

// The rule receives the field as declared.
#[allow(clippy::ptr_arg)]
fn no_spaces(reference: &String) -> bool {
    !reference.contains(' ')
}

#[typestate(serde)]
pub mod order {
    use super::no_spaces;

    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        #[invariant(range(min = 1))]
        id: u64,
        #[invariant(non_empty)]
        items: Vec<String>,
    }

    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            #[invariant(check = no_spaces, message = "a payment reference has no spaces")]
            payment_ref: String,
        },
        #[to(deliver => Delivered)]
        Shipped(#[invariant(len(min = 4))] String),
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

use order::{Order, OrderRecord, OrderState, Paid, Pending, Shipped};

fn pending() -> Order<Pending> {
    Order::new(1, vec!["book".to_owned()]).expect("valid order")
}

#[test]
fn constructor_checks_the_machine_data() {
    let violations = Order::new(0, vec![]).expect_err("id 0 and no items");
    assert_eq!(
        violations
            .iter()
            .map(|violation| (violation.path().to_string(), violation.rule().to_owned()))
            .collect::<Vec<_>>(),
        [
            ("id".to_owned(), "range".to_owned()),
            ("items".to_owned(), "non_empty".to_owned())
        ]
    );
}

#[test]
fn rejected_transition_hands_the_machine_back() {
    let paid: Order<Paid> = pending().pay("ref-1".to_owned()).expect("valid reference");
    let rejected = paid.clone().ship("1Z".to_owned()).expect_err("too short");
    assert_eq!(rejected.machine, paid);
    assert_eq!(rejected.violations.len(), 1);
    assert_eq!(rejected.violations.as_slice()[0].rule(), "len");
    // Nothing was lost: the same machine goes on.
    let shipped: Order<Shipped> = rejected.machine.ship("1Z999".to_owned()).expect("valid");
    assert_eq!(shipped.shipped(), "1Z999");

    let rejected = pending().pay("ref 1".to_owned()).expect_err("has a space");
    assert_eq!(
        rejected.violations.as_slice()[0].message(),
        "a payment reference has no spaces"
    );
    assert_eq!(rejected.machine.state_name(), "Pending");
}

#[test]
fn transitions_into_states_without_rules_stay_infallible() {
    let cancelled = pending().cancel(String::new());
    assert_eq!(cancelled.reason(), "");
}

#[test]
fn restore_rechecks_machine_and_state() {
    let record = OrderRecord::Shipped {
        id: 0,
        items: vec!["x".to_owned()],
        field_0: "1Z".to_owned(),
    };
    let Err(RestoreError::Invalid(violations)) = OrderState::restore(record) else {
        panic!("invalid data restored");
    };
    assert_eq!(
        violations.to_string(),
        "2 violations:\n  - id: must be at least 1 (is 0) (range)\n  - Shipped.0: must have at least 4 characters (has 2) (len)"
    );
    let error =
        serde_json::from_str::<OrderState>(r#"{"Shipped":{"id":5,"items":["x"],"field_0":""}}"#)
            .expect_err("empty tracking id");
    assert!(error.to_string().contains("cannot restore"), "{error}");
}

/// Rules over a whole state's data and over the whole machine, not only over single fields.
#[typestate]
pub mod subscription {
    /// A renewal window must end after it starts.
    fn window_is_ordered(active: &Active) -> bool {
        active.starts_at < active.renews_at
    }

    /// The free quota never exceeds the seat count, whatever the state.
    fn quota_within_seats<S: SubscriptionStateType>(subscription: &Subscription<S>) -> bool {
        subscription.free_quota <= subscription.seats
    }

    #[machine]
    #[derive(Debug)]
    #[invariant(check = quota_within_seats, message = "the free quota exceeds the seats")]
    pub struct Subscription {
        seats: u32,
        free_quota: u32,
    }

    #[states]
    #[derive(Debug)]
    pub enum SubscriptionState {
        #[initial]
        #[to(activate => Active)]
        Trial,
        #[terminal]
        #[invariant(check = window_is_ordered, message = "the renewal comes before the start")]
        Active { starts_at: u64, renews_at: u64 },
    }
}

#[test]
fn rules_over_a_whole_state_and_the_whole_machine_are_checked() {
    use subscription::{Subscription, Trial};

    let violations = Subscription::<Trial>::new(3, 5).unwrap_err();
    assert_eq!(
        violations.to_string(),
        "1 violation: the free quota exceeds the seats (quota_within_seats)"
    );

    let trial = Subscription::new(5, 3).expect("a valid machine");
    let rejected = trial.activate(20, 10).unwrap_err();
    assert_eq!(
        rejected.violations.to_string(),
        "1 violation: Active: the renewal comes before the start (window_is_ordered)"
    );
    let active = rejected
        .machine
        .activate(10, 20)
        .expect("an ordered window");
    assert_eq!((active.starts_at(), active.renews_at()), (&10, &20));
}
