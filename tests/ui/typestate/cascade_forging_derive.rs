// After G0112 the machine keeps its shape, with the derives the message does not refuse: the code
// below that builds, clones, prints and moves machines reports nothing more.
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
        Paid { payment_ref: String },
    }
}

fn main() {
    let pending = order::Order::<order::Pending>::new(1);
    let copy = pending.clone();
    let paid = pending.pay("p-1".to_owned());
    println!("{paid:?} {copy:?} {}", paid.payment_ref());
    let stored: order::OrderState = paid.into();
    println!("{:?}", stored.clone());
}
