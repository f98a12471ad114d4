//! Reading patterns: which variants they name, what they do with each field, and where a
//! catch-all stands.
//!
//! The attribute does not know the types: it only sees paths. A path `A::B::Variant` is taken as
//! the variant `Variant` of the enum `A::B` when the enum segment is written in `CamelCase` or is
//! `Self`; the constant the attribute writes then looks the enum's table up by its name, or by its
//! type when written through `Self` or with arguments (see [`Lookup`]). A single name
//! (`Shipped(x)`: a glob-imported variant, or a struct) is looked up through the type the compiler
//! infers from the pattern. `Some`/`None`/`Ok`/`Err` and the well-known generic enums of the
//! standard library are looked through: they cannot carry stateguard metadata, so a check would be
//! wasted work.
//!
//! One direction: [`reader`] walks a pattern, asking [`name`] which enum each path names and
//! [`fields`] what each field does; [`hole`] cuts a catch-all out of a pattern for its fix. All of
//! them only print code through [`super::render`].

mod fields;
mod hole;
mod name;
mod reader;

pub(super) use hole::around;
pub(super) use reader::Reader;

use proc_macro2::Span;
use quote::ToTokens;

/// Where a check finds the enum's required-field table.
#[derive(Clone)]
pub(super) enum Lookup {
    /// Through the type, `Probe::<ty>::TABLE`: `Self` (as the impl's self type) or an enum written
    /// with its arguments (`Slot::<u8>`).
    Type(syn::Type),
    /// Through the enum's name, written bare (`OrderStatus`, `model::Slot`): the table it publishes
    /// in the value namespace, if any. The type is never named, so a generic enum needs no
    /// arguments.
    Published(syn::Path),
    /// Through the type of the pattern `path { .. }`, inferred by the compiler: a single name, which
    /// is a variant imported with `use Enum::*` (or a struct).
    Inferred(syn::Path),
    /// Through the type of a pattern written by a macro (`small!()`), inferred by the compiler.
    InferredPattern(Box<syn::Pat>),
}

impl Lookup {
    /// `Published(path)` when `path` can be imported with `use`; otherwise (a `Self` or `crate`
    /// segment in the middle, which rustc reports at the user's path) through the type, so the
    /// check stays valid Rust.
    pub(super) fn by_name(path: syn::Path) -> Self {
        if importable(&path) {
            Self::Published(path)
        } else {
            Self::Type(syn::Type::Path(syn::TypePath {
                attrs: Vec::new(),
                qself: None,
                path,
            }))
        }
    }
}

/// Whether `use path as ..;` parses: `crate` or `self` only first, `super` only after nothing
/// but `super`, and `Self` nowhere.
fn importable(path: &syn::Path) -> bool {
    let segments: Vec<&syn::Ident> = path.segments.iter().map(|segment| &segment.ident).collect();
    segments.iter().enumerate().all(|(index, ident)| {
        if *ident == "Self" {
            false
        } else if *ident == "crate" || *ident == "self" {
            index == 0 && path.leading_colon.is_none()
        } else if *ident == "super" {
            path.leading_colon.is_none()
                && segments[..index].iter().all(|before| *before == "super")
        } else {
            true
        }
    })
}

/// How to find the table of the enum a pattern names, and how the user wrote that enum.
#[derive(Clone)]
pub(super) struct Probe {
    pub(super) lookup: Lookup,
    /// The enum's path as written (`OrderStatus`, `Self`), for fixes; empty for a variant named
    /// alone (`Shipped`), whose fixes name it alone too.
    pub(super) written: String,
}

/// The position of a field in a variant pattern.
#[derive(Clone)]
pub(super) enum SlotKey {
    Name(String),
    Front(usize),
    Back(usize),
}

/// One field written in a variant pattern.
pub(super) struct Slot {
    pub(super) key: SlotKey,
    /// The names the sub-pattern binds.
    pub(super) bindings: Vec<String>,
    /// The sub-pattern is `_`.
    pub(super) wildcard: bool,
    /// The sub-pattern fixes the value (a literal, a range, a constant): the arm handles it.
    pub(super) constant: bool,
    /// The sub-pattern as the fix shows it (an `_name` binding renamed to `name`).
    pub(super) fix: String,
}

/// A pattern that names a variant.
pub(super) struct VariantPattern {
    pub(super) probe: Probe,
    /// The variant's path as written.
    pub(super) path: String,
    pub(super) variant: String,
    pub(super) slots: Vec<Slot>,
    pub(super) rest: bool,
    /// The pattern is part of a larger one (`Some(Status::Shipped(id))`).
    pub(super) nested: bool,
    /// The pattern is (inside) an alternative of an or-pattern, whose alternatives must all bind
    /// the same names: a fix binds the field in an arm of its own.
    pub(super) alternative: bool,
    pub(super) first: Span,
    pub(super) last: Span,
}

/// What stands at one position of a `match`'s patterns (`/` is the scrutinee itself,
/// `/Some.0` the field of a `Some`, and so on).
pub(super) enum Position {
    Variant {
        key: String,
        probe: Box<Probe>,
        variant: String,
    },
    CatchAll {
        key: String,
        written: String,
        first: Span,
        last: Span,
    },
}

/// A pattern written by a macro, which the attribute cannot read: it is rejected only when it
/// matches an enum with required fields.
pub(super) struct MacroPattern {
    /// Its position, as in [`Position`].
    pub(super) key: String,
    pub(super) pattern: syn::Pat,
    /// The macro as written (`shipped!(..)`).
    pub(super) written: String,
    /// The macro's name (`shipped`).
    pub(super) name: String,
    pub(super) first: Span,
    pub(super) last: Span,
}

#[derive(Default)]
pub(super) struct Facts {
    pub(super) variants: Vec<VariantPattern>,
    pub(super) positions: Vec<Position>,
    pub(super) macros: Vec<MacroPattern>,
}

/// The spans of the first and the last token of `node`, which an error underlines from and to.
pub(super) fn first_and_last(node: &impl ToTokens) -> (Span, Span) {
    let mut tokens = node.to_token_stream().into_iter();
    let first = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let last = tokens.last().map_or(first, |token| token.span());
    (first, last)
}
