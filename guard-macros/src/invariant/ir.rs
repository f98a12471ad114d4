//! The derive's view of the item: rules per field, variant and container, with the user's tokens
//! kept for spans. Built by `parse`, read by `validate` and `expand`.

use syn::ext::IdentExt;
use syn::{Expr, Ident, LitStr};

/// What the derive reads from the item.
pub(crate) struct Input<'a> {
    pub(crate) item: &'a syn::DeriveInput,
    /// `#[invariant(crate = path)]`, the path to stateguard.
    pub(crate) krate: Option<syn::Path>,
    /// Container-level `check = ..` predicates over the whole value.
    pub(crate) checks: Vec<Check>,
    pub(crate) data: Data<'a>,
}

pub(crate) enum Data<'a> {
    Struct(Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

pub(crate) struct Variant<'a> {
    pub(crate) original: &'a syn::Variant,
    /// Variant-level `check = ..` predicates over the whole enum value, run for this variant.
    pub(crate) checks: Vec<Check>,
    pub(crate) fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) member: syn::Member,
    pub(crate) rules: Vec<Rule>,
    /// The `required` key, when the field is marked required.
    pub(crate) required: Option<Ident>,
}

impl Field<'_> {
    /// The field's name in a violation's path: its identifier, or its position.
    pub(crate) fn path_name(&self) -> String {
        match &self.member {
            syn::Member::Named(ident) => ident.unraw().to_string(),
            syn::Member::Unnamed(index) => index.index.to_string(),
        }
    }
}

pub(crate) enum Rule {
    NonEmpty {
        key: Ident,
    },
    Len {
        key: Ident,
        min: Option<Bound>,
        max: Option<Bound>,
    },
    Range {
        key: Ident,
        min: Option<Bound>,
        max: Option<Bound>,
        greater_than: Option<Bound>,
        less_than: Option<Bound>,
    },
    Check(Box<Check>),
    Nested {
        key: Ident,
    },
    Each {
        key: Ident,
        rules: Vec<Rule>,
    },
}

impl Rule {
    pub(crate) fn key(&self) -> &Ident {
        match self {
            Self::NonEmpty { key }
            | Self::Len { key, .. }
            | Self::Range { key, .. }
            | Self::Nested { key }
            | Self::Each { key, .. } => key,
            Self::Check(check) => &check.key,
        }
    }
}

pub(crate) struct Bound {
    pub(crate) key: Ident,
    pub(crate) value: Box<Expr>,
}

pub(crate) struct Check {
    pub(crate) key: Ident,
    pub(crate) function: Expr,
    pub(crate) message: Option<LitStr>,
    pub(crate) rule: Option<LitStr>,
}

impl Check {
    /// The rule name in violations: `rule = ".."`, else the function's name.
    pub(crate) fn rule_name(&self) -> String {
        if let Some(rule) = &self.rule {
            return rule.value();
        }
        match &self.function {
            Expr::Path(path) => path.path.segments.last().map_or_else(
                || "check".to_owned(),
                |segment| segment.ident.unraw().to_string(),
            ),
            _ => "check".to_owned(),
        }
    }

    /// The message in violations: `message = ".."`, else one naming the function.
    pub(crate) fn message(&self) -> String {
        self.message.as_ref().map_or_else(
            || format!("does not satisfy `{}`", self.rule_name()),
            LitStr::value,
        )
    }
}
