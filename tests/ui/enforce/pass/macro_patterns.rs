// Patterns written by macros pass when they match a type without required fields: the check
// knows the type from the declared type, from another arm, or by inference from the pattern.
#![deny(warnings)]
use stateguard::enforce_state_invariants;

macro_rules! small {
    () => {
        0..=9
    };
}

macro_rules! first {
    ($name:ident) => {
        Plain::A($name)
    };
}

pub enum Plain {
    A(u8),
    B,
}

pub struct Holder {
    pub plain: Plain,
    pub count: u8,
}

#[enforce_state_invariants]
pub fn parameter(n: u8) -> u8 {
    match n {
        small!() => 1,
        _ => 0,
    }
}

#[enforce_state_invariants]
pub fn local() -> u8 {
    let n = 5u8;
    match n {
        small!() => 1,
        _ => 0,
    }
}

#[enforce_state_invariants]
pub fn nested(n: Option<u8>) -> u8 {
    match n {
        Some(small!()) => 1,
        _ => 0,
    }
}

#[enforce_state_invariants]
pub fn plain_enum(holder: &Holder) -> u8 {
    match holder.plain {
        first!(x) => x,
        Plain::B => 0,
    }
}

#[enforce_state_invariants]
pub fn if_let(holder: &Holder) -> u8 {
    if let first!(x) = holder.plain {
        return x;
    }
    if let small!() = holder.count {
        return 1;
    }
    0
}

// A `macro_rules!` defined in the fn's body cannot be named by the check, which stands at the
// start of the block: its pattern passes unchecked.
#[enforce_state_invariants]
pub fn local_macro(holder: &Holder) -> u8 {
    macro_rules! second {
        () => {
            Plain::B
        };
    }
    match holder.plain {
        second!() => 1,
        _ => 0,
    }
}

fn main() {}

pub struct Wrapper<T>(pub T);

macro_rules! wrapped {
    ($name:ident) => {
        Wrapper($name)
    };
}

#[enforce_state_invariants]
pub fn generic_tuple_struct<T: Default>(value: Wrapper<T>) -> T {
    match value {
        wrapped!(inner) => inner,
    }
}

pub enum Named {
    Text(String),
    Empty,
}

pub struct Note {
    pub named: Named,
}

macro_rules! text {
    ($($binding:tt)*) => {
        Named::Text($($binding)*)
    };
}

// The inferred check moves out of its value and binds `ref mut` as the arm does.
#[enforce_state_invariants]
pub fn moving(note: Note) -> usize {
    match note.named {
        text!(t) => t.len(),
        _ => 0,
    }
}

#[enforce_state_invariants]
pub fn mutating(note: &mut Note) -> usize {
    match note.named {
        text!(ref mut t) => {
            t.push('!');
            t.len()
        }
        _ => 0,
    }
}
