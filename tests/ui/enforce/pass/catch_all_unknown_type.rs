// Catch-alls that pass: over an enum without required fields, over a primitive, over a generic
// parameter, and over a value whose type the check cannot tell (a field, with no arm naming a
// variant: documented as not checked).
#![deny(warnings)]
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
}

pub struct TrackingId(pub String);

pub enum Plain {
    A(u8),
    B,
}

pub struct Order {
    pub status: OrderStatus,
}

#[enforce_state_invariants]
pub fn plain(p: &Plain) -> u8 {
    match p {
        Plain::A(n) if *n > 3 => 0,
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn plain_wildcard(p: Plain) -> u8 {
    match p {
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn number(n: u8) -> u8 {
    match n {
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn generic<T>(value: T) -> u8 {
    match value {
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn generic_containers<T>(
    list: Vec<T>,
    maybe: Option<T>,
    boxed: Box<T>,
    path: std::vec::Vec<T>,
    shown: impl std::fmt::Display,
) -> u8 {
    let a = match list {
        _ => 1,
    };
    let b = match maybe {
        _ => 1,
    };
    let c = match boxed {
        _ => 1,
    };
    let d = match path {
        _ => 1,
    };
    let e = match shown {
        _ => 1,
    };
    a + b + c + d + e
}

pub struct Wrapper<T>(pub T);

#[enforce_state_invariants]
impl<T: Clone> Wrapper<T> {
    pub fn rank(&self, other: &Self, same: Wrapper<T>) -> u8 {
        let a = match self {
            _ => 1,
        };
        let b = match other {
            _ => 1,
        };
        let c = match same {
            _ => 1,
        };
        a + b + c
    }
}

#[enforce_state_invariants]
impl Plain {
    pub fn rank(&self) -> u8 {
        match self {
            x if matches!(x, Plain::B) => 0,
            _ => 1,
        }
    }
}

#[enforce_state_invariants]
pub fn field(order: &Order) -> u8 {
    match order.status {
        _ => 1,
    }
}

fn main() {}
