// A literal fixes its field, so the fix keeps it; a field hidden next to it is still reported, and
// a nested pattern that binds nothing (`TrackingId(_)`) still ignores the field.
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
    Refunded {
        #[required]
        amount: u64,
        #[required]
        by: String,
    },
}

pub struct TrackingId(pub String);

#[enforce_state_invariants]
pub fn describe(status: &OrderStatus) -> u64 {
    match status {
        OrderStatus::Refunded { amount: 0, .. } => 0,
        OrderStatus::Refunded { amount, by } => *amount + by.len() as u64,
        OrderStatus::Shipped(TrackingId(_)) => 1,
        OrderStatus::Pending => 2,
    }
}

fn main() {}
