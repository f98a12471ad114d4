// Binding a required field is not enough: the arm must use it. `let _ = x` and `_x` are not uses.
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
pub fn archive(status: OrderStatus) -> u8 {
    match status {
        OrderStatus::Shipped(tracking_id) => {
            let _ = tracking_id;
            1
        }
        OrderStatus::Cancelled { reason: _reason, note } => note.map_or(2, |_| 3),
        OrderStatus::Pending => 0,
    }
}

fn main() {}
