//! Graph and naming checks. Every problem is collected; nothing is expanded if there is one.

use super::parse::{Args, Module, State, Transition};
use crate::diagnostics::typestate::{
    CONFLICTING_TARGETS, DEAD_END, DERIVED_BY_TYPESTATE, DUPLICATE_TRANSITION, FORGING_DERIVE,
    NAME_CLASH, NO_INITIAL_STATE, TERMINAL_WITH_TRANSITIONS, UNKNOWN_STATE, UNREACHABLE_STATE,
    UNSUPPORTED_SHAPE,
};
use crate::diagnostics::{Errors, did_you_mean};
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use syn::Ident;
use syn::ext::IdentExt;

/// Methods every machine has, which fields and transitions may not shadow.
pub(crate) const BUILT_IN_METHODS: &[&str] = &["new", "state", "state_name"];

/// Checks everything and returns whether the module, with its broken transitions dropped, still
/// expands to code that compiles: then the expansion is the fallback, so the user's own code in
/// the module (`impl Order<Paid> { .. }`) does not add errors of its own.
pub(crate) fn check(args: &Args, module: &mut Module<'_>, errors: &mut Errors) -> bool {
    let names: Vec<String> = module
        .states
        .states
        .iter()
        .map(|state| state.ident.unraw().to_string())
        .collect();
    let known: BTreeSet<&str> = names.iter().map(String::as_str).collect();

    let resolved = transitions(module, &known, errors);
    initial_and_reachable(module, &known, &resolved, errors);
    for state in &module.states.states {
        ends(state, errors);
    }
    // These two leave the module unexpandable (duplicate methods, derives that do not compile).
    let mut severe = Errors::default();
    name_clashes(module, &mut severe);
    forging_derives(module, &mut severe);
    underscore_fields(module, &mut severe);
    required_on_state_fields(module, &mut severe);
    drop_impls(module, errors);
    let mut expandable = true;
    if let Err(error) = severe.finish() {
        errors.push(error);
        expandable = false;
    }
    // Keep only the transitions the expansion can generate.
    for (state, keep) in module.states.states.iter_mut().zip(resolved.keep) {
        let mut position = 0;
        state.transitions.retain(|_| {
            position += 1;
            keep[position - 1]
        });
    }
    if !borrowed_serde(args, module.machine.item, errors) {
        expandable = false;
    }
    expandable
}

/// A field named `_` (which syn reads as a name) on the machine or a state: the generated getters,
/// records and transitions would have nothing to call it.
fn underscore_fields(module: &Module<'_>, errors: &mut Errors) {
    let machine = module.machine.fields.iter().copied();
    let states = module.states.states.iter().flat_map(State::fields);
    for field in machine.chain(states) {
        if let Some(ident) = &field.ident
            && ident == "_"
        {
            errors.push(crate::diagnostics::WRONG_ITEM_KIND.at(
                ident.span(),
                "a field named `_` cannot be read, so the machine cannot carry it",
                "give the field a name: `value: String`",
            ));
        }
    }
}

/// `#[typestate(serde)]` on a machine with lifetime parameters; `false` when reported. Also run
/// when the module could not be read otherwise, so fixing one shape error does not reveal this.
pub(crate) fn borrowed_serde(args: &Args, machine: &syn::ItemStruct, errors: &mut Errors) -> bool {
    if let Some(serde) = args.serde
        && machine.generics.lifetimes().next().is_some()
    {
        errors.push(UNSUPPORTED_SHAPE.at(
            serde,
            format!(
                "`#[typestate(serde)]` cannot deserialize `{}`, which borrows (it has lifetime parameters)",
                machine.ident
            ),
            "write `#[typestate]` without `serde` (convert with `into_record` and `restore` yourself), or store owned data in the machine (`String` rather than `&'a str`)",
        ));
        return false;
    }
    true
}

/// What the transition check learned: which transitions are sound (per state, per transition),
/// and for a misspelt target, the state it most likely means (so reachability is not blamed
/// on the typo's consequences).
struct Resolved {
    keep: Vec<Vec<bool>>,
    targets: Vec<Vec<Option<String>>>,
}

fn transitions(module: &Module<'_>, known: &BTreeSet<&str>, errors: &mut Errors) -> Resolved {
    let mut resolved = Resolved {
        keep: Vec::new(),
        targets: Vec::new(),
    };
    // The first target seen for each transition name, with the state it was declared on.
    let mut targets: BTreeMap<String, (&Ident, &Ident)> = BTreeMap::new();
    for state in &module.states.states {
        let mut seen: BTreeMap<String, &Ident> = BTreeMap::new();
        let mut keep = Vec::new();
        let mut resolved_targets = Vec::new();
        for transition in &state.transitions {
            let name = transition.name.unraw().to_string();
            let resolved_target = resolve_target(module, state, transition, known, errors);
            let mut sound = resolved_target.as_ref().is_some_and(|(_, exact)| *exact);
            resolved_targets.push(resolved_target.map(|(target, _)| target));
            if let Some(first) = seen.get(&name) {
                duplicate_transition(state, transition, first, errors);
                keep.push(false);
                continue;
            }
            seen.insert(name.clone(), &transition.target);
            match targets.get(&name) {
                Some((first_target, first_state)) if **first_target != transition.target => {
                    conflicting_target(state, transition, first_target, first_state, errors);
                    sound = false;
                }
                Some(_) => {}
                None if sound => {
                    targets.insert(name, (&transition.target, state.ident));
                }
                None => {}
            }
            keep.push(sound);
        }
        resolved.keep.push(keep);
        resolved.targets.push(resolved_targets);
    }
    resolved
}

/// The state a transition leads to: `(name, true)` when it is one, `(closest name, false)` when
/// a state's name is close (the unknown state is reported), nothing when none is.
fn resolve_target(
    module: &Module<'_>,
    state: &State<'_>,
    transition: &Transition,
    known: &BTreeSet<&str>,
    errors: &mut Errors,
) -> Option<(String, bool)> {
    let target = transition.target.unraw().to_string();
    if known.contains(target.as_str()) {
        return Some((target, true));
    }
    let suggestion = did_you_mean(&target, known.iter().copied());
    let (message_tail, fix) = match suggestion {
        Some(close) => (
            format!(" (did you mean `{close}`?)"),
            format!("write `{} => {close}`", transition.name),
        ),
        None => (
            String::new(),
            format!(
                "add the state to `{}`: `#[terminal] {target},` (give it a `#[to(..)]` instead if machines leave it), or point `{}` at one of: {}",
                module.states.item.ident,
                transition.name,
                list(known.iter().copied())
            ),
        ),
    };
    errors.push(UNKNOWN_STATE.at(
        transition.target.span(),
        format!(
            "transition `{}` from `{}` leads to `{target}`, which is not a state of `{}`{message_tail}",
            transition.name, state.ident, module.states.item.ident
        ),
        fix,
    ));
    suggestion.map(|close| (close.to_owned(), false))
}

/// A state declares a transition name a second time (`first` is where the first one leads).
fn duplicate_transition(
    state: &State<'_>,
    transition: &Transition,
    first: &Ident,
    errors: &mut Errors,
) {
    let name = transition.name.unraw().to_string();
    let target = transition.target.unraw().to_string();
    let (message, fix) = if first.unraw() == target {
        (
            format!(
                "state `{}` declares transition `{name} => {target}` twice",
                state.ident
            ),
            format!("remove this second `{name} => {target}`: it repeats the first"),
        )
    } else {
        (
            format!(
                "state `{}` declares transition `{name}` twice (first to `{first}`, again to `{target}`)",
                state.ident
            ),
            format!(
                "give the second a name of its own: `{name}_to_{} => {target}` (the name is yours to choose), or remove it",
                super::parse::snake_case(&target)
            ),
        )
    };
    errors.push(DUPLICATE_TRANSITION.at(transition.name.span(), message, fix));
}

/// One transition name leads to two states, from two states.
fn conflicting_target(
    state: &State<'_>,
    transition: &Transition,
    first_target: &Ident,
    first_state: &Ident,
    errors: &mut Errors,
) {
    let name = transition.name.unraw().to_string();
    let target = transition.target.unraw().to_string();
    errors.push(CONFLICTING_TARGETS.at(
        transition.name.span(),
        format!(
            "transition `{name}` leads to `{target}` from `{}` but to `{first_target}` from `{first_state}`; one method cannot return both",
            state.ident
        ),
        format!(
            "give this transition a name of its own: `{name}_to_{} => {target}` (the name is yours to choose), or write `{name} => {first_target}`",
            super::parse::snake_case(&target)
        ),
    ));
}

fn initial_and_reachable(
    module: &Module<'_>,
    known: &BTreeSet<&str>,
    resolved: &Resolved,
    errors: &mut Errors,
) {
    let states = &module.states.states;
    if states.iter().all(|state| state.initial.is_none()) {
        let first = states.first().map_or_else(
            || "Pending".to_owned(),
            |state| state.ident.unraw().to_string(),
        );
        errors.push(NO_INITIAL_STATE.at(
            module.states.item.ident.span(),
            format!(
                "`{}` has no `#[initial]` state, so no machine could ever be created",
                module.states.item.ident
            ),
            format!("mark the state a machine starts in: `#[initial] {first}`"),
        ));
        return;
    }
    let reached = reachable(states, known, resolved);
    // With a `#[to(..)]` unreadable, what is reachable is unknown: say nothing rather than guess.
    if states.iter().any(|state| state.malformed_to) {
        return;
    }
    // The state whose `#[to(..)]` the fix extends: reachable, not terminal, with transitions
    // already (an initial one first), written with the targets as the other fixes correct them.
    let host = states
        .iter()
        .enumerate()
        .filter(|(_, state)| {
            reached.contains(&state.ident.unraw().to_string())
                && state.terminal.is_none()
                && !state.transitions.is_empty()
        })
        .min_by_key(|(_, state)| state.initial.is_none());
    for state in states {
        if !reached.contains(&state.ident.unraw().to_string()) {
            errors.push(UNREACHABLE_STATE.at(
                state.ident.span(),
                format!(
                    "state `{}` can never be reached: no transition from an `#[initial]` state leads to it",
                    state.ident
                ),
                unreachable_fix(state, host, resolved),
            ));
        }
    }
}

/// The names of the states some transition path from an initial state leads to.
fn reachable(
    states: &[State<'_>],
    known: &BTreeSet<&str>,
    resolved: &Resolved,
) -> BTreeSet<String> {
    let mut reached: BTreeSet<String> = states
        .iter()
        .filter(|state| state.initial.is_some())
        .map(|state| state.ident.unraw().to_string())
        .collect();
    let mut queue: Vec<String> = reached.iter().cloned().collect();
    let positions: BTreeMap<String, usize> = states
        .iter()
        .enumerate()
        .map(|(position, state)| (state.ident.unraw().to_string(), position))
        .collect();
    while let Some(current) = queue.pop() {
        let Some(&position) = positions.get(&current) else {
            continue;
        };
        for target in resolved.targets[position].iter().flatten() {
            if known.contains(target.as_str()) && reached.insert(target.clone()) {
                queue.push(target.clone());
            }
        }
    }
    reached
}

/// The fix for an unreachable `state`: a transition to it from `host` (its `#[to(..)]` rewritten
/// whole), or marking it initial.
fn unreachable_fix(
    state: &State<'_>,
    host: Option<(usize, &State<'_>)>,
    resolved: &Resolved,
) -> String {
    let Some((position, host)) = host else {
        return format!(
            "mark it `#[initial]`: `#[initial] {}`, or remove it",
            state.ident
        );
    };
    let mut written: Vec<String> = Vec::new();
    let mut names = BTreeSet::new();
    for (transition, target) in host.transitions.iter().zip(&resolved.targets[position]) {
        let target = target
            .clone()
            .unwrap_or_else(|| transition.target.unraw().to_string());
        if names.insert(transition.name.unraw().to_string()) {
            written.push(format!("{} => {target}", transition.name));
        }
    }
    written.push(format!(
        "to_{} => {}",
        super::parse::snake_case(&state.ident.unraw().to_string()),
        state.ident
    ));
    format!(
        "add a transition to it from `{}` (the name is yours to choose): `#[to({})]`; or mark it `#[initial]`, or remove it",
        host.ident,
        written.join(", ")
    )
}

fn ends(state: &State<'_>, errors: &mut Errors) {
    // A malformed `#[to(..)]` was reported already; it still counts as a way out.
    let way_out = if state.transitions.is_empty() {
        None
    } else {
        state.to_attrs.first()
    };
    match (state.terminal, way_out) {
        (Some(_), Some(to)) => errors.push(TERMINAL_WITH_TRANSITIONS.spanning(
            to,
            format!(
                "state `{}` is `#[terminal]` but declares transitions out of it",
                state.ident
            ),
            format!(
                "remove `#[terminal]` from `{}` (its transitions lead on), or remove this `#[to(..)]`",
                state.ident
            ),
        )),
        (None, None) if state.to_attrs.is_empty() => errors.push(DEAD_END.at(
            state.ident.span(),
            format!(
                "state `{}` has no transition out of it and is not `#[terminal]`: a machine there is stuck",
                state.ident
            ),
            format!(
                "mark it as an end state: `#[terminal] {}`; or, if machines leave it, give it a `#[to(..)]` with the transitions you want",
                state.ident
            ),
        )),
        _ => {}
    }
}

/// Every method name taken so far, with what took it.
type Taken = BTreeMap<String, String>;

/// A name G0111's fix changes: the new name is the one its message writes.
pub(crate) enum Rename {
    /// A field of the machine struct.
    MachineField { from: String, to: String },
    /// A named field of a state.
    StateField {
        state: String,
        from: String,
        to: String,
    },
    /// A transition, wherever a `#[to(..)]` names it.
    Transition { from: String, to: String },
    /// A state, and every `#[to(..)]` target that names it.
    State { from: String, to: String },
}

fn name_clashes(module: &Module<'_>, errors: &mut Errors) -> Vec<Rename> {
    let mut renames = Vec::new();
    let mut taken = Taken::new();
    for name in BUILT_IN_METHODS {
        taken.insert((*name).to_owned(), "a method every machine has".to_owned());
    }
    machine_field_clashes(module, &mut taken, errors, &mut renames);
    state_field_clashes(module, &mut taken, errors, &mut renames);
    transition_clashes(module, &taken, errors, &mut renames);
    state_name_clashes(module, errors, &mut renames);
    renames
}

/// The names the fixes of G0111 change in `module` (see `fallback`).
pub(crate) fn name_clash_renames(module: &Module<'_>) -> Vec<Rename> {
    name_clashes(module, &mut Errors::default())
}

/// A machine field's getter takes a name already taken.
fn machine_field_clashes(
    module: &Module<'_>,
    taken: &mut Taken,
    errors: &mut Errors,
    renames: &mut Vec<Rename>,
) {
    let machine_ident = &module.machine.item.ident;
    for field in &module.machine.fields {
        let Some(ident) = &field.ident else { continue };
        let name = ident.unraw().to_string();
        if let Some(owner) = taken.get(&name) {
            errors.push(NAME_CLASH.at(
                ident.span(),
                format!(
                    "field `{name}` of `{machine_ident}` gets a getter `{name}()`, but `{name}` is {owner}"
                ),
                format!("rename the field: `{name}_value` (the name is yours to choose)"),
            ));
            renames.push(Rename::MachineField {
                to: format!("{name}_value"),
                from: name,
            });
        } else {
            taken.insert(name, format!("a field of `{machine_ident}`"));
        }
    }
}

/// A state field's getter takes a name already taken, or shares one with another state's field
/// of another type.
fn state_field_clashes(
    module: &Module<'_>,
    taken: &mut Taken,
    errors: &mut Errors,
    renames: &mut Vec<Rename>,
) {
    // Fields of several states may share a name when they share the type (one getter serves all).
    let mut state_fields: BTreeMap<String, (String, &Ident)> = BTreeMap::new();
    for state in &module.states.states {
        let prefix = super::parse::snake_case(&state.ident.unraw().to_string());
        for accessor in state.accessors() {
            let name = accessor.name.unraw().to_string();
            let ty = accessor.field.ty.to_token_stream().to_string();
            if let Some((first_ty, first_state)) = state_fields.get(&name) {
                if *first_ty != ty {
                    errors.push(NAME_CLASH.spanning(
                        &accessor.field.ty,
                        format!(
                            "`{name}` is a `{first_ty}` in state `{first_state}` but a `{ty}` in state `{}`; the getter `{name}()` can only return one type",
                            state.ident
                        ),
                        format!("rename this field: `{prefix}_{name}` (the name is yours to choose), or give both the same type"),
                    ));
                    renames.push(Rename::StateField {
                        state: state.ident.unraw().to_string(),
                        to: format!("{prefix}_{name}"),
                        from: name,
                    });
                }
                continue;
            }
            if let Some(owner) = taken.get(&name) {
                errors.push(NAME_CLASH.at(
                    accessor.name.span(),
                    format!(
                        "field `{name}` of state `{}` gets a getter `{name}()`, but `{name}` is {owner}",
                        state.ident
                    ),
                    format!("rename the field: `{prefix}_{name}` (the name is yours to choose)"),
                ));
                renames.push(Rename::StateField {
                    state: state.ident.unraw().to_string(),
                    to: format!("{prefix}_{name}"),
                    from: name,
                });
                continue;
            }
            state_fields.insert(name, (ty, state.ident));
        }
    }
    for (name, (_, state)) in &state_fields {
        taken.insert(
            name.clone(),
            format!("the getter of a field of state `{state}`"),
        );
    }
}

/// A transition's method takes a name already taken.
fn transition_clashes(
    module: &Module<'_>,
    taken: &Taken,
    errors: &mut Errors,
    renames: &mut Vec<Rename>,
) {
    let mut transitions_seen = BTreeSet::new();
    for state in &module.states.states {
        for transition in &state.transitions {
            let name = transition.name.unraw().to_string();
            if !transitions_seen.insert(name.clone()) {
                continue;
            }
            if let Some(owner) = taken.get(&name) {
                errors.push(NAME_CLASH.at(
                    transition.name.span(),
                    format!(
                        "transition `{name}` from `{}` becomes a method `{name}()`, but `{name}` is {owner}",
                        state.ident
                    ),
                    format!("rename the transition: `to_{name} => {}` (the name is yours to choose)", transition.target),
                ));
                renames.push(Rename::Transition {
                    to: format!("to_{name}"),
                    from: name,
                });
            }
        }
    }
}

/// A state's type hides a generic parameter or has the name of a generated type.
fn state_name_clashes(module: &Module<'_>, errors: &mut Errors, renames: &mut Vec<Rename>) {
    let machine_ident = &module.machine.item.ident;
    let enum_ident = &module.states.item.ident;
    let record = format!("{machine_ident}Record");
    let generics = &module.machine.item.generics;
    for state in &module.states.states {
        let name = state.ident.unraw().to_string();
        let shadowed = generics.type_params().any(|param| param.ident == name)
            || generics.const_params().any(|param| param.ident == name);
        if shadowed {
            errors.push(NAME_CLASH.at(
                state.ident.span(),
                format!(
                    "state `{name}` has the name of a generic parameter of `{machine_ident}`, which would hide it wherever the parameter is in scope"
                ),
                format!("rename the state here and in every `#[to(..)]` that names it: `{name}State` (the name is yours to choose)"),
            ));
            renames.push(Rename::State {
                to: format!("{name}State"),
                from: name,
            });
            continue;
        }
        if *state.ident == *machine_ident || *state.ident == *enum_ident || name == record {
            errors.push(NAME_CLASH.at(
                state.ident.span(),
                format!(
                    "state `{name}` would have the same name as a type `#[typestate]` generates (`{machine_ident}`, `{enum_ident}`, `{record}`)"
                ),
                format!("rename the state here and in every `#[to(..)]` that names it: `{name}State` (the name is yours to choose)"),
            ));
            renames.push(Rename::State {
                to: format!("{name}State"),
                from: name,
            });
        }
    }
}

fn drop_impls(module: &Module<'_>, errors: &mut Errors) {
    let machine = &module.machine.item.ident;
    for item in module.items {
        if let Some(trait_path) = super::parse::drop_impl_trait(item, machine) {
            errors.push(UNSUPPORTED_SHAPE.spanning(
                trait_path,
                format!(
                    "`{machine}` implements `Drop`, but a transition moves the machine's fields into the next state, which `Drop` forbids"
                ),
                "remove this impl, and put what needs cleaning up in a field whose own type implements `Drop`",
            ));
        }
    }
}

/// `#[invariant(required)]` marks a field an enum's match arms must bind; a state's data is
/// already required as a whole in the erased enum, and on the generated struct the option would
/// only draw the derive's "not on a struct" error, which contradicts what the user wrote.
fn required_on_state_fields(module: &Module<'_>, errors: &mut Errors) {
    let erased = &module.states.item.ident;
    for state in &module.states.states {
        for field in state.fields() {
            for attr in field
                .attrs
                .iter()
                .filter(|attr| super::attrs::is_named(attr, "invariant"))
            {
                let Ok(options) = attr.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                ) else {
                    continue;
                };
                for option in options
                    .iter()
                    .filter(|option| option.path().is_ident("required"))
                {
                    errors.push(crate::diagnostics::invariant::MISPLACED.spanning(
                        option,
                        format!(
                            "`required` is not needed on the fields of state `{}`: every state's \
                             data is already required data of the erased enum `{erased}`, so a \
                             match arm on `{erased}::{}` must bind and use the machine",
                            state.ident, state.ident
                        ),
                        "remove `required` from this `#[invariant(..)]`",
                    ));
                }
            }
        }
    }
}

fn forging_derives(module: &Module<'_>, errors: &mut Errors) {
    let attrs = module
        .machine
        .attrs
        .iter()
        .map(|attr| (*attr, &module.machine.item.ident))
        .chain(
            module
                .states
                .attrs
                .iter()
                .map(|attr| (*attr, &module.states.item.ident)),
        );
    for (attr, owner) in attrs {
        for path in super::attrs::derived_paths(&attr.meta) {
            let Some(last) = path.segments.last() else {
                continue;
            };
            if last.ident == "Invariant" {
                errors.push(DERIVED_BY_TYPESTATE.spanning(
                    &path,
                    format!(
                        "`{owner}` cannot derive `Invariant` itself: `#[typestate]` derives it on \
                         the types it generates, for each one that carries `#[invariant(..)]` rules"
                    ),
                    "remove `Invariant` from this derive list and keep the `#[invariant(..)]` \
                     rules where they are",
                ));
                continue;
            }
            let why = match last.ident.to_string().as_str() {
                "Default" => "`Default` would create a machine in any state without a transition",
                "Copy" => "`Copy` would let a machine be used again after a transition consumed it",
                "Deserialize" => {
                    "a derived `Deserialize` would build any state from data without checking it"
                }
                _ => continue,
            };
            let fix = match last.ident.to_string().as_str() {
                "Deserialize" => "remove it and write `#[typestate(serde)]`: the erased enum then \
                                  deserializes through the checked restore path"
                    .to_owned(),
                "Default" => format!(
                    "remove it from the derive list; a machine starts with `{}::new(..)` in its \
                     `#[initial]` state",
                    module.machine.item.ident
                ),
                _ => "remove it from the derive list; `Clone` is fine where a copy is needed"
                    .to_owned(),
            };
            errors.push(FORGING_DERIVE.spanning(
                &path,
                format!("`{owner}` cannot derive `{}`: {why}", last.ident),
                fix,
            ));
        }
    }
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
