//! An order service: a typed order domain, SQLite storage, and an HTTP API over them.
pub mod api;
pub mod domain;
pub mod store;

pub use api::router;
