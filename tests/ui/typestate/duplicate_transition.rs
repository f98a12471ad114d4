use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, pay => Cancelled)]
        Pending,
        #[terminal]
        Paid,
        #[terminal]
        Cancelled,
    }
}

fn main() {}
