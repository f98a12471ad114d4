//! Error codes of `#[enforce_state_invariants]`.
//!
//! G0301–G0303 are raised while the compiler evaluates the constants the attribute writes (their
//! text is assembled by `stateguard::__private::enforce`, which receives the code from here); the
//! others are raised by the attribute itself.

use super::Code;

/// A pattern names a variant but does not bind one of its required fields.
pub(crate) const UNBOUND_REQUIRED_FIELD: Code = Code {
    id: "G0301",
    title: "a pattern ignores a required field",
};
/// A required field is bound but the arm never uses the binding.
pub(crate) const UNUSED_REQUIRED_FIELD: Code = Code {
    id: "G0302",
    title: "an arm never uses a required field it binds",
};
/// A `_` or binding arm swallows variants that have required fields.
pub(crate) const SWALLOWING_CATCH_ALL: Code = Code {
    id: "G0303",
    title: "a catch-all arm swallows variants with required data",
};
/// `#[allow_unchecked]` without a non-empty `reason = ".."`.
pub(crate) const OPT_OUT_WITHOUT_REASON: Code = Code {
    id: "G0304",
    title: "an unchecked arm must give its reason",
};
/// A pattern the check cannot read (written by a macro).
pub(crate) const UNREADABLE_PATTERN: Code = Code {
    id: "G0305",
    title: "a pattern the check cannot read",
};
/// A variant path whose enum the check cannot name (`Self` outside an impl, a qualified path).
pub(crate) const UNNAMEABLE_ENUM: Code = Code {
    id: "G0306",
    title: "a variant whose enum the check cannot name",
};

/// Every code of this area, for the registry test.
#[cfg(test)]
pub(crate) const ALL: &[Code] = &[
    UNBOUND_REQUIRED_FIELD,
    UNUSED_REQUIRED_FIELD,
    SWALLOWING_CATCH_ALL,
    OPT_OUT_WITHOUT_REASON,
    UNREADABLE_PATTERN,
    UNNAMEABLE_ENUM,
];
