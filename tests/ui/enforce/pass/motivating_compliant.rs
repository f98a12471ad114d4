// The motivating arm, written correctly: the tracking id is bound (by reference) and used.
#![deny(warnings)]
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

#[derive(Clone, Debug)]
pub struct TrackingId(pub String);

pub struct Order {
    pub status: OrderStatus,
    pub tracking: Option<TrackingId>,
}

impl Order {
    pub fn set_shipped(&mut self, id: TrackingId) {
        self.tracking = Some(id);
    }
}

#[enforce_state_invariants]
pub fn on_update(order: &mut Order, update: &OrderStatus) {
    match *update {
        OrderStatus::Shipped(ref id) => order.set_shipped(id.clone()),
        OrderStatus::Cancelled { ref reason, .. } => order.status = OrderStatus::Cancelled {
            reason: reason.clone(),
            note: None,
        },
        OrderStatus::Pending => {}
    }
}

fn main() {
    let mut order = Order { status: OrderStatus::Pending, tracking: None };
    on_update(&mut order, &OrderStatus::Shipped(TrackingId("1Z".into())));
    assert_eq!(order.tracking.map(|id| id.0), Some("1Z".to_owned()));
}
