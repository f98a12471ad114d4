// Shared body of the hygiene crates (included by each; see their lib.rs for the crate-level setting
// each one adds: edition, no_std, lint level, renamed dependency).
//
// The module shadows every prelude name generated code could reach for by accident.

#[allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]
mod shadowing {
    pub struct Option;
    pub struct Result;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub struct Default;
    pub struct From;
    pub struct Into;
    pub struct Clone;
    pub struct Copy;
    pub struct Send;
    pub struct Sync;
    pub struct Drop;
    pub struct Fn;
    pub struct Sized;
    pub struct Debug;
    pub struct PartialEq;
    pub mod core {}
    pub mod alloc {}
    pub mod std {}
    pub mod guard_core {}
}
