// `if let`, `while let` (with let chains) and `let … else` follow the same rules as match arms.
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

#[enforce_state_invariants]
pub fn constructs(status: OrderStatus, mut queue: Vec<OrderStatus>) -> bool {
    if let OrderStatus::Shipped(_) = &status {
        return true;
    }
    while let Some(OrderStatus::Cancelled { note, .. }) = queue.pop() {
        drop(note);
    }
    if let Some(next) = queue.first()
        && let OrderStatus::Shipped(tracking_id) = next
    {
        return false;
    }
    let OrderStatus::Cancelled { reason, .. } = status else {
        return false;
    };
    true
}

fn main() {}
