use stateguard::Invariant;

#[derive(Invariant)]
struct Order {
    #[invariant(non_empty)]
    qty: u32,
    #[invariant(range(min = 1))]
    customer: String,
    #[invariant(nested)]
    note: Option<String>,
    #[invariant(each(non_empty))]
    paid: bool,
    #[invariant(each(range(max = 5)))]
    tags: Vec<String>,
}

fn main() {}
