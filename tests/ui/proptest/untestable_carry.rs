// A machine whose states use `#[carry(..)]` has no property-test description: `check_machine!`
// says so with a code, and nothing else fails.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    pub struct Order;

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[to(ship => Shipped)]
        Paid { payment_ref: String },
        #[terminal]
        #[carry(payment_ref)]
        Shipped { tracking_id: String },
    }
}

fn main() {
    let shipped = order::Order::new().pay(String::from("pay-1")).ship(String::from("1Z"));
    assert_eq!(shipped.payment_ref(), "pay-1");
    let _report = stateguard::check_machine!(order::Order, cases = 100);
}
