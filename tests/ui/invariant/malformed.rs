use stateguard::Invariant;

fn is_valid(sku: &String) -> bool {
    sku.starts_with("SKU-")
}

#[derive(Invariant)]
struct Order {
    #[invariant(len = 64)]
    customer: String,
    #[invariant(non_empty = true)]
    note: String,
    #[invariant(check(is_valid))]
    sku: String,
    #[invariant(range(max = 9), message = 3)]
    qty: u32,
    #[invariant(non_empty;)]
    tags: Vec<String>,
}

fn main() {}
