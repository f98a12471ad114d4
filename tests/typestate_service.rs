//! What a service calls on the erased enum: transitions from any state, shared-field getters, the
//! record's serde and `state_name()`, the flat row with its checked restore, and the flat serde form.
use stateguard::{RestoreError, TransitionError, typestate};

#[typestate(serde(tag = "state"))]
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
        Paid {
            payment_ref: String,
            note: Option<String>,
        },
        #[to(deliver => Delivered)]
        Shipped(#[invariant(non_empty)] String),
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled {
            #[invariant(non_empty)]
            reason: String,
        },
    }
}
use order::{Order, OrderRecord, OrderRow, OrderState};

fn pending() -> OrderState<&'static str> {
    OrderState::from(Order::new(7, vec!["book"]))
}

#[test]
fn erased_transitions_move_or_hand_the_machine_back() {
    let paid = pending().pay("pay-1".to_owned(), None).unwrap();
    assert_eq!(paid.state_name(), "Paid");
    assert_eq!(paid.id(), &7);
    assert_eq!(paid.items(), &vec!["book"]);

    let error = paid.clone().deliver().unwrap_err();
    assert_eq!(
        error.to_string(),
        "transition `deliver` is not allowed from state `Paid`; it is allowed from `Shipped`"
    );
    let TransitionError::NotAllowed {
        machine,
        transition,
        from,
        allowed_from,
    } = error
    else {
        panic!("expected NotAllowed");
    };
    assert_eq!(
        (transition, from, allowed_from),
        ("deliver", "Paid", &["Shipped"][..])
    );
    assert_eq!(machine, paid);

    // Rejected: the machine back unchanged, paths relative to the arguments.
    let error = paid.clone().cancel(String::new()).unwrap_err();
    let violations = error.violations().unwrap();
    assert_eq!(violations.as_slice()[0].path().to_string(), "reason");
    assert_eq!(error.into_machine(), paid);

    // A tuple state's field is relative too: its position.
    let error = paid.clone().ship(String::new()).unwrap_err();
    assert_eq!(
        error.violations().unwrap().as_slice()[0].path().to_string(),
        "0"
    );

    let delivered = paid.ship("1Z".to_owned()).unwrap().deliver().unwrap();
    assert_eq!(delivered.state_name(), "Delivered");
    assert!(matches!(
        delivered.cancel("late".to_owned()),
        Err(TransitionError::NotAllowed {
            from: "Delivered",
            ..
        })
    ));
}

#[test]
fn records_name_their_state_and_serialize_in_the_chosen_form() {
    let record = pending().pay("p".to_owned(), None).unwrap().into_record();
    assert_eq!(record.state_name(), "Paid");
    let json = serde_json::to_string(&record).unwrap();
    assert_eq!(
        json,
        r#"{"state":"Paid","id":7,"items":["book"],"payment_ref":"p","note":null}"#
    );
    let back: OrderRecord<String> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.state_name(), "Paid");
    // The record is plain data: deserializing it checks nothing, `restore` does.
    let unchecked: OrderRecord<String> =
        serde_json::from_str(r#"{"state":"Cancelled","id":1,"items":[],"reason":""}"#).unwrap();
    assert!(matches!(
        OrderState::restore(unchecked),
        Err(RestoreError::Invalid(_))
    ));
}

#[test]
fn the_flat_row_round_trips_and_is_checked_on_the_way_back() {
    let shipped = pending()
        .pay("p".to_owned(), Some("gift".to_owned()))
        .unwrap()
        .ship("1Z".to_owned())
        .unwrap();
    let row = shipped.clone().into_row();
    assert_eq!(
        row,
        OrderRow {
            state: "Shipped".to_owned(),
            id: 7,
            items: vec!["book"],
            payment_ref: None,
            note: None,
            shipped: Some("1Z".to_owned()),
            reason: None,
        }
    );
    assert_eq!(OrderState::restore_row(row.clone()).unwrap(), shipped);

    let unknown = OrderRow {
        state: "Teleported".to_owned(),
        ..row.clone()
    };
    assert_eq!(
        OrderState::restore_row(unknown).unwrap_err(),
        RestoreError::UnknownState {
            found: "Teleported".to_owned(),
            states: OrderState::<&str>::STATES
        }
    );
    let confused = OrderRow {
        state: "Paid".to_owned(),
        ..row.clone()
    };
    let error = OrderState::restore_row(confused).unwrap_err();
    assert_eq!(
        error,
        RestoreError::Fields {
            state: "Paid",
            missing: vec!["payment_ref"],
            foreign: vec!["shipped"]
        }
    );
    assert_eq!(
        error.to_string(),
        "cannot restore: a record in state `Paid` lacks `payment_ref` and holds fields of other states: `shipped`"
    );
    // An `Option` field may be absent: it is `None`.
    let paid = OrderRow {
        state: "Paid".to_owned(),
        payment_ref: Some("p".to_owned()),
        shipped: None,
        ..row.clone()
    };
    assert_eq!(OrderState::restore_row(paid).unwrap().state_name(), "Paid");
    let invalid = OrderRow {
        shipped: Some(String::new()),
        ..row
    };
    assert!(matches!(
        OrderState::restore_row(invalid),
        Err(RestoreError::Invalid(_))
    ));
}

#[test]
fn the_erased_enum_serializes_flat_and_deserializes_through_restore_row() {
    let paid = pending().pay("p".to_owned(), None).unwrap();
    let json = serde_json::to_string(&paid).unwrap();
    assert_eq!(
        json,
        r#"{"state":"Paid","id":7,"items":["book"],"payment_ref":"p","note":null}"#
    );
    let back: OrderState<String> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.state_name(), "Paid");

    for (json, error) in [
        (
            r#"{"state":"Paid","id":1,"items":[]}"#,
            "lacks `payment_ref`",
        ),
        (
            r#"{"state":"Pending","id":1,"items":[],"reason":"x"}"#,
            "holds fields of other states: `reason`",
        ),
        (
            r#"{"state":"Lost","id":1,"items":[]}"#,
            "unknown state \"Lost\"",
        ),
        (
            r#"{"state":"Cancelled","id":1,"items":[],"reason":""}"#,
            "must not be empty",
        ),
        (
            r#"{"state":"Pending","id":1,"items":[],"extra":1}"#,
            "unknown field `extra`",
        ),
    ] {
        let message = serde_json::from_str::<OrderState<String>>(json)
            .unwrap_err()
            .to_string();
        assert!(message.contains(error), "{json}: {message}");
    }
}
