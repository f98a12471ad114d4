//! The `serde` boundary: deserializing a `Guarded<T>` (or a field marked
//! `deserialize_with = "stateguard::deserialize_checked"`, or a type behind `#[serde(try_from)]`)
//! checks the invariants; invalid JSON is an error naming every violation.

use serde::{Deserialize, Serialize};
use stateguard::{Guarded, Invariant, Violations};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Invariant)]
struct LineItem {
    #[invariant(len(min = 3, max = 8))]
    sku: String,
    #[invariant(range(min = 1, max = 99))]
    qty: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Invariant)]
struct Order {
    #[invariant(non_empty)]
    customer: String,
    #[invariant(nested, non_empty)]
    items: Vec<LineItem>,
}

#[test]
fn valid_json_round_trips_through_guarded() {
    let json = r#"{"customer":"ada","items":[{"sku":"KET-01","qty":2}]}"#;
    let order: Guarded<Order> = serde_json::from_str(json).unwrap();
    assert_eq!(order.items[0].qty, 2);
    assert_eq!(serde_json::to_string(&order).unwrap(), json);
}

#[test]
fn invalid_json_is_an_error_naming_every_violation() {
    let json = r#"{"customer":"","items":[{"sku":"K","qty":0},{"sku":"MUG-02","qty":100}]}"#;
    let error = serde_json::from_str::<Guarded<Order>>(json).unwrap_err();
    assert_eq!(
        error.to_string(),
        "4 violations:\n  - customer: must not be empty (non_empty)\n  - items[0].sku: must have at least 3 characters (has 1) (len)\n  - items[0].qty: must be at least 1 (is 0) (range)\n  - items[1].qty: must be at most 99 (is 100) (range)"
    );
    // Malformed JSON stays serde's own error.
    let error = serde_json::from_str::<Guarded<Order>>(r#"{"customer": 3}"#).unwrap_err();
    assert!(error.to_string().starts_with("invalid type: integer `3`"));
}

#[test]
fn a_checked_field_inside_a_plain_struct() {
    #[derive(Debug, Deserialize)]
    struct Envelope {
        id: u64,
        #[serde(deserialize_with = "stateguard::deserialize_checked")]
        order: Order,
    }
    let ok: Envelope = serde_json::from_str(
        r#"{"id":1,"order":{"customer":"ada","items":[{"sku":"TEA","qty":1}]}}"#,
    )
    .unwrap();
    assert_eq!((ok.id, ok.order.customer.as_str()), (1, "ada"));
    let error =
        serde_json::from_str::<Envelope>(r#"{"id":1,"order":{"customer":"ada","items":[]}}"#)
            .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("1 violation: items: must not be empty (non_empty)"),
        "{error}"
    );
}

/// The `#[serde(try_from)]` pattern: the type itself can only be deserialized valid.
#[derive(Debug, Deserialize, Invariant)]
#[serde(try_from = "UncheckedSku")]
struct Sku(#[invariant(len(min = 3, max = 8))] String);

#[derive(Deserialize)]
struct UncheckedSku(String);

impl TryFrom<UncheckedSku> for Sku {
    type Error = Violations;
    fn try_from(unchecked: UncheckedSku) -> Result<Self, Violations> {
        Sku(unchecked.0).checked()
    }
}

#[test]
fn an_opted_in_type_validates_on_deserialize() {
    assert_eq!(
        serde_json::from_str::<Sku>(r#""KET-01""#).unwrap().0,
        "KET-01"
    );
    let error = serde_json::from_str::<Sku>(r#""K""#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "1 violation: 0: must have at least 3 characters (has 1) (len)"
    );
}

#[test]
fn violations_serialize_for_programs() {
    let order = Order {
        customer: String::new(),
        items: vec![LineItem {
            sku: "KET-01".into(),
            qty: 0,
        }],
    };
    let violations = order.check().unwrap_err();
    let json = serde_json::to_value(&violations).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"path": ["customer"], "rule": "non_empty", "message": "must not be empty"},
            {"path": ["items", 0, "qty"], "rule": "range", "message": "must be at least 1 (is 0)"}
        ])
    );
}
