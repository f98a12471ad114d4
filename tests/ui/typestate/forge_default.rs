// A hand-written `Default` for a state, outside the declaring module: no code there can build a
// state, because each carries a private field.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    #[derive(Debug, Clone)]
    pub struct Order {
        #[invariant(range(min = 1))]
        id: u64,
    }

    #[states]
    #[derive(Debug, Clone)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String },
        #[to(deliver => Delivered)]
        Shipped { tracking_id: String },
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }
}

impl Default for order::Pending {
    fn default() -> Self {
        order::Pending
    }
}

fn main() {}
