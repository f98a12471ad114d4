//! # stateguard
//!
//! Make illegal domain states unrepresentable.
//!
//! - [`typestate`]: one type per state; transitions exist only where the graph allows them; states
//!   cannot be forged outside the declaring module.
//! - [`Invariant`] (trait and derive): value rules declared once on the type and checked at every
//!   boundary where data enters or changes.
//! - [`enforce_state_invariants`]: a `match` arm may not ignore a state's required data.
//! - [`Generate`] (derive): the values property tests draw for your own types (feature `proptest`).
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
pub use crate::typestate::{Rejected, RestoreError, Transition, TransitionError};
pub use crate::violation::{Location, PathSegment, Segment, Violation, ViolationPath, Violations};

pub use stateguard_macros::Invariant;

/// Derives `stateguard::proptest::Generate` (the values a property test draws) for a struct
/// or an enum: each field is drawn from its type's `Generate`, or from the proptest strategy its
/// `#[strategy(expr)]` names; an enum draws one of its variants. Type parameters must be
/// `Generate` too. The impl exists only when the `proptest` feature is on, so a type can derive it
/// in the service's own code and cost nothing outside its tests (turn the feature on in
/// `[dev-dependencies]`). `#[generate(crate = path)]` names a renamed stateguard.
///
/// A `#[typestate]` machine's test needs `Generate` for the type of every field it draws:
///
/// ```
/// use stateguard::{Generate, Invariant};
///
/// #[derive(Debug, Clone, Generate, Invariant)]
/// pub struct LineItem {
///     #[invariant(non_empty)]
///     sku: String,
///     #[strategy(1..=1000_u32)]
///     quantity: u32,
/// }
///
/// #[derive(Debug, Clone, Generate)]
/// pub enum Delivery {
///     Pickup,
///     Courier { address: String },
/// }
///
/// # #[cfg(feature = "proptest")]
/// # {
/// use proptest::strategy::{Strategy, ValueTree};
/// use stateguard::proptest::Generate as _;
///
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let item = LineItem::strategy().new_tree(&mut runner).unwrap().current();
/// assert!((1..=1000).contains(&item.quantity));
/// let _delivery: Delivery = Delivery::strategy().new_tree(&mut runner).unwrap().current();
/// # }
/// ```
///
/// A union, an enum without variants and a type with a lifetime parameter have no values to draw:
/// deriving it for one is G0003.
pub use stateguard_macros::Generate;

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
