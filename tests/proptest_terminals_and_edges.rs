//! Two more hand-written machines: one with several terminal states (sequences end there
//! cleanly, with no rejection), and one whose bug shows only at the edge value `0`.
#![cfg(test)]

use proptest::arbitrary::any;
use proptest::strategy::{BoxedStrategy, Just, Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use stateguard::proptest::{Checker, Problem, TestableMachine, edge, render_call};
use stateguard::{Location, Rejected, Violations};
use std::fmt;

/// A support ticket: Open → Escalated → Open (a loop), and three terminal states: Resolved,
/// Rejected (from Open) and Closed (from Escalated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ticket {
    Open,
    Escalated,
    Resolved,
    Rejected,
    Closed,
}

#[derive(Debug, Clone, Copy)]
enum TicketStep {
    Escalate,
    Reopen,
    Resolve,
    Reject,
    Close,
}

impl TestableMachine for Ticket {
    const NAME: &'static str = "Ticket";
    const STATES: &'static [Ticket] = &[
        Ticket::Open,
        Ticket::Escalated,
        Ticket::Resolved,
        Ticket::Rejected,
        Ticket::Closed,
    ];
    type State = Ticket;
    type Start = ();
    type Step = TicketStep;

    fn starts() -> BoxedStrategy<()> {
        Just(()).boxed()
    }

    fn steps(from: Ticket) -> Option<BoxedStrategy<TicketStep>> {
        let pick = |steps: Vec<TicketStep>| proptest::sample::select(steps).boxed();
        match from {
            Ticket::Open => Some(pick(vec![
                TicketStep::Escalate,
                TicketStep::Resolve,
                TicketStep::Reject,
            ])),
            Ticket::Escalated => Some(pick(vec![TicketStep::Reopen, TicketStep::Close])),
            Ticket::Resolved | Ticket::Rejected | Ticket::Closed => None,
        }
    }

    fn initial_state((): &()) -> Ticket {
        Ticket::Open
    }

    fn target(step: &TicketStep) -> Ticket {
        match step {
            TicketStep::Escalate => Ticket::Escalated,
            TicketStep::Reopen => Ticket::Open,
            TicketStep::Resolve => Ticket::Resolved,
            TicketStep::Reject => Ticket::Rejected,
            TicketStep::Close => Ticket::Closed,
        }
    }

    fn allows(from: Ticket, step: &TicketStep) -> bool {
        matches!(
            (from, step),
            (
                Ticket::Open,
                TicketStep::Escalate | TicketStep::Resolve | TicketStep::Reject
            ) | (Ticket::Escalated, TicketStep::Reopen | TicketStep::Close)
        )
    }

    fn start((): &()) -> Result<Self, Violations> {
        Ok(Ticket::Open)
    }

    fn apply(self, step: &TicketStep) -> Result<Self, Rejected<Self>> {
        Ok(Self::target(step))
    }

    fn state(&self) -> Ticket {
        *self
    }

    fn check(&self) -> Result<(), Violations> {
        Ok(())
    }

    fn render_start((): &(), out: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_call(out, "Ticket::open", &[])
    }

    fn render_step(step: &TicketStep, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match step {
            TicketStep::Escalate => ".escalate",
            TicketStep::Reopen => ".reopen",
            TicketStep::Resolve => ".resolve",
            TicketStep::Reject => ".reject",
            TicketStep::Close => ".close",
        };
        render_call(out, name, &[])
    }
}

#[test]
fn a_machine_with_several_terminal_states_runs_without_a_single_rejection() {
    // proptest aborts a run after `max_local_rejects`/`max_global_rejects` rejections; with both
    // at zero, one rejected draw would fail this test.
    let strategy = Checker::<Ticket>::new().max_steps(40).strategy();
    let mut runner = TestRunner::new(Config {
        cases: 10_000,
        max_local_rejects: 0,
        max_global_rejects: 0,
        failure_persistence: None,
        ..Config::default()
    });
    let ended = std::cell::RefCell::new(std::collections::HashMap::<Ticket, u32>::new());
    runner
        .run(&strategy, |sequence| {
            let mut state = Ticket::Open;
            for step in &sequence.steps {
                assert!(Ticket::allows(state, step), "{sequence}");
                state = Ticket::target(step);
            }
            if Ticket::steps(state).is_none() {
                *ended.borrow_mut().entry(state).or_default() += 1;
            } else {
                // Not at a terminal state: the drawn length ran out first.
                assert!(sequence.steps.len() <= 40);
            }
            Ok(())
        })
        .unwrap();
    let ended = ended.into_inner();
    for terminal in [Ticket::Resolved, Ticket::Rejected, Ticket::Closed] {
        assert!(
            ended.get(&terminal).copied().unwrap_or(0) > 1_000,
            "{ended:?}"
        );
    }

    // And through the checker: every terminal state is reached.
    let report = stateguard::check_machine!(Ticket, max_steps = 40);
    assert!(report.terminated > 0);
    for terminal in [Ticket::Resolved, Ticket::Rejected, Ticket::Closed] {
        assert!(report.visits_of::<Ticket>(terminal) > 0, "{report:?}");
    }
}

/// A parking lease billed by the started hour. The bug: `bill` rounds minutes up to hours as
/// `(minutes - 1) / 60 + 1`, which wraps at `0` (a 0-minute stay is billed 71,582,789 hours).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lease {
    Parked,
    Billed { minutes: u32, hours: u32 },
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeaseState {
    Parked,
    Billed,
    Paid,
}

#[derive(Debug, Clone)]
enum LeaseStep {
    Bill { minutes: u32 },
    Pay,
}

/// The lease machine, with the strategy of `bill`'s argument as a parameter.
trait MinutesStrategy {
    fn minutes() -> BoxedStrategy<u32>;
}

#[derive(Debug)]
struct EdgeBiased;
impl MinutesStrategy for EdgeBiased {
    fn minutes() -> BoxedStrategy<u32> {
        edge::biased::<u32>()
    }
}

#[derive(Debug)]
struct Uniform;
impl MinutesStrategy for Uniform {
    fn minutes() -> BoxedStrategy<u32> {
        any::<u32>().boxed()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct LeaseUnder<S>(Lease, std::marker::PhantomData<S>);

impl<S: MinutesStrategy + 'static> TestableMachine for LeaseUnder<S> {
    const NAME: &'static str = "Lease";
    const STATES: &'static [LeaseState] =
        &[LeaseState::Parked, LeaseState::Billed, LeaseState::Paid];
    type State = LeaseState;
    type Start = ();
    type Step = LeaseStep;

    fn starts() -> BoxedStrategy<()> {
        Just(()).boxed()
    }

    fn steps(from: LeaseState) -> Option<BoxedStrategy<LeaseStep>> {
        match from {
            LeaseState::Parked => Some(
                S::minutes()
                    .prop_map(|minutes| LeaseStep::Bill { minutes })
                    .boxed(),
            ),
            LeaseState::Billed => Some(Just(LeaseStep::Pay).boxed()),
            LeaseState::Paid => None,
        }
    }

    fn initial_state((): &()) -> LeaseState {
        LeaseState::Parked
    }

    fn target(step: &LeaseStep) -> LeaseState {
        match step {
            LeaseStep::Bill { .. } => LeaseState::Billed,
            LeaseStep::Pay => LeaseState::Paid,
        }
    }

    fn allows(from: LeaseState, step: &LeaseStep) -> bool {
        matches!(
            (from, step),
            (LeaseState::Parked, LeaseStep::Bill { .. }) | (LeaseState::Billed, LeaseStep::Pay)
        )
    }

    fn start((): &()) -> Result<Self, Violations> {
        Ok(Self(Lease::Parked, std::marker::PhantomData))
    }

    fn apply(self, step: &LeaseStep) -> Result<Self, Rejected<Self>> {
        let next = match step {
            LeaseStep::Bill { minutes } => Lease::Billed {
                minutes: *minutes,
                hours: minutes.wrapping_sub(1) / 60 + 1,
            },
            LeaseStep::Pay => Lease::Paid,
        };
        Ok(Self(next, std::marker::PhantomData))
    }

    fn state(&self) -> LeaseState {
        match self.0 {
            Lease::Parked => LeaseState::Parked,
            Lease::Billed { .. } => LeaseState::Billed,
            Lease::Paid => LeaseState::Paid,
        }
    }

    fn check(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        if let Lease::Billed { minutes, hours } = self.0
            && hours != minutes.div_ceil(60)
        {
            violations.push(
                &Location::root().field("hours"),
                "started_hours",
                format!(
                    "{minutes} minutes are {} started hours, not {hours}",
                    minutes.div_ceil(60)
                ),
            );
        }
        violations.into_result()
    }

    fn render_start((): &(), out: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_call(out, "Lease::park", &[])
    }

    fn render_step(step: &LeaseStep, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match step {
            LeaseStep::Bill { minutes } => render_call(out, ".bill", &[minutes]),
            LeaseStep::Pay => render_call(out, ".pay", &[]),
        }
    }
}

#[test]
fn an_edge_value_bug_is_found_by_the_edge_biased_default() {
    let failure = Checker::<LeaseUnder<EdgeBiased>>::new()
        .cases(10_000)
        .seed(11)
        .try_run()
        .unwrap_err();
    assert_eq!(failure.sequence().to_string(), "Lease::park().bill(0)");
    assert!(
        matches!(failure.problem(), Problem::InvariantBroken(_)),
        "{failure}"
    );
    assert_eq!(
        failure.problem().to_string(),
        "the machine breaks its invariants: 1 violation: hours: 0 minutes are 0 started hours, not 71582789 (started_hours)"
    );
}

#[test]
fn uniform_generation_misses_the_same_bug() {
    // The reason for the edge bias: 10,000 uniform draws of a u32 almost never contain 0.
    let report = Checker::<LeaseUnder<Uniform>>::new()
        .cases(10_000)
        .seed(11)
        .run();
    assert!(report.steps > 0);
    // A draw of the edge-biased strategy holds 0 about once in 20.
    let mut runner = TestRunner::deterministic();
    let strategy = edge::biased::<u32>();
    let zeros = (0..1_000)
        .filter(|_| strategy.new_tree(&mut runner).unwrap().current() == 0)
        .count();
    assert!(zeros > 20, "{zeros}");
}
