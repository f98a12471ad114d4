//! The four output formats, the record schema, the exit status, bad input, configuration, `--fix` and
//! `--explain`.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::schema::validate;
use support::{fixture, lint, lint_jsonl};

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn record_schema() -> Value {
    read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/record.schema.json"))
}

#[test]
fn jsonl_records_and_summary_follow_the_documented_schema() {
    let schema = record_schema();
    let (records, summary, _) = lint_jsonl(&fixture("rules"), &[]);
    assert!(records.len() > 20);
    for record in records.iter().chain([&summary]) {
        let errors = validate(&schema, record);
        assert!(errors.is_empty(), "{record}\n{errors:#?}");
    }
    let with_edits = records
        .iter()
        .filter(|record| record["edits"].is_array())
        .count();
    assert!(with_edits >= 3, "mechanical fixes carry edits");
    // A finding has no `type` and no `edits` without a fix; the end is one [line, column] pair.
    assert!(records.iter().all(|record| record.get("type").is_none()));
    assert!(
        records
            .iter()
            .all(|record| record["end"].as_array().unwrap().len() == 2)
    );
    assert!(
        records
            .iter()
            .all(|record| record["suppress"].is_string() || record["code"] == "G0409")
    );
    assert!(records.iter().all(|record| {
        record["docs"]
            .as_str()
            .unwrap()
            .contains("docs/lint.md#g04")
    }));
}

#[test]
fn the_schema_check_rejects_what_the_schema_forbids() {
    let schema = record_schema();
    let (records, summary, _) = lint_jsonl(&fixture("rules"), &[]);
    let mut no_message = records[0].clone();
    no_message.as_object_mut().unwrap().remove("message");
    assert!(!validate(&schema, &no_message).is_empty());
    let mut extra = records[0].clone();
    extra["colour"] = Value::from("red");
    assert!(!validate(&schema, &extra).is_empty());
    let mut bad_level = records[0].clone();
    bad_level["level"] = Value::from("error");
    assert!(!validate(&schema, &bad_level).is_empty());
    let mut half_place = records[0].clone();
    half_place.as_object_mut().unwrap().remove("column");
    assert!(!validate(&schema, &half_place).is_empty());
    let mut bad_end = records[0].clone();
    bad_end["end"] = serde_json::json!([3, 4, 5]);
    assert!(!validate(&schema, &bad_end).is_empty());
    let mut typed = records[0].clone();
    typed["type"] = Value::from("finding");
    assert!(!validate(&schema, &typed).is_empty());
    let mut bad_summary = summary.clone();
    bad_summary["deny"] = Value::from(-1);
    assert!(!validate(&schema, &bad_summary).is_empty());
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_and_stable_fingerprints() {
    // The OASIS SARIF 2.1.0 schema (sarif-2.1/schema/sarif-schema-2.1.0.json of oasis-tcs/sarif-spec).
    let schema = read_json(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json"),
    );
    let run = || {
        let output = lint(&fixture("rules"), &["--format", "sarif"]);
        assert_eq!(output.status.code(), Some(1));
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let sarif = run();
    let errors = validate(&schema, &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(sarif["version"], "2.1.0");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let codes: Vec<&str> = rules
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "G0400", "G0401", "G0402", "G0403", "G0404", "G0405", "G0406", "G0407", "G0408",
            "G0409"
        ]
    );
    assert!(rules.iter().all(|rule| {
        rule["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad")
    }));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 20);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(
            result["partialFingerprints"]["stateguardHash/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    let fingerprints = |sarif: &Value| -> Vec<Value> {
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|result| result["partialFingerprints"].clone())
            .collect()
    };
    let first = fingerprints(&sarif);
    let mut unique = first.clone();
    unique.sort_by_key(|value| value.to_string());
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "fingerprints tell results apart");
    assert_eq!(
        first,
        fingerprints(&run()),
        "fingerprints are stable across runs"
    );
    let mut broken = sarif.clone();
    broken.as_object_mut().unwrap().remove("version");
    assert!(
        !validate(&schema, &broken).is_empty(),
        "the schema check can fail"
    );
}

#[test]
fn json_is_cargo_compiler_messages() {
    let output = lint(&fixture("rules"), &["--format", "json"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let (last, messages) = lines.split_last().unwrap();
    assert_eq!(last["reason"], "build-finished");
    assert_eq!(last["success"], false);
    for message in messages {
        assert_eq!(message["reason"], "compiler-message");
        assert!(message["target"]["src_path"].is_string() && message["package_id"].is_string());
        let diagnostic = &message["message"];
        assert!(
            diagnostic["code"]["code"]
                .as_str()
                .unwrap()
                .starts_with("G04")
        );
        assert!(matches!(
            diagnostic["level"].as_str().unwrap(),
            "error" | "warning"
        ));
        let span = &diagnostic["spans"][0];
        assert_eq!(span["is_primary"], true);
        assert!(
            span["line_start"].as_u64().unwrap() >= 1
                && span["byte_end"].as_u64() >= span["byte_start"].as_u64()
        );
        let rendered = diagnostic["rendered"].as_str().unwrap();
        assert!(rendered.contains(diagnostic["code"]["code"].as_str().unwrap()));
    }
    let sleep = messages
        .iter()
        .map(|message| &message["message"])
        .find(|diagnostic| diagnostic["code"]["code"] == "G0406")
        .unwrap();
    let help = sleep["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|child| child["level"] == "help")
        .unwrap();
    assert_eq!(
        help["spans"][0]["suggestion_applicability"],
        "MachineApplicable"
    );
}

#[test]
fn human_output_looks_like_rustc() {
    let output = lint(&fixture("rules"), &["--color", "never"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "error[G0401]: `unsafe` block without a `// SAFETY:` comment\n --> src/g0401.rs:2:19\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("warning[G0403]"));
    assert!(stdout.contains("help: `f32::from_bits(bits)`"), "{stdout}");
    assert!(stdout.contains("= to allow this one place: // stateguard: allow(G0401) reason:"));
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("stateguard: ")
            && last.contains("errors")
            && last.contains("2 suppressed"),
        "{last}"
    );
}

#[test]
fn exit_status_is_zero_when_nothing_is_at_deny_level() {
    let (records, summary, status) = lint_jsonl(&fixture("clean"), &[]);
    assert_eq!(status, Some(0));
    assert_eq!(records.len(), 1, "one warn-level finding");
    assert_eq!(records[0]["level"], "warn");
    assert_eq!(summary["warn"], 1);
}

#[test]
fn bad_input_is_reported_and_the_rest_is_checked() {
    let (records, summary, status) = lint_jsonl(&fixture("bad-input"), &[]);
    assert_eq!(
        status,
        Some(2),
        "an unreadable (non-UTF-8) file is an I/O error"
    );
    let parse = records
        .iter()
        .find(|record| record["code"] == "G0400")
        .expect("a parse finding");
    assert_eq!(parse["file"], "src/broken.rs");
    assert_eq!(parse["line"], 2);
    assert!(
        records
            .iter()
            .any(|record| record["file"] == "src/fine.rs" && record["code"] == "G0402")
    );
    let skipped = summary["skipped"].as_array().unwrap();
    let reasons: Vec<String> = skipped
        .iter()
        .map(|entry| format!("{}: {}", entry["path"], entry["reason"]))
        .collect();
    let has = |needle: &str| reasons.iter().any(|reason| reason.contains(needle));
    assert!(has("src/latin1.rs\": \"is not UTF-8"), "{reasons:#?}");
    assert!(has("module `missing` is declared"), "{reasons:#?}");
    assert!(
        has("module `windows_only` is under a `cfg`"),
        "{reasons:#?}"
    );
    assert!(has("src/broken.rs\": \"does not parse"), "{reasons:#?}");
    assert!(
        has("src/features_check/error.rs\": \"declared under a `cfg` and does not parse"),
        "{reasons:#?}"
    );
    assert_eq!(
        records
            .iter()
            .filter(|record| record["code"] == "G0400")
            .count(),
        1,
        "only the file that is always built"
    );
    let output = lint(&fixture("bad-input"), &[]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error: src/latin1.rs: is not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn manifest_problems_are_usage_errors() {
    let output = lint(Path::new("/nonexistent/crate"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("/nonexistent/crate/Cargo.toml` does not exist")
    );
    let output = lint(&fixture("bad-config"), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "[package.metadata.stateguard]: `levels.G0402` must be \"deny\", \"warn\" or \"allow\""
        ),
        "{stderr}"
    );
    let output = lint(&fixture("rules"), &["--package", "nope"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("package `nope` is not a member"));
    let output = lint(&fixture("rules"), &["--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn configuration_sets_levels_blocking_functions_test_paths_and_shared_types() {
    let root = fixture("config");
    let (records, _, status) = lint_jsonl(&root, &[]);
    let found: Vec<(String, u64, String)> = records
        .iter()
        .map(|record| {
            (
                record["file"].as_str().unwrap().to_owned(),
                record["line"].as_u64().unwrap(),
                format!(
                    "{} {}",
                    record["code"].as_str().unwrap(),
                    record["level"].as_str().unwrap()
                ),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("src/lib.rs".to_owned(), 13, "G0405 deny".to_owned()),
            ("src/lib.rs".to_owned(), 15, "G0403 deny".to_owned()),
            ("src/lib.rs".to_owned(), 20, "G0401 warn".to_owned()),
        ]
    );
    assert_eq!(status, Some(1));
    let (records, _, _) = lint_jsonl(&root, &["--tests"]);
    assert!(
        !records
            .iter()
            .any(|record| record["file"] == "src/testing.rs"),
        "G0402 is allowed everywhere"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn scratch_copy(name: &str) -> PathBuf {
    let scratch =
        std::env::temp_dir().join(format!("stateguard-lint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    copy_dir(&fixture(name), &scratch);
    scratch
}

#[test]
fn fix_applies_the_mechanical_edits() {
    let scratch = scratch_copy("fix");
    let before = lint_jsonl(&scratch, &[]).0;
    assert_eq!(before.len(), 4, "{before:#?}");
    let output = lint(&scratch, &["--fix"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "refuses a directory git cannot restore"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("--allow-dirty"));
    let output = lint(&scratch, &["--fix", "--allow-dirty", "--format", "jsonl"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("applied 4 fixes"));
    let fixed = std::fs::read_to_string(scratch.join("src/lib.rs")).unwrap();
    let expected = std::fs::read_to_string(scratch.join("expected.rs")).unwrap();
    assert_eq!(fixed, expected);
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = support::run(&["lint", "--explain", "g0404"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    for section in [
        "# G0404: lock-across-await",
        "## What it does",
        "## Why is this bad",
        "## Example",
        "## Use instead",
    ] {
        assert!(text.contains(section), "{text}");
    }
    let output = support::run(&["lint", "--explain", "G0499"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown code `G0499`"));
}

#[test]
fn docs_lint_md_holds_every_rules_explanation() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/lint.md"))
            .unwrap();
    for code in [
        "G0400", "G0401", "G0402", "G0403", "G0404", "G0405", "G0406", "G0407", "G0408", "G0409",
    ] {
        let output = support::run(&["lint", "--explain", code]);
        let explanation = String::from_utf8(output.stdout).unwrap();
        let shifted = explanation
            .replacen("# ", "## ", 1)
            .replace("\n## ", "\n### ");
        assert!(
            docs.contains(shifted.trim_end()),
            "docs/lint.md is out of date for {code}: regenerate it with `--explain`"
        );
    }
}

#[test]
fn old_edition_syntax_is_skipped_and_named_not_reported() {
    let (records, summary, status) = lint_jsonl(&fixture("edition2015"), &[]);
    assert!(records.is_empty(), "{records:#?}");
    assert_eq!(status, Some(0));
    assert_eq!(summary["files_checked"], 0);
    let skipped = &summary["skipped"][0];
    assert_eq!(skipped["path"], "src/lib.rs");
    assert!(
        skipped["reason"]
            .as_str()
            .unwrap()
            .starts_with("edition 2015 syntax the parser does not read"),
        "{summary}"
    );
}
