use stateguard::Invariant;

#[derive(Invariant)]
struct Order {
    #[invariant(len(mn = 1, max = 64))]
    customer: String,
    #[invariant(range(minimum = 1))]
    qty: u32,
}

fn main() {}
