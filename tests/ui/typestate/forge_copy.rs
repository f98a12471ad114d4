// `Copy` would let a consumed machine be used again (paid and cancelled at once). The states carry a
// private field that is not `Copy`, so rustc refuses the impl wherever it is written.
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

impl Copy for order::Pending {}

fn main() {}
