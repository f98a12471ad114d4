// Nested patterns are checked too; matching a required field without binding it is not binding it.
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
pub fn latest(statuses: &[Option<OrderStatus>]) -> usize {
    let mut count = 0;
    for status in statuses {
        match status {
            Some(OrderStatus::Shipped(TrackingId(_))) => count += 1,
            Some(OrderStatus::Cancelled { reason: _, .. }) => count += 2,
            Some(OrderStatus::Pending) | None => {}
        }
    }
    count
}

fn main() {}
