//! The machine `check_machine!` plans a test of when the machine it names has no property-test
//! description (it borrows: it has a lifetime parameter). The call never compiles: the machine's
//! `__guard_run` carries a bound that no type meets, whose words (G0120) say why and what to do.
//! This type only gives the settings a machine to be written against (a postcondition's closure
//! needs one), so that the coded error is the only one.

use super::TestableMachine;
use crate::typestate::Rejected;
use crate::violation::Violations;
use core::fmt;
use proptest::strategy::{BoxedStrategy, Just, Strategy};

#[doc(hidden)]
#[derive(Debug)]
#[must_use]
pub struct Untestable(());

/// One state, no transition: the plan's machine next to G0120, never run.
impl TestableMachine for Untestable {
    const NAME: &'static str = "Untestable";
    const STATES: &'static [Self::State] = &[()];
    type State = ();
    type Start = ();
    type Step = ();

    fn starts() -> BoxedStrategy<Self::Start> {
        Just(()).boxed()
    }

    fn steps((): Self::State) -> Option<BoxedStrategy<Self::Step>> {
        None
    }

    fn initial_state((): &Self::Start) -> Self::State {}

    fn target((): &Self::Step) -> Self::State {}

    fn allows((): Self::State, (): &Self::Step) -> bool {
        false
    }

    fn start((): &Self::Start) -> Result<Self, Violations> {
        Ok(Self(()))
    }

    fn apply(self, (): &Self::Step) -> Result<Self, Rejected<Self>> {
        Ok(self)
    }

    fn state(&self) -> Self::State {}

    fn check(&self) -> Result<(), Violations> {
        Ok(())
    }

    fn render_start((): &Self::Start, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str("Untestable")
    }

    fn render_step((): &Self::Step, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        out.write_str(".step()")
    }
}
