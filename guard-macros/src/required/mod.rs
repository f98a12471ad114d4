//! Publishing required-field metadata for `#[enforce_state_invariants]`.
//!
//! Both `#[derive(Invariant)]` (fields marked `#[invariant(required)]`) and `#[typestate]` (its
//! erased enum) call [`emit`]; `#[enforce_state_invariants]` reads what it emits. This module is the
//! single owner of that format.

use proc_macro2::TokenStream;

/// How the fields of a variant are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Unit,
    Tuple,
    Named,
}

/// One variant of an enum, with the fields a match arm must bind and use.
#[derive(Debug)]
pub(crate) struct Variant {
    pub(crate) ident: syn::Ident,
    pub(crate) shape: Shape,
    /// Every field, in declaration order: the name, or the position for tuple variants.
    pub(crate) fields: Vec<String>,
    /// The required ones (a subset of `fields`).
    pub(crate) required: Vec<String>,
}

/// The metadata of one enum.
#[derive(Debug)]
pub(crate) struct Metadata<'a> {
    pub(crate) enum_ident: &'a syn::Ident,
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) generics: &'a syn::Generics,
    pub(crate) variants: Vec<Variant>,
    /// The path to guard-core (`::guard_core` unless the user renamed it).
    pub(crate) krate: &'a syn::Path,
}

/// The items that publish `metadata`, to be emitted next to the enum.
pub(crate) fn emit(metadata: &Metadata<'_>) -> TokenStream {
    let _ = metadata;
    TokenStream::new()
}
