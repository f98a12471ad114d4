use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(cancel => Refunded)]
        Paid,
        #[terminal]
        Cancelled,
        #[terminal]
        Refunded,
    }
}

fn main() {}
