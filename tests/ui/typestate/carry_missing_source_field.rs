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
        #[to(cancel => Cancelled)]
        Paid { payment_ref: String },
        #[terminal]
        #[carry(payment_ref)]
        Cancelled,
    }
}

fn main() {}
