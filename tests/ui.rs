//! The one trybuild runner. Each `tests/ui/<area>/*.rs` file must fail to compile with exactly the
//! `.stderr` next to it; `tests/ui/<area>/pass/*.rs` files must compile. Regenerate with
//! `TRYBUILD=overwrite`, then read every changed line: the messages are part of the API.
//!
//! Each failing case `name.rs` has, where its messages can be fixed in one edit each, a sibling
//! `name.fixed`: the case with every message's fix applied literally and nothing else. Each
//! `.fixed` must compile and run (every case has a `main`). The cases without one are listed, with
//! why, in `docs/errors.md` (checked by `tests/registry.rs`).
const AREAS: [&str; 4] = ["typestate", "invariant", "enforce", "proptest"];

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for area in AREAS {
        cases.pass(format!("ui/{area}/pass/*.rs"));
        cases.compile_fail(format!("ui/{area}/*.rs"));
        cases.pass(format!("ui/{area}/*.fixed"));
    }
}
