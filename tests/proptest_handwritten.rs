//! The property-test runtime, proven on machines whose `TestableMachine` is written by hand: the
//! order machine (correct, and with a planted bug), a machine with several terminal states, and a
//! machine whose bug shows only at an edge value.
#![cfg(test)]

use proptest::strategy::{BoxedStrategy, Just, Strategy};
use stateguard::proptest::{Checker, Problem, ReferenceModel, TestableMachine, edge, render_call};
use stateguard::{Invariant, Location, Rejected, Violations};
use std::fmt;

fn non_empty(value: &str, at: &Location<'_>, violations: &mut Violations) {
    if value.is_empty() {
        violations.push(at, "non_empty", "must not be empty");
    }
}

/// The order machine, typed by hand as `#[typestate]` would generate it: Pending → Paid →
/// Shipped → Delivered, and Cancelled from Pending or Paid. `$checks_tracking_id: false` plants
/// the bug: `ship` accepts an empty tracking id although `Shipped`'s invariant forbids it.
macro_rules! order_machine {
    ($module:ident, checks_tracking_id = $checks_tracking_id:expr) => {
        mod $module {
            use super::*;

            #[derive(Debug, Clone)]
            pub(crate) struct Pending;
            #[derive(Debug, Clone)]
            pub(crate) struct Paid {
                pub(crate) payment_ref: String,
            }
            #[derive(Debug, Clone)]
            pub(crate) struct Shipped {
                pub(crate) tracking_id: String,
            }
            #[derive(Debug, Clone)]
            pub(crate) struct Delivered;
            // Carried, never read: the tests look at states, not at the reason.
            #[allow(dead_code)]
            #[derive(Debug, Clone)]
            pub(crate) struct Cancelled {
                pub(crate) reason: String,
            }

            impl Invariant for Paid {
                fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
                    non_empty(&self.payment_ref, &at.field("payment_ref"), violations);
                }
            }
            impl Invariant for Shipped {
                fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
                    non_empty(&self.tracking_id, &at.field("tracking_id"), violations);
                }
            }

            #[derive(Debug, Clone)]
            pub(crate) struct Order<S> {
                pub(crate) id: u32,
                pub(crate) state: S,
            }

            impl Order<Pending> {
                pub(crate) fn new(id: u32) -> Self {
                    Self { id, state: Pending }
                }
                pub(crate) fn pay(
                    self,
                    payment_ref: String,
                ) -> Result<Order<Paid>, Rejected<Self>> {
                    let state = Paid { payment_ref };
                    match state.check() {
                        Ok(()) => Ok(Order { id: self.id, state }),
                        Err(violations) => Err(Rejected {
                            machine: self,
                            violations,
                        }),
                    }
                }
                pub(crate) fn cancel(self, reason: String) -> Order<Cancelled> {
                    Order {
                        id: self.id,
                        state: Cancelled { reason },
                    }
                }
            }

            impl Order<Paid> {
                pub(crate) fn ship(
                    self,
                    tracking_id: String,
                ) -> Result<Order<Shipped>, Rejected<Self>> {
                    let state = Shipped { tracking_id };
                    if $checks_tracking_id {
                        if let Err(violations) = state.check() {
                            return Err(Rejected {
                                machine: self,
                                violations,
                            });
                        }
                    }
                    Ok(Order { id: self.id, state })
                }
                pub(crate) fn cancel(self, reason: String) -> Order<Cancelled> {
                    Order {
                        id: self.id,
                        state: Cancelled { reason },
                    }
                }
            }

            impl Order<Shipped> {
                pub(crate) fn deliver(self) -> Order<Delivered> {
                    Order {
                        id: self.id,
                        state: Delivered,
                    }
                }
            }

            /// The erased machine.
            #[allow(dead_code)] // terminal machines are only matched on, never opened
            #[derive(Debug, Clone)]
            pub(crate) enum AnyOrder {
                Pending(Order<Pending>),
                Paid(Order<Paid>),
                Shipped(Order<Shipped>),
                Delivered(Order<Delivered>),
                Cancelled(Order<Cancelled>),
            }

            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub(crate) enum OrderState {
                Pending,
                Paid,
                Shipped,
                Delivered,
                Cancelled,
            }

            #[derive(Debug, Clone)]
            pub(crate) struct New {
                pub(crate) id: u32,
            }

            #[derive(Debug, Clone)]
            pub(crate) enum OrderStep {
                Pay { payment_ref: String },
                Ship { tracking_id: String },
                Deliver,
                Cancel { reason: String },
            }

            fn rejected<S>(
                wrap: fn(Order<S>) -> AnyOrder,
                rejection: Rejected<Order<S>>,
            ) -> Rejected<AnyOrder> {
                Rejected {
                    machine: wrap(rejection.machine),
                    violations: rejection.violations,
                }
            }

            impl TestableMachine for AnyOrder {
                const NAME: &'static str = "Order";
                const STATES: &'static [OrderState] = &[
                    OrderState::Pending,
                    OrderState::Paid,
                    OrderState::Shipped,
                    OrderState::Delivered,
                    OrderState::Cancelled,
                ];
                type State = OrderState;
                type Start = New;
                type Step = OrderStep;

                fn starts() -> BoxedStrategy<New> {
                    edge::biased::<u32>().prop_map(|id| New { id }).boxed()
                }

                fn steps(from: OrderState) -> Option<BoxedStrategy<OrderStep>> {
                    let pay = edge::string().prop_map(|payment_ref| OrderStep::Pay { payment_ref });
                    let ship =
                        edge::string().prop_map(|tracking_id| OrderStep::Ship { tracking_id });
                    let cancel = edge::string().prop_map(|reason| OrderStep::Cancel { reason });
                    Some(match from {
                        OrderState::Pending => proptest::prop_oneof![pay, cancel].boxed(),
                        OrderState::Paid => proptest::prop_oneof![ship, cancel].boxed(),
                        OrderState::Shipped => Just(OrderStep::Deliver).boxed(),
                        OrderState::Delivered | OrderState::Cancelled => return None,
                    })
                }

                fn initial_state(_: &New) -> OrderState {
                    OrderState::Pending
                }

                fn target(step: &OrderStep) -> OrderState {
                    match step {
                        OrderStep::Pay { .. } => OrderState::Paid,
                        OrderStep::Ship { .. } => OrderState::Shipped,
                        OrderStep::Deliver => OrderState::Delivered,
                        OrderStep::Cancel { .. } => OrderState::Cancelled,
                    }
                }

                fn allows(from: OrderState, step: &OrderStep) -> bool {
                    matches!(
                        (from, step),
                        (OrderState::Pending, OrderStep::Pay { .. })
                            | (OrderState::Paid, OrderStep::Ship { .. })
                            | (OrderState::Shipped, OrderStep::Deliver)
                            | (
                                OrderState::Pending | OrderState::Paid,
                                OrderStep::Cancel { .. }
                            )
                    )
                }

                fn expect(step: &OrderStep) -> Result<(), Violations> {
                    match step {
                        OrderStep::Pay { payment_ref } => Paid {
                            payment_ref: payment_ref.clone(),
                        }
                        .check(),
                        OrderStep::Ship { tracking_id } => Shipped {
                            tracking_id: tracking_id.clone(),
                        }
                        .check(),
                        OrderStep::Deliver | OrderStep::Cancel { .. } => Ok(()),
                    }
                }

                fn start(start: &New) -> Result<Self, Violations> {
                    Ok(AnyOrder::Pending(Order::new(start.id)))
                }

                fn apply(self, step: &OrderStep) -> Result<Self, Rejected<Self>> {
                    match (self, step) {
                        (AnyOrder::Pending(order), OrderStep::Pay { payment_ref }) => order
                            .pay(payment_ref.clone())
                            .map(AnyOrder::Paid)
                            .map_err(|rejection| rejected(AnyOrder::Pending, rejection)),
                        (AnyOrder::Pending(order), OrderStep::Cancel { reason }) => {
                            Ok(AnyOrder::Cancelled(order.cancel(reason.clone())))
                        }
                        (AnyOrder::Paid(order), OrderStep::Ship { tracking_id }) => order
                            .ship(tracking_id.clone())
                            .map(AnyOrder::Shipped)
                            .map_err(|rejection| rejected(AnyOrder::Paid, rejection)),
                        (AnyOrder::Paid(order), OrderStep::Cancel { reason }) => {
                            Ok(AnyOrder::Cancelled(order.cancel(reason.clone())))
                        }
                        (AnyOrder::Shipped(order), OrderStep::Deliver) => {
                            Ok(AnyOrder::Delivered(order.deliver()))
                        }
                        (machine, step) => panic!("{step:?} is not a transition of {machine:?}"),
                    }
                }

                fn state(&self) -> OrderState {
                    match self {
                        AnyOrder::Pending(_) => OrderState::Pending,
                        AnyOrder::Paid(_) => OrderState::Paid,
                        AnyOrder::Shipped(_) => OrderState::Shipped,
                        AnyOrder::Delivered(_) => OrderState::Delivered,
                        AnyOrder::Cancelled(_) => OrderState::Cancelled,
                    }
                }

                fn check(&self) -> Result<(), Violations> {
                    match self {
                        AnyOrder::Paid(order) => order.state.check(),
                        AnyOrder::Shipped(order) => order.state.check(),
                        AnyOrder::Pending(_) | AnyOrder::Delivered(_) | AnyOrder::Cancelled(_) => {
                            Ok(())
                        }
                    }
                }

                fn render_start(start: &New, out: &mut fmt::Formatter<'_>) -> fmt::Result {
                    render_call(out, "Order::new", &[&start.id])
                }

                fn render_step(step: &OrderStep, out: &mut fmt::Formatter<'_>) -> fmt::Result {
                    match step {
                        OrderStep::Pay { payment_ref } => render_call(out, ".pay", &[payment_ref]),
                        OrderStep::Ship { tracking_id } => {
                            render_call(out, ".ship", &[tracking_id])
                        }
                        OrderStep::Deliver => render_call(out, ".deliver", &[]),
                        OrderStep::Cancel { reason } => render_call(out, ".cancel", &[reason]),
                    }
                }
            }
        }
    };
}

order_machine!(correct, checks_tracking_id = true);
order_machine!(planted_bug, checks_tracking_id = false);

#[test]
fn the_correct_order_machine_passes_ten_thousand_cases() {
    let report = stateguard::check_machine!(correct::AnyOrder);
    assert_eq!(
        report.cases,
        Checker::<correct::AnyOrder>::new().case_count()
    );
    if report.cases == 10_000 {
        assert!(
            report.rejected > 0,
            "empty ids are drawn and rejected: {report:?}"
        );
        for state in <correct::AnyOrder as TestableMachine>::STATES {
            assert!(
                report.visits_of::<correct::AnyOrder>(*state) > 0,
                "{state:?} never reached"
            );
        }
    }
}

#[test]
fn the_planted_bug_is_caught_and_shrunk_to_the_shortest_sequence() {
    let failure = Checker::<planted_bug::AnyOrder>::new()
        .cases(10_000)
        .seed(5)
        .try_run()
        .unwrap_err();
    let shrunk = failure.sequence().to_string();
    println!("{failure}");
    assert_eq!(shrunk, r#"Order::new(0).pay(" ").ship("")"#);
    assert_eq!(failure.position(), 2);
    assert_eq!(failure.call(), r#".ship("")"#);
    match failure.problem() {
        Problem::InvariantBroken(violations) => {
            assert_eq!(
                violations.to_string(),
                "1 violation: tracking_id: must not be empty (non_empty)"
            );
        }
        other => panic!("unexpected problem {other:?}"),
    }
}

#[test]
fn the_planted_bug_is_caught_whatever_the_seed() {
    for seed in 0..8 {
        let failure = Checker::<planted_bug::AnyOrder>::new()
            .seed(seed)
            .try_run()
            .unwrap_err();
        let sequence = failure.sequence();
        assert_eq!(sequence.steps.len(), 2, "seed {seed}: {sequence}");
        assert!(
            sequence.to_string().starts_with("Order::new(0).pay("),
            "seed {seed}: {sequence}"
        );
        assert!(
            sequence.to_string().ends_with(r#".ship("")"#),
            "seed {seed}: {sequence}"
        );
    }
}

#[test]
fn check_machine_panics_with_the_sequence_written_as_code() {
    let panic = std::panic::catch_unwind(|| {
        stateguard::check_machine!(planted_bug::AnyOrder, cases = 10_000, seed = 5)
    })
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert_eq!(
        message,
        "Order: fails after 3 calls (shortest sequence found):\n\n    Order::new(0)\n        .pay(\" \")\n        .ship(\"\")  // <- here\n\nafter `.ship(\"\")`, the machine breaks its invariants: 1 violation: tracking_id: must not be empty (non_empty)"
    );
}

/// A reference model of the order: the state it should be in and the last payment reference.
#[derive(Debug)]
struct OrderModel {
    state: correct::OrderState,
    payment_ref: Option<String>,
}

impl ReferenceModel<correct::AnyOrder> for OrderModel {
    fn apply(&mut self, step: &correct::OrderStep) {
        use correct::{OrderState, OrderStep};
        self.state = match step {
            OrderStep::Pay { payment_ref } => {
                self.payment_ref = Some(payment_ref.clone());
                OrderState::Paid
            }
            OrderStep::Ship { .. } => OrderState::Shipped,
            OrderStep::Deliver => OrderState::Delivered,
            OrderStep::Cancel { .. } => OrderState::Cancelled,
        };
    }

    fn compare(&self, machine: &correct::AnyOrder) -> Result<(), String> {
        if machine.state() != self.state {
            return Err(format!(
                "model in {:?}, machine in {:?}",
                self.state,
                machine.state()
            ));
        }
        if let correct::AnyOrder::Paid(order) = machine
            && Some(&order.state.payment_ref) != self.payment_ref.as_ref()
        {
            return Err(format!(
                "payment_ref {:?}, model says {:?}",
                order.state.payment_ref, self.payment_ref
            ));
        }
        Ok(())
    }
}

#[test]
fn postconditions_and_a_reference_model_run_after_every_call() {
    let report = stateguard::check_machine!(
        correct::AnyOrder,
        cases = 2_000,
        model = |_: &correct::New| OrderModel {
            state: correct::OrderState::Pending,
            payment_ref: None
        },
        postcondition = |outcome| match (outcome.step, outcome.machine) {
            (correct::OrderStep::Ship { tracking_id }, correct::AnyOrder::Shipped(order))
                if order.state.tracking_id != *tracking_id =>
            {
                Err(format!(
                    "shipped with {:?}, asked for {tracking_id:?}",
                    order.state.tracking_id
                ))
            }
            _ => Ok(()),
        },
    );
    assert!(report.steps > 0);
}

#[test]
fn a_disagreeing_reference_model_is_reported() {
    /// A model that forgets that orders can be cancelled.
    struct NeverCancelled;
    impl ReferenceModel<correct::AnyOrder> for NeverCancelled {
        fn apply(&mut self, _: &correct::OrderStep) {}
        fn compare(&self, machine: &correct::AnyOrder) -> Result<(), String> {
            match machine.state() {
                correct::OrderState::Cancelled => {
                    Err(String::from("the model has no cancellation"))
                }
                _ => Ok(()),
            }
        }
    }
    let failure = Checker::<correct::AnyOrder>::new()
        .seed(3)
        .model(|_| NeverCancelled)
        .try_run()
        .unwrap_err();
    assert_eq!(
        failure.sequence().to_string(),
        r#"Order::new(0).cancel("")"#
    );
    assert_eq!(
        failure.problem(),
        &Problem::Model(String::from("the model has no cancellation"))
    );
}

/// Run by `a_bad_proptest_cases_fails_the_test_and_names_it` in a child process with a bad
/// `PROPTEST_CASES`; passes when run directly.
#[test]
#[ignore = "run with a bad PROPTEST_CASES by a_bad_proptest_cases_fails_the_test_and_names_it"]
fn checks_the_correct_machine_with_the_environment_count() {
    stateguard::check_machine!(correct::AnyOrder, cases = 50);
}

#[test]
fn a_bad_proptest_cases_fails_the_test_and_names_it() {
    for (value, expected) in [
        (
            "0",
            "PROPTEST_CASES is `0`: a property test of no case checks nothing.",
        ),
        ("abc", "PROPTEST_CASES is `abc`, not a number of cases."),
    ] {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "checks_the_correct_machine_with_the_environment_count",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PROPTEST_CASES", value)
            .env("RUST_BACKTRACE", "0")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "PROPTEST_CASES={value} passed:\n{stdout}\n{stderr}"
        );
        assert!(
            stderr.contains(expected),
            "PROPTEST_CASES={value}:\n{stdout}\n{stderr}"
        );
        assert!(stdout.contains("1 failed"), "{stdout}");
    }
}
