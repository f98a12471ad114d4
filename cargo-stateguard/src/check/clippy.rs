//! The clippy lints tier 2 runs next to `cargo stateguard lint`: the ones that catch the same
//! families of danger (a lock held across `.await`, unsafe code without its reasons, transmutes,
//! FFI pointers, uninitialised memory), each a deny-level finding of the gate. The same run gives
//! tier 1 rustc's diagnostics when the gate goes on to tier 2.

use std::process::Command;

use crate::check::TierOutcome;
use crate::check::cargo::{self, CargoFlags};
use crate::check::diagnostic::CargoMessage;
use crate::check::locate::Locator;
use crate::record::{Level, Source, Tier};

/// What a curated clippy lint is about: a lint rule about the same thing at the same place is the
/// same finding, reported once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    LockAcrossAwait,
    UnsafeWithoutReason,
    Transmute,
    FfiPointer,
    FfiExport,
    Uninitialised,
    Other,
}

/// The curated lints (clippy's names, without `clippy::`), each with its topic.
pub(crate) const CURATED: &[(&str, Topic)] = &[
    ("await_holding_lock", Topic::LockAcrossAwait),
    ("await_holding_refcell_ref", Topic::LockAcrossAwait),
    ("await_holding_invalid_type", Topic::LockAcrossAwait),
    ("let_underscore_future", Topic::Other),
    ("let_underscore_lock", Topic::Other),
    ("undocumented_unsafe_blocks", Topic::UnsafeWithoutReason),
    ("multiple_unsafe_ops_per_block", Topic::UnsafeWithoutReason),
    ("missing_safety_doc", Topic::UnsafeWithoutReason),
    ("not_unsafe_ptr_arg_deref", Topic::FfiPointer),
    ("mut_from_ref", Topic::Other),
    ("no_mangle_with_rust_abi", Topic::FfiExport),
    ("uninit_assumed_init", Topic::Uninitialised),
    ("uninit_vec", Topic::Uninitialised),
    ("mem_replace_with_uninit", Topic::Uninitialised),
    ("crosspointer_transmute", Topic::Transmute),
    ("missing_transmute_annotations", Topic::Transmute),
    ("transmute_bytes_to_str", Topic::Transmute),
    ("transmute_int_to_bool", Topic::Transmute),
    ("transmute_int_to_non_zero", Topic::Transmute),
    ("transmute_null_to_fn", Topic::Transmute),
    ("transmute_ptr_to_ptr", Topic::Transmute),
    ("transmute_ptr_to_ref", Topic::Transmute),
    ("transmute_undefined_repr", Topic::Transmute),
    ("transmutes_expressible_as_ptr_casts", Topic::Transmute),
    ("transmuting_null", Topic::Transmute),
    ("unsound_collection_transmute", Topic::Transmute),
    ("useless_transmute", Topic::Transmute),
    ("wrong_transmute", Topic::Transmute),
    ("size_of_in_element_count", Topic::Other),
    ("cast_slice_different_sizes", Topic::Other),
];

/// The topic of a clippy record's code (`clippy::await_holding_lock`), if it is a curated lint.
pub(crate) fn topic(code: &str) -> Option<Topic> {
    let name = code.strip_prefix("clippy::")?;
    CURATED
        .iter()
        .find(|(curated, _)| *curated == name)
        .map(|(_, topic)| *topic)
}

/// Whether cargo's error says that clippy is missing: `no such command: `clippy`` from a cargo
/// without it, `'cargo-clippy' is not installed` from rustup when the component is not.
fn says_clippy_is_missing(stderr: &str) -> bool {
    stderr.contains("no such command: `clippy`")
        || stderr.contains("no such subcommand: `clippy`")
        || stderr.contains("'cargo-clippy' is not installed")
        || stderr.contains("`cargo-clippy` is not installed")
}

/// What one `cargo clippy` run gave both tiers: clippy runs rustc itself, so the diagnostics
/// `cargo check` would give come with its lints, and tiers 1 and 2 cost one build instead of two.
#[derive(Debug)]
pub(crate) struct ClippyRun {
    /// Tier 1's records (rustc's and the macros'), or `None` when this run cannot stand for
    /// `cargo check`: a clippy lint the user's own configuration denies stopped a crate (the crates
    /// that depend on it were then never compiled), or the build failed without a diagnostic that
    /// says why. Tier 1 then runs `cargo check` itself.
    pub(crate) compile: Option<TierOutcome>,
    /// Tier 2's clippy half: the curated lints' findings.
    pub(crate) lints: TierOutcome,
}

/// Runs clippy with the curated lints turned on. rustc's diagnostics become tier 1's records; of
/// clippy's, only the curated lints' are kept (the user's other clippy lints are theirs), each at
/// deny level in tier 2. `None` when clippy is not installed (asked of cargo by running it, not
/// beforehand: a second round trip through rustup's proxies costs as much as a warm `cargo check`).
pub(crate) fn run(flags: &CargoFlags, locator: &Locator) -> Option<ClippyRun> {
    let mut command = Command::new(cargo::cargo());
    command
        .args([
            "clippy",
            "--all-targets",
            "--keep-going",
            "--message-format=json",
        ])
        .args(flags.to_args())
        .arg("--");
    for (lint, _) in CURATED {
        command.arg(format!("-Wclippy::{lint}"));
    }
    let output = match cargo::output(&mut command) {
        Ok(output) => output,
        Err(error) => {
            return Some(ClippyRun {
                compile: None,
                lints: TierOutcome::error(error),
            });
        }
    };
    let messages = cargo::messages(&output.stdout);
    if messages.is_empty() && says_clippy_is_missing(&String::from_utf8_lossy(&output.stderr)) {
        return None;
    }
    let succeeded = output.status.success();
    let compile = TierOutcome::from_messages(&messages, Tier::Compile, locator, |record| {
        record.source != Source::Clippy
    });
    let clippy_stopped_a_crate = messages.iter().any(|message| {
        matches!(
            message,
            CargoMessage::CompilerMessage { message }
                if message.level == "error"
                    && message
                        .code
                        .as_ref()
                        .is_some_and(|code| code.code.starts_with("clippy::"))
        )
    });
    let compile_stands = succeeded || (compile.has_deny() && !clippy_stopped_a_crate);
    let mut lints = TierOutcome::from_messages(&messages, Tier::Lint, locator, |record| {
        topic(&record.code).is_some()
    });
    // `--all-targets` reports a library's findings again for its test build.
    crate::check::records::dedup(&mut lints.records);
    for record in &mut lints.records {
        record.level = Level::Deny;
        let lint = record.code.trim_start_matches("clippy::");
        record.suppress = Some(format!("#[allow(clippy::{lint}, reason = \"..\")]"));
    }
    if !succeeded && !messages.is_empty() {
        let built = messages
            .iter()
            .any(|message| matches!(message, CargoMessage::BuildFinished { success: true }));
        if !built && lints.records.is_empty() {
            lints.notes.push(String::from(
                "clippy did not finish (a deny-level lint of your own configuration, or a build error)",
            ));
        }
    } else if !succeeded {
        lints.error = Some(format!(
            "`cargo clippy` failed: {}",
            cargo::cargo_error(&output.stderr)
        ));
    }
    Some(ClippyRun {
        compile: compile_stands.then_some(compile),
        lints,
    })
}

#[cfg(test)]
mod tests {
    use super::{CURATED, Topic, topic};

    #[test]
    fn a_missing_clippy_is_recognised_from_cargos_and_rustups_words() {
        use super::says_clippy_is_missing;
        assert!(says_clippy_is_missing(
            "error: no such command: `clippy`\n\n\tView all installed commands with `cargo --list`"
        ));
        assert!(says_clippy_is_missing(
            "error: 'cargo-clippy' is not installed for the toolchain '1.95.0-x86_64-unknown-linux-gnu'.\nTo install, run `rustup component add clippy`"
        ));
        assert!(!says_clippy_is_missing(
            "error: could not compile `app` (lib) due to 1 previous error"
        ));
    }

    #[test]
    fn curated_lints_are_named_once_and_found_by_code() {
        for (index, (lint, _)) in CURATED.iter().enumerate() {
            assert!(
                !CURATED[index + 1..].iter().any(|(other, _)| other == lint),
                "{lint}"
            );
        }
        assert_eq!(
            topic("clippy::await_holding_lock"),
            Some(Topic::LockAcrossAwait)
        );
        assert_eq!(topic("clippy::needless_return"), None);
        assert_eq!(topic("await_holding_lock"), None);
    }
}
