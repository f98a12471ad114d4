// A required field matched by a literal, a range or a constant is handled: the arm decides on its
// value, so it need not be bound.
#![deny(warnings)]
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Refunded {
        #[required]
        amount: u64,
        #[required]
        by: String,
    },
    Held(#[required] u8, #[required] char),
}

pub const LIMIT: u64 = 100;

#[enforce_state_invariants]
pub fn describe(status: &OrderStatus) -> usize {
    match status {
        OrderStatus::Refunded { amount: 0, by } => by.len(),
        OrderStatus::Refunded { amount: 1..=9, by } => by.len() + 1,
        OrderStatus::Refunded { amount: LIMIT | u64::MAX, by } => by.len() + 2,
        OrderStatus::Refunded { amount, by } => by.len() + *amount as usize,
        OrderStatus::Held(0, 'a'..='z') => 3,
        OrderStatus::Held(1 | 2, 'x') => 4,
        OrderStatus::Held(level, mark) => usize::from(*level) + mark.len_utf8(),
        OrderStatus::Pending => 5,
    }
}

fn main() {}
