//! `cargo stateguard`: `lint` (tier 2), `check` (the three-tier gate), `new` (the service template).
//!
//! Exit status, for every verb: 0 when nothing at deny level was found, 1 when something was, 2 for
//! usage, I/O and build-system errors.

#![forbid(unsafe_code)]

mod check;
mod cli;
mod config;
mod lint;
mod new;
#[allow(dead_code)] // the gate constructs the other tiers and sources
mod record;
mod render;

use std::process::ExitCode;

/// Parsing allocates and frees a syn tree per file; mimalloc reuses the pages glibc gives back and
/// takes again each time (see the note in `Cargo.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}
