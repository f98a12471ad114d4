//! The order lifecycle: Pending → Paid → Shipped → Delivered, or Cancelled from Pending or Paid.
fn main() {
    println!("order demo: coming with #[typestate]");
}
