// Compliant code over enums published by `#[derive(Invariant)]` and by `#[typestate]`.
#![deny(warnings)]
use stateguard::{enforce_state_invariants, typestate, Invariant};

#[derive(Invariant)]
pub enum OrderStatus {
    Pending,
    Shipped(#[invariant(required)] TrackingId),
    Cancelled {
        #[invariant(required, non_empty)]
        reason: String,
        note: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrackingId(pub String);

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
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

#[enforce_state_invariants]
pub fn tracking(update: &OrderStatus) -> Option<TrackingId> {
    match update {
        OrderStatus::Shipped(id) => Some(id.clone()),
        OrderStatus::Cancelled { reason, .. } => {
            println!("cancelled: {reason}");
            None
        }
        OrderStatus::Pending => None,
    }
}

#[enforce_state_invariants]
pub fn label(state: &order::OrderState) -> String {
    match state {
        order::OrderState::Pending(order) => format!("pending {}", order.id()),
        order::OrderState::Shipped(order) => format!("shipped {}", order.tracking_id()),
    }
}

fn main() {
    let shipped = order::Order::new(7).ship("1Z".to_owned());
    assert_eq!(label(&order::OrderState::from(shipped)), "shipped 1Z");
    assert_eq!(tracking(&OrderStatus::Shipped(TrackingId("1Z".into()))), Some(TrackingId("1Z".into())));
}
