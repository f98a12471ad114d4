//! The walk over one pattern: what stands at each position (a variant, a catch-all, a pattern
//! written by a macro), and for each variant what its fields do.

use super::fields::{Fields, member_name, slots};
use super::name::{Named, Scope};
use super::{Facts, Lookup, MacroPattern, Position, VariantPattern, first_and_last};
use crate::diagnostics::Errors;
use crate::diagnostics::enforce::{UNNAMEABLE_ENUM, UNREADABLE_PATTERN};
use crate::enforce::naming::{is_binding, is_camel};
use crate::enforce::render::render;

pub(in crate::enforce) struct Reader<'a> {
    /// Where a check finds the table of `Self` (see `collect::self_lookup`), or why it cannot.
    pub(in crate::enforce) self_ty: Result<&'a Lookup, &'static str>,
    /// Where a check finds the table of the matched value's type, when the attribute can tell it
    /// from the fn's signature (see `collect::Walker::scrutinee`): used for a variant named alone
    /// at the top of the pattern, whose type inference alone cannot always fix.
    pub(in crate::enforce) scrutinee: Option<&'a Lookup>,
    pub(in crate::enforce) errors: &'a mut Errors,
    /// The pattern being read is (inside) an alternative of an or-pattern.
    pub(in crate::enforce) in_or: bool,
}

impl Reader<'_> {
    pub(in crate::enforce) fn read(&mut self, pattern: &syn::Pat, key: &str, facts: &mut Facts) {
        match pattern {
            syn::Pat::Ident(binding) => self.binding(binding, pattern, key, facts),
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
            syn::Pat::Macro(mac) => facts.macros.push(macro_pattern(mac, pattern, key)),
            other => self.errors.push(UNREADABLE_PATTERN.spanning(
                other,
                "`#[enforce_state_invariants]` cannot read this pattern, so it cannot tell whether required data is ignored",
                "write the pattern with paths, bindings, `_` and `..`: `Enum::Variant(field) => ...`",
            )),
        }
    }

    /// A name: a binding (`x`, `x @ sub`), which catches all, or a unit variant or constant.
    fn binding(
        &mut self,
        binding: &syn::PatIdent,
        pattern: &syn::Pat,
        key: &str,
        facts: &mut Facts,
    ) {
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
            None => Scope {
                self_ty: self.self_ty,
                scrutinee: self.scrutinee,
            }
            .name(path, pattern, key, self.errors),
        };
        self.fields(&fields, &format!("{key}/{written}"), facts);
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

    /// Reads each field's sub-pattern. Fields of a variant are keyed by the variant's path
    /// (`prefix`), so that `_` in `Some(_)` and `Some(Status::Shipped(id))` stand at the same
    /// position.
    fn fields(&mut self, fields: &Fields<'_>, prefix: &str, facts: &mut Facts) {
        match fields {
            Fields::None => {}
            Fields::Tuple(elements) => {
                let mut position = 0;
                for element in elements {
                    if matches!(element, syn::Pat::Rest(_)) {
                        continue;
                    }
                    self.read(element, &format!("{prefix}.{position}"), facts);
                    position += 1;
                }
            }
            Fields::Named(members, _) => {
                for (member, sub) in members {
                    self.read(sub, &format!("{prefix}.{member}"), facts);
                }
            }
        }
    }
}

fn macro_pattern(mac: &syn::PatMacro, pattern: &syn::Pat, key: &str) -> MacroPattern {
    let (first, last) = first_and_last(mac);
    MacroPattern {
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
    }
}
