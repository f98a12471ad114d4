//! Runtime types for `#[typestate]` machines.

use crate::violation::Violations;
use alloc::string::String;
use alloc::vec::Vec;
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

/// A transition called on a machine's erased enum (`OrderState::pay(..)`), which may be in any
/// state. Either way the machine comes back untouched, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransitionError<M> {
    /// The machine's current state has no such transition (an HTTP service answers 409 Conflict).
    NotAllowed {
        /// The machine, unchanged.
        machine: M,
        /// The transition that was called, such as `"ship"`.
        transition: &'static str,
        /// The state the machine is in, such as `"Pending"`.
        from: &'static str,
        /// The states that do have the transition.
        allowed_from: &'static [&'static str],
    },
    /// The target state's data broke its invariants (an HTTP service answers 422). The paths of
    /// the violations are relative to the transition's arguments (`tracking_id`, not
    /// `Shipped.tracking_id`): the fields of the request that carried them.
    Rejected(Rejected<M>),
}

/// One transition of a machine's erased enum with its arguments, ready to apply: what a request
/// body turns into, so that one handler serves every transition.
///
/// With stateguard's `serde` feature and `#[typestate(serde)]`, the macro declares one struct per
/// transition of the erased enum, named after the machine and the transition (`OrderPayArguments`
/// for `pay`), whose public fields are the transition's arguments (the target state's own fields,
/// carried ones left out), deriving `Deserialize` (unknown fields refused) and implementing this
/// trait. A machine with a lifetime parameter gets none.
///
/// ```
/// # #![allow(unused_imports)]
/// use stateguard::{Transition, TransitionError, typestate};
///
/// #[typestate(serde)]
/// pub mod order {
///     #[machine] #[derive(Debug)] pub struct Order { id: u64 }
///     #[states] #[derive(Debug)]
///     pub enum OrderState {
///         #[initial] #[to(pay => Paid)] Pending,
///         #[terminal] Paid { #[invariant(non_empty)] payment_ref: String },
///     }
/// }
/// # #[cfg(feature = "serde")]
/// # {
/// use order::{Order, OrderPayArguments, OrderState};
///
/// let body: OrderPayArguments = serde_json::from_str(r#"{"payment_ref": "pay-1"}"#).unwrap();
/// assert_eq!(<OrderPayArguments as Transition<OrderState>>::NAME, "pay");
/// let paid = body.apply(OrderState::from(Order::new(1))).unwrap();
/// assert_eq!(paid.state_name(), "Paid");
/// let again = OrderPayArguments { payment_ref: "pay-2".to_owned() }.apply(paid);
/// assert!(matches!(again, Err(TransitionError::NotAllowed { from: "Paid", .. })));
/// # }
/// ```
pub trait Transition<M>: Sized {
    /// The transition's name, such as `"pay"`.
    const NAME: &'static str;

    /// Calls the transition on `machine` with these arguments.
    ///
    /// # Errors
    /// As the erased enum's transition: the machine's state has no such transition, or the target
    /// state's data breaks its invariants. The machine comes back either way.
    fn apply(self, machine: M) -> Result<M, TransitionError<M>>;
}

impl<M> TransitionError<M> {
    /// The machine, in the state it was in before the transition was attempted.
    pub fn into_machine(self) -> M {
        match self {
            Self::NotAllowed { machine, .. } | Self::Rejected(Rejected { machine, .. }) => machine,
        }
    }

    /// The violations, when the transition was allowed but its data was rejected.
    #[must_use]
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Self::NotAllowed { .. } => None,
            Self::Rejected(rejected) => Some(&rejected.violations),
        }
    }
}

impl<M> fmt::Display for TransitionError<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAllowed {
                transition,
                from,
                allowed_from,
                ..
            } => {
                write!(
                    f,
                    "transition `{transition}` is not allowed from state `{from}`; it is allowed from "
                )?;
                for (position, state) in allowed_from.iter().enumerate() {
                    if position > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{state}`")?;
                }
                Ok(())
            }
            Self::Rejected(rejected) => fmt::Display::fmt(rejected, f),
        }
    }
}

#[cfg(feature = "std")]
impl<M: fmt::Debug> std::error::Error for TransitionError<M> {}

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
    /// A flat record names a state the machine does not have.
    UnknownState {
        /// The stored state name.
        found: String,
        /// The machine's states.
        states: &'static [&'static str],
    },
    /// A flat record's fields do not fit its state: a field of the state is absent, or a field
    /// only other states have is present.
    Fields {
        /// The stored state.
        state: &'static str,
        /// The state's fields the record lacks.
        missing: Vec<&'static str>,
        /// Fields of other states the record holds.
        foreign: Vec<&'static str>,
    },
}

/// Lets `?` turn the violations of `new` into a `RestoreError` in code that also restores.
impl From<Violations> for RestoreError {
    fn from(violations: Violations) -> Self {
        Self::Invalid(violations)
    }
}

fn write_names(f: &mut fmt::Formatter<'_>, names: &[&str]) -> fmt::Result {
    for (position, name) in names.iter().enumerate() {
        if position > 0 {
            f.write_str(", ")?;
        }
        write!(f, "`{name}`")?;
    }
    Ok(())
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
            Self::UnknownState { found, states } => {
                write!(
                    f,
                    "cannot restore: unknown state {found:?}; the states are "
                )?;
                write_names(f, states)
            }
            Self::Fields {
                state,
                missing,
                foreign,
            } => {
                write!(f, "cannot restore: a record in state `{state}`")?;
                if !missing.is_empty() {
                    f.write_str(" lacks ")?;
                    write_names(f, missing)?;
                }
                if !foreign.is_empty() {
                    if !missing.is_empty() {
                        f.write_str(" and")?;
                    }
                    f.write_str(" holds fields of other states: ")?;
                    write_names(f, foreign)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RestoreError {}
