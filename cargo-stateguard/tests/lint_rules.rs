//! Each rule's positive and negative cases: the fixture crate `fixtures/lint/rules` marks every line
//! where a finding must start with `//~ CODE`; every other line must stay quiet.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{fixture, lint_jsonl};

/// `(file, line, code)` of every `//~ CODE` mark under `root/src`.
fn expected_marks(root: &Path) -> BTreeSet<(String, usize, String)> {
    let mut marks = BTreeSet::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (index, line) in text.lines().enumerate() {
                let Some((_, marks_text)) = line.split_once("//~") else {
                    continue;
                };
                for code in marks_text
                    .split_whitespace()
                    .filter(|word| word.starts_with("G0"))
                {
                    marks.insert((rel.clone(), index + 1, code.to_owned()));
                }
            }
        }
    }
    marks
}

#[test]
fn every_rule_finds_its_marked_lines_and_nothing_else() {
    let root = fixture("rules");
    let (records, summary, status) = lint_jsonl(&root, &[]);
    let found: BTreeSet<(String, usize, String)> = records
        .iter()
        .map(|record| {
            (
                record["file"].as_str().unwrap().to_owned(),
                record["line"].as_u64().unwrap() as usize,
                record["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = expected_marks(&root);
    let missing: Vec<_> = expected.difference(&found).collect();
    let unexpected: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
    assert_eq!(records.len(), found.len(), "one finding per place and code");
    for code in [
        "G0401", "G0402", "G0403", "G0404", "G0405", "G0406", "G0407", "G0408", "G0409",
    ] {
        assert!(
            expected.iter().any(|(_, _, mark)| mark == code),
            "the fixture has no case for {code}"
        );
    }
    assert_eq!(summary["suppressed"], 2, "{summary}");
    assert_eq!(summary["skipped"].as_array().unwrap().len(), 0, "{summary}");
    assert_eq!(status, Some(1), "deny-level findings exit with 1");
}

#[test]
fn test_code_is_checked_with_tests() {
    let root = fixture("rules");
    let (records, _, _) = lint_jsonl(&root, &["--tests"]);
    assert!(
        records
            .iter()
            .any(|record| record["file"] == "src/lib.rs" && record["code"] == "G0402"),
        "the #[cfg(test)] module is checked with --tests"
    );
}
