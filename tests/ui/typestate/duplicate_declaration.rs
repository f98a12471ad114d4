use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[machine]
    pub struct Invoice;

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
