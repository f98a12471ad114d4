use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
        state: String,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, id => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid { amount: u64 },
        #[terminal]
        Shipped { amount: String },
    }
}

#[typestate]
pub mod boxes {
    #[machine]
    pub struct Parcel<T> {
        content: T,
    }

    #[states]
    pub enum ParcelState {
        #[initial]
        #[to(seal => T)]
        Open,
        #[terminal]
        T,
    }
}

fn main() {}
