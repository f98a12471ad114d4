use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shiped, refund => Refunded)]
        Paid,
        #[terminal]
        Shipped,
    }
}

fn main() {}
