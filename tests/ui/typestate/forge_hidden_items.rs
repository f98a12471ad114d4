// The other items the expansion makes for its own use are private to the declaring module: the
// conversions' dispatch trait of a generic machine, the raw shape serde reads stored data into, and
// the sealed supertrait of the states, and the raw shapes a record and a flat row are read into.
use stateguard::typestate;

#[typestate(serde)]
pub mod order {
    #[machine]
    pub struct Order<T> {
        items: Vec<T>,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(ship => Shipped)]
        Pending,
        #[terminal]
        Shipped { tracking_id: String },
    }
}

#[typestate(serde(tag = "state"))]
pub mod parcel {
    #[machine]
    pub struct Parcel {
        weight: u32,
    }

    #[states]
    pub enum ParcelState {
        #[initial]
        #[to(send => Sent)]
        Packed,
        #[terminal]
        Sent { tracking_id: String },
    }
}

struct Teleported;

impl<T> order::__GuardOrderErase<T> for Teleported {}

impl order::__guard_sealed::Sealed for Teleported {}

fn main() {
    let _raw: order::__GuardOrderSerde<u8> =
        serde_json::from_str(r#"{"Shipped": {"items": [], "tracking_id": ""}}"#).unwrap();
    let _record: order::__GuardOrderRecordSerde<u8> =
        serde_json::from_str(r#"{"Shipped": {"items": [], "tracking_id": ""}}"#).unwrap();
    let _row: parcel::__GuardParcelRowSerde =
        serde_json::from_str(r#"{"state": "Sent", "weight": 1}"#).unwrap();
}
