//! What `check_machine!` collects its settings into before it runs a machine: a [`Plan`].
//!
//! A plan names the machine but needs nothing of it, so that settings such as `cases = 100` can
//! be given to any machine. Only running it needs the machine's property-test description, in
//! one call: a machine that lacks a requirement (a field type without a strategy, G0118) or has
//! no description (G0120) fails there, once, and nothing else reports on top.

use super::{Checker, ReferenceModel, Report, StepOutcome, TestableMachine};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::marker::PhantomData;

type Postcondition<M> = Box<dyn Fn(&StepOutcome<'_, M>) -> Result<(), String>>;

/// A setting that needs the machine's description to be given (a postcondition, a model): kept
/// as a call to make on the checker. Naming `Checker<M>` only in a method that requires `M`'s
/// description leaves the plan free of that requirement.
trait Apply<M> {
    fn apply(self: Box<Self>, checker: Checker<M>) -> Checker<M>
    where
        M: TestableMachine;
}

struct Call<F>(F);

impl<M: TestableMachine, F: FnOnce(Checker<M>) -> Checker<M>> Apply<M> for Call<F> {
    fn apply(self: Box<Self>, checker: Checker<M>) -> Checker<M> {
        (self.0)(checker)
    }
}

/// The settings of a property test of `M`, given to `check_machine!` as `key = value`; each is
/// the [`Checker`] method of the same name.
#[doc(hidden)]
#[must_use]
pub struct Plan<M> {
    cases: Option<u32>,
    max_steps: Option<usize>,
    seed: Option<u64>,
    /// The postconditions and the model to add.
    closures: Vec<Box<dyn Apply<M>>>,
    machine: PhantomData<fn() -> M>,
}

impl<M> core::fmt::Debug for Plan<M> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Plan")
            .field("cases", &self.cases)
            .field("max_steps", &self.max_steps)
            .field("seed", &self.seed)
            .field("closures", &self.closures.len())
            .finish()
    }
}

impl<M> Default for Plan<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M> Plan<M> {
    pub const fn new() -> Self {
        Self {
            cases: None,
            max_steps: None,
            seed: None,
            closures: Vec::new(),
            machine: PhantomData,
        }
    }

    pub const fn cases(mut self, cases: u32) -> Self {
        self.cases = Some(cases);
        self
    }

    pub const fn max_steps(mut self, max_steps: usize) -> Self {
        self.max_steps = Some(max_steps);
        self
    }

    pub const fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    pub fn postcondition(
        self,
        postcondition: impl Fn(&StepOutcome<'_, M>) -> Result<(), String> + 'static,
    ) -> Self
    where
        M: TestableMachine + 'static,
    {
        let postcondition: Postcondition<M> = Box::new(postcondition);
        self.with(move |checker| checker.postcondition(postcondition))
    }

    pub fn model<R: ReferenceModel<M> + 'static>(
        self,
        factory: impl Fn(&M::Start) -> R + 'static,
    ) -> Self
    where
        M: TestableMachine + 'static,
    {
        self.with(move |checker| checker.model(factory))
    }

    fn with(mut self, apply: impl FnOnce(Checker<M>) -> Checker<M> + 'static) -> Self
    where
        M: TestableMachine + 'static,
    {
        self.closures.push(Box::new(Call(apply)));
        self
    }

    /// The checker with every setting applied.
    pub fn checker(self) -> Checker<M>
    where
        M: TestableMachine,
    {
        let mut checker = Checker::new();
        if let Some(cases) = self.cases {
            checker = checker.cases(cases);
        }
        if let Some(max_steps) = self.max_steps {
            checker = checker.max_steps(max_steps);
        }
        if let Some(seed) = self.seed {
            checker = checker.seed(seed);
        }
        for apply in self.closures {
            checker = apply.apply(checker);
        }
        checker
    }

    /// Runs the test: [`Checker::run`] with every setting applied.
    #[track_caller]
    pub fn run(self) -> Report
    where
        M: TestableMachine,
    {
        self.checker().run()
    }
}
