use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    #[derive(Clone)]
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

fn main() {
    let pending = order::Order::new(1);
    let _forged = order::Order {
        id: 1,
        state: pending.state().clone(),
    };
}
