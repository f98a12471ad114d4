use stateguard::Invariant;

#[derive(Invariant)]
struct Order {
    customer: String,
    qty: u32,
}

#[derive(Invariant)]
struct Sku(String);

#[derive(Invariant)]
enum Status {
    Pending,
    Shipped { tracking_id: String },
}

fn main() {}
