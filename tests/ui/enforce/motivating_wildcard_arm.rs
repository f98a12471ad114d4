// The motivating case with a wildcard arm: `_` takes the shipped order and its tracking id.
use stateguard::enforce_state_invariants;

#[derive(stateguard::Invariant)]
pub enum OrderStatus {
    Pending,
    Shipped(#[invariant(required)] TrackingId),
    Cancelled {
        #[invariant(required)]
        reason: String,
        note: Option<String>,
    },
}

pub struct TrackingId(pub String);

pub struct Order {
    pub status: OrderStatus,
}

#[enforce_state_invariants]
pub fn on_update(order: &mut Order, update: OrderStatus) {
    match update {
        OrderStatus::Cancelled { reason, .. } => drop(reason),
        OrderStatus::Pending => {}
        _ => order.status = OrderStatus::Pending,
    }
}

fn main() {}
