// `check_machine!` where stateguard's `proptest` feature is off.
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
        #[terminal]
        Paid,
    }
}

fn main() {
    let _paid = order::Order::new(1).pay();
    stateguard::check_machine!(order::Order);
}
