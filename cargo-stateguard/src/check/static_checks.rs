//! Tier 2: `cargo stateguard lint` and the curated clippy lints, one finding per place when both
//! see it (the lint's record is kept: its fix is written for stateguard's reader).

use crate::check::TierOutcome;
use crate::check::cargo::{CargoFlags, Workspace};
use crate::check::clippy::{self, Topic};
use crate::lint::{self, LintOptions};
use crate::record::Record;

/// The lint's codes that are about the same thing as one of clippy's topics.
const LINT_TOPICS: &[(&str, Topic)] = &[
    ("G0401", Topic::UnsafeWithoutReason),
    ("G0404", Topic::LockAcrossAwait),
    ("G0406", Topic::Transmute),
    ("G0407", Topic::FfiExport),
    ("G0408", Topic::FfiPointer),
];

/// The lint, started in the background while tier 1 compiles: it needs no build, so on a warm
/// workspace its time hides behind cargo's.
#[derive(Debug)]
pub(crate) struct Prepared {
    linted: std::thread::JoinHandle<Result<lint::LintOutcome, lint::Error>>,
}

/// Starts the lint engine on another thread.
pub(crate) fn prepare(flags: &CargoFlags, workspace: &Workspace) -> Prepared {
    let options = LintOptions {
        manifest_path: flags.manifest_path().map(std::path::Path::to_path_buf),
        packages: selected_packages(flags, workspace),
        ..LintOptions::default()
    };
    Prepared {
        linted: std::thread::spawn(move || lint::run(&options)),
    }
}

/// Tier 2: the lint's findings (from `prepared`), then clippy's (`None` when clippy is not
/// installed) that the lint did not report.
pub(crate) fn run(prepared: Prepared, clippy_lints: Option<TierOutcome>) -> TierOutcome {
    let mut outcome = TierOutcome::default();
    let linted = prepared.linted.join().unwrap_or_else(|_| {
        Err(lint::Error::Io(String::from(
            "the lint stopped on an internal error (a bug in stateguard, please report it)",
        )))
    });
    match linted {
        Ok(linted) => {
            if linted.io_errors > 0 {
                outcome.error = Some(format!(
                    "the lint could not read {} file{}",
                    linted.io_errors,
                    if linted.io_errors == 1 { "" } else { "s" }
                ));
            }
            outcome.records = linted.records;
            outcome.lint_summary = Some(linted.summary);
        }
        Err(error) => outcome.error = Some(format!("`cargo stateguard lint` failed: {error}")),
    }
    if let Some(clippy_outcome) = clippy_lints {
        let before = clippy_outcome.records.len();
        let kept: Vec<Record> = clippy_outcome
            .records
            .into_iter()
            .filter(|finding| {
                !outcome
                    .records
                    .iter()
                    .any(|linted| same_finding(linted, finding))
            })
            .collect();
        let merged = before - kept.len();
        outcome.notes.push(if merged == 0 {
            String::from("clippy ran")
        } else {
            format!(
                "clippy ran; {merged} of its findings {} the lint's too, reported once",
                if merged == 1 { "was" } else { "were" }
            )
        });
        outcome.records.extend(kept);
        outcome.notes.extend(clippy_outcome.notes);
        outcome.error = outcome.error.or(clippy_outcome.error);
    } else {
        outcome.notes.push(String::from(
            "clippy is not installed, its lints did not run (`rustup component add clippy`)",
        ));
    }
    outcome
}

/// The packages to lint: those named with `--package`, or every member but the `--exclude`d
/// ones, or (empty) every member.
fn selected_packages(flags: &CargoFlags, workspace: &Workspace) -> Vec<String> {
    if !flags.packages().is_empty() {
        return flags.packages().to_vec();
    }
    if flags.excluded().is_empty() {
        return Vec::new();
    }
    workspace
        .package_names
        .iter()
        .filter(|name| !flags.excluded().contains(name))
        .cloned()
        .collect()
}

/// Whether `linted` and `clippy_finding` are one problem seen by both engines: a topic in common,
/// the same file, and overlapping lines.
fn same_finding(linted: &Record, clippy_finding: &Record) -> bool {
    let lint_topic = LINT_TOPICS
        .iter()
        .find(|(code, _)| *code == linted.code)
        .map(|(_, topic)| *topic);
    if lint_topic.is_none() || clippy::topic(&clippy_finding.code) != lint_topic {
        return false;
    }
    let (Some(lint_span), Some(clippy_span)) = (&linted.span, &clippy_finding.span) else {
        return false;
    };
    lint_span.file == clippy_span.file
        && lint_span.line <= clippy_span.end_line + 1
        && clippy_span.line <= lint_span.end_line + 1
}

#[cfg(test)]
mod tests {
    use super::same_finding;
    use crate::record::{Level, Record, Source, Span, Tier};

    fn record(code: &str, source: Source, line: usize) -> Record {
        Record {
            tier: Tier::Lint,
            source,
            code: code.to_owned(),
            level: Level::Deny,
            span: Some(Span {
                file: String::from("src/lib.rs"),
                line,
                column: 9,
                end_line: line,
                end_column: 19,
            }),
            message: String::new(),
            why: None,
            fix: None,
            suppress: None,
            docs: None,
            caused_by: None,
        }
    }

    #[test]
    fn the_same_danger_at_the_same_place_is_one_finding() {
        let linted = record("G0404", Source::Lint, 12);
        assert!(same_finding(
            &linted,
            &record("clippy::await_holding_lock", Source::Clippy, 12)
        ));
        // The guard's line and the `.await` on the next one.
        assert!(same_finding(
            &linted,
            &record("clippy::await_holding_lock", Source::Clippy, 13)
        ));
        assert!(!same_finding(
            &linted,
            &record("clippy::await_holding_lock", Source::Clippy, 30)
        ));
        assert!(!same_finding(
            &linted,
            &record("clippy::transmute_ptr_to_ref", Source::Clippy, 12)
        ));
        let unsafe_block = record("G0401", Source::Lint, 4);
        assert!(same_finding(
            &unsafe_block,
            &record("clippy::undocumented_unsafe_blocks", Source::Clippy, 4)
        ));
        let unrelated = record("G0403", Source::Lint, 12);
        assert!(!same_finding(
            &unrelated,
            &record("clippy::await_holding_lock", Source::Clippy, 12)
        ));
    }
}
