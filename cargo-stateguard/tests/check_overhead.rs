//! What tiers 1 and 2 of the gate cost on a warm workspace (this one) next to the commands they
//! run, run alone: `cargo check --all-targets` and `cargo clippy --all-targets` with the curated
//! lints, and then also `cargo stateguard lint`. A benchmark, not a timed test: it prints the
//! figures and asserts nothing about them (`docs/benchmarks.md`).
//!
//! ```sh
//! cargo test -p cargo-stateguard --release --test check_overhead -- --ignored --nocapture
//! ```

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The curated clippy lints, as the gate turns them on (`src/check/clippy.rs`).
fn clippy_flags() -> Vec<String> {
    let source = include_str!("../src/check/clippy.rs");
    let start = source.find("pub(crate) const CURATED").unwrap();
    let end = start + source[start..].find("];").unwrap();
    source[start..end]
        .lines()
        .filter_map(|line| line.trim().strip_prefix("(\"")?.split('"').next())
        .map(|lint| format!("-Wclippy::{lint}"))
        .collect()
}

fn timed(command: &mut Command) -> Duration {
    let started = Instant::now();
    let output = command.output().unwrap();
    let elapsed = started.elapsed();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    elapsed
}

fn cargo_alone(root: &Path, flags: &[String]) -> Duration {
    let check = timed(
        Command::new("cargo")
            .args([
                "check",
                "--all-targets",
                "--keep-going",
                "--message-format=json",
            ])
            .current_dir(root),
    );
    let clippy = timed(
        Command::new("cargo")
            .args([
                "clippy",
                "--all-targets",
                "--keep-going",
                "--message-format=json",
                "--",
            ])
            .args(flags)
            .current_dir(root),
    );
    check + clippy
}

fn lint_alone(root: &Path) -> Duration {
    timed(
        Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
            .args(["lint", "--format", "jsonl"])
            .current_dir(root),
    )
}

fn gate(root: &Path) -> Duration {
    timed(
        Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
            .args(["check", "--tier", "2", "--format", "jsonl"])
            .current_dir(root),
    )
}

#[test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
fn tiers_one_and_two_against_cargo_check_and_clippy_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let flags = clippy_flags();
    assert!(flags.len() > 20, "{flags:?}");
    // Warm both: the first runs build what is missing.
    cargo_alone(root, &flags);
    gate(root);
    let mut against_cargo = Vec::new();
    let mut against_all_three = Vec::new();
    for round in 1..=7 {
        let alone = cargo_alone(root, &flags);
        let lint = lint_alone(root);
        let gated = gate(root);
        let ratio = gated.as_secs_f64() / alone.as_secs_f64();
        let ratio_all = gated.as_secs_f64() / (alone + lint).as_secs_f64();
        println!(
            "round {round}: cargo check + clippy {alone:.2?}, lint {lint:.2?}, gate tiers 1-2 \
             {gated:.2?}; gate / (check + clippy) {ratio:.3}, gate / (check + clippy + lint) \
             {ratio_all:.3}"
        );
        against_cargo.push(ratio);
        against_all_three.push(ratio_all);
    }
    for (name, ratios) in [
        ("gate / (check + clippy)", &mut against_cargo),
        ("gate / (check + clippy + lint)", &mut against_all_three),
    ] {
        ratios.sort_by(f64::total_cmp);
        println!(
            "{name}: {:.3} to {:.3}, median {:.3}",
            ratios[0],
            ratios[ratios.len() - 1],
            ratios[ratios.len() / 2]
        );
    }
}
