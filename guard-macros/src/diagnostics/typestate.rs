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
    WRONG_STATE_TRANSITION,
    WRONG_STATE_FIELD,
    FOREIGN_STATE,
    NO_STRATEGY,
    REFUSED_CONVERSION,
    UNTESTABLE,
];

/// A transition called on a machine in a state that does not have it (reported by the compiler
/// through the transition's marker trait; its words are written here).
pub(crate) const WRONG_STATE_TRANSITION: Code = Code {
    id: "G0115",
    title: "transition called in a state that does not have it",
};

/// A state's getter called on a machine in a state that does not carry the field.
pub(crate) const WRONG_STATE_FIELD: Code = Code {
    id: "G0116",
    title: "field read in a state that does not carry it",
};
/// A type outside the `#[states]` enum made to implement the machine's state trait.
pub(crate) const FOREIGN_STATE: Code = Code {
    id: "G0117",
    title: "type that is not a state used as one",
};

/// `check_machine!` on a machine with a field type property tests cannot draw (the words are in
/// `stateguard::proptest::Generate`'s `#[diagnostic::on_unimplemented]`).
#[cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "its words are written in `stateguard`; listed for the registry"
    )
)]
pub(crate) const NO_STRATEGY: Code = Code {
    id: "G0118",
    title: "field type without a property-test strategy",
};

/// Stored data turned into a typed machine without the checked restore path: a `Deserialize` of
/// `Order<S>`, or `From<OrderRecord>` (the compiler reports it through a private trait whose
/// words are written here).
pub(crate) const REFUSED_CONVERSION: Code = Code {
    id: "G0119",
    title: "stored data made a typed machine without the checked restore",
};

/// Which conversion [`refused_conversion`] explains.
#[derive(Clone, Copy)]
pub(crate) enum RefusedConversion {
    Deserialize,
    FromRecord,
}

/// The `#[diagnostic::on_unimplemented]` words of a refused conversion; `{Self}` is the state.
pub(crate) struct ConversionWords {
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) note: String,
}

pub(crate) fn refused_conversion(
    conversion: RefusedConversion,
    machine: &str,
    generic: bool,
    erased: &str,
    record: &str,
    serde: bool,
) -> ConversionWords {
    let code = REFUSED_CONVERSION.id;
    let typed = if generic {
        format!("{machine}<.., {{Self}}>")
    } else {
        format!("{machine}<{{Self}}>")
    };
    let article = if erased.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    let take = format!(
        "then ask for the state you expect: `{machine}::<{{Self}}>::try_from(stored)`, whose `Err` holds the `{erased}` when it is in another state"
    );
    match conversion {
        RefusedConversion::Deserialize => ConversionWords {
            message: format!(
                "[{code}] `{typed}` cannot be deserialized: stored data becomes a machine only through the checked restore path"
            ),
            label: format!("deserialize {article} `{erased}` here"),
            note: if serde {
                format!(
                    "deserialize {article} `{erased}` in its place (every invariant is checked on the way in), {take}"
                )
            } else {
                format!(
                    "write `#[typestate(serde)]` on the module and deserialize {article} `{erased}` in its place (every invariant is checked on the way in), {take}"
                )
            },
        },
        RefusedConversion::FromRecord => ConversionWords {
            message: format!(
                "[{code}] `{typed}` cannot be made from `{record}` by `From`: stored data becomes a machine only through the checked restore path"
            ),
            label: format!("restore the record with `{erased}::restore`"),
            note: format!(
                "write `let stored = {erased}::restore(record)?;` (every invariant is checked), {take}"
            ),
        },
    }
}

/// `check_machine!` on a machine that has no property-test description (its states use
/// `#[carry(..)]`, or it has a lifetime parameter).
pub(crate) const UNTESTABLE: Code = Code {
    id: "G0120",
    title: "machine without a property-test description",
};

/// One state as the wrong-state hints see it: its name, and its transitions with the names of
/// the arguments each takes (the target state's fields).
pub(crate) struct GraphState {
    pub(crate) name: String,
    /// `(transition, target, arguments)`.
    pub(crate) transitions: Vec<(String, String, Vec<String>)>,
}

/// What the compiler says when `transition` is called in a state without it.
pub(crate) struct TransitionHint {
    pub(crate) message: String,
    pub(crate) label: String,
    pub(crate) notes: Vec<String>,
}

/// At most this many source states get their own path in a hint (the nearest first).
const PATHS_SHOWN: usize = 4;

/// Up to this many states, a hint also names the states that can never reach the transition.
const COMPLETE_SEARCH: usize = 64;

/// The hint of every transition name: for each state without it, the shortest path to a state
/// that has it (a backward search from those states, one per transition name, so the cost is
/// the number of names times the size of the graph).
pub(crate) fn transition_hints(
    machine: &str,
    states: &[GraphState],
) -> std::collections::BTreeMap<String, TransitionHint> {
    use std::collections::{BTreeMap, VecDeque};
    let index: BTreeMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(position, state)| (state.name.as_str(), position))
        .collect();
    // Incoming edges: for each state, the (source, transition) pairs that lead to it.
    let mut incoming: Vec<Vec<(usize, usize)>> = vec![Vec::new(); states.len()];
    for (source, state) in states.iter().enumerate() {
        for (edge, (_, target, _)) in state.transitions.iter().enumerate() {
            if let Some(&target) = index.get(target.as_str()) {
                incoming[target].push((source, edge));
            }
        }
    }
    let mut hints = BTreeMap::new();
    for state in states {
        for (name, target, _) in &state.transitions {
            if hints.contains_key(name) {
                continue;
            }
            let holders: Vec<usize> = states
                .iter()
                .enumerate()
                .filter(|(_, state)| state.transitions.iter().any(|(other, ..)| other == name))
                .map(|(position, _)| position)
                .collect();
            // `next[state]`: the first transition on a shortest path, and where it leads.
            let mut next: Vec<Option<(usize, usize)>> = vec![None; states.len()];
            let mut reached = vec![false; states.len()];
            let mut order = Vec::new();
            let mut queue: VecDeque<usize> = holders.iter().copied().collect();
            for &holder in &holders {
                reached[holder] = true;
            }
            // On a large graph the search stops at the states the hint shows, and the states
            // that can never reach the transition go unnamed: a chain of a thousand states must
            // not cost a thousand squared.
            let complete = states.len() <= COMPLETE_SEARCH;
            while let Some(current) = queue.pop_front() {
                if !complete && order.len() >= PATHS_SHOWN {
                    break;
                }
                for &(source, edge) in &incoming[current] {
                    if !reached[source] {
                        reached[source] = true;
                        next[source] = Some((edge, current));
                        order.push(source);
                        queue.push_back(source);
                    }
                }
            }
            let path = |mut from: usize| {
                let mut calls = Vec::new();
                while let Some((edge, to)) = next[from] {
                    let (transition, _, arguments) = &states[from].transitions[edge];
                    calls.push(format!("`.{transition}({})`", arguments.join(", ")));
                    from = to;
                }
                (calls, from)
            };
            let holder_names: Vec<String> = holders
                .iter()
                .map(|&holder| format!("`{}`", states[holder].name))
                .collect();
            let mut routes = Vec::new();
            for &source in order.iter().take(PATHS_SHOWN) {
                let (calls, arrival) = path(source);
                routes.push(format!(
                    "from `{}`, call {} first: `{}` has `{name}`",
                    states[source].name,
                    join_words(&calls, "then"),
                    states[arrival].name
                ));
            }
            let message = if routes.is_empty() {
                format!(
                    "[{}] `{machine}` in state `{{Self}}` has no transition `{name}`, which only {} has",
                    WRONG_STATE_TRANSITION.id,
                    join_words(&holder_names, "and")
                )
            } else {
                format!(
                    "[{}] `{machine}` in state `{{Self}}` has no transition `{name}`: {}",
                    WRONG_STATE_TRANSITION.id, routes[0]
                )
            };
            let mut notes: Vec<String> = routes.iter().skip(1).cloned().collect();
            if complete && order.len() > PATHS_SHOWN {
                notes.push(format!(
                    "{} more states reach `{name}` through the same graph",
                    order.len() - PATHS_SHOWN
                ));
            }
            let stuck_count = reached.iter().filter(|reached| !**reached).count();
            let mut stuck: Vec<String> = states
                .iter()
                .enumerate()
                .filter(|(position, _)| !reached[*position])
                .take(PATHS_SHOWN)
                .map(|(_, state)| format!("`{}`", state.name))
                .collect();
            if stuck_count > PATHS_SHOWN {
                stuck.push(format!("{} other states", stuck_count - PATHS_SHOWN));
            }
            if complete && !stuck.is_empty() {
                notes.push(format!(
                    "from {} no transition leads to a state with `{name}`",
                    join_words(&stuck, "or")
                ));
            }
            notes.push(format!(
                "only to let `{{Self}}` itself do it, a change to the graph: add `{name} => {target}` to the `#[to(..)]` of `{{Self}}`"
            ));
            hints.insert(
                name.clone(),
                TransitionHint {
                    message,
                    label: format!(
                        "`{{Self}}` has no `{name}`; {} has",
                        join_words(&holder_names, "and")
                    ),
                    notes,
                },
            );
        }
    }
    hints
}

/// `a`, `a and b`, `a, b and c` (with `word` for `and`).
fn join_words(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// G0003 for `#[typestate]` on an item that is not a module, spanned on what names the item's
/// kind. On the states enum itself, the fix wraps it in the module it needs, as two insertions
/// around the enum as written (`machine` and `module` are the names the fallback uses too).
pub(crate) fn typestate_not_on_module(
    item: &syn::Item,
    span: proc_macro2::Span,
    states_names: Option<(String, String)>,
) -> syn::Error {
    let message =
        "`#[typestate]` goes on a module that holds a `#[machine]` struct and a `#[states]` enum";
    match (item, states_names) {
        (syn::Item::Enum(states), Some((machine, module))) => {
            let public = matches!(states.vis, syn::Visibility::Public(_));
            let vis = if public { "pub " } else { "" };
            let make_public = if public {
                String::new()
            } else {
                format!(", write `pub enum {}`", states.ident)
            };
            super::WRONG_ITEM_KIND.at(
                span,
                format!("{message}; `{}` is the states enum", states.ident),
                format!(
                    "put the enum in a module with the machine's struct: write `#[typestate] {vis}mod {module} {{ use super::*; #[machine] pub struct {machine}; #[states]` in place of `#[typestate]`{make_public}, and after the enum's closing brace `}} {vis}use {module}::*;`"
                ),
            )
        }
        _ => super::WRONG_ITEM_KIND.at(
            span,
            message,
            "write `#[typestate] pub mod order { #[machine] pub struct Order { .. } #[states] pub enum OrderState { .. } }`",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Vec<GraphState> {
        let state = |name: &str, transitions: &[(&str, &str, &[&str])]| GraphState {
            name: name.to_owned(),
            transitions: transitions
                .iter()
                .map(|(transition, target, arguments)| {
                    (
                        (*transition).to_owned(),
                        (*target).to_owned(),
                        arguments
                            .iter()
                            .map(|argument| (*argument).to_owned())
                            .collect(),
                    )
                })
                .collect(),
        };
        vec![
            state("Draft", &[("submit", "Pending", &[])]),
            state(
                "Pending",
                &[
                    ("pay", "Paid", &["payment_ref"]),
                    ("cancel", "Cancelled", &["reason"]),
                ],
            ),
            state(
                "Paid",
                &[
                    ("ship", "Shipped", &["tracking_id"]),
                    ("cancel", "Cancelled", &["reason"]),
                ],
            ),
            state("Shipped", &[("deliver", "Delivered", &[])]),
            state("Delivered", &[]),
            state("Cancelled", &[]),
        ]
    }

    #[test]
    fn the_hint_leads_with_the_shortest_legal_path() {
        let hints = transition_hints("Order", &order());
        let ship = &hints["ship"];
        assert_eq!(
            ship.message,
            "[G0115] `Order` in state `{Self}` has no transition `ship`: from `Pending`, call `.pay(payment_ref)` first: `Paid` has `ship`"
        );
        assert_eq!(
            ship.notes[0],
            "from `Draft`, call `.submit()` then `.pay(payment_ref)` first: `Paid` has `ship`"
        );
        assert_eq!(
            ship.notes[1],
            "from `Shipped`, `Delivered` or `Cancelled` no transition leads to a state with `ship`"
        );
        assert!(ship.notes[2].contains("add `ship => Shipped` to the `#[to(..)]` of `{Self}`"));
    }

    #[test]
    fn a_transition_no_state_can_reach_again_says_who_has_it() {
        let hints = transition_hints("Order", &order());
        let submit = &hints["submit"];
        assert_eq!(
            submit.message,
            "[G0115] `Order` in state `{Self}` has no transition `submit`, which only `Draft` has"
        );
        // `cancel` is had by two states; `Draft` reaches one of them in a step.
        assert!(
            hints["cancel"]
                .message
                .contains("from `Draft`, call `.submit()` first: `Pending` has `cancel`")
        );
    }
}
