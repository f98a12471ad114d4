use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    #[derive(Debug, Clone, Copy, Default)]
    pub struct Order {
        id: u64,
    }

    #[states]
    #[derive(Debug, Clone, serde::Deserialize)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid,
    }
}

fn main() {}
