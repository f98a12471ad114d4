//! Build and check time of a generated typestate chain of N states, the same machine written five
//! ways and compiled in the same run on the same machine.
//!
//! ```sh
//! cargo run --release --manifest-path bench/typestate-build/Cargo.toml -- 200 1000 [--rounds 5]
//! ```
//!
//! For each N it writes five crates into `bench/generated/` (a workspace of its own, outside
//! stateguard's, so typestate's syn 1 and statum's syn 2 stay out of stateguard's tree; the crates
//! share one target directory, so every dependency is compiled once, before timing). Then, for
//! `cargo build` and then for `cargo check`, in each of the rounds (5 by default), each crate in
//! turn: `cargo clean -p <crate>`, then `cargo <command> -p <crate>` timed (the crate alone, in the
//! dev profile, so proc macros run unoptimised as in a user's debug build). Interleaving the crates
//! within a round keeps a burst of load on a shared machine from landing on one side only. Each
//! round is printed (standard error); the tables give each crate's range and median over the
//! rounds, and its ratio to the hand-written crate of the same round.
//!
//! The chain: `S0 -> S1 -> ... -> S(N-1)`; odd states carry a `value: u32`, even states are units;
//! the machine carries an `id: u64`. Every crate derives `Debug` on the machine and the states (in
//! stateguard's syntax: on the `#[machine]` struct and the `#[states]` enum, which also puts it on the
//! erased enum and the record; in statum's, below `#[state]` and `#[machine]`). The crates:
//!
//! - `guard_N`: `#[typestate]`, with the API users get by default.
//! - `typestate_N`: typestate 0.8 (a `#[state]` struct and a trait per state; the traits are
//!   implemented by hand outside the module, as that crate asks; the last state has `fn end(self)`,
//!   since typestate requires a final transition).
//! - `statum_N`: statum 0.9 (a `#[state]` enum, odd states `S1(u32)`; a `#[transition]` impl per
//!   state).
//!
//! - `hand_N`, the headline baseline: what a careful person writes for the same machine — a sealed
//!   state trait, one struct per state, the machine struct, the constructor, one inherent method
//!   per transition, a getter per data state, and the erased enum with its `From` impls.
//! - `hand_full_N`: the same, written out to the API surface `#[typestate]` gives — the state's
//!   name (`NAME`, `state_name()`, `STATES`), `TryFrom` back from the erased enum, the record enum
//!   with `into_record`/`restore`, and transitions and getters bounded on marker traits that carry
//!   `#[diagnostic::on_unimplemented]` (so a call from the wrong state is explained). `From` and
//!   `TryFrom` are one impl per state, as people write them.

#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

fn state_fields(index: usize) -> Option<&'static str> {
    (index % 2 == 1).then_some("value: u32")
}

fn guard_source(states: usize) -> String {
    let mut source = String::from(
        "//! A generated chain machine.\nuse stateguard::typestate;\n\n#[typestate]\npub mod chain {\n    #[machine]\n    #[derive(Debug)]\n    pub struct Machine {\n        id: u64,\n    }\n\n    #[states]\n    #[derive(Debug)]\n    pub enum ChainState {\n",
    );
    for index in 0..states {
        let mut attributes = String::new();
        if index == 0 {
            attributes.push_str("#[initial] ");
        }
        if index + 1 == states {
            attributes.push_str("#[terminal] ");
        } else {
            let _ = write!(attributes, "#[to(step{index} => S{})] ", index + 1);
        }
        match state_fields(index) {
            Some(fields) => {
                let _ = writeln!(source, "        {attributes}S{index} {{ {fields} }},");
            }
            None => {
                let _ = writeln!(source, "        {attributes}S{index},");
            }
        }
    }
    source.push_str("    }\n}\n");
    source
}

fn hand_source(states: usize) -> String {
    let mut source = String::from(
        "//! The same chain machine, written by hand.\n\nmod sealed {\n    pub trait Sealed {}\n}\n\n/// A state of [`Machine`].\npub trait State: sealed::Sealed {}\n\n/// The machine.\n#[derive(Debug)]\npub struct Machine<S: State> {\n    id: u64,\n    state: S,\n}\n\nimpl<S: State> Machine<S> {\n    /// The id.\n    pub fn id(&self) -> &u64 {\n        &self.id\n    }\n}\n\nimpl Machine<S0> {\n    /// A machine in the initial state.\n    pub fn new(id: u64) -> Self {\n        Self { id, state: S0 }\n    }\n}\n\n",
    );
    for index in 0..states {
        match state_fields(index) {
            Some(_) => {
                let _ = write!(
                    source,
                    "/// State {index}.\n#[derive(Debug)]\npub struct S{index} {{\n    value: u32,\n}}\n\nimpl Machine<S{index}> {{\n    /// The state's value.\n    pub fn value(&self) -> &u32 {{\n        &self.state.value\n    }}\n}}\n\n"
                );
            }
            None => {
                let _ = write!(
                    source,
                    "/// State {index}.\n#[derive(Debug)]\npub struct S{index};\n\n"
                );
            }
        }
        let _ = write!(
            source,
            "impl sealed::Sealed for S{index} {{}}\nimpl State for S{index} {{}}\n\n"
        );
        if index + 1 < states {
            let next = index + 1;
            let (parameters, construction) = match state_fields(next) {
                Some(_) => ("value: u32", format!("S{next} {{ value }}")),
                None => ("", format!("S{next}")),
            };
            let _ = write!(
                source,
                "impl Machine<S{index}> {{\n    /// Moves to state {next}.\n    pub fn step{index}(self{comma}{parameters}) -> Machine<S{next}> {{\n        Machine {{ id: self.id, state: {construction} }}\n    }}\n}}\n\n",
                comma = if parameters.is_empty() { "" } else { ", " },
            );
        }
    }
    source.push_str("/// A machine in any state.\n#[derive(Debug)]\npub enum AnyMachine {\n");
    for index in 0..states {
        let _ = writeln!(
            source,
            "    /// In state {index}.\n    S{index}(Machine<S{index}>),"
        );
    }
    source.push_str("}\n\n");
    for index in 0..states {
        let _ = write!(
            source,
            "impl From<Machine<S{index}>> for AnyMachine {{\n    fn from(machine: Machine<S{index}>) -> Self {{\n        Self::S{index}(machine)\n    }}\n}}\n\n"
        );
    }
    source
}

fn hand_full_source(states: usize) -> String {
    let mut source = String::from(
        "//! The same chain machine with stateguard's API surface, written by hand.\n\nmod sealed {\n    pub trait Sealed {}\n}\n\n/// A state of [`Machine`].\npub trait State: sealed::Sealed {\n    /// The state's name.\n    const NAME: &'static str;\n}\n\n/// Marker traits: which state has which transition and field.\n#[doc(hidden)]\n#[allow(non_camel_case_types)]\npub mod markers {\n    #[diagnostic::on_unimplemented(message = \"`Machine<{Self}>` has no transition `{T}`\")]\n    pub trait Transition<T> {}\n    #[diagnostic::on_unimplemented(message = \"`Machine<{Self}>` has no field `{F}`\")]\n    pub trait Field<F> {\n        fn value(&self) -> &u32;\n    }\n    pub enum value {}\n",
    );
    for index in 0..states.saturating_sub(1) {
        let _ = writeln!(source, "    pub enum step{index} {{}}");
    }
    source.push_str(
        "}\n\n/// The machine.\n#[derive(Debug)]\npub struct Machine<S: State> {\n    id: u64,\n    state: S,\n}\n\nimpl<S: State> Machine<S> {\n    /// The id.\n    pub fn id(&self) -> &u64 {\n        &self.id\n    }\n\n    /// The state's data.\n    pub fn state(&self) -> &S {\n        &self.state\n    }\n\n    /// The state's name.\n    pub fn state_name(&self) -> &'static str {\n        S::NAME\n    }\n\n    /// The state's value.\n    pub fn value(&self) -> &u32\n    where\n        S: markers::Field<markers::value>,\n    {\n        self.state.value()\n    }\n",
    );
    for index in 0..states.saturating_sub(1) {
        let next = index + 1;
        let (parameters, construction) = match state_fields(next) {
            Some(_) => ("value: u32", format!("S{next} {{ value }}")),
            None => ("", format!("S{next}")),
        };
        let _ = write!(
            source,
            "\n    /// Moves to state {next}.\n    pub fn step{index}(self{comma}{parameters}) -> Machine<S{next}>\n    where\n        S: markers::Transition<markers::step{index}>,\n    {{\n        Machine {{ id: self.id, state: {construction} }}\n    }}\n",
            comma = if parameters.is_empty() { "" } else { ", " },
        );
    }
    source.push_str("}\n\nimpl Machine<S0> {\n    /// A machine in the initial state.\n    pub fn new(id: u64) -> Self {\n        Self { id, state: S0 }\n    }\n}\n\n");
    for index in 0..states {
        match state_fields(index) {
            Some(_) => {
                let _ = write!(
                    source,
                    "/// State {index}.\n#[derive(Debug)]\npub struct S{index} {{\n    value: u32,\n}}\n\nimpl markers::Field<markers::value> for S{index} {{\n    fn value(&self) -> &u32 {{\n        &self.value\n    }}\n}}\n\n"
                );
            }
            None => {
                let _ = write!(
                    source,
                    "/// State {index}.\n#[derive(Debug)]\npub struct S{index};\n\n"
                );
            }
        }
        let _ = write!(
            source,
            "impl sealed::Sealed for S{index} {{}}\nimpl State for S{index} {{\n    const NAME: &'static str = \"S{index}\";\n}}\n\n"
        );
        if index + 1 < states {
            let _ = write!(
                source,
                "impl markers::Transition<markers::step{index}> for S{index} {{}}\n\n"
            );
        }
    }
    source.push_str("/// A machine in any state.\n#[derive(Debug)]\npub enum AnyMachine {\n");
    for index in 0..states {
        let _ = writeln!(
            source,
            "    /// In state {index}.\n    S{index}(Machine<S{index}>),"
        );
    }
    source
        .push_str("}\n\n/// The stored data of a machine.\n#[derive(Debug)]\npub enum Record {\n");
    for index in 0..states {
        let fields = if state_fields(index).is_some() {
            "id: u64, value: u32"
        } else {
            "id: u64"
        };
        let _ = writeln!(
            source,
            "    /// In state {index}.\n    #[allow(missing_docs)]\n    S{index} {{ {fields} }},"
        );
    }
    source.push_str("}\n\nimpl AnyMachine {\n    /// Every state's name.\n    pub const STATES: &'static [&'static str] = &[");
    for index in 0..states {
        let _ = write!(source, "\"S{index}\", ");
    }
    source.push_str("];\n\n    /// The state's name.\n    pub fn state_name(&self) -> &'static str {\n        match self {\n");
    for index in 0..states {
        let _ = writeln!(source, "            Self::S{index}(_) => \"S{index}\",");
    }
    source.push_str("        }\n    }\n\n    /// The stored data.\n    pub fn into_record(self) -> Record {\n        match self {\n");
    for index in 0..states {
        let _ = match state_fields(index) {
            Some(_) => writeln!(
                source,
                "            Self::S{index}(Machine {{ id, state: S{index} {{ value }} }}) => Record::S{index} {{ id, value }},"
            ),
            None => writeln!(
                source,
                "            Self::S{index}(Machine {{ id, state: S{index} }}) => Record::S{index} {{ id }},"
            ),
        };
    }
    source.push_str("        }\n    }\n\n    /// A machine from stored data.\n    pub fn restore(record: Record) -> Self {\n        match record {\n");
    for index in 0..states {
        let _ = match state_fields(index) {
            Some(_) => writeln!(
                source,
                "            Record::S{index} {{ id, value }} => Self::S{index}(Machine {{ id, state: S{index} {{ value }} }}),"
            ),
            None => writeln!(
                source,
                "            Record::S{index} {{ id }} => Self::S{index}(Machine {{ id, state: S{index} }}),"
            ),
        };
    }
    source.push_str("        }\n    }\n}\n\n");
    for index in 0..states {
        let _ = write!(
            source,
            "impl From<Machine<S{index}>> for AnyMachine {{\n    fn from(machine: Machine<S{index}>) -> Self {{\n        Self::S{index}(machine)\n    }}\n}}\n\nimpl TryFrom<AnyMachine> for Machine<S{index}> {{\n    type Error = AnyMachine;\n\n    fn try_from(any: AnyMachine) -> Result<Self, AnyMachine> {{\n        match any {{\n            AnyMachine::S{index}(machine) => Ok(machine),\n            other => Err(other),\n        }}\n    }}\n}}\n\n"
        );
    }
    source
}

/// The same chain in typestate 0.8's syntax: a `#[state]` struct and a trait per state in the
/// module, the traits implemented outside it; the last state ends with `fn end(self)` (typestate
/// requires a final transition out of the machine).
fn typestate_source(states: usize) -> String {
    let mut source = String::from(
        "//! The chain machine in typestate 0.8.\nuse typestate::typestate;\n\n#[typestate]\npub mod chain {\n    #[automaton]\n    #[derive(Debug)]\n    pub struct Machine {\n        pub id: u64,\n    }\n",
    );
    for index in 0..states {
        match state_fields(index) {
            Some(_) => {
                let _ = write!(
                    source,
                    "\n    #[state]\n    #[derive(Debug)]\n    pub struct S{index} {{\n        pub value: u32,\n    }}\n"
                );
            }
            None => {
                let _ = write!(
                    source,
                    "\n    #[state]\n    #[derive(Debug)]\n    pub struct S{index};\n"
                );
            }
        }
        let _ = write!(source, "    pub trait S{index} {{\n");
        if index == 0 {
            source.push_str("        fn start(id: u64) -> S0;\n");
        }
        if state_fields(index).is_some() {
            source.push_str("        fn value(&self) -> u32;\n");
        }
        if index + 1 < states {
            let next = index + 1;
            let parameters = if state_fields(next).is_some() {
                "value: u32"
            } else {
                ""
            };
            let comma = if parameters.is_empty() { "" } else { ", " };
            let _ = writeln!(
                source,
                "        fn step{index}(self{comma}{parameters}) -> S{next};"
            );
        } else {
            source.push_str("        fn end(self);\n");
        }
        source.push_str("    }\n");
    }
    source.push_str("}\n\nuse chain::*;\n");
    for index in 0..states {
        let _ = write!(source, "\nimpl S{index}State for Machine<S{index}> {{\n");
        if index == 0 {
            source.push_str("    fn start(id: u64) -> Machine<S0> {\n        Machine { id, state: S0 }\n    }\n");
        }
        if state_fields(index).is_some() {
            source.push_str("    fn value(&self) -> u32 {\n        self.state.value\n    }\n");
        }
        if index + 1 < states {
            let next = index + 1;
            let (parameters, construction) = match state_fields(next) {
                Some(_) => ("value: u32", format!("S{next} {{ value }}")),
                None => ("", format!("S{next}")),
            };
            let comma = if parameters.is_empty() { "" } else { ", " };
            let _ = write!(
                source,
                "    fn step{index}(self{comma}{parameters}) -> Machine<S{next}> {{\n        Machine {{ id: self.id, state: {construction} }}\n    }}\n"
            );
        } else {
            source.push_str("    fn end(self) {}\n");
        }
        source.push_str("}\n");
    }
    source
}

/// The same chain in statum 0.9's syntax: the states as a `#[state]` enum (odd states carry a
/// `u32`), the machine, and one `#[transition]` impl per state that has a way out.
fn statum_source(states: usize) -> String {
    let mut source = String::from(
        "//! The chain machine in statum 0.9.\nuse statum::{machine, state, transition};\n\n#[state]\n#[derive(Debug)]\npub enum ChainState {\n",
    );
    for index in 0..states {
        match state_fields(index) {
            Some(_) => {
                let _ = writeln!(source, "    S{index}(u32),");
            }
            None => {
                let _ = writeln!(source, "    S{index},");
            }
        }
    }
    source.push_str(
        "}\n\n#[machine]\n#[derive(Debug)]\npub struct Machine<ChainState> {\n    id: u64,\n}\n",
    );
    for index in 0..states.saturating_sub(1) {
        let next = index + 1;
        let (parameters, body) = match state_fields(next) {
            Some(_) => (", value: u32", "self.transition_with(value)"),
            None => ("", "self.transition()"),
        };
        let _ = write!(
            source,
            "\n#[transition]\nimpl Machine<S{index}> {{\n    pub fn step{index}(self{parameters}) -> Machine<S{next}> {{\n        {body}\n    }}\n}}\n"
        );
    }
    source
}

/// A generated crate: its name, its source, and its dependency line (empty for none).
struct Variant {
    label: &'static str,
    name: String,
    source: String,
    dependency: String,
}

fn variants(states: usize) -> Vec<Variant> {
    let guard_core = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../guard-core");
    vec![
        Variant {
            label: "hand-written",
            name: format!("hand_{states}"),
            source: hand_source(states),
            dependency: String::new(),
        },
        Variant {
            label: "stateguard",
            name: format!("guard_{states}"),
            source: guard_source(states),
            dependency: format!(
                "stateguard = {{ path = \"{}\", default-features = false }}\n",
                guard_core.display()
            ),
        },
        Variant {
            label: "hand-written, stateguard's API",
            name: format!("hand_full_{states}"),
            source: hand_full_source(states),
            dependency: String::new(),
        },
        Variant {
            label: "typestate 0.8",
            name: format!("typestate_{states}"),
            source: typestate_source(states),
            dependency: "typestate = \"=0.8.0\"\n".to_owned(),
        },
        Variant {
            label: "statum 0.9",
            name: format!("statum_{states}"),
            source: statum_source(states),
            dependency: "statum = \"=0.9.0\"\n".to_owned(),
        },
    ]
}

fn write_crate(root: &Path, variant: &Variant) -> std::io::Result<()> {
    let directory = root.join(&variant.name);
    fs::create_dir_all(directory.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{}",
        variant.name, variant.dependency
    );
    fs::write(directory.join("Cargo.toml"), manifest)?;
    fs::write(directory.join("src/lib.rs"), &variant.source)
}

fn cargo(root: &Path, arguments: &[&str]) -> Result<Duration, String> {
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(arguments)
        .current_dir(root)
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    let elapsed = started.elapsed();
    if output.status.success() {
        Ok(elapsed)
    } else {
        Err(format!(
            "`cargo {}` failed:\n{}",
            arguments.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `cargo clean -p <crate>`, then `cargo <command> -p <crate>` timed: the crate alone, its
/// dependencies already built.
fn from_clean(root: &Path, command: &str, name: &str) -> Result<f64, String> {
    cargo(root, &["clean", "-q", "-p", name])?;
    Ok(cargo(root, &[command, "-q", "-p", name])?.as_secs_f64())
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn span(values: &[f64], unit: &str) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (low, high) = (sorted[0], sorted[sorted.len() - 1]);
    format!(
        "{low:.2}–{high:.2}{unit} (median {:.2}{unit})",
        median(values)
    )
}

fn main() -> Result<(), String> {
    let mut arguments: Vec<String> = std::env::args().skip(1).collect();
    let rounds = match arguments.iter().position(|argument| argument == "--rounds") {
        Some(at) if at + 1 < arguments.len() => {
            let rounds = arguments[at + 1]
                .parse()
                .map_err(|_| format!("not a round count: {}", arguments[at + 1]))?;
            arguments.drain(at..=at + 1);
            rounds
        }
        Some(_) => return Err("--rounds needs a count".to_owned()),
        None => ROUNDS,
    };
    let sizes: Vec<usize> = arguments
        .iter()
        .map(|argument| {
            argument
                .parse()
                .map_err(|_| format!("not a state count: {argument}"))
        })
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![200, 1000]
    } else {
        sizes
    };
    if sizes.iter().any(|&size| size < 2) || rounds == 0 {
        return Err("a chain needs at least 2 states, and a run at least one round".to_owned());
    }

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let mut members = Vec::new();
    let mut all = Vec::new();
    for &size in &sizes {
        let variants = variants(size);
        for variant in &variants {
            write_crate(&root, variant).map_err(|error| error.to_string())?;
            members.push(format!("\"{}\"", variant.name));
        }
        all.push((size, variants));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .map_err(|error| error.to_string())?;
    // The dependencies of every crate (stateguard, typestate, statum and their macros) are built
    // once, before timing; so is each crate (its first build also checks that it compiles).
    cargo(&root, &["build", "-q", "--workspace"])?;

    for (size, variants) in &all {
        for command in ["build", "check"] {
            // times[variant][round]
            let mut times = vec![Vec::with_capacity(rounds); variants.len()];
            for round in 0..rounds {
                for (variant, times) in variants.iter().zip(times.iter_mut()) {
                    times.push(from_clean(&root, command, &variant.name)?);
                }
                let line: Vec<String> = variants
                    .iter()
                    .zip(&times)
                    .map(|(variant, times)| format!("{} {:.2} s", variant.name, times[round]))
                    .collect();
                eprintln!(
                    "N={size} {command} round {}: {}",
                    round + 1,
                    line.join(", ")
                );
            }
            println!(
                "\nN = {size}, cargo {command} of the crate alone, {rounds} interleaved rounds:\n"
            );
            println!("| crate | time | ÷ hand-written (per round) |");
            println!("|---|---:|---:|");
            for (variant, variant_times) in variants.iter().zip(&times) {
                let ratios: Vec<f64> = variant_times
                    .iter()
                    .zip(&times[0])
                    .map(|(time, hand)| time / hand)
                    .collect();
                println!(
                    "| {} | {} | {} |",
                    variant.label,
                    span(variant_times, " s"),
                    span(&ratios, "x")
                );
            }
        }
    }
    Ok(())
}
