//! The one trybuild runner. Each `tests/ui/<area>/*.rs` file must fail to compile with exactly the
//! `.stderr` next to it; `tests/ui/<area>/pass/*.rs` files must compile. Regenerate with
//! `TRYBUILD=overwrite`, then read every changed line: the messages are part of the API.
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for area in ["typestate", "invariant", "enforce", "proptest"] {
        cases.pass(format!("ui/{area}/pass/*.rs"));
        cases.compile_fail(format!("ui/{area}/*.rs"));
    }
}
