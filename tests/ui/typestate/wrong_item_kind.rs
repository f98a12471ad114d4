use stateguard::typestate;

#[typestate]
pub struct Order {
    id: u64,
}

#[typestate]
pub mod invoice {
    #[machine]
    pub enum Invoice {
        Draft,
    }

    #[states]
    pub struct InvoiceState;
}

fn main() {}
