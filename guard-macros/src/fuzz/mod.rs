//! A mutation fuzzer over the macros' real inputs: every use of a macro in the repository's tests,
//! ui cases, examples and guides is mutated (tokens deleted, duplicated, swapped; keywords and raw
//! identifiers substituted; literals of other kinds; groups nested, re-delimited and spilled;
//! truncation; attributes inserted; pieces of other inputs spliced in) and expanded. Each case must
//! finish without a panic, and when the mutated input is still an item (all rustc would ever hand
//! a macro), the output (expansion, or errors and fallback) must parse as Rust.
//!
//! A case is reproducible from (seed, macro, case):
//!
//! ```text
//! STATEGUARD_FUZZ_SEED=7 STATEGUARD_FUZZ_MACRO=typestate STATEGUARD_FUZZ_CASE=1234 \
//!     cargo test -p stateguard-macros --release fuzz::replay -- --ignored --nocapture
//! ```
//!
//! A long run: `STATEGUARD_FUZZ_CASES=1000000 cargo test -p stateguard-macros --release
//! fuzz::run -- --ignored --nocapture` (cases per macro).

mod corpus;
mod mutate;

use crate::entry::Outcome;
use corpus::{Macro, Seed};
use mutate::{Rng, case_seed, mutate};
use proc_macro2::{TokenStream, TokenTree};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

/// What a case found.
enum Finding {
    Panic(String),
    Unparsable(String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Panic(message) => write!(f, "panicked: {message}"),
            Self::Unparsable(error) => write!(f, "output does not parse: {error}"),
        }
    }
}

struct Case {
    args: TokenStream,
    item: TokenStream,
}

fn expand(which: Macro, case: &Case) -> Outcome {
    match which {
        Macro::Typestate => {
            crate::typestate::expand_with(case.args.clone(), case.item.clone(), true)
        }
        Macro::Invariant => crate::invariant::expand(case.item.clone()),
        Macro::Enforce => crate::enforce::expand(case.args.clone(), case.item.clone()),
        Macro::Required => crate::required::derive_helper(case.item.clone()),
    }
}

/// Builds case `case` of `which` from its seeds: a seed, one to four mutations of its item (or,
/// one time in eight, of its arguments), with another seed as the donor for splicing.
fn build(seed: u64, which: Macro, index: usize, case: u64, seeds: &[Seed], all: &[Seed]) -> Case {
    let mut rng = Rng::new(case_seed(seed, index, case));
    let base = &seeds[rng.below(seeds.len())];
    let donor = &all[rng.below(all.len())];
    let donor_tokens: Vec<TokenTree> = donor.item.clone().into_iter().collect();
    let mut args: Vec<TokenTree> = base.args.clone().into_iter().collect();
    let mut item: Vec<TokenTree> = base.item.clone().into_iter().collect();
    let mutations = 1 + rng.below(4);
    for _ in 0..mutations {
        if which != Macro::Invariant && which != Macro::Required && rng.below(8) == 0 {
            mutate(&mut rng, &mut args, &donor_tokens);
        } else {
            mutate(&mut rng, &mut item, &donor_tokens);
        }
    }
    Case {
        args: args.into_iter().collect(),
        item: item.into_iter().collect(),
    }
}

/// Runs one case; `None` when it passed.
fn check(which: Macro, case: &Case) -> Option<Finding> {
    let outcome = match catch_unwind(AssertUnwindSafe(|| expand(which, case))) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Some(Finding::Panic(message));
        }
    };
    // rustc hands a macro only what parses as an item; anything else just must not panic.
    if syn::parse2::<syn::Item>(case.item.clone()).is_err() {
        return None;
    }
    let tokens = match outcome {
        Outcome::Expanded(tokens) => tokens,
        Outcome::Failed { errors, fallback } => {
            let mut tokens = errors.to_compile_error();
            tokens.extend(fallback);
            tokens
        }
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(_) => None,
        Err(error) => Some(Finding::Unparsable(error.to_string())),
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// Runs `cases` cases per macro from `seed`; returns the findings as (macro, case, finding).
fn run_cases(seed: u64, cases: u64) -> (u64, Vec<(Macro, u64, Finding)>) {
    let seeds = corpus::seeds();
    let all: Vec<Seed> = seeds.iter().flat_map(|(_, found)| found.clone()).collect();
    let mut findings = Vec::new();
    let mut total = 0;
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for (index, (which, found)) in seeds.iter().enumerate() {
        println!("fuzz: {} seeds of {}", found.len(), which.name());
        assert!(
            !found.is_empty(),
            "no use of the {} macro found in the repository",
            which.name()
        );
        for case in 0..cases {
            let input = build(seed, *which, index, case, found, &all);
            total += 1;
            if let Some(finding) = check(*which, &input) {
                findings.push((*which, case, finding));
            }
        }
    }
    std::panic::set_hook(hook);
    (total, findings)
}

fn report(seed: u64, cases: u64) {
    let started = Instant::now();
    let (total, findings) = run_cases(seed, cases);
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "fuzz: seed {seed}, {total} cases in {seconds:.1} s ({:.0} cases/s), {} findings",
        total as f64 / seconds,
        findings.len()
    );
    for (which, case, finding) in findings.iter().take(20) {
        println!("  macro {} case {case}: {finding}", which.name());
    }
    assert!(
        findings.is_empty(),
        "{} findings; replay one with STATEGUARD_FUZZ_SEED={seed} STATEGUARD_FUZZ_MACRO=<macro> \
         STATEGUARD_FUZZ_CASE=<case> cargo test -p stateguard-macros fuzz::replay -- --ignored --nocapture",
        findings.len()
    );
}

/// A short seeded slice, run with the other tests (and in CI).
#[test]
fn slice() {
    report(
        env_number("STATEGUARD_FUZZ_SEED", 1),
        env_number("STATEGUARD_FUZZ_CASES", 300),
    );
}

/// The long run; `STATEGUARD_FUZZ_CASES` cases per macro.
#[test]
#[ignore = "long: run in release with STATEGUARD_FUZZ_CASES"]
fn run() {
    report(
        env_number("STATEGUARD_FUZZ_SEED", 1),
        env_number("STATEGUARD_FUZZ_CASES", 250_000),
    );
}

/// Prints one case, its input and its output.
#[test]
#[ignore = "replays the case named by STATEGUARD_FUZZ_SEED, _MACRO and _CASE"]
fn replay() {
    let seed = env_number("STATEGUARD_FUZZ_SEED", 1);
    let case = env_number("STATEGUARD_FUZZ_CASE", 0);
    let name = std::env::var("STATEGUARD_FUZZ_MACRO").unwrap_or_else(|_| "typestate".to_owned());
    let Some(which) = Macro::from_name(&name) else {
        panic!("STATEGUARD_FUZZ_MACRO is one of typestate, invariant, enforce, required");
    };
    let seeds = corpus::seeds();
    let all: Vec<Seed> = seeds.iter().flat_map(|(_, found)| found.clone()).collect();
    let Some(index) = seeds.iter().position(|(candidate, _)| *candidate == which) else {
        panic!("no seeds for {name}");
    };
    let input = build(seed, which, index, case, &seeds[index].1, &all);
    println!("args: {}\nitem: {}", input.args, input.item);
    match check(which, &input) {
        Some(finding) => println!("finding: {finding}"),
        None => println!("finding: none"),
    }
    if let Ok(outcome) = catch_unwind(AssertUnwindSafe(|| expand(which, &input))) {
        match outcome {
            Outcome::Expanded(tokens) => println!("expanded: {tokens}"),
            Outcome::Failed { errors, fallback } => {
                println!(
                    "errors: {}\nfallback: {fallback}",
                    errors.to_compile_error()
                );
            }
        }
    }
}

/// The corpus holds every macro's uses from the repository, not a handful.
#[test]
fn corpus_is_the_repository() {
    for (which, found) in corpus::seeds() {
        let least = match which {
            Macro::Required => 1,
            _ => 10,
        };
        assert!(
            found.len() >= least,
            "only {} uses of {} found",
            found.len(),
            which.name()
        );
    }
}

/// Inputs the fuzzer once found breaking a macro, kept as plain tests.
#[test]
fn former_findings() {
    let cases: &[(Macro, &str, &str)] = &[
        (
            Macro::Typestate,
            "",
            "mod m { #[machine] pub struct r#Order { id: u64 } #[states] pub enum r#OrderState { #[initial] #[to(r#loop => r#Done)] r#Pending, #[terminal] r#Done(u8) } }",
        ),
        (
            Macro::Typestate,
            "",
            "mod m { #[machine] pub struct Order { r#type: u64 } #[states] pub enum OrderState { #[initial] #[to(r#move => r#Type)] Pending { r#ref: u8 }, #[terminal] r#Type(u8), } }",
        ),
        (
            Macro::Invariant,
            "",
            "struct S { #[invariant(non_empty)] _: String }",
        ),
        (
            Macro::Invariant,
            "",
            "#[invariant(crate = try::reexport)] struct S { #[invariant(non_empty)] a: String }",
        ),
        (
            Macro::Invariant,
            "",
            "#[invariant(crate = crate::Self)] struct S { #[invariant(non_empty)] a: String }",
        ),
        (
            Macro::Invariant,
            "",
            "struct S { #[invariant(len(min = \"}\"))] a: String }",
        ),
        (
            Macro::Invariant,
            "",
            "struct r#S { #[invariant(non_empty)] r#type: String }",
        ),
        (
            Macro::Invariant,
            "",
            "enum r#E { r#A(#[invariant(required)] String) }",
        ),
        (
            Macro::Invariant,
            "",
            "struct Page<_, const N: usize> { #[invariant(len(max = = N))] rows: Vec<u8> }",
        ),
        (
            Macro::Typestate,
            "",
            "pub mod order { #[machine] pub struct Order; #[states] pub enum OrderState { #[initial] #[to(pay => Paid, cancel => Cancelled)] r#Pending, #[to(cancel => Refunded)] r#Paid, #[Default] r#Cancelled, #[terminal] r#Refunded } }",
        ),
        (
            Macro::Typestate,
            "",
            "pub enum r#OrderState { #[initial] #[to(pay => r#Paid)] Pending, #[terminal] Paid }",
        ),
        (
            Macro::Enforce,
            "",
            "pub fn stored(state: order::Self) -> bool { match state { order::OrderState::Pending(_) => false, _ => true } }",
        ),
        (
            Macro::Enforce,
            "",
            "fn f(state: crate::order::crate::OrderState) -> bool { matches!(state, crate::order::super::OrderState::Pending(_)) }",
        ),
    ];
    let mut failures = Vec::new();
    for (which, args, item) in cases {
        let case = Case {
            args: args.parse().unwrap_or_default(),
            item: item.parse().unwrap_or_default(),
        };
        if let Some(finding) = check(*which, &case) {
            failures.push(format!("{item}: {finding}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
