// Enums declared in another crate are checked like local ones: their metadata travels with the type.
use stateguard::enforce_state_invariants;
use stateguard_enforce_upstream::{shipping, Parcel, Slot};

#[enforce_state_invariants]
pub fn label(parcel: &Parcel, slot: Slot<u8>) -> &'static str {
    if let Slot::<u8>::Filled(_) = slot {
        return "filled";
    }
    match parcel {
        Parcel::InTransit(..) => "in transit",
        shipping::Parcel::Waiting => "waiting",
        _ => "delivered",
    }
}

fn main() {}
