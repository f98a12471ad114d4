// The real publishers: `#[derive(Invariant)]` with `#[invariant(required)]`, and the erased enum of a
// `#[typestate]` machine (each state's machine is required).
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
pub fn on_update(update: OrderStatus) -> usize {
    match update {
        OrderStatus::Shipped(_) => 1,
        OrderStatus::Cancelled { note, .. } => note.map_or(0, |note| note.len()),
        OrderStatus::Pending => 0,
    }
}

#[enforce_state_invariants]
pub fn stored(state: order::OrderState) -> bool {
    match state {
        order::OrderState::Pending(_) => false,
        _ => true,
    }
}

fn main() {}
