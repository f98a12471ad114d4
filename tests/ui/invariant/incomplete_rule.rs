use stateguard::Invariant;

#[derive(Invariant)]
#[invariant(message = "an order needs a customer")]
struct Order {
    #[invariant(len())]
    customer: String,
    #[invariant()]
    note: String,
    #[invariant(each(), non_empty)]
    tags: Vec<String>,
    #[invariant(range(max = 9), rule = "small")]
    qty: u32,
}

fn main() {}
