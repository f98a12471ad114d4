//! `cargo stateguard check`: the three-tier gate. Tier 1 compiles (`cargo check`: rustc and
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

use std::process::ExitCode;

use crate::record::{Level, Record, Tier};

pub(crate) use self::cargo::CargoFlags;
use self::summary::{Summary, TierStatus};

/// The formats the gate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// rustc's look, for people.
    Human,
    /// cargo's `compiler-message` JSON, for editors.
    Json,
    /// One record per line, then the summary: for programs and models.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also show the errors that follow from an earlier one (marked `caused_by`).
    #[arg(long)]
    show_caused: bool,
    #[command(flatten)]
    cargo: CargoFlags,
}

/// What one tier found.
#[derive(Debug, Default)]
pub(crate) struct TierOutcome {
    pub(crate) records: Vec<Record>,
    /// What the summary should say about this tier (what ran, what was missing).
    pub(crate) notes: Vec<String>,
    /// cargo failed without a finding that explains it.
    pub(crate) error: Option<String>,
    /// The size of rustc's human rendering of the diagnostics read, for comparison.
    pub(crate) rendered_bytes: usize,
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
    let (records, summary) = gate(args);
    let shown = records::visible(records, args.show_caused);
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = summary::write(&mut stdout, args.format, &shown, &summary)
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return ExitCode::from(2);
    }
    ExitCode::from(summary.exit)
}

/// Runs the tiers; the records in order, and the summary.
pub(crate) fn gate(args: &CheckArgs) -> (Vec<Record>, Summary) {
    let mut summary = Summary::default();
    let workspace = match cargo::workspace(&args.cargo) {
        Ok(workspace) => workspace,
        Err(error) => {
            summary.errors.push(error);
            summary.exit = 2;
            return (Vec::new(), summary);
        }
    };
    let locator = locate::Locator::new(workspace.root.clone(), workspace.target_directory.clone());
    let mut records = Vec::new();
    let mut failed = false;
    for tier in [Tier::Compile, Tier::Lint, Tier::Test] {
        if u8::from(tier) > args.tier {
            summary.skip(tier, format!("not asked for (--tier {})", args.tier));
            continue;
        }
        if failed && !args.keep_going {
            summary.skip(
                tier,
                String::from("an earlier tier failed (--keep-going runs it)"),
            );
            continue;
        }
        let outcome = match tier {
            Tier::Compile => compile::run(&args.cargo, &locator),
            Tier::Lint => static_checks::run(&args.cargo, &workspace, &locator),
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
        summary.ran(tier, status, outcome.notes, outcome.error);
        records.extend(tier_records);
    }
    records::sort(&mut records);
    records::mark_caused(&mut records);
    summary.count(&records);
    summary.exit = if !summary.errors.is_empty() {
        2
    } else {
        u8::from(records.iter().any(|record| record.level == Level::Deny))
    };
    (records, summary)
}
