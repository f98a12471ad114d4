//! Edge-biased argument strategies: boundary values (`0`, `1`, `MAX`, `MIN`, the empty and a long
//! string, ...) are drawn a quarter of the time, uniform values otherwise.
//!
//! Uniform generation almost never hits a boundary: a `u32` argument is `0` once in four billion
//! draws, so a bug at `0` survives any number of cases. Every argument of a generated machine
//! test uses [`biased`] when its type implements [`Edges`] and
//! [`any`](proptest::arbitrary::any) otherwise, unless the field names its own strategy.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use proptest::arbitrary::any;
use proptest::strategy::{BoxedStrategy, Strategy, Union};

/// How many draws in four pick a boundary value.
const EDGE_WEIGHT: u32 = 1;
/// How many draws in four pick a uniform value.
const UNIFORM_WEIGHT: u32 = 3;

/// The length of the long string among [`String`]'s edges.
pub const LONG_STRING_LEN: usize = 1024;

/// A type with well-known boundary values.
pub trait Edges: Sized + Clone + core::fmt::Debug + 'static {
    /// The boundary values, simplest first (shrinking moves towards the first).
    fn edges() -> Vec<Self>;

    /// The uniform strategy the boundaries are mixed into.
    fn uniform() -> BoxedStrategy<Self>;
}

/// Boundary values of `T` a quarter of the time, uniform values otherwise. Shrinks towards the
/// simplest boundary (`0`, `""`).
///
/// ```
/// use guard_core::proptest::edge;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let strategy = edge::biased::<u32>();
/// let mut runner = TestRunner::deterministic();
/// let draws: Vec<u32> = (0..400)
///     .map(|_| strategy.new_tree(&mut runner).unwrap().current())
///     .collect();
/// assert!(draws.contains(&0) && draws.contains(&u32::MAX));
/// ```
pub fn biased<T: Edges>() -> BoxedStrategy<T> {
    Union::new_weighted(vec![
        (EDGE_WEIGHT, proptest::sample::select(T::edges()).boxed()),
        (UNIFORM_WEIGHT, T::uniform()),
    ])
    .boxed()
}

/// [`biased`] for `String`: empty, one space, `"a"`, NUL, non-ASCII, a 1024-character string, or
/// up to 32 arbitrary characters.
pub fn string() -> BoxedStrategy<String> {
    biased::<String>()
}

macro_rules! unsigned_edges {
    ($($ty:ty),*) => {$(
        impl Edges for $ty {
            fn edges() -> Vec<Self> {
                vec![0, 1, <$ty>::MAX, <$ty>::MAX - 1, 2]
            }
            fn uniform() -> BoxedStrategy<Self> {
                any::<$ty>().boxed()
            }
        }
    )*};
}

macro_rules! signed_edges {
    ($($ty:ty),*) => {$(
        impl Edges for $ty {
            fn edges() -> Vec<Self> {
                vec![0, 1, -1, <$ty>::MAX, <$ty>::MIN, <$ty>::MAX - 1, <$ty>::MIN + 1]
            }
            fn uniform() -> BoxedStrategy<Self> {
                any::<$ty>().boxed()
            }
        }
    )*};
}

macro_rules! float_edges {
    ($($ty:ident),*) => {$(
        impl Edges for $ty {
            fn edges() -> Vec<Self> {
                vec![
                    0.0,
                    -0.0,
                    1.0,
                    -1.0,
                    $ty::MAX,
                    $ty::MIN,
                    $ty::MIN_POSITIVE,
                    $ty::EPSILON,
                    $ty::INFINITY,
                    $ty::NEG_INFINITY,
                    $ty::NAN,
                ]
            }
            fn uniform() -> BoxedStrategy<Self> {
                any::<$ty>().boxed()
            }
        }
    )*};
}

unsigned_edges!(u8, u16, u32, u64, u128, usize);
signed_edges!(i8, i16, i32, i64, i128, isize);
float_edges!(f32, f64);

impl Edges for char {
    fn edges() -> Vec<Self> {
        vec!['a', '\0', ' ', '\u{7f}', 'é', '\u{fffd}', char::MAX]
    }
    fn uniform() -> BoxedStrategy<Self> {
        any::<char>().boxed()
    }
}

impl Edges for String {
    fn edges() -> Vec<Self> {
        vec![
            String::new(),
            String::from(" "),
            String::from("a"),
            String::from("\0"),
            String::from("é\u{200d}🦀"),
            "a".repeat(LONG_STRING_LEN),
        ]
    }
    fn uniform() -> BoxedStrategy<Self> {
        // Characters rather than a regex: no regex compilation, which keeps Miri runs short.
        proptest::collection::vec(any::<char>(), 0..=32)
            .prop_map(|characters| characters.into_iter().collect())
            .boxed()
    }
}

/// Picks the default strategy of an argument of type `T` in generated code: [`biased`] when `T`
/// implements [`Edges`], else `proptest::arbitrary::any::<T>()`. Method resolution does the
/// choice (`(&&DefaultStrategy::<T>::new()).strategy()`), so it needs a concrete `T`.
#[doc(hidden)]
#[derive(Debug)]
pub struct DefaultStrategy<T>(core::marker::PhantomData<T>);

impl<T> DefaultStrategy<T> {
    #[doc(hidden)]
    #[must_use]
    pub const fn new() -> Self {
        Self(core::marker::PhantomData)
    }
}

impl<T> Default for DefaultStrategy<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// First choice of [`DefaultStrategy`]: edge-biased.
#[doc(hidden)]
pub trait ViaEdges {
    type Value;
    fn strategy(&self) -> BoxedStrategy<Self::Value>;
}

impl<T: Edges> ViaEdges for &DefaultStrategy<T> {
    type Value = T;
    fn strategy(&self) -> BoxedStrategy<T> {
        biased::<T>()
    }
}

/// Second choice of [`DefaultStrategy`]: the type's `Arbitrary` strategy.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "guard cannot generate values of `{T}` for property tests",
    label = "this argument's type needs a strategy",
    note = "implement `proptest::arbitrary::Arbitrary` for `{T}`, or name a strategy on the field: `#[strategy(my_strategy())]`"
)]
pub trait ViaArbitrary<T> {
    fn strategy(&self) -> BoxedStrategy<T>;
}

impl<T: proptest::arbitrary::Arbitrary + 'static> ViaArbitrary<T> for DefaultStrategy<T> {
    fn strategy(&self) -> BoxedStrategy<T> {
        any::<T>().boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn edges_are_drawn_and_the_default_picks_them() {
        let mut runner = TestRunner::deterministic();
        let strategy = (&&DefaultStrategy::<u8>::new()).strategy();
        let draws: Vec<u8> = (0..200)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect();
        assert!(draws.contains(&0) && draws.contains(&u8::MAX));

        let strategy = (&&DefaultStrategy::<String>::new()).strategy();
        let draws: Vec<String> = (0..200)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect();
        assert!(draws.iter().any(String::is_empty));
        assert!(draws.iter().any(|draw| draw.len() == LONG_STRING_LEN));
    }

    #[test]
    #[allow(clippy::needless_borrow)] // the form generated code uses: the borrows pick the impl
    fn types_without_edges_use_arbitrary() {
        let mut runner = TestRunner::deterministic();
        let strategy = (&&DefaultStrategy::<bool>::new()).strategy();
        let draws: Vec<bool> = (0..64)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect();
        assert!(draws.contains(&true) && draws.contains(&false));
    }

    #[test]
    fn a_biased_value_shrinks_to_the_simplest_edge() {
        let mut runner = TestRunner::deterministic();
        let mut tree = biased::<u32>().new_tree(&mut runner).unwrap();
        while tree.simplify() {}
        assert_eq!(tree.current(), 0);
    }
}
