//! Enums with required fields declared in another crate than the code that matches on them.

/// A shipment's state, as a downstream crate sees it.
pub mod shipping {
    /// Where a parcel is.
    #[derive(Debug, Clone, PartialEq, Eq, stateguard::__private::__GuardRequired)]
    pub enum Parcel {
        /// Not handed over yet.
        Waiting,
        /// On its way: the tracking code must be carried on.
        InTransit(#[required] TrackingCode),
        /// Delivered: the signature must be carried on.
        Delivered {
            /// Who signed.
            #[required]
            signature: String,
            /// Free text.
            note: Option<String>,
        },
    }

    /// A carrier's tracking code.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct TrackingCode(pub String);
}

/// A generic enum with required fields.
#[derive(Debug, Clone, PartialEq, Eq, stateguard::__private::__GuardRequired)]
pub enum Slot<T> {
    /// Nothing yet.
    Empty,
    /// A value that must be read.
    Filled(#[required] T),
}

pub use shipping::Parcel;
