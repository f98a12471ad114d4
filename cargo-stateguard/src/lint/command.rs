//! The `lint` verb: arguments, `--explain`, `--fix`, output and exit status.

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Error, LintOptions, LintOutcome, fix, rules};
use crate::record::Level;
use crate::render::{self, Format, Report};

/// `cargo stateguard lint`: dangerous patterns that compile cleanly (codes G0400 to G0409).
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// Path to the workspace's or package's Cargo.toml.
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
    /// Check only this workspace member (repeatable).
    #[arg(short, long = "package", value_name = "NAME")]
    packages: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also check test code: #[test], #[cfg(test)], tests/, benches/, examples/ and configured test paths.
    #[arg(long)]
    tests: bool,
    /// Apply the mechanical fixes, then report what is left.
    #[arg(long)]
    fix: bool,
    /// With --fix: fix even when the working tree has uncommitted changes.
    #[arg(long, requires = "fix")]
    allow_dirty: bool,
    /// Print a rule's documentation (e.g. G0404) and exit.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
    /// Also check the sources of every dependency (a survey of published code).
    #[arg(long)]
    dependencies: bool,
    /// Treat every crate as a C library (`cdylib`), to measure G0407 on crates that are not.
    #[arg(long, hide = true)]
    as_c_library: bool,
    /// Number of threads (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Colours in the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the verb; the exit status is 0 (nothing at deny level), 1 (something at deny level) or 2.
pub(crate) fn run(args: LintArgs) -> ExitCode {
    match run_inner(&args) {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &LintArgs) -> Result<ExitCode, Error> {
    if let Some(code) = &args.explain {
        let info = rules::find(code).ok_or_else(|| {
            let codes: Vec<&str> = rules::all().map(|info| info.code).collect();
            Error::Usage(format!(
                "--explain: unknown code `{code}` (known: {})",
                codes.join(", ")
            ))
        })?;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", rules::explain(info));
        return Ok(ExitCode::SUCCESS);
    }
    let options = LintOptions {
        manifest_path: args.manifest_path.clone(),
        packages: args.packages.clone(),
        include_tests: args.tests,
        dependencies: args.dependencies,
        as_c_library: args.as_c_library,
        jobs: args.jobs,
    };
    let mut outcome = super::run(&options)?;
    if args.fix {
        if !args.allow_dirty {
            fix::require_clean_tree(&outcome.root)?;
        }
        let applied = fix::apply(&outcome.root, &outcome.records)?;
        let _ = writeln!(
            std::io::stderr(),
            "stateguard: applied {applied} fix{}",
            if applied == 1 { "" } else { "es" }
        );
        outcome = super::run(&options)?;
    }
    print(args, &outcome)?;
    for skipped in outcome
        .summary
        .skipped
        .iter()
        .filter(|_| outcome.io_errors > 0)
    {
        let _ = writeln!(
            std::io::stderr(),
            "error: {}: {}",
            skipped.path,
            skipped.reason
        );
    }
    Ok(if outcome.io_errors > 0 {
        ExitCode::from(2)
    } else if outcome
        .records
        .iter()
        .any(|record| record.level == Level::Deny)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print(args: &LintArgs, outcome: &LintOutcome) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let report = Report {
        records: &outcome.records,
        summary: &outcome.summary,
        root: &outcome.root,
        color,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::render(args.format, &report, &mut out)
        .and_then(|()| out.flush())
        .or_else(|error| {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(error)
            }
        })
        .map_err(|error| Error::Io(format!("could not write the output: {error}")))
}
