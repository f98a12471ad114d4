//! `#[enforce_state_invariants]` on code that matches enums declared in another crate, reached
//! through a re-export, a module path and a type alias (followed here because the matched values
//! are parameters declared with it). The ui tests `ui/enforce/cross_crate.rs` and
//! `ui/enforce/generic_bare.rs` show the same enums rejected when an arm ignores their data.
use stateguard::enforce_state_invariants;
use stateguard_enforce_upstream::shipping::{self, TrackingCode};
use stateguard_enforce_upstream::{Parcel, Slot};

type Delivery = shipping::Parcel;
type Number = Slot<u32>;

#[enforce_state_invariants]
mod downstream {
    use super::*;

    pub(crate) fn label(parcel: &Parcel) -> String {
        match parcel {
            Parcel::Waiting => "waiting".to_owned(),
            Parcel::InTransit(TrackingCode(code)) => format!("in transit: {code}"),
            shipping::Parcel::Delivered { signature, .. } => format!("signed by {signature}"),
        }
    }

    pub(crate) fn signature(parcel: Delivery) -> Option<String> {
        let Delivery::Delivered { signature, note } = parcel else {
            return None;
        };
        Some(note.map_or_else(|| signature.clone(), |note| format!("{signature} ({note})")))
    }

    pub(crate) fn value(slot: &Number) -> u32 {
        match slot {
            Number::Filled(value) => *value,
            Number::Empty => 0,
        }
    }

    pub(crate) fn value_by_turbofish(slot: Slot<u32>) -> u32 {
        if let Slot::<u32>::Filled(value) = slot {
            return value;
        }
        0
    }
}

#[test]
fn checked_code_runs_unchanged() {
    let transit = Parcel::InTransit(TrackingCode("1Z999".to_owned()));
    assert_eq!(downstream::label(&transit), "in transit: 1Z999");
    let delivered = Parcel::Delivered {
        signature: "Ada".to_owned(),
        note: Some("porch".to_owned()),
    };
    assert_eq!(downstream::label(&delivered), "signed by Ada");
    assert_eq!(
        downstream::signature(delivered).as_deref(),
        Some("Ada (porch)")
    );
    assert_eq!(downstream::signature(Parcel::Waiting), None);
    assert_eq!(downstream::value(&Slot::Filled(7)), 7);
    assert_eq!(downstream::value_by_turbofish(Slot::Empty), 0);
}
