// A pattern written by a macro cannot be read, so it is rejected rather than passed unchecked.
use guard_core::enforce_state_invariants;

#[derive(guard_core::__private::__GuardRequired)]
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

macro_rules! shipped {
    () => {
        OrderStatus::Shipped(_)
    };
}

#[enforce_state_invariants]
pub fn is_shipped(status: &OrderStatus) -> bool {
    match status {
        shipped!() => true,
        OrderStatus::Cancelled { reason, .. } => reason.is_empty(),
        OrderStatus::Pending => false,
    }
}

fn main() {}
