// `new` exists on the `#[initial]` state only; on another state rustc reports E0599 in its own
// words (listed in docs/errors.md with the fix: start from the initial state and transition).
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
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid { payment_ref: String },
        #[terminal]
        Shipped { tracking_id: String },
    }
}

fn main() {
    let shipped = order::Order::<order::Shipped>::new(1);
    println!("{}", shipped.id());
}
