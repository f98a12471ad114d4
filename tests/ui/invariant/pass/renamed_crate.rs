//! `#[invariant(crate = path)]`: the derive reaches stateguard only through the given path, as
//! `#[typestate]` does for the state structs it generates.
mod reexport {
    pub use stateguard::*;
}

use reexport::Invariant;

#[derive(reexport::Invariant)]
#[invariant(crate = crate::reexport)]
pub struct Shipped(#[invariant(non_empty)] pub String);

#[derive(reexport::Invariant)]
#[invariant(crate = "crate::reexport")]
pub struct Paid {
    #[invariant(len(min = 3))]
    pub payment_ref: String,
}

fn main() {
    assert!(Shipped(String::new()).check().is_err());
    assert!(Paid { payment_ref: "pay-1".into() }.check().is_ok());
}
