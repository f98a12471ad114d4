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

use super::naming::{is_binding, is_camel};
use super::render::render;
use crate::diagnostics::Errors;
use crate::diagnostics::enforce::{UNNAMEABLE_ENUM, UNREADABLE_PATTERN};
use proc_macro2::Span;
use quote::ToTokens;

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

pub(super) struct Reader<'a> {
    /// Where a check finds the table of `Self` (see `collect::self_lookup`), or why it cannot.
    pub(super) self_ty: Result<&'a Lookup, &'static str>,
    /// Where a check finds the table of the matched value's type, when the attribute can tell it
    /// from the fn's signature (see `collect::Walker::scrutinee`): used for a variant named alone
    /// at the top of the pattern, whose type inference alone cannot always fix.
    pub(super) scrutinee: Option<&'a Lookup>,
    pub(super) errors: &'a mut Errors,
    /// The pattern being read is (inside) an alternative of an or-pattern.
    pub(super) in_or: bool,
}

enum Named {
    /// A variant of the probed type.
    Variant(Box<Probe>, String),
    /// A struct, a constant, or a variant of an enum that cannot carry metadata: look inside.
    Other,
}

pub(super) fn first_and_last(node: &impl ToTokens) -> (Span, Span) {
    let mut tokens = node.to_token_stream().into_iter();
    let first = tokens
        .next()
        .map_or_else(Span::call_site, |token| token.span());
    let last = tokens.last().map_or(first, |token| token.span());
    (first, last)
}

impl Reader<'_> {
    pub(super) fn read(&mut self, pattern: &syn::Pat, key: &str, facts: &mut Facts) {
        match pattern {
            syn::Pat::Ident(binding) => {
                if let Some((_, sub)) = &binding.subpat {
                    self.read(sub, key, facts);
                } else if is_binding(&binding.ident) {
                    let (first, last) = first_and_last(binding);
                    facts.positions.push(Position::CatchAll {
                        key: key.to_owned(),
                        written: render(binding),
                        first,
                        last,
                    });
                } else if is_camel(&binding.ident.to_string()) {
                    let path = syn::Path::from(binding.ident.clone());
                    self.variant(None, &path, Fields::None, key, pattern, facts);
                }
            }
            syn::Pat::Wild(wild) => {
                let (first, last) = first_and_last(wild);
                facts.positions.push(Position::CatchAll {
                    key: key.to_owned(),
                    written: "_".to_owned(),
                    first,
                    last,
                });
            }
            syn::Pat::Reference(reference) => self.read(&reference.pat, key, facts),
            syn::Pat::Paren(paren) => self.read(&paren.pat, key, facts),
            syn::Pat::Guard(guarded) => self.read(&guarded.pat, key, facts),
            syn::Pat::Type(typed) => self.read(&typed.pat, key, facts),
            syn::Pat::Or(or) => {
                let outer = self.in_or;
                self.in_or = outer || or.cases.len() > 1;
                for case in &or.cases {
                    self.read(case, key, facts);
                }
                self.in_or = outer;
            }
            syn::Pat::TupleStruct(tuple) => {
                let fields = Fields::Tuple(tuple.elems.iter().collect());
                self.variant(tuple.qself.as_ref(), &tuple.path, fields, key, pattern, facts);
            }
            syn::Pat::Struct(structure) => {
                let fields = Fields::Named(
                    structure
                        .fields
                        .iter()
                        .map(|field| (member_name(&field.member), &*field.pat))
                        .collect(),
                    structure.rest.is_some(),
                );
                let path = &structure.path;
                self.variant(structure.qself.as_ref(), path, fields, key, pattern, facts);
            }
            // `<T>::NAME` is a constant or a unit variant: no fields to bind.
            syn::Pat::Path(path) if path.qself.is_some() => {}
            syn::Pat::Path(path) => {
                self.variant(None, &path.path, Fields::None, key, pattern, facts);
            }
            syn::Pat::Tuple(tuple) => {
                for (position, element) in tuple.elems.iter().enumerate() {
                    self.read(element, &format!("{key}/.{position}"), facts);
                }
            }
            syn::Pat::Slice(slice) => {
                for (position, element) in slice.elems.iter().enumerate() {
                    self.read(element, &format!("{key}/[{position}]"), facts);
                }
            }
            syn::Pat::Lit(_) | syn::Pat::Range(_) | syn::Pat::Const(_) | syn::Pat::Rest(_) => {}
            syn::Pat::Macro(mac) => {
                let (first, last) = first_and_last(mac);
                facts.macros.push(MacroPattern {
                    key: key.to_owned(),
                    pattern: pattern.clone(),
                    written: format!("{}!(..)", render(&mac.mac.path)),
                    name: mac
                        .mac
                        .path
                        .segments
                        .last()
                        .map(|segment| segment.ident.to_string())
                        .unwrap_or_default(),
                    first,
                    last,
                });
            }
            other => self.errors.push(UNREADABLE_PATTERN.spanning(
                other,
                "`#[enforce_state_invariants]` cannot read this pattern, so it cannot tell whether required data is ignored",
                "write the pattern with paths, bindings, `_` and `..`: `Enum::Variant(field) => ...`",
            )),
        }
    }

    fn variant(
        &mut self,
        qself: Option<&syn::QSelf>,
        path: &syn::Path,
        fields: Fields<'_>,
        key: &str,
        pattern: &syn::Pat,
        facts: &mut Facts,
    ) {
        let written = render(path);
        let named = match qself {
            Some(qself) => {
                self.errors.push(UNNAMEABLE_ENUM.spanning(
                    pattern,
                    format!(
                        "`#[enforce_state_invariants]` cannot check a variant named through the qualified path `<{}>::..`",
                        render(&qself.ty)
                    ),
                    "name the enum directly: `Enum::Variant(..)` (a generic enum needs no arguments)",
                ));
                Named::Other
            }
            None => self.name(path, pattern, key),
        };
        // Fields of a variant are keyed by the variant's path, so that `_` in `Some(_)` and
        // `Some(Status::Shipped(id))` stand at the same position.
        let child = |field: &str| format!("{key}/{written}.{field}");
        match &fields {
            Fields::None => {}
            Fields::Tuple(elements) => {
                let mut position = 0;
                for element in elements {
                    if matches!(element, syn::Pat::Rest(_)) {
                        continue;
                    }
                    self.read(element, &child(&position.to_string()), facts);
                    position += 1;
                }
            }
            Fields::Named(members, _) => {
                for (member, sub) in members {
                    self.read(sub, &child(member), facts);
                }
            }
        }
        let Named::Variant(probe, variant) = named else {
            return;
        };
        let (first, last) = first_and_last(pattern);
        let (slots, rest) = slots(&fields);
        facts.positions.push(Position::Variant {
            key: key.to_owned(),
            probe: probe.clone(),
            variant: variant.clone(),
        });
        facts.variants.push(VariantPattern {
            probe: *probe,
            path: written,
            variant,
            slots,
            rest,
            nested: !key.is_empty(),
            alternative: self.in_or,
            first,
            last,
        });
    }

    /// Which type `path` names a variant of, if any.
    fn name(&mut self, path: &syn::Path, pattern: &syn::Pat, key: &str) -> Named {
        let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
        let Some((variant, enum_segments)) = segments.split_last() else {
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
        let Some(enum_segment) = enum_segments.last() else {
            if matches!(
                variant_name.as_str(),
                "Some" | "None" | "Ok" | "Err" | "Self"
            ) {
                return Named::Other;
            }
            // A lone name: a variant imported with `use Enum::*`, or a struct. At the top of the
            // pattern it has the matched value's type, when known; otherwise its type is inferred
            // from the pattern.
            let lookup = match self.scrutinee {
                Some(lookup) if key.is_empty() => lookup.clone(),
                _ => Lookup::Inferred(path.clone()),
            };
            return Named::Variant(
                Box::new(Probe {
                    lookup,
                    written: String::new(),
                }),
                variant_name,
            );
        };
        let enum_name = enum_segment.ident.to_string();
        if enum_name == "Self" && enum_segments.len() == 1 {
            return match self.self_ty {
                Ok(self_ty) => Named::Variant(
                    Box::new(Probe {
                        lookup: self_ty.clone(),
                        written: "Self".to_owned(),
                    }),
                    variant_name,
                ),
                Err(why) => {
                    self.errors.push(UNNAMEABLE_ENUM.spanning(
                        pattern,
                        format!(
                            "`Self::{variant_name}` names a variant of an enum the check cannot name: {why}"
                        ),
                        format!("move `#[enforce_state_invariants]` from this fn onto its `impl` block; or write the enum's name in place of `Self` in `Self::{variant_name}`"),
                    ));
                    Named::Other
                }
            };
        }
        if !is_camel(&enum_name) || LOOKED_THROUGH.contains(&enum_name.as_str()) {
            return Named::Other;
        }
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
            // At the top of the pattern: the matched value's type, when known.
            lookup.clone()
        } else if bare && !through_self {
            Lookup::Published(enum_path)
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

enum Fields<'a> {
    None,
    Tuple(Vec<&'a syn::Pat>),
    /// The fields by name, and whether `..` is present.
    Named(Vec<(String, &'a syn::Pat)>, bool),
}

fn member_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => ident.to_string(),
        syn::Member::Unnamed(index) => index.index.to_string(),
    }
}

fn slots(fields: &Fields<'_>) -> (Vec<Slot>, bool) {
    match fields {
        Fields::None => (Vec::new(), false),
        Fields::Tuple(elements) => {
            let rest_at = elements
                .iter()
                .position(|element| matches!(element, syn::Pat::Rest(_)));
            let slots = elements
                .iter()
                .enumerate()
                .filter(|(_, element)| !matches!(element, syn::Pat::Rest(_)))
                .map(|(index, element)| {
                    let key = match rest_at {
                        Some(rest) if index > rest => SlotKey::Back(elements.len() - 1 - index),
                        _ => SlotKey::Front(index),
                    };
                    slot(key, element)
                })
                .collect();
            (slots, rest_at.is_some())
        }
        Fields::Named(members, rest) => (
            members
                .iter()
                .map(|(name, sub)| slot(SlotKey::Name(name.clone()), sub))
                .collect(),
            *rest,
        ),
    }
}

fn slot(key: SlotKey, sub: &syn::Pat) -> Slot {
    let mut bindings = Vec::new();
    bindings_of(sub, &mut bindings);
    let fix = match sub {
        syn::Pat::Ident(binding) if binding.subpat.is_none() => {
            let name = binding.ident.to_string();
            let trimmed = name.trim_start_matches('_');
            let mut renamed = binding.clone();
            if !trimmed.is_empty() && trimmed != name {
                renamed.ident = syn::Ident::new(trimmed, binding.ident.span());
            }
            render(&renamed)
        }
        other => render(other),
    };
    Slot {
        key,
        bindings,
        wildcard: matches!(sub, syn::Pat::Wild(_)),
        constant: constrains(sub),
        fix,
    }
}

/// Whether `pattern` pins the value down by itself: a literal (`0`), a range (`1..=9`), a constant
/// or unit variant (`MAX`, `u8::MAX`, `Colour::Red`), an inline `const { .. }`, or an or-pattern
/// of those. The arm then decides on the value, so the field counts as handled though unbound.
fn constrains(pattern: &syn::Pat) -> bool {
    match pattern {
        syn::Pat::Lit(_) | syn::Pat::Range(_) | syn::Pat::Const(_) | syn::Pat::Path(_) => true,
        syn::Pat::Ident(binding) => binding.subpat.is_none() && !is_binding(&binding.ident),
        syn::Pat::Reference(reference) => constrains(&reference.pat),
        syn::Pat::Paren(paren) => constrains(&paren.pat),
        syn::Pat::Or(or) => or.cases.iter().all(constrains),
        _ => false,
    }
}

/// Every name `pattern` binds.
pub(super) fn bindings_of(pattern: &syn::Pat, out: &mut Vec<String>) {
    match pattern {
        syn::Pat::Ident(binding) => {
            if is_binding(&binding.ident) {
                out.push(binding.ident.to_string());
            }
            if let Some((_, sub)) = &binding.subpat {
                bindings_of(sub, out);
            }
        }
        syn::Pat::Reference(reference) => bindings_of(&reference.pat, out),
        syn::Pat::Paren(paren) => bindings_of(&paren.pat, out),
        syn::Pat::Guard(guarded) => bindings_of(&guarded.pat, out),
        syn::Pat::Type(typed) => bindings_of(&typed.pat, out),
        syn::Pat::Or(or) => {
            for case in &or.cases {
                bindings_of(case, out);
            }
        }
        syn::Pat::TupleStruct(tuple) => {
            for element in &tuple.elems {
                bindings_of(element, out);
            }
        }
        syn::Pat::Struct(structure) => {
            for field in &structure.fields {
                bindings_of(&field.pat, out);
            }
        }
        syn::Pat::Tuple(tuple) => {
            for element in &tuple.elems {
                bindings_of(element, out);
            }
        }
        syn::Pat::Slice(slice) => {
            for element in &slice.elems {
                bindings_of(element, out);
            }
        }
        _ => {}
    }
}
