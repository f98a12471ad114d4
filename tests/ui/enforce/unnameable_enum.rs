// `Self::` on a single method cannot be resolved: the attribute does not see the impl.
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

impl OrderStatus {
    #[enforce_state_invariants]
    pub fn is_shipped(&self) -> bool {
        match self {
            Self::Shipped(tracking_id) => !tracking_id.0.is_empty(),
            Self::Cancelled { reason, .. } => reason.is_empty(),
            Self::Pending => false,
        }
    }
}

fn main() {}
