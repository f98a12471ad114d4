//! Property tests of machines whose states carry data over (`#[carry(..)]`): whether a step into
//! a carrying state must be rejected depends on data an earlier call gave, which the sequence
//! generator and the checker read from the calls accepted so far.
use stateguard::proptest::{Checker, Problem, TestableMachine};
use stateguard::typestate;

/// A parcel's tracking number that repeats the payment reference is a carrier's echo, never a
/// real number: `Shipped` refuses it, and only the carried reference can tell.
#[typestate]
pub mod order {
    fn tracking_differs(shipped: &Shipped) -> bool {
        shipped.tracking_id != shipped.payment_ref
    }

    #[machine]
    #[derive(Debug)]
    pub struct Order {
        id: u8,
    }

    #[states]
    #[derive(Debug)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            // Two values only, so that the tracking number often repeats the reference.
            #[strategy("[ab]")]
            payment_ref: String,
        },
        #[to(deliver => Delivered)]
        #[carry(payment_ref)]
        #[invariant(check = tracking_differs, message = "the tracking number repeats the payment reference")]
        Shipped {
            #[strategy("[ab]")]
            tracking_id: String,
        },
        #[terminal]
        #[carry(payment_ref, tracking_id)]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

#[test]
fn a_step_into_a_carrying_state_is_judged_with_the_carried_data() {
    let report = stateguard::check_machine!(order::Order, cases = 2_000, seed = 1);
    // `.ship("a")` after `.pay("a")` is rejected, after `.pay("b")` accepted: a prediction from
    // the step's own argument would get one of them wrong, and the run would fail.
    assert!(report.rejected > 0, "{report:?}");
    for state in <order::OrderState as TestableMachine>::STATES {
        assert!(
            report.visits_of::<order::OrderState>(*state) > 0,
            "{state:?} never reached: {report:?}"
        );
    }
}

#[test]
fn a_written_sequence_follows_the_carried_data() {
    use order::{OrderStart, OrderStep};
    let sequence = stateguard::proptest::Sequence::<order::OrderState> {
        start: OrderStart::Pending { id: 3 },
        steps: vec![
            OrderStep::Pay {
                payment_ref: String::from("a"),
            },
            OrderStep::Ship {
                tracking_id: String::from("a"),
            },
            OrderStep::Ship {
                tracking_id: String::from("b"),
            },
            OrderStep::Deliver,
        ],
    };
    assert_eq!(
        sequence.to_string(),
        r#"Order::new(3).pay(String::from("a")).ship(String::from("a")).unwrap_err().machine.ship(String::from("b")).unwrap().deliver()"#
    );
    // The same calls, pasted: they compile and do the same.
    let delivered = order::Order::new(3)
        .pay(String::from("a"))
        .ship(String::from("a"))
        .unwrap_err()
        .machine
        .ship(String::from("b"))
        .unwrap()
        .deliver();
    assert_eq!(
        (
            delivered.payment_ref().as_str(),
            delivered.tracking_id().as_str()
        ),
        ("a", "b")
    );
}

/// The label printer reads the first four characters of the payment reference: a shorter one
/// makes `Shipped`'s rule panic. The bug shows only on a step into `Shipped`, with the reference
/// an earlier `.pay(..)` gave.
#[typestate]
pub mod label {
    fn label_fits(shipped: &Shipped) -> bool {
        let prefix = shipped
            .payment_ref
            .get(..4)
            .expect("the payment reference has four characters");
        prefix.len() + shipped.tracking_id.len() <= 40
    }

    #[machine]
    #[derive(Debug)]
    pub struct Parcel {
        id: u8,
    }

    #[states]
    #[derive(Debug)]
    pub enum ParcelState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid { payment_ref: String },
        #[terminal]
        #[carry(payment_ref)]
        #[invariant(check = label_fits, message = "the label overflows")]
        Shipped { tracking_id: String },
    }
}

#[test]
fn a_bug_in_a_carrying_state_s_rule_is_found_and_shrunk() {
    let failure = Checker::<label::ParcelState>::new()
        .seed(4)
        .try_run()
        .unwrap_err();
    println!("{failure}");
    assert_eq!(
        failure.sequence().to_string(),
        "Parcel::new(0).pay(String::new()).ship(String::new()).unwrap()"
    );
    assert_eq!(failure.position(), 2);
    assert_eq!(
        failure.problem(),
        &Problem::RulesPanicked(String::from("the payment reference has four characters"))
    );
}

/// A field carried from the initial state: its value comes from the constructor.
#[typestate]
pub mod post {
    fn slug_fits(published: &Published) -> bool {
        published.slug.len() <= published.title.len()
    }

    #[machine]
    #[derive(Debug)]
    pub struct Post {
        id: u8,
    }

    #[states]
    #[derive(Debug)]
    pub enum PostState {
        #[initial]
        #[to(publish => Published)]
        Draft {
            #[strategy("[ab]{0,3}")]
            title: String,
        },
        #[terminal]
        #[carry(title)]
        #[invariant(check = slug_fits, message = "the slug is longer than the title")]
        Published {
            #[strategy("[ab]{0,3}")]
            slug: String,
        },
    }
}

#[test]
fn a_field_carried_from_the_initial_state_is_read_from_the_constructor() {
    let report = stateguard::check_machine!(post::Post, cases = 1_000, seed = 3);
    assert!(report.rejected > 0, "{report:?}");
    assert!(
        report.visits_of::<post::PostState>(post::PostStateId::Published) > 0,
        "{report:?}"
    );
}

/// `order` without its rule: a shipped order may repeat its payment reference as its tracking
/// number. A postcondition that reads the carried reference finds it.
#[typestate]
pub mod forgetful {
    #[machine]
    #[derive(Debug)]
    pub struct Order {
        id: u8,
    }

    #[states]
    #[derive(Debug)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid {
            #[strategy("[ab]")]
            payment_ref: String,
        },
        #[terminal]
        #[carry(payment_ref)]
        Shipped {
            #[strategy("[ab]")]
            tracking_id: String,
        },
    }
}

#[test]
fn a_forgotten_rule_over_carried_data_is_found_and_shrunk() {
    let failure = Checker::<forgetful::OrderState>::new()
        .seed(6)
        .postcondition(|outcome| match outcome.machine {
            forgetful::OrderState::Shipped(order) if order.tracking_id() == order.payment_ref() => {
                Err(format!(
                    "shipped with the payment reference {:?} as tracking number",
                    order.payment_ref()
                ))
            }
            _ => Ok(()),
        })
        .try_run()
        .unwrap_err();
    println!("{failure}");
    // As short as it gets; `"b"` stays, since shrinking either reference alone to `"a"` passes.
    assert_eq!(
        failure.sequence().to_string(),
        r#"Order::new(0).pay(String::from("b")).ship(String::from("b"))"#
    );
    assert_eq!(failure.position(), 2);
    assert_eq!(
        failure.problem(),
        &Problem::Postcondition(String::from(
            r#"shipped with the payment reference "b" as tracking number"#
        ))
    );
}
