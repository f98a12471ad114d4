// `check` names the predicate itself; a string is how other crates spell it.
use stateguard::Invariant;

fn is_sku(value: &String) -> bool {
    value.starts_with("SKU-")
}

#[derive(Invariant)]
struct Item {
    #[invariant(check = "is_sku")]
    sku: String,
}

fn main() {}
