//! The records of a run put in order: duplicates (one diagnostic reported for the library and
//! again for its test build) removed, sorted by place, and the errors that follow from an earlier
//! one marked `caused_by`.

use crate::record::{Level, Record, Source, Span};

/// Codes rustc reports when an earlier error left a type unknown: never a first cause when
/// another error comes before them in the same file.
const KNOCK_ON_CODES: &[&str] = &["E0282", "E0283", "E0284"];

/// Codes that, inside the span of an earlier error, report what that error already said (a method
/// whose bounds the earlier error found unmet, say).
const FOLLOW_UP_CODES: &[&str] = &["E0282", "E0283", "E0284", "E0599"];

/// Removes repeated findings (same code, place and message), keeping the first.
pub(crate) fn dedup(records: &mut Vec<Record>) {
    let mut seen: Vec<(String, Option<Span>, String)> = Vec::new();
    records.retain(|record| {
        let key = (
            record.code.clone(),
            record.span.clone(),
            record.message.clone(),
        );
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// Sorts by tier, then by file and place, so that the output does not depend on the order in
/// which cargo built the crates.
pub(crate) fn sort(records: &mut [Record]) {
    records.sort_by(|a, b| {
        let place = |record: &Record| {
            record
                .span
                .as_ref()
                .map(|span| (span.file.clone(), span.line, span.column))
        };
        (a.tier, place(a), &a.code, &a.message).cmp(&(b.tier, place(b), &b.code, &b.message))
    });
}

/// Marks each deny-level record that follows from an earlier one in the same tier and file:
/// - anything inside the span of a stateguard macro's error (the macro rejected that code; what
///   rustc says about it next is a consequence);
/// - a follow-up code (`E0599`, `type annotations needed`) inside the span of any earlier error;
/// - `type annotations needed` anywhere after another error in the file.
///
/// Two independent errors on one expression (a private constructor in a mismatched type) are
/// both kept. `caused_by` is the index of the first cause, itself never caused.
pub(crate) fn mark_caused(records: &mut [Record]) {
    for index in 0..records.len() {
        if records[index].level != Level::Deny {
            continue;
        }
        let cause = (0..index).find(|&earlier| {
            let (cause, record) = (&records[earlier], &records[index]);
            if cause.level != Level::Deny || cause.caused_by.is_some() || cause.tier != record.tier
            {
                return false;
            }
            let (Some(outer), Some(inner)) = (&cause.span, &record.span) else {
                return false;
            };
            if outer.file != inner.file {
                return false;
            }
            let code = record.code.as_str();
            let inside = contains(outer, inner);
            KNOCK_ON_CODES.contains(&code)
                || (inside && (cause.source == Source::Macros || FOLLOW_UP_CODES.contains(&code)))
        });
        records[index].caused_by = cause;
    }
}

fn contains(outer: &Span, inner: &Span) -> bool {
    let start = (outer.line, outer.column);
    let end = (outer.end_line, outer.end_column);
    let at = (inner.line, inner.column);
    start <= at && at < end.max((start.0, start.1 + 1))
}

/// The records to show: every one with `all` (where `caused_by` is a position in the list),
/// else only those not caused by another.
pub(crate) fn visible(mut records: Vec<Record>, all: bool) -> Vec<Record> {
    if !all {
        records.retain(|record| record.caused_by.is_none());
    }
    records
}

#[cfg(test)]
mod tests {
    use super::{dedup, mark_caused, sort, visible};
    use crate::record::{Level, Record, Source, Span, Tier};

    fn record(code: &str, line: usize, column: usize, end: (usize, usize)) -> Record {
        Record {
            tier: Tier::Compile,
            source: Source::Rustc,
            code: code.to_owned(),
            level: Level::Deny,
            span: Some(Span {
                file: String::from("src/lib.rs"),
                line,
                column,
                end_line: end.0,
                end_column: end.1,
            }),
            message: format!("{code} at {line}"),
            why: None,
            fix: None,
            suppress: None,
            docs: None,
            caused_by: None,
        }
    }

    #[test]
    fn a_finding_reported_twice_is_kept_once() {
        let mut records = vec![record("E0277", 3, 1, (3, 5)), record("E0277", 3, 1, (3, 5))];
        dedup(&mut records);
        assert_eq!(records.len(), 1);
    }

    #[test]
    fn an_error_inside_a_macro_error_or_a_follow_up_error_is_caused_by_it() {
        let mut macro_error = record("G0101", 4, 1, (12, 2));
        macro_error.source = Source::Macros;
        let mut records = vec![
            record("E0599", 20, 1, (20, 9)),
            macro_error,
            record("E0308", 6, 5, (6, 9)),
            record("E0282", 30, 5, (30, 9)),
            record("E0277", 40, 5, (40, 45)),
            record("E0599", 40, 5, (40, 20)),
        ];
        sort(&mut records);
        mark_caused(&mut records);
        let causes: Vec<(&str, Option<usize>)> = records
            .iter()
            .map(|record| (record.code.as_str(), record.caused_by))
            .collect();
        assert_eq!(
            causes,
            [
                ("G0101", None),
                ("E0308", Some(0)),
                ("E0599", None),
                ("E0282", Some(0)),
                ("E0277", None),
                ("E0599", Some(4)),
            ]
        );
        let shown = visible(records.clone(), false);
        assert_eq!(shown.len(), 3);
        assert_eq!(visible(records, true).len(), 6);
    }

    #[test]
    fn two_independent_errors_on_one_expression_are_both_kept() {
        // `Order { .. }` with a private constructor, in a place of the wrong type.
        let mut records = vec![
            record("E0308", 33, 9, (33, 23)),
            record("E0603", 33, 16, (33, 23)),
        ];
        sort(&mut records);
        mark_caused(&mut records);
        assert!(records.iter().all(|record| record.caused_by.is_none()));
    }

    #[test]
    fn warnings_are_never_marked() {
        let mut outer = record("E0599", 1, 1, (9, 1));
        outer.level = Level::Deny;
        let mut inner = record("unused_variables", 2, 1, (2, 3));
        inner.level = Level::Warn;
        let mut records = vec![outer, inner];
        mark_caused(&mut records);
        assert_eq!(records[1].caused_by, None);
    }
}
