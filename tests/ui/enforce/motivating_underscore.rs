// The motivating case: `_` hides the tracking id a shipped order must carry on.
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
    Cancelled {
        #[required]
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
        OrderStatus::Shipped(_) => order.status = OrderStatus::Pending,
        OrderStatus::Cancelled { reason, note: _ } => drop(reason),
        OrderStatus::Pending => {}
    }
}

fn main() {}
