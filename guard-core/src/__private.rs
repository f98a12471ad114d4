//! Paths the generated code uses. Doc-hidden; no stability promise.

pub use crate::alloc;
pub use ::core;

// `#[derive(Invariant)]`.
pub use crate::invariant::Invariant;
pub use crate::rules;
pub use crate::violation::{Location, Violations};

/// The checker `#[enforce_state_invariants]` calls from the constants it writes.
pub use crate::required::check as enforce;
/// Publishes required-field metadata from `#[required]` fields; for stateguard's own tests.
pub use stateguard_macros::__GuardRequired;

#[cfg(feature = "serde")]
pub use ::serde;

#[cfg(feature = "proptest")]
pub use ::proptest;

/// Emits its input only when stateguard's `serde` feature is on. Generated code cannot test the
/// features of stateguard with `cfg`, which would read the user's crate's features instead.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __guard_if_serde {
    ($($tokens:tt)*) => { $($tokens)* };
}
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __guard_if_serde {
    ($($tokens:tt)*) => {};
}

/// Emits its input only when stateguard's `proptest` feature is on.
#[cfg(feature = "proptest")]
#[doc(hidden)]
#[macro_export]
macro_rules! __guard_if_proptest {
    ($($tokens:tt)*) => { $($tokens)* };
}
#[cfg(not(feature = "proptest"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __guard_if_proptest {
    ($($tokens:tt)*) => {};
}

pub use crate::{__guard_if_proptest as if_proptest, __guard_if_serde as if_serde};
