// Reported by `cargo check` in generic fns, in a module, in methods nobody calls and in the
// initializers of constants.
use stateguard::enforce_state_invariants;

#[derive(stateguard::__private::__GuardRequired)]
pub enum OrderStatus {
    Pending,
    Shipped(#[required] TrackingId),
    Cancelled {
        #[required]
        reason: String,
        note: Option<String>,
    },
}

pub struct TrackingId(pub String);

#[enforce_state_invariants]
mod service {
    use super::OrderStatus;

    pub fn generic<T: Default>(status: &OrderStatus) -> T {
        match status {
            OrderStatus::Shipped(_) => T::default(),
            _ => T::default(),
        }
    }

    #[derive(stateguard::__private::__GuardRequired)]
    pub enum Signal {
        Off,
        On(#[required] u8),
    }

    pub const START_IS_ON: bool = match Signal::Off {
        Signal::Off => false,
        _ => true,
    };

    pub struct Never;

    impl Never {
        #[allow(dead_code)]
        fn never_called(&self, status: OrderStatus) {
            if let OrderStatus::Cancelled { .. } = status {}
        }
    }
}

fn main() {}
