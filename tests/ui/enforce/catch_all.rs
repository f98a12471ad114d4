// A catch-all arm (`_` or a bare binding) may not swallow variants with required data.
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
pub fn is_final(status: &OrderStatus) -> bool {
    match status {
        OrderStatus::Pending => false,
        _ => true,
    }
}

#[enforce_state_invariants]
pub fn reason(status: OrderStatus) -> Option<String> {
    match status {
        OrderStatus::Cancelled { reason, .. } => Some(reason),
        other => {
            drop(other);
            None
        }
    }
}

fn main() {}
