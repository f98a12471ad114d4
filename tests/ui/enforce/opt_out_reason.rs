// The opt-out must give a reason; a missing or empty reason is an error.
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
    Cancelled {
        #[required]
        reason: String,
        note: Option<String>,
    },
}

pub struct TrackingId(pub String);

#[enforce_state_invariants]
pub fn count(status: &OrderStatus) -> u8 {
    match status {
        #[allow_unchecked]
        OrderStatus::Shipped(_) => 1,
        #[allow_unchecked(reason = "  ")]
        OrderStatus::Cancelled { .. } => 2,
        OrderStatus::Pending => 0,
    }
}

#[enforce_state_invariants]
pub fn empty(status: &OrderStatus) -> u8 {
    match status {
        #[allow_unchecked(reason = "")]
        OrderStatus::Shipped(_) => 1,
        _ => 0,
    }
}

fn main() {}
