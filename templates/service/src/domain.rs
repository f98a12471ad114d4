//! The order domain: every state an order can be in, the data each state carries, and the rules
//! that data keeps. Code outside this module cannot build an order in a state except through a
//! transition or the checked restore path.
use serde::{Deserialize, Serialize};
use stateguard::{Generate, Invariant, typestate};

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Invariant, Generate)]
pub struct LineItem {
    #[invariant(non_empty, len(max = 64))]
    pub sku: String,
    #[invariant(range(min = 1, max = 1000))]
    pub quantity: u32,
}

#[typestate(serde(tag = "state"))]
pub mod order {
    use super::LineItem;

    /// An order, whatever its state.
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        #[invariant(non_empty, len(max = 200))]
        customer: String,
        #[invariant(non_empty, each(nested))]
        items: Vec<LineItem>,
    }

    /// The life of an order.
    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            #[invariant(non_empty)]
            payment_ref: String,
        },
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
        Cancelled {
            #[invariant(non_empty)]
            reason: String,
        },
    }
}

pub use order::{Order, OrderRow, OrderState};

/// Tier 3: random valid transition sequences, every invariant checked after every step.
#[test]
fn every_sequence_of_transitions_keeps_the_invariants() {
    stateguard::check_machine!(order::Order, cases = 10_000);
}
