// After G0111 (a getter, a transition or a state whose name is taken), the machine keeps the
// shape the renames of the messages give it, so the code below reports nothing more.
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

fn main() {
    let paid = order::Order::new(1, String::from("web")).pay(5);
    println!("{} {}", paid.id(), paid.amount());
    let shipped = paid.ship(String::from("five"));
    println!("{}", shipped.state_name());
    let sealed = boxes::Parcel::new(3_u8).seal();
    println!("{} {}", sealed.content(), sealed.state_name());
}
