//! `check()` of `#[derive(Invariant)]` against garde's `validate()`: the same rules on the same
//! data, measured in the same run. Run with `cargo run --release`; prints a table.
//!
//! Rules (both sides): a customer name of 1 to 64 characters, an optional note of at most 200
//! characters, 1 to 50 line items each with a 3-to-8-character SKU, a quantity in 1..=99 and a
//! price in 0.0..=10000.0, and tags that are each non-empty.

#![forbid(unsafe_code)]
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

mod guarded {
    use stateguard::Invariant;

    #[derive(Clone, Invariant)]
    pub struct Order {
        #[invariant(len(min = 1, max = 64))]
        pub customer: String,
        #[invariant(len(max = 200))]
        pub note: Option<String>,
        #[invariant(len(min = 1, max = 50), nested)]
        pub items: Vec<LineItem>,
        #[invariant(each(non_empty))]
        pub tags: Vec<String>,
    }

    #[derive(Clone, Invariant)]
    pub struct LineItem {
        #[invariant(len(min = 3, max = 8))]
        pub sku: String,
        #[invariant(range(min = 1, max = 99))]
        pub qty: u32,
        #[invariant(range(min = 0.0, max = 10_000.0))]
        pub price: f64,
    }
}

mod gardeed {
    use garde::Validate;

    #[derive(Clone, Validate)]
    pub struct Order {
        #[garde(length(chars, min = 1, max = 64))]
        pub customer: String,
        #[garde(length(chars, max = 200))]
        pub note: Option<String>,
        #[garde(length(min = 1, max = 50), dive)]
        pub items: Vec<LineItem>,
        #[garde(inner(length(min = 1)))]
        pub tags: Vec<String>,
    }

    #[derive(Clone, Validate)]
    pub struct LineItem {
        #[garde(length(chars, min = 3, max = 8))]
        pub sku: String,
        #[garde(range(min = 1, max = 99))]
        pub qty: u32,
        #[garde(range(min = 0.0, max = 10_000.0))]
        pub price: f64,
    }
}

const ORDERS: usize = 1_000;
const ITEMS: usize = 20;
const ROUNDS: usize = 31;

/// `ORDERS` orders of `ITEMS` items; `broken` orders break three rules each: the customer, one quantity, one tag.
fn orders(broken: bool) -> (Vec<guarded::Order>, Vec<gardeed::Order>) {
    let mut ours = Vec::with_capacity(ORDERS);
    let mut theirs = Vec::with_capacity(ORDERS);
    for number in 0..ORDERS {
        let items: Vec<(String, u32, f64)> = (0..ITEMS)
            .map(|index| {
                let qty = if broken && index == 3 {
                    0
                } else {
                    1 + (index as u32 % 50)
                };
                (
                    format!("SKU-{:03}", (number + index) % 1000),
                    qty,
                    9.5 + index as f64,
                )
            })
            .collect();
        let customer = if broken {
            String::new()
        } else {
            format!("Customer Ünïcode {number}")
        };
        let note = (number % 2 == 0).then(|| "leave at the door, ring twice".to_owned());
        let tags = vec![
            "priority".to_owned(),
            if broken {
                String::new()
            } else {
                "gift".to_owned()
            },
            "eu".to_owned(),
        ];
        ours.push(guarded::Order {
            customer: customer.clone(),
            note: note.clone(),
            items: items
                .iter()
                .map(|(sku, qty, price)| guarded::LineItem {
                    sku: sku.clone(),
                    qty: *qty,
                    price: *price,
                })
                .collect(),
            tags: tags.clone(),
        });
        theirs.push(gardeed::Order {
            customer,
            note,
            items: items
                .iter()
                .map(|(sku, qty, price)| gardeed::LineItem {
                    sku: sku.clone(),
                    qty: *qty,
                    price: *price,
                })
                .collect(),
            tags,
        });
    }
    (ours, theirs)
}

/// One timing of `run` over every order, per order.
fn time(run: &mut impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    black_box(run());
    start.elapsed() / ORDERS as u32
}

/// `ROUNDS` timings of each side, interleaved round by round (the side that goes first
/// alternates), so that a change of load or clock speed during the run falls on both sides.
fn interleaved(
    mut ours: impl FnMut() -> usize,
    mut theirs: impl FnMut() -> usize,
) -> (Vec<Duration>, Vec<Duration>) {
    let mut our_times = Vec::with_capacity(ROUNDS);
    let mut their_times = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        if round % 2 == 0 {
            our_times.push(time(&mut ours));
            their_times.push(time(&mut theirs));
        } else {
            their_times.push(time(&mut theirs));
            our_times.push(time(&mut ours));
        }
    }
    our_times.sort();
    their_times.sort();
    (our_times, their_times)
}

fn main() {
    use garde::Validate;
    use stateguard::Invariant;

    println!(
        "check() of #[derive(Invariant)] vs garde 0.23 validate(), {ORDERS} orders x {ITEMS} items, {ROUNDS} interleaved rounds"
    );
    println!();
    println!(
        "| data | stateguard `check()` median (best) | garde `validate()` median (best) | ratio of medians (of bests) |"
    );
    println!("|---|---|---|---|");
    for broken in [false, true] {
        let (ours, theirs) = orders(broken);
        // Same verdicts first: the two sides check the same rules.
        let our_count: usize = ours
            .iter()
            .map(|order| order.check().err().map_or(0, |v| v.len()))
            .sum();
        let their_count: usize = theirs
            .iter()
            .map(|order| {
                order
                    .validate()
                    .err()
                    .map_or(0, |report| report.iter().count())
            })
            .sum();
        assert_eq!(our_count, their_count, "the two sides disagree");

        let (guard_times, garde_times) = interleaved(
            || {
                ours.iter()
                    .map(|order| black_box(order).check().err().map_or(0, |v| v.len()))
                    .sum()
            },
            || {
                theirs
                    .iter()
                    .map(|order| {
                        black_box(order)
                            .validate()
                            .err()
                            .map_or(0, |report| report.iter().count())
                    })
                    .sum()
            },
        );
        let (guard_median, garde_median) = (guard_times[ROUNDS / 2], garde_times[ROUNDS / 2]);
        let (guard_best, garde_best) = (guard_times[0], garde_times[0]);
        println!(
            "| {} ({our_count} violations) | {} ns ({} ns) | {} ns ({} ns) | {:.2}x ({:.2}x) |",
            if broken { "invalid" } else { "valid" },
            guard_median.as_nanos(),
            guard_best.as_nanos(),
            garde_median.as_nanos(),
            garde_best.as_nanos(),
            guard_median.as_secs_f64() / garde_median.as_secs_f64(),
            guard_best.as_secs_f64() / garde_best.as_secs_f64(),
        );
    }
}
