// Variants imported with `use Enum::*` are named without their enum: the check infers the enum
// from the pattern and finds its table through the type, so they are checked like any other
// (the fix names the variant alone, as the code does). A generic enum's variants are checked when
// the matched value is `self` or a parameter whose declared type names the enum.
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

mod generic {
    use stateguard::enforce_state_invariants;
    use stateguard_enforce_upstream::Slot;
    use stateguard_enforce_upstream::Slot::*;

    #[enforce_state_invariants]
    pub fn is_filled<T>(slot: &Slot<T>) -> bool {
        match slot {
            Filled(_) => true,
            Empty => false,
        }
    }
}

// `use Enum::{self, *}` imports the enum's type but not the table published under its name; the
// matched parameter's declared type leads to it.
mod with_self {
    use stateguard::enforce_state_invariants;
    use stateguard_enforce_upstream::shipping::Parcel::{self, *};

    #[enforce_state_invariants]
    pub fn is_moving(parcel: &Parcel) -> bool {
        match parcel {
            Parcel::InTransit(..) => true,
            Waiting | Delivered { .. } => false,
        }
    }
}

fn main() {}
