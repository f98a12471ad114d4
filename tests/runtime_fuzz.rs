//! A runtime fuzzer: random and mutated JSON into an erased machine and into `Guarded<T>`, random
//! records into `restore`. Whatever comes back `Ok` must pass its own checks; nothing may panic.
//! Seeded and reproducible: `STATEGUARD_RUNTIME_FUZZ_SEED` and `STATEGUARD_RUNTIME_FUZZ_CASES`
//! (cases per target; 20,000 by default).
#![cfg(test)]

use serde::{Deserialize, Serialize};
use stateguard::{Guarded, Invariant, typestate};

#[typestate(serde)]
pub mod order {
    use stateguard::Invariant;

    #[machine]
    #[derive(Debug, Clone)]
    pub struct Order {
        #[invariant(range(min = 1))]
        id: u64,
        #[invariant(len(max = 3), each(non_empty))]
        items: Vec<String>,
    }

    #[states]
    #[derive(Debug, Clone)]
    pub enum OrderState {
        #[initial]
        #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid {
            #[invariant(len(min = 2, max = 8))]
            payment_ref: String,
        },
        #[to(deliver => Delivered)]
        Shipped(#[invariant(non_empty)] String),
        #[terminal]
        Delivered,
        #[terminal]
        Cancelled { reason: String },
    }

    /// Every rule a machine in any state must hold: the machine's and its state's.
    pub fn holds(erased: &OrderState) -> bool {
        match erased {
            OrderState::Pending(machine) => machine.check().is_ok(),
            OrderState::Paid(machine) => machine.check().is_ok() && machine.state().check().is_ok(),
            OrderState::Shipped(machine) => {
                machine.check().is_ok() && machine.state().check().is_ok()
            }
            OrderState::Delivered(machine) => machine.check().is_ok(),
            OrderState::Cancelled(machine) => machine.check().is_ok(),
        }
    }
}

use order::{OrderRecord, OrderState};

#[derive(Debug, Clone, Serialize, Deserialize, Invariant)]
#[invariant(check = start_before_end, message = "start must not be after end")]
struct Window {
    #[invariant(range(min = -10, max = 10))]
    start: i32,
    #[invariant(range(min = -10, max = 10))]
    end: i32,
    #[invariant(len(min = 1, max = 4), each(len(max = 2)))]
    tags: Vec<String>,
}

fn start_before_end(window: &Window) -> bool {
    window.start <= window.end
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 { 0 } else { self.next() % bound }
    }
    fn string(&mut self) -> String {
        const PIECES: &[&str] = &["", "a", "ab", "p-1", "é", "\"", "\\", "abcdefghij", " "];
        (0..self.below(3))
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

/// A random JSON value, biased towards the shapes the targets read.
fn value(rng: &mut Rng, depth: u32) -> serde_json::Value {
    use serde_json::Value;
    const KEYS: &[&str] = &[
        "Pending",
        "Paid",
        "Shipped",
        "Delivered",
        "Cancelled",
        "id",
        "items",
        "payment_ref",
        "field_0",
        "reason",
        "state",
        "start",
        "end",
        "tags",
        "extra",
    ];
    let key = |rng: &mut Rng| KEYS[rng.below(KEYS.len() as u64) as usize].to_owned();
    match rng.below(if depth > 3 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => {
            let numbers = [0_i64, 1, -1, 2, 10, 11, -11, i64::MAX, i64::MIN];
            Value::from(numbers[rng.below(numbers.len() as u64) as usize])
        }
        3 => Value::from(u64::MAX - rng.below(2)),
        4 => Value::String(rng.string()),
        5 => Value::Array((0..rng.below(5)).map(|_| value(rng, depth + 1)).collect()),
        _ => Value::Object(
            (0..rng.below(4))
                .map(|_| (key(rng), value(rng, depth + 1)))
                .collect(),
        ),
    }
}

/// A valid-looking erased machine or window as JSON, then a few mutations.
fn mutated(rng: &mut Rng, base: serde_json::Value) -> serde_json::Value {
    let mut current = base;
    for _ in 0..rng.below(4) {
        current = mutate(rng, current);
    }
    current
}

fn mutate(rng: &mut Rng, value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(mut map) if !map.is_empty() && rng.below(3) != 0 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys[rng.below(keys.len() as u64) as usize].clone();
            match rng.below(4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert("extra".to_owned(), value_seeded(rng));
                }
                _ => {
                    let inner = map.remove(&key).unwrap_or(Value::Null);
                    map.insert(key, mutate(rng, inner));
                }
            }
            Value::Object(map)
        }
        Value::Array(mut items) if !items.is_empty() && rng.below(3) != 0 => {
            let at = rng.below(items.len() as u64) as usize;
            let inner = items.remove(at);
            items.insert(at, mutate(rng, inner));
            Value::Array(items)
        }
        _ => value_seeded(rng),
    }
}

fn value_seeded(rng: &mut Rng) -> serde_json::Value {
    value(rng, 2)
}

fn machine_json(rng: &mut Rng) -> serde_json::Value {
    let texts = |rng: &mut Rng| {
        serde_json::Value::Array((0..rng.below(5)).map(|_| rng.string().into()).collect())
    };
    let id = rng.below(3);
    let state = rng.below(5);
    let mut fields = serde_json::Map::new();
    fields.insert("id".into(), id.into());
    fields.insert("items".into(), texts(rng));
    match state {
        1 => {
            fields.insert("payment_ref".into(), rng.string().into());
        }
        2 => {
            fields.insert("field_0".into(), rng.string().into());
        }
        4 => {
            fields.insert("reason".into(), rng.string().into());
        }
        _ => {}
    }
    let name = ["Pending", "Paid", "Shipped", "Delivered", "Cancelled"][state as usize];
    serde_json::json!({ name: fields })
}

fn window_json(rng: &mut Rng) -> serde_json::Value {
    let number = |rng: &mut Rng| rng.below(25) as i64 - 12;
    serde_json::json!({
        "start": number(rng),
        "end": number(rng),
        "tags": (0..rng.below(6)).map(|_| rng.string()).collect::<Vec<_>>(),
    })
}

fn record(rng: &mut Rng) -> OrderRecord {
    let id = rng.below(3);
    let items: Vec<String> = (0..rng.below(5)).map(|_| rng.string()).collect();
    match rng.below(5) {
        0 => OrderRecord::Pending { id, items },
        1 => OrderRecord::Paid {
            id,
            items,
            payment_ref: rng.string(),
        },
        2 => OrderRecord::Shipped {
            id,
            items,
            field_0: rng.string(),
        },
        3 => OrderRecord::Delivered { id, items },
        _ => OrderRecord::Cancelled {
            id,
            items,
            reason: rng.string(),
        },
    }
}

struct Tally {
    cases: u64,
    accepted: u64,
}

fn run(name: &str, cases: u64, mut case: impl FnMut(&mut Rng) -> Option<bool>) -> Tally {
    let seed = env_number("STATEGUARD_RUNTIME_FUZZ_SEED", 1);
    let mut tally = Tally {
        cases: 0,
        accepted: 0,
    };
    for index in 0..cases {
        let mut rng = Rng(seed ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        tally.cases += 1;
        if let Some(holds) = case(&mut rng) {
            tally.accepted += 1;
            assert!(
                holds,
                "{name}: case {index} (seed {seed}) accepted a value that breaks its rules"
            );
        }
    }
    println!("{name}: {} cases, {} accepted", tally.cases, tally.accepted);
    tally
}

fn cases() -> u64 {
    env_number("STATEGUARD_RUNTIME_FUZZ_CASES", 20_000)
}

#[test]
fn json_into_the_erased_machine() {
    let tally = run("erased machine from JSON", cases(), |rng| {
        let json = if rng.below(4) == 0 {
            value(rng, 0)
        } else {
            let base = machine_json(rng);
            mutated(rng, base)
        };
        let text = json.to_string();
        serde_json::from_str::<OrderState>(&text)
            .ok()
            .map(|erased| order::holds(&erased))
    });
    // The generator reaches both sides: some data is accepted, most is refused.
    assert!(tally.accepted > 0 && tally.accepted < tally.cases);
}

#[test]
fn json_into_guarded() {
    let tally = run("Guarded<Window> from JSON", cases(), |rng| {
        let json = if rng.below(4) == 0 {
            value(rng, 0)
        } else {
            let base = window_json(rng);
            mutated(rng, base)
        };
        serde_json::from_str::<Guarded<Window>>(&json.to_string())
            .ok()
            .map(|guarded| guarded.get().check().is_ok())
    });
    assert!(tally.accepted > 0 && tally.accepted < tally.cases);
}

#[test]
fn records_into_restore() {
    let tally = run("restore from records", cases(), |rng| {
        let record = record(rng);
        OrderState::restore(record)
            .ok()
            .map(|erased| order::holds(&erased))
    });
    assert!(tally.accepted > 0 && tally.accepted < tally.cases);
}

#[test]
fn round_trip_of_accepted_machines() {
    run("serialize then deserialize", cases() / 4, |rng| {
        let erased = OrderState::restore(record(rng)).ok()?;
        let text = serde_json::to_string(&erased).ok()?;
        let back = serde_json::from_str::<OrderState>(&text).ok();
        Some(
            back.is_some_and(|back| {
                order::holds(&back) && back.state_name() == erased.state_name()
            }),
        )
    });
}
