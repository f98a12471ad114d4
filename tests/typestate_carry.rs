//! `#[carry(..)]`: a field of one state moves into the next without being declared again or copied
//! by hand; a rejected transition gives it back.
use stateguard::{TransitionError, typestate};

#[typestate(serde(tag = "state"))]
pub mod order {
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order<T> {
        id: T,
    }

    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String, note: Vec<T> },
        #[to(deliver => Delivered)]
        #[carry(payment_ref)]
        Shipped {
            #[invariant(non_empty)]
            tracking_id: String,
        },
        #[terminal]
        #[carry(payment_ref, tracking_id)]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}
use order::{Order, OrderState, Shipped};

#[test]
fn carried_fields_move_across_transitions() {
    let paid = Order::new(7_u32).pay("pay-1".to_owned(), vec![1]);
    let shipped: Order<u32, Shipped> = paid.ship("1Z".to_owned()).unwrap();
    assert_eq!(shipped.payment_ref(), "pay-1");
    let delivered = shipped.deliver();
    assert_eq!(
        (
            delivered.payment_ref().as_str(),
            delivered.tracking_id().as_str()
        ),
        ("pay-1", "1Z")
    );
}

#[test]
fn a_rejected_transition_puts_the_carried_fields_back() {
    let paid = Order::new(7_u32).pay("pay-1".to_owned(), vec![1, 2]);
    let rejected = paid.clone().ship(String::new()).unwrap_err();
    assert_eq!(rejected.machine, paid);
    assert_eq!(
        rejected.violations.to_string(),
        "1 violation: Shipped.tracking_id: must not be empty (non_empty)"
    );
}

#[test]
fn the_erased_enum_takes_only_the_state_s_own_fields() {
    let erased = OrderState::from(Order::new(1_u32))
        .pay("p".to_owned(), Vec::new())
        .unwrap();
    let Err(TransitionError::Rejected(rejected)) = erased.clone().ship(String::new()) else {
        panic!("expected a rejection");
    };
    assert_eq!(rejected.machine, erased);
    let delivered = erased.ship("1Z".to_owned()).unwrap().deliver().unwrap();
    let json = serde_json::to_string(&delivered).unwrap();
    assert_eq!(
        json,
        r#"{"state":"Delivered","id":1,"payment_ref":"p","tracking_id":"1Z"}"#
    );
    let back: OrderState<u32> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, delivered);
    let row = delivered.into_row();
    assert_eq!((row.payment_ref.as_deref(), row.note), (Some("p"), None));
}

#[test]
fn a_generic_carrying_machine_is_property_tested() {
    let report = stateguard::check_machine!(OrderState<u32>, cases = 1_000, seed = 2);
    assert!(
        report.rejected > 0,
        "empty tracking ids are drawn: {report:?}"
    );
    let delivered = order::OrderStateId::Delivered;
    assert!(
        report.visits_of::<OrderState<u32>>(delivered) > 0,
        "{report:?}"
    );
}

#[test]
fn a_transition_s_arguments_deserialise_and_apply_without_the_carried_fields() {
    use order::{OrderDeliverArguments, OrderPayArguments, OrderShipArguments};
    use stateguard::Transition;
    let pay: OrderPayArguments<u32> =
        serde_json::from_str(r#"{"payment_ref": "p", "note": [4]}"#).unwrap();
    let paid = pay.apply(OrderState::from(Order::new(1_u32))).unwrap();
    // `payment_ref` is carried into `Shipped`: not an argument of `ship`.
    let error =
        serde_json::from_str::<OrderShipArguments>(r#"{"tracking_id": "1Z", "payment_ref": "x"}"#)
            .unwrap_err();
    assert!(
        error.to_string().starts_with("unknown field `payment_ref`"),
        "{error}"
    );
    let ship: OrderShipArguments = serde_json::from_str(r#"{"tracking_id": ""}"#).unwrap();
    let Err(TransitionError::Rejected(rejected)) = ship.apply(paid.clone()) else {
        panic!("an empty tracking id is rejected");
    };
    assert_eq!(rejected.machine, paid);
    let shipped = OrderShipArguments {
        tracking_id: "1Z".to_owned(),
    }
    .apply(paid)
    .unwrap();
    let deliver: OrderDeliverArguments = serde_json::from_str("{}").unwrap();
    assert_eq!(
        <OrderDeliverArguments as Transition<OrderState<u32>>>::NAME,
        "deliver"
    );
    let delivered = deliver.apply(shipped).unwrap();
    assert_eq!(delivered.state_name(), "Delivered");
    let again = OrderDeliverArguments {}.apply(delivered);
    assert!(matches!(
        again,
        Err(TransitionError::NotAllowed {
            from: "Delivered",
            ..
        })
    ));
}
