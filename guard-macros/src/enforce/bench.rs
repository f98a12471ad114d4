//! Expansion time of `#[enforce_state_invariants]` on a generated 5,000-line module. Not a
//! pass/fail test: it prints the figure recorded in `docs/benchmarks.md`. Run with
//! `cargo test -p stateguard-macros --release --lib enforce::bench -- --ignored --nocapture`.

use std::fmt::Write as _;
use std::time::Instant;

/// A module of `functions` fns, each a 20-line `match` plus an `if let` and a `let … else`.
fn module(functions: usize) -> String {
    let mut source = String::from("mod generated {\n    use super::*;\n");
    for index in 0..functions {
        let _ = write!(
            source,
            "
    pub fn handle_{index}(order: &mut Order, update: OrderStatus, queue: &mut Vec<OrderStatus>) -> usize {{
        let mut total = {index};
        match update {{
            OrderStatus::Pending => total += 1,
            OrderStatus::Paid {{ payment_ref, .. }} if payment_ref.is_empty() => total += 2,
            OrderStatus::Paid {{ payment_ref, amount }} => {{
                order.record(&payment_ref);
                total += amount as usize;
            }}
            OrderStatus::Shipped(ref tracking_id) => order.set_shipped(tracking_id.clone()),
            OrderStatus::Delivered {{ signature }} => {{
                println!(\"delivered to {{signature}}\");
            }}
            OrderStatus::Cancelled {{ reason, note: _ }} => return reason.len(),
        }}
        if let Some(OrderStatus::Shipped(tracking_id)) = queue.pop() {{
            total += tracking_id.0.len();
        }}
        let Some(OrderStatus::Cancelled {{ reason, .. }}) = queue.pop() else {{
            return total;
        }};
        total + reason.len()
    }}
"
        );
    }
    source.push_str("}\n");
    source
}

#[test]
#[ignore = "measurement, run on demand"]
fn expansion_time_on_a_5000_line_module() {
    let source = module(208);
    let lines = source.lines().count();
    let tokens: proc_macro2::TokenStream = source.parse().expect("generated module parses");
    let runs = 10;
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let outcome = super::expand(proc_macro2::TokenStream::new(), tokens.clone());
        let elapsed = start.elapsed().as_secs_f64();
        assert!(matches!(outcome, crate::entry::Outcome::Expanded(_)));
        best = best.min(elapsed);
    }
    // The floor: parsing the module and printing it back, which any attribute macro pays.
    let mut floor = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let item: syn::Item = syn::parse2(tokens.clone()).expect("generated module parses");
        let printed = quote::ToTokens::into_token_stream(item);
        floor = floor.min(start.elapsed().as_secs_f64());
        assert!(!printed.is_empty());
    }
    println!(
        "enforce_state_invariants: {lines} lines, best of {runs}: {:.1} ms (parse and print alone: {:.1} ms)",
        best * 1000.0,
        floor * 1000.0
    );
}
