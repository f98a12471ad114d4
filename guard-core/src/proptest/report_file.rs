//! The machine-readable channel of failures: when [`REPORT_VARIABLE`] names a file, every
//! [`Checker::run`](crate::proptest::Checker::run) that fails appends one JSON object, on one line,
//! to it before panicking. `cargo stateguard check` reads these lines rather than parsing the test
//! output, whose panic text is meant for people.

use crate::proptest::checker::{Failure, Problem};
use crate::proptest::machine::TestableMachine;
use alloc::string::{String, ToString};
use core::fmt::Write as _;
use core::panic::Location;

/// The environment variable naming the file failures are appended to, one JSON object a line.
///
/// Each line holds: `machine` (its name), `test` (the name of the thread that ran the check, which
/// is the test's name under the standard test harness, or `null`), `file`, `line`, `column` (where
/// the check was called: the `check_machine!` invocation), `calls` (the calls in the shortest
/// failing sequence, the constructor included), `position` (the call that failed: `0` is the
/// constructor), `call` (that call, as code), `sequence` (the whole sequence, as one expression),
/// `code` (the sequence as a multi-line snippet, the failing call marked), `problem` (a stable
/// kebab-case name of what went wrong, such as `postcondition` or `invariant-broken`) and
/// `message` (what went wrong, in words).
///
/// The file is opened in append mode for each failure and written with one call, so tests running
/// in parallel threads or processes do not interleave their lines. A file that cannot be written
/// is skipped: the panic message still says everything.
pub const REPORT_VARIABLE: &str = "STATEGUARD_PROPTEST_REPORT";

/// Appends `failure` to the file `REPORT_VARIABLE` names, if it names one.
pub(crate) fn append_if_requested<M: TestableMachine>(
    failure: &Failure<M>,
    location: &Location<'_>,
) {
    if let Some(path) = std::env::var_os(REPORT_VARIABLE).filter(|path| !path.is_empty()) {
        let thread = std::thread::current();
        let line = failure_line(failure, location, thread.name());
        // Nothing to do on an error: the panic that follows carries the same facts.
        let _ = append(std::path::Path::new(&path), &line);
    }
}

fn append(path: &std::path::Path, line: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(line.as_bytes())
}

/// The JSON line (newline included) describing `failure`.
pub(crate) fn failure_line<M: TestableMachine>(
    failure: &Failure<M>,
    location: &Location<'_>,
    test: Option<&str>,
) -> String {
    let sequence = failure.sequence();
    let fields: [(&str, Value<'_>); 11] = [
        ("machine", Value::Text(M::NAME)),
        ("test", test.map_or(Value::Null, Value::Text)),
        ("file", Value::Text(location.file())),
        ("line", Value::Number(location.line().into())),
        ("column", Value::Number(location.column().into())),
        ("calls", Value::Number(failure.position() as u64 + 1)),
        ("position", Value::Number(failure.position() as u64)),
        ("call", Value::Owned(failure.call())),
        ("sequence", Value::Owned(sequence.to_string())),
        (
            "code",
            Value::Owned(sequence.to_code_marked(failure.position(), "  // <- here")),
        ),
        ("problem", Value::Text(problem_name(failure.problem()))),
    ];
    let mut line = String::from("{");
    for (name, value) in &fields {
        write_string(&mut line, name);
        line.push(':');
        value.write(&mut line);
        line.push(',');
    }
    write_string(&mut line, "message");
    line.push(':');
    write_string(&mut line, &failure.problem().to_string());
    line.push_str("}\n");
    line
}

/// A stable name for each kind of problem, for programs to branch on.
fn problem_name(problem: &Problem) -> &'static str {
    match problem {
        Problem::InvariantBroken(_) => "invariant-broken",
        Problem::AcceptedInvalid(_) => "accepted-invalid",
        Problem::RejectedValid(_) => "rejected-valid",
        Problem::RejectedWithoutReason => "rejected-without-reason",
        Problem::WrongState { .. } => "wrong-state",
        Problem::Postcondition(_) => "postcondition",
        Problem::Model(_) => "model",
        Problem::Panicked(_) => "panicked",
        Problem::RulesPanicked(_) => "rules-panicked",
        Problem::Inconsistent(_) => "inconsistent",
        Problem::Flaky(_) => "flaky",
        Problem::Aborted(_) => "aborted",
    }
}

enum Value<'a> {
    Null,
    Number(u64),
    Text(&'a str),
    Owned(String),
}

impl Value<'_> {
    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Number(number) => {
                let _ = write!(out, "{number}");
            }
            Value::Text(text) => write_string(out, text),
            Value::Owned(text) => write_string(out, text),
        }
    }
}

/// Writes `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            control if u32::from(control) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(control));
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::{append, failure_line, write_string};
    use crate::proptest::doc_machine::Door;
    use crate::proptest::{Checker, TestableMachine as _};
    use alloc::format;
    use alloc::string::{String, ToString as _};

    fn broken_door_failure() -> crate::proptest::Failure<Door> {
        Checker::<Door>::new()
            .cases(500)
            .seed(3)
            .postcondition(|outcome| {
                if outcome.machine.state() == outcome.from {
                    Ok(())
                } else {
                    Err(String::from("a \"door\" moved\n(on purpose)"))
                }
            })
            .try_run()
            .unwrap_err()
    }

    #[test]
    fn a_failure_is_one_line_of_json_with_every_field() {
        let failure = broken_door_failure();
        let line = failure_line(&failure, core::panic::Location::caller(), Some("door_test"));
        assert!(line.ends_with("}\n"));
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["machine"], "Door");
        assert_eq!(value["test"], "door_test");
        assert_eq!(value["file"], file!());
        assert_eq!(value["problem"], "postcondition");
        assert_eq!(value["position"], failure.position() as u64);
        assert_eq!(value["calls"], failure.position() as u64 + 1);
        assert_eq!(value["call"], failure.call());
        assert_eq!(value["sequence"], failure.sequence().to_string());
        assert!(value["code"].as_str().unwrap().contains("// <- here"));
        assert_eq!(
            value["message"],
            "postcondition failed: a \"door\" moved\n(on purpose)"
        );
        assert!(value["line"].as_u64().unwrap() > 0);
        assert!(value["column"].as_u64().unwrap() > 0);
    }

    #[test]
    fn strings_are_escaped_as_json() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\u{1}\té");
        assert_eq!(out, r#""a\"b\\c\u0001\té""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\u{1}\té");
    }

    #[test]
    #[cfg_attr(miri, ignore = "Miri isolates the file system")]
    fn lines_are_appended_not_overwritten() {
        let path = std::env::temp_dir().join(format!(
            "stateguard-report-{}-{:?}.jsonl",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_file(&path);
        append(&path, "{\"n\":1}\n").unwrap();
        append(&path, "{\"n\":2}\n").unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(written, "{\"n\":1}\n{\"n\":2}\n");
    }
}
