//! The command line: `cargo stateguard <verb>`. Cargo runs `cargo-stateguard stateguard <args>`; the
//! binary also works when run directly (`cargo-stateguard <verb>`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo", bin_name = "cargo")]
enum Cargo {
    /// stateguard's command-line tool.
    #[command(name = "stateguard", version, about)]
    Stateguard(Args),
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(Debug, Subcommand)]
enum Verb {
    /// Dangerous patterns that compile cleanly (tier 2): codes G0400 to G0409.
    Lint(crate::lint::command::LintArgs),
    /// The three-tier gate: compile, lint (stateguard's and clippy's), property tests; every
    /// problem as one record.
    Check(crate::check::CheckArgs),
    /// A new service crate from stateguard's template: axum, SQLite, the order domain as a
    /// typestate machine, and the three tiers in its CI.
    New(crate::new::NewArgs),
}

/// Parses the arguments and runs the verb.
pub(crate) fn run() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Run directly (`cargo-stateguard lint`) rather than through cargo: supply the verb cargo adds.
    if args.get(1).is_none_or(|arg| arg != "stateguard") {
        args.insert(1, "stateguard".into());
    }
    let Cargo::Stateguard(args) = match Cargo::try_parse_from(args) {
        Ok(parsed) => parsed,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match args.verb {
        Verb::Lint(lint_args) => crate::lint::command::run(lint_args),
        Verb::Check(check) => crate::check::run(&check),
        Verb::New(new_args) => crate::new::run(new_args),
    }
}
