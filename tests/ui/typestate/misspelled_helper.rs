// Misspelled or borrowed names of the helper attributes: one error each, no knock-on graph errors.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[intial]
        #[transition(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid,
        #[end]
        Shipped,
    }
}

fn main() {}
