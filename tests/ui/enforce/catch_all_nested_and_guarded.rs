// Catch-alls are found at every position (here inside `Some(..)`), and an arm with a guard does
// not handle its variant: what the guard rejects falls through to the catch-all.
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
pub fn nested(status: Option<OrderStatus>) -> u8 {
    match status {
        Some(OrderStatus::Pending) => 0,
        Some(_) => 1,
        None => 2,
    }
}

#[enforce_state_invariants]
pub fn guarded(status: OrderStatus) -> u8 {
    match status {
        OrderStatus::Shipped(TrackingId(id)) if id.is_empty() => 0,
        OrderStatus::Cancelled { reason, .. } => reason.len() as u8,
        _ => 1,
    }
}

fn main() {}
