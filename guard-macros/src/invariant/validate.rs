//! Checks that need the whole item: contradictory bounds, rules on types they cannot apply to,
//! `required` outside an enum variant, a derive with nothing to check. Every error is collected.

use super::ir::{Bound, Data, Field, Input, Rule};
use crate::diagnostics::Errors;
use crate::diagnostics::invariant::{
    BOUND_TYPE, CONTRADICTORY_BOUNDS, MISPLACED, NOTHING_TO_CHECK, WRONG_FIELD_TYPE,
};
use quote::ToTokens;

pub(crate) fn validate(input: &Input<'_>, errors: &mut Errors) {
    let mut has_rules = !input.checks.is_empty();
    match &input.data {
        Data::Struct(fields) => {
            for field in fields {
                if let Some(required) = &field.required {
                    errors.push(MISPLACED.at(
                        required.span(),
                        format!(
                            "`required` marks a field of an enum variant that every `match` arm must bind; `{}` is a struct",
                            input.item.ident
                        ),
                        "remove `required`: it marks fields of enum variants (`Shipped { #[invariant(required)] tracking_id: String }`), and a struct's fields need no marking",
                    ));
                }
                has_rules |= !field.rules.is_empty();
                validate_field(field, errors);
            }
        }
        Data::Enum(variants) => {
            for variant in variants {
                has_rules |= !variant.checks.is_empty();
                for field in &variant.fields {
                    has_rules |= !field.rules.is_empty() || field.required.is_some();
                    validate_field(field, errors);
                }
            }
        }
    }
    // After other errors, a missing rule is most likely one of them (a misspelled rule name).
    if !has_rules && errors.is_empty() {
        let ident = &input.item.ident;
        let fix = match example_rule(&input.item.data) {
            Some(example) => format!(
                "add the rules `{ident}` must keep (which rules is yours to say), such as `non_empty` on a text: {example}; or remove `Invariant` from the derive list"
            ),
            None => format!(
                "remove `Invariant` from the derive list, or add the rules `{ident}` must keep: `#[invariant(range(..))]` on a number, `#[invariant(check = your_fn)]` on the type"
            ),
        };
        errors.push(NOTHING_TO_CHECK.at(
            ident.span(),
            format!("`#[derive(Invariant)]` on `{ident}` has nothing to check: no field, variant or `{ident}` itself has an `#[invariant(..)]` rule"),
            fix,
        ));
    }
}

fn validate_field(field: &Field<'_>, errors: &mut Errors) {
    validate_rules(&field.rules, Some(&field.original.ty), errors);
}

fn validate_rules(rules: &[Rule], ty: Option<&syn::Type>, errors: &mut Errors) {
    non_empty_with_zero_max(rules, errors);
    let kind = ty.map_or(Kind::Unknown, kind_of);
    let type_name = ty.map(|ty| ty.to_token_stream().to_string().replace(' ', ""));
    for rule in rules {
        match rule {
            Rule::NonEmpty { key } | Rule::Len { key, .. } => {
                if let (Kind::Number | Kind::Bool | Kind::Char, Some(type_name)) =
                    (kind, &type_name)
                {
                    let fix = match kind {
                        Kind::Number => format!(
                            "bound the number instead (the bounds are yours to choose): `range(greater_than = {})`",
                            if ty.is_some_and(|ty| float_name(ty).is_some()) {
                                "0.0"
                            } else {
                                "0"
                            }
                        ),
                        _ => format!("remove `{key}`: a `{type_name}` is never empty"),
                    };
                    errors.push(WRONG_FIELD_TYPE.at(
                        key.span(),
                        format!("`{key}` checks the length of a string or collection, but this field is a `{type_name}`"),
                        fix,
                    ));
                }
            }
            Rule::Range {
                key,
                min,
                max,
                greater_than,
                less_than,
            } => {
                if let (Kind::Text | Kind::Collection | Kind::Bool, Some(type_name)) =
                    (kind, &type_name)
                {
                    let bounds = [min, max, greater_than, less_than];
                    let fix = match kind {
                        Kind::Bool => format!("remove `{key}`: a `bool` has no range"),
                        Kind::Text => format!(
                            "if the value is a number, give the field a number type: replace `{type_name}` with `{}` (or the number type you need); to bound its length instead, write {}",
                            number_type_for(bounds),
                            as_length(min, max)
                        ),
                        _ => format!("to bound its length, write {}", as_length(min, max)),
                    };
                    errors.push(WRONG_FIELD_TYPE.at(
                        key.span(),
                        format!("`range` compares numbers, but this field is a `{type_name}`"),
                        fix,
                    ));
                }
            }
            Rule::Nested { key } => {
                if let (Kind::Number | Kind::Text | Kind::Bool | Kind::Char, Some(type_name)) =
                    (kind, &type_name)
                {
                    errors.push(WRONG_FIELD_TYPE.at(
                        key.span(),
                        format!("`nested` checks a type that derives `Invariant`, but `{type_name}` has no invariants of its own"),
                        match kind {
                            Kind::Text => format!("`{type_name}` has no rules of its own: replace `nested` with the rule you mean, such as `non_empty`"),
                            Kind::Number => format!("`{type_name}` has no rules of its own: replace `nested` with the bound you mean, such as `range(max = 100)`"),
                            _ => format!("remove `nested`: a `{type_name}` has no rules (remove the `#[invariant(..)]` if nothing is left)"),
                        },
                    ));
                }
            }
            Rule::Each { key, rules } => {
                if let (Kind::Number | Kind::Text | Kind::Bool | Kind::Char, Some(type_name)) =
                    (kind, &type_name)
                {
                    errors.push(WRONG_FIELD_TYPE.at(
                        key.span(),
                        format!("`each(..)` checks the elements of a collection, but `{type_name}` is not a collection"),
                        format!("remove `each(..)` (and the `#[invariant(..)]` if nothing is left); rules that apply to a `{type_name}` go directly in `#[invariant(..)]`"),
                    ));
                }
                validate_rules(rules, ty.and_then(element_type), errors);
            }
            Rule::Check(_) => {}
        }
        if let Rule::Len { key, min, max } = rule
            && let (Some(min), Some(max)) = (min, max)
        {
            contradiction(key, min, max, false, errors);
        }
        if let Rule::Range {
            key,
            min,
            max,
            greater_than,
            less_than,
        } = rule
        {
            for (first, second) in [(min, greater_than), (max, less_than)] {
                if let (Some(first), Some(second)) = (first, second) {
                    errors.push(CONTRADICTORY_BOUNDS.at(
                        second.key.span(),
                        format!("`{}` and `{}` both bound the same side of the range", first.key, second.key),
                        format!(
                            "remove `{} = {}` to keep `{} = {}`, which includes the bound; or remove `{} = {}` to exclude it",
                            second.key, crate::diagnostics::tidy(&second.value),
                            first.key, crate::diagnostics::tidy(&first.value),
                            first.key, crate::diagnostics::tidy(&first.value),
                        ),
                    ));
                }
            }
            if let Some(type_name) = ty.and_then(unsigned_name) {
                for bound in [min, max, greater_than, less_than].into_iter().flatten() {
                    negative_bound_on_unsigned(key, bound, &type_name, errors);
                }
            }
            if let Some(type_name) = ty.and_then(float_name) {
                for bound in [min, max, greater_than, less_than].into_iter().flatten() {
                    integer_bound_on_float(bound, &type_name, errors);
                }
            }
            let lower = min.as_ref().or(greater_than.as_ref());
            let upper = max.as_ref().or(less_than.as_ref());
            if let (Some(lower), Some(upper)) = (lower, upper) {
                let strict = lower.key == "greater_than" || upper.key == "less_than";
                contradiction(key, lower, upper, strict, errors);
            }
        }
    }
}

/// `non_empty` next to `len(max = 0)`: a value with an element has a length of at least 1.
fn non_empty_with_zero_max(rules: &[Rule], errors: &mut Errors) {
    let has_non_empty = rules
        .iter()
        .any(|rule| matches!(rule, Rule::NonEmpty { .. }));
    for rule in rules {
        if let Rule::Len {
            key,
            max: Some(max),
            ..
        } = rule
            && has_non_empty
            && literal(&max.value) == Some(0.0)
        {
            errors.push(CONTRADICTORY_BOUNDS.spanning(
                &max.value,
                format!("`non_empty` and `{key}(max = 0)` can never both hold: a value with an element has a length of at least 1"),
                format!("remove `{key}(max = 0)`; or remove `non_empty` if the value must be empty"),
            ));
        }
    }
}

/// The name of an unsigned integer type (seen through `Option`, `Box`, `Rc`, `Arc`, references).
fn unsigned_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Reference(reference) => unsigned_name(&reference.elem),
        syn::Type::Paren(paren) => unsigned_name(&paren.elem),
        syn::Type::Group(group) => unsigned_name(&group.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            let name = last.ident.to_string();
            match name.as_str() {
                "Option" | "Box" | "Rc" | "Arc" => single_argument(last).and_then(unsigned_name),
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => Some(name),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The name of a float type (seen through `Option`, `Box`, `Rc`, `Arc`, references).
fn float_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Reference(reference) => float_name(&reference.elem),
        syn::Type::Paren(paren) => float_name(&paren.elem),
        syn::Type::Group(group) => float_name(&group.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            let name = last.ident.to_string();
            match name.as_str() {
                "Option" | "Box" | "Rc" | "Arc" => single_argument(last).and_then(float_name),
                "f32" | "f64" => Some(name),
                _ => None,
            }
        }
        _ => None,
    }
}

/// An integer literal bound (`0`, `-1`) on a float field: rustc would report a type mismatch
/// without a word about the rule.
fn integer_bound_on_float(bound: &Bound, type_name: &str, errors: &mut Errors) {
    let mut expr = &*bound.value;
    let mut sign = "";
    if let syn::Expr::Unary(syn::ExprUnary {
        op: syn::UnOp::Neg(_),
        expr: inner,
        ..
    }) = expr
    {
        expr = inner;
        sign = "-";
    }
    if let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Int(int),
        ..
    }) = expr
        && int.suffix().is_empty()
    {
        let written = format!("{sign}{}", int.base10_digits());
        errors.push(BOUND_TYPE.spanning(
            &bound.value,
            format!("the bound `{written}` is an integer, but the field is a `{type_name}`"),
            format!("write it as a float: `{} = {written}.0`", bound.key),
        ));
    }
}

/// The number type a text field bounded by `range(..)` most likely meant.
fn number_type_for(bounds: [&Option<Bound>; 4]) -> &'static str {
    let values: Vec<&Bound> = bounds.into_iter().flatten().collect();
    if values.iter().any(|bound| {
        matches!(
            &*bound.value,
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Float(_),
                ..
            })
        )
    }) {
        "f64"
    } else if values
        .iter()
        .any(|bound| literal(&bound.value).is_some_and(|value| value < 0.0))
    {
        "i64"
    } else {
        "u64"
    }
}

/// `range(min = a, max = b)` written as the `len(..)` with the same bounds.
fn as_length(min: &Option<Bound>, max: &Option<Bound>) -> String {
    let mut keys = Vec::new();
    for bound in [min, max].into_iter().flatten() {
        keys.push(format!(
            "{} = {}",
            bound.key,
            crate::diagnostics::tidy(&bound.value)
        ));
    }
    if keys.is_empty() {
        "`len(min = 1)` (the bounds are yours to choose)".to_owned()
    } else {
        format!("`len({})`", keys.join(", "))
    }
}

/// A negative literal bound on an unsigned field: a lower one always holds, an upper one never.
fn negative_bound_on_unsigned(
    key: &syn::Ident,
    bound: &Bound,
    type_name: &str,
    errors: &mut Errors,
) {
    let Some(value) = literal(&bound.value) else {
        return;
    };
    if value >= 0.0 {
        return;
    }
    let written = bound.value.to_token_stream().to_string().replace(' ', "");
    let lower = bound.key == "min" || bound.key == "greater_than";
    errors.push(CONTRADICTORY_BOUNDS.spanning(
        &bound.value,
        format!(
            "a `{type_name}` is never negative, so `{} = {written}` {}",
            bound.key,
            if lower {
                "always holds"
            } else {
                "can never hold"
            }
        ),
        if lower {
            format!(
                "remove `{} = {written}`, or write `{key}(min = 0)`",
                bound.key
            )
        } else {
            format!(
                "write `{} = {}` if the sign is a slip, or `{} = 0`",
                bound.key,
                written.trim_start_matches('-'),
                bound.key
            )
        },
    ));
}

/// `min > max` (or `>=` for an exclusive bound) when both are literals: no value could pass.
fn contradiction(
    key: &syn::Ident,
    lower: &Bound,
    upper: &Bound,
    strict: bool,
    errors: &mut Errors,
) {
    let (Some(low), Some(high)) = (literal(&lower.value), literal(&upper.value)) else {
        return;
    };
    if low > high || (strict && low >= high) {
        let low_text = lower.value.to_token_stream().to_string().replace(' ', "");
        let high_text = upper.value.to_token_stream().to_string().replace(' ', "");
        errors.push(CONTRADICTORY_BOUNDS.spanning(
            &upper.value,
            format!(
                "`{key}({} = {low_text}, {} = {high_text})` can never hold: no value is both {} {low_text} and {} {high_text}",
                lower.key,
                upper.key,
                if lower.key == "greater_than" { "greater than" } else { "at least" },
                if upper.key == "less_than" { "less than" } else { "at most" },
            ),
            if low > high {
                format!(
                    "swap the bounds: `{key}({} = {high_text}, {} = {low_text})`",
                    lower.key, upper.key
                )
            } else {
                format!("for exactly {low_text}, include both bounds: `{key}(min = {low_text}, max = {high_text})`")
            },
        ));
    }
}

/// The value of an integer or float literal (negated or not).
fn literal(expr: &syn::Expr) -> Option<f64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit, .. }) => match lit {
            syn::Lit::Int(int) => int.base10_digits().parse().ok(),
            syn::Lit::Float(float) => float.base10_digits().parse().ok(),
            _ => None,
        },
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => literal(expr).map(|value| -value),
        syn::Expr::Paren(paren) => literal(&paren.expr),
        _ => None,
    }
}

/// What a field's type is, as far as its spelling tells (`Option`, `Box` and references are seen
/// through). Only certain mismatches are reported here; the rest is left to the rule traits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Text,
    Collection,
    Bool,
    Char,
    Unknown,
}

fn kind_of(ty: &syn::Type) -> Kind {
    match ty {
        syn::Type::Reference(reference) => kind_of(&reference.elem),
        syn::Type::Paren(paren) => kind_of(&paren.elem),
        syn::Type::Group(group) => kind_of(&group.elem),
        syn::Type::Slice(_) | syn::Type::Array(_) => Kind::Collection,
        syn::Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return Kind::Unknown;
            };
            match last.ident.to_string().as_str() {
                "Option" | "Box" | "Rc" | "Arc" => {
                    single_argument(last).map_or(Kind::Unknown, kind_of)
                }
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
                | "i128" | "isize" | "f32" | "f64" => Kind::Number,
                "String" | "str" => Kind::Text,
                "Vec" | "VecDeque" | "BTreeMap" | "BTreeSet" | "HashMap" | "HashSet" => {
                    Kind::Collection
                }
                "bool" => Kind::Bool,
                "char" => Kind::Char,
                _ => Kind::Unknown,
            }
        }
        _ => Kind::Unknown,
    }
}

fn single_argument(segment: &syn::PathSegment) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else {
        return None;
    };
    let mut types = arguments.args.iter().filter_map(|argument| match argument {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    let first = types.next()?;
    types.next().is_none().then_some(first)
}

/// The element type of a collection type, as spelled (`Vec<T>` → `T`, map → value type).
fn element_type(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Reference(reference) => element_type(&reference.elem),
        syn::Type::Paren(paren) => element_type(&paren.elem),
        syn::Type::Group(group) => element_type(&group.elem),
        syn::Type::Slice(slice) => Some(&slice.elem),
        syn::Type::Array(array) => Some(&array.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
                return None;
            };
            let types: Vec<&syn::Type> = arguments
                .args
                .iter()
                .filter_map(|argument| match argument {
                    syn::GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
                .collect();
            match last.ident.to_string().as_str() {
                "Option" | "Box" => types.first().copied().and_then(element_type),
                "Vec" | "VecDeque" | "BTreeSet" | "HashSet" => types.first().copied(),
                "BTreeMap" | "HashMap" => types.get(1).copied(),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `ty` with `Option<..>` peeled once, as the `Option`-transparent rules see it.
pub(crate) fn without_option(ty: &syn::Type) -> &syn::Type {
    if let syn::Type::Path(path) = ty
        && let Some(last) = path.path.segments.last()
        && last.ident == "Option"
        && let Some(inner) = single_argument(last)
    {
        return inner;
    }
    ty
}

/// `#[invariant(non_empty)]` on the first text or collection field, written where it goes.
fn example_rule(data: &syn::Data) -> Option<String> {
    let is_text = |field: &&syn::Field| matches!(kind_of(&field.ty), Kind::Text | Kind::Collection);
    let write = |field: &syn::Field| {
        let ty = crate::diagnostics::tidy(&field.ty);
        match &field.ident {
            Some(name) => format!("#[invariant(non_empty)] {name}: {ty}"),
            None => format!("#[invariant(non_empty)] {ty}"),
        }
    };
    match data {
        syn::Data::Struct(data) => data
            .fields
            .iter()
            .find(is_text)
            .map(|field| format!("`{}`", write(field))),
        syn::Data::Enum(data) => data.variants.iter().find_map(|variant| {
            variant.fields.iter().find(is_text).map(|field| {
                let (open, close) = if field.ident.is_some() {
                    (" { ", " }")
                } else {
                    ("(", ")")
                };
                format!("`{}{open}{}{close}`", variant.ident, write(field))
            })
        }),
        syn::Data::Union(_) => None,
    }
}
