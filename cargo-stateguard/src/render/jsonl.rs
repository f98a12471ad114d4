//! One compact record per line, for a model or a script, then one summary line. The shape is
//! `docs/record.schema.json`.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::Report;
use crate::record::{Level, Record, Span, Summary};

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for record in report.records {
        serde_json::to_writer(&mut *out, &record_json(record))?;
        writeln!(out)?;
    }
    serde_json::to_writer(&mut *out, &summary_json(report))?;
    writeln!(out)
}

/// The flat shape of one record: the place is spelled out (`file`, `line`, `column`, `end_line`,
/// `end_column`) and absent optional parts are left out.
pub(crate) fn record_json(record: &Record) -> Value {
    let mut object = Map::new();
    object.insert("type".into(), json!("finding"));
    object.insert("tier".into(), json!(record.tier));
    object.insert("source".into(), json!(record.source));
    object.insert("code".into(), json!(record.code));
    object.insert("level".into(), json!(record.level));
    if let Some(span) = &record.span {
        place(&mut object, span);
    }
    object.insert("message".into(), json!(record.message));
    if let Some(why) = &record.why {
        object.insert("why".into(), json!(why));
    }
    if let Some(fix) = &record.fix {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                let mut edit_object = Map::new();
                place(&mut edit_object, &edit.span);
                edit_object.insert("replacement".into(), json!(edit.replacement));
                Value::Object(edit_object)
            })
            .collect();
        object.insert("fix".into(), json!({ "text": fix.text, "edits": edits }));
    }
    if let Some(suppress) = &record.suppress {
        object.insert("suppress".into(), json!(suppress));
    }
    if let Some(docs) = &record.docs {
        object.insert("docs".into(), json!(docs));
    }
    if let Some(caused_by) = record.caused_by {
        object.insert("caused_by".into(), json!(caused_by));
    }
    Value::Object(object)
}

fn place(object: &mut Map<String, Value>, span: &Span) {
    object.insert("file".into(), json!(span.file));
    object.insert("line".into(), json!(span.line));
    object.insert("column".into(), json!(span.column));
    object.insert("end_line".into(), json!(span.end_line));
    object.insert("end_column".into(), json!(span.end_column));
}

fn summary_json(report: &Report<'_>) -> Value {
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
