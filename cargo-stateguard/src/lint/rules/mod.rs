//! The rules: one file each, with its documentation; this registry maps codes to rules.
//!
//! G0400 (a file that does not parse) and G0409 (a suppression comment that is wrong or silences
//! nothing) are reported by the engine itself; they are listed here for `--explain` and the docs.

mod g0401_unsafe_without_safety;
mod g0402_panic_in_async;
mod g0403_clone_in_loop;
mod g0404_lock_across_await;
mod g0405_blocking_in_async;
mod g0406_transmute_with_safe_alternative;
mod g0407_c_export_without_no_mangle;
mod g0408_ffi_pointer_without_null_check;

use super::context::{FileContext, Finding};
use crate::record::Level;

/// A rule's identity and documentation.
#[derive(Debug)]
pub(crate) struct RuleInfo {
    pub(crate) code: &'static str,
    /// kebab-case.
    pub(crate) name: &'static str,
    /// One sentence: what it finds.
    pub(crate) summary: &'static str,
    pub(crate) default_level: Level,
    /// Why a finding is a problem, as the record's `why`.
    pub(crate) why: &'static str,
    /// Markdown: what it does, why is this bad, example, use instead (printed by `--explain`).
    pub(crate) docs: &'static str,
}

/// A rule that checks files.
pub(crate) trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;

    /// Whether the rule reads [`crate::lint::context::CrateFacts`] (then it runs once the whole crate
    /// has been read).
    fn needs_crate_facts(&self) -> bool {
        false
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>);
}

/// The rules that check files, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &g0401_unsafe_without_safety::UnsafeWithoutSafety,
    &g0402_panic_in_async::PanicInAsync,
    &g0403_clone_in_loop::CloneInLoop,
    &g0404_lock_across_await::LockAcrossAwait,
    &g0405_blocking_in_async::BlockingInAsync,
    &g0406_transmute_with_safe_alternative::TransmuteWithSafeAlternative,
    &g0407_c_export_without_no_mangle::CExportWithoutNoMangle,
    &g0408_ffi_pointer_without_null_check::FfiPointerWithoutNullCheck,
];

pub(crate) static G0400: RuleInfo = RuleInfo {
    code: "G0400",
    name: "parse-error",
    summary: "A source file that does not parse as Rust.",
    default_level: Level::Deny,
    why: "a file that does not parse cannot be checked; the rest of the crate still is",
    docs: "## What it does
Reports a file of the module tree that syn cannot parse, with the parser's message and place. The other \
files are still checked; modules declared only in the broken file are listed as skipped in the summary.

## Why is this bad
Nothing in the file is checked, so its findings would be silently missing.

## Example
```rust,ignore
fn broken( {}
```

## Use instead
Fix the syntax (`cargo check` shows the same error), or, for a file written in syntax newer than the \
parser knows, report it.
",
};

pub(crate) static G0409: RuleInfo = RuleInfo {
    code: "G0409",
    name: "bad-suppression",
    summary: "A `stateguard: allow(..)` comment without a reason, with an unknown code, or that silences nothing.",
    default_level: Level::Warn,
    why: "a suppression must say why the place is fine and must still be needed; otherwise it hides the next real finding",
    docs: "## What it does
Checks every `// stateguard: allow(CODE, ..) reason: ..` comment: it must name known rule codes, give a \
reason after `reason:`, and silence a finding on its own line or on the line after it.

## Why is this bad
A suppression without a reason cannot be reviewed; one that silences nothing (the code changed) would \
silently hide the next real problem on that line.

## Example
```rust,ignore
// stateguard: allow(G0405)
std::thread::sleep(delay);
```

## Use instead
```rust,ignore
// stateguard: allow(G0405) reason: runs once at startup, before the runtime serves requests
std::thread::sleep(delay);
```
or delete the comment when it silences nothing.
",
};

/// Every rule's information, the engine's own (G0400, G0409) included, in code order.
pub(crate) fn all() -> impl Iterator<Item = &'static RuleInfo> {
    std::iter::once(&G0400)
        .chain(RULES.iter().map(|rule| rule.info()))
        .chain(std::iter::once(&G0409))
}

/// The rule with `code` (case-insensitive).
pub(crate) fn find(code: &str) -> Option<&'static RuleInfo> {
    all().find(|info| info.code.eq_ignore_ascii_case(code))
}

/// The documentation page a record links to.
pub(crate) fn docs_url(code: &str) -> String {
    format!(
        "{}/blob/main/docs/lint.md#{}",
        env!("CARGO_PKG_REPOSITORY"),
        code.to_ascii_lowercase()
    )
}

/// The rule's documentation as `--explain` prints it and `docs/lint.md` holds it.
pub(crate) fn explain(info: &RuleInfo) -> String {
    format!(
        "# {code}: {name}\n\n{summary}\n\nDefault level: {level}.\n\n{docs}",
        code = info.code,
        name = info.name,
        summary = info.summary,
        level = match info.default_level {
            Level::Deny => "deny",
            Level::Warn => "warn",
        },
        docs = info.docs,
    )
}
