// A variant imported with `use Enum::*` is named without its enum; the check rejects it (the
// compiler reports that the name is a variant, not a type) rather than passing it unchecked.
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

use OrderStatus::*;

#[enforce_state_invariants]
pub fn is_shipped(status: &OrderStatus) -> bool {
    match status {
        Shipped(_) => true,
        Cancelled { reason, .. } => reason.is_empty(),
        Pending => false,
    }
}

fn main() {}
