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
/// The error of `check_machine!` without the `proptest` feature (G0004), on the caller's tokens.
pub use stateguard_macros::__guard_feature_off as feature_off;
/// The error of a `check_machine!` setting that does not exist (G0005), on the setting's name.
pub use stateguard_macros::__guard_unknown_setting as unknown_setting;

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

/// The zero-sized private field every state type of a `#[typestate]` machine carries.
///
/// It is neither `Copy` nor `Default`, so no state can be either, and so no machine: rustc rejects
/// `impl Copy` for a state or a machine (E0204) and a derived `Default` (E0277) wherever they are
/// written. Outside the declaring module the field is private, so no code there can build a state.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Seal(());

impl Seal {
    /// The one value; only code that can name the private field of a state uses it.
    pub const NEW: Self = Self(());
}

impl core::fmt::Debug for Seal {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Seal")
    }
}
