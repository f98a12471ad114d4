//! [`Generate`]: the default strategy of a transition's or constructor's argument.

use crate::proptest::edge;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use proptest::strategy::{BoxedStrategy, Just, Strategy};

/// The maximum length of a generated `Vec`.
const MAX_VEC_LEN: usize = 8;

/// A type whose values a machine test can draw as arguments.
///
/// A `#[typestate]` machine's test needs it for every field of the machine and of its states,
/// unless the field names its own strategy with `#[strategy(expr)]`. Integers, floats, `char`
/// and `String` draw [edge-biased](edge) values; `bool`, `()`, `PhantomData`, `Option`, `Vec`, `Box`
/// and tuples
/// combine their parts. Your own structs and enums derive it
/// ([`#[derive(Generate)]`](crate::Generate)); or implement it by hand, usually by mapping a
/// strategy of what the type wraps:
///
/// ```
/// use stateguard::proptest::{Generate, edge};
/// use proptest::strategy::{BoxedStrategy, Strategy};
///
/// #[derive(Debug, Clone)]
/// struct TrackingId(String);
///
/// impl Generate for TrackingId {
///     fn strategy() -> BoxedStrategy<Self> {
///         edge::string().prop_map(TrackingId).boxed()
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "[G0118] property tests cannot draw values of `{Self}`",
    label = "no strategy for `{Self}`",
    note = "put `#[derive(stateguard::Generate)]` on `{Self}` (it stands beside your other derives; `Generate` needs `Debug` and `Clone` too, and draws each field from its type's `Generate`), or implement `stateguard::proptest::Generate` for `{Self}` by hand (`fn strategy() -> BoxedStrategy<Self>`), or name a strategy on the field: `#[strategy(..)]`"
)]
pub trait Generate: Sized + Clone + core::fmt::Debug + 'static {
    /// The strategy arguments of this type are drawn from.
    fn strategy() -> BoxedStrategy<Self>;
}

macro_rules! edge_biased {
    ($($ty:ty),*) => {$(
        impl Generate for $ty {
            fn strategy() -> BoxedStrategy<Self> {
                edge::biased::<$ty>()
            }
        }
    )*};
}

edge_biased!(
    u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize, f32, f64, char
);

impl Generate for String {
    fn strategy() -> BoxedStrategy<Self> {
        edge::string()
    }
}

impl Generate for bool {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::bool::ANY.boxed()
    }
}

impl Generate for () {
    fn strategy() -> BoxedStrategy<Self> {
        Just(()).boxed()
    }
}

impl<T: 'static> Generate for core::marker::PhantomData<T> {
    fn strategy() -> BoxedStrategy<Self> {
        Just(core::marker::PhantomData).boxed()
    }
}

impl<T: Generate> Generate for Option<T> {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::option::of(T::strategy()).boxed()
    }
}

impl<T: Generate> Generate for Vec<T> {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::collection::vec(T::strategy(), 0..=MAX_VEC_LEN).boxed()
    }
}

impl<T: Generate> Generate for Box<T> {
    fn strategy() -> BoxedStrategy<Self> {
        T::strategy().prop_map(Box::new).boxed()
    }
}

macro_rules! tuples {
    ($(($($name:ident),+)),*) => {$(
        impl<$($name: Generate),+> Generate for ($($name,)+) {
            fn strategy() -> BoxedStrategy<Self> {
                ($($name::strategy(),)+).boxed()
            }
        }
    )*};
}

tuples!((A), (A, B), (A, B, C), (A, B, C, D));
