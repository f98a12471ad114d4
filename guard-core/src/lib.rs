//! # stateguard
//!
//! Make illegal domain states unrepresentable.
//!
//! - [`typestate`]: one type per state; transitions exist only where the graph allows them; states
//!   cannot be forged outside the declaring module.
//! - [`Invariant`] (trait and derive): value rules declared once on the type and checked at every
//!   boundary where data enters or changes.
//! - [`enforce_state_invariants`]: a `match` arm may not ignore a state's required data.
//!
//! Users write `use stateguard::{typestate, Invariant, enforce_state_invariants};` and nothing else.
//!
//! ## Features
//!
//! | feature    | default | what it adds |
//! |------------|---------|--------------|
//! | `std`      | yes     | `std::error::Error` impls. Everything else needs only `alloc`. |
//! | `serde`    | no      | `Serialize` for violations and erased machines; deserialization re-checks invariants. |
//! | `proptest` | no      | property tests over random valid transition sequences. |
//! | `axum`     | no      | [`http::Problem`] and axum 0.8's `IntoResponse` for the errors: RFC 9457 problem details. |
#![no_std]
// On docs.rs, every feature-gated item is labelled with the feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod invariant;
mod required;
pub mod rules;
mod typestate;
mod violation;

#[cfg(feature = "proptest")]
pub mod proptest;

/// Without the `proptest` feature, `check_machine!` is a coded error naming the feature to enable
/// (rather than rustc's "could not find `check_machine`").
#[cfg(not(feature = "proptest"))]
#[doc(hidden)]
#[macro_export]
macro_rules! check_machine {
    ($($anything:tt)*) => {
        $crate::__private::feature_off!($($anything)*)
    };
}

#[cfg(feature = "axum")]
pub mod http;

pub use crate::invariant::Guarded;
#[doc = include_str!("docs/invariant.md")]
pub use crate::invariant::Invariant;
#[cfg(feature = "serde")]
pub use crate::invariant::deserialize_checked;
pub use crate::required::{RequiredFields, RequiredVariant, VariantShape};
pub use crate::typestate::{Rejected, RestoreError, TransitionError};
pub use crate::violation::{Location, PathSegment, Segment, Violation, ViolationPath, Violations};

pub use stateguard_macros::Invariant;

#[doc = include_str!("docs/typestate.md")]
#[doc = include_str!("docs/mermaid.html")]
pub use stateguard_macros::typestate;

#[doc = include_str!("docs/enforce.md")]
pub use stateguard_macros::enforce_state_invariants;

/// Items used by the code the macros generate. Not part of the public API: no stability promise.
#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests so that it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
