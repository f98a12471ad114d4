//! cargo's `compiler-message` records (`cargo check --message-format=json`), so editors that run cargo
//! (rust-analyzer's `check.overrideCommand`, bacon) show findings with no extra work.

use std::io::{self, Write};

use annotate_snippets::Renderer;
use serde_json::{Value, json};

use super::{Report, Sources, human::render_record};
use crate::record::{Record, Span};

pub(super) fn render(
    report: &Report<'_>,
    sources: &mut Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let manifest_path = report.root.join("Cargo.toml");
    let manifest_path = manifest_path.to_string_lossy();
    let package_id = format!("path+file://{}#stateguard", report.root.to_string_lossy());
    let target = json!({
        "kind": ["lib"],
        "crate_types": ["lib"],
        "name": "stateguard",
        "src_path": manifest_path,
        "edition": "2024",
        "doc": false,
        "doctest": false,
        "test": false,
    });
    let renderer = Renderer::plain();
    for record in report.records {
        let message = json!({
            "reason": "compiler-message",
            "package_id": package_id,
            "manifest_path": manifest_path,
            "target": target,
            "message": diagnostic(record, sources, &renderer),
        });
        serde_json::to_writer(&mut *out, &message)?;
        writeln!(out)?;
    }
    let finished = json!({ "reason": "build-finished", "success": !report.records.iter().any(|record| record.level == crate::record::Level::Deny) });
    serde_json::to_writer(&mut *out, &finished)?;
    writeln!(out)
}

/// One record as rustc's JSON diagnostic.
fn diagnostic(record: &Record, sources: &mut Sources, renderer: &Renderer) -> Value {
    let spans: Vec<Value> = record
        .span
        .iter()
        .map(|span| span_json(span, sources, true, None))
        .collect();
    let mut children = Vec::new();
    if let Some(why) = &record.why {
        children.push(child("note", why, Vec::new()));
    }
    if let Some(fix) = &record.fix {
        let spans = fix
            .edits
            .iter()
            .map(|edit| span_json(&edit.span, sources, true, Some(&edit.replacement)))
            .collect();
        children.push(child("help", &fix.text, spans));
    }
    if let Some(suppress) = &record.suppress {
        children.push(child(
            "note",
            &format!("to allow this one place: {suppress}"),
            Vec::new(),
        ));
    }
    json!({
        "$message_type": "diagnostic",
        "message": record.message,
        "code": { "code": record.code, "explanation": null },
        "level": record.level.rustc_word(),
        "spans": spans,
        "children": children,
        "rendered": format!("{}\n", render_record(record, sources, renderer)),
    })
}

fn child(level: &str, message: &str, spans: Vec<Value>) -> Value {
    json!({
        "$message_type": "diagnostic",
        "message": message,
        "code": null,
        "level": level,
        "spans": spans,
        "children": [],
        "rendered": null,
    })
}

fn span_json(
    span: &Span,
    sources: &mut Sources,
    is_primary: bool,
    replacement: Option<&str>,
) -> Value {
    let range = sources.byte_range(span).unwrap_or(0..0);
    let mut text = Vec::new();
    for line in span.line..=span.end_line {
        let Some(line_text) = sources.line(&span.file, line) else {
            break;
        };
        let length = line_text.chars().count() + 1;
        let start = if line == span.line { span.column } else { 1 };
        let end = if line == span.end_line {
            span.end_column
        } else {
            length
        };
        text.push(json!({ "text": line_text, "highlight_start": start, "highlight_end": end }));
    }
    json!({
        "file_name": span.file,
        "byte_start": range.start,
        "byte_end": range.end,
        "line_start": span.line,
        "line_end": span.end_line,
        "column_start": span.column,
        "column_end": span.end_column,
        "is_primary": is_primary,
        "text": text,
        "label": null,
        "suggested_replacement": replacement,
        "suggestion_applicability": replacement.map(|_| "MachineApplicable"),
        "expansion": null,
    })
}
