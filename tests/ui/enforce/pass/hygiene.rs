// The checks compile in a crate that shadows prelude names and `core`, renames stateguard's
// path through `crate = ..`, and denies warnings; generic fns and impl blocks with `Self::` work.
#![deny(warnings)]
#![allow(dead_code)]

extern crate stateguard as renamed;

use renamed::enforce_state_invariants;

mod core {}
struct Option;
struct Result;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
    Cancelled {
        #[required]
        reason: String,
        note: ::std::option::Option<String>,
    },
}

#[derive(Clone, Debug)]
pub struct TrackingId(pub String);

pub struct Holder<T> {
    pub value: T,
}

#[enforce_state_invariants(crate = ::renamed)]
impl<T: Clone> Holder<T> {
    pub fn pick(&self, status: &OrderStatus) -> ::std::option::Option<T> {
        match status {
            OrderStatus::Shipped(id) => id.0.is_empty().then(|| self.value.clone()),
            OrderStatus::Cancelled { reason, .. } => reason.is_empty().then(|| self.value.clone()),
            OrderStatus::Pending => None,
        }
    }
}

#[enforce_state_invariants]
impl OrderStatus {
    pub fn tracking(&self) -> ::std::option::Option<&str> {
        match self {
            Self::Shipped(TrackingId(id)) => Some(id),
            Self::Cancelled { reason, .. } => Some(reason),
            Self::Pending => None,
        }
    }
}

fn main() {
    let _ = (Option, Result);
}
