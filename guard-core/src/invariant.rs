//! Value invariants: the [`Invariant`] trait and the [`Guarded`] wrapper.

use crate::violation::{Location, Violations};

/// A type whose values obey rules that can be checked.
///
/// Derive it with `#[derive(Invariant)]`; implement it by hand for rules the derive cannot express.
/// A hand-written implementation only needs [`Invariant::check_at`].
///
/// ```
/// use stateguard::{Invariant, Location, Violations};
///
/// /// An even number, checked by hand.
/// struct Even(u32);
///
/// impl Invariant for Even {
///     fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
///         if self.0 % 2 != 0 {
///             violations.push(at, "even", "must be even");
///         }
///     }
/// }
///
/// assert!(Even(4).check().is_ok());
/// assert_eq!(Even(3).check().unwrap_err().to_string(), "1 violation: must be even (even)");
/// ```
#[diagnostic::on_unimplemented(
    message = "[G0205] `{Self}` does not implement `Invariant`: it has no rules to check",
    label = "needs a type with invariants (`nested`, `Guarded`), not `{Self}`",
    note = "for a `nested` field, remove `nested`, or give `{Self}` rules of its own: `#[derive(Invariant)]` on it and `#[invariant(..)]` on its fields (a derive without rules is G0206)"
)]
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

    /// Checked construction: `self` when it obeys every rule, else every violation.
    ///
    /// ```
    /// # use stateguard::Invariant;
    /// #[derive(Debug, Invariant)]
    /// struct Sku(#[invariant(len(min = 3, max = 8))] String);
    ///
    /// let sku = Sku("KET-01".into()).checked()?;
    /// assert!(Sku("K".into()).checked().is_err());
    /// # Ok::<(), stateguard::Violations>(())
    /// ```
    ///
    /// # Errors
    /// Returns every violation when a rule is broken (the value is dropped; call
    /// [`Invariant::check`] first to keep it).
    fn checked(self) -> Result<Self, Violations>
    where
        Self: Sized,
    {
        self.check()?;
        Ok(self)
    }
}

/// A value that is known to satisfy its [`Invariant`]: it can only be built through a check, gives
/// out `&T` only, and applies changes all-or-nothing.
///
/// | change | needs | cost | on rejection |
/// |---|---|---|---|
/// | [`Guarded::modify`]`(|value: &mut T| ..)` | `T: Clone` | one clone per call | value untouched, violations returned |
/// | [`Guarded::update`]`(|value: &T| -> T)` | nothing | building the new value | value untouched, violations returned |
/// | [`Guarded::replace`]`(new)` | nothing | none | value untouched, `new` and violations returned |
///
/// Every change is checked on a candidate *before* it replaces the guarded value, so a rejected
/// change, and a panic inside the closure, leave the value exactly as it was.
///
/// ```
/// use stateguard::{Guarded, Invariant};
///
/// #[derive(Debug, Clone, Invariant)]
/// struct Stock {
///     #[invariant(range(max = 100))]
///     on_hand: u32,
/// }
///
/// let mut stock = Guarded::new(Stock { on_hand: 10 })?;
/// stock.modify(|stock| stock.on_hand += 5)?;
/// assert_eq!(stock.on_hand, 15);
///
/// let rejected = stock.modify(|stock| stock.on_hand += 500);
/// assert_eq!(rejected.unwrap_err().to_string(), "1 violation: on_hand: must be at most 100 (is 515) (range)");
/// assert_eq!(stock.on_hand, 15); // exactly as it was
/// # Ok::<(), stateguard::Violations>(())
/// ```
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

    /// Applies `change` to a copy of the value and keeps the copy only if it obeys every rule.
    ///
    /// Costs one `clone` per call: the change runs on the copy, so a rejected change (or a panic
    /// in `change`) never touches the guarded value. Use [`Guarded::update`] for types that are not
    /// `Clone`, or to avoid the copy.
    ///
    /// # Errors
    /// Returns every violation of the changed value; the guarded value is then exactly as it was.
    pub fn modify<F>(&mut self, change: F) -> Result<(), Violations>
    where
        T: Clone,
        F: FnOnce(&mut T),
    {
        let mut candidate = self.value.clone();
        change(&mut candidate);
        candidate.check()?;
        self.value = candidate;
        Ok(())
    }

    /// Builds a new value from the current one and keeps it only if it obeys every rule. Needs no
    /// `Clone`: the current value is only borrowed while the new one is built.
    ///
    /// ```
    /// # use stateguard::{Guarded, Invariant};
    /// #[derive(Debug, Invariant)]
    /// struct Tags(#[invariant(len(max = 2))] Vec<String>);
    ///
    /// let mut tags = Guarded::new(Tags(vec!["red".into()]))?;
    /// tags.update(|Tags(tags)| Tags(tags.iter().cloned().chain(["blue".into()]).collect()))?;
    /// assert!(tags.update(|Tags(tags)| Tags(tags.iter().chain(tags).cloned().collect())).is_err());
    /// assert_eq!(tags.0, ["red", "blue"]);
    /// # Ok::<(), stateguard::Violations>(())
    /// ```
    ///
    /// # Errors
    /// Returns every violation of the new value; the guarded value is then exactly as it was.
    pub fn update<F>(&mut self, build: F) -> Result<(), Violations>
    where
        F: FnOnce(&T) -> T,
    {
        let candidate = build(&self.value);
        candidate.check()?;
        self.value = candidate;
        Ok(())
    }

    /// Replaces the value with `new` if it obeys every rule, and returns the old one.
    ///
    /// # Errors
    /// Gives `new` back with every violation; the guarded value is then exactly as it was.
    pub fn replace(&mut self, new: T) -> Result<T, (T, Violations)> {
        match new.check() {
            Ok(()) => Ok(core::mem::replace(&mut self.value, new)),
            Err(violations) => Err((new, violations)),
        }
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

/// Always valid by construction, so a `Guarded` field checks nothing again.
impl<T: Invariant> Invariant for Guarded<T> {
    #[inline]
    fn check_at(&self, _at: &Location<'_>, _violations: &mut Violations) {}
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{Guarded, Invariant};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Serializes as the value itself.
    impl<T: Invariant + Serialize> Serialize for Guarded<T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.value.serialize(serializer)
        }
    }

    /// Deserializes the value, then checks it: invalid input is an error naming every violation.
    impl<'de, T: Invariant + Deserialize<'de>> Deserialize<'de> for Guarded<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = T::deserialize(deserializer)?;
            Self::new(value).map_err(serde::de::Error::custom)
        }
    }
}

/// For `#[serde(deserialize_with = "stateguard::deserialize_checked")]` on a field: the field's
/// value is deserialized, then checked; invalid input is an error naming every violation.
///
/// ```
/// use stateguard::Invariant;
/// use serde::Deserialize;
///
/// #[derive(Debug, Deserialize, Invariant)]
/// struct Address {
///     #[invariant(non_empty)]
///     city: String,
/// }
///
/// #[derive(Debug, Deserialize)]
/// struct Customer {
///     #[serde(deserialize_with = "stateguard::deserialize_checked")]
///     address: Address,
/// }
///
/// let error = serde_json::from_str::<Customer>(r#"{"address": {"city": ""}}"#).unwrap_err();
/// assert!(error.to_string().starts_with("1 violation: city: must not be empty (non_empty)"));
/// ```
///
/// # Errors
/// The deserializer's error, or a custom error listing every violation.
#[cfg(feature = "serde")]
pub fn deserialize_checked<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Invariant + serde::Deserialize<'de>,
{
    let value = T::deserialize(deserializer)?;
    value.check().map_err(serde::de::Error::custom)?;
    Ok(value)
}
