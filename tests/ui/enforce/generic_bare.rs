// A generic enum named without its arguments (`Slot::Filled`) is checked: the check finds the
// table the enum publishes under its own name, without naming the type (which would need the
// arguments).
use guard_core::enforce_state_invariants;
use guard_enforce_upstream::Slot;

#[enforce_state_invariants]
pub fn value(slot: Slot<u8>) -> u8 {
    match slot {
        Slot::Filled(value) => value,
        Slot::Empty => 0,
    }
}

#[enforce_state_invariants]
pub fn is_filled<T>(slot: &Slot<T>) -> bool {
    match slot {
        Slot::Filled(_) => true,
        Slot::Empty => false,
    }
}

#[enforce_state_invariants]
pub fn is_empty<T>(slot: &Slot<T>) -> bool {
    match slot {
        Slot::Empty => true,
        _ => false,
    }
}

fn main() {}
