//! `cargo stateguard check`: the three-tier gate. Tier 1 compiles (`cargo check`, or the `cargo
//! clippy` build tier 2 needs anyway, which runs rustc too: rustc and
//! stateguard's macros), tier 2 looks for dangerous patterns that compile (`cargo stateguard lint`
//! and curated clippy lints), tier 3 runs the tests with every property test at 10,000 cases or
//! more. It stops at the first tier that fails (`--keep-going` runs them all) and reports every
//! problem from every source as one record; the last line of the output sums up.
//!
//! Exit status: 0 when no tier found a deny-level problem, 1 when one did, 2 for usage errors and
//! when cargo itself failed (a manifest it cannot read, a build step that broke without a
//! diagnostic).

mod cargo;
mod clippy;
mod compile;
mod diagnostic;
mod libtest;
mod locate;
mod normalise;
mod property_tests;
mod records;
mod static_checks;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::record::{Level, Record, Summary, Tier, TierStatus};
use crate::render::{self, Format, Report};

pub(crate) use self::cargo::CargoFlags;

/// `cargo stateguard check`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// The last tier to run: 1 compiles, 2 also lints (stateguard's lint and clippy), 3 also runs
    /// the tests with property tests at 10,000 cases.
    #[arg(long, value_name = "TIER", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=3))]
    tier: u8,
    /// Run every tier even when an earlier one fails.
    #[arg(long)]
    keep_going: bool,
    /// Output format: `human` (rustc's look), `json` (cargo's messages, for editors), `jsonl`
    /// (one record a line, then the summary: for models and scripts), `sarif` (code scanning).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Colours in the human format (default: when writing to a terminal and `NO_COLOR` is unset).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Also show the errors that follow from an earlier one (marked `caused_by`).
    #[arg(long)]
    show_caused: bool,
    #[command(flatten)]
    cargo: CargoFlags,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// What one tier found.
#[derive(Debug, Default)]
pub(crate) struct TierOutcome {
    pub(crate) records: Vec<Record>,
    /// What the summary should say about this tier (what ran, what was missing).
    pub(crate) notes: Vec<String>,
    /// cargo failed without a finding that explains it.
    pub(crate) error: Option<String>,
    /// What the lint engine adds to the summary (files checked, suppressions, its rules).
    pub(crate) lint_summary: Option<Summary>,
}

impl TierOutcome {
    pub(crate) fn error(message: String) -> Self {
        Self {
            error: Some(message),
            ..Self::default()
        }
    }

    pub(crate) fn has_deny(&self) -> bool {
        self.records
            .iter()
            .any(|record| record.level == Level::Deny)
    }
}

/// Runs the gate and writes its output.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let started = Instant::now();
    let (records, mut summary, root) = gate(args);
    summary.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let exit = summary::exit_status(&summary, &records);
    let shown = records::visible(records, args.show_caused);
    let stdout = std::io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let report = Report {
        records: &shown,
        summary: &summary,
        root: &root,
        color,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = render::render(args.format, &report, &mut out).and_then(|()| out.flush());
    match written {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::from(2),
        _ => ExitCode::from(exit),
    }
}

/// The build tiers 1 and 2 read: tier 1's outcome, and clippy's curated findings for tier 2
/// (`None` when clippy is not installed or tier 2 was not asked for). Up to tier 2, one `cargo
/// clippy` run gives both, since clippy runs rustc; `cargo check` runs only for `--tier 1`, without
/// clippy, or when the clippy run cannot stand for it (see [`clippy::ClippyRun`]).
fn build(args: &CheckArgs, locator: &locate::Locator) -> (TierOutcome, Option<TierOutcome>) {
    if args.tier < 2 {
        return (compile::run(&args.cargo, locator), None);
    }
    match clippy::run(&args.cargo, locator) {
        Some(clippy::ClippyRun {
            compile: Some(mut compiled),
            lints,
        }) => {
            compiled.notes.push(String::from(
                "compiled by `cargo clippy`, one build for tiers 1 and 2",
            ));
            (compiled, Some(lints))
        }
        Some(clippy::ClippyRun {
            compile: None,
            lints,
        }) => (compile::run(&args.cargo, locator), Some(lints)),
        None => (compile::run(&args.cargo, locator), None),
    }
}

/// Runs the tiers; the records in order, the summary, and the workspace root (record paths are
/// relative to it).
pub(crate) fn gate(args: &CheckArgs) -> (Vec<Record>, Summary, PathBuf) {
    let mut summary = Summary::default();
    let workspace = match cargo::workspace(&args.cargo) {
        Ok(workspace) => workspace,
        Err(error) => {
            summary.errors.push(error);
            let here = std::env::current_dir().unwrap_or_default();
            return (Vec::new(), summary, here);
        }
    };
    let locator = locate::Locator::new(workspace.root.clone(), workspace.target_directory.clone());
    let mut records = Vec::new();
    let mut failed = false;
    let mut prepared_lint =
        (args.tier >= 2).then(|| static_checks::prepare(&args.cargo, &workspace));
    let (mut compiled, mut clippy_lints) = build(args, &locator);
    for tier in [Tier::Compile, Tier::Lint, Tier::Test] {
        if u8::from(tier) > args.tier {
            summary::skip(
                &mut summary,
                tier,
                format!("not asked for (--tier {})", args.tier),
            );
            continue;
        }
        if failed && !args.keep_going {
            summary::skip(
                &mut summary,
                tier,
                String::from("an earlier tier failed (--keep-going runs it)"),
            );
            continue;
        }
        let outcome = match tier {
            Tier::Compile => std::mem::take(&mut compiled),
            Tier::Lint => match prepared_lint.take() {
                Some(prepared) => static_checks::run(prepared, clippy_lints.take()),
                None => continue,
            },
            Tier::Test => property_tests::run(&args.cargo, &workspace, &locator),
        };
        let mut tier_records = outcome.records;
        records::dedup(&mut tier_records);
        let status = if outcome.error.is_some() {
            TierStatus::Error
        } else if tier_records
            .iter()
            .any(|record| record.level == Level::Deny)
        {
            TierStatus::Failed
        } else {
            TierStatus::Passed
        };
        failed |= status != TierStatus::Passed;
        if let Some(lint) = outcome.lint_summary {
            summary.files_checked += lint.files_checked;
            summary.suppressed += lint.suppressed;
            summary.skipped.extend(lint.skipped);
            summary.rules.extend(lint.rules);
        }
        summary::ran(&mut summary, tier, status, outcome.notes, outcome.error);
        records.extend(tier_records);
    }
    records::sort(&mut records);
    records::mark_caused(&mut records);
    summary::count(&mut summary, &records);
    (records, summary, workspace.root)
}
