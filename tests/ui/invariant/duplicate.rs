use stateguard::Invariant;

#[derive(Invariant)]
struct Order {
    #[invariant(non_empty, non_empty)]
    customer: String,
    #[invariant(len(min = 1, min = 2))]
    note: String,
    #[invariant(range(min = 1))]
    #[invariant(range(max = 99))]
    qty: u32,
}

fn main() {}
