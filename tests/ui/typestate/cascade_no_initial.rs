// After G0103 the machine keeps its shape: the first state is read as the initial one, as the
// message suggests, so `new` and the transitions exist for the code below.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid { payment_ref: String },
    }
}

fn main() {
    let pending = order::Order::<order::Pending>::new(1);
    let paid = pending.pay("p-1".to_owned());
    println!("{} {}", paid.id(), paid.payment_ref());
    let inferred = order::Order::new(2);
    let stored: order::OrderState = inferred.into();
    match stored {
        order::OrderState::Pending(order) => println!("{}", order.id()),
        order::OrderState::Paid(order) => println!("{}", order.payment_ref()),
    }
}
