//! Value invariants: the [`Invariant`] trait and the [`Guarded`] wrapper.

use crate::violation::{Location, Violations};

/// A type whose values obey rules that can be checked.
///
/// Derive it with `#[derive(Invariant)]`; implement it by hand for rules the derive cannot express.
/// A hand-written implementation only needs [`Invariant::check_at`].
pub trait Invariant {
    /// Records every rule `self` breaks into `violations`, with paths starting at `at`.
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations);

    /// Checks every rule and returns **every** violation, not only the first.
    ///
    /// # Errors
    /// Returns the violations when at least one rule is broken.
    fn check(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        self.check_at(&Location::root(), &mut violations);
        violations.into_result()
    }
}

/// A value that is known to satisfy its [`Invariant`]: it can only be built through a check, gives
/// out `&T` only, and applies changes all-or-nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guarded<T: Invariant> {
    value: T,
}

impl<T: Invariant> Guarded<T> {
    /// Checks `value` and wraps it.
    ///
    /// # Errors
    /// Returns every violation when `value` breaks a rule.
    pub fn new(value: T) -> Result<Self, Violations> {
        value.check()?;
        Ok(Self { value })
    }

    /// The guarded value.
    #[must_use]
    pub fn get(&self) -> &T {
        &self.value
    }

    /// Unwraps the value (it is valid at this point; it is no longer guarded after).
    #[must_use]
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: Invariant> core::ops::Deref for Guarded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Invariant> AsRef<T> for Guarded<T> {
    fn as_ref(&self) -> &T {
        &self.value
    }
}
