//! Required-field metadata: which fields of which variants a `match` arm must bind and use.
//!
//! `#[derive(Invariant)]` publishes it for enums whose variant fields carry `#[invariant(required)]`,
//! and `#[typestate]` for its erased enum (the typed machine held by each state is required).
//! `#[enforce_state_invariants]` reads it through the [`RequiredFields`] trait, or through a hidden
//! constant named like the enum that carries the same table (so that a generic enum written without
//! its arguments can be checked): the metadata travels with the enum, so the check works wherever
//! the enum can be named — another module, another crate, behind a `use`.
//!
//! ```
//! use stateguard::{RequiredFields, RequiredVariant, VariantShape};
//!
//! enum OrderStatus {
//!     Pending,
//!     Shipped(String),
//! }
//!
//! // What `#[derive(Invariant)]` writes for `Shipped(#[invariant(required)] String)`.
//! impl RequiredFields for OrderStatus {
//!     const ENUM_NAME: &'static str = "OrderStatus";
//!     const REQUIRED: &'static [RequiredVariant] = &[RequiredVariant {
//!         name: "Shipped",
//!         shape: VariantShape::Tuple,
//!         fields: &["0"],
//!         required: &["0"],
//!         bindings: &["string"],
//!     }];
//! }
//!
//! assert_eq!(OrderStatus::REQUIRED[0].required, ["0"]);
//! # let _ = (OrderStatus::Pending, OrderStatus::Shipped(String::new()));
//! ```

#[doc(hidden)]
pub mod check;

/// How a variant's fields are written in a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantShape {
    /// `Variant`
    Unit,
    /// `Variant(a, b)`: fields are named by position (`"0"`, `"1"`).
    Tuple,
    /// `Variant { a, b }`
    Named,
}

/// A variant that has at least one required field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequiredVariant {
    /// The variant's name.
    pub name: &'static str,
    /// How its fields are written.
    pub shape: VariantShape,
    /// Every field of the variant, in declaration order (names, or positions for tuple variants).
    pub fields: &'static [&'static str],
    /// The required fields, a subset of `fields`, in declaration order.
    pub required: &'static [&'static str],
    /// For each field of `fields`, the binding name a diagnostic suggests: the field's name, or for a
    /// tuple field a name derived from its type (`TrackingId` → `tracking_id`).
    pub bindings: &'static [&'static str],
}

/// An enum whose variants declare required fields: a `match` arm naming such a variant must bind
/// each required field and use it (checked by `#[enforce_state_invariants]`).
///
/// Implemented by `#[derive(Invariant)]` and `#[typestate]`; implementing it by hand is possible but
/// the table must list real variants and fields, and a hand-written implementation is only found
/// when a pattern names the enum through `Self`, with its arguments, or by a variant imported with
/// `use Enum::*` (the derives also publish the table under the enum's name, which patterns naming
/// the enum bare read).
pub trait RequiredFields {
    /// The enum's name as written in its declaration.
    const ENUM_NAME: &'static str;
    /// The variants that have at least one required field, in declaration order.
    const REQUIRED: &'static [RequiredVariant];
}
