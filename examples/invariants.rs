//! Value invariants declared once, enforced at every boundary.
//!
//! `cargo run --example invariants`
use serde::{Deserialize, Serialize};
use stateguard::{Guarded, Invariant};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Status {
    Pending,
    Shipped,
}

/// A rule across fields: a shipped order has a non-empty tracking id.
fn shipped_has_tracking(order: &Order) -> bool {
    order.status != Status::Shipped
        || order
            .tracking_id
            .as_deref()
            .is_some_and(|id| !id.is_empty())
}

fn is_sku(sku: &str) -> bool {
    sku.len() == 6 && sku.as_bytes()[3] == b'-'
}

#[derive(Debug, Clone, Serialize, Deserialize, Invariant)]
#[invariant(check = shipped_has_tracking, message = "a shipped order needs a tracking id")]
struct Order {
    #[invariant(len(min = 1, max = 64))]
    customer: String,
    status: Status,
    #[invariant(non_empty)]
    tracking_id: Option<String>,
    #[invariant(non_empty, len(max = 10), nested)]
    items: Vec<LineItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Invariant)]
struct LineItem {
    #[invariant(check = is_sku, message = "must look like `KET-01`", rule = "sku")]
    sku: String,
    #[invariant(range(min = 1, max = 99))]
    qty: u32,
}

fn main() {
    // 1. Checked construction: every violation, each with a path, a rule and a message.
    let draft = Order {
        customer: "Ada".into(),
        status: Status::Shipped,
        tracking_id: None,
        items: vec![
            LineItem {
                sku: "KET-01".into(),
                qty: 1,
            },
            LineItem {
                sku: "mug".into(),
                qty: 0,
            },
        ],
    };
    match draft.clone().checked() {
        Ok(_) => println!("unexpected: the draft is valid"),
        Err(violations) => println!("checked construction rejected the draft:\n{violations}\n"),
    }

    // 2. A guarded value: only valid values, all-or-nothing changes.
    let mut order = Guarded::new(Order {
        status: Status::Pending,
        items: vec![LineItem {
            sku: "KET-01".into(),
            qty: 1,
        }],
        ..draft
    })
    .expect("a valid order");
    let rejected = order.modify(|order| order.status = Status::Shipped);
    println!(
        "shipping without a tracking id: {}",
        rejected.expect_err("rejected")
    );
    println!("the order is unchanged: status {:?}\n", order.status);
    order
        .modify(|order| {
            order.status = Status::Shipped;
            order.tracking_id = Some("1Z999AA1".into());
        })
        .expect("a valid change");
    println!(
        "shipped with tracking id {:?}\n",
        order.tracking_id.as_deref()
    );

    // 3. Deserialization is a boundary too: invalid JSON never becomes an order.
    let json = r#"{"customer":"","status":"Pending","tracking_id":null,"items":[{"sku":"KET-01","qty":100}]}"#;
    match serde_json::from_str::<Guarded<Order>>(json) {
        Ok(_) => println!("unexpected: invalid JSON accepted"),
        Err(error) => println!("invalid JSON rejected: {error}"),
    }
    let violations = order.get().check().err().unwrap_or_default();
    println!(
        "\nthe guarded order re-checks clean: {} violations; as JSON for programs: {}",
        violations.len(),
        serde_json::to_string(&violations).expect("serializable")
    );
}
