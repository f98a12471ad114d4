//! Expansion time of `#[typestate]` on a generated chain of 1000 states (the shape of
//! `bench/typestate-build`). Not a pass/fail test: it prints the figure. Run with
//! `cargo test -p stateguard-macros --lib typestate::bench -- --ignored --nocapture` (a user's debug
//! build runs the macro unoptimised, so the debug figure is the one that counts).

use std::fmt::Write as _;
use std::time::Instant;

/// `S0 -> S1 -> ... -> S(states - 1)`; odd states carry a `value: u32`.
pub(super) fn chain(states: usize) -> String {
    let mut source = String::from(
        "pub mod chain {\n    #[machine]\n    pub struct Machine {\n        id: u64,\n    }\n    #[states]\n    pub enum ChainState {\n",
    );
    for index in 0..states {
        let mut attributes = String::new();
        if index == 0 {
            attributes.push_str("#[initial] ");
        }
        if index + 1 == states {
            attributes.push_str("#[terminal] ");
        } else {
            let _ = write!(attributes, "#[to(step{index} => S{})] ", index + 1);
        }
        if index % 2 == 1 {
            let _ = writeln!(source, "        {attributes}S{index} {{ value: u32 }},");
        } else {
            let _ = writeln!(source, "        {attributes}S{index},");
        }
    }
    source.push_str("    }\n}\n");
    source
}

fn count(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|token| match token {
            proc_macro2::TokenTree::Group(group) => 1 + count(group.stream()),
            _ => 1,
        })
        .sum()
}

#[test]
#[ignore = "measurement, run on demand"]
fn expansion_time_of_a_1000_state_chain() {
    let tokens: proc_macro2::TokenStream = chain(1000).parse().expect("generated chain parses");
    let runs = 5;
    let mut best = f64::MAX;
    let mut output = proc_macro2::TokenStream::new();
    for _ in 0..runs {
        let start = Instant::now();
        let outcome = super::expand(proc_macro2::TokenStream::new(), tokens.clone());
        best = best.min(start.elapsed().as_secs_f64());
        let crate::entry::Outcome::Expanded(expanded) = outcome else {
            panic!("the chain expands");
        };
        output = expanded;
    }
    let text = output.to_string();
    println!(
        "typestate: 1000 states, best of {runs}: {:.1} ms; {} tokens out, {} bytes of text",
        best * 1000.0,
        count(output),
        text.len()
    );
}

/// Writes the expansion of a chain of `STATEGUARD_CHAIN_STATES` states (1000 by default), with
/// `#[derive(Debug)]` on the machine and the states as in `bench/typestate-build`, to
/// `STATEGUARD_EXPANSION_OUT`, for timing rustc on the generated code alone:
/// `cargo test -p stateguard-macros --lib typestate::bench::write_expansion -- --ignored`.
#[test]
#[ignore = "measurement, run on demand"]
fn write_expansion() {
    let Ok(out) = std::env::var("STATEGUARD_EXPANSION_OUT") else {
        return;
    };
    let states = std::env::var("STATEGUARD_CHAIN_STATES")
        .ok()
        .and_then(|states| states.parse().ok())
        .unwrap_or(1000);
    let source = chain(states)
        .replace("#[machine]\n", "#[machine]\n    #[derive(Debug)]\n")
        .replace("#[states]\n", "#[states]\n    #[derive(Debug)]\n");
    let tokens: proc_macro2::TokenStream = source.parse().expect("generated chain parses");
    let crate::entry::Outcome::Expanded(expanded) =
        super::expand(proc_macro2::TokenStream::new(), tokens)
    else {
        panic!("the chain expands");
    };
    // Pretty-printed: rustc takes far longer over one line of megabytes than over the same code
    // laid out in lines, which would skew any timing of it.
    let file: syn::File = syn::parse2(expanded).expect("the expansion parses");
    let text = format!(
        "//! A generated chain machine, expanded.\n{}",
        prettyplease::unparse(&file)
    );
    std::fs::write(out, text).expect("the expansion is written");
}
