//! The runtime side of the built-in `#[invariant(..)]` rules.
//!
//! Each rule works through a trait, so a rule also applies to your own types once you implement the
//! trait for them:
//!
//! | rule | trait | implemented for |
//! |---|---|---|
//! | `non_empty`, `len(..)` | [`HasLength`] | `str`, `String`, `Box<str>`, `Cow<str>`, `Vec`, slices, arrays, `VecDeque`, `BTreeMap`, `BTreeSet` (+ `HashMap`, `HashSet` with `std`) |
//! | `range(..)` | [`Number`] | every primitive integer and float |
//! | `each(..)` | [`Elements`] | `Vec`, slices, arrays, `VecDeque`, `BTreeSet` (by position), `BTreeMap` (values, by key) (+ `HashMap` with `std`) |
//! | `nested` | [`Invariant`] | derived types, and `Option`, `Box`, `Vec`, slices, arrays, `VecDeque`, `BTreeMap`, `BTreeSet`, `Rc`, `Arc`, `Guarded` of them (+ `HashMap` with `std`) |
//!
//! Every rule sees through `Option`: `None` passes, `Some(value)` is checked like `value`.
//!
//! ```
//! use stateguard::{Invariant, rules::{HasLength, Number}};
//!
//! /// A string type of your own: give it a length and `len(..)` / `non_empty` apply to it.
//! struct Name(String);
//! impl HasLength for Name {
//!     fn length(&self) -> usize {
//!         self.0.chars().count()
//!     }
//! }
//!
//! /// A number type of your own: `range(..)` applies once it is a `Number`.
//! #[derive(PartialEq, PartialOrd)]
//! struct Cents(i64);
//! impl core::fmt::Display for Cents {
//!     fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
//!         write!(f, "{} cents", self.0)
//!     }
//! }
//! impl Number for Cents {}
//!
//! #[derive(Invariant)]
//! struct Product {
//!     #[invariant(len(max = 5))]
//!     name: Name,
//!     #[invariant(range(min = Cents(1)))]
//!     price: Cents,
//! }
//!
//! let product = Product { name: Name("Kettle-XL".into()), price: Cents(0) };
//! let violations = product.check().unwrap_err();
//! assert_eq!(violations.len(), 2);
//! ```

use crate::invariant::Invariant;
use crate::violation::{Location, Violations};
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt::Display;

/// A value with a length, for `non_empty` and `len(min = .., max = ..)`.
///
/// The unit is the one a person counts: **characters** (`char`s) for strings, elements for
/// collections.
#[diagnostic::on_unimplemented(
    message = "[G0205] `{Self}` has no length, so `non_empty` and `len(..)` cannot check it",
    label = "this rule needs a string or a collection, not `{Self}`",
    note = "`non_empty` and `len(..)` apply to strings and collections (and `Option`s of them): implement `stateguard::rules::HasLength` for `{Self}` (`fn length(&self) -> usize`), or remove the rule (`range(..)` bounds a number)"
)]
pub trait HasLength {
    /// The length: characters for strings, elements for collections.
    fn length(&self) -> usize;

    /// `true` when the length is zero. Override it when that is cheaper than [`Self::length`].
    fn is_empty(&self) -> bool {
        self.length() == 0
    }

    /// What the length counts, for messages: `"character"` for strings, `"element"` otherwise.
    fn unit(&self) -> &'static str {
        "element"
    }

    /// `true` when the length is within `min..=max`. Override it when the bounds can be decided
    /// without computing the exact length.
    fn length_between(&self, min: usize, max: usize) -> bool {
        let length = self.length();
        min <= length && length <= max
    }

    /// [`non_empty`], called by the derive through the trait: a type without a length is then
    /// reported on the rule alone, with no note pointing into this file.
    #[doc(hidden)]
    #[inline]
    fn __guard_non_empty(&self, at: &Location<'_>, violations: &mut Violations) {
        non_empty(self, at, violations);
    }

    /// [`length`], called by the derive through the trait (see `__guard_non_empty`).
    #[doc(hidden)]
    #[inline]
    fn __guard_length(
        &self,
        min: usize,
        max: usize,
        at: &Location<'_>,
        violations: &mut Violations,
    ) {
        length(self, min, max, at, violations);
    }
}

impl HasLength for str {
    fn length(&self) -> usize {
        self.chars().count()
    }
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
    fn unit(&self) -> &'static str {
        "character"
    }
    #[inline]
    fn length_between(&self, min: usize, max: usize) -> bool {
        // A char takes 1 to 4 bytes, so the byte length often decides without counting.
        let bytes = self.len();
        if bytes < min {
            return false;
        }
        if bytes <= max && bytes.div_ceil(4) >= min {
            return true;
        }
        let chars = self.chars().count();
        min <= chars && chars <= max
    }
}

macro_rules! forward_length {
    ($(impl[$($generics:tt)*] $ty:ty => $target:ty;)*) => {$(
        impl<$($generics)*> HasLength for $ty {
            #[inline]
            fn length(&self) -> usize {
                <$target as HasLength>::length(self)
            }
            #[inline]
            fn is_empty(&self) -> bool {
                <$target as HasLength>::is_empty(self)
            }
            #[inline]
            fn length_between(&self, min: usize, max: usize) -> bool {
                <$target as HasLength>::length_between(self, min, max)
            }
            fn unit(&self) -> &'static str {
                <$target as HasLength>::unit(self)
            }
        }
    )*};
}

forward_length! {
    impl[] String => str;
    impl[] Cow<'_, str> => str;
    impl[T: HasLength + ?Sized] &T => T;
    impl[T: HasLength + ?Sized] Box<T> => T;
    impl[T: HasLength + ?Sized] Rc<T> => T;
    impl[T: HasLength + ?Sized] Arc<T> => T;
}

macro_rules! collection_length {
    ($(impl[$($generics:tt)*] $ty:ty;)*) => {$(
        impl<$($generics)*> HasLength for $ty {
            #[inline]
            fn length(&self) -> usize {
                self.len()
            }
        }
    )*};
}

collection_length! {
    impl[T] [T];
    impl[T, const N: usize] [T; N];
    impl[T] Vec<T>;
    impl[T] VecDeque<T>;
    impl[K, V] BTreeMap<K, V>;
    impl[T] BTreeSet<T>;
}

#[cfg(feature = "std")]
collection_length! {
    impl[K, V, S] std::collections::HashMap<K, V, S>;
    impl[T, S] std::collections::HashSet<T, S>;
}

/// A number `range(min = .., max = ..)` can compare: ordered, and printable for the message.
///
/// Implemented for every primitive integer and float; implement it (it has no methods) for your
/// own number types, such as a money or decimal type.
#[diagnostic::on_unimplemented(
    message = "[G0205] `{Self}` is not a number, so `range(..)` cannot check it",
    label = "`range(..)` needs a number, not `{Self}`",
    note = "`range(..)` applies to integers and floats (and `Option`s of them); use `len(..)` for strings and collections, or implement `stateguard::rules::Number` for `{Self}`"
)]
pub trait Number: PartialOrd + Display {}

macro_rules! numbers {
    ($($ty:ty)*) => {$( #[diagnostic::do_not_recommend] impl Number for $ty {} )*};
}
numbers!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64);

/// A collection whose elements `each(..)` checks one by one, each at its own location
/// (`items[2]`, or `prices["eu"]` for a map).
#[diagnostic::on_unimplemented(
    message = "[G0205] `{Self}` is not a collection, so `each(..)` cannot check its elements",
    label = "`each(..)` needs a collection, not `{Self}`",
    note = "remove `each(..)`: it applies to `Vec`, slices, arrays, `VecDeque`, `BTreeSet` and `BTreeMap` (values, by key), and the rules of a single value go directly in `#[invariant(..)]`"
)]
pub trait Elements {
    /// The type of an element.
    type Element: ?Sized;

    /// Calls `visit` with each element and its location under `at`.
    fn for_each_element<F>(&self, at: &Location<'_>, visit: F)
    where
        F: FnMut(&Location<'_>, &Self::Element);
}

macro_rules! sequence_elements {
    ($(impl[$($generics:tt)*] $ty:ty;)*) => {$(
        impl<$($generics)*> Elements for $ty {
            type Element = T;
            #[inline]
            fn for_each_element<F>(&self, at: &Location<'_>, mut visit: F)
            where
                F: FnMut(&Location<'_>, &T),
            {
                for (index, element) in self.iter().enumerate() {
                    visit(&at.index(index), element);
                }
            }
        }
    )*};
}

sequence_elements! {
    impl[T] [T];
    impl[T, const N: usize] [T; N];
    impl[T] Vec<T>;
    impl[T] VecDeque<T>;
    impl[T] BTreeSet<T>;
}

impl<K: MapKey, V> Elements for BTreeMap<K, V> {
    type Element = V;
    #[inline]
    fn for_each_element<F>(&self, at: &Location<'_>, mut visit: F)
    where
        F: FnMut(&Location<'_>, &V),
    {
        for (key, value) in self {
            visit(&at.key(key.as_key()), value);
        }
    }
}

impl<T: Elements + ?Sized> Elements for &T {
    type Element = T::Element;
    #[inline]
    fn for_each_element<F>(&self, at: &Location<'_>, visit: F)
    where
        F: FnMut(&Location<'_>, &Self::Element),
    {
        T::for_each_element(self, at, visit);
    }
}

impl<T: Elements + ?Sized> Elements for Box<T> {
    type Element = T::Element;
    #[inline]
    fn for_each_element<F>(&self, at: &Location<'_>, visit: F)
    where
        F: FnMut(&Location<'_>, &Self::Element),
    {
        T::for_each_element(self, at, visit);
    }
}

impl<T: Elements> Elements for Option<T> {
    type Element = T::Element;
    #[inline]
    fn for_each_element<F>(&self, at: &Location<'_>, visit: F)
    where
        F: FnMut(&Location<'_>, &Self::Element),
    {
        if let Some(collection) = self {
            collection.for_each_element(at, visit);
        }
    }
}

#[cfg(feature = "std")]
impl<K: MapKey, V, S> Elements for std::collections::HashMap<K, V, S> {
    type Element = V;
    #[inline]
    fn for_each_element<F>(&self, at: &Location<'_>, mut visit: F)
    where
        F: FnMut(&Location<'_>, &V),
    {
        for (key, value) in self {
            visit(&at.key(key.as_key()), value);
        }
    }
}

/// A map key that can name its entry in a violation's path (`prices["eu"]`): string keys.
pub trait MapKey {
    /// The key as it appears in the path.
    fn as_key(&self) -> &str;
}

impl MapKey for str {
    fn as_key(&self) -> &str {
        self
    }
}
impl MapKey for String {
    fn as_key(&self) -> &str {
        self
    }
}
impl MapKey for Cow<'_, str> {
    fn as_key(&self) -> &str {
        self
    }
}
impl MapKey for Box<str> {
    fn as_key(&self) -> &str {
        self
    }
}
impl<K: MapKey + ?Sized> MapKey for &K {
    fn as_key(&self) -> &str {
        K::as_key(self)
    }
}

// ---- `nested`: Invariant for containers -------------------------------------------------------

impl<T: Invariant + ?Sized> Invariant for &T {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        T::check_at(self, at, violations);
    }
}

impl<T: Invariant + ?Sized> Invariant for Box<T> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        T::check_at(self, at, violations);
    }
}

impl<T: Invariant + ?Sized> Invariant for Rc<T> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        T::check_at(self, at, violations);
    }
}

impl<T: Invariant + ?Sized> Invariant for Arc<T> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        T::check_at(self, at, violations);
    }
}

impl<T: Invariant> Invariant for Option<T> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        if let Some(value) = self {
            value.check_at(at, violations);
        }
    }
}

macro_rules! sequence_invariant {
    ($(impl[$($generics:tt)*] $ty:ty;)*) => {$(
        impl<$($generics)*> Invariant for $ty {
            #[inline]
            fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
                for (index, element) in self.iter().enumerate() {
                    element.check_at(&at.index(index), violations);
                }
            }
        }
    )*};
}

sequence_invariant! {
    impl[T: Invariant] [T];
    impl[T: Invariant, const N: usize] [T; N];
    impl[T: Invariant] Vec<T>;
    impl[T: Invariant] VecDeque<T>;
    impl[T: Invariant] BTreeSet<T>;
}

impl<K: MapKey, V: Invariant> Invariant for BTreeMap<K, V> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        for (key, value) in self {
            value.check_at(&at.key(key.as_key()), violations);
        }
    }
}

#[cfg(feature = "std")]
impl<K: MapKey, V: Invariant, S> Invariant for std::collections::HashMap<K, V, S> {
    #[inline]
    fn check_at(&self, at: &Location<'_>, violations: &mut Violations) {
        for (key, value) in self {
            value.check_at(&at.key(key.as_key()), violations);
        }
    }
}

// ---- The checks the derive calls ----------------------------------------------------------------

/// `non_empty`: the value has at least one character or element.
#[inline]
pub fn non_empty<T: HasLength + ?Sized>(value: &T, at: &Location<'_>, violations: &mut Violations) {
    if value.is_empty() {
        violations.push(at, "non_empty", "must not be empty");
    }
}

/// `len(min = .., max = ..)`: the length is within `min..=max` (characters for strings).
#[inline]
pub fn length<T: HasLength + ?Sized>(
    value: &T,
    min: usize,
    max: usize,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    if !value.length_between(min, max) {
        length_failed(value.length(), value.unit(), min, max, at, violations);
    }
}

#[cold]
#[inline(never)]
fn length_failed(
    length: usize,
    unit: &str,
    min: usize,
    max: usize,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    let (relation, bound) = if length < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    let plural = if bound == 1 { "" } else { "s" };
    let message = format!("must have {relation} {bound} {unit}{plural} (has {length})");
    violations.push(at, "len", message);
}

/// Which bound of `range(..)` a value broke.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    /// `min = ..`
    Min,
    /// `max = ..`
    Max,
    /// `greater_than = ..`
    GreaterThan,
    /// `less_than = ..`
    LessThan,
}

/// A bound written in `range(..)` that can bound a field of type `Self`: a bound of the field's
/// own number type. The derive goes through this trait so that a bound of another type
/// (`range(greater_than = 0)` on an `f64`) is reported in stateguard's words, on the bound.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "[G0209] `range(..)` cannot compare this `{Self}` field with its bound",
    label = "the bound must be a number of the field's type, `{Self}`",
    note = "write the bound as a `{Self}`: `0.0` rather than `0` for a float, `0` rather than `0.5` for an integer, `Cents(1)` for a number type of your own; a type of your own must be a number: `impl stateguard::rules::Number for {Self} {{}}` (which needs `PartialOrd` and `Display`)"
)]
pub trait RangeBound<L> {
    /// Records a violation when `value` is outside `bound`.
    fn check(value: &Self, bound: &L, kind: Bound, at: &Location<'_>, violations: &mut Violations);
}

impl<T: Number> RangeBound<T> for T {
    #[inline]
    fn check(value: &T, bound: &T, kind: Bound, at: &Location<'_>, violations: &mut Violations) {
        number_range(value, bound, kind, at, violations);
    }
}

/// Keeps the bound's type from being inferred from the field's: with a single impl, rustc would
/// report a bare type mismatch instead of `RangeBound`'s words.
#[doc(hidden)]
#[derive(Debug)]
pub enum NotABound {}

impl<T: Number> RangeBound<NotABound> for T {
    fn check(_: &T, bound: &NotABound, _: Bound, _: &Location<'_>, _: &mut Violations) {
        match *bound {}
    }
}

/// `range(..)`: one bound of the range (the derive calls it once per bound given).
#[inline]
pub fn range<T: RangeBound<L>, L>(
    value: &T,
    bound: &L,
    kind: Bound,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    T::check(value, bound, kind, at, violations);
}

#[inline]
fn number_range<T: Number>(
    value: &T,
    bound: &T,
    kind: Bound,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    let holds = match kind {
        Bound::Min => *value >= *bound,
        Bound::Max => *value <= *bound,
        Bound::GreaterThan => *value > *bound,
        Bound::LessThan => *value < *bound,
    };
    if !holds {
        range_failed(value, bound, kind, at, violations);
    }
}

#[cold]
#[inline(never)]
fn range_failed<T: Number + ?Sized>(
    value: &T,
    bound: &T,
    kind: Bound,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    let relation = match kind {
        Bound::Min => "at least",
        Bound::Max => "at most",
        Bound::GreaterThan => "greater than",
        Bound::LessThan => "less than",
    };
    violations.push(
        at,
        "range",
        format!("must be {relation} {bound} (is {value})"),
    );
}

/// A custom `check = function` rule that returned `false`.
#[cold]
#[inline(never)]
pub fn failed(
    rule: &'static str,
    message: &'static str,
    at: &Location<'_>,
    violations: &mut Violations,
) {
    violations.push(at, rule, message);
}

/// Sees through `Option` for `non_empty`, `len` and `range`: `(&Subject(&field)).present()` is the
/// `Some` contents of an `Option` (through [`OptionSubject`], found first by method resolution) and
/// the field itself for any other type (through [`PlainSubject`], found one auto-reference later).
#[doc(hidden)]
#[derive(Debug)]
pub struct Subject<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait OptionSubject<'a> {
    /// The type the rules check.
    type Value: ?Sized + 'a;
    /// The value to check, or `None` when there is nothing to check.
    fn present(&self) -> Option<&'a Self::Value>;
}

impl<'a, T> OptionSubject<'a> for Subject<'a, Option<T>> {
    type Value = T;
    #[inline]
    fn present(&self) -> Option<&'a T> {
        self.0.as_ref()
    }
}

#[doc(hidden)]
pub trait PlainSubject<'a> {
    /// The type the rules check.
    type Value: ?Sized + 'a;
    /// The value to check: always there.
    fn present(&self) -> Option<&'a Self::Value>;
}

impl<'a, T: ?Sized> PlainSubject<'a> for &Subject<'a, T> {
    type Value = T;
    #[inline]
    fn present(&self) -> Option<&'a T> {
        Some(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn string_length_bounds_count_characters_whatever_the_shortcut() {
        let samples = ["", "a", "ab", "été", "日本語", "𝄞𝄞", "abcdefgh", "ééééé"];
        for sample in samples {
            let chars = sample.chars().count();
            for min in 0..6 {
                for max in min..9 {
                    assert_eq!(
                        sample.length_between(min, max),
                        (min..=max).contains(&chars),
                        "{sample:?} in {min}..={max}"
                    );
                }
            }
        }
    }

    #[test]
    fn failures_record_the_rule_the_path_and_the_numbers() {
        let root = Location::root();
        let name = root.field("name");
        let mut violations = Violations::new();
        non_empty("", &name, &mut violations);
        length("日本語", 1, 2, &name, &mut violations);
        length(&vec![1, 2], 3, usize::MAX, &name, &mut violations);
        range(&5_u8, &6, Bound::Min, &name, &mut violations);
        range(&1.5_f64, &1.5, Bound::LessThan, &name, &mut violations);
        range(&2_i32, &1, Bound::GreaterThan, &name, &mut violations);
        let rendered: Vec<_> = violations.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "name: must not be empty (non_empty)",
                "name: must have at most 2 characters (has 3) (len)",
                "name: must have at least 3 elements (has 2) (len)",
                "name: must be at least 6 (is 5) (range)",
                "name: must be less than 1.5 (is 1.5) (range)",
            ]
        );
    }

    #[test]
    fn each_locates_elements_by_index_and_key() {
        let root = Location::root();
        let mut seen = Vec::new();
        vec!["a", "b"].for_each_element(&root, |at, element| {
            seen.push((at.to_path().to_string(), *element));
        });
        let map = BTreeMap::from([(String::from("eu"), "x")]);
        map.for_each_element(&root, |at, element| {
            seen.push((at.to_path().to_string(), *element));
        });
        Some([("c")]).for_each_element(&root, |at, element| {
            seen.push((at.to_path().to_string(), *element));
        });
        assert_eq!(
            seen,
            [
                ("[0]".into(), "a"),
                ("[1]".into(), "b"),
                ("[\"eu\"]".into(), "x"),
                ("[0]".into(), "c")
            ]
        );
    }

    #[test]
    fn option_subjects_see_through_some_only() {
        let some = Some(String::from("x"));
        let none: Option<String> = None;
        assert_eq!(Subject(&some).present().map(String::as_str), Some("x"));
        assert!(Subject(&none).present().is_none());
        assert_eq!((&Subject(&3_u8)).present(), Some(&3));
    }
}
