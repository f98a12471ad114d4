//! `cargo stateguard check` on the fixture crates of `tests/fixtures/check`: each is copied into
//! a temporary directory, pointed at this workspace's `stateguard` by absolute path, and checked;
//! the `jsonl` output must equal the fixture's `expected.jsonl` line for line.
//!
//! After a deliberate change, `UPDATE_EXPECT=1 cargo test -p cargo-stateguard --test
//! check_fixtures` rewrites the snapshots; read every changed line before committing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/schema.rs"]
mod schema;

fn record_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/record.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Copies fixture `name` into a fresh directory of its own (`copy`: tests run in parallel) and
/// returns it.
fn prepare(name: &str, copy: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name);
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("check-fixtures")
        .join(copy);
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&source, &copy);
    let manifest = copy.join("Cargo.toml");
    let core = workspace_root().join("guard-core");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("@STATEGUARD@", &core.to_string_lossy()),
    )
    .unwrap();
    let _ = std::fs::remove_file(copy.join("expected.jsonl"));
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs the gate in `crate_dir` with `args`; every fixture shares one target directory, so the
/// dependencies build once.
fn gate(crate_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .arg("check")
        .args(args)
        .current_dir(crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-fixtures-target"),
        )
        .env_remove("PROPTEST_CASES")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap()
}

/// Compares the gate's `jsonl` output on fixture `name` with its snapshot; returns the records.
fn snapshot(name: &str, expected_exit: i32) -> Vec<serde_json::Value> {
    let crate_dir = prepare(name, name);
    let output = gate(&crate_dir, &["--format", "jsonl"]);
    let stdout = without_timing(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(
        output.status.code(),
        Some(expected_exit),
        "{name}: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
        .join("expected.jsonl");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&snapshot, &stdout).unwrap();
    } else {
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
        assert!(
            expected == stdout,
            "{name}: the output differs from {}\n--- expected\n{expected}\n--- found\n{stdout}",
            snapshot.display()
        );
    }
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let schema = record_schema();
    for line in &lines {
        let errors = schema::validate(&schema, line);
        assert!(errors.is_empty(), "{name}: {line}\n{errors:#?}");
    }
    lines
}

/// The output with the summary's `elapsed_ms` set to 0, the one figure that changes between runs.
fn without_timing(output: &str) -> String {
    let Some(start) = output.find("\"elapsed_ms\":") else {
        return output.to_owned();
    };
    let digits = start + "\"elapsed_ms\":".len();
    let end = digits
        + output[digits..]
            .find(|character: char| !character.is_ascii_digit())
            .unwrap_or(output.len() - digits);
    format!("{}0{}", &output[..digits], &output[end..])
}

fn summary(lines: &[serde_json::Value]) -> &serde_json::Value {
    let last = lines.last().expect("a summary line");
    assert_eq!(last["type"], "summary");
    last
}

fn records(lines: &[serde_json::Value]) -> &[serde_json::Value] {
    &lines[..lines.len() - 1]
}

fn tier_status(lines: &[serde_json::Value], tier: u64) -> String {
    summary(lines)["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["tier"] == tier)
        .map(|entry| entry["status"].as_str().unwrap().to_owned())
        .unwrap()
}

#[test]
fn a_call_in_the_wrong_state_fails_tier_one_at_the_call() {
    let lines = snapshot("wrong_state", 1);
    let records = records(&lines);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["tier"], 1);
    assert_eq!(records[0]["code"], "G0115");
    assert_eq!(records[0]["level"], "deny");
    assert_eq!(records[0]["file"], "src/lib.rs");
    assert_eq!(records[0]["line"], 30);
    // The legal path leads the message; the graph edit comes last, in the notes.
    let message = records[0]["message"].as_str().unwrap();
    assert!(
        message.contains("call `.pay(payment_ref)` first: `Paid` has `ship`"),
        "{message}"
    );
    let why = records[0]["why"].as_str().unwrap();
    assert!(why.contains("add `ship => Shipped`"), "{why}");
    assert_eq!(tier_status(&lines, 1), "failed");
    assert_eq!(tier_status(&lines, 2), "skipped");
    assert_eq!(tier_status(&lines, 3), "skipped");
}

#[test]
fn a_shipped_underscore_arm_fails_tier_one_with_its_g_code_on_the_pattern() {
    let lines = snapshot("shipped_arm", 1);
    let records = records(&lines);
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    assert_eq!(record["code"], "G0301");
    assert_eq!(record["source"], "macros");
    assert_eq!(record["file"], "src/lib.rs");
    assert_eq!(record["line"], 24);
    assert_eq!(record["column"], 9);
    let message = record["message"].as_str().unwrap();
    assert!(message.starts_with("this pattern ignores required data of `OrderStatus::Shipped`"));
    assert!(!message.contains("evaluation panicked") && !message.contains("help:"));
    let fix = record["fix"].as_str().unwrap();
    assert!(fix.contains("`OrderStatus::Shipped(tracking_id)`"), "{fix}");
}

#[test]
fn a_blocking_call_and_a_lock_across_await_fail_tier_two_once_each() {
    let lines = snapshot("blocking_async", 1);
    let records = records(&lines);
    assert!(
        records.iter().all(|record| record["tier"] == 2),
        "{records:?}"
    );
    let at = |line: u64| -> Vec<&str> {
        records
            .iter()
            .filter(|record| record["line"] == line)
            .map(|record| record["code"].as_str().unwrap())
            .collect()
    };
    assert_eq!(at(7), ["G0405"], "std::thread::sleep in an async fn");
    // The lint and clippy both see the guard held across `.await`: one record, the lint's.
    assert_eq!(at(12), ["G0404"]);
    assert_eq!(records.len(), 2, "{records:?}");
    let notes = summary(&lines)["tiers"][1]["notes"].to_string();
    assert!(
        notes.contains("1 of its findings was the lint's too"),
        "{notes}"
    );
    assert_eq!(tier_status(&lines, 1), "passed");
    assert_eq!(tier_status(&lines, 2), "failed");
    assert_eq!(tier_status(&lines, 3), "skipped");
}

#[test]
fn a_planted_property_test_failure_fails_tier_three_with_the_shortest_sequence() {
    let lines = snapshot("proptest_failure", 1);
    let records = records(&lines);
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    assert_eq!(record["tier"], 3);
    assert_eq!(record["source"], "proptest");
    assert_eq!(record["code"], "proptest::postcondition");
    assert_eq!(record["file"], "tests/order.rs");
    assert_eq!(record["line"], 6);
    let why = record["why"].as_str().unwrap();
    assert!(why.contains(".ship(String::new())  // <- here"), "{why}");
    let notes = summary(&lines)["tiers"][2]["notes"].to_string();
    assert!(notes.contains("10000 cases"), "{notes}");
}

#[test]
fn failed_tests_that_are_not_property_tests_are_records_too() {
    let lines = snapshot("failing_test", 1);
    let records = records(&lines);
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(records.iter().all(|record| record["source"] == "test"
        && record["code"] == "test-failed"
        && record["tier"] == 3));
    let unit = records.iter().find(|record| record["line"] == 17).unwrap();
    assert_eq!(unit["file"], "src/lib.rs");
    let message = unit["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("test `tests::sums_every_price` failed: assertion `left == right` failed"),
        "{message}"
    );
    assert!(unit["why"].as_str().unwrap().contains("right: 7"), "{unit}");
    let doctest = records.iter().find(|record| record["line"] == 5).unwrap();
    assert_eq!(doctest["file"], "src/lib.rs");
}

#[test]
fn a_missing_clippy_is_said_in_the_summary() {
    let crate_dir = prepare("blocking_async", "blocking_async_without_clippy");
    // A cargo without the clippy component, as on a minimal toolchain.
    let fake = crate_dir.join("cargo-without-clippy.sh");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nif [ \"$1\" = clippy ]; then echo \"error: no such command: \\`clippy\\`\" >&2; exit 101; fi\nexec {:?} \"$@\"\n",
            env!("CARGO")
        ),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&fake).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&fake, permissions).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .args(["check", "--format", "jsonl", "--tier", "2"])
        .current_dir(&crate_dir)
        .env("CARGO", &fake)
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-fixtures-target"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // The lint still finds both problems; clippy's absence is not silent.
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let notes = summary(&lines)["tiers"][1]["notes"].to_string();
    assert!(notes.contains("clippy is not installed"), "{notes}");
    assert_eq!(records(&lines).len(), 2);
}

/// The records and the summary of one `jsonl` run.
fn jsonl_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn one_clippy_build_gives_tier_one_what_cargo_check_gives() {
    // `--tier 1` runs `cargo check`; up to tier 2 the gate builds once, with `cargo clippy`.
    let crate_dir = prepare("wrong_state", "wrong_state_one_build");
    let checked = jsonl_lines(&gate(&crate_dir, &["--format", "jsonl", "--tier", "1"]));
    let clipped = jsonl_lines(&gate(&crate_dir, &["--format", "jsonl", "--tier", "2"]));
    assert_eq!(records(&checked), records(&clipped));
    assert_eq!(records(&clipped).len(), 1);
    let notes = |lines: &[serde_json::Value]| summary(lines)["tiers"][0]["notes"].to_string();
    assert!(notes(&clipped).contains("compiled by `cargo clippy`"));
    assert!(!notes(&checked).contains("clippy"), "{}", notes(&checked));
}

#[test]
fn a_clippy_lint_the_crate_denies_does_not_hide_tier_one_errors() {
    // clippy stops at the library (its own `#![deny(clippy::needless_return)]`) and never
    // compiles the integration test; tier 1 falls back to `cargo check`, which reaches it.
    let lines = snapshot("clippy_denied", 1);
    let records = records(&lines);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["code"], "E0308");
    assert_eq!(records[0]["tier"], 1);
    assert_eq!(records[0]["file"], "tests/total.rs");
    assert_eq!(tier_status(&lines, 1), "failed");
    let notes = summary(&lines)["tiers"][0]["notes"].to_string();
    assert!(!notes.contains("compiled by `cargo clippy`"), "{notes}");
}

#[test]
fn the_same_records_in_every_format() {
    let crate_dir = prepare("shipped_arm", "shipped_arm_formats");
    let run = |format: &str| {
        let output = gate(&crate_dir, &["--format", format, "--color", "never"]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        String::from_utf8(output.stdout).unwrap()
    };

    let human = run("human");
    assert!(
        human.starts_with("error[G0301]: this pattern ignores required data"),
        "{human}"
    );
    assert!(human.contains("--> src/lib.rs:24:9"), "{human}");
    assert!(
        human.contains("tier 1 (compile): failed, 1 error"),
        "{human}"
    );
    assert!(
        human.contains("tier 2 (lint): skipped; an earlier tier failed"),
        "{human}"
    );

    // cargo's own message shape, for rust-analyzer and bacon.
    let json = run("json");
    let message = json
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|line| line["reason"] == "compiler-message")
        .unwrap();
    assert_eq!(message["message"]["code"]["code"], "G0301");
    let span = &message["message"]["spans"][0];
    assert_eq!(
        (span["file_name"].as_str(), span["line_start"].as_u64()),
        (Some("src/lib.rs"), Some(24))
    );

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "G0301");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/lib.rs"
    );
}

#[test]
fn a_clean_crate_passes_every_tier() {
    let lines = snapshot("clean", 0);
    assert!(records(&lines).is_empty(), "{lines:?}");
    for tier in 1..=3 {
        assert_eq!(tier_status(&lines, tier), "passed");
    }
}

#[test]
fn keep_going_runs_every_tier_and_tier_stops_early() {
    let crate_dir = prepare("proptest_failure", "proptest_failure_tier_2");
    let output = gate(&crate_dir, &["--format", "jsonl", "--tier", "2"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\"not asked for (--tier 2)\""), "{stdout}");

    let crate_dir = prepare("shipped_arm", "shipped_arm_keep_going");
    let output = gate(
        &crate_dir,
        &["--format", "jsonl", "--keep-going", "--tier", "2"],
    );
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(tier_status(&lines, 1), "failed");
    assert_ne!(tier_status(&lines, 2), "skipped");
}

#[test]
fn cargo_errors_and_usage_errors_exit_with_two() {
    let crate_dir = prepare("clean", "broken_manifest");
    std::fs::write(crate_dir.join("Cargo.toml"), "[package\nname = ").unwrap();
    let output = gate(&crate_dir, &["--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let summary: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert!(
        summary["errors"][0]
            .as_str()
            .unwrap()
            .contains("Cargo.toml"),
        "{stdout}"
    );

    let output = gate(&crate_dir, &["--tier", "4"]);
    assert_eq!(output.status.code(), Some(2));
    let output = gate(&crate_dir, &["--format", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
}
