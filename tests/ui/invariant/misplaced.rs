use stateguard::Invariant;

#[derive(Invariant)]
#[invariant(non_empty)]
struct Order {
    #[invariant(required, non_empty)]
    customer: String,
    #[invariant(crate = ::stateguard, range(max = 9))]
    qty: u32,
}

#[derive(Invariant)]
enum Status {
    #[invariant(required)]
    Shipped {
        #[invariant(non_empty, each(required))]
        tracking_id: Vec<String>,
    },
}

fn main() {}
