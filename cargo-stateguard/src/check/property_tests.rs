//! Tier 3: `cargo test` with every property test at 10,000 cases or more, its failures as records
//! that carry the shortest failing sequence.
//!
//! The case count goes through `PROPTEST_CASES`, which stateguard's checker (and proptest itself)
//! reads; a larger count already in the environment is kept. Failures of `check_machine!` come
//! from the JSON lines stateguard's checker appends to the file named by
//! `STATEGUARD_PROPTEST_REPORT`; every other failed test (a plain `#[test]`, a `proptest!` block,
//! a doctest) from the test harness's output.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::check::TierOutcome;
use crate::check::cargo::{self, CargoFlags, Workspace};
use crate::check::libtest::{self, FailedTest};
use crate::check::locate::Locator;
use crate::record::{Fix, Level, Record, Source, Span, Tier};

/// The fewest cases each property test runs under the gate.
pub(crate) const MIN_CASES: u32 = 10_000;

/// The variable stateguard's checker appends failures to (`stateguard::proptest::REPORT_VARIABLE`).
const REPORT_VARIABLE: &str = "STATEGUARD_PROPTEST_REPORT";

/// One line of the checker's failure file.
#[derive(Debug, Deserialize)]
struct MachineFailure {
    machine: String,
    test: Option<String>,
    file: String,
    line: usize,
    column: usize,
    calls: usize,
    sequence: String,
    code: String,
    call: String,
    problem: String,
    message: String,
}

/// The case count to run: `PROPTEST_CASES` when it already asks for at least [`MIN_CASES`].
pub(crate) fn case_count(from_environment: Option<&str>) -> u32 {
    from_environment
        .and_then(|value| value.trim().parse::<u32>().ok())
        .filter(|&cases| cases >= MIN_CASES)
        .unwrap_or(MIN_CASES)
}

/// Runs `cargo test --no-fail-fast` with `flags`.
pub(crate) fn run(flags: &CargoFlags, workspace: &Workspace, locator: &Locator) -> TierOutcome {
    let report = report_path(workspace);
    if let Some(parent) = report.parent()
        && let Err(error) = std::fs::create_dir_all(parent)
    {
        return TierOutcome::error(format!("cannot create `{}`: {error}", parent.display()));
    }
    let _ = std::fs::remove_file(&report);
    let cases = case_count(std::env::var("PROPTEST_CASES").ok().as_deref());
    let mut command = Command::new(cargo::cargo());
    command
        .args(["test", "--no-fail-fast", "--message-format=json"])
        .args(flags.to_args())
        .env("PROPTEST_CASES", cases.to_string())
        .env(REPORT_VARIABLE, &report)
        .env("RUST_BACKTRACE", "0");
    let output = match cargo::output(&mut command) {
        Ok(output) => output,
        Err(error) => return TierOutcome::error(error),
    };
    let messages = cargo::messages(&output.stdout);
    let mut outcome = TierOutcome::from_messages(&messages, Tier::Test, locator, |record| {
        record.level == Level::Deny
    });
    let machine_failures = read_report(&report);
    let _ = std::fs::remove_file(&report);
    let harness_output = String::from_utf8_lossy(&output.stdout);
    let failed = libtest::failed_tests(&harness_output);
    outcome
        .records
        .extend(to_records(&machine_failures, &failed, workspace, locator));
    outcome.notes.push(format!(
        "property tests ran {cases} cases each (PROPTEST_CASES)"
    ));
    if !output.status.success() && !outcome.has_deny() {
        outcome.error = Some(format!(
            "`cargo test` failed: {}",
            cargo::cargo_error(&output.stderr)
        ));
    }
    outcome
}

/// A file of the target directory, one per process, so that two gates never share one.
fn report_path(workspace: &Workspace) -> PathBuf {
    workspace
        .target_directory
        .join("stateguard")
        .join(format!("proptest-failures-{}.jsonl", std::process::id()))
}

fn read_report(path: &Path) -> Vec<MachineFailure> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// Records for the checker's failures, then for every failed test none of them explains.
fn to_records(
    machine_failures: &[MachineFailure],
    failed: &[FailedTest],
    workspace: &Workspace,
    locator: &Locator,
) -> Vec<Record> {
    let belongs = |failure: &MachineFailure, test: &FailedTest| {
        failure.test.as_deref() == Some(test.name.as_str())
            || test.panic_at.as_ref().is_some_and(|(file, line, column)| {
                *file == failure.file && *line == failure.line && *column == failure.column
            })
    };
    // A test may run a failing machine on purpose and catch the panic; its report line is not a
    // failure. When the harness named failed tests, keep only the lines of those tests.
    let mut records: Vec<Record> = machine_failures
        .iter()
        .filter(|failure| failed.is_empty() || failed.iter().any(|test| belongs(failure, test)))
        .map(|failure| machine_record(failure, workspace, locator))
        .collect();
    for test in failed {
        let explained = machine_failures
            .iter()
            .any(|failure| belongs(failure, test));
        if !explained {
            records.push(test_record(test, workspace, locator));
        }
    }
    records
}

fn machine_record(failure: &MachineFailure, workspace: &Workspace, locator: &Locator) -> Record {
    let span = user_file(&failure.file, workspace, locator).map(|file| Span {
        file,
        line: failure.line,
        column: failure.column,
        end_line: failure.line,
        end_column: failure.column,
    });
    Record {
        tier: Tier::Test,
        source: Source::Proptest,
        code: format!("proptest::{}", failure.problem),
        level: Level::Deny,
        span,
        message: format!(
            "`{}` fails after {} call{}: after `{}`, {}",
            failure.machine,
            failure.calls,
            if failure.calls == 1 { "" } else { "s" },
            failure.call,
            failure.message
        ),
        why: Some(format!("shortest failing sequence:\n{}", failure.code)),
        fix: Some(Fix {
            text: format!(
                "replay it in a unit test and make it pass: `let _ = {};`",
                failure.sequence
            ),
            edits: Vec::new(),
        }),
        suppress: None,
        docs: None,
        caused_by: None,
    }
}

fn test_record(test: &FailedTest, workspace: &Workspace, locator: &Locator) -> Record {
    let place = test
        .panic_at
        .as_ref()
        .and_then(|(file, line, column)| {
            user_file(file, workspace, locator).map(|file| (file, *line, *column))
        })
        .or_else(|| {
            libtest::doctest_place(&test.name).and_then(|(file, line)| {
                user_file(&file, workspace, locator).map(|file| (file, line, 1))
            })
        })
        .or_else(|| find_test_fn(&test.name, locator));
    let span = place.map(|(file, line, column)| Span {
        file,
        line,
        column,
        end_line: line,
        end_column: column,
    });
    let (headline, rest) = test
        .message
        .split_once('\n')
        .unwrap_or((test.message.as_str(), ""));
    Record {
        tier: Tier::Test,
        source: Source::Test,
        code: String::from("test-failed"),
        level: Level::Deny,
        span,
        message: if headline.is_empty() {
            format!("test `{}` failed", test.name)
        } else {
            format!("test `{}` failed: {headline}", test.name)
        },
        why: (!rest.trim().is_empty()).then(|| rest.trim().to_owned()),
        fix: None,
        suppress: None,
        docs: None,
        caused_by: None,
    }
}

/// `file` as the locator names it; a relative path that is not under the workspace root is
/// tried under each package's directory (rustdoc names doctests from the package).
fn user_file(file: &str, workspace: &Workspace, locator: &Locator) -> Option<String> {
    if Path::new(file).is_relative() && !workspace.root.join(file).exists() {
        for package in &workspace.package_dirs {
            if package.join(file).exists() {
                return locator.user_path(&package.join(file).to_string_lossy());
            }
        }
    }
    locator.user_path(file)
}

/// The `fn` of a test named `module::name`, for a failure whose panic is outside the user's
/// files (in a dependency's `unwrap`, say): the first `fn name(` in the workspace's sources.
fn find_test_fn(name: &str, locator: &Locator) -> Option<(String, usize, usize)> {
    let function = name.rsplit("::").next()?;
    let needle = format!("fn {function}(");
    let mut pending = vec![locator.root().to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|entry| entry.path()).collect();
        entries.sort();
        for path in entries {
            let file_name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned());
            let hidden = file_name
                .as_deref()
                .is_some_and(|name| name.starts_with('.') || name == "target");
            if hidden {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                for (index, line) in text.lines().enumerate() {
                    if let Some(at) = line.find(&needle) {
                        let file = locator.user_path(&path.to_string_lossy())?;
                        let column = line[..at].chars().count() + 1;
                        return Some((file, index + 1, column));
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{MIN_CASES, case_count};

    fn failure(test: &str, line: usize) -> super::MachineFailure {
        serde_json::from_value(serde_json::json!({
            "machine": "Order", "test": test, "file": "tests/machine.rs", "line": line, "column": 5,
            "calls": 2, "sequence": "Order::new(1).pay(0)", "code": "range", "call": "pay",
            "problem": "invariant", "message": "amount must be at least 1",
        }))
        .unwrap()
    }

    fn failed(name: &str) -> crate::check::libtest::FailedTest {
        crate::check::libtest::FailedTest {
            name: name.to_owned(),
            panic_at: None,
            message: String::new(),
        }
    }

    #[test]
    fn a_report_line_of_a_test_that_passed_is_not_a_failure() {
        let workspace = crate::check::cargo::Workspace {
            root: "/w".into(),
            target_directory: "/w/target".into(),
            package_dirs: vec!["/w".into()],
            package_names: vec!["w".to_owned()],
        };
        let locator = crate::check::locate::Locator::new("/w".into(), "/w/target".into());
        // `catches_the_panic` ran a failing machine on purpose and passed; `ships` failed.
        let failures = [failure("catches_the_panic", 10), failure("ships", 20)];
        let records = super::to_records(&failures, &[failed("ships")], &workspace, &locator);
        assert_eq!(records.len(), 1);
        assert!(
            records[0].message.starts_with("`Order` fails"),
            "{}",
            records[0].message
        );
        assert_eq!(records[0].span.as_ref().map(|span| span.line), Some(20));
    }

    #[test]
    fn the_case_count_is_raised_to_ten_thousand_never_lowered() {
        assert_eq!(case_count(None), MIN_CASES);
        assert_eq!(case_count(Some("200")), MIN_CASES);
        assert_eq!(case_count(Some("not a number")), MIN_CASES);
        assert_eq!(case_count(Some("0")), MIN_CASES);
        assert_eq!(case_count(Some("50000")), 50_000);
    }
}
