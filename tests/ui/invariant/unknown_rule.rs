use stateguard::Invariant;

fn is_valid(_: &Order) -> bool {
    true
}

#[derive(Invariant)]
#[invariant(chek = is_valid)]
struct Order {
    #[invariant(non_emtpy)]
    customer: String,
    #[invariant(lenght(max = 64))]
    note: String,
    #[invariant(positive)]
    qty: u32,
}

fn main() {}

#[derive(Invariant)]
struct Migrated {
    #[invariant(positive)]
    qty: u32,
    #[invariant(dive)]
    address: Order,
    #[invariant(email)]
    contact: String,
}
