//! Clean build time of a generated `#[typestate]` chain of N states against the same machine written
//! by hand, both built in the same run on the same machine.
//!
//! ```sh
//! cargo run --release --manifest-path bench/typestate-build/Cargo.toml -- 10 200 1000
//! ```
//!
//! For each N it writes two crates into `bench/generated/` (a workspace of their own sharing one
//! target directory, so guard-core and guard-macros are compiled once, before timing), then for
//! each crate and each of `RUNS` rounds: `cargo clean -p <crate>`, then times `cargo build -p <crate>`.
//! The median of the rounds is reported, and the ratio guard ÷ hand.
//!
//! The chain: `S0 -> S1 -> ... -> S(N-1)`; odd states carry a `value: u32`, even states are units;
//! the machine carries an `id: u64`. The hand-written crate is what a careful person writes for the
//! same API: a sealed state trait, one struct per state, the machine struct, the constructor, one
//! inherent method per transition, and the erased enum with its `From` impls.

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
        "//! A generated chain machine.\nuse guard_core::typestate;\n\n#[typestate]\npub mod chain {\n    #[machine]\n    pub struct Machine {\n        id: u64,\n    }\n\n    #[states]\n    pub enum ChainState {\n",
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

fn write_crate(root: &Path, name: &str, source: &str, guard: bool) -> std::io::Result<()> {
    let directory = root.join(name);
    fs::create_dir_all(directory.join("src"))?;
    let mut manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n"
    );
    if guard {
        manifest.push_str(
            "guard-core = { path = \"../../../guard-core\", default-features = false }\n",
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

fn median_build(root: &Path, name: &str) -> Result<Duration, String> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        cargo(root, &["clean", "-q", "-p", name])?;
        times.push(cargo(root, &["build", "-q", "-p", name])?);
    }
    times.sort();
    Ok(times[RUNS / 2])
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
        members.push(format!("\"guard_{size}\", \"hand_{size}\""));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .map_err(|error| error.to_string())?;
    // rust-toolchain.toml of the repository applies here too (same compiler as guard's tests).
    cargo(&root, &["build", "-q", "-p", "guard-core"])?;

    println!("| states | hand-written | guard | guard ÷ hand |");
    println!("|---:|---:|---:|---:|");
    for &size in &sizes {
        let hand = median_build(&root, &format!("hand_{size}"))?;
        let guard = median_build(&root, &format!("guard_{size}"))?;
        println!(
            "| {size} | {:.2} s | {:.2} s | {:.2}x |",
            hand.as_secs_f64(),
            guard.as_secs_f64(),
            guard.as_secs_f64() / hand.as_secs_f64()
        );
    }
    Ok(())
}
