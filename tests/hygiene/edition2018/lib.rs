//! stateguard's generated code in an edition 2018 crate: `#![no_std]` (with alloc), every warning and
//! clippy pedantic denied, prelude names shadowed, a machine declared inside a fn body.
#![no_std]
#![forbid(unsafe_code)]
#![deny(warnings, missing_docs, clippy::pedantic)]

extern crate alloc;
#[cfg(test)]
extern crate std;

include!("../shared.rs");
