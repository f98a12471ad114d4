//! Times the property test of the order machine: 10,000 sequences of up to 40 transitions,
//! checked by `stateguard::check_machine!`, against a baseline of the same size written by hand
//! with plain proptest (random calls, the illegal ones skipped at run time).
//!
//! ```sh
//! cargo run --release -p stateguard-examples --features proptest --example proptest_timing
//! ```
use proptest::strategy::{Just, Strategy};
use proptest::test_runner::{Config, RngSeed, TestRunner};
use stateguard::proptest::{Checker, edge};
use stateguard::typestate;
use std::time::{Duration, Instant};

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

use order::{Order, OrderState, Pending};

const CASES: u32 = 10_000;
const MAX_STEPS: usize = 40;
const ROUNDS: usize = 5;

/// A call of the hand-written harness.
#[derive(Debug, Clone)]
enum Call {
    Pay(String),
    Ship(String),
    Deliver,
    Cancel(String),
}

/// The baseline: sequences of random calls; a call the state does not have is skipped, a rejected
/// one leaves the machine as it was; the invariants are checked after every call.
fn hand_written() -> (Duration, u64) {
    let call = proptest::prop_oneof![
        edge::string().prop_map(Call::Pay),
        edge::string().prop_map(Call::Ship),
        Just(Call::Deliver),
        edge::string().prop_map(Call::Cancel),
    ];
    let case = (
        edge::biased::<u64>(),
        proptest::collection::vec(edge::string(), 0..=8),
        proptest::collection::vec(call, 0..=MAX_STEPS),
    );
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(7),
        ..Config::default()
    });
    let applied = std::cell::Cell::new(0_u64);
    let started = Instant::now();
    runner
        .run(&case, |(id, items, calls)| {
            let mut machine = OrderState::from(Order::<Pending>::new(id, items));
            for call in calls {
                let before = machine.state_name();
                machine = match (machine, call) {
                    (OrderState::Pending(order), Call::Pay(payment_ref)) => order
                        .pay(payment_ref)
                        .map_or_else(|rejected| rejected.machine.into(), Into::into),
                    (OrderState::Pending(order), Call::Cancel(reason)) => {
                        order.cancel(reason).into()
                    }
                    (OrderState::Paid(order), Call::Ship(tracking_id)) => order
                        .ship(tracking_id)
                        .map_or_else(|rejected| rejected.machine.into(), Into::into),
                    (OrderState::Paid(order), Call::Cancel(reason)) => order.cancel(reason).into(),
                    (OrderState::Shipped(order), Call::Deliver) => order.deliver().into(),
                    (machine, _) => machine,
                };
                if machine.state_name() != before {
                    applied.set(applied.get() + 1);
                }
                let valid = match &machine {
                    OrderState::Paid(order) => !order.payment_ref().is_empty(),
                    OrderState::Shipped(order) => !order.tracking_id().is_empty(),
                    _ => true,
                };
                proptest::prop_assert!(valid);
            }
            Ok(())
        })
        .expect("the order machine is correct");
    (started.elapsed(), applied.get())
}

/// stateguard: legal sequences only, invariants and the declared states checked after every call.
fn guard() -> (Duration, u64) {
    let started = Instant::now();
    let report = Checker::<OrderState>::new()
        .cases(CASES)
        .max_steps(MAX_STEPS)
        .seed(7)
        .run();
    let elapsed = started.elapsed();
    assert_eq!(report.cases, CASES);
    (elapsed, report.steps)
}

/// The median time of `ROUNDS` runs, and the transitions one run applied.
fn measure(run: fn() -> (Duration, u64)) -> (Duration, u64) {
    let mut samples: Vec<(Duration, u64)> = (0..ROUNDS).map(|_| run()).collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let (baseline, baseline_steps) = measure(hand_written);
    let (checked, checked_steps) = measure(guard);
    println!("{CASES} cases of up to {MAX_STEPS} transitions, median of {ROUNDS} runs:");
    println!("  hand-written proptest harness: {baseline:?} ({baseline_steps} transitions taken)");
    println!("  stateguard::check_machine!:    {checked:?} ({checked_steps} transitions taken)");
    println!(
        "  stateguard / hand-written:          {:.2}x",
        checked.as_secs_f64() / baseline.as_secs_f64()
    );
}
