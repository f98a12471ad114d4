//! Error codes of `#[typestate]`.

use super::Code;

/// `#[to(ship => Shiped)]` names a state the `#[states]` enum does not declare.
pub(crate) const UNKNOWN_STATE: Code = Code {
    id: "G0101",
    title: "transition to a state that does not exist",
};
/// The same transition name appears twice in one state's `#[to(..)]`.
pub(crate) const DUPLICATE_TRANSITION: Code = Code {
    id: "G0102",
    title: "transition declared twice from one state",
};
/// No variant is marked `#[initial]`.
pub(crate) const NO_INITIAL_STATE: Code = Code {
    id: "G0103",
    title: "machine without an initial state",
};
/// A state no transition leads to, and not `#[initial]`.
pub(crate) const UNREACHABLE_STATE: Code = Code {
    id: "G0104",
    title: "state that can never be reached",
};
/// A state with no `#[to(..)]` that is not `#[terminal]`.
pub(crate) const DEAD_END: Code = Code {
    id: "G0105",
    title: "non-terminal state with no way out",
};
/// A `#[terminal]` state that also declares `#[to(..)]`.
pub(crate) const TERMINAL_WITH_TRANSITIONS: Code = Code {
    id: "G0106",
    title: "terminal state with outgoing transitions",
};
/// The module has no `#[machine]` struct.
pub(crate) const MISSING_MACHINE: Code = Code {
    id: "G0107",
    title: "no `#[machine]` struct in the module",
};
/// The module has no `#[states]` enum.
pub(crate) const MISSING_STATES: Code = Code {
    id: "G0108",
    title: "no `#[states]` enum in the module",
};
/// One transition name leads to different states depending on where it starts.
pub(crate) const CONFLICTING_TARGETS: Code = Code {
    id: "G0109",
    title: "one transition name with two different target states",
};
/// Two `#[machine]` structs or two `#[states]` enums in one module.
pub(crate) const DUPLICATE_DECLARATION: Code = Code {
    id: "G0110",
    title: "second `#[machine]` or `#[states]` in one module",
};
/// Two generated methods would get the same name (fields, transitions, built-in methods).
pub(crate) const NAME_CLASH: Code = Code {
    id: "G0111",
    title: "two generated methods would have the same name",
};
/// A derive that would create machines or states without going through a transition.
pub(crate) const FORGING_DERIVE: Code = Code {
    id: "G0112",
    title: "derive that would let code forge a state",
};
/// A declaration shape `#[typestate]` does not support (tuple machine, generics on the enum, ...).
pub(crate) const UNSUPPORTED_SHAPE: Code = Code {
    id: "G0113",
    title: "declaration shape not supported by `#[typestate]`",
};
/// `#[derive(Invariant)]` written on the machine or the states, which `#[typestate]` derives itself.
pub(crate) const DERIVED_BY_TYPESTATE: Code = Code {
    id: "G0114",
    title: "`Invariant` derived by hand inside `#[typestate]`",
};

/// Every code of this area, for the registry test.
#[cfg(test)]
pub(crate) const ALL: &[Code] = &[
    UNKNOWN_STATE,
    DUPLICATE_TRANSITION,
    NO_INITIAL_STATE,
    UNREACHABLE_STATE,
    DEAD_END,
    TERMINAL_WITH_TRANSITIONS,
    MISSING_MACHINE,
    MISSING_STATES,
    CONFLICTING_TARGETS,
    DUPLICATE_DECLARATION,
    NAME_CLASH,
    FORGING_DERIVE,
    UNSUPPORTED_SHAPE,
    DERIVED_BY_TYPESTATE,
];
