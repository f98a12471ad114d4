// A pattern written by a macro cannot be read: when it matches an enum with required fields it is
// rejected rather than passed unchecked, whether the enum is known from the declared type, from
// another arm, or by inference from the macro's pattern.
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

macro_rules! shipped {
    () => {
        OrderStatus::Shipped(_)
    };
}

#[enforce_state_invariants]
pub fn is_shipped(status: &OrderStatus) -> bool {
    match status {
        shipped!() => true,
        OrderStatus::Cancelled { reason, .. } => reason.is_empty(),
        OrderStatus::Pending => false,
    }
}

pub struct Order {
    pub status: OrderStatus,
}

#[enforce_state_invariants]
pub fn on_a_field(order: &Order) -> u8 {
    match &order.status {
        shipped!() => 0,
        OrderStatus::Cancelled { reason, .. } => reason.len() as u8,
        OrderStatus::Pending => 2,
    }
}

#[enforce_state_invariants]
pub fn inferred(order: &Order) -> bool {
    if let shipped!() = order.status {
        return true;
    }
    false
}

fn main() {}
