//! Procedural macros of stateguard. Depend on `stateguard`, which re-exports them and holds the runtime
//! items the generated code uses; see its documentation for the user guide.
//!
//! Each macro lives in its own folder and reads in one direction: `parse` → `validate` → `expand`.
//! Diagnostics (codes and wording) live in the `diagnostics` module, shared by the three macros.
#![forbid(unsafe_code)]

#[cfg(test)]
mod corpus_tests;
mod crate_path;
mod diagnostics;
mod enforce;
mod entry;
#[cfg(test)]
mod fuzz;
mod generate;
mod invariant;
mod required;
mod typestate;

use proc_macro::TokenStream;

/// Declares a state machine whose states are types; see `stateguard::typestate` for the guide.
#[proc_macro_attribute]
pub fn typestate(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attribute(args, item, typestate::expand)
}

/// Derives `stateguard::Invariant` from `#[invariant(..)]` rules; see `stateguard::Invariant`.
#[proc_macro_derive(Invariant, attributes(invariant))]
pub fn derive_invariant(item: TokenStream) -> TokenStream {
    entry::derive(item, invariant::expand)
}

/// Derives `stateguard::proptest::Generate` (the values property tests draw) from each field's
/// `Generate` or `#[strategy(expr)]`; see `stateguard::Generate`.
#[proc_macro_derive(Generate, attributes(generate, strategy))]
pub fn derive_generate(item: TokenStream) -> TokenStream {
    entry::derive(item, generate::expand)
}

/// Rejects `match` arms that ignore a state's required data; see
/// `stateguard::enforce_state_invariants`.
#[proc_macro_attribute]
pub fn enforce_state_invariants(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attribute(args, item, enforce::expand)
}

/// Publishes required-field metadata for an enum whose fields are marked `#[required]`. Used by
/// stateguard's tests; users get the same metadata from `#[invariant(required)]` and `#[typestate]`.
#[doc(hidden)]
#[proc_macro_derive(__GuardRequired, attributes(required))]
pub fn derive_guard_required(item: TokenStream) -> TokenStream {
    entry::derive(item, required::derive_helper)
}

/// The error of `check_machine!` without stateguard's `proptest` feature, on the caller's tokens.
#[doc(hidden)]
#[proc_macro]
pub fn __guard_feature_off(arguments: TokenStream) -> TokenStream {
    diagnostics::feature_off(arguments.into()).into()
}

/// The error of a `check_machine!` setting that does not exist, on the setting's name.
#[doc(hidden)]
#[proc_macro]
pub fn __guard_unknown_setting(setting: TokenStream) -> TokenStream {
    diagnostics::unknown_setting(setting.into()).into()
}
