// Variants imported with `use Enum::*` are named without their enum: the check infers the enum
// from the pattern and finds its table through the type, so they are checked like any other
// (the fix names the variant alone, as the code does).
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

#[enforce_state_invariants]
pub fn is_pending(status: &OrderStatus) -> bool {
    match status {
        Pending => true,
        _ => false,
    }
}

#[enforce_state_invariants]
pub fn note(status: &OrderStatus) -> Option<&str> {
    if let Cancelled { note, .. } = status {
        return note.as_deref();
    }
    None
}

fn main() {}
