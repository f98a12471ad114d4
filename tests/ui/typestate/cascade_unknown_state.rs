// After G0101 the machine keeps its shape: the misspelt target is read as the state the message
// suggests, and a target that names no state is added as one, so the code below that calls the
// transitions, names the states and matches the erased enum reports nothing more.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shiped, refund => Refunded)]
        Paid { payment_ref: String },
        #[terminal]
        Shipped { tracking_id: String },
    }
}

fn main() {
    let pending = order::Order::<order::Pending>::new(1);
    let paid: order::Order<order::Paid> = pending.pay("p-1".to_owned());
    let shipped: order::Order<order::Shipped> = paid.ship("1Z".to_owned());
    println!("{} {}", shipped.id(), shipped.tracking_id());
    let stored: order::OrderState = shipped.into();
    if let order::OrderState::Shipped(order) = stored {
        println!("{}", order.tracking_id());
    }
    let refunded = order::Order::new(2).pay("p-2".to_owned()).refund();
    println!("{}", refunded.state_name());
}
