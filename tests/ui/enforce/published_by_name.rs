// The table a generic enum publishes is found by the enum's name wherever that name is in scope:
// through a renamed import, and for an enum declared inside a fn.
use guard_core::enforce_state_invariants;
use guard_enforce_upstream::Slot as Cell;

#[enforce_state_invariants]
pub fn is_filled(cell: &Cell<u8>) -> bool {
    matches!(cell, Cell::Filled(..)) && !matches!(cell, Cell::Empty)
        || if let Cell::Filled(_) = cell { true } else { false }
}

#[enforce_state_invariants]
pub fn local(flag: bool) -> usize {
    #[derive(guard_core::__private::__GuardRequired)]
    enum Local<T> {
        Idle,
        Busy { #[required] job: T, since: u64 },
    }
    let local = if flag { Local::Busy { job: "x", since: 0 } } else { Local::Idle };
    match local {
        Local::Busy { since, .. } => since as usize,
        Local::Idle => 0,
    }
}

fn main() {}
