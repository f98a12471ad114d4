// A bound of another type than the field, which only the compiler can see: a float on an integer,
// a plain number on a number type of the user's own.
use stateguard::Invariant;
use stateguard::rules::Number;

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Cents(u64);

impl core::fmt::Display for Cents {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} cents", self.0)
    }
}

impl Number for Cents {}

type Percent = u32;

#[derive(Invariant)]
struct Price {
    #[invariant(range(max = 0.5))]
    discount: Percent,
    #[invariant(range(min = 1))]
    total: Cents,
}

fn main() {}
