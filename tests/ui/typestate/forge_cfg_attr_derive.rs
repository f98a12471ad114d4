// A derive under `cfg_attr` is as much a derive as a plain one: `Copy` and `Default` are refused on
// the machine and on the states enum, at any depth of `cfg_attr`.
use stateguard::typestate;

#[typestate]
pub mod order {
    #[machine]
    #[cfg_attr(all(), derive(Debug, Clone, Copy, Default))]
    pub struct Order {
        #[invariant(range(min = 1))]
        id: u64,
    }

    #[states]
    #[cfg_attr(all(), cfg_attr(all(), derive(Clone, Copy)))]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid)]
        Pending,
        #[terminal]
        Paid,
    }
}

fn main() {}
