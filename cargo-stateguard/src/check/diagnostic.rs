//! The parts of cargo's `--message-format=json` lines the gate reads (the `compiler-message`
//! reason: rustc's and clippy's diagnostics). Unknown fields are ignored, so newer toolchains that
//! add fields still parse.

use serde::Deserialize;

/// One line of cargo's JSON output that the gate cares about.
#[derive(Debug, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub(crate) enum CargoMessage {
    CompilerMessage {
        message: Diagnostic,
    },
    BuildFinished {
        success: bool,
    },
    #[serde(other)]
    Other,
}

/// A rustc diagnostic, as `rustc --error-format=json` writes it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Diagnostic {
    pub(crate) message: String,
    pub(crate) code: Option<DiagnosticCode>,
    /// `error`, `warning`, `note`, `help`, `failure-note`, `error: internal compiler error`.
    pub(crate) level: String,
    #[serde(default)]
    pub(crate) spans: Vec<DiagnosticSpan>,
    #[serde(default)]
    pub(crate) children: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct DiagnosticCode {
    /// `E0277`, `unused_variables`, `clippy::await_holding_lock`.
    pub(crate) code: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct DiagnosticSpan {
    /// Relative to the directory cargo ran rustc in (the workspace root) for workspace members,
    /// absolute for everything else (dependencies, `/rustc/<hash>/library/..`).
    pub(crate) file_name: String,
    pub(crate) line_start: usize,
    pub(crate) line_end: usize,
    pub(crate) column_start: usize,
    pub(crate) column_end: usize,
    pub(crate) is_primary: bool,
    pub(crate) label: Option<String>,
    pub(crate) suggested_replacement: Option<String>,
    /// `MachineApplicable`, `MaybeIncorrect`, `HasPlaceholders`, `Unspecified`.
    pub(crate) suggestion_applicability: Option<String>,
    /// Set when the span comes from a macro: the invocation and the macro's definition.
    pub(crate) expansion: Option<Box<Expansion>>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Expansion {
    /// Where the macro was invoked, itself possibly inside another expansion.
    pub(crate) span: DiagnosticSpan,
}
