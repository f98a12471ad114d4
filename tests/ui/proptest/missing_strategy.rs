// A field whose type has no strategy: the machine compiles, the test that asks for it does not,
// with one error (its settings add none).
use stateguard::typestate;

#[derive(Debug, Clone)]
pub struct TrackingId(String);

#[typestate]
pub mod order {
    use super::TrackingId;

    #[machine]
    pub struct Order {
        id: u64,
    }

    #[states]
    pub enum OrderState {
        #[initial]
        #[to(ship => Shipped)]
        Pending,
        #[terminal]
        Shipped { tracking_id: TrackingId },
    }
}

fn main() {
    let order = order::Order::new(1).ship(TrackingId(String::from("1Z")));
    assert_eq!(order.tracking_id().0, "1Z");
    stateguard::check_machine!(order::Order, cases = 100, max_steps = 5, seed = 7);
}
