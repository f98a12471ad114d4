//! Property tests of real `#[typestate]` machines: the order machine of the guide, and the same
//! machine with its tracking-id rule forgotten, caught by a postcondition.
#![cfg(test)]

use proptest::strategy::{BoxedStrategy, Strategy};
use stateguard::proptest::{Checker, Generate, Problem, TestableMachine};
use stateguard::typestate;

#[typestate]
pub mod order {
    /// An order, whatever its state.
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        id: u64,
        items: Vec<String>,
    }

    /// The life of an order.
    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            #[invariant(non_empty)]
            payment_ref: String,
        },
        #[to(deliver => Delivered)]
        Shipped {
            #[invariant(non_empty)]
            tracking_id: String,
        },
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

/// A carrier's tracking number: drawn from a user-written `Generate`.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackingNumber(String);

impl Generate for TrackingNumber {
    fn strategy() -> BoxedStrategy<Self> {
        stateguard::proptest::edge::string()
            .prop_map(TrackingNumber)
            .boxed()
    }
}

/// The same order, but its declaration forgot the rule on the tracking number, and the carrier
/// is drawn from a list named on the field.
#[typestate]
pub mod forgetful {
    use super::TrackingNumber;

    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        id: u64,
    }

    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            #[invariant(non_empty)]
            payment_ref: String,
        },
        #[to(deliver => Delivered)]
        Shipped {
            #[strategy(proptest::sample::select(vec!["UPS", "DHL"]))]
            carrier: &'static str,
            tracking_number: TrackingNumber,
        },
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

#[test]
fn the_order_machine_passes_ten_thousand_cases() {
    let report = stateguard::check_machine!(order::Order);
    assert_eq!(
        report.cases,
        Checker::<order::OrderState>::new().case_count()
    );
    if report.cases == 10_000 {
        assert!(
            report.rejected > 0,
            "empty references are drawn and rejected: {report:?}"
        );
        for state in <order::OrderState as TestableMachine>::STATES {
            assert!(
                report.visits_of::<order::OrderState>(*state) > 0,
                "{state:?} never reached"
            );
        }
    }
}

#[test]
fn a_rejected_transition_leaves_the_machine_in_its_state() {
    stateguard::check_machine!(
        order::Order,
        cases = 2_000,
        postcondition = |outcome| {
            if outcome.rejected.is_some() && outcome.machine.state() != outcome.from {
                return Err(format!("moved from {:?} although rejected", outcome.from));
            }
            Ok(())
        }
    );
}

#[test]
fn a_forgotten_rule_is_caught_by_a_postcondition_and_shrunk() {
    let failure = Checker::<forgetful::OrderState>::new()
        .seed(5)
        .postcondition(|outcome| match outcome.step {
            forgetful::OrderStep::Ship {
                tracking_number, ..
            } if outcome.rejected.is_none() && tracking_number.0.is_empty() => {
                Err(String::from("shipped without a tracking number"))
            }
            _ => Ok(()),
        })
        .try_run()
        .unwrap_err();
    println!("{failure}");
    assert_eq!(
        failure.sequence().to_string(),
        r#"Order::new(0).pay(String::from(" ")).unwrap().ship("UPS", TrackingNumber(""))"#
    );
    assert_eq!(
        failure.problem(),
        &Problem::Postcondition(String::from("shipped without a tracking number"))
    );
}

#[test]
fn the_generated_description_renders_calls_as_code() {
    use forgetful::{OrderStart, OrderStateId, OrderStep};
    let sequence = stateguard::proptest::Sequence::<forgetful::OrderState> {
        start: OrderStart::Pending { id: 7 },
        steps: vec![
            OrderStep::Pay {
                payment_ref: String::from("p-1"),
            },
            OrderStep::Cancel {
                reason: String::new(),
            },
        ],
    };
    assert_eq!(
        sequence.to_string(),
        r#"Order::new(7).pay(String::from("p-1")).unwrap().cancel(String::new())"#
    );
    // The same calls, pasted: they compile and do the same.
    let pasted = forgetful::Order::new(7)
        .pay(String::from("p-1"))
        .unwrap()
        .cancel(String::new());
    assert!(pasted.reason().is_empty());

    // A call the machine must reject is followed by what gives the machine back.
    let rejected = stateguard::proptest::Sequence::<forgetful::OrderState> {
        start: OrderStart::Pending { id: 7 },
        steps: vec![
            OrderStep::Pay {
                payment_ref: String::new(),
            },
            OrderStep::Pay {
                payment_ref: "a".repeat(1024),
            },
        ],
    };
    assert_eq!(
        rejected.to_string(),
        r#"Order::new(7).pay(String::new()).unwrap_err().machine.pay("a".repeat(1024)).unwrap()"#
    );
    let pasted = forgetful::Order::new(7)
        .pay(String::new())
        .unwrap_err()
        .machine
        .pay("a".repeat(1024))
        .unwrap();
    assert_eq!(pasted.payment_ref().len(), 1024);
    assert_eq!(
        <forgetful::OrderState as TestableMachine>::target(&sequence.steps[1]),
        OrderStateId::Cancelled
    );
    assert!(<forgetful::OrderState as TestableMachine>::allows(
        OrderStateId::Paid,
        &sequence.steps[1]
    ));
    assert!(!<forgetful::OrderState as TestableMachine>::allows(
        OrderStateId::Delivered,
        &sequence.steps[1]
    ));
}

/// The generated test description with every prelude name it could reach for shadowed.
#[typestate]
pub mod shadowed {
    #![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
    struct Option;
    struct Result;
    struct Some;
    struct None;
    struct Ok;
    struct Err;
    struct Box;
    struct Vec;
    struct String;
    struct Clone;
    struct Copy;
    struct Debug;
    struct PartialEq;
    struct Eq;
    struct Default;
    struct From;
    struct Into;
    struct usize;
    struct bool;
    mod core {}
    mod alloc {}
    mod std {}
    mod proptest {}

    #[machine]
    #[derive(::core::fmt::Debug)]
    pub struct Counter {
        start: u32,
    }

    #[states]
    #[derive(::core::fmt::Debug)]
    pub enum CounterState {
        #[initial]
        #[to(bump => Bumped)]
        Zero,
        #[terminal]
        Bumped(#[invariant(range(min = 1))] u8),
    }
}

#[test]
fn the_description_compiles_with_shadowed_prelude_names() {
    let report = stateguard::check_machine!(shadowed::Counter, cases = 200);
    assert_eq!(
        report.cases,
        Checker::<shadowed::CounterState>::new()
            .cases(200)
            .case_count()
    );
}

/// A generic machine: its test description is generic too; a test names the erased enum with
/// its arguments.
#[typestate]
pub mod job {
    #[machine]
    #[derive(Debug)]
    pub struct Job<T: Clone, const RETRIES: usize> {
        payload: T,
    }

    #[states]
    #[derive(Debug)]
    pub enum JobState {
        #[initial]
        #[to(start => Running)]
        Queued,
        #[to(finish => Done, start => Running)]
        Running {
            #[invariant(range(min = 1))]
            attempt: u8,
        },
        #[terminal]
        Done { output: Vec<T> },
    }
}

#[test]
fn a_generic_machine_is_checked_through_its_erased_type() {
    let report = stateguard::check_machine!(job::JobState<u16, 3>, cases = 1_000);
    assert!(report.steps > 0);
    let failure = Checker::<job::JobState<u16, 3>>::new()
        .seed(2)
        .postcondition(|outcome| match outcome.step {
            job::JobStep::Finish { output } if output.len() > 3 => Err(format!(
                "{} outputs for a job retried at most 3 times",
                output.len()
            )),
            _ => Ok(()),
        })
        .try_run()
        .unwrap_err();
    assert_eq!(
        failure.sequence().to_string(),
        "Job::new(0).start(1).unwrap().finish(vec![0, 0, 0, 0])"
    );
}

/// A rule whose check overflows for large hours (the multiplication panics in debug builds; the
/// explicit `expect` makes it panic in every build).
pub fn billable(hours: &u32) -> bool {
    hours
        .checked_mul(60)
        .expect("attempt to multiply with overflow")
        < 1_000_000
}

/// A timesheet whose `Billed` state checks its hours with `billable`, which panics on large
/// values: the panic happens while sequences are generated, as well as in the test.
#[typestate]
pub mod timesheet {
    #[machine]
    #[derive(Debug)]
    pub struct Timesheet {
        week: u8,
    }

    #[states]
    #[derive(Debug)]
    pub enum TimesheetState {
        #[initial]
        #[to(submit => Submitted)]
        Draft,
        #[to(bill => Billed)]
        Submitted,
        #[terminal]
        Billed {
            #[invariant(check = crate::billable)]
            hours: u32,
        },
    }
}

#[test]
fn a_panic_in_a_rule_is_a_failure_with_the_shrunk_sequence() {
    let failure = Checker::<timesheet::TimesheetState>::new()
        .seed(3)
        .try_run()
        .unwrap_err();
    println!("{failure}");
    // `u32::MAX` is an edge of `u32` (edges shrink only towards simpler edges: `0`, `1`).
    assert_eq!(
        failure.sequence().to_string(),
        "Timesheet::new(0).submit().bill(4294967295).unwrap()"
    );
    assert_eq!(failure.position(), 2);
    assert_eq!(
        failure.problem(),
        &Problem::RulesPanicked(String::from("attempt to multiply with overflow"))
    );
    assert_eq!(
        failure.to_string(),
        "Timesheet: fails after 3 calls (shortest sequence found):\n\n    Timesheet::new(0)\n        .submit()\n        .bill(4294967295).unwrap()  // <- here\n\nafter `.bill(4294967295)`, checking its arguments against the target state's invariants panicked: attempt to multiply with overflow"
    );
}

#[test]
fn a_panic_in_a_rule_makes_check_machine_panic_with_the_sequence() {
    let panic = std::panic::catch_unwind(|| {
        stateguard::check_machine!(timesheet::Timesheet, cases = 200, seed = 3);
    })
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains("Timesheet::new(0)\n"), "{message}");
    assert!(message.contains(".bill("), "{message}");
    assert!(
        message.contains("attempt to multiply with overflow"),
        "{message}"
    );
}

#[test]
fn a_failure_that_needs_a_long_string_shrinks_it_and_prints_it_as_code() {
    let failure = Checker::<forgetful::OrderState>::new()
        .seed(11)
        .postcondition(|outcome| match outcome.step {
            forgetful::OrderStep::Pay { payment_ref }
                if outcome.rejected.is_none() && payment_ref.len() > 200 =>
            {
                Err(String::from(
                    "the bank refuses references over 200 characters",
                ))
            }
            _ => Ok(()),
        })
        .try_run()
        .unwrap_err();
    println!("{failure}");
    assert_eq!(
        failure.to_string(),
        "Order: fails after 2 calls (shortest sequence found):\n\n    Order::new(0)\n        .pay(\"a\".repeat(201)).unwrap()  // <- here\n\nafter `.pay(\"a\".repeat(201))`, postcondition failed: the bank refuses references over 200 characters"
    );
}

#[test]
fn vectors_and_their_strings_are_written_as_code() {
    use order::{OrderStart, OrderStep};
    let sequence = stateguard::proptest::Sequence::<order::OrderState> {
        start: OrderStart::Pending {
            id: 3,
            items: vec![String::from("tea"), String::new()],
        },
        steps: vec![OrderStep::Cancel {
            reason: String::from("late"),
        }],
    };
    assert_eq!(
        sequence.to_string(),
        r#"Order::new(3, vec![String::from("tea"), String::new()]).cancel(String::from("late"))"#
    );
    // Pasted:
    let cancelled =
        order::Order::new(3, vec![String::from("tea"), String::new()]).cancel(String::from("late"));
    assert_eq!(cancelled.reason(), "late");
    let empty = stateguard::proptest::Sequence::<order::OrderState> {
        start: OrderStart::Pending {
            id: 3,
            items: Vec::new(),
        },
        steps: Vec::new(),
    };
    assert_eq!(empty.to_string(), "Order::new(3, Vec::new())");
}

/// `TestableMachine::apply` is public: a step the machine's state does not have hands the machine
/// back unchanged with a violation, never a panic and never a state the graph does not allow.
#[test]
fn apply_refuses_a_step_its_state_does_not_have() {
    let pending = order::OrderState::from(order::Order::new(7, vec!["book".to_owned()]));
    let step = order::OrderStep::Ship {
        tracking_id: "1Z".to_owned(),
    };
    let rejected = TestableMachine::apply(pending, &step).unwrap_err();
    assert_eq!(rejected.machine.state_name(), "Pending");
    assert_eq!(rejected.violations.len(), 1);
    let order::OrderState::Pending(machine) = rejected.machine else {
        panic!("the machine changed state");
    };
    assert_eq!(machine.id(), &7);
}

/// A machine without a transition: its one state is initial and terminal.
#[typestate]
pub mod lamp {
    #[machine]
    #[derive(Debug)]
    pub struct Lamp {
        watts: u16,
    }

    #[states]
    #[derive(Debug)]
    pub enum LampState {
        #[initial]
        #[terminal]
        Off,
    }
}

#[test]
fn a_machine_without_transitions_is_described_and_checked() {
    let report = stateguard::check_machine!(lamp::Lamp, cases = 20);
    assert_eq!(report.cases, 20);
    assert_eq!(report.steps, 0);
    assert_eq!(report.terminated, 20);
}
