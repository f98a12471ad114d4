//! Legal call sequences: the [`Sequence`] value, the strategy that generates it from the declared
//! graph, and the value tree that shrinks it without ever making it illegal.
//!
//! # Generation
//! A sequence is a constructor call followed by up to `max_steps` transitions. The generator walks
//! the declared graph from the constructor's state: at each state it draws one of that state's
//! transitions (with its arguments), predicts the next state with
//! [`TestableMachine::expect_after`] (a call the machine must reject leaves it where it was; data
//! carried over from an earlier state is read from the calls accepted so far) and stops at a
//! terminal state or at the drawn length. Nothing is generated and then thrown away, so a machine whose sequences end in
//! terminal states early causes no rejections.
//!
//! # Shrinking
//! The value tree keeps every generated call together with its argument tree, a mask of the
//! calls still included, and the *live* calls: the included calls that remain legal when the
//! graph is walked again from the constructor. Every shrink changes the mask or one argument and
//! walks the graph again, dropping calls that are no longer legal (removing `.pay(..)` drops the
//! `.ship(..)` after it; shrinking an argument until the call is rejected keeps the machine in
//! its state, and drops the calls that needed the next one). In order:
//! 1. remove one live call at a time, last first, repeating the pass while it removes something;
//! 2. shrink the constructor's arguments, then each live call's arguments, first call first.
//!
//! The value under test is always a legal sequence: no check ever sees an illegal call.

use crate::proptest::machine::TestableMachine;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;
use proptest::strategy::{BoxedStrategy, NewTree, Strategy, ValueTree};
use proptest::test_runner::TestRunner;

/// A legal call sequence: a constructor followed by transitions, each legal from the state the
/// previous calls lead to. `Display` and `Debug` write it as code:
/// `Order::new(7).pay(String::from("a")).unwrap().ship(String::new()).unwrap_err().machine`.
pub struct Sequence<M: TestableMachine> {
    /// The constructor call.
    pub start: M::Start,
    /// The transition calls, in order.
    pub steps: Vec<M::Step>,
}

impl<M: TestableMachine> Sequence<M> {
    /// The number of calls, the constructor included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.steps.len() + 1
    }

    /// Always `false`: a sequence holds at least its constructor.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The sequence written one call per line (rustfmt's chain layout), with `marker` after the
    /// call at `position` (`0` is the constructor).
    #[must_use]
    pub fn to_code_marked(&self, position: usize, marker: &str) -> alloc::string::String {
        use core::fmt::Write;
        let mut code = alloc::string::String::new();
        let suffixes = self.unwrap_suffixes();
        let _ = write!(code, "{}{}", Call::<M>::Start(&self.start), suffixes[0]);
        if position == 0 {
            code.push_str(marker);
        }
        for (index, step) in self.steps.iter().enumerate() {
            let _ = write!(
                code,
                "\n    {}{}",
                Call::<M>::Step(step),
                suffixes[index + 1]
            );
            if index + 1 == position {
                code.push_str(marker);
            }
        }
        code
    }

    /// What follows each call (the constructor first) so that the written sequence compiles:
    /// `.unwrap()` when the machine must accept a call that returns a `Result` (or checking it
    /// panics: the call panics too), `.unwrap_err().machine` (`.unwrap_err()` for a constructor)
    /// when it must refuse it, nothing when the call cannot fail.
    ///
    /// Deciding runs the target states' checks, which may panic (caught). A panic while a panic
    /// message is being written aborts the process, so while this thread panics (writing the
    /// message of a failed assertion that shows a sequence, say) no check is run and every call
    /// that returns a `Result` is followed by `.unwrap()`.
    fn unwrap_suffixes(&self) -> Vec<&'static str> {
        let panicking = std::thread::panicking();
        let mut suffixes = Vec::with_capacity(self.len());
        let start_verdict = if panicking {
            Verdict::Accept
        } else {
            Verdict::of_start::<M>(&self.start)
        };
        suffixes.push(match start_verdict {
            _ if !M::fallible_start(&self.start) => "",
            Verdict::Reject => ".unwrap_err()",
            Verdict::Accept | Verdict::Panic => ".unwrap()",
        });
        let mut walk = Walk::<M>::new(&self.start);
        for step in &self.steps {
            let verdict = if panicking {
                Verdict::Accept
            } else {
                walk.verdict(step)
            };
            suffixes.push(match verdict {
                _ if !M::fallible(step) => "",
                Verdict::Reject => ".unwrap_err().machine",
                Verdict::Accept | Verdict::Panic => ".unwrap()",
            });
            walk.follow(step, verdict);
        }
        suffixes
    }
}

impl<M: TestableMachine> Clone for Sequence<M> {
    fn clone(&self) -> Self {
        Self {
            start: self.start.clone(),
            steps: self.steps.clone(),
        }
    }
}

impl<M: TestableMachine> fmt::Display for Sequence<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let suffixes = self.unwrap_suffixes();
        write!(f, "{}{}", Call::<M>::Start(&self.start), suffixes[0])?;
        for (step, suffix) in self.steps.iter().zip(&suffixes[1..]) {
            write!(f, "{}{suffix}", Call::<M>::Step(step))?;
        }
        Ok(())
    }
}

impl<M: TestableMachine> fmt::Debug for Sequence<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One call of a sequence, written as code.
pub(crate) enum Call<'a, M: TestableMachine> {
    Start(&'a M::Start),
    Step(&'a M::Step),
}

impl<M: TestableMachine> fmt::Display for Call<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Start(start) => M::render_start(start, f),
            Self::Step(step) => M::render_step(step, f),
        }
    }
}

/// What the declaration says the machine must do with a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The machine must accept the call.
    Accept,
    /// The machine must reject the call: it stays where it is.
    Reject,
    /// Checking the arguments panicked (in user code, usually an invariant's check). The state
    /// after the call is unknown: the call ends the sequence, and the test, which runs the same
    /// check, reports the panic with the sequence that leads to it.
    Panic,
}

impl Verdict {
    fn of(expect: impl FnOnce() -> bool) -> Self {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(expect)) {
            Ok(true) => Self::Accept,
            Ok(false) => Self::Reject,
            Err(_) => Self::Panic,
        }
    }

    /// [`TestableMachine::expect_after`] for `step` after `start` and the `accepted` calls, with a
    /// panic caught.
    pub(crate) fn of_step<M: TestableMachine>(
        start: &M::Start,
        accepted: &[M::Step],
        step: &M::Step,
    ) -> Self {
        Self::of(|| M::expect_after(start, accepted, step).is_ok())
    }

    /// [`TestableMachine::expect_start`] for `start`, with a panic caught.
    pub(crate) fn of_start<M: TestableMachine>(start: &M::Start) -> Self {
        Self::of(|| M::expect_start(start).is_ok())
    }
}

/// A walk along the declared graph from a constructor: the state the machine is in, as
/// declared, and the calls it accepted on the way (which carried data is read from).
pub(crate) struct Walk<'s, M: TestableMachine> {
    start: &'s M::Start,
    accepted: Vec<M::Step>,
    state: M::State,
}

impl<'s, M: TestableMachine> Walk<'s, M> {
    /// At the state `start` creates (whether or not the machine must accept `start`).
    pub(crate) fn new(start: &'s M::Start) -> Self {
        Self {
            start,
            accepted: Vec::new(),
            state: M::initial_state(start),
        }
    }

    /// The state the walk is in.
    pub(crate) fn state(&self) -> M::State {
        self.state
    }

    /// What the machine must do with `step` here.
    pub(crate) fn verdict(&self, step: &M::Step) -> Verdict {
        Verdict::of_step::<M>(self.start, &self.accepted, step)
    }

    /// Follows `step`, whose verdict is `verdict`: to its target when accepted, nowhere when
    /// rejected. `false` when checking it panicked: the state after it is unknown and the walk
    /// must end.
    pub(crate) fn follow(&mut self, step: &M::Step, verdict: Verdict) -> bool {
        match verdict {
            Verdict::Accept => {
                self.state = M::target(step);
                self.accepted.push(step.clone());
                true
            }
            Verdict::Reject => true,
            Verdict::Panic => false,
        }
    }
}

/// Generates legal [`Sequence`]s of a machine; see the [`proptest` guide](crate::proptest).
pub struct SequenceStrategy<M: TestableMachine> {
    starts: BoxedStrategy<M::Start>,
    /// The transitions of each state, by [`TestableMachine::state_index`]; `None` when terminal.
    steps: Vec<Option<BoxedStrategy<M::Step>>>,
    max_steps: usize,
}

impl<M: TestableMachine> SequenceStrategy<M> {
    /// Sequences of a constructor and up to `max_steps` transitions.
    #[must_use]
    pub fn new(max_steps: usize) -> Self {
        Self {
            starts: M::starts(),
            steps: M::STATES.iter().map(|state| M::steps(*state)).collect(),
            max_steps,
        }
    }

    fn transitions_from(&self, state: M::State) -> Option<&BoxedStrategy<M::Step>> {
        self.steps.get(M::state_index(state))?.as_ref()
    }
}

impl<M: TestableMachine> fmt::Debug for SequenceStrategy<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SequenceStrategy")
            .field("machine", &M::NAME)
            .field("max_steps", &self.max_steps)
            .finish_non_exhaustive()
    }
}

impl<M: TestableMachine> Strategy for SequenceStrategy<M> {
    type Tree = SequenceTree<M>;
    type Value = Sequence<M>;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let start = self.starts.new_tree(runner)?;
        let length = (0..=self.max_steps).new_tree(runner)?.current();
        let mut steps: Vec<Box<dyn ValueTree<Value = M::Step>>> = Vec::with_capacity(length);
        let start_value = start.current();
        // A constructor the machine must refuse, or whose check panics, ends the sequence.
        if Verdict::of_start::<M>(&start_value) == Verdict::Accept {
            let mut walk = Walk::<M>::new(&start_value);
            while steps.len() < length {
                let Some(transitions) = self.transitions_from(walk.state()) else {
                    break; // terminal: the sequence ends here, nothing is rejected
                };
                let step = transitions.new_tree(runner)?;
                let value = step.current();
                steps.push(step);
                if !walk.follow(&value, walk.verdict(&value)) {
                    // The check of this call panics: the test runs it and reports the panic.
                    break;
                }
            }
        }
        Ok(SequenceTree::new(start, steps))
    }
}

/// What the last `simplify` changed, so that `complicate` can undo it.
#[derive(Debug, Clone, Copy)]
enum Change {
    Removed(usize),
    Start,
    Step(usize),
}

/// Where shrinking is.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// Removing live calls; the next candidate is the live call at this position from the end.
    Remove {
        from_end: usize,
        removed_any: bool,
    },
    /// Shrinking the constructor's arguments.
    Start,
    /// Shrinking the arguments of the call at this index.
    Step(usize),
    Done,
}

/// The value tree of [`SequenceStrategy`]; see the [`proptest` guide](crate::proptest) for how it
/// shrinks.
pub struct SequenceTree<M: TestableMachine> {
    start: Box<dyn ValueTree<Value = M::Start>>,
    steps: Vec<Box<dyn ValueTree<Value = M::Step>>>,
    included: Vec<bool>,
    /// Indexes into `steps` of the calls in the current value.
    live: Vec<usize>,
    phase: Phase,
    last: Option<Change>,
    /// The constructor's verdict for its current arguments, once computed.
    start_verdict: Option<Verdict>,
    /// Each call's verdict for its current arguments and the live calls before it, once computed.
    verdicts: Vec<Option<Verdict>>,
}

impl<M: TestableMachine> fmt::Debug for SequenceTree<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SequenceTree")
            .field("current", &self.current())
            .finish_non_exhaustive()
    }
}

impl<M: TestableMachine> SequenceTree<M> {
    fn new(
        start: Box<dyn ValueTree<Value = M::Start>>,
        steps: Vec<Box<dyn ValueTree<Value = M::Step>>>,
    ) -> Self {
        let count = steps.len();
        let mut tree = Self {
            start,
            included: alloc::vec![true; count],
            steps,
            live: Vec::new(),
            phase: Phase::Remove {
                from_end: 0,
                removed_any: false,
            },
            last: None,
            start_verdict: None,
            verdicts: alloc::vec![None; count],
        };
        tree.rederive();
        tree
    }

    /// Walks the graph from the constructor over the included calls, keeping the legal ones. A
    /// call whose check panics is the last one kept.
    fn rederive(&mut self) {
        self.live.clear();
        let start = self.start.current();
        if self.start_verdict.is_none() {
            self.start_verdict = Some(Verdict::of_start::<M>(&start));
        }
        if self.start_verdict != Some(Verdict::Accept) {
            return;
        }
        let mut walk = Walk::<M>::new(&start);
        for (index, step) in self.steps.iter().enumerate() {
            if !self.included[index] {
                continue;
            }
            let step = step.current();
            if !M::allows(walk.state(), &step) {
                continue;
            }
            // A verdict depends on the call's arguments and the calls accepted before it
            // (carried data): kept until one of those changes (see `forget`).
            let verdict = *self.verdicts[index].get_or_insert_with(|| walk.verdict(&step));
            self.live.push(index);
            if !walk.follow(&step, verdict) {
                return;
            }
        }
    }

    /// Forgets the verdicts that depend on what `change` touched: the changed call's and every
    /// later one's, since a later call may read data an earlier one carried over.
    fn forget(&mut self, change: Change) {
        let from = match change {
            Change::Removed(index) | Change::Step(index) => index,
            Change::Start => {
                self.start_verdict = None;
                0
            }
        };
        for verdict in &mut self.verdicts[from..] {
            *verdict = None;
        }
    }
}

impl<M: TestableMachine> ValueTree for SequenceTree<M> {
    type Value = Sequence<M>;

    fn current(&self) -> Sequence<M> {
        Sequence {
            start: self.start.current(),
            steps: self
                .live
                .iter()
                .map(|index| self.steps[*index].current())
                .collect(),
        }
    }

    fn simplify(&mut self) -> bool {
        // A removal that was not undone was kept: this pass made progress.
        if let Some(Change::Removed(_)) = self.last
            && let Phase::Remove { removed_any, .. } = &mut self.phase
        {
            *removed_any = true;
        }
        self.last = None;
        loop {
            match self.phase {
                Phase::Remove {
                    from_end,
                    removed_any,
                } => {
                    if from_end >= self.live.len() {
                        self.phase = if removed_any {
                            Phase::Remove {
                                from_end: 0,
                                removed_any: false,
                            }
                        } else {
                            Phase::Start
                        };
                        continue;
                    }
                    let index = self.live[self.live.len() - 1 - from_end];
                    self.included[index] = false;
                    // The next candidate sits at the same distance from the end once this
                    // call is gone, or one further if the removal is undone.
                    self.phase = Phase::Remove {
                        from_end,
                        removed_any,
                    };
                    self.last = Some(Change::Removed(index));
                    self.forget(Change::Removed(index));
                    self.rederive();
                    return true;
                }
                Phase::Start => {
                    if self.start.simplify() {
                        self.last = Some(Change::Start);
                        self.forget(Change::Start);
                        self.rederive();
                        return true;
                    }
                    self.phase = Phase::Step(0);
                }
                Phase::Step(index) => {
                    if index >= self.steps.len() {
                        self.phase = Phase::Done;
                        continue;
                    }
                    if self.live.contains(&index) && self.steps[index].simplify() {
                        self.last = Some(Change::Step(index));
                        self.forget(Change::Step(index));
                        self.rederive();
                        return true;
                    }
                    self.phase = Phase::Step(index + 1);
                }
                Phase::Done => return false,
            }
        }
    }

    fn complicate(&mut self) -> bool {
        match self.last {
            None => false,
            Some(Change::Removed(index)) => {
                self.included[index] = true;
                if let Phase::Remove {
                    from_end,
                    removed_any,
                } = self.phase
                {
                    self.phase = Phase::Remove {
                        from_end: from_end + 1,
                        removed_any,
                    };
                }
                self.last = None;
                self.forget(Change::Removed(index));
                self.rederive();
                // Back to the value known to fail. `true` makes the runner test it once more and
                // then ask for the next simplification; `false` would end shrinking here.
                true
            }
            Some(Change::Start) => {
                if !self.start.complicate() {
                    // The argument is back at its last failing value; go on with the next one.
                    self.last = None;
                }
                self.forget(Change::Start);
                self.rederive();
                true
            }
            Some(Change::Step(index)) => {
                if !self.steps[index].complicate() {
                    self.last = None;
                }
                self.forget(Change::Step(index));
                self.rederive();
                true
            }
        }
    }
}
