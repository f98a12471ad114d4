//! `#[typestate(serde)]`: the erased enum serializes; deserializing goes through the checked
//! restore path, so bad data is an error and never a machine.
use stateguard::typestate;

#[typestate(serde)]
pub mod order {
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order<T> {
        id: u64,
        items: Vec<T>,
    }

    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String },
        #[to(deliver => Delivered)]
        Shipped(String),
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

use order::{Order, OrderState, Shipped};

#[test]
fn serializes_each_state_flat_and_round_trips() {
    let shipped = Order::new(9, vec!["book".to_owned()])
        .pay("p-9".to_owned())
        .ship("1Z".to_owned());
    let erased = OrderState::from(shipped.clone());
    let json = serde_json::to_string(&erased).expect("serializes");
    assert_eq!(
        json,
        r#"{"Shipped":{"id":9,"items":["book"],"field_0":"1Z"}}"#
    );
    let back: OrderState<String> = serde_json::from_str(&json).expect("valid data restores");
    assert_eq!(back, erased);
    assert_eq!(Order::<String, Shipped>::try_from(back), Ok(shipped));

    let pending = OrderState::from(Order::<u8, _>::new(1, vec![]));
    let json = serde_json::to_string(&pending).expect("serializes");
    assert_eq!(json, r#"{"Pending":{"id":1,"items":[]}}"#);
    let back: OrderState<u8> = serde_json::from_str(&json).expect("restores");
    assert_eq!(back.state_name(), "Pending");
}

#[test]
fn corrupt_data_is_an_error_not_a_machine() {
    let unknown_state =
        serde_json::from_str::<OrderState<u8>>(r#"{"Teleported":{"id":1,"items":[]}}"#)
            .expect_err("no such state");
    assert!(
        unknown_state
            .to_string()
            .contains("unknown variant `Teleported`"),
        "{unknown_state}"
    );
    let missing_field = serde_json::from_str::<OrderState<u8>>(r#"{"Paid":{"id":1,"items":[]}}"#)
        .expect_err("a paid order has a payment reference");
    assert!(
        missing_field
            .to_string()
            .contains("missing field `payment_ref`"),
        "{missing_field}"
    );
    let smuggled = serde_json::from_str::<OrderState<u8>>(
        r#"{"Pending":{"id":1,"items":[],"tracking_id":"forged"}}"#,
    )
    .expect_err("fields of other states are rejected");
    assert!(
        smuggled.to_string().contains("unknown field `tracking_id`"),
        "{smuggled}"
    );
}
