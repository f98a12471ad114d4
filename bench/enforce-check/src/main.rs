//! `cargo check` time of a generated 5,000-line module with and without
//! `#[enforce_state_invariants]`, both measured in the same run.
//!
//! ```sh
//! cargo run --release --manifest-path bench/enforce-check/Cargo.toml -- [rounds] [edit|clean]
//! ```
//!
//! It writes two crates into `bench/enforce-check/target/generated/` (a workspace of their own
//! sharing one target directory, so stateguard and its macros are compiled once, before timing):
//! `plain`, the module as written, and `enforced`, the same module under the attribute. Both
//! declare the enum with `#[derive(Invariant)]` and its required fields, so the only difference is
//! the attribute. Each round, for the two crates in turn (so a burst of load on a shared machine
//! does not land on one side only), rewrites the crate's `lib.rs` with a new first line and times
//! `cargo check -p <crate>`: in `edit` mode (the default) incremental compilation reuses what it
//! can, as after an edit in an IDE; in `clean` mode `cargo clean -p <crate>` runs first, so the
//! crate is checked from scratch. It prints every round, then the range and median of each side and of
//! the ratio enforced ÷ plain per round.
//!
//! With `STATEGUARD_BEFORE=<another checkout>/guard-core`, a third crate, `enforced_before`, puts
//! the module under that version's attribute (in a workspace of its own: two versions of stateguard
//! cannot share a lockfile), so two versions are compared in the same run, under the same load.
//!
//! The module is the one of `guard-macros/src/enforce/bench.rs` (the expansion-time measurement):
//! 208 fns, each a 6-arm `match` (a guard, `ref`, struct and tuple variants, a `return`, an inline
//! format argument), an `if let` and a `let … else`.

#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FUNCTIONS: usize = 208;

const PRELUDE: &str = r#"//! Generated: a 5,000-line module of matches over an enum with required fields.
#![allow(dead_code, clippy::all)]
use stateguard::Invariant;

#[derive(Invariant)]
pub enum OrderStatus {
    Pending,
    Paid {
        #[invariant(required)]
        payment_ref: String,
        amount: u64,
    },
    Shipped(#[invariant(required)] TrackingId),
    Delivered {
        #[invariant(required)]
        signature: String,
    },
    Cancelled {
        #[invariant(required)]
        reason: String,
        note: Option<String>,
    },
}

#[derive(Clone)]
pub struct TrackingId(pub String);

pub struct Order {
    pub shipped: Option<TrackingId>,
    pub payments: Vec<String>,
}

impl Order {
    pub fn record(&mut self, payment_ref: &str) {
        self.payments.push(payment_ref.to_owned());
    }
    pub fn set_shipped(&mut self, tracking_id: TrackingId) -> usize {
        self.shipped = Some(tracking_id);
        0
    }
}

"#;

/// The module of `guard-macros/src/enforce/bench.rs`, with `attribute` before it.
fn module(attribute: &str, round: usize) -> String {
    let mut source =
        format!("{PRELUDE}// round {round}\n{attribute}mod generated {{\n    use super::*;\n");
    for index in 0..FUNCTIONS {
        let _ = write!(
            source,
            "
    pub fn handle_{index}(order: &mut Order, update: OrderStatus, queue: &mut Vec<OrderStatus>) -> usize {{
        let mut total = {index};
        match update {{
            OrderStatus::Pending => total += 1,
            OrderStatus::Paid {{ payment_ref, .. }} if payment_ref.is_empty() => total += 2,
            OrderStatus::Paid {{ payment_ref, amount }} => {{
                order.record(&payment_ref);
                total += amount as usize;
            }}
            OrderStatus::Shipped(ref tracking_id) => total += order.set_shipped(tracking_id.clone()),
            OrderStatus::Delivered {{ signature }} => {{
                println!(\"delivered to {{signature}}\");
            }}
            OrderStatus::Cancelled {{ reason, note: _ }} => return reason.len(),
        }}
        if let Some(OrderStatus::Shipped(tracking_id)) = queue.pop() {{
            total += tracking_id.0.len();
        }}
        let Some(OrderStatus::Cancelled {{ reason, .. }}) = queue.pop() else {{
            return total;
        }};
        total + reason.len()
    }}
"
        );
    }
    source.push_str("}\n");
    source
}

const ATTRIBUTE: &str = "#[stateguard::enforce_state_invariants]\n";

fn write_crate(root: &Path, name: &str, source: &str, guard_core: &Path) -> std::io::Result<()> {
    let directory = root.join(name);
    fs::create_dir_all(directory.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nstateguard = {{ path = \"{}\", default-features = false }}\n",
        guard_core.display()
    );
    fs::write(directory.join("Cargo.toml"), manifest)?;
    fs::write(directory.join("src/lib.rs"), source)
}

fn guard_core() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../guard-core")
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

fn range(times: &[f64]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    format!(
        "{:.3}–{:.3} (median {:.3})",
        sorted[0],
        sorted[sorted.len() - 1],
        sorted[sorted.len() / 2]
    )
}

fn main() -> Result<(), String> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(argument) => argument
            .parse()
            .map_err(|_| format!("not a round count: {argument}"))?,
        None => 7,
    };
    let clean = match std::env::args().nth(2).as_deref() {
        None | Some("edit") => false,
        Some("clean") => true,
        Some(other) => return Err(format!("not a mode (edit or clean): {other}")),
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/generated");
    // `STATEGUARD_BEFORE=<path of another checkout's guard-core>` adds a third crate, the module
    // under that version's attribute, to compare two versions in the same run.
    // Two versions of stateguard cannot share a lockfile: that crate gets a workspace (and a
    // target directory) of its own.
    let before = std::env::var_os("STATEGUARD_BEFORE").map(PathBuf::from);
    let mut crates = vec![
        ("plain", "", guard_core(), root.clone()),
        ("enforced", ATTRIBUTE, guard_core(), root.clone()),
    ];
    if let Some(before) = before {
        crates.push((
            "enforced_before",
            ATTRIBUTE,
            before,
            root.with_extension("before"),
        ));
    }
    for (name, attribute, guard_core, root) in &crates {
        write_crate(root, name, &module(attribute, 0), guard_core)
            .map_err(|error| error.to_string())?;
        let members: Vec<String> = crates
            .iter()
            .filter(|(.., other_root)| other_root == root)
            .map(|(name, ..)| format!("\"{name}\""))
            .collect();
        fs::write(
            root.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .map_err(|error| error.to_string())?;
    }
    // Warm-up: stateguard and its macros, and each crate once.
    for (name, _, _, root) in &crates {
        cargo(root, &["check", "-q", "-p", name])?;
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); crates.len()];
    for round in 1..=rounds {
        let mut line = format!("round {round}:");
        for (index, (name, attribute, _, root)) in crates.iter().enumerate() {
            fs::write(root.join(name).join("src/lib.rs"), module(attribute, round))
                .map_err(|error| error.to_string())?;
            if clean {
                cargo(root, &["clean", "-q", "-p", name])?;
            }
            let time = cargo(root, &["check", "-q", "-p", name])?.as_secs_f64();
            times[index].push(time);
            let _ = write!(line, " {name} {time:.3} s");
        }
        println!("{line}");
    }
    for ((name, ..), own) in crates.iter().zip(&times) {
        println!("{name}: cargo check {} s", range(own));
        if *name != "plain" {
            let ratios: Vec<f64> = own
                .iter()
                .zip(&times[0])
                .map(|(own, plain)| own / plain)
                .collect();
            println!("{name} ÷ plain, per round: {}x", range(&ratios));
        }
    }
    Ok(())
}
