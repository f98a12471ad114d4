use stateguard::Invariant;

#[derive(Invariant)]
struct Order {
    #[invariant(len(min = 64, max = 1))]
    customer: String,
    #[invariant(range(min = 100, max = 1))]
    qty: u32,
    #[invariant(range(min = 0.0, greater_than = 0.0))]
    discount: f64,
    #[invariant(range(greater_than = 1, less_than = 1))]
    weight: i32,
    #[invariant(non_empty, len(max = 0))]
    note: String,
    #[invariant(range(min = -1, max = 10))]
    seats: u32,
    #[invariant(range(max = -5))]
    retries: Option<u8>,
}

fn main() {}
