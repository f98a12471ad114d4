// `#[invariant(required)]` on a state's field: a state's data is required as a whole already.
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
        #[to(ship => Shipped)]
        Pending,
        #[terminal]
        Shipped {
            #[invariant(required, non_empty)]
            tracking_id: String,
        },
    }
}

fn main() {}
