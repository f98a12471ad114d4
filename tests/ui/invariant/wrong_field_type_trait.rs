use stateguard::Invariant;

struct Money(u64);
struct Address {
    city: String,
}

#[derive(Invariant)]
struct Order {
    #[invariant(non_empty)]
    total: Money,
    #[invariant(range(max = Money(100)))]
    limit: Money,
    #[invariant(nested)]
    address: Address,
    #[invariant(each(non_empty))]
    billing: Address,
}

fn main() {
    let _ = Address { city: String::new() }.city;
}
