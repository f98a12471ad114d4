use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid,
    }
}

fn main() {}
