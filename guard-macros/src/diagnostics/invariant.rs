//! Error codes of `#[derive(Invariant)]`.

use super::Code;

/// `#[invariant(non_emtpy)]`: a rule name the derive does not know.
pub(crate) const UNKNOWN_RULE: Code = Code {
    id: "G0201",
    title: "unknown invariant rule",
};
/// `len(mn = 1)`: a key a rule does not take.
pub(crate) const UNKNOWN_KEY: Code = Code {
    id: "G0202",
    title: "unknown key in an invariant rule",
};
/// The same rule or key given twice.
pub(crate) const DUPLICATE: Code = Code {
    id: "G0203",
    title: "duplicate invariant rule or key",
};
/// `len(min = 5, max = 1)`, or two lower bounds at once.
pub(crate) const CONTRADICTORY_BOUNDS: Code = Code {
    id: "G0204",
    title: "contradictory or conflicting bounds",
};
/// `non_empty` on a number, `range` on a string: the rule cannot apply to the field's type.
pub(crate) const WRONG_FIELD_TYPE: Code = Code {
    id: "G0205",
    title: "rule does not apply to the field's type",
};
/// `#[derive(Invariant)]` on a type with no rule at all.
pub(crate) const NOTHING_TO_CHECK: Code = Code {
    id: "G0206",
    title: "derive with nothing to check",
};
/// A key in a place where it means nothing (`required` on a struct field, `crate` on a field).
pub(crate) const MISPLACED: Code = Code {
    id: "G0207",
    title: "invariant option in the wrong place",
};
/// `len()` without a bound, `message` without `check`.
pub(crate) const INCOMPLETE_RULE: Code = Code {
    id: "G0208",
    title: "incomplete invariant rule",
};

/// `range(greater_than = 0)` on an `f64`: a bound of another type than the field.
pub(crate) const BOUND_TYPE: Code = Code {
    id: "G0209",
    title: "range bound of another type than the field",
};

/// Every code of this area, for the registry test.
#[cfg(test)]
pub(crate) const ALL: &[Code] = &[
    UNKNOWN_RULE,
    UNKNOWN_KEY,
    DUPLICATE,
    CONTRADICTORY_BOUNDS,
    WRONG_FIELD_TYPE,
    NOTHING_TO_CHECK,
    MISPLACED,
    INCOMPLETE_RULE,
    BOUND_TYPE,
];
