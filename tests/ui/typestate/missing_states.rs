use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    pub enum OrderState {
        Pending,
        Paid,
    }
}

fn main() {}
