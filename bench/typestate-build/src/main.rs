//! Clean build time of a generated `#[typestate]` chain of N states against the same machine written
//! by hand, both built in the same run on the same machine.
//!
//! ```sh
//! cargo run --release --manifest-path bench/typestate-build/Cargo.toml -- 10 200 1000
//! ```
//!
//! For each N it writes two crates into `bench/generated/` (a workspace of their own sharing one
//! target directory, so stateguard and stateguard-macros are compiled once, before timing), then in each
//! of `RUNS` rounds, for the hand-written crate and then the stateguard one: `cargo clean -p <crate>`,
//! then times `cargo build -p <crate>`. Alternating the two within a round keeps a burst of load on
//! a shared machine from landing on one side only. The median of the rounds is reported, and the
//! ratio statestateguard ÷ hand.
//!
//! The chain: `S0 -> S1 -> ... -> S(N-1)`; odd states carry a `value: u32`, even states are units;
//! the machine carries an `id: u64`. Every crate derives `Debug` on the machine and the states (in
//! stateguard's syntax: on the `#[machine]` struct and the `#[states]` enum, which also puts it on the
//! erased enum and the record). Two hand-written crates:
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

const RUNS: usize = 3;

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

fn write_crate(root: &Path, name: &str, source: &str, guard: bool) -> std::io::Result<()> {
    let directory = root.join(name);
    fs::create_dir_all(directory.join("src"))?;
    let mut manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n"
    );
    if guard {
        manifest.push_str(
            "stateguard = { path = \"../../../stateguard\", default-features = false }\n",
        );
    }
    fs::write(directory.join("Cargo.toml"), manifest)?;
    fs::write(directory.join("src/lib.rs"), source)
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

fn clean_build(root: &Path, name: &str) -> Result<Duration, String> {
    cargo(root, &["clean", "-q", "-p", name])?;
    cargo(root, &["build", "-q", "-p", name])
}

/// The median clean build time of each crate, the crates built in turn within each round.
fn median_builds<const N: usize>(root: &Path, names: [&str; N]) -> Result<[Duration; N], String> {
    let mut times = [(); N].map(|()| Vec::with_capacity(RUNS));
    for _ in 0..RUNS {
        for (name, times) in names.iter().zip(times.iter_mut()) {
            times.push(clean_build(root, name)?);
        }
    }
    Ok(times.map(|mut times| {
        times.sort();
        times[RUNS / 2]
    }))
}

fn main() -> Result<(), String> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|argument| {
            argument
                .parse()
                .map_err(|_| format!("not a state count: {argument}"))
        })
        .collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() {
        vec![10, 200, 1000]
    } else {
        sizes
    };
    if sizes.iter().any(|&size| size < 2) {
        return Err("a chain needs at least 2 states".to_owned());
    }

    let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = repository.join("bench/generated");
    let mut members = Vec::new();
    for &size in &sizes {
        write_crate(&root, &format!("guard_{size}"), &guard_source(size), true)
            .map_err(|error| error.to_string())?;
        write_crate(&root, &format!("hand_{size}"), &hand_source(size), false)
            .map_err(|error| error.to_string())?;
        write_crate(
            &root,
            &format!("hand_full_{size}"),
            &hand_full_source(size),
            false,
        )
        .map_err(|error| error.to_string())?;
        members.push(format!(
            "\"guard_{size}\", \"hand_{size}\", \"hand_full_{size}\""
        ));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .map_err(|error| error.to_string())?;
    // rust-toolchain.toml of the repository applies here too (same compiler as stateguard's tests).
    cargo(&root, &["build", "-q", "-p", "stateguard"])?;

    println!(
        "| states | hand-written | stateguard | stateguard ÷ hand | hand-written, stateguard's API | stateguard ÷ that |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for &size in &sizes {
        let [hand, guard, hand_full] = median_builds(
            &root,
            [
                &format!("hand_{size}"),
                &format!("guard_{size}"),
                &format!("hand_full_{size}"),
            ],
        )?;
        let seconds = |time: Duration| time.as_secs_f64();
        println!(
            "| {size} | {:.2} s | {:.2} s | {:.2}x | {:.2} s | {:.2}x |",
            seconds(hand),
            seconds(guard),
            seconds(guard) / seconds(hand),
            seconds(hand_full),
            seconds(guard) / seconds(hand_full),
        );
    }
    Ok(())
}
