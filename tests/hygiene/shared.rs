// The body shared by the hygiene crates `edition2018`, `edition2021` and `edition2024`. Each crate
// root adds `#![no_std]` and `#![deny(warnings, clippy::pedantic)]`, then includes this file.
//
// Every prelude name the generated code could reach for by accident is shadowed in the modules
// that hold stateguard's macros, so only absolute paths compile.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

/// Shadows of the prelude and of the crates generated code names.
#[allow(dead_code, missing_docs)]
pub mod shadows {
    pub struct Option;
    pub struct Result;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct Box;
    pub struct Vec;
    pub struct String;
    pub struct Default;
    pub struct From;
    pub struct Into;
    pub struct Clone;
    pub struct Copy;
    pub struct Send;
    pub struct Sync;
    pub struct Drop;
    pub struct Sized;
    pub struct Iterator;
    pub struct PartialEq;
    pub mod core {}
    pub mod alloc {}
    pub mod std {}
}

/// A machine generic over a lifetime, a type and a const, with a where clause and rules.
#[stateguard::typestate]
pub mod upload {
    #[allow(unused_imports)]
    use super::shadows::*;
    use ::alloc::string::String;

    /// An upload.
    #[machine]
    #[derive(Debug)]
    pub struct Upload<'name, T, const N: usize>
    where
        T: ::core::clone::Clone + ::core::fmt::Debug,
    {
        #[invariant(non_empty)]
        name: &'name str,
        chunks: [T; N],
    }

    /// Its states.
    #[states]
    #[derive(Debug)]
    pub enum UploadState {
        /// Waiting.
        #[initial]
        #[to(start => Sending, abort => Failed)]
        Queued,
        /// Sending.
        #[to(finish => Done, abort => Failed)]
        Sending { last: ::core::option::Option<T> },
        /// Sent.
        #[terminal]
        Done,
        /// Gave up.
        #[terminal]
        Failed(#[invariant(non_empty)] String),
    }
}

/// A value type with field rules, a nested type, a collection and a rule across fields.
#[derive(Debug, Clone, stateguard::Invariant, stateguard::Generate)]
#[invariant(check = Self::total_matches, message = "the total must be the sum of the lines")]
pub struct Invoice {
    /// Its number.
    #[invariant(len(min = 1, max = 32))]
    pub number: String,
    /// Its lines.
    #[invariant(non_empty, each(nested))]
    pub lines: Vec<Line>,
    /// The sum of the lines' quantities.
    pub total: u64,
}

/// One line of an invoice.
#[derive(Debug, Clone, stateguard::Invariant, stateguard::Generate)]
pub struct Line {
    /// How many.
    #[invariant(range(min = 1, max = 1000))]
    pub quantity: u64,
}

impl Invoice {
    fn total_matches(&self) -> bool {
        self.lines.iter().map(|line| line.quantity).sum::<u64>() == self.total
    }
}

/// An enum with required fields.
#[derive(Debug, stateguard::Invariant)]
pub enum Delivery {
    /// Not sent yet.
    Waiting,
    /// On its way.
    Sent {
        /// The carrier's id.
        #[invariant(required, non_empty)]
        tracking_id: String,
    },
}

/// Matches checked by `#[enforce_state_invariants]`, written so that each needs a check item.
#[stateguard::enforce_state_invariants]
pub mod matching {
    #[allow(unused_imports)]
    use super::shadows::*;
    use super::Delivery;

    /// The tracking id of a sent delivery.
    #[must_use]
    pub fn tracking(delivery: &Delivery) -> ::core::option::Option<&str> {
        if let Delivery::Sent { tracking_id, .. } = delivery {
            return ::core::option::Option::Some(tracking_id);
        }
        ::core::option::Option::None
    }

    /// A generic enum with a required field, matched below without its arguments.
    #[derive(Debug, stateguard::Invariant)]
    pub enum Slot<T> {
        /// Nothing yet.
        Empty,
        /// A value.
        Filled(#[invariant(required)] T),
    }

    /// A generic enum without required fields.
    #[derive(Debug)]
    pub enum Pair<T> {
        /// One value.
        One(T),
        /// Two values.
        Two(T, T),
    }

    /// The value of a filled slot (its enum is named bare).
    #[must_use]
    pub fn filled<T>(slot: &Slot<T>) -> ::core::option::Option<&T> {
        match slot {
            Slot::Filled(value, ..) => ::core::option::Option::Some(value),
            Slot::Empty => ::core::option::Option::None,
        }
    }

    /// The first value of a pair (an enum without required fields, named bare).
    #[must_use]
    pub fn first<T>(pair: &Pair<T>) -> &T {
        match pair {
            Pair::Two(first, _) | Pair::One(first) => first,
        }
    }

    /// The tracking id of a sent delivery, its variants imported with `use Delivery::*`.
    #[must_use]
    pub fn tracking_by_glob(delivery: &Delivery) -> ::core::option::Option<&str> {
        #[allow(clippy::enum_glob_use)]
        use Delivery::*;
        match delivery {
            Sent { tracking_id, .. } => ::core::option::Option::Some(tracking_id),
            Waiting => ::core::option::Option::None,
        }
    }
}

/// Drives everything above; returns what a test can assert.
///
/// # Panics
///
/// When generated code rejects the valid upload it is given (a bug the test then reports).
#[must_use]
pub fn exercise() -> Vec<String> {
    use stateguard::Invariant as _;

    // A machine declared inside a fn body.
    #[stateguard::typestate]
    mod light {
        #[allow(unused_imports)]
        use super::shadows::*;

        #[machine]
        pub struct Light;

        #[states]
        pub enum LightState {
            #[initial]
            #[to(on => On)]
            Off,
            #[to(off => Off)]
            On,
        }
    }

    let mut seen = Vec::new();
    let queued = upload::Upload::new("photo", [1_u8, 2]).expect("a valid upload");
    let sending = queued.start(::core::option::Option::Some(2));
    seen.push(sending.state_name().to_string());
    let done = sending.finish();
    seen.push(upload::UploadState::from(done).state_name().to_string());
    let rejected = upload::Upload::new("photo", [3_u8])
        .expect("a valid upload")
        .abort(String::new());
    seen.push(rejected.map(|_| ()).unwrap_err().violations.to_string());

    let light = light::Light::new().on().off();
    seen.push(light.state_name().to_string());

    let invoice = Invoice { number: "A-1".to_string(), lines: vec![Line { quantity: 2 }], total: 3 };
    seen.push(invoice.check().unwrap_err().to_string());
    seen.push(Delivery::Sent { tracking_id: String::new() }.check().unwrap_err().to_string());
    seen.push(::core::format_args!("{:?}", Delivery::Waiting.check()).to_string());
    let sent = Delivery::Sent { tracking_id: "1Z".to_string() };
    seen.push(matching::tracking(&sent).unwrap_or_default().to_string());
    seen
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_code_runs() {
        assert_eq!(
            super::exercise(),
            [
                "Sending",
                "Done",
                "1 violation: Failed.0: must not be empty (non_empty)",
                "Off",
                "1 violation: the total must be the sum of the lines (total_matches)",
                "1 violation: Sent.tracking_id: must not be empty (non_empty)",
                "Ok(())",
                "1Z",
            ]
        );
    }
}
