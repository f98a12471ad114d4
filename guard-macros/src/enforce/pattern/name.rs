//! Which enum a variant's path names, and where its check finds that enum's table.
//!
//! A path `A::B::Variant` is the variant `Variant` of the enum `A::B` when the enum segment is
//! written in `CamelCase` or is `Self`; a single name (`Shipped`) is a glob-imported variant or a
//! struct. `SCREAMING` names are constants, and the standard library's generic enums are looked
//! through.

use super::{Lookup, Probe};
use crate::diagnostics::Errors;
use crate::diagnostics::enforce::UNNAMEABLE_ENUM;
use crate::enforce::naming::is_camel;
use crate::enforce::render::render;

/// Generic enums of `core`/`alloc`/`std` and `either`, matched through their paths: they never
/// carry stateguard metadata, so they get no check.
const LOOKED_THROUGH: &[&str] = &[
    "Option",
    "Result",
    "Cow",
    "Entry",
    "Bound",
    "Poll",
    "ControlFlow",
    "Either",
];

pub(super) enum Named {
    /// A variant of the probed type.
    Variant(Box<Probe>, String),
    /// A struct, a constant, or a variant of an enum that cannot carry metadata: look inside.
    Other,
}

/// What the code around the pattern tells about the enums it may name.
#[derive(Clone, Copy)]
pub(super) struct Scope<'a> {
    /// Where a check finds the table of `Self`, or why it cannot.
    pub(super) self_ty: Result<&'a Lookup, &'static str>,
    /// Where a check finds the table of the matched value's type, when known.
    pub(super) scrutinee: Option<&'a Lookup>,
}

impl Scope<'_> {
    /// Which type `path` names a variant of, if any; a `Self::Variant` the check cannot name is
    /// an error.
    pub(super) fn name(
        self,
        path: &syn::Path,
        pattern: &syn::Pat,
        key: &str,
        errors: &mut Errors,
    ) -> Named {
        let Some(variant) = path.segments.last() else {
            return Named::Other;
        };
        let variant_name = variant.ident.to_string();
        let screaming = variant_name.len() > 1
            && variant_name
                .chars()
                .all(|character| !character.is_ascii_lowercase());
        if screaming {
            return Named::Other;
        }
        let enum_segments = path.segments.len() - 1;
        let Some(enum_segment) = path.segments.iter().nth_back(1) else {
            return self.alone(path, variant_name, key);
        };
        if enum_segment.ident == "Self" && enum_segments == 1 {
            return self.through_self(variant_name, pattern, errors);
        }
        let enum_name = enum_segment.ident.to_string();
        if !is_camel(&enum_name) || LOOKED_THROUGH.contains(&enum_name.as_str()) {
            return Named::Other;
        }
        self.by_path(path, variant_name, key)
    }

    /// A lone name: a variant imported with `use Enum::*`, or a struct. At the top of the pattern
    /// it has the matched value's type, when known; otherwise its type is inferred from the
    /// pattern.
    fn alone(self, path: &syn::Path, variant_name: String, key: &str) -> Named {
        if matches!(
            variant_name.as_str(),
            "Some" | "None" | "Ok" | "Err" | "Self"
        ) {
            return Named::Other;
        }
        let lookup = match self.scrutinee {
            Some(lookup) if key.is_empty() => lookup.clone(),
            _ => Lookup::Inferred(path.clone()),
        };
        Named::Variant(
            Box::new(Probe {
                lookup,
                written: String::new(),
            }),
            variant_name,
        )
    }

    /// `Self::Variant`: the enclosing impl's self type, when the attribute sees it.
    fn through_self(self, variant_name: String, pattern: &syn::Pat, errors: &mut Errors) -> Named {
        match self.self_ty {
            Ok(self_ty) => Named::Variant(
                Box::new(Probe {
                    lookup: self_ty.clone(),
                    written: "Self".to_owned(),
                }),
                variant_name,
            ),
            Err(why) => {
                errors.push(UNNAMEABLE_ENUM.spanning(
                    pattern,
                    format!(
                        "`Self::{variant_name}` names a variant of an enum the check cannot name: {why}"
                    ),
                    format!("move `#[enforce_state_invariants]` from this fn onto its `impl` block; or write the enum's name in place of `Self` in `Self::{variant_name}`"),
                ));
                Named::Other
            }
        }
    }

    /// `Enum::Variant`, `model::Enum::Variant`, `Enum::<u8>::Variant`: by the matched value's type
    /// at the top of the pattern when known, else by the enum's name when written bare, else by
    /// its type.
    fn by_path(self, path: &syn::Path, variant_name: String, key: &str) -> Named {
        let mut enum_path = path.clone();
        enum_path.segments.pop();
        enum_path.segments.pop_punct();
        let written = render(&enum_path);
        let bare = enum_path
            .segments
            .iter()
            .all(|segment| segment.arguments.is_none());
        let through_self = enum_path
            .segments
            .first()
            .is_some_and(|segment| segment.ident == "Self");
        let lookup = if let Some(lookup) = self.scrutinee.filter(|_| key.is_empty()) {
            lookup.clone()
        } else if bare && !through_self {
            Lookup::by_name(enum_path)
        } else {
            Lookup::Type(syn::Type::Path(syn::TypePath {
                attrs: Vec::new(),
                qself: None,
                path: enum_path,
            }))
        };
        Named::Variant(Box::new(Probe { lookup, written }), variant_name)
    }
}
