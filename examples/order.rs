//! The order lifecycle: Pending → Paid → Shipped → Delivered, or Cancelled from Pending or Paid.
//!
//! Walks two orders through their lives, stores one as JSON, restores it, shows that corrupt
//! stored data is rejected instead of becoming an order, and prints the state graph.
//!
//! ```sh
//! cargo run --example order
//! ```
use serde::{Deserialize, Serialize};
use stateguard::typestate;

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    sku: String,
    quantity: u32,
}

#[typestate(serde(tag = "state"))]
pub mod order {
    use super::LineItem;

    /// An order, whatever its state.
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        id: u64,
        items: Vec<LineItem>,
    }

    /// The life of an order.
    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        /// Placed, not paid yet.
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        /// Paid; the payment provider's reference is kept.
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String },
        /// Handed to a carrier. A shipped order always has a tracking id: the rule is checked
        /// by the `ship` transition and by every restore.
        #[to(deliver => Delivered)]
        Shipped {
            #[invariant(non_empty)]
            tracking_id: String,
        },
        /// At the customer.
        #[terminal]
        Delivered,
        /// Called off, with the reason.
        #[terminal]
        Cancelled { reason: String },
    }

    impl Order<Paid> {
        /// Business logic around a transition: a paid order ships with a carrier's tracking
        /// number, formatted the one way the warehouse expects.
        ///
        /// # Errors
        /// Gives the paid order back, untouched, if the tracking id breaks its rules.
        pub fn ship_with(
            self,
            carrier: &str,
            number: u32,
        ) -> Result<Order<Shipped>, stateguard::Rejected<Self>> {
            self.ship(format!("{carrier}-{number:08}"))
        }
    }
}

use order::{Order, OrderState};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let items = vec![
        LineItem {
            sku: "BOOK-42".to_owned(),
            quantity: 1,
        },
        LineItem {
            sku: "PEN-7".to_owned(),
            quantity: 3,
        },
    ];

    println!("== an order's life");
    let order = Order::new(1001, items.clone());
    println!("order {} is {}", order.id(), order.state_name());
    let order = order.pay("pay_3KXq9".to_owned());
    println!(
        "order {} is {} (payment {})",
        order.id(),
        order.state_name(),
        order.payment_ref()
    );
    // A transition into a state with rules is checked; a rejection loses nothing.
    let rejected = order
        .ship(String::new())
        .expect_err("an empty tracking id is rejected");
    println!("ship(\"\") rejected: {}", rejected.violations);
    let order = rejected.machine;
    println!("order {} is still {}", order.id(), order.state_name());
    let order = order.ship_with("UPS", 4_242)?;
    println!(
        "order {} is {} (tracking {})",
        order.id(),
        order.state_name(),
        order.tracking_id()
    );
    let shipped_copy = order.clone();
    let order = order.deliver();
    println!("order {} is {}", order.id(), order.state_name());

    let cancelled = Order::new(1002, items)
        .pay("pay_8Hz1".to_owned())
        .cancel("customer changed their mind".to_owned());
    println!(
        "order {} is {} ({})",
        cancelled.id(),
        cancelled.state_name(),
        cancelled.reason()
    );

    println!("\n== store as JSON and restore");
    let json = serde_json::to_string(&OrderState::from(shipped_copy.clone()))?;
    println!("stored:   {json}");
    let restored: OrderState = serde_json::from_str(&json)?;
    println!(
        "restored: state {}, customer order {}",
        restored.state_name(),
        restored.id()
    );
    // The state is known only at run time: the erased enum has every transition, checked then.
    let refused = restored
        .clone()
        .cancel("too late".to_owned())
        .expect_err("Shipped has no cancel");
    println!("cancel refused: {refused}");
    let delivered = restored.deliver()?;
    println!(
        "          deliver() on the restored order: {}",
        delivered.state_name()
    );

    println!("\n== corrupt stored data is rejected, never turned into an order");
    let corrupt = [
        // A state that does not exist.
        r#"{"state":"Teleported","id":1003,"items":[]}"#,
        // A shipped order without its tracking id.
        r#"{"state":"Shipped","id":1004,"items":[]}"#,
        // A shipped order whose tracking id breaks the rule.
        r#"{"state":"Shipped","id":1006,"items":[],"tracking_id":""}"#,
        // A pending order smuggling in another state's data.
        r#"{"state":"Pending","id":1005,"items":[],"tracking_id":"FORGED"}"#,
    ];
    for json in corrupt {
        match serde_json::from_str::<OrderState>(json) {
            Ok(order) => println!("accepted?! {}", order.state_name()),
            Err(error) => println!("rejected: {json}\n          {error}"),
        }
    }

    println!("\n== the state graph (Mermaid)");
    print!("{}", OrderState::MERMAID);
    Ok(())
}
