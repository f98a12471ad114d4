// A generic enum named without its arguments (`Slot::Filled`) is checked: the check finds the
// table the enum publishes under its own name (here the name in the parameter's declared type
// `&Slot<T>`), without naming the type, which would need the arguments.
use stateguard::enforce_state_invariants;
use stateguard_enforce_upstream::Slot;

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

#[derive(stateguard::__private::__GuardRequired)]
pub enum Job<T: core::fmt::Display, const N: usize> {
    Idle,
    Running {
        #[required]
        task: T,
        tries: [u8; N],
    },
}

// `Self` in a generic impl is looked up by the self type's name too: no placeholder has to meet
// `T: Display`, and const parameters are no obstacle.
#[enforce_state_invariants]
impl<T: core::fmt::Display, const N: usize> Job<T, N> {
    pub fn tries(&self) -> usize {
        match self {
            Self::Running { tries, .. } => tries.len(),
            Self::Idle => 0,
        }
    }
}

fn main() {}
