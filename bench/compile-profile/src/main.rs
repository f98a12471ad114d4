//! Where rustc's time goes in `cargo check` of a generated typestate crate, by part of the API.
//!
//! ```sh
//! cargo run --release --manifest-path bench/typestate-build/Cargo.toml -- 200 --rounds 1
//! cargo run --release --manifest-path bench/compile-profile/Cargo.toml -- 200 --rounds 3
//! ```
//!
//! The first command writes the crates into `bench/generated/`; this one checks `hand_N`,
//! `guard_N` and `hand_full_N` there with the nightly compiler's self-profiler
//! (`cargo +nightly rustc --profile=check -- -Z self-profile -Z self-profile-events=default,args`,
//! incremental compilation off), round by round, and sums each query's *self* time (its time less
//! the queries it called) by the item the query ran on. Items are grouped into the parts of the API
//! that wrote them, from their paths: the `#[typestate]` macro's own run, the typed transitions, the
//! erased enum's transitions and getters, the erased conversions (`From`/`TryFrom` and the sealed
//! dispatch), the records (`into_record`, `restore`, the record enum), the `Debug` impls, the state
//! names, and what rustc does for the crate as a whole (parsing, name resolution, well-formedness,
//! coherence). Self-profiling slows rustc down; the shares, not the seconds, are the figure.
//!
//! `compile-profile enforce` does the same for the two crates `bench/enforce-check` writes
//! (`cargo run --release --manifest-path bench/enforce-check/Cargo.toml -- 1 edit` first): the
//! 5,000-line module without and with `#[enforce_state_invariants]`, its time split into the
//! attribute's own run, type-checking and building the check constants, evaluating them, the
//! module's own functions, and the crate as a whole.

#![forbid(unsafe_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::UNIX_EPOCH;

/// The parts of the API, in the order the table prints them.
const PARTS: &[&str] = &[
    "whole crate (parse, resolve, well-formedness, coherence)",
    "trait solving and types (not tied to one body)",
    "`#[typestate]` macro's own run",
    "typed transitions and getters",
    "erased enum: transitions and getters",
    "erased conversions (`From`, `TryFrom`, sealed dispatch)",
    "records (`into_record`, `restore`, record enum)",
    "`Debug` of the erased and record enums",
    "`Debug` of the states and the machine",
    "state names (`NAME`, `STATES`, `state_name`)",
];

/// The parts of `cargo check` of the `#[enforce_state_invariants]` bench's crates.
const ENFORCE_PARTS: &[&str] = &[
    "whole crate (parse, resolve, well-formedness, metadata)",
    "the module's own functions",
    "`#[enforce_state_invariants]`'s own run",
    "check constants: type-checking and building them",
    "check constants: evaluating them",
    "the rest (trait solving, the enum and its derives)",
];

/// Sums the items' self times by part, for the enforce bench: a check constant is an anonymous
/// `const _` inside one of the module's functions (`generated::handle_12::_`, `::_[1]`).
fn by_enforce_part(times: &HashMap<String, u128>) -> BTreeMap<&'static str, f64> {
    let mut parts: BTreeMap<&'static str, f64> = BTreeMap::new();
    for (item, &time) in times {
        const FUNCTION: &str = "::generated::handle_";
        let check = item.find(FUNCTION).is_some_and(|at| {
            let rest = &item[at + FUNCTION.len()..];
            rest.find("::")
                .is_some_and(|end| rest[end + 2..].starts_with('_'))
        });
        let part = if item == "#[proc macro]" {
            ENFORCE_PARTS[2]
        } else if check && item.contains("GlobalId") {
            ENFORCE_PARTS[4]
        } else if check {
            ENFORCE_PARTS[3]
        } else if item.contains("::generated::handle_") {
            ENFORCE_PARTS[1]
        } else if item.is_empty()
            || item == "()"
            || item.starts_with("LocalModDefId")
            || !item.contains("::")
        {
            ENFORCE_PARTS[0]
        } else {
            ENFORCE_PARTS[5]
        };
        *parts.entry(part).or_default() += time as f64 / 1e9;
    }
    parts
}

struct Interval {
    thread: u32,
    start: u128,
    end: u128,
    item: String,
}

/// Self time (ns) per item: each query's duration less its children's, charged to the item it ran
/// on, or to its caller's item when it names none.
fn self_times(profile: &Path) -> Result<HashMap<String, u128>, String> {
    let data = analyzeme::ProfilingData::new(profile)
        .map_err(|error| format!("cannot read {}: {error}", profile.display()))?;
    let mut events = Vec::new();
    for event in data.iter_full() {
        let Some(analyzeme::Timestamp::Interval { start, end }) = event.payload.timestamp() else {
            continue;
        };
        let nanos = |time: std::time::SystemTime| {
            time.duration_since(UNIX_EPOCH)
                .map(|duration| duration.as_nanos())
                .unwrap_or(0)
        };
        let item = event
            .additional_data
            .first()
            .map(|argument| argument.to_string())
            .unwrap_or_default();
        if event.label.starts_with("self_profile") {
            // The profiler's own work (writing query strings), not the compiler's.
            continue;
        }
        let item = if event.label == "expand_proc_macro" {
            "#[proc macro]".to_owned()
        } else {
            item
        };
        events.push(Interval {
            thread: event.thread_id,
            start: nanos(start),
            end: nanos(end),
            item,
        });
    }
    events.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(
            b.thread,
            b.start,
            std::cmp::Reverse(b.end),
        ))
    });
    // (end, own item, time of the children)
    let mut stack: Vec<(u128, u128, String, u128)> = Vec::new();
    let mut times: HashMap<String, u128> = HashMap::new();
    let close = |frame: (u128, u128, String, u128), times: &mut HashMap<String, u128>| {
        let own = (frame.1 - frame.0).saturating_sub(frame.3);
        *times.entry(frame.2).or_default() += own;
    };
    let mut thread = None;
    for event in events {
        if thread != Some(event.thread) {
            while let Some(frame) = stack.pop() {
                close(frame, &mut times);
            }
            thread = Some(event.thread);
        }
        while stack.last().is_some_and(|top| top.1 <= event.start) {
            let frame = stack.pop().expect("checked");
            close(frame, &mut times);
        }
        let item = if event.item.is_empty() {
            stack.last().map(|top| top.2.clone()).unwrap_or_default()
        } else {
            event.item
        };
        if let Some(parent) = stack.last_mut() {
            parent.3 += event.end - event.start;
        }
        stack.push((event.start, event.end, item, 0));
    }
    while let Some(frame) = stack.pop() {
        close(frame, &mut times);
    }
    Ok(times)
}

/// `crate::chain::{{impl}}[12]::step3` -> (Some(12), "step3").
fn impl_method(item: &str) -> Option<(Option<&str>, &str)> {
    let (_, rest) = item.split_once("{{impl}}")?;
    let (index, rest) = match rest.strip_prefix('[') {
        Some(rest) => {
            let (index, rest) = rest.split_once(']')?;
            (Some(index), rest)
        }
        None => (None, rest),
    };
    let method = rest.strip_prefix("::")?;
    (!method.contains("::")).then_some((index, method))
}

/// Sums the items' self times by part of the API.
fn by_part(times: &HashMap<String, u128>) -> BTreeMap<&'static str, f64> {
    // The impl block that has `state()` is the typed machine's; one with a field getter but no
    // `state()` is the erased enum's. The two largest `fmt` bodies are the erased and record enums'.
    let mut typed = Vec::new();
    let mut getters = Vec::new();
    let mut fmts: Vec<(&str, u128)> = Vec::new();
    for (item, &time) in times {
        if let Some((Some(index), method)) = impl_method(item) {
            match method {
                "state" => typed.push(index),
                "id" => getters.push(index),
                "fmt" => fmts.push((item, time)),
                _ => {}
            }
        }
    }
    let erased: Vec<&str> = getters
        .into_iter()
        .filter(|index| !typed.contains(index))
        .collect();
    fmts.sort_by(|a, b| b.1.cmp(&a.1));
    let enum_debug: Vec<&str> = fmts.iter().take(2).map(|(item, _)| *item).collect();
    let mut parts: BTreeMap<&'static str, f64> = BTreeMap::new();
    for (item, &time) in times {
        let part = match impl_method(item) {
            _ if item == "#[proc macro]" => PARTS[2],
            Some((index, method)) => {
                let erased_impl = index.is_some_and(|index| erased.contains(&index));
                if method.starts_with("step") || method == "id" || method == "value" {
                    if erased_impl { PARTS[4] } else { PARTS[3] }
                } else if method == "fmt" {
                    if enum_debug.contains(&item.as_str()) {
                        PARTS[7]
                    } else {
                        PARTS[8]
                    }
                } else if ["into_record", "restore"].contains(&method) {
                    PARTS[6]
                } else if [
                    "__guard_from_erased",
                    "__guard_into_erased",
                    "try_from",
                    "from",
                ]
                .contains(&method)
                {
                    PARTS[5]
                } else if ["NAME", "STATES", "state_name"].contains(&method) {
                    PARTS[9]
                } else {
                    PARTS[1]
                }
            }
            None if item.contains("Record") => PARTS[6],
            None if item.is_empty()
                || item == "()"
                || item.starts_with("LocalModDefId")
                || !item.contains("::") =>
            {
                PARTS[0]
            }
            None => PARTS[1],
        };
        *parts.entry(part).or_default() += time as f64 / 1e9;
    }
    parts
}

fn profile_crate(generated: &Path, name: &str, out: &Path) -> Result<PathBuf, String> {
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|error| error.to_string())?;
    let source = generated.join(name).join("src/lib.rs");
    let text = std::fs::read(&source).map_err(|error| format!("{}: {error}", source.display()))?;
    std::fs::write(&source, text).map_err(|error| error.to_string())?; // a fresh mtime
    let status = Command::new("cargo")
        .args([
            "+nightly",
            "rustc",
            "-q",
            "-p",
            name,
            "--profile=check",
            "--",
        ])
        .arg(format!("-Zself-profile={}", out.display()))
        .arg("-Zself-profile-events=default,args")
        .env("CARGO_INCREMENTAL", "0")
        .current_dir(generated)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !status.success() {
        return Err(format!("`cargo +nightly rustc -p {name}` failed"));
    }
    std::fs::read_dir(out)
        .map_err(|error| error.to_string())?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.extension()
                .is_some_and(|extension| extension == "mm_profdata")
        })
        .ok_or_else(|| format!("no profile written for {name}"))
}

type Classifier = fn(&HashMap<String, u128>) -> BTreeMap<&'static str, f64>;

fn main() -> Result<(), String> {
    let mut arguments: Vec<String> = std::env::args().skip(1).collect();
    let rounds = match arguments.iter().position(|argument| argument == "--rounds") {
        Some(at) if at + 1 < arguments.len() => {
            let rounds: usize = arguments[at + 1]
                .parse()
                .map_err(|_| format!("not a round count: {}", arguments[at + 1]))?;
            arguments.drain(at..=at + 1);
            rounds.max(1)
        }
        Some(_) => return Err("--rounds needs a count".to_owned()),
        None => 3,
    };
    let [size] = arguments.as_slice() else {
        return Err("usage: compile-profile N|enforce [--rounds R]".to_owned());
    };
    let enforce = size == "enforce";
    let (generated, crates, part_names, classify): (PathBuf, Vec<String>, &[&str], Classifier) =
        if enforce {
            (
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../enforce-check/target/generated"),
                vec!["plain".to_owned(), "enforced".to_owned()],
                ENFORCE_PARTS,
                by_enforce_part,
            )
        } else {
            (
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated"),
                vec![
                    format!("hand_{size}"),
                    format!("guard_{size}"),
                    format!("hand_full_{size}"),
                ],
                PARTS,
                by_part,
            )
        };
    let scratch = std::env::temp_dir().join("stateguard-compile-profile");
    // results[crate][round] = (total, parts)
    let mut results: Vec<Vec<(f64, BTreeMap<&'static str, f64>)>> = vec![Vec::new(); crates.len()];
    for round in 0..rounds {
        for (name, results) in crates.iter().zip(results.iter_mut()) {
            let profile = profile_crate(&generated, name, &scratch.join(name))?;
            let parts = classify(&self_times(&profile)?);
            let total: f64 = parts.values().sum();
            eprintln!(
                "N={size} round {}: {name} {total:.2} s of self time",
                round + 1
            );
            results.push((total, parts));
        }
    }
    let range = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        (
            values[0],
            values[values.len() / 2],
            values[values.len() - 1],
        )
    };
    let size = if enforce { "the enforce bench" } else { size };
    println!(
        "N = {size}, {rounds} rounds; self time in `cargo check`, median (range), and share of the crate's total\n"
    );
    println!("| part | {} |", crates.join(" | "));
    println!("|---|{}", "---:|".repeat(crates.len()));
    let mut totals = Vec::new();
    for results in &results {
        let mut values: Vec<f64> = results.iter().map(|(total, _)| *total).collect();
        totals.push(range(&mut values).1);
    }
    for part in part_names {
        let cells: Vec<String> = results
            .iter()
            .zip(&totals)
            .map(|(results, total)| {
                let mut values: Vec<f64> = results
                    .iter()
                    .map(|(_, parts)| parts.get(part).copied().unwrap_or(0.0))
                    .collect();
                let (low, median, high) = range(&mut values);
                if high < 0.0005 {
                    "–".to_owned()
                } else {
                    format!(
                        "{median:.3} s ({low:.3}–{high:.3}), {:.0}%",
                        100.0 * median / total
                    )
                }
            })
            .collect();
        println!("| {part} | {} |", cells.join(" | "));
    }
    let cells: Vec<String> = totals
        .iter()
        .map(|total| format!("**{total:.3} s ({:.2}x)**", total / totals[0]))
        .collect();
    println!("| total (÷ {}) | {} |", crates[0], cells.join(" | "));
    Ok(())
}
