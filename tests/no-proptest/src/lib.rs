//! Holds no code: the crate exists for `tests/ui.rs`.
