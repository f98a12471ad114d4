// `Invariant` derived by hand on the machine and the states: `#[typestate]` derives it itself.
use stateguard::{Invariant, typestate};

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
    #[derive(Debug, stateguard::Invariant)]
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
