//! Edge-biased argument strategies: boundary values (`0`, `1`, `MAX`, `MIN`, the empty and a long
//! string, ...) are drawn a quarter of the time, uniform values otherwise.
//!
//! Uniform generation almost never hits a boundary: a `u32` argument is `0` once in four billion
//! draws, so a bug at `0` survives any number of cases. The [`Generate`](super::Generate)
//! strategies of integers, floats, characters and strings are these.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use proptest::arbitrary::any;
use proptest::strategy::{BoxedStrategy, Strategy, Union, ValueTree};

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
/// use stateguard::proptest::edge;
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
/// up to 32 arbitrary characters. The long string shrinks by length (`"a".repeat(n)` for a
/// smaller `n`, found by binary search), so a failure that needs a long string is shown with the
/// shortest that fails.
///
/// ```
/// use stateguard::proptest::edge;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// // Draw until the long edge comes up, then shrink it while it stays over 100 characters.
/// let mut tree = loop {
///     let tree = edge::string().new_tree(&mut runner).unwrap();
///     if tree.current().len() == edge::LONG_STRING_LEN {
///         break tree;
///     }
/// };
/// // Shrink as proptest does: simplify while the value still fails, complicate when it passes.
/// let fails = |value: &String| value.len() > 100;
/// loop {
///     let moved = if fails(&tree.current()) { tree.simplify() } else { tree.complicate() };
///     if !moved {
///         break;
///     }
/// }
/// assert_eq!(tree.current(), "a".repeat(101));
/// ```
pub fn string() -> BoxedStrategy<String> {
    let short: Vec<String> = String::edges()
        .into_iter()
        .filter(|edge| edge.len() < LONG_STRING_LEN)
        .collect();
    let edges = Union::new_weighted(vec![
        (
            u32::try_from(short.len()).unwrap_or(u32::MAX),
            proptest::sample::select(short).boxed(),
        ),
        (1, LongString.boxed()),
    ]);
    Union::new_weighted(vec![
        (EDGE_WEIGHT, edges.boxed()),
        (UNIFORM_WEIGHT, String::uniform()),
    ])
    .boxed()
}

/// `"a".repeat(LONG_STRING_LEN)`, shrinking by length.
#[derive(Debug, Clone, Copy)]
struct LongString;

impl Strategy for LongString {
    type Tree = LongStringTree;
    type Value = String;

    fn new_tree(
        &self,
        _runner: &mut proptest::test_runner::TestRunner,
    ) -> proptest::strategy::NewTree<Self> {
        Ok(LongStringTree(proptest::num::usize::BinarySearch::new(
            LONG_STRING_LEN,
        )))
    }
}

#[derive(Debug, Clone, Copy)]
struct LongStringTree(proptest::num::usize::BinarySearch);

impl ValueTree for LongStringTree {
    type Value = String;

    fn current(&self) -> String {
        "a".repeat(self.0.current())
    }

    fn simplify(&mut self) -> bool {
        self.0.simplify()
    }

    fn complicate(&mut self) -> bool {
        self.0.complicate()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn edges_are_drawn() {
        let mut runner = TestRunner::deterministic();
        let strategy = biased::<u8>();
        let draws: Vec<u8> = (0..200)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect();
        assert!(draws.contains(&0) && draws.contains(&u8::MAX));

        let strategy = string();
        let draws: Vec<String> = (0..200)
            .map(|_| strategy.new_tree(&mut runner).unwrap().current())
            .collect();
        assert!(draws.iter().any(String::is_empty));
        assert!(draws.iter().any(|draw| draw.len() == LONG_STRING_LEN));
    }

    #[test]
    fn a_biased_value_shrinks_to_the_simplest_edge() {
        let mut runner = TestRunner::deterministic();
        let mut tree = biased::<u32>().new_tree(&mut runner).unwrap();
        while tree.simplify() {}
        assert_eq!(tree.current(), 0);
    }
}
