//! Runtime types for `#[typestate]` machines.

use crate::violation::Violations;
use core::fmt;

/// A transition whose target state's data broke its invariants: the machine comes back untouched,
/// together with every violation, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected<M> {
    /// The machine, still in the state it was in before the transition was attempted.
    pub machine: M,
    /// Why the transition was rejected.
    pub violations: Violations,
}

impl<M> Rejected<M> {
    /// The machine and the violations.
    pub fn into_parts(self) -> (M, Violations) {
        (self.machine, self.violations)
    }
}

impl<M> fmt::Display for Rejected<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "transition rejected, the machine is unchanged: {}",
            self.violations
        )
    }
}

#[cfg(feature = "std")]
impl<M: fmt::Debug> std::error::Error for Rejected<M> {}

/// Stored data could not be turned back into a typed machine.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RestoreError {
    /// The stored state is not the one asked for.
    WrongState {
        /// The state the caller asked for.
        expected: &'static str,
        /// The state the data is in.
        found: &'static str,
    },
    /// The data breaks the invariants of the machine or of its state.
    Invalid(Violations),
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongState { expected, found } => {
                write!(
                    f,
                    "cannot restore: expected state `{expected}`, the data is in state `{found}`"
                )
            }
            Self::Invalid(violations) => write!(f, "cannot restore: {violations}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RestoreError {}
