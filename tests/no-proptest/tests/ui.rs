//! `tests/no-proptest/ui/*.rs` against stateguard without its `proptest` feature. Run with
//! `cargo test --manifest-path tests/no-proptest/Cargo.toml` (CI does).
#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("ui/*.rs");
}
