// A catch-all inside a larger pattern is called a pattern, not an arm, and the fix keeps what
// surrounds it (here the tuple and the alternative holding it).
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
pub fn pair(status: OrderStatus, attempt: u8) -> u8 {
    match (status, attempt) {
        (OrderStatus::Pending, _) => 0,
        (_, 0) | (_, 1) => 1,
        _ => 2,
    }
}

fn main() {}
