//! Helpers shared by the lint tests: running the binary on a fixture crate, checking JSON Schemas.

#![allow(dead_code)] // each test file uses a part

pub(crate) mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The fixture crate `tests/fixtures/lint/<name>`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name)
}

/// Runs `cargo-stateguard lint --manifest-path <root>/Cargo.toml <args>`.
pub(crate) fn lint(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .arg("lint")
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The records and the summary of a `--format jsonl` run, and the exit status.
pub(crate) fn lint_jsonl(root: &Path, args: &[&str]) -> (Vec<Value>, Value, Option<i32>) {
    let mut all = vec!["--format", "jsonl"];
    all.extend_from_slice(args);
    let output = lint(root, &all);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let mut lines: Vec<Value> = stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON ({error}): {line}"))
        })
        .collect();
    let summary = lines.pop().unwrap_or_else(|| {
        panic!(
            "no summary line; stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(summary["type"], "summary", "the last line is the summary");
    (lines, summary, output.status.code())
}

/// Runs the binary with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .args(args)
        .output()
        .expect("the binary runs")
}
