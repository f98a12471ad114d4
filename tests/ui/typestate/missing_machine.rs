use stateguard::typestate;

#[typestate]
pub mod order {
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid,
    }
}

fn main() {}
