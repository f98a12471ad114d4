//! The gate's records against cargo's human output on stateguard's own compile-fail ui suite
//! (`tests/ui/<area>/*.rs`): every case becomes a binary of one scratch crate, checked once by
//! `cargo check` (human output) and once by `cargo stateguard check --tier 1 --format jsonl`.
//!
//! It asserts what the record feed promises: every record located in the case's own file, every
//! case that fails reported, every `help:` line of every error kept in a fix and every note
//! stateguard writes through rustc kept in the reason, and the `jsonl` output smaller than cargo's human output. It prints the figures
//! (`docs/benchmarks.md`), among them the size ratio against cargo's human output and against
//! cargo's JSON. Slow (it compiles every case), so ignored by default:
//!
//! ```sh
//! cargo test -p cargo-stateguard --test check_ui_suite -- --ignored --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The compile-fail cases: `tests/ui/<area>/*.rs` (the `pass/` folders are not compile-fail).
fn cases() -> Vec<(String, PathBuf)> {
    let ui = workspace_root().join("tests/ui");
    let mut cases = Vec::new();
    for area in ["typestate", "invariant", "enforce", "proptest"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(ui.join(area))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
            .collect();
        files.sort();
        for file in files {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            cases.push((format!("ui/{area}/{stem}.rs"), file));
        }
    }
    cases
}

/// A crate with one binary per case, depending on what `tests/Cargo.toml` gives the ui runner.
fn scratch_crate(cases: &[(String, PathBuf)]) -> PathBuf {
    let root = workspace_root();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-ui-suite");
    let _ = std::fs::remove_dir_all(&dir);
    let mut manifest = format!(
        "[package]\nname = \"ui-suite\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n\
         stateguard = {{ path = {core:?}, features = [\"serde\", \"proptest\"] }}\n\
         stateguard-enforce-upstream = {{ path = {upstream:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
         static_assertions = \"1\"\nproptest = \"1\"\n",
        core = root.join("guard-core").to_string_lossy(),
        upstream = root.join("tests/enforce-upstream").to_string_lossy(),
    );
    for (index, (relative, source)) in cases.iter().enumerate() {
        let target = dir.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(source, &target).unwrap();
        manifest.push_str(&format!(
            "\n[[bin]]\nname = \"case{index}\"\npath = {relative:?}\n"
        ));
    }
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    dir
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("check-ui-suite-target")
}

/// cargo's human output for the suite: its standard error without the progress lines.
fn cargo_human_output(dir: &Path) -> String {
    let output = Command::new("cargo")
        .args(["check", "--bins", "--keep-going", "--color", "never"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    String::from_utf8(output.stderr)
        .unwrap()
        .lines()
        .filter(|line| {
            let word = line.trim_start().split(' ').next().unwrap_or_default();
            !matches!(
                word,
                "Compiling" | "Checking" | "Finished" | "Blocking" | "Locking"
            )
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

/// What a fix needs, from cargo's JSON output: every `help:` line of the error messages, the notes
/// stateguard writes through `#[diagnostic::on_unimplemented]` (an E0277 whose message is
/// stateguard's, not rustc's `the trait bound .. is not satisfied`), each with the case's file, and
/// the output's size.
struct JsonFeed {
    helps: Vec<(String, String)>,
    notes: Vec<(String, String)>,
    bytes: usize,
}

fn cargo_json_feed(dir: &Path) -> JsonFeed {
    let output = Command::new("cargo")
        .args(["check", "--bins", "--keep-going", "--message-format=json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    let mut helps = Vec::new();
    let mut notes = Vec::new();
    let bytes = output.stdout.len();
    for line in String::from_utf8(output.stdout).unwrap().lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let message = &value["message"];
        if value["reason"] != "compiler-message" || message["level"] != "error" {
            continue;
        }
        let text = message["message"].as_str().unwrap();
        let file = value["target"]["src_path"].as_str().unwrap().to_owned();
        for help in text
            .lines()
            .filter_map(|line| line.trim().strip_prefix("help: "))
        {
            helps.push((file.clone(), help.to_owned()));
        }
        let stateguards_own =
            message["code"]["code"] == "E0277" && !text.starts_with("the trait bound");
        if stateguards_own {
            for child in message["children"].as_array().unwrap() {
                let note = child["message"].as_str().unwrap();
                // rustc's own notes that name generated internals, and its obligation chains
                // ("required for `X` to implement `Y`"), are dropped on purpose.
                let internal = note.contains("__guard")
                    || note.contains("__private")
                    || note.starts_with("required for ")
                    || note.starts_with("required by ")
                    || note.starts_with("required because ");
                if child["level"] == "note"
                    && child["spans"].as_array().unwrap().is_empty()
                    && !internal
                {
                    notes.push((file.clone(), note.to_owned()));
                }
            }
        }
    }
    JsonFeed {
        helps,
        notes,
        bytes,
    }
}

/// How many of `lines` appear in field `field` (`fix`'s text or `why`) of a record of their file.
fn kept(records: &[serde_json::Value], lines: &[(String, String)], field: &str) -> usize {
    lines.len() - lost(records, lines, field).len()
}

/// The `lines` that appear in no record of their file's field `field`.
fn lost<'a>(
    records: &[serde_json::Value],
    lines: &'a [(String, String)],
    field: &str,
) -> Vec<&'a (String, String)> {
    lines
        .iter()
        .filter(|(file, line)| {
            !records.iter().any(|record| {
                let in_file = record["file"]
                    .as_str()
                    .is_some_and(|relative| file.ends_with(relative));
                let text = match field {
                    "fix" => record["fix"].as_str(),
                    _ => record[field].as_str(),
                };
                in_file && text.is_some_and(|text| text.contains(line.as_str()))
            })
        })
        .collect()
}

#[test]
#[ignore = "compiles the whole ui suite; run with --ignored --nocapture"]
fn the_records_are_smaller_than_cargos_output_located_and_complete() {
    let cases = cases();
    let dir = scratch_crate(&cases);
    let human = cargo_human_output(&dir);

    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-stateguard"))
        .args(["check", "--tier", "1", "--format", "jsonl"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let jsonl = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1), "{jsonl}");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let records = &lines[..lines.len() - 1];

    // Every record is located, in the file of a case.
    let located = records
        .iter()
        .filter(|record| {
            record["file"]
                .as_str()
                .is_some_and(|file| cases.iter().any(|(relative, _)| relative == file))
        })
        .count();
    // Every case that fails to compile has at least one record.
    let failing_cases: Vec<&String> = cases
        .iter()
        .map(|(relative, _)| relative)
        .filter(|relative| human.contains(&format!("--> {relative}:")))
        .collect();
    let reported_cases = failing_cases
        .iter()
        .filter(|relative| records.iter().any(|record| record["file"] == ***relative))
        .count();
    // Every `help:` of an error message is in the fix of a record of its file, every `note:` in
    // its reason.
    let feed = cargo_json_feed(&dir);
    let kept_helps = kept(records, &feed.helps, "fix");
    let kept_notes = kept(records, &feed.notes, "why");
    // The least a reader needs: each record's message and fix text.
    let essential: usize = records
        .iter()
        .map(|record| {
            record["message"].as_str().map_or(0, str::len)
                + record["fix"].as_str().map_or(0, str::len)
        })
        .sum();
    let g_codes = records
        .iter()
        .filter(|record| {
            record["code"]
                .as_str()
                .is_some_and(|code| code.starts_with('G'))
        })
        .count();
    let caused = lines.last().unwrap()["tiers"][0]["caused"].clone();

    let ratio = human.len() as f64 / jsonl.len() as f64;
    let json_ratio = feed.bytes as f64 / jsonl.len() as f64;
    println!(
        "cases: {} ({} failing to compile)",
        cases.len(),
        failing_cases.len()
    );
    println!(
        "records: {} ({g_codes} with a G code), {caused} more hidden as caused by another",
        records.len()
    );
    println!("cargo's human output: {} bytes", human.len());
    println!("jsonl output: {} bytes (records and summary)", jsonl.len());
    println!("ratio: {ratio:.2}x smaller than cargo's human output");
    println!(
        "cargo's JSON output (--message-format=json): {} bytes",
        feed.bytes
    );
    println!("ratio: {json_ratio:.1}x smaller than cargo's JSON output");
    println!(
        "message and fix text alone: {essential} bytes ({:.2}x smaller than cargo's human output)",
        human.len() as f64 / essential as f64
    );
    println!("located in the case's file: {located}/{}", records.len());
    println!(
        "failing cases with a record: {reported_cases}/{}",
        failing_cases.len()
    );
    println!(
        "help lines kept in a fix: {kept_helps}/{}",
        feed.helps.len()
    );
    println!(
        "stateguard's notes kept in a reason: {kept_notes}/{}",
        feed.notes.len()
    );
    println!("gate time (tier 1, cases already built once): {elapsed:?}");

    assert_eq!(
        located,
        records.len(),
        "records outside the cases' files:\n{jsonl}"
    );
    assert_eq!(reported_cases, failing_cases.len());
    assert_eq!(
        kept_helps,
        feed.helps.len(),
        "help lines in no record: {:#?}",
        lost(records, &feed.helps, "fix")
    );
    assert_eq!(
        kept_notes,
        feed.notes.len(),
        "notes in no record: {:#?}",
        lost(records, &feed.notes, "why")
    );
    assert!(!feed.notes.is_empty());
    assert!(ratio > 1.0, "{ratio:.2}x");
    assert!(json_ratio > ratio);
}
