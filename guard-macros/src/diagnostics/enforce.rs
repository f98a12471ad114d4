//! Error codes of `#[enforce_state_invariants]`.

use super::Code;

/// Every code of this area, for the registry test.
#[cfg(test)]
pub(crate) const ALL: &[Code] = &[];
