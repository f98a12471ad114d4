//! Reading the standard test harness's human output (stable Rust has no machine-readable one):
//! which tests failed, and for each the panic's place and message.

/// One failed test, as the harness printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FailedTest {
    /// `tests::ships`, or a doctest's `src/lib.rs - describe (line 10)`.
    pub(crate) name: String,
    /// Where it panicked, as the panic message says (`src/lib.rs`, 55, 9).
    pub(crate) panic_at: Option<(String, usize, usize)>,
    /// The panic message, or the whole captured output when there was no panic line.
    pub(crate) message: String,
}

/// The failed tests in `output`, the harness's standard output (any number of test binaries).
pub(crate) fn failed_tests(output: &str) -> Vec<FailedTest> {
    let mut failed: Vec<FailedTest> = Vec::new();
    let mut section: Option<(String, Vec<&str>)> = None;
    for line in output.lines() {
        if let Some(name) = section_header(line) {
            if let Some((name, lines)) = section.take() {
                failed.push(read_section(name, &lines));
            }
            section = Some((name.to_owned(), Vec::new()));
        } else if line == "failures:" || line.starts_with("test result: ") {
            if let Some((name, lines)) = section.take() {
                failed.push(read_section(name, &lines));
            }
        } else if let Some((_, lines)) = &mut section {
            lines.push(line);
        }
    }
    if let Some((name, lines)) = section.take() {
        failed.push(read_section(name, &lines));
    }
    // A test that failed with no captured output has no section: the `... FAILED` line names it.
    for line in output.lines() {
        if let Some(name) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.strip_suffix(" ... FAILED"))
            && !failed.iter().any(|test| test.name == name)
        {
            failed.push(FailedTest {
                name: name.to_owned(),
                panic_at: None,
                message: String::new(),
            });
        }
    }
    failed
}

fn section_header(line: &str) -> Option<&str> {
    line.strip_prefix("---- ")?
        .strip_suffix(" stdout ----")
        .or_else(|| line.strip_prefix("---- ")?.strip_suffix(" stderr ----"))
}

fn read_section(name: String, lines: &[&str]) -> FailedTest {
    let panic_line = lines.iter().position(|line| {
        line.starts_with("thread '") && line.contains("' panicked at ")
            || line.starts_with("thread '") && line.contains(") panicked at ")
    });
    let Some(start) = panic_line else {
        return FailedTest {
            name,
            panic_at: None,
            message: trim_block(lines),
        };
    };
    let header = lines[start];
    let place = header
        .split_once(" panicked at ")
        .map(|(_, place)| place.trim_end_matches(':'));
    let panic_at = place.and_then(parse_place);
    let body: Vec<&str> = lines[start + 1..]
        .iter()
        .take_while(|line| {
            !line.starts_with("note: run with `RUST_BACKTRACE=")
                && !line.starts_with("stack backtrace:")
        })
        .copied()
        .collect();
    FailedTest {
        name,
        panic_at,
        message: trim_block(&body),
    }
}

/// `src/lib.rs:55:9` as its parts; the file may itself contain `:` (a Windows drive).
fn parse_place(place: &str) -> Option<(String, usize, usize)> {
    let (rest, column) = place.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some((file.to_owned(), line.parse().ok()?, column.parse().ok()?))
}

fn trim_block(lines: &[&str]) -> String {
    lines.join("\n").trim().to_owned()
}

/// A doctest's name (`src/lib.rs - describe (line 10)`) as its file and line.
pub(crate) fn doctest_place(name: &str) -> Option<(String, usize)> {
    let (file, rest) = name.split_once(" - ")?;
    let line = rest.rsplit_once("(line ")?.1.strip_suffix(')')?;
    Some((file.to_owned(), line.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::{FailedTest, doctest_place, failed_tests};

    const OUTPUT: &str = "
running 3 tests
test tests::passes ... ok
test tests::compares ... FAILED
test order::a_shipped_order_has_a_tracking_number ... FAILED
test silent ... FAILED

failures:

---- tests::compares stdout ----
printed by the test

thread 'tests::compares' (16778) panicked at src/lib.rs:55:9:
assertion `left == right` failed
  left: 1
 right: 2
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

---- order::a_shipped_order_has_a_tracking_number stdout ----

thread 'order::a_shipped_order_has_a_tracking_number' panicked at tests/order.rs:6:5:
Order: fails after 3 calls (shortest sequence found):

    Order::new(0)
        .ship(String::new())  // <- here

after `.ship(String::new())`, postcondition failed: no tracking number
stack backtrace:
   0: __rustc::rust_begin_unwind


failures:
    tests::compares
    order::a_shipped_order_has_a_tracking_number
    silent

test result: FAILED. 1 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.11s

running 1 test
test src/lib.rs - describe (line 10) ... FAILED

failures:

---- src/lib.rs - describe (line 10) stdout ----
error[E0425]: cannot find value `x` in this scope
Couldn't compile the test.

failures:
    src/lib.rs - describe (line 10)

test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.05s
";

    #[test]
    fn every_failed_test_is_read_with_its_panic() {
        let failed = failed_tests(OUTPUT);
        assert_eq!(
            failed[0],
            FailedTest {
                name: String::from("tests::compares"),
                panic_at: Some((String::from("src/lib.rs"), 55, 9)),
                message: String::from("assertion `left == right` failed\n  left: 1\n right: 2"),
            }
        );
        assert_eq!(
            failed[1].panic_at,
            Some((String::from("tests/order.rs"), 6, 5))
        );
        assert!(failed[1].message.starts_with("Order: fails after 3 calls"));
        assert!(
            failed[1]
                .message
                .ends_with("postcondition failed: no tracking number")
        );
        assert_eq!(failed[2].name, "src/lib.rs - describe (line 10)");
        assert_eq!(failed[2].panic_at, None);
        assert!(failed[2].message.starts_with("error[E0425]"));
        assert_eq!(failed[3].name, "silent");
        assert_eq!(failed.len(), 4);
    }

    #[test]
    fn a_doctest_name_gives_its_place() {
        assert_eq!(
            doctest_place("src/lib.rs - describe (line 10)"),
            Some((String::from("src/lib.rs"), 10))
        );
        assert_eq!(
            doctest_place("src/a.rs - Order<S>::ship (line 7)"),
            Some((String::from("src/a.rs"), 7))
        );
        assert_eq!(doctest_place("tests::plain"), None);
    }
}
