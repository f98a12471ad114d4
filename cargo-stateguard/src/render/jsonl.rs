//! One compact record per line, for a model or a script, then one summary line. The shape is
//! `docs/record.schema.json`.
//!
//! Compact means no byte a reader does not need: what a fix needs comes first (code, level, place,
//! message, fix), the end of the span is one `[line, column]` pair, the fix is a string with its
//! edits beside it only when there are edits, an edit names its file only when it is not the
//! record's, and absent parts are left out. A finding has no `type`; the summary is the one line
//! with `"type":"summary"`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::Report;
use crate::record::{Level, Record, Source, Span, Summary, Tier};

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for record in report.records {
        serde_json::to_writer(&mut *out, &CompactRecord::from(record))?;
        writeln!(out)?;
    }
    serde_json::to_writer(&mut *out, &summary_json(report))?;
    writeln!(out)
}

/// One finding as a line of JSON; the members are written in this order.
#[derive(Serialize)]
struct CompactRecord<'a> {
    code: &'a str,
    level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    /// `[end line, end column]`, the column exclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<[usize; 2]>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    edits: Vec<CompactEdit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
    tier: Tier,
    source: Source,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppress: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    docs: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    caused_by: Option<usize>,
}

#[derive(Serialize)]
struct CompactEdit<'a> {
    /// Left out when it is the record's own file.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    line: usize,
    column: usize,
    end: [usize; 2],
    replacement: &'a str,
}

impl<'a> From<&'a Record> for CompactRecord<'a> {
    fn from(record: &'a Record) -> Self {
        let span = record.span.as_ref();
        let record_file = span.map(|span| span.file.as_str());
        let edits = record
            .fix
            .iter()
            .flat_map(|fix| &fix.edits)
            .map(|edit| CompactEdit {
                file: Some(edit.span.file.as_str()).filter(|file| Some(*file) != record_file),
                line: edit.span.line,
                column: edit.span.column,
                end: end(&edit.span),
                replacement: &edit.replacement,
            })
            .collect();
        CompactRecord {
            code: &record.code,
            level: record.level,
            file: record_file,
            line: span.map(|span| span.line),
            column: span.map(|span| span.column),
            end: span.map(end),
            message: &record.message,
            fix: record.fix.as_ref().map(|fix| fix.text.as_str()),
            edits,
            why: record.why.as_deref(),
            tier: record.tier,
            source: record.source,
            suppress: record.suppress.as_deref(),
            docs: record.docs.as_deref(),
            caused_by: record.caused_by,
        }
    }
}

fn end(span: &Span) -> [usize; 2] {
    [span.end_line, span.end_column]
}

fn summary_json(report: &Report<'_>) -> serde_json::Value {
    let summary = report.summary;
    let mut value = json!({
        "type": "summary",
        "deny": Summary::count(report.records, Level::Deny),
        "warn": Summary::count(report.records, Level::Warn),
        "files_checked": summary.files_checked,
        "suppressed": summary.suppressed,
        "skipped": summary.skipped,
        "elapsed_ms": summary.elapsed_ms,
    });
    // The gate's tiers (`cargo stateguard check`): how each ended and why one was skipped.
    if !summary.tiers.is_empty() {
        value["tiers"] = json!(summary.tiers);
    }
    if !summary.errors.is_empty() {
        value["errors"] = json!(summary.errors);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::CompactRecord;
    use crate::record::{Edit, Fix, Level, Record, Source, Span, Tier};

    fn span(file: &str, line: usize, column: usize, end_column: usize) -> Span {
        Span {
            file: file.to_owned(),
            line,
            column,
            end_line: line,
            end_column,
        }
    }

    #[test]
    fn a_record_is_written_compact_with_what_a_fix_needs_first() {
        let record = Record {
            tier: Tier::Lint,
            source: Source::Lint,
            code: String::from("G0406"),
            level: Level::Deny,
            span: Some(span("src/lib.rs", 3, 5, 20)),
            message: String::from("`transmute` from `u32` to `f32`"),
            why: None,
            fix: Some(Fix {
                text: String::from("`f32::from_bits(bits)`"),
                edits: vec![
                    Edit {
                        span: span("src/lib.rs", 3, 5, 20),
                        replacement: String::from("f32::from_bits(bits)"),
                    },
                    Edit {
                        span: span("src/other.rs", 1, 1, 1),
                        replacement: String::from("use core::f32;\n"),
                    },
                ],
            }),
            suppress: None,
            docs: None,
            caused_by: None,
        };
        let line = serde_json::to_string(&CompactRecord::from(&record)).unwrap();
        assert_eq!(
            line,
            r#"{"code":"G0406","level":"deny","file":"src/lib.rs","line":3,"column":5,"end":[3,20],"message":"`transmute` from `u32` to `f32`","fix":"`f32::from_bits(bits)`","edits":[{"line":3,"column":5,"end":[3,20],"replacement":"f32::from_bits(bits)"},{"file":"src/other.rs","line":1,"column":1,"end":[1,1],"replacement":"use core::f32;\n"}],"tier":2,"source":"lint"}"#
        );
    }

    #[test]
    fn a_fix_without_edits_is_only_its_text_and_a_placeless_record_has_no_place() {
        let record = Record {
            tier: Tier::Test,
            source: Source::Test,
            code: String::from("build-failed"),
            level: Level::Deny,
            span: None,
            message: String::from("the build script failed"),
            why: Some(String::from("exit status 1")),
            fix: Some(Fix {
                text: String::from("read the build script's output"),
                edits: Vec::new(),
            }),
            suppress: None,
            docs: None,
            caused_by: Some(0),
        };
        let line = serde_json::to_string(&CompactRecord::from(&record)).unwrap();
        assert_eq!(
            line,
            r#"{"code":"build-failed","level":"deny","message":"the build script failed","fix":"read the build script's output","why":"exit status 1","tier":3,"source":"test","caused_by":0}"#
        );
    }
}
