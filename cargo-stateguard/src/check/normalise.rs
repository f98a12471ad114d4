//! rustc's and clippy's diagnostics as records: the code a fix is looked up by, the place in the
//! user's file, one sentence of message, the reason, and the fix (with rustc's machine-applicable
//! suggestions as edits), with the noise a reader has to skip in cargo's output left out.

use crate::check::diagnostic::{Diagnostic, DiagnosticSpan};
use crate::check::locate::Locator;
use crate::record::{Edit, Fix, Level, Record, Source, Tier};

/// rustc's wrapper around a `panic!` in a constant: stateguard's checks of `match` arms report
/// through it, so the G code comes after it.
const PANIC_WRAPPER: &str = "evaluation panicked: ";

/// Children that tell a reader nothing they can act on.
const NOISE: &[&str] = &[
    "the following other types implement trait",
    "the trait `",
    "for more information about this error",
    "requested on the command line with",
    "this error originates in",
    "this warning originates in",
    "required for ",
    "required by a bound in ",
    "required by this bound in ",
    "required because ",
    "in this macro invocation",
    "see issue #",
    "add `#![feature(",
];

/// Children that are noise wherever the phrase appears in them.
const NOISE_ANYWHERE: &[&str] = &[
    "has derived impls for the traits",
    "has a derived impl for the trait",
];

/// The level of a diagnostic as a record's, or `None` for the lines that are not findings
/// (summaries such as "aborting due to 2 previous errors", "For more information about ...").
fn level(diagnostic: &Diagnostic) -> Option<Level> {
    match diagnostic.level.as_str() {
        "error" | "error: internal compiler error" => Some(Level::Deny),
        "warning" => {
            let summary = diagnostic.spans.is_empty()
                && (diagnostic.message.ends_with("warning emitted")
                    || diagnostic.message.ends_with("warnings emitted"));
            (!summary).then_some(Level::Warn)
        }
        _ => None,
    }
}

/// One diagnostic as a record, or `None` when it is not a finding (a summary line). The source
/// follows the code: `[Gxxxx]` is the macros', `clippy::..` clippy's, anything else rustc's.
pub(crate) fn to_record(diagnostic: &Diagnostic, tier: Tier, locator: &Locator) -> Option<Record> {
    let level = level(diagnostic)?;
    if diagnostic.spans.is_empty() && is_summary(&diagnostic.message) {
        return None;
    }
    let parts = MessageParts::split(&diagnostic.message);
    let rustc_code = diagnostic.code.as_ref().map(|code| code.code.clone());
    let child_code = diagnostic
        .children
        .iter()
        .find_map(|child| g_code(child.message.trim_start_matches(PANIC_WRAPPER)));
    let (code, source) = match (&parts.code, &child_code, &rustc_code) {
        (Some(code), _, _) | (None, Some((code, _)), _) => (code.clone(), Source::Macros),
        (None, None, Some(code)) if code.starts_with("clippy::") => (code.clone(), Source::Clippy),
        (None, None, Some(code)) => (code.clone(), Source::Rustc),
        (None, None, None) => (String::from("rustc"), Source::Rustc),
    };

    let mut why = parts.notes;
    let mut fix_lines = parts.helps;
    let mut edits = Vec::new();
    let mut docs = None;
    for child in &diagnostic.children {
        read_child(
            child,
            locator,
            &mut why,
            &mut fix_lines,
            &mut edits,
            &mut docs,
        );
    }
    // Labels on the user's code say what each marked place is ("value moved here"): keep the
    // ones that point elsewhere than the finding itself, where they name another place to look.
    let span = locator.locate(diagnostic);
    for labelled in &diagnostic.spans {
        let (Some(label), false) = (&labelled.label, labelled.is_primary) else {
            continue;
        };
        if let Some(place) = locator
            .user_span(labelled)
            .filter(|place| place.file == span_file(&span))
        {
            push_unique(&mut why, format!("{label} (line {})", place.line));
        }
    }
    let fix = (!fix_lines.is_empty() || !edits.is_empty()).then(|| Fix {
        text: fix_lines.join("\n"),
        edits,
    });
    // rustc's and clippy's own label on the finding's place often holds the half of the message a
    // fix needs ("mismatched types" / "expected `u64`, found `&str`"): joined as rustc's short
    // format joins them. stateguard's messages are whole without it.
    let mut message = parts.headline;
    if source != Source::Macros
        && let Some(label) = diagnostic
            .spans
            .iter()
            .find(|span| span.is_primary)
            .and_then(|span| span.label.as_deref())
            .filter(|label| !label.is_empty() && !message.contains(label))
    {
        message = format!("{message}: {label}");
    }
    Some(Record {
        tier,
        source,
        code,
        level,
        span,
        message,
        why: (!why.is_empty()).then(|| why.join("\n")),
        fix,
        suppress: None,
        docs,
        caused_by: None,
    })
}

fn span_file(span: &Option<crate::record::Span>) -> &str {
    span.as_ref().map_or("", |span| span.file.as_str())
}

fn is_summary(message: &str) -> bool {
    message.starts_with("aborting due to")
        || message.starts_with("Some errors have detailed explanations")
        || message.starts_with("For more information about")
}

/// Sorts one child of a diagnostic into the reason, the fix, the edits or the docs link, or drops
/// it as noise.
fn read_child(
    child: &Diagnostic,
    locator: &Locator,
    why: &mut Vec<String>,
    fix: &mut Vec<String>,
    edits: &mut Vec<Edit>,
    docs: &mut Option<String>,
) {
    let message = child.message.trim();
    if let Some(link) = message.strip_prefix("for further information visit ") {
        *docs = Some(link.to_owned());
        return;
    }
    let suggestions: Vec<&DiagnosticSpan> = child
        .spans
        .iter()
        .filter(|span| span.suggested_replacement.is_some())
        .collect();
    if !suggestions.is_empty() {
        read_suggestion(message, &suggestions, locator, fix, edits);
        return;
    }
    // The implementations rustc lists are, for a typestate, the transitions the state allows: in
    // the user's declaration they are worth one line; anywhere else they are the library's.
    if message.starts_with("the following other types implement trait") {
        let labels: Vec<&str> = child
            .spans
            .iter()
            .filter(|span| locator.user_span(span).is_some())
            .filter_map(|span| span.label.as_deref())
            .collect();
        if !labels.is_empty() && labels.len() == child.spans.len() {
            let mut labels = labels;
            labels.sort_unstable();
            push_unique(why, labels.join("; "));
        }
        return;
    }
    if is_noise(message) || mentions_internals(message) {
        return;
    }
    // A note that points only into the library's or a dependency's source says nothing the
    // user can change there.
    let points_elsewhere = !child.spans.is_empty()
        && child
            .spans
            .iter()
            .all(|span| locator.user_span(span).is_none());
    if points_elsewhere {
        return;
    }
    let lines = MessageParts::split(message);
    match child.level.as_str() {
        "help" if !lines.headline.is_empty() => push_unique(fix, lines.headline),
        _ if !lines.headline.is_empty() => push_unique(why, lines.headline),
        _ => {}
    }
    for help in lines.helps {
        push_unique(fix, help);
    }
    for note in lines.notes {
        push_unique(why, note);
    }
}

/// A child carrying suggested replacements: machine-applicable ones in the user's file become
/// edits; every one is also written into the fix text, so that the text alone is enough.
fn read_suggestion(
    message: &str,
    suggestions: &[&DiagnosticSpan],
    locator: &Locator,
    fix: &mut Vec<String>,
    edits: &mut Vec<Edit>,
) {
    let mut shown = Vec::new();
    for suggestion in suggestions {
        let replacement = suggestion.suggested_replacement.clone().unwrap_or_default();
        let applicable =
            suggestion.suggestion_applicability.as_deref() == Some("MachineApplicable");
        // An edit must replace exactly the text rustc meant, so no walking out of macros here.
        let in_user_file =
            suggestion.expansion.is_none() && locator.user_path(&suggestion.file_name).is_some();
        if applicable
            && in_user_file
            && let Some(span) = locator.user_span(suggestion)
        {
            edits.push(Edit {
                span,
                replacement: replacement.clone(),
            });
        }
        if !replacement.is_empty() && !replacement.contains('\n') && replacement.len() <= 80 {
            shown.push(format!("`{replacement}`"));
        }
    }
    let text = if shown.is_empty() || message.contains('`') && shown.len() > 3 {
        message.to_owned()
    } else {
        format!("{message}: {}", shown.join(", "))
    };
    push_unique(fix, text);
}

fn is_noise(message: &str) -> bool {
    let lower = message.to_lowercase();
    NOISE.iter().any(|noise| lower.starts_with(noise))
        || NOISE_ANYWHERE.iter().any(|noise| lower.contains(noise))
        || (lower.starts_with('`') && lower.contains("` on by default"))
        || lower.starts_with("`#[")
        || lower.starts_with("the lint level is defined here")
}

/// Paths of stateguard's generated internals, which the user never writes.
fn mentions_internals(message: &str) -> bool {
    message.contains("__private") || message.contains("__guard") || message.contains("__Guard")
}

fn push_unique(list: &mut Vec<String>, line: String) {
    if !line.is_empty() && !list.contains(&line) {
        list.push(line);
    }
}

/// `[G0301]` at the start of `message`: the code and the rest of the line.
fn g_code(message: &str) -> Option<(String, &str)> {
    let rest = message.strip_prefix("[G")?;
    let digits = rest.get(..4)?;
    let after = rest.get(4..)?.strip_prefix(']')?;
    digits
        .bytes()
        .all(|byte| byte.is_ascii_digit())
        .then(|| (format!("G{digits}"), after.trim_start()))
}

/// A message split into its headline (one sentence a reader acts on), its `help:` lines and its
/// `note:` lines; stateguard's macros write their fix as a `help:` line of the message itself.
#[derive(Debug, Default, PartialEq, Eq)]
struct MessageParts {
    code: Option<String>,
    headline: String,
    helps: Vec<String>,
    notes: Vec<String>,
}

impl MessageParts {
    fn split(message: &str) -> Self {
        let message = message.strip_prefix(PANIC_WRAPPER).unwrap_or(message);
        let mut parts = Self::default();
        let mut lines = message.lines();
        let first = lines.next().unwrap_or_default().trim();
        let headline = match g_code(first) {
            Some((code, rest)) => {
                parts.code = Some(code);
                rest
            }
            None => first,
        };
        parts.headline = headline.to_owned();
        // Each further line continues the headline, or the help or note above it.
        let mut pending = Vec::new();
        for line in lines {
            let line = line.trim();
            let line = line.strip_prefix("= ").unwrap_or(line);
            if let Some(help) = line.strip_prefix("help: ") {
                pending.push((true, help.to_owned()));
            } else if let Some(note) = line.strip_prefix("note: ") {
                pending.push((false, note.to_owned()));
            } else if let Some((_, last)) = pending.last_mut() {
                if !line.is_empty() {
                    last.push('\n');
                    last.push_str(line);
                }
            } else if !line.is_empty() {
                parts.headline.push(' ');
                parts.headline.push_str(line);
            }
        }
        for (is_help, text) in pending {
            if is_help {
                parts.helps.push(text);
            } else {
                parts.notes.push(text);
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::{MessageParts, g_code, to_record};
    use crate::check::diagnostic::Diagnostic;
    use crate::check::locate::Locator;
    use crate::record::{Level, Source, Tier};

    /// Diagnostics as rustc 1.95 wrote them for the fixture crates (`samples/`, explanations
    /// left out).
    fn sample(json: &str) -> Diagnostic {
        serde_json::from_str(json).unwrap()
    }

    fn locator() -> Locator {
        Locator::new("/tmp/app".into(), "/tmp/app/target".into())
    }

    #[test]
    fn rustcs_label_on_the_finding_completes_its_message() {
        let diagnostic = sample(include_str!("samples/e0308_label_holds_the_types.json"));
        let record = to_record(&diagnostic, Tier::Compile, &locator()).unwrap();
        assert_eq!(record.code, "E0308");
        assert_eq!(
            record.message,
            "mismatched types: expected `u64`, found `&str`"
        );
        // The other label names another place to look.
        assert_eq!(record.why.as_deref(), Some("expected due to this (line 3)"));
    }

    #[test]
    fn a_g_code_in_a_const_panic_is_found_and_located_on_the_users_pattern() {
        let diagnostic = sample(include_str!("samples/g0301_in_const_panic.json"));
        assert!(
            diagnostic.spans[0]
                .file_name
                .ends_with("library/core/src/panic.rs")
        );
        let record = to_record(&diagnostic, Tier::Compile, &locator()).unwrap();
        assert_eq!(record.code, "G0301");
        assert_eq!(record.source, Source::Macros);
        assert_eq!(record.level, Level::Deny);
        let span = record.span.unwrap();
        assert_eq!(
            (span.file.as_str(), span.line, span.column),
            ("src/lib.rs", 24, 9)
        );
        assert_eq!((span.end_line, span.end_column), (24, 32));
        assert_eq!(
            record.message,
            "this pattern ignores required data of `OrderStatus::Shipped`: field `0` is hidden by `_`"
        );
        assert_eq!(
            record.fix.unwrap().text,
            "bind it and use it in the arm: `OrderStatus::Shipped(tracking_id) => ...`"
        );
        assert_eq!(
            record.why, None,
            "the `evaluation of .. failed here` label is dropped"
        );
    }

    #[test]
    fn a_g_code_whose_primary_span_is_already_the_users_gives_the_same_record() {
        // The macros may put the primary span on the user's token themselves: the record must
        // not change.
        let before = sample(include_str!("samples/g0301_in_const_panic.json"));
        let mut after = before.clone();
        let user_span = after.spans[0].expansion.as_ref().unwrap().span.clone();
        let mut primary = user_span.expansion.as_ref().unwrap().span.clone();
        primary.is_primary = true;
        after.spans = vec![primary];
        after.message = after.message.replace("evaluation panicked: ", "");
        after.code = None;
        let locator = locator();
        assert_eq!(
            to_record(&after, Tier::Compile, &locator),
            to_record(&before, Tier::Compile, &locator)
        );
    }

    #[test]
    fn a_g_code_in_a_child_note_names_the_record() {
        let mut diagnostic = sample(include_str!("samples/e0277_wrong_state.json"));
        diagnostic.children[1].message = format!("[G0120] {}", diagnostic.children[1].message);
        let record = to_record(&diagnostic, Tier::Compile, &locator()).unwrap();
        assert_eq!(record.code, "G0120");
        assert_eq!(record.source, Source::Macros);
    }

    #[test]
    fn the_wrong_state_error_keeps_the_transitions_and_drops_the_trait_noise() {
        let diagnostic = sample(include_str!("samples/e0277_wrong_state.json"));
        let record = to_record(&diagnostic, Tier::Compile, &locator()).unwrap();
        assert_eq!(record.code, "E0277");
        assert_eq!(record.source, Source::Rustc);
        let span = record.span.unwrap();
        assert_eq!((span.line, span.column), (30, 13));
        let why = record.why.unwrap();
        assert!(
            why.contains("`order::Pending` implements `OrderTransition<pay>`"),
            "{why}"
        );
        assert!(
            why.contains("`order::Pending` implements `OrderTransition<cancel>`"),
            "{why}"
        );
        assert!(!why.contains("required by a bound"), "{why}");
        assert!(!why.contains("is not implemented for"), "{why}");
    }

    #[test]
    fn a_machine_applicable_suggestion_becomes_an_edit() {
        let diagnostic = sample(include_str!("samples/e0382_with_suggestion.json"));
        let record = to_record(&diagnostic, Tier::Compile, &locator()).unwrap();
        assert_eq!(record.code, "E0382");
        let fix = record.fix.unwrap();
        assert!(fix.text.contains("`.clone()`"), "{}", fix.text);
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].replacement, ".clone()");
        assert_eq!(fix.edits[0].span.file, "src/lib.rs");
        // The labels on other places stay, as where to look.
        assert!(record.why.unwrap().contains("value moved here"));
    }

    #[test]
    fn clippy_keeps_its_lint_name_and_documentation_link_and_loses_the_command_line_note() {
        let diagnostic = sample(include_str!("samples/clippy_await_holding_lock.json"));
        let record = to_record(&diagnostic, Tier::Lint, &locator()).unwrap();
        assert_eq!(record.code, "clippy::await_holding_lock");
        assert_eq!(record.source, Source::Clippy);
        assert!(record.docs.unwrap().ends_with("#await_holding_lock"));
        let why = record.why.unwrap_or_default();
        assert!(!why.contains("requested on the command line"), "{why}");
    }

    #[test]
    fn summaries_are_not_findings() {
        for summary in [
            r#"{"message":"aborting due to 2 previous errors","code":null,"level":"error","spans":[],"children":[]}"#,
            r#"{"message":"3 warnings emitted","code":null,"level":"warning","spans":[],"children":[]}"#,
            r#"{"message":"For more information about this error, try `rustc --explain E0277`.","code":null,"level":"failure-note","spans":[],"children":[]}"#,
        ] {
            assert_eq!(
                to_record(&sample(summary), Tier::Compile, &locator()),
                None,
                "{summary}"
            );
        }
    }

    #[test]
    fn the_g_code_comes_out_of_rustcs_panic_wrapper_and_the_help_becomes_the_fix() {
        let parts = MessageParts::split(
            "evaluation panicked: [G0301] this pattern ignores required data of `OrderStatus::Shipped`: field `0` is hidden by `_`\nhelp: bind it and use it in the arm: `OrderStatus::Shipped(tracking_id) => ...`",
        );
        assert_eq!(parts.code.as_deref(), Some("G0301"));
        assert_eq!(
            parts.headline,
            "this pattern ignores required data of `OrderStatus::Shipped`: field `0` is hidden by `_`"
        );
        assert_eq!(
            parts.helps,
            ["bind it and use it in the arm: `OrderStatus::Shipped(tracking_id) => ...`"]
        );
        assert!(parts.notes.is_empty());
    }

    #[test]
    fn notes_and_continuation_lines_are_kept_with_their_marker() {
        let parts = MessageParts::split(
            "[G0101] transition `ship` leads nowhere\nnote: states are: `A`,\n  `B`\nhelp: write `ship => A`",
        );
        assert_eq!(parts.code.as_deref(), Some("G0101"));
        assert_eq!(parts.headline, "transition `ship` leads nowhere");
        assert_eq!(parts.notes, ["states are: `A`,\n`B`"]);
        assert_eq!(parts.helps, ["write `ship => A`"]);
    }

    #[test]
    fn a_message_without_a_g_code_keeps_its_text() {
        let parts = MessageParts::split("borrow of moved value: `v`");
        assert_eq!(parts.code, None);
        assert_eq!(parts.headline, "borrow of moved value: `v`");
    }

    #[test]
    fn only_a_well_formed_code_counts() {
        assert_eq!(
            g_code("[G0205] x").map(|(code, rest)| (code, rest.to_owned())),
            Some(("G0205".into(), "x".into()))
        );
        for not_a_code in [
            "[G12] x",
            "[G12345] x",
            "[GABCD] x",
            "G0205 x",
            " [G0205] x",
            "[E0277] x",
        ] {
            assert!(g_code(not_a_code).is_none(), "{not_a_code}");
        }
    }
}
