// A catch-all is checked even when no unguarded arm names a variant: a guarded arm says which
// enum is matched (and does not handle its variant), and with no arm naming one, the declared
// type of `self` or of a fn parameter does.
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

fn describe(status: &OrderStatus) -> u8 {
    let _ = status;
    2
}

#[enforce_state_invariants]
pub fn only_guarded(s: OrderStatus) -> u8 {
    match s {
        OrderStatus::Shipped(id) if id.0.is_empty() => 0,
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn only_guarded_on_a_field(order: &Order) -> u8 {
    match &order.status {
        OrderStatus::Shipped(id) if id.0.is_empty() => 0,
        _ => 1,
    }
}

#[enforce_state_invariants]
pub fn only_a_wildcard(s: &OrderStatus) -> u8 {
    match s {
        _ => 0,
    }
}

#[enforce_state_invariants]
pub fn only_bindings(s: OrderStatus) -> u8 {
    match s {
        x if matches!(x, OrderStatus::Pending) => 0,
        x => describe(&x),
    }
}

#[enforce_state_invariants]
impl OrderStatus {
    pub fn rank(&self) -> u8 {
        match self {
            _ => 0,
        }
    }
}

fn main() {}
