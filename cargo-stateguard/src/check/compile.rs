//! Tier 1: `cargo check --all-targets`, stateguard's macro errors and rustc's, as records.

use std::process::Command;

use crate::check::TierOutcome;
use crate::check::cargo::{self, CargoFlags};
use crate::check::diagnostic::CargoMessage;
use crate::check::locate::Locator;
use crate::check::normalise::to_record;
use crate::record::Tier;

/// Runs `cargo check --all-targets --keep-going --message-format=json` with `flags`.
pub(crate) fn run(flags: &CargoFlags, locator: &Locator) -> TierOutcome {
    let mut command = Command::new(cargo::cargo());
    command
        .args([
            "check",
            "--all-targets",
            "--keep-going",
            "--message-format=json",
        ])
        .args(flags.to_args());
    let output = match cargo::output(&mut command) {
        Ok(output) => output,
        Err(error) => return TierOutcome::error(error),
    };
    let messages = cargo::messages(&output.stdout);
    let mut outcome = TierOutcome::from_messages(&messages, Tier::Compile, locator, |_| true);
    if !output.status.success() && !outcome.has_deny() {
        outcome.error = Some(format!(
            "`cargo check` failed: {}",
            cargo::cargo_error(&output.stderr)
        ));
    }
    outcome
}

impl TierOutcome {
    /// The records of the compiler messages among `messages` that `keep` accepts.
    pub(crate) fn from_messages(
        messages: &[CargoMessage],
        tier: Tier,
        locator: &Locator,
        keep: impl Fn(&crate::record::Record) -> bool,
    ) -> Self {
        let mut outcome = Self::default();
        for message in messages {
            if let CargoMessage::CompilerMessage { message } = message
                && let Some(record) =
                    to_record(message, tier, locator).filter(|record| keep(record))
            {
                outcome.records.push(record);
            }
        }
        outcome
    }
}
