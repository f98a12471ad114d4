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
        #[terminal]
        #[to(refund => Pending)]
        Paid,
    }
}

fn main() {}
