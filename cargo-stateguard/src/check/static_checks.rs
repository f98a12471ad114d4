//! Tier 2: `cargo stateguard lint` and the curated clippy lints, one finding per place when both
//! see it.

use crate::check::TierOutcome;
use crate::check::cargo::{CargoFlags, Workspace};
use crate::check::clippy;
use crate::check::locate::Locator;

pub(crate) fn run(flags: &CargoFlags, _workspace: &Workspace, locator: &Locator) -> TierOutcome {
    let mut outcome = TierOutcome::default();
    if clippy::installed() {
        let clippy_outcome = clippy::run(flags, locator);
        outcome.records.extend(clippy_outcome.records);
        outcome.notes.extend(clippy_outcome.notes);
        outcome.error = clippy_outcome.error;
    } else {
        outcome.notes.push(String::from(
            "clippy is not installed: its lints did not run (`rustup component add clippy`)",
        ));
    }
    outcome
}
