//! The checker: drives a machine through generated sequences and reports the minimal failure.

use crate::proptest::machine::TestableMachine;
use crate::proptest::sequence::{Call, Sequence, SequenceStrategy};
use crate::violation::Violations;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};

/// Cases run when neither the code nor `PROPTEST_CASES` says otherwise.
pub const DEFAULT_CASES: u32 = if cfg!(miri) { MIRI_CASES } else { 10_000 };

/// The most cases run under Miri, unless `PROPTEST_CASES` asks for more.
pub const MIRI_CASES: u32 = 8;

/// The most transitions after the constructor, unless the code says otherwise.
pub const DEFAULT_MAX_STEPS: usize = 40;

/// A reference model: a simpler description of what the machine should do, compared with the
/// machine after every call.
///
/// The checker builds one per sequence from the constructor call (with the factory given to
/// [`Checker::model`]), tells it every transition the machine accepted, and asks it to compare
/// itself with the machine.
pub trait ReferenceModel<M: TestableMachine> {
    /// Follows a transition the machine accepted.
    fn apply(&mut self, step: &M::Step);

    /// Compares the model with the machine.
    ///
    /// # Errors
    /// Says how they differ.
    fn compare(&self, machine: &M) -> Result<(), String>;
}

/// What a transition did, as a postcondition sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct StepOutcome<'a, M: TestableMachine> {
    /// The call.
    pub step: &'a M::Step,
    /// The state the machine was in before the call.
    pub from: M::State,
    /// The machine after the call (unchanged when rejected).
    pub machine: &'a M,
    /// The violations when the machine rejected the call.
    pub rejected: Option<&'a Violations>,
}

type Postcondition<M> = Box<dyn Fn(&StepOutcome<'_, M>) -> Result<(), String>>;
type ModelFactory<M> = Box<dyn Fn(&<M as TestableMachine>::Start) -> Box<dyn ReferenceModel<M>>>;

/// Runs a property test of a machine: [`check_machine!`](crate::check_machine) builds one.
///
/// ```
/// # use stateguard::proptest::Checker;
/// # fn demo<Order: stateguard::proptest::TestableMachine>() {
/// let report = Checker::<Order>::new()
///     .cases(1_000)
///     .max_steps(20)
///     .postcondition(|outcome| Ok(()))
///     .run();
/// assert_eq!(report.cases, 1_000);
/// # }
/// ```
pub struct Checker<M: TestableMachine> {
    cases: Option<u32>,
    max_steps: usize,
    seed: Option<u64>,
    postconditions: Vec<Postcondition<M>>,
    model: Option<ModelFactory<M>>,
}

impl<M: TestableMachine> fmt::Debug for Checker<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checker")
            .field("machine", &M::NAME)
            .field("cases", &self.cases)
            .field("max_steps", &self.max_steps)
            .field("seed", &self.seed)
            .field("postconditions", &self.postconditions.len())
            .field("model", &self.model.is_some())
            .finish()
    }
}

impl<M: TestableMachine> Default for Checker<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M: TestableMachine> Checker<M> {
    /// [`DEFAULT_CASES`] cases of up to [`DEFAULT_MAX_STEPS`] transitions.
    #[must_use]
    pub fn new() -> Self {
        Self {
            cases: None,
            max_steps: DEFAULT_MAX_STEPS,
            seed: None,
            postconditions: Vec::new(),
            model: None,
        }
    }

    /// Runs `cases` sequences. `PROPTEST_CASES`, when set, wins (so CI can turn every test up or
    /// down); under Miri the count is at most [`MIRI_CASES`]. A count of `0` is refused when the
    /// test runs: a property test of no case checks nothing.
    #[must_use]
    pub fn cases(mut self, cases: u32) -> Self {
        self.cases = Some(cases);
        self
    }

    /// Draws sequences of up to `max_steps` transitions after the constructor.
    #[must_use]
    pub fn max_steps(mut self, max_steps: usize) -> Self {
        self.max_steps = max_steps;
        self
    }

    /// Draws from a fixed seed: the same sequences on every run.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Adds a check run after every transition, accepted or rejected. Return `Err` with a message
    /// to fail.
    #[must_use]
    pub fn postcondition(
        mut self,
        postcondition: impl Fn(&StepOutcome<'_, M>) -> Result<(), String> + 'static,
    ) -> Self {
        self.postconditions.push(Box::new(postcondition));
        self
    }

    /// Compares the machine with a [`ReferenceModel`] after every call; `factory` builds the model
    /// from the constructor call of each sequence.
    #[must_use]
    pub fn model<R: ReferenceModel<M> + 'static>(
        mut self,
        factory: impl Fn(&M::Start) -> R + 'static,
    ) -> Self {
        self.model = Some(Box::new(move |start| Box::new(factory(start))));
        self
    }

    /// The strategy of the sequences this checker draws, for use in a `proptest!` block.
    #[must_use]
    pub fn strategy(&self) -> SequenceStrategy<M> {
        SequenceStrategy::new(self.max_steps)
    }

    /// The number of cases [`run`](Self::run) will draw.
    ///
    /// # Panics
    /// When `PROPTEST_CASES` is set to anything but a positive whole number (`0`, `abc`, an
    /// empty value), or the code asks for `cases(0)`: a test that would run no case, or ignore
    /// the count CI asked for, must not pass.
    #[must_use]
    #[track_caller]
    pub fn case_count(&self) -> u32 {
        let from_environment = std::env::var("PROPTEST_CASES").map_err(|error| match error {
            std::env::VarError::NotPresent => None,
            std::env::VarError::NotUnicode(value) => Some(format!("{}", value.display())),
        });
        match resolve_cases(from_environment, self.cases, cfg!(miri)) {
            Ok(cases) => cases,
            Err(message) => panic!("{message}"),
        }
    }

    /// Runs the test and panics with the minimal failing sequence when the machine breaks.
    ///
    /// When the environment variable [`REPORT_VARIABLE`](crate::proptest::REPORT_VARIABLE)
    /// (`STATEGUARD_PROPTEST_REPORT`) names a file, the failure is also appended to it as one line
    /// of JSON before the panic, for tools such as `cargo stateguard check`.
    ///
    /// # Panics
    /// When a sequence breaks the machine; the message shows the shortest sequence found, written
    /// as code, and what went wrong. Also when the case count is `0` or `PROPTEST_CASES` is not a
    /// positive whole number (see [`case_count`](Self::case_count)).
    #[track_caller]
    #[allow(clippy::must_use_candidate)]
    pub fn run(self) -> Report {
        match self.try_run() {
            Ok(report) => report,
            Err(failure) => {
                // Written before panicking: writing it runs the machine's checks (see
                // `Sequence::unwrap_suffixes`), which must not happen while the thread panics.
                let message = alloc::string::ToString::to_string(&failure);
                crate::proptest::report_file::append_if_requested(
                    &failure,
                    core::panic::Location::caller(),
                );
                panic!("{message}")
            }
        }
    }

    /// Runs the test.
    ///
    /// # Errors
    /// Returns the shortest failing sequence found, and what went wrong.
    ///
    /// # Panics
    /// When the case count is `0` or `PROPTEST_CASES` is not a positive whole number (see
    /// [`case_count`](Self::case_count)): there is no sequence to report then.
    #[track_caller]
    pub fn try_run(self) -> Result<Report, Failure<M>> {
        let cases = self.case_count();
        let config = Config {
            cases,
            failure_persistence: None,
            rng_seed: self.seed.map_or(RngSeed::Random, RngSeed::Fixed),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let strategy = self.strategy();
        let report = RefCell::new(Report::new::<M>());
        let result = runner.run(&strategy, |sequence| {
            let at = Cell::new(Spot::default());
            self.execute(&sequence, &mut report.borrow_mut(), &at)
                .map_err(|finding| {
                    TestCaseError::fail(alloc::string::ToString::to_string(&finding.problem))
                })
        });
        match result {
            Ok(()) => {
                let mut report = report.into_inner();
                report.cases = cases;
                Ok(report)
            }
            Err(TestError::Fail(reason, sequence)) => {
                // Run the minimal sequence once more to describe its failure with structure.
                let mut scratch = Report::new::<M>();
                let finding = self.execute_catching(&sequence, &mut scratch).err();
                let (position, problem) = match finding {
                    Some(finding) => (finding.position, finding.problem),
                    None => (
                        sequence.len() - 1,
                        Problem::Flaky(String::from(reason.message())),
                    ),
                };
                Err(Failure {
                    sequence,
                    position,
                    problem,
                })
            }
            Err(TestError::Abort(reason)) => Err(Failure {
                sequence: strategy_sample::<M>(),
                position: 0,
                problem: Problem::Aborted(String::from(reason.message())),
            }),
        }
    }

    fn execute_catching(&self, sequence: &Sequence<M>, report: &mut Report) -> Result<(), Finding> {
        let at = Cell::new(Spot::default());
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.execute(sequence, report, &at)
        }));
        outcome.unwrap_or_else(|payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|message| String::from(*message))
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| String::from("a panic without a message"));
            let spot = at.get();
            Err(Finding {
                position: spot.position,
                problem: if spot.in_rules {
                    Problem::RulesPanicked(message)
                } else {
                    Problem::Panicked(message)
                },
            })
        })
    }

    /// Drives the machine through `sequence`, checking everything after every call. `at` follows
    /// the call being made, so that a panic can be reported where it happened.
    fn execute(
        &self,
        sequence: &Sequence<M>,
        report: &mut Report,
        at: &Cell<Spot>,
    ) -> Result<(), Finding> {
        let fail = |position: usize, problem: Problem| Err(Finding { position, problem });
        let start = &sequence.start;
        at.set(Spot {
            position: 0,
            in_rules: true,
        });
        let expected = M::expect_start(start);
        at.set(Spot {
            position: 0,
            in_rules: false,
        });
        let mut machine = match (M::start(start), expected) {
            (Ok(machine), Ok(())) => machine,
            (Ok(machine), Err(violations)) => {
                if let Err(broken) = machine.check() {
                    return fail(0, Problem::InvariantBroken(broken));
                }
                return fail(0, Problem::AcceptedInvalid(violations));
            }
            (Err(violations), Ok(())) => return fail(0, Problem::RejectedValid(violations)),
            (Err(violations), Err(_)) => {
                if violations.is_empty() {
                    return fail(0, Problem::RejectedWithoutReason);
                }
                report.rejected += 1;
                return Ok(());
            }
        };
        let initial = M::initial_state(start);
        if machine.state() != initial {
            return fail(0, Problem::wrong_state::<M>(initial, machine.state()));
        }
        if let Err(violations) = machine.check() {
            return fail(0, Problem::InvariantBroken(violations));
        }
        let mut model = self.model.as_ref().map(|factory| factory(start));
        if let Some(model) = &model
            && let Err(difference) = model.compare(&machine)
        {
            return fail(0, Problem::Model(difference));
        }
        report.visit::<M>(initial);

        // The calls the machine accepted, which data carried into a later state comes from.
        let mut accepted: Vec<M::Step> = Vec::new();
        for (index, step) in sequence.steps.iter().enumerate() {
            let position = index + 1;
            let from = machine.state();
            if !M::allows(from, step) {
                return fail(
                    position,
                    Problem::Inconsistent(format!(
                        "`steps` drew this call, `allows` refuses it from state `{from:?}`"
                    )),
                );
            }
            at.set(Spot {
                position,
                in_rules: true,
            });
            let expected = M::expect_after(start, &accepted, step);
            at.set(Spot {
                position,
                in_rules: false,
            });
            let (next, rejected) = match machine.apply(step) {
                Ok(next) => {
                    if let Err(violations) = next.check() {
                        return fail(position, Problem::InvariantBroken(violations));
                    }
                    if let Err(violations) = expected {
                        return fail(position, Problem::AcceptedInvalid(violations));
                    }
                    (next, None)
                }
                Err(rejection) => {
                    let (unchanged, violations) = rejection.into_parts();
                    if expected.is_ok() {
                        return fail(position, Problem::RejectedValid(violations));
                    }
                    if violations.is_empty() {
                        return fail(position, Problem::RejectedWithoutReason);
                    }
                    if let Err(broken) = unchanged.check() {
                        return fail(position, Problem::InvariantBroken(broken));
                    }
                    report.rejected += 1;
                    (unchanged, Some(violations))
                }
            };
            machine = next;
            let declared = if rejected.is_some() {
                from
            } else {
                accepted.push(step.clone());
                M::target(step)
            };
            if machine.state() != declared {
                return fail(
                    position,
                    Problem::wrong_state::<M>(declared, machine.state()),
                );
            }
            let outcome = StepOutcome {
                step,
                from,
                machine: &machine,
                rejected: rejected.as_ref(),
            };
            for postcondition in &self.postconditions {
                if let Err(message) = postcondition(&outcome) {
                    return fail(position, Problem::Postcondition(message));
                }
            }
            if let Some(model) = &mut model {
                if rejected.is_none() {
                    model.apply(step);
                }
                if let Err(difference) = model.compare(&machine) {
                    return fail(position, Problem::Model(difference));
                }
            }
            report.steps += 1;
            report.visit::<M>(machine.state());
        }
        report.longest = report.longest.max(sequence.steps.len());
        if M::steps(machine.state()).is_none() {
            report.terminated += 1;
        }
        Ok(())
    }
}

/// The case count from `PROPTEST_CASES` (`Ok(None)` when unset, `Err(Some(value))` when set),
/// else from the code (`configured`), else [`DEFAULT_CASES`]; at most [`MIRI_CASES`] under Miri
/// unless `PROPTEST_CASES` says otherwise.
///
/// # Errors
/// Says what is wrong, naming the variable and its value, when the count is not a positive
/// whole number.
pub(crate) fn resolve_cases(
    from_environment: Result<String, Option<String>>,
    configured: Option<u32>,
    miri: bool,
) -> Result<u32, String> {
    match from_environment {
        Ok(value) => match value.trim().parse::<u32>() {
            Ok(0) => Err(format!(
                "PROPTEST_CASES is `{value}`: a property test of no case checks nothing. \
                 Set PROPTEST_CASES to a positive number of cases (such as `10000`), or unset it \
                 to use the count the test asks for"
            )),
            Ok(cases) => Ok(cases),
            Err(_) => Err(format!(
                "PROPTEST_CASES is `{value}`, not a number of cases. Set PROPTEST_CASES to a \
                 positive whole number (such as `10000`, at most {}), or unset it to use the \
                 count the test asks for",
                u32::MAX
            )),
        },
        Err(Some(value)) => Err(format!(
            "PROPTEST_CASES is `{value}`, not a number of cases. Set PROPTEST_CASES to a positive \
             whole number (such as `10000`), or unset it to use the count the test asks for"
        )),
        Err(None) => match configured {
            Some(0) => Err(String::from(
                "`cases(0)` runs no case, and a property test of no case checks nothing. \
                 Ask for at least one case (`cases = 1_000`), or remove the setting for the \
                 default of 10,000",
            )),
            Some(cases) if miri => Ok(cases.min(MIRI_CASES)),
            Some(cases) => Ok(cases),
            None => Ok(DEFAULT_CASES),
        },
    }
}

/// An empty sequence stand-in for the rare aborted run (proptest gave up before any failure).
fn strategy_sample<M: TestableMachine>() -> Sequence<M> {
    use proptest::strategy::{Strategy, ValueTree};
    let mut runner = TestRunner::deterministic();
    let start = M::starts()
        .new_tree(&mut runner)
        .map(|tree| tree.current())
        .unwrap_or_else(|reason| panic!("{reason}"));
    Sequence {
        start,
        steps: Vec::new(),
    }
}

struct Finding {
    position: usize,
    problem: Problem,
}

/// Where a sequence's run is: the call being made, and whether its arguments are being checked
/// against the declared rules ([`TestableMachine::expect_after`]) rather than the machine run.
#[derive(Debug, Clone, Copy, Default)]
struct Spot {
    position: usize,
    in_rules: bool,
}

/// What a failing sequence did wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// After the call, the machine breaks its own or its state's invariants.
    InvariantBroken(Violations),
    /// The machine accepted a call whose data breaks the target state's invariants.
    AcceptedInvalid(Violations),
    /// The machine rejected a call whose data is valid.
    RejectedValid(Violations),
    /// The machine rejected a call without saying why.
    RejectedWithoutReason,
    /// The machine is in another state than the one declared.
    WrongState {
        /// The declared state.
        expected: String,
        /// The state the machine is in.
        found: String,
    },
    /// A postcondition failed.
    Postcondition(String),
    /// The machine and its reference model disagree.
    Model(String),
    /// The machine panicked.
    Panicked(String),
    /// Checking the call's arguments against the rules of the state it leads to panicked (in an
    /// invariant's check, usually), before the machine was called.
    RulesPanicked(String),
    /// The machine's `TestableMachine` implementation contradicts itself.
    Inconsistent(String),
    /// The failure did not happen again when the minimal sequence was run once more.
    Flaky(String),
    /// The run stopped before finding a failure or passing.
    Aborted(String),
}

impl Problem {
    fn wrong_state<M: TestableMachine>(expected: M::State, found: M::State) -> Self {
        Self::WrongState {
            expected: format!("{expected:?}"),
            found: format!("{found:?}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvariantBroken(violations) => {
                write!(f, "the machine breaks its invariants: {violations}")
            }
            Self::AcceptedInvalid(violations) => {
                write!(
                    f,
                    "the machine accepted a call its rules reject: {violations}"
                )
            }
            Self::RejectedValid(violations) => {
                write!(f, "the machine rejected a valid call: {violations}")
            }
            Self::RejectedWithoutReason => {
                f.write_str("the machine rejected a call without a violation")
            }
            Self::WrongState { expected, found } => write!(
                f,
                "the machine is in state `{found}`, the declaration says `{expected}`"
            ),
            Self::Postcondition(message) => write!(f, "postcondition failed: {message}"),
            Self::Model(difference) => {
                write!(
                    f,
                    "the machine and the reference model disagree: {difference}"
                )
            }
            Self::Panicked(message) => write!(f, "the machine panicked: {message}"),
            Self::RulesPanicked(message) => write!(
                f,
                "checking its arguments against the target state's invariants panicked: {message}"
            ),
            Self::Inconsistent(message) => {
                write!(
                    f,
                    "the machine's test description contradicts itself: {message}"
                )
            }
            Self::Flaky(reason) => write!(
                f,
                "the failure did not happen again on the minimal sequence (the machine is not deterministic?): {reason}"
            ),
            Self::Aborted(reason) => write!(f, "the test stopped: {reason}"),
        }
    }
}

/// A sequence that breaks the machine: the shortest found, the call where it broke, and how.
pub struct Failure<M: TestableMachine> {
    sequence: Sequence<M>,
    position: usize,
    problem: Problem,
}

impl<M: TestableMachine> Failure<M> {
    /// The minimal failing sequence.
    #[must_use]
    pub fn sequence(&self) -> &Sequence<M> {
        &self.sequence
    }

    /// The position of the call that broke the machine: `0` is the constructor, `n` the n-th
    /// transition.
    #[must_use]
    pub fn position(&self) -> usize {
        self.position
    }

    /// What went wrong.
    #[must_use]
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The call that broke the machine, written as code.
    #[must_use]
    pub fn call(&self) -> String {
        match self.position.checked_sub(1) {
            None => format!("{}", Call::<M>::Start(&self.sequence.start)),
            Some(index) => format!("{}", Call::<M>::Step(&self.sequence.steps[index])),
        }
    }
}

impl<M: TestableMachine> fmt::Debug for Failure<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Failure")
            .field("sequence", &self.sequence)
            .field("position", &self.position)
            .field("problem", &self.problem)
            .finish()
    }
}

impl<M: TestableMachine> fmt::Display for Failure<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The calls up to the one that fails, the constructor included: only the last one fails.
        let calls = self.position + 1;
        writeln!(
            f,
            "{}: fails after {calls} call{} (shortest sequence found):\n",
            M::NAME,
            if calls == 1 { "" } else { "s" }
        )?;
        writeln!(
            f,
            "    {}\n",
            self.sequence
                .to_code_marked(self.position, "  // <- here")
                .replace('\n', "\n    ")
        )?;
        write!(f, "after `{}`, {}", self.call(), self.problem)
    }
}

#[cfg(feature = "std")]
impl<M: TestableMachine> std::error::Error for Failure<M> {}

/// What a passing run covered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The sequences run.
    pub cases: u32,
    /// The transitions applied, over all sequences.
    pub steps: u64,
    /// The calls the machine rejected (as its rules require).
    pub rejected: u64,
    /// The sequences that ended in a terminal state.
    pub terminated: u64,
    /// The longest sequence, in transitions.
    pub longest: usize,
    /// How often the machine was in each state, in the order of `TestableMachine::STATES`.
    pub visits: Vec<u64>,
}

impl Report {
    fn new<M: TestableMachine>() -> Self {
        Self {
            cases: 0,
            steps: 0,
            rejected: 0,
            terminated: 0,
            longest: 0,
            visits: alloc::vec![0; M::STATES.len()],
        }
    }

    fn visit<M: TestableMachine>(&mut self, state: M::State) {
        if let Some(count) = self.visits.get_mut(M::state_index(state)) {
            *count += 1;
        }
    }

    /// How often the machine was in `state`.
    #[must_use]
    pub fn visits_of<M: TestableMachine>(&self, state: M::State) -> u64 {
        self.visits.get(M::state_index(state)).copied().unwrap_or(0)
    }
}
