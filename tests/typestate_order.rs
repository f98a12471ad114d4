//! The order machine from the guide: construction, transitions, getters, the erased enum and the
//! checked restore path.
use stateguard::typestate;

#[typestate]
pub mod order {
    /// An order, whatever its state.
    #[machine]
    #[derive(Debug, Clone, PartialEq)]
    pub struct Order {
        id: u64,
        items: Vec<String>,
    }

    /// The life of an order.
    #[states]
    #[derive(Debug, Clone, PartialEq)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String },
        #[to(deliver => Delivered)]
        Shipped { tracking_id: String },
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }

    impl Order<Paid> {
        /// Business logic wrapping a transition, written next to the machine.
        pub fn ship_with_carrier(self, carrier: &str, number: u32) -> Order<Shipped> {
            self.ship(format!("{carrier}-{number}"))
        }
    }
}

use order::{Cancelled, Delivered, Order, OrderRecord, OrderState, Paid, Pending, Shipped};

#[test]
fn walks_the_happy_path() {
    let pending: Order<Pending> = Order::new(7, vec!["book".to_owned()]);
    assert_eq!(pending.state_name(), "Pending");
    assert_eq!(*pending.id(), 7);
    let paid: Order<Paid> = pending.pay("pay-1".to_owned());
    assert_eq!(paid.payment_ref(), "pay-1");
    assert_eq!(paid.items(), &["book".to_owned()]);
    let shipped: Order<Shipped> = paid.ship_with_carrier("UPS", 42);
    assert_eq!(shipped.tracking_id(), "UPS-42");
    let delivered: Order<Delivered> = shipped.deliver();
    assert_eq!(delivered.state_name(), "Delivered");
    assert_eq!(delivered.id(), &7);
}

#[test]
fn one_cancel_method_serves_every_source_state() {
    let from_pending: Order<Cancelled> = Order::new(1, vec![]).cancel("changed mind".to_owned());
    assert_eq!(from_pending.reason(), "changed mind");
    let from_paid: Order<Cancelled> = Order::new(2, vec![])
        .pay("p".to_owned())
        .cancel("out of stock".to_owned());
    assert_eq!(from_paid.reason(), "out of stock");
    assert_eq!(from_paid.state_name(), "Cancelled");
}

#[test]
fn erased_enum_round_trips_and_gives_the_value_back_on_a_wrong_state() {
    let paid = Order::new(3, vec!["pen".to_owned()]).pay("p-3".to_owned());
    let erased: OrderState = paid.clone().into();
    assert_eq!(erased.state_name(), "Paid");
    let wrong = Order::<Shipped>::try_from(erased).expect_err("not shipped");
    assert_eq!(wrong.state_name(), "Paid");
    let back = Order::<Paid>::try_from(wrong).expect("it is paid");
    assert_eq!(back, paid);
    match OrderState::from(back) {
        OrderState::Paid(order) => assert_eq!(order.payment_ref(), "p-3"),
        other => panic!("unexpected state {}", other.state_name()),
    }
}

#[test]
fn records_restore_through_the_checked_path() {
    let shipped = Order::new(4, vec![])
        .pay("p".to_owned())
        .ship("T-1".to_owned());
    let record = OrderState::from(shipped.clone()).into_record();
    assert_eq!(
        record,
        OrderRecord::Shipped {
            id: 4,
            items: vec![],
            tracking_id: "T-1".to_owned()
        }
    );
    let restored = OrderState::restore(record).expect("valid record");
    assert_eq!(restored, OrderState::Shipped(shipped));
}

#[test]
fn lists_states_and_draws_the_graph() {
    assert_eq!(
        OrderState::STATES,
        ["Pending", "Paid", "Shipped", "Delivered", "Cancelled"]
    );
    assert_eq!(
        OrderState::MERMAID,
        "stateDiagram-v2\n    [*] --> Pending\n    Pending --> Paid: pay\n    Pending --> Cancelled: cancel\n    Paid --> Shipped: ship\n    Paid --> Cancelled: cancel\n    Shipped --> Delivered: deliver\n    Delivered --> [*]\n    Cancelled --> [*]\n"
    );
}

mod zero_cost {
    use super::order::{Delivered, Order, Paid, Pending};
    use static_assertions::{assert_eq_size, assert_not_impl_any};

    // Only their sizes are compared (older compilers call them unused).
    #[allow(dead_code)]
    struct Data {
        _id: u64,
        _items: Vec<String>,
    }
    #[allow(dead_code)]
    struct PaidData {
        _id: u64,
        _items: Vec<String>,
        _payment_ref: String,
    }
    assert_eq_size!(Order<Pending>, Data);
    assert_eq_size!(Order<Delivered>, Data);
    assert_eq_size!(Order<Paid>, PaidData);
    assert_not_impl_any!(Order<Pending>: Copy, Default);
    // The seal every state carries takes no room: a unit state is still zero-sized.
    assert_eq_size!(Pending, ());
    assert_eq_size!(Delivered, ());
    assert_eq_size!(Paid, String);
    assert_not_impl_any!(Pending: Copy, Default);
    assert_not_impl_any!(Paid: Copy, Default);
    assert_not_impl_any!(Order<Paid>: Copy, Default);
}
