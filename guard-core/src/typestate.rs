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

/// Lets `?` turn a rejected transition into its violations, in a function that returns
/// `Result<_, Violations>` (the machine is dropped: keep it with `into_parts` when it is needed).
///
/// ```
/// use stateguard::{typestate, Violations};
///
/// #[typestate]
/// pub mod order {
///     #[machine] pub struct Order { id: u64 }
///     #[states]
///     pub enum OrderState {
///         #[initial] #[to(ship => Shipped)] Pending,
///         #[terminal] Shipped { #[invariant(non_empty)] tracking_id: String },
///     }
/// }
///
/// fn ship(id: u64, tracking_id: &str) -> Result<order::Order<order::Shipped>, Violations> {
///     Ok(order::Order::new(id).ship(tracking_id.to_owned())?)
/// }
/// assert!(ship(1, "").is_err());
/// assert!(ship(1, "1Z").is_ok());
/// ```
impl<M> From<Rejected<M>> for Violations {
    fn from(rejected: Rejected<M>) -> Self {
        rejected.violations
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

/// Lets `?` turn the violations of `new` into a `RestoreError` in code that also restores.
impl From<Violations> for RestoreError {
    fn from(violations: Violations) -> Self {
        Self::Invalid(violations)
    }
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
