// The table a generic enum publishes is found by the enum's name wherever that name is in scope:
// through a renamed import, and for an enum declared inside a fn. (The matched values here are not
// fn parameters, so the pattern's own path is what the check goes by.)
use stateguard::enforce_state_invariants;
use stateguard_enforce_upstream::Slot as Cell;

#[enforce_state_invariants]
pub fn is_filled(cells: &[Cell<u8>]) -> bool {
    matches!(cells[0], Cell::Filled(..))
        || if let Cell::Filled(_) = cells[1] { true } else { false }
}

#[enforce_state_invariants]
pub fn local(flag: bool) -> usize {
    #[derive(stateguard::__private::__GuardRequired)]
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
