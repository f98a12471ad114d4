//! What `check_machine!` gets for a `#[typestate]` machine that has no property-test description
//! (it borrows: it has a lifetime parameter). The call never compiles: the machine's
//! `__guard_checker` carries a bound that no type meets, whose words (G0120) say why and what to do.
//! This type only gives the settings and `run` a receiver, so that the coded error is the only one.

use super::Report;

#[doc(hidden)]
#[derive(Debug)]
#[must_use]
pub struct Untestable(());

impl Untestable {
    #[doc(hidden)]
    pub const fn __new() -> Self {
        Self(())
    }

    #[doc(hidden)]
    pub const fn cases(self, _: u32) -> Self {
        self
    }

    #[doc(hidden)]
    pub const fn max_steps(self, _: usize) -> Self {
        self
    }

    #[doc(hidden)]
    pub const fn seed(self, _: u64) -> Self {
        self
    }

    #[doc(hidden)]
    pub fn postcondition<F>(self, _: F) -> Self {
        self
    }

    #[doc(hidden)]
    pub fn model<R>(self, _: R) -> Self {
        self
    }

    /// An empty report: no machine without a description gets this far.
    #[doc(hidden)]
    pub fn run(self) -> Report {
        Report::empty()
    }
}
