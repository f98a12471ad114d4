//! `#[derive(Invariant)]`: every rule, paths, enums, generics, struct-level checks.
#![warn(clippy::pedantic)]
#![allow(clippy::trivially_copy_pass_by_ref)]

use stateguard::{Guarded, Invariant, Violation, Violations};
use std::collections::{BTreeMap, VecDeque};

fn paths(violations: &Violations) -> Vec<String> {
    violations
        .iter()
        .map(|violation| violation.path().to_string())
        .collect()
}

fn rules(violations: &Violations) -> Vec<&str> {
    violations.iter().map(Violation::rule).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Status {
    Pending,
    Shipped,
}

fn is_sku(sku: &str) -> bool {
    sku.len() == 6 && sku.is_char_boundary(3) && &sku[3..4] == "-"
}

/// The motivating case: a shipped order needs a non-empty tracking id.
fn shipped_has_tracking(order: &Order) -> bool {
    order.status != Status::Shipped
        || order
            .tracking_id
            .as_deref()
            .is_some_and(|id| !id.is_empty())
}

#[derive(Debug, Clone, Invariant)]
#[invariant(check = shipped_has_tracking, message = "a shipped order needs a tracking id", rule = "shipped_has_tracking")]
struct Order {
    #[invariant(len(min = 1, max = 8))]
    customer: String,
    status: Status,
    #[invariant(non_empty)]
    tracking_id: Option<String>,
    #[invariant(nested, len(max = 3))]
    items: Vec<LineItem>,
    #[invariant(nested)]
    address: Option<Address>,
}

#[derive(Debug, Clone, Invariant)]
struct LineItem {
    #[invariant(check = is_sku, message = "must look like `ABC-12`")]
    sku: String,
    #[invariant(range(min = 1, max = 99))]
    qty: u32,
}

#[derive(Debug, Clone, Invariant)]
struct Address {
    #[invariant(non_empty)]
    city: String,
}

fn item(sku: &str, qty: u32) -> LineItem {
    LineItem {
        sku: sku.into(),
        qty,
    }
}

fn valid_order() -> Order {
    Order {
        customer: "ada".into(),
        status: Status::Pending,
        tracking_id: None,
        items: vec![item("KET-01", 1), item("MUG-02", 2)],
        address: Some(Address {
            city: "Paris".into(),
        }),
    }
}

#[test]
fn a_valid_value_passes() {
    assert_eq!(valid_order().check(), Ok(()));
}

#[test]
fn shipped_order_requires_a_non_empty_tracking_id() {
    let mut order = valid_order();
    order.status = Status::Shipped;
    let violations = order.check().unwrap_err();
    assert_eq!(rules(&violations), ["shipped_has_tracking"]);
    assert_eq!(paths(&violations), [""]);
    assert_eq!(
        violations.to_string(),
        "1 violation: a shipped order needs a tracking id (shipped_has_tracking)"
    );

    // `Some("")` breaks both the field rule and the struct-level rule.
    order.tracking_id = Some(String::new());
    let violations = order.check().unwrap_err();
    assert_eq!(rules(&violations), ["non_empty", "shipped_has_tracking"]);
    assert_eq!(paths(&violations), ["tracking_id", ""]);

    order.tracking_id = Some("1Z999".into());
    assert_eq!(order.check(), Ok(()));
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let order = Order {
        customer: "a-very-long-name".into(),
        status: Status::Pending,
        tracking_id: None,
        items: vec![
            item("KET-01", 1),
            item("MUG-02", 0),
            item("bad", 100),
            item("X", 5),
        ],
        address: Some(Address {
            city: String::new(),
        }),
    };
    let violations = order.check().unwrap_err();
    assert_eq!(
        paths(&violations),
        [
            "customer",
            "items[1].qty",
            "items[2].sku",
            "items[2].qty",
            "items[3].sku",
            "items",
            "address.city"
        ]
    );
    assert_eq!(
        rules(&violations),
        [
            "len",
            "range",
            "is_sku",
            "range",
            "is_sku",
            "len",
            "non_empty"
        ]
    );
    let messages: Vec<&str> = violations.iter().map(Violation::message).collect();
    assert_eq!(messages[0], "must have at most 8 characters (has 16)");
    assert_eq!(messages[1], "must be at least 1 (is 0)");
    assert_eq!(messages[2], "must look like `ABC-12`");
    assert_eq!(messages[3], "must be at most 99 (is 100)");
    assert_eq!(messages[5], "must have at most 3 elements (has 4)");
}

#[test]
fn length_counts_characters_not_bytes() {
    #[derive(Invariant)]
    struct Name(#[invariant(len(min = 2, max = 3))] String);
    assert!(Name("été".into()).check().is_ok()); // 3 chars, 5 bytes
    assert!(Name("été!".into()).check().is_err());
    assert!(Name("é".into()).check().is_err()); // 1 char, 2 bytes
    let violations = Name("ééééé".into()).check().unwrap_err();
    assert_eq!(
        violations.to_string(),
        "1 violation: 0: must have at most 3 characters (has 5) (len)"
    );
}

#[test]
fn exclusive_bounds_and_floats() {
    #[derive(Invariant)]
    struct Ratio {
        #[invariant(range(greater_than = 0.0, less_than = 1.0))]
        value: f64,
        #[invariant(range(min = -10, max = 10))]
        offset: Option<i32>,
    }
    assert!(
        Ratio {
            value: 0.5,
            offset: None
        }
        .check()
        .is_ok()
    );
    assert!(
        Ratio {
            value: 0.5,
            offset: Some(-10)
        }
        .check()
        .is_ok()
    );
    let violations = Ratio {
        value: 0.0,
        offset: Some(11),
    }
    .check()
    .unwrap_err();
    assert_eq!(
        violations
            .iter()
            .map(Violation::message)
            .collect::<Vec<_>>(),
        [
            "must be greater than 0 (is 0)",
            "must be at most 10 (is 11)"
        ]
    );
    assert!(
        Ratio {
            value: 1.0,
            offset: None
        }
        .check()
        .is_err()
    );
}

const MAX_TAGS: usize = 2;

#[test]
fn each_checks_elements_with_indexes_and_keys() {
    #[derive(Invariant)]
    struct Catalog {
        #[invariant(len(max = MAX_TAGS), each(non_empty, len(max = 5)))]
        tags: Vec<String>,
        #[invariant(each(range(min = 1)))]
        prices: BTreeMap<String, u32>,
        #[invariant(each(nested))]
        queue: VecDeque<Address>,
        #[invariant(each(each(non_empty)))]
        grid: [Vec<String>; 2],
        #[invariant(each(non_empty))]
        optional: Option<Vec<Option<String>>>,
    }
    let catalog = Catalog {
        tags: vec!["red".into(), String::new(), "crimson".into()],
        prices: BTreeMap::from([("eu".to_owned(), 0), ("us".to_owned(), 3)]),
        queue: VecDeque::from([Address {
            city: String::new(),
        }]),
        grid: [vec!["a".into()], vec![String::new()]],
        optional: Some(vec![None, Some(String::new())]),
    };
    let violations = catalog.check().unwrap_err();
    assert_eq!(
        paths(&violations),
        [
            "tags",
            "tags[1]",
            "tags[2]",
            "prices[\"eu\"]",
            "queue[0].city",
            "grid[1][0]",
            "optional[1]"
        ]
    );
}

#[derive(Debug, Invariant)]
enum Shipment {
    Pending,
    Shipped {
        #[invariant(non_empty, required)]
        tracking_id: String,
        #[invariant(range(min = 1))]
        parcels: u8,
    },
    #[invariant(check = cancelled_has_reason, message = "a cancelled shipment needs a reason")]
    Cancelled {
        #[invariant(required)]
        reason: String,
    },
    Split(#[invariant(nested)] Address, #[invariant(non_empty)] String),
}

fn cancelled_has_reason(shipment: &Shipment) -> bool {
    !matches!(shipment, Shipment::Cancelled { reason } if reason.trim().is_empty())
}

#[test]
fn enum_variants_are_path_segments() {
    assert!(Shipment::Pending.check().is_ok());
    let violations = Shipment::Shipped {
        tracking_id: String::new(),
        parcels: 0,
    }
    .check()
    .unwrap_err();
    assert_eq!(
        paths(&violations),
        ["Shipped.tracking_id", "Shipped.parcels"]
    );

    let violations = Shipment::Cancelled { reason: " ".into() }
        .check()
        .unwrap_err();
    assert_eq!(paths(&violations), ["Cancelled"]);
    assert_eq!(rules(&violations), ["cancelled_has_reason"]);

    let violations = Shipment::Split(
        Address {
            city: String::new(),
        },
        String::new(),
    )
    .check()
    .unwrap_err();
    assert_eq!(paths(&violations), ["Split.0.city", "Split.1"]);
}

#[derive(Debug, Invariant)]
struct Page<T, const N: usize>
where
    T: Clone,
{
    #[invariant(nested, len(max = N))]
    rows: Vec<T>,
    #[invariant(check = has_title)]
    title: String,
    #[invariant(non_empty)]
    label: Option<T>,
}

fn has_title(title: &str) -> bool {
    !title.is_empty()
}

impl stateguard::rules::HasLength for Address {
    fn length(&self) -> usize {
        self.city.chars().count()
    }
}

#[test]
fn generic_types_get_bounds_only_where_needed() {
    let page: Page<Address, 1> = Page {
        rows: vec![
            Address {
                city: String::new(),
            },
            Address {
                city: "Oslo".into(),
            },
        ],
        title: String::new(),
        label: Some(Address {
            city: String::new(),
        }),
    };
    let violations = page.check().unwrap_err();
    assert_eq!(
        paths(&violations),
        ["rows[0].city", "rows", "title", "label"]
    );
    assert_eq!(
        rules(&violations),
        ["non_empty", "len", "has_title", "non_empty"]
    );
}

#[test]
fn checked_construction_and_guarded_values() {
    assert!(valid_order().checked().is_ok());
    let mut broken = valid_order();
    broken.customer.clear();
    assert_eq!(paths(&broken.clone().checked().unwrap_err()), ["customer"]);
    assert!(Guarded::new(broken).is_err());

    let mut order = Guarded::new(valid_order()).unwrap();
    order
        .modify(|order| order.items.push(item("TEA-03", 3)))
        .unwrap();
    assert_eq!(order.items.len(), 3);

    // Rejected: a fourth item breaks `len(max = 3)`; the value is exactly as it was.
    let before = format!("{:?}", *order);
    let violations = order
        .modify(|order| {
            order.items.push(item("CUP-04", 4));
            order.customer.clear();
        })
        .unwrap_err();
    assert_eq!(paths(&violations), ["customer", "items"]);
    assert_eq!(format!("{:?}", *order), before);

    // `update` needs no Clone; `replace` hands the rejected value back.
    order
        .update(|current| Order {
            status: Status::Shipped,
            tracking_id: Some("1Z".into()),
            ..current.clone()
        })
        .unwrap();
    assert_eq!(order.status, Status::Shipped);
    let mut invalid = valid_order();
    invalid.status = Status::Shipped;
    let (given_back, violations) = order.replace(invalid).unwrap_err();
    assert_eq!(given_back.status, Status::Shipped);
    assert_eq!(rules(&violations), ["shipped_has_tracking"]);
    assert_eq!(order.tracking_id.as_deref(), Some("1Z"));
    let old = order.replace(valid_order()).unwrap();
    assert_eq!(old.status, Status::Shipped);
}

#[test]
fn a_panicking_change_leaves_the_value_untouched() {
    let mut order = Guarded::new(valid_order()).unwrap();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = order.modify(|order| {
            order.customer.clear();
            panic!("change failed half-way");
        });
    }));
    assert!(result.is_err());
    assert_eq!(order.customer, "ada");
    assert!(order.check().is_ok());
}

/// One variant with rules among several: the generated `match` has a catch-all arm, and stays
/// clean under clippy pedantic (this file warns on it).
#[derive(Debug, Invariant)]
enum Note {
    Empty,
    Text(#[invariant(len(max = 5))] String),
}

#[test]
fn an_enum_with_one_checked_variant() {
    assert!(Note::Empty.check().is_ok());
    assert_eq!(
        paths(&Note::Text("too long".into()).check().unwrap_err()),
        ["Text.0"]
    );
}
