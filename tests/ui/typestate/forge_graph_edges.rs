// Code outside the declaring module, in the same crate, tries to add edges to the graph: an unpaid
// order that ships, a delivered order cancelled again, a field getter for a state without it.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    #[derive(Debug, Clone)]
    pub struct Order {
        #[invariant(range(min = 1))]
        id: u64,
    }

    #[states]
    #[derive(Debug, Clone)]
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
}

impl order::__guard_order::OrderTransition::ship for order::Pending {}

impl order::__guard_order::OrderTransition::cancel for order::Delivered {}

impl order::__guard_order::OrderField<order::__guard_order::field::tracking_id, String>
    for order::Pending
{
    fn __guard_get(&self) -> &String {
        unimplemented!()
    }
}

fn main() {}
