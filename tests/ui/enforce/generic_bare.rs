// A generic enum named without its arguments cannot be written in the check item. A pattern that
// binds and uses every field needs no check and compiles; one that could break a rule is rejected
// by the compiler at the pattern. Name it with its arguments (`Slot::<u8>::Filled`), an alias, or
// `Self`.
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
pub fn is_filled(slot: Slot<u8>) -> bool {
    match slot {
        Slot::Filled(_) => true,
        Slot::Empty => false,
    }
}

fn main() {}
