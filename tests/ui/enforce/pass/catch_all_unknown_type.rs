// Catch-alls that pass: over an enum without required fields, over a primitive, over a generic
// parameter, and over a value whose type the check cannot tell (a field, with no arm naming a
// variant: documented as not checked).
#![deny(warnings)]
use guard_core::enforce_state_invariants;

#[derive(guard_core::__private::__GuardRequired)]
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
