//! The renderers: each only formats [`Record`]s and the [`Summary`]; none knows which engine found what,
//! so the lint and the gate share them.

mod cargo_json;
mod human;
mod jsonl;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::record::{Record, Span, Summary};

/// How findings are printed (`--format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// rustc's look: the source line with the span underlined, the fix as code.
    #[default]
    Human,
    /// cargo's `compiler-message` records, for editors (rust-analyzer, bacon).
    Json,
    /// One compact JSON record per line, then a summary line (docs/record.schema.json).
    Jsonl,
    /// SARIF 2.1.0, for code scanning in CI.
    Sarif,
}

/// Everything a renderer reads.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    pub(crate) records: &'a [Record],
    pub(crate) summary: &'a Summary,
    /// The workspace root: record files are relative to it.
    pub(crate) root: &'a Path,
    /// Colours in the human format.
    pub(crate) color: bool,
}

/// Writes `report` in `format` to `out`.
pub(crate) fn render(format: Format, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut sources = Sources::new(report.root);
    match format {
        Format::Human => human::render(report, &mut sources, out),
        Format::Json => cargo_json::render(report, &mut sources, out),
        Format::Jsonl => jsonl::render(report, out),
        Format::Sarif => sarif::render(report, &mut sources, out),
    }
}

/// The files records point into, read once each on demand.
#[derive(Debug)]
pub(crate) struct Sources {
    root: PathBuf,
    files: HashMap<String, Option<String>>,
}

impl Sources {
    pub(crate) fn new(root: &Path) -> Self {
        Sources {
            root: root.to_path_buf(),
            files: HashMap::new(),
        }
    }

    /// The text of `file` (relative to the root), or `None` when it cannot be read as UTF-8.
    pub(crate) fn text(&mut self, file: &str) -> Option<&str> {
        let root = &self.root;
        self.files
            .entry(file.to_owned())
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).ok())
            .as_deref()
    }

    /// The byte range `span` covers in its file.
    pub(crate) fn byte_range(&mut self, span: &Span) -> Option<Range<usize>> {
        let text = self.text(&span.file)?;
        let start = byte_offset(text, span.line, span.column)?;
        let end = byte_offset(text, span.end_line, span.end_column)?.max(start);
        Some(start..end)
    }

    /// The text of 1-based line `line` of `file`, without its line break.
    pub(crate) fn line(&mut self, file: &str, line: usize) -> Option<&str> {
        self.text(file)?.lines().nth(line.checked_sub(1)?)
    }
}

/// The byte offset of 1-based `line`, 1-based character `column` in `text`.
pub(crate) fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut line_start = 0;
    for _ in 1..line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line_text = &text[line_start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let line_text = &line_text[..line_end];
    let mut offset = line_text.len();
    for (index, (byte, _)) in line_text.char_indices().enumerate() {
        if index + 1 == column {
            offset = byte;
            break;
        }
    }
    if column == 0 {
        offset = 0;
    }
    Some(line_start + offset)
}

/// A 64-bit FNV-1a hash, written as 16 hex digits: stable across runs, platforms and versions.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The closing line of the human format, also used as the cargo format's `rendered` tail.
pub(crate) fn summary_line(report: &Report<'_>) -> String {
    use crate::record::Level;
    let deny = Summary::count(report.records, Level::Deny);
    let warn = Summary::count(report.records, Level::Warn);
    let summary = report.summary;
    let mut line = format!(
        "stateguard: {deny} error{}, {warn} warning{}",
        plural(deny),
        plural(warn),
    );
    // The gate's runs that stop before tier 2 read no file with the lint: no count to give.
    if summary.tiers.is_empty() || summary.files_checked > 0 {
        line.push_str(&format!(
            "; {} file{} checked",
            summary.files_checked,
            plural(summary.files_checked)
        ));
    }
    if summary.suppressed > 0 {
        line.push_str(&format!(", {} suppressed", summary.suppressed));
    }
    if !summary.skipped.is_empty() {
        line.push_str(&format!(", {} skipped:", summary.skipped.len()));
        for skipped in &summary.skipped {
            line.push_str(&format!("\n  skipped {}: {}", skipped.path, skipped.reason));
        }
    }
    for tier in &summary.tiers {
        line.push_str(&format!("\n  {}", tier_line(tier)));
    }
    for error in &summary.errors {
        line.push_str(&format!("\nerror: {error}"));
    }
    line
}

/// One tier of the gate: `tier 2 (lint): failed, 1 error, 0 warnings; clippy ran`.
fn tier_line(tier: &crate::record::TierSummary) -> String {
    use crate::record::{Tier, TierStatus};
    let name = match tier.tier {
        Tier::Compile => "tier 1 (compile)",
        Tier::Lint => "tier 2 (lint)",
        Tier::Test => "tier 3 (tests)",
    };
    let mut line = match tier.status {
        TierStatus::Skipped => format!("{name}: skipped"),
        status => format!(
            "{name}: {}, {} error{}, {} warning{}",
            match status {
                TierStatus::Passed => "passed",
                TierStatus::Failed => "failed",
                _ => "cargo failed",
            },
            tier.deny,
            plural(tier.deny),
            tier.warn,
            plural(tier.warn)
        ),
    };
    if tier.caused > 0 {
        line.push_str(&format!(
            " (and {} caused by those, --show-caused)",
            tier.caused
        ));
    }
    for note in &tier.notes {
        line.push_str(&format!("; {note}"));
    }
    line
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offsets_count_characters() {
        let text = "ab\nçd\n";
        assert_eq!(byte_offset(text, 1, 1), Some(0));
        assert_eq!(byte_offset(text, 2, 1), Some(3));
        assert_eq!(byte_offset(text, 2, 2), Some(5));
        assert_eq!(byte_offset(text, 2, 3), Some(6));
        assert_eq!(byte_offset(text, 5, 1), None);
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(
            fingerprint(&["G0401", "src/lib.rs"]),
            fingerprint(&["G0401", "src/lib.rs"])
        );
        assert_ne!(
            fingerprint(&["G0401", "src/lib.rs"]),
            fingerprint(&["G0401src/lib.rs"])
        );
    }
}
