// `Invariant` derived by hand on the machine and the states: `#[typestate]` derives it itself.
use guard_core::{Invariant, typestate};

#[typestate]
pub mod subscription {
    use super::Invariant;

    #[machine]
    #[derive(Debug, Invariant)]
    pub struct Subscription {
        #[invariant(range(min = 1))]
        seats: u32,
    }

    #[states]
    #[derive(Debug, guard_core::Invariant)]
    pub enum SubscriptionState {
        #[initial]
        #[to(activate => Active)]
        Trial,
        #[terminal]
        Active {
            #[invariant(range(min = 1))]
            renews_at: u64,
        },
    }
}

fn main() {}
