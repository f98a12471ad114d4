use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
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
    // Plain stored data is not a machine: only `OrderState::restore` turns it into one.
    let record = order::OrderRecord::Shipped {
        id: 1,
        tracking_id: String::new(),
    };
    let _shipped: order::Order<order::Shipped> = record.into();
}
