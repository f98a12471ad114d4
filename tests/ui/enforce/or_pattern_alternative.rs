// An alternative of an or-pattern that ignores a required field is told to get an arm of its own:
// binding the field in that alternative alone would not compile (E0408), since every alternative
// must bind the same names.
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Cancelled {
        #[required]
        reason: String,
    },
    Refunded {
        #[required]
        amount: u64,
        #[required]
        by: String,
    },
}

#[enforce_state_invariants]
pub fn who(status: &OrderStatus) -> usize {
    match status {
        OrderStatus::Cancelled { reason, .. } | OrderStatus::Refunded { by: reason, .. } => {
            reason.len()
        }
        OrderStatus::Pending => 0,
    }
}

#[enforce_state_invariants]
pub fn nested(status: Option<&OrderStatus>) -> usize {
    if let Some(OrderStatus::Cancelled { reason }) | Some(OrderStatus::Refunded { by: reason, .. }) =
        status
    {
        return reason.len();
    }
    0
}

fn main() {}
