//! Suppression comments: `// stateguard: allow(G0405) reason: startup runs before the runtime serves
//! requests`, on the line before the finding or at the end of its line. A suppression needs known codes
//! and a reason, and must silence something; otherwise it is itself a finding (G0409).

use super::context::Finding;
use super::rules;
use super::source::SourceFile;
use crate::record::{Fix, Span};

/// One suppression comment.
#[derive(Debug)]
pub(crate) struct Suppression {
    pub(crate) span: Span,
    /// The lines it covers: its own, and the next one when it stands on a line of its own.
    lines: (usize, usize),
    codes: Vec<String>,
    used: bool,
}

/// Reads every suppression comment of `source`; malformed ones become G0409 findings.
pub(crate) fn parse(source: &SourceFile, problems: &mut Vec<Finding>) -> Vec<Suppression> {
    let mut suppressions = Vec::new();
    for comment in &source.comments {
        if comment.doc {
            continue;
        }
        let text = comment.text.trim();
        let Some(rest) = text.strip_prefix("stateguard:") else {
            continue;
        };
        let length = comment.text.chars().count() + 2;
        let span = Span {
            file: source.rel_path.clone(),
            line: comment.line,
            column: comment.column,
            end_line: comment.line,
            end_column: comment.column + length,
        };
        let problem = |message: String, fix: &str| Finding {
            code: rules::G0409.code,
            span: span.clone(),
            message,
            why: None,
            fix: Some(Fix {
                text: fix.to_owned(),
                edits: Vec::new(),
            }),
        };
        let example = "// stateguard: allow(G0405) reason: <why this place is fine>";
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix("allow(") else {
            problems.push(problem(
                "a `stateguard:` comment must be `allow(CODE, ..) reason: ..`".into(),
                example,
            ));
            continue;
        };
        let Some((codes, after)) = rest.split_once(')') else {
            problems.push(problem(
                "the `allow(` of a suppression is not closed".into(),
                example,
            ));
            continue;
        };
        let codes: Vec<String> = codes
            .split(',')
            .map(|code| code.trim().to_ascii_uppercase())
            .collect();
        let unknown: Vec<&String> = codes
            .iter()
            .filter(|code| {
                rules::find(code).is_none_or(|info| {
                    info.code == rules::G0409.code || info.code == rules::G0400.code
                })
            })
            .collect();
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|code| format!("`{code}`")).collect();
            problems.push(problem(
                format!(
                    "suppression names unknown or unsuppressible rule code {}",
                    names.join(", ")
                ),
                "name rules G0401 to G0408, e.g. `// stateguard: allow(G0405) reason: ..`",
            ));
            continue;
        }
        let reason = after
            .trim_start()
            .strip_prefix("reason:")
            .map(str::trim)
            .unwrap_or("");
        if reason.is_empty() || reason.trim_end_matches("*/").trim().is_empty() {
            problems.push(problem(
                "suppression without a reason".into(),
                &format!(
                    "// stateguard: allow({}) reason: <why this place is fine>",
                    codes.join(", ")
                ),
            ));
            continue;
        }
        let lines = if comment.own_line {
            (comment.line, comment.end_line + 1)
        } else {
            (comment.line, comment.line)
        };
        suppressions.push(Suppression {
            span,
            lines,
            codes,
            used: false,
        });
    }
    suppressions
}

/// Drops the findings a suppression covers (returns how many) and reports suppressions that silenced
/// nothing.
pub(crate) fn apply(findings: &mut Vec<Finding>, suppressions: &mut [Suppression]) -> usize {
    let before = findings.len();
    findings.retain(|finding| {
        let line = finding.span.line;
        for suppression in suppressions.iter_mut() {
            if (line == suppression.lines.0 || line == suppression.lines.1)
                && suppression.codes.iter().any(|code| code == finding.code)
            {
                suppression.used = true;
                return false;
            }
        }
        true
    });
    let silenced = before - findings.len();
    for suppression in suppressions.iter().filter(|suppression| !suppression.used) {
        findings.push(Finding {
            code: rules::G0409.code,
            span: suppression.span.clone(),
            message: format!("this suppression of {} silences nothing", suppression.codes.join(", ")),
            why: Some("a suppression that is no longer needed would hide the next real finding on its line".into()),
            fix: Some(Fix { text: "delete the comment".into(), edits: Vec::new() }),
        });
    }
    silenced
}
