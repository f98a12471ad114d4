//! Required-field metadata: which fields of which variants a `match` arm must bind and use.
//!
//! Published by `#[derive(Invariant)]` (fields marked `#[invariant(required)]`) and by
//! `#[typestate]` (the erased enum: every field of a state's data is required), consumed by
//! `#[enforce_state_invariants]`.

/// How a variant's fields are written in a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VariantShape {
    /// `Variant`
    Unit,
    /// `Variant(a, b)`: required fields are named by position (`"0"`, `"1"`).
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
    /// The required fields, a subset of `fields`.
    pub required: &'static [&'static str],
}

/// An enum whose variants declare required fields.
pub trait RequiredFields {
    /// The enum's name as written in its declaration.
    const ENUM_NAME: &'static str;
    /// The variants that have at least one required field.
    const REQUIRED: &'static [RequiredVariant];
}
