//! SARIF 2.1.0 for code scanning: rule metadata from the summary, one result per record, a fingerprint
//! that survives lines moving (code, file, the trimmed source line and its occurrence).

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Report, Sources, fingerprint};
use crate::record::{Level, Record, RuleMeta};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(
    report: &Report<'_>,
    sources: &mut Sources,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut rules: Vec<RuleMeta> = report.summary.rules.clone();
    for record in report.records {
        if !rules.iter().any(|rule| rule.code == record.code) {
            rules.push(RuleMeta {
                code: record.code.clone(),
                name: record.code.clone(),
                summary: record.message.clone(),
                default_level: record.level,
                help: record.why.clone().unwrap_or_default(),
                docs: record.docs.clone().unwrap_or_default(),
            });
        }
    }
    let mut occurrences: HashMap<(String, String, String), usize> = HashMap::new();
    let results: Vec<Value> = report
        .records
        .iter()
        .map(|record| {
            let rule_index = rules
                .iter()
                .position(|rule| rule.code == record.code)
                .unwrap_or(0);
            result(record, rule_index, sources, &mut occurrences)
        })
        .collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "cargo-stateguard",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(rule_json).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": { "SRCROOT": { "uri": root_uri(report.root) } },
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

fn root_uri(root: &std::path::Path) -> String {
    let mut uri = format!("file://{}", root.to_string_lossy().replace('\\', "/"));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri.replace(' ', "%20")
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
    }
}

fn rule_json(rule: &RuleMeta) -> Value {
    let mut value = json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "defaultConfiguration": { "level": sarif_level(rule.default_level) },
        "help": { "text": rule.help, "markdown": rule.help },
    });
    if !rule.docs.is_empty() {
        value["helpUri"] = json!(rule.docs);
    }
    value
}

fn result(
    record: &Record,
    rule_index: usize,
    sources: &mut Sources,
    occurrences: &mut HashMap<(String, String, String), usize>,
) -> Value {
    let mut message = record.message.clone();
    if let Some(fix) = &record.fix {
        message.push_str("\nhelp: ");
        message.push_str(&fix.text);
    }
    let mut value = json!({
        "ruleId": record.code,
        "ruleIndex": rule_index,
        "level": sarif_level(record.level),
        "message": { "text": message },
    });
    if let Some(span) = &record.span {
        let line_text = sources
            .line(&span.file, span.line)
            .unwrap_or("")
            .trim()
            .to_owned();
        let key = (record.code.clone(), span.file.clone(), line_text.clone());
        let occurrence = occurrences.entry(key).or_insert(0);
        *occurrence += 1;
        let occurrence = occurrence.to_string();
        value["locations"] = json!([{
            "physicalLocation": {
                "artifactLocation": { "uri": span.file.replace(' ', "%20"), "uriBaseId": "SRCROOT" },
                "region": {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column,
                },
            },
        }]);
        value["partialFingerprints"] = json!({
            "stateguardHash/v1": fingerprint(&[&record.code, &span.file, &line_text, &occurrence]),
        });
        if let Some(fix) = record.fix.as_ref().filter(|fix| !fix.edits.is_empty()) {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|edit| {
                    json!({
                        "deletedRegion": {
                            "startLine": edit.span.line,
                            "startColumn": edit.span.column,
                            "endLine": edit.span.end_line,
                            "endColumn": edit.span.end_column,
                        },
                        "insertedContent": { "text": edit.replacement },
                    })
                })
                .collect();
            value["fixes"] = json!([{
                "description": { "text": fix.text },
                "artifactChanges": [{
                    "artifactLocation": { "uri": span.file.replace(' ', "%20"), "uriBaseId": "SRCROOT" },
                    "replacements": replacements,
                }],
            }]);
        }
    } else {
        value["partialFingerprints"] = json!({
            "stateguardHash/v1": fingerprint(&[&record.code, &record.message]),
        });
    }
    value
}
