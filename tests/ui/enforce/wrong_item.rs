// The attribute goes on a fn, an impl block or an inline module.
use stateguard::enforce_state_invariants;

#[enforce_state_invariants]
pub struct Order {
    pub id: u32,
}

#[enforce_state_invariants(strict)]
pub fn ship() {}

fn main() {}
