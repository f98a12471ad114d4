//! The one shape every finding takes, whatever found it: the lint's rules, rustc, clippy, the macros
//! or a property test. Renderers (human, cargo JSON, JSON lines, SARIF) only format these.

use serde::Serialize;

/// Which tier of the defence found the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "u8")]
pub(crate) enum Tier {
    /// Compile time: rustc and stateguard's macros.
    Compile = 1,
    /// Static checks: `cargo stateguard lint` and clippy.
    Lint = 2,
    /// Runtime contracts: property tests.
    Test = 3,
}

impl From<Tier> for u8 {
    fn from(tier: Tier) -> u8 {
        tier as u8
    }
}

/// The engine that reported the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Source {
    /// rustc's own errors and warnings.
    Rustc,
    /// stateguard's macros (a `[Gxxxx]` message reported through rustc).
    Macros,
    /// `cargo stateguard lint`.
    Lint,
    /// clippy, run by the gate as a second tier-2 engine.
    Clippy,
    /// A property test (`check_machine!`) run by `cargo test`.
    Proptest,
    /// Any other test `cargo test` ran that failed (a `#[test]`, a `proptest!` block, a doctest).
    Test,
}

/// How serious a finding is. `Deny` fails the command (exit status 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Level {
    /// Reported, never fails the command.
    Warn,
    /// Fails the command.
    Deny,
}

/// A place in a file: 1-based line and column (columns count characters), end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Span {
    /// The file, relative to the workspace root, with `/` separators.
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_line: usize,
    pub(crate) end_column: usize,
}

/// One replacement of the text between `span`'s start and end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Edit {
    pub(crate) span: Span,
    pub(crate) replacement: String,
}

/// What to do about a finding: always text a reader can act on; edits when the fix is mechanical.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Fix {
    /// The fix written as code (or, where part of it is the user's choice, code plus one clause).
    pub(crate) text: String,
    /// Edits that apply the fix literally; empty when it is not mechanical.
    pub(crate) edits: Vec<Edit>,
}

/// One problem, in the shape every renderer and every consumer reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Record {
    pub(crate) tier: Tier,
    pub(crate) source: Source,
    /// `G0404`, rustc's `E0382`, or clippy's `clippy::await_holding_lock`.
    pub(crate) code: String,
    pub(crate) level: Level,
    /// Where, in the user's own file; `None` only for problems with no place (a failed build step).
    pub(crate) span: Option<Span>,
    /// What is wrong, one sentence, no code prefix.
    pub(crate) message: String,
    /// Why it is a problem.
    pub(crate) why: Option<String>,
    pub(crate) fix: Option<Fix>,
    /// How to silence this one place, when it can be silenced.
    pub(crate) suppress: Option<String>,
    /// Where the code is documented.
    pub(crate) docs: Option<String>,
    /// The index of the record this one follows from (an error caused by an earlier one).
    pub(crate) caused_by: Option<usize>,
}

impl Level {
    /// The word rustc prints: `error` for deny, `warning` for warn.
    pub(crate) fn rustc_word(self) -> &'static str {
        match self {
            Level::Deny => "error",
            Level::Warn => "warning",
        }
    }
}

/// Something that was not checked, and why: the summary names every one, so a partial result is never
/// silent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Skipped {
    /// The file or package, relative to the workspace root where it is inside it.
    pub(crate) path: String,
    pub(crate) reason: String,
}

/// What a rule (or another engine's lint) is, for renderers that list rules (SARIF) and for `--explain`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct RuleMeta {
    pub(crate) code: String,
    /// A kebab-case name, e.g. `lock-across-await`.
    pub(crate) name: String,
    /// One sentence: what the rule finds.
    pub(crate) summary: String,
    /// The level the rule has unless the configuration changes it.
    pub(crate) default_level: Level,
    /// The rule's documentation in Markdown (what it does, why it is bad, an example, the fix).
    pub(crate) help: String,
    pub(crate) docs: String,
}

/// The totals that close every output: what was checked, what was skipped, what was silenced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub(crate) files_checked: usize,
    pub(crate) skipped: Vec<Skipped>,
    /// Findings silenced by a `// stateguard: allow(..) reason: ..` comment.
    pub(crate) suppressed: usize,
    pub(crate) elapsed_ms: u64,
    /// The rules that ran (for SARIF's rule metadata).
    pub(crate) rules: Vec<RuleMeta>,
    /// The gate's tiers, in order, each with how it ended (empty for `lint`).
    pub(crate) tiers: Vec<TierSummary>,
    /// Why cargo failed without a finding that explains it (the gate's exit status 2).
    pub(crate) errors: Vec<String>,
}

/// How a tier of the gate ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TierStatus {
    /// No deny-level finding.
    Passed,
    /// At least one deny-level finding.
    Failed,
    /// cargo failed without a finding that explains it.
    Error,
    /// Not run.
    Skipped,
}

/// One tier of the gate in the summary: how it ended, its counts, what it says about itself
/// (what ran, what was missing, why it was skipped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct TierSummary {
    pub(crate) tier: Tier,
    pub(crate) status: TierStatus,
    pub(crate) deny: usize,
    pub(crate) warn: usize,
    /// Deny-level records caused by an earlier one (shown with `--show-caused`).
    pub(crate) caused: usize,
    pub(crate) notes: Vec<String>,
}

impl Summary {
    /// How many records are at `level`.
    pub(crate) fn count(records: &[Record], level: Level) -> usize {
        records
            .iter()
            .filter(|record| record.level == level)
            .count()
    }
}
