//! Violations: what rule failed, where, and why — for people (`Display`) and programs (fields).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// One step of the path from the checked value to the offending field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(untagged))]
pub enum PathSegment {
    /// A named field: `address` in `address.city`.
    Field(Cow<'static, str>),
    /// A position in a sequence or a tuple field: `2` in `items[2]`.
    Index(usize),
    /// A map key: `"eu"` in `prices["eu"]`.
    Key(String),
    /// An enum variant: `Cancelled` in `Cancelled.reason`.
    Variant(Cow<'static, str>),
}

/// The path from the checked value to the offending field, such as `items[2].qty`.
///
/// An empty path designates the checked value itself (a struct-level rule).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
pub struct ViolationPath(Vec<PathSegment>);

impl ViolationPath {
    /// The path of the checked value itself.
    #[must_use]
    pub const fn root() -> Self {
        Self(Vec::new())
    }

    /// The segments, outermost first.
    #[must_use]
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// `true` for the checked value itself.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a segment.
    pub fn push(&mut self, segment: PathSegment) {
        self.0.push(segment);
    }
}

impl From<Vec<PathSegment>> for ViolationPath {
    fn from(segments: Vec<PathSegment>) -> Self {
        Self(segments)
    }
}

impl fmt::Display for ViolationPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Field(name) | PathSegment::Variant(name) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                PathSegment::Index(index) => write!(f, "[{index}]")?,
                PathSegment::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

/// A segment of a [`Location`], borrowed while a check runs (no allocation unless a rule fails).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Segment<'a> {
    /// The checked value itself.
    Root,
    /// A named field.
    Field(&'static str),
    /// A position in a sequence, or a tuple field.
    Index(usize),
    /// A map key.
    Key(&'a str),
    /// An enum variant.
    Variant(&'static str),
}

/// Where a check currently is: a linked list on the stack, from the current field up to the root.
///
/// Checking a valid value never allocates; the path is materialised only when a rule fails.
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    parent: Option<&'a Location<'a>>,
    segment: Segment<'a>,
}

impl<'a> Location<'a> {
    /// The location of the checked value itself.
    #[must_use]
    pub const fn root() -> Location<'static> {
        Location {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// The location of a named field of the value at `self`.
    #[must_use]
    pub const fn field(&'a self, name: &'static str) -> Self {
        Location {
            parent: Some(self),
            segment: Segment::Field(name),
        }
    }

    /// The location of the element at `index` of the sequence at `self`.
    #[must_use]
    pub const fn index(&'a self, index: usize) -> Self {
        Location {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }

    /// The location of the map entry at `key` of the map at `self`.
    #[must_use]
    pub const fn key(&'a self, key: &'a str) -> Self {
        Location {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The location of the enum variant `name` of the value at `self`.
    #[must_use]
    pub const fn variant(&'a self, name: &'static str) -> Self {
        Location {
            parent: Some(self),
            segment: Segment::Variant(name),
        }
    }

    /// The owned path from the root to this location.
    #[must_use]
    pub fn to_path(&self) -> ViolationPath {
        let mut segments = Vec::new();
        let mut current = Some(self);
        while let Some(location) = current {
            match location.segment {
                Segment::Root => {}
                Segment::Field(name) => segments.push(PathSegment::Field(Cow::Borrowed(name))),
                Segment::Index(index) => segments.push(PathSegment::Index(index)),
                Segment::Key(key) => segments.push(PathSegment::Key(String::from(key))),
                Segment::Variant(name) => {
                    segments.push(PathSegment::Variant(Cow::Borrowed(name)));
                }
            }
            current = location.parent;
        }
        segments.reverse();
        ViolationPath(segments)
    }
}

/// One broken rule: where (`path`), which rule (`rule`, a stable name such as `"non_empty"`), and a
/// message for people.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Violation {
    path: ViolationPath,
    rule: Cow<'static, str>,
    message: Cow<'static, str>,
}

impl Violation {
    /// A violation of `rule` at `path`.
    #[must_use]
    pub fn new(
        path: ViolationPath,
        rule: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            path,
            rule: rule.into(),
            message: message.into(),
        }
    }

    /// Where the rule failed, from the checked value down (`items[2].qty`); empty for the value itself.
    #[must_use]
    pub fn path(&self) -> &ViolationPath {
        &self.path
    }

    /// The rule's stable name, such as `non_empty` or `range`, or the name a custom rule was given.
    #[must_use]
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// What is wrong, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// This violation with `prefix` put in front of its path (used when a value is checked as part
    /// of a larger one).
    #[must_use]
    pub fn nested_under(mut self, prefix: &Location<'_>) -> Self {
        let mut path = prefix.to_path();
        path.0.extend(self.path.0);
        self.path = path;
        self
    }
}

impl Violation {
    /// This violation with `prefix` taken off the front of its path, when its path starts with
    /// it (the inverse of [`Violation::nested_under`]); unchanged otherwise.
    #[must_use]
    pub fn relative_to(mut self, prefix: &Location<'_>) -> Self {
        let prefix = prefix.to_path();
        if self.path.0.starts_with(&prefix.0) {
            self.path.0.drain(..prefix.0.len());
        }
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() {
            write!(f, "{} ({})", self.message, self.rule)
        } else {
            write!(f, "{}: {} ({})", self.path, self.message, self.rule)
        }
    }
}

/// Every violation a check found, in the order the fields were declared. Never empty when
/// returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// An empty collection.
    #[must_use]
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Records a violation of `rule` at `at`.
    pub fn push(
        &mut self,
        at: &Location<'_>,
        rule: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) {
        self.0.push(Violation::new(at.to_path(), rule, message));
    }

    /// Records an already built violation.
    pub fn push_violation(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// `true` when nothing was violated.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many violations there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The violations, in the order they were found.
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// The violations as a slice.
    #[must_use]
    pub fn as_slice(&self) -> &[Violation] {
        &self.0
    }

    /// Every violation with `prefix` taken off the front of its path where it starts with it:
    /// `Shipped.tracking_id` relative to `Shipped` is `tracking_id`, the name of the field in the
    /// request that carried it.
    ///
    /// ```
    /// use stateguard::{Location, Violations};
    ///
    /// let root = Location::root();
    /// let shipped = root.variant("Shipped");
    /// let mut violations = Violations::new();
    /// violations.push(&shipped.field("tracking_id"), "non_empty", "must not be empty");
    /// let relative = violations.relative_to(&shipped);
    /// assert_eq!(relative.as_slice()[0].path().to_string(), "tracking_id");
    /// ```
    #[must_use]
    pub fn relative_to(self, prefix: &Location<'_>) -> Self {
        Self(
            self.0
                .into_iter()
                .map(|violation| violation.relative_to(prefix))
                .collect(),
        )
    }

    /// `Ok(())` when empty, else `Err(self)`.
    ///
    /// # Errors
    /// Returns `self` when at least one violation was recorded.
    pub fn into_result(self) -> Result<(), Self> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.len() {
            0 => f.write_str("no violations"),
            1 => write!(f, "1 violation: {}", self.0[0]),
            count => {
                write!(f, "{count} violations:")?;
                for violation in &self.0 {
                    write!(f, "\n  - {violation}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = alloc::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn path_renders_fields_indexes_keys_and_variants() {
        let root = Location::root();
        let items = root.field("items");
        let second = items.index(2);
        let qty = second.field("qty");
        assert_eq!(qty.to_path().to_string(), "items[2].qty");

        let cancelled = root.variant("Cancelled");
        let reason = cancelled.field("reason");
        assert_eq!(reason.to_path().to_string(), "Cancelled.reason");

        let prices = root.field("prices");
        let eu = prices.key("eu");
        assert_eq!(eu.to_path().to_string(), "prices[\"eu\"]");
    }

    #[test]
    fn violations_display_every_entry() {
        let root = Location::root();
        let mut violations = Violations::new();
        violations.push(&root.field("name"), "non_empty", "must not be empty");
        violations.push(
            &root,
            "shipped_has_tracking",
            "a shipped order needs a tracking id",
        );
        assert_eq!(
            violations.to_string(),
            "2 violations:\n  - name: must not be empty (non_empty)\n  - a shipped order needs a tracking id (shipped_has_tracking)"
        );
        assert_eq!(
            violations.iter().map(Violation::rule).collect::<Vec<_>>(),
            ["non_empty", "shipped_has_tracking"]
        );
        assert!(violations.into_result().is_err());
        assert_eq!(Violations::new().into_result(), Ok(()));
    }

    #[test]
    fn nesting_prefixes_the_path() {
        let root = Location::root();
        let inner = Violation::new(
            ViolationPath::from(alloc::vec![PathSegment::Field("city".into())]),
            "non_empty",
            "empty",
        );
        let address = root.field("address");
        assert_eq!(
            inner.nested_under(&address).path().to_string(),
            "address.city"
        );
    }
}
