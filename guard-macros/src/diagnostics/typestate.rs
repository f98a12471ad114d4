//! Error codes of `#[typestate]`.

use super::Code;

/// Every code of this area, for the registry test.
#[cfg(test)]
pub(crate) const ALL: &[Code] = &[];
