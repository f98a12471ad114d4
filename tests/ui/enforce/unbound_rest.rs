// `..` hides required fields, in tuple and struct variants alike.
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
pub fn describe(status: &OrderStatus) -> &'static str {
    match status {
        OrderStatus::Shipped(..) => "shipped",
        OrderStatus::Cancelled { note, .. } => note.as_deref().map_or("cancelled", |_| "noted"),
        OrderStatus::Pending => "pending",
    }
}

fn main() {}
