// No false positives: each kind of use from rule 2 counts, and the attribute leaves enums without
// required fields (std's, the user's, structs and constants in patterns) alone.
#![deny(warnings)]
#![allow(clippy::all)]
use stateguard::enforce_state_invariants;
use std::borrow::Cow;
use std::cmp::Ordering;

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

#[derive(Clone, Debug)]
pub struct TrackingId(pub String);

pub struct Receipt {
    pub tracking: TrackingId,
}

pub enum Plain {
    A(u32),
    B { value: u32 },
}

pub mod geometry {
    pub struct Point {
        pub x: i32,
        pub y: i32,
    }
}

fn record(_: &TrackingId) {}

macro_rules! log {
    ($value:expr) => {
        let _ = &$value;
    };
}

const LIMIT: u32 = 3;

#[enforce_state_invariants]
pub mod uses {
    use super::*;

    pub fn method_call(status: &OrderStatus) -> usize {
        match status {
            OrderStatus::Shipped(id) => id.0.len(),
            OrderStatus::Cancelled { reason, .. } => reason.len(),
            OrderStatus::Pending => 0,
        }
    }

    pub fn call_argument_and_guard(status: &OrderStatus) -> bool {
        match status {
            OrderStatus::Shipped(id) => {
                record(id);
                true
            }
            OrderStatus::Cancelled { reason, .. } if reason.is_empty() => false,
            OrderStatus::Cancelled { reason: why, note } => why.len() > note.as_ref().map_or(0, String::len),
            OrderStatus::Pending => false,
        }
    }

    pub fn closure_capture(status: OrderStatus) -> Box<dyn Fn() -> usize> {
        match status {
            OrderStatus::Shipped(id) => Box::new(move || id.0.len()),
            OrderStatus::Cancelled { reason, .. } => Box::new(move || reason.len()),
            OrderStatus::Pending => Box::new(|| 0),
        }
    }

    pub fn macro_arguments(status: &OrderStatus) -> String {
        match status {
            OrderStatus::Shipped(id) => {
                log!(id);
                String::new()
            }
            OrderStatus::Cancelled { reason, .. } => format!("cancelled: {reason}"),
            OrderStatus::Pending => String::new(),
        }
    }

    pub fn struct_literal_and_return(status: OrderStatus) -> Option<Receipt> {
        match status {
            OrderStatus::Shipped(tracking) => Some(Receipt { tracking }),
            OrderStatus::Cancelled { reason, .. } => return Some(Receipt { tracking: TrackingId(reason) }),
            OrderStatus::Pending => None,
        }
    }

    pub fn constructs(status: &OrderStatus, queue: &mut Vec<OrderStatus>) -> usize {
        let mut total = 0;
        if let OrderStatus::Shipped(id) = status {
            total += id.0.len();
        }
        while let Some(OrderStatus::Cancelled { reason, .. }) = queue.pop() {
            total += reason.len();
        }
        let OrderStatus::Shipped(TrackingId(code)) = status else {
            return total;
        };
        total + code.len()
    }

    pub fn catch_all_after_every_required_variant(status: &OrderStatus) -> bool {
        match status {
            OrderStatus::Shipped(id) => !id.0.is_empty(),
            OrderStatus::Cancelled { reason, .. } => reason.is_empty(),
            _ => false,
        }
    }

    pub fn matches_tests_the_variant_only(status: &OrderStatus) -> bool {
        matches!(status, OrderStatus::Shipped(_))
    }

    pub fn others_are_left_alone(
        plain: Plain,
        ordering: Ordering,
        text: Cow<'_, str>,
        point: geometry::Point,
        number: u32,
    ) -> i64 {
        let a = match plain {
            Plain::A(_) => 1,
            Plain::B { .. } => 2,
        };
        let b = match ordering {
            Ordering::Less => 1,
            _ => 2,
        };
        let c = match text {
            Cow::Borrowed(_) => 1,
            Cow::Owned(_) => 2,
        };
        let d = match point {
            geometry::Point { x, .. } => i64::from(x),
        };
        let e = match number {
            LIMIT | u32::MAX => 1,
            _ => 0,
        };
        let f = match Some(ordering) {
            Some(Ordering::Equal) => 1,
            Some(_) | None => 0,
        };
        a + b + c + d + e + f
    }

    #[enforce_state_invariants]
    pub fn nested_attribute_is_not_applied_twice(status: &OrderStatus) -> bool {
        #[allow_unchecked(reason = "draining, the data is logged elsewhere")]
        while let Some(OrderStatus::Shipped(_)) = Some(status) {
            return true;
        }
        #[allow_unchecked(reason = "only the variant matters")]
        let OrderStatus::Cancelled { .. } = status else {
            return false;
        };
        false
    }

    pub fn opted_out(status: &OrderStatus) -> bool {
        match status {
            #[allow_unchecked(reason = "only the variant matters for the badge")]
            OrderStatus::Shipped(_) => true,
            #[allow_unchecked(reason = "only the variant matters for the badge")]
            _ => false,
        }
    }
}

fn main() {
    assert_eq!(uses::method_call(&OrderStatus::Shipped(TrackingId("ab".into()))), 2);
    assert_eq!(uses::macro_arguments(&OrderStatus::Cancelled { reason: "late".into(), note: None }), "cancelled: late");
}
