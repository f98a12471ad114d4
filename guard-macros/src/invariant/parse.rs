//! `#[invariant(..)]` attributes → the IR. Reports every unknown, duplicate or misplaced key; the
//! checks that need the whole item (bounds, types, placement of `required`) are in `validate`.

use super::ir::{Bound, Check, Data, Field, Input, Rule, Variant};
use crate::diagnostics::invariant::{
    DUPLICATE, INCOMPLETE_RULE, MISPLACED, UNKNOWN_KEY, UNKNOWN_RULE,
};
use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, WRONG_ITEM_KIND, did_you_mean};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

/// One `name`, `name = value` or `name(..)` inside `#[invariant(..)]`.
struct Arg {
    name: Ident,
    value: ArgValue,
}

enum ArgValue {
    Flag,
    Value(Expr),
    List(Vec<Arg>),
}

fn parse_args(input: ParseStream<'_>) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        let name = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            ArgValue::Value(input.parse()?)
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            ArgValue::List(parse_args(&content)?)
        } else {
            ArgValue::Flag
        };
        args.push(Arg { name, value });
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

/// Where an `#[invariant(..)]` list is written; decides which keys it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Container,
    Variant,
    Field,
    Each,
}

const FIELD_RULES: &[&str] = &[
    "non_empty",
    "len",
    "range",
    "check",
    "nested",
    "each",
    "required",
    "message",
    "rule",
];
const EACH_RULES: &[&str] = &[
    "non_empty",
    "len",
    "range",
    "check",
    "nested",
    "each",
    "message",
    "rule",
];
const CONTAINER_KEYS: &[&str] = &["crate", "check", "message", "rule"];
const VARIANT_KEYS: &[&str] = &["check", "message", "rule"];
const LEN_KEYS: &[&str] = &["min", "max"];
const RANGE_KEYS: &[&str] = &["min", "max", "greater_than", "less_than"];

const RULE_SYNTAX: &str = "`non_empty`, `len(min = 1, max = 64)`, `range(min = 0, max = 100)`, `check = path::to_fn`, `nested`, `each(..)`";

fn known_keys(place: Place) -> &'static [&'static str] {
    match place {
        Place::Container => CONTAINER_KEYS,
        Place::Variant => VARIANT_KEYS,
        Place::Field => FIELD_RULES,
        Place::Each => EACH_RULES,
    }
}

/// Parses the item's `#[invariant(..)]` attributes into the IR, recording every error in `errors`.
pub(crate) fn parse<'a>(item: &'a syn::DeriveInput, errors: &mut Errors) -> Option<Input<'a>> {
    let mut container = Collected::default();
    let mut krate = None;
    for args in attribute_args(&item.attrs, errors) {
        collect(args, Place::Container, &mut container, errors, &mut krate);
    }
    let data = match &item.data {
        syn::Data::Struct(data) => Data::Struct(parse_fields(&data.fields, errors)),
        syn::Data::Enum(data) => Data::Enum(
            data.variants
                .iter()
                .map(|variant| {
                    let mut collected = Collected::default();
                    for args in attribute_args(&variant.attrs, errors) {
                        collect(args, Place::Variant, &mut collected, errors, &mut None);
                    }
                    Variant {
                        original: variant,
                        checks: collected.into_checks(),
                        fields: parse_fields(&variant.fields, errors),
                    }
                })
                .collect(),
        ),
        syn::Data::Union(data) => {
            errors.push(WRONG_ITEM_KIND.at(
                data.union_token.span,
                format!(
                    "`#[derive(Invariant)]` cannot check the union `{}`: which field is live is not known",
                    item.ident
                ),
                format!(
                    "remove `Invariant` from the derive list of `{}`; to check it, make it an enum with one variant per field, and give it rules",
                    item.ident
                ),
            ));
            return None;
        }
    };
    Some(Input {
        item,
        krate,
        checks: container.into_checks(),
        data,
    })
}

fn parse_fields<'a>(fields: &'a syn::Fields, errors: &mut Errors) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let mut collected = Collected::default();
            for args in attribute_args(&field.attrs, errors) {
                collect(args, Place::Field, &mut collected, errors, &mut None);
            }
            if let Some(ident) = &field.ident
                && ident == "_"
            {
                errors.push(WRONG_ITEM_KIND.at(
                    ident.span(),
                    "a field named `_` cannot be read, so its rules cannot be checked",
                    "give the field a name: `value: String`",
                ));
            }
            let member = field.ident.clone().map_or_else(
                || {
                    syn::Member::Unnamed(syn::Index {
                        index: u32::try_from(index).unwrap_or(u32::MAX),
                        span: field.ty.span(),
                    })
                },
                syn::Member::Named,
            );
            let required = collected.required.take();
            Field {
                original: field,
                member,
                rules: collected.rules,
                required,
            }
        })
        .collect()
}

/// The argument lists of every `#[invariant(..)]` among `attrs`.
fn attribute_args(attrs: &[syn::Attribute], errors: &mut Errors) -> Vec<Vec<Arg>> {
    let mut lists = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("invariant") {
            continue;
        }
        let parsed = match &attr.meta {
            syn::Meta::List(list) => parse_args.parse2(list.tokens.clone()),
            other => Err(syn::Error::new(other.span(), "expected a list")),
        };
        match parsed {
            Ok(args) if args.is_empty() => errors.push(INCOMPLETE_RULE.spanning(
                attr,
                "`#[invariant()]` is empty",
                format!("remove the empty `#[invariant()]`, or name a rule in it, such as `#[invariant(non_empty)]`; the rules are {RULE_SYNTAX}"),
            )),
            Ok(args) => lists.push(args),
            Err(error) => {
                let found = error.span().source_text().unwrap_or_default();
                let fix = if found == ";" || found == "." {
                    format!("write `,` between two rules, nothing after the last: remove this `{found}` or replace it with `,`")
                } else {
                    format!("write a comma-separated list of rules: `#[invariant(non_empty, len(max = 64))]`; the rules are {RULE_SYNTAX}")
                };
                errors.push(MALFORMED_ATTRIBUTE.at(
                    error.span(),
                    format!("malformed `#[invariant(..)]`: {error}"),
                    fix,
                ));
            }
        }
    }
    lists
}

/// What one place (the container, a variant, a field, an `each`) collected from its lists.
#[derive(Default)]
struct Collected {
    rules: Vec<Rule>,
    required: Option<Ident>,
}

impl Collected {
    fn into_checks(self) -> Vec<Check> {
        self.rules
            .into_iter()
            .filter_map(|rule| match rule {
                Rule::Check(check) => Some(*check),
                _ => None,
            })
            .collect()
    }

    fn has(&self, name: &str) -> Option<&Ident> {
        self.rules.iter().map(Rule::key).find(|key| *key == name)
    }
}

fn collect(
    args: Vec<Arg>,
    place: Place,
    into: &mut Collected,
    errors: &mut Errors,
    krate: &mut Option<syn::Path>,
) {
    let mut check: Option<(Ident, Expr)> = None;
    let mut message: Option<(Ident, LitStr)> = None;
    let mut rule_name: Option<(Ident, LitStr)> = None;
    let mut krate_key: Option<Ident> = None;
    for arg in args {
        let name = arg.name.to_string();
        if !known_keys(place).contains(&name.as_str()) {
            unknown_rule(&arg.name, place, errors);
            continue;
        }
        let repeated = |previous: &Ident, errors: &mut Errors, fix: &str| {
            errors.push(DUPLICATE.at(arg.name.span(), format!("`{previous}` is given twice"), fix));
        };
        match name.as_str() {
            "check" => {
                let written = match &arg.value {
                    ArgValue::List(list) if list.len() == 1 => list[0].name.to_string(),
                    ArgValue::Value(Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    })) => text.value(),
                    _ => "path::to_fn".to_owned(),
                };
                if let ArgValue::Value(Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                })) = &arg.value
                {
                    errors.push(MALFORMED_ATTRIBUTE.at(
                        text.span(),
                        "`check` takes the predicate itself, not its name in a string",
                        format!("write `check = {written}`"),
                    ));
                    continue;
                }
                let Some(function) = value_of(&arg, &format!("check = {written}"), errors) else {
                    continue;
                };
                if let Some((previous, _)) = &check {
                    repeated(
                        previous,
                        errors,
                        "one `check` per `#[invariant(..)]`: write the second one as its own attribute, `#[invariant(check = other_fn, message = \"..\")]`",
                    );
                    continue;
                }
                check = Some((arg.name, function));
            }
            "message" | "rule" => {
                // A malformed text still counts as given, so a missing `check` is reported in
                // the same compile rather than after the text is fixed.
                let text =
                    string_of(&arg, errors).unwrap_or_else(|| LitStr::new("", arg.name.span()));
                let slot = if name == "message" {
                    &mut message
                } else {
                    &mut rule_name
                };
                if let Some((previous, _)) = slot {
                    repeated(
                        previous,
                        errors,
                        &format!("remove this second `{name} = ..`: one per `check`"),
                    );
                    continue;
                }
                *slot = Some((arg.name, text));
            }
            "crate" => {
                let Some(value) = value_of(&arg, "crate = ::stateguard", errors) else {
                    continue;
                };
                if let Some(previous) = &krate_key {
                    repeated(previous, errors, "keep one `crate = path`");
                    continue;
                }
                let path = match &value {
                    Expr::Path(path) if path.qself.is_none() => Some(path.path.clone()),
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => text.parse::<syn::Path>().ok(),
                    _ => None,
                };
                let problem = path.as_ref().and_then(crate::crate_path::problem);
                match (path, problem) {
                    (Some(_), Some((span, why))) => errors.push(MALFORMED_ATTRIBUTE.at(
                        span,
                        format!("`crate = ..` takes the path of stateguard: {why}"),
                        "write `#[invariant(crate = ::stateguard)]` with the name your Cargo.toml gives stateguard",
                    )),
                    (Some(path), None) => *krate = Some(path),
                    (None, _) => errors.push(MALFORMED_ATTRIBUTE.spanning(
                        &value,
                        "`crate = ..` takes the path of stateguard",
                        "write `#[invariant(crate = ::stateguard)]` with the name your Cargo.toml gives stateguard",
                    )),
                }
                krate_key = Some(arg.name);
            }
            "required" => {
                if !matches!(arg.value, ArgValue::Flag) {
                    malformed_flag(&arg, errors);
                    continue;
                }
                if let Some(previous) = &into.required {
                    repeated(previous, errors, "write `required` once");
                    continue;
                }
                into.required = Some(arg.name);
            }
            "non_empty" | "nested" => {
                if !matches!(arg.value, ArgValue::Flag) {
                    malformed_flag(&arg, errors);
                    continue;
                }
                if let Some(previous) = into.has(&name) {
                    repeated(&previous.clone(), errors, &format!("write `{name}` once"));
                    continue;
                }
                let key = arg.name;
                into.rules.push(if name == "nested" {
                    Rule::Nested { key }
                } else {
                    Rule::NonEmpty { key }
                });
            }
            "len" | "range" => {
                let list = match arg.value {
                    ArgValue::List(list) => list,
                    ArgValue::Value(value) => {
                        errors.push(MALFORMED_ATTRIBUTE.at(
                            arg.name.span(),
                            format!("`{name}` takes its bounds in parentheses"),
                            format!(
                                "write `{name}(max = {})` for an upper bound, or `{name}(min = {})` for a lower one",
                                crate::diagnostics::tidy(&value),
                                crate::diagnostics::tidy(&value)
                            ),
                        ));
                        continue;
                    }
                    ArgValue::Flag => {
                        errors.push(MALFORMED_ATTRIBUTE.at(
                            arg.name.span(),
                            format!("`{name}` takes its bounds in parentheses"),
                            if name == "len" {
                                "write `len(min = 1)` (the bounds are yours to choose; `max = ..` bounds it from above)"
                            } else {
                                "write `range(min = 0)` (the bounds are yours to choose; `max = ..` bounds it from above, `greater_than = ..` / `less_than = ..` exclude the bound)"
                            },
                        ));
                        continue;
                    }
                };
                let previous_key = into.has(&name).cloned();
                let rule = bounds(arg.name.clone(), list, errors);
                if let Some(previous) = previous_key {
                    let merged = into
                        .rules
                        .iter()
                        .find(|earlier| earlier.key() == &previous)
                        .map(|earlier| merged_bounds(earlier, &rule));
                    let fix = match merged {
                        Some(merged) => format!(
                            "write one `{name}(..)` with every bound, and remove the other: `{merged}`"
                        ),
                        None => format!("merge them into one `{name}(..)` with every bound"),
                    };
                    repeated(&previous, errors, &fix);
                    continue;
                }
                into.rules.push(rule);
            }
            "each" => {
                let ArgValue::List(list) = arg.value else {
                    errors.push(MALFORMED_ATTRIBUTE.at(
                        arg.name.span(),
                        "`each` takes the rules for every element in parentheses",
                        "write `each(non_empty, len(max = 20))`",
                    ));
                    continue;
                };
                if let Some(previous) = into.has("each") {
                    repeated(&previous.clone(), errors, "merge them into one `each(..)`");
                    continue;
                }
                if list.is_empty() {
                    errors.push(INCOMPLETE_RULE.at(
                        arg.name.span(),
                        "`each()` has no rule for the elements",
                        "remove `each()`, or name the element rules in it, such as `each(non_empty)`",
                    ));
                    continue;
                }
                let mut inner = Collected::default();
                collect(list, Place::Each, &mut inner, errors, &mut None);
                into.rules.push(Rule::Each {
                    key: arg.name,
                    rules: inner.rules,
                });
            }
            _ => unknown_rule(&arg.name, place, errors),
        }
    }
    match check {
        Some((key, function)) => into.rules.push(Rule::Check(Box::new(Check {
            key,
            function,
            message: message.map(|(_, text)| text),
            rule: rule_name.map(|(_, text)| text),
        }))),
        None => {
            for (key, _) in message.iter().chain(rule_name.iter()) {
                errors.push(INCOMPLETE_RULE.at(
                    key.span(),
                    format!("`{key} = ..` names a custom rule, but there is no `check = ..` in this `#[invariant(..)]`"),
                    format!("add the predicate it describes in the same attribute, a `fn(&T) -> bool` you write (its name is yours): `check = is_valid, {key} = ..`; or remove `{key} = ..`"),
                ));
            }
        }
    }
}

fn unknown_rule(name: &Ident, place: Place, errors: &mut Errors) {
    let text = name.to_string();
    let known = known_keys(place);
    let elsewhere = [
        (FIELD_RULES, "on a field"),
        (CONTAINER_KEYS, "on the struct or enum"),
    ]
    .into_iter()
    .find(|(keys, _)| keys.contains(&text.as_str()));
    if let Some((_, where_it_goes)) = elsewhere {
        let what = match place {
            Place::Container => "on the struct or enum itself",
            Place::Variant => "on an enum variant",
            Place::Field => "on a field",
            Place::Each => "inside `each(..)`",
        };
        let fix = match (place, text.as_str()) {
            (Place::Each, "required") => {
                "move `required` out of `each(..)` into the field's own list: `#[invariant(required, ..)]`".to_owned()
            }
            (Place::Variant, "required") => {
                "move `required` onto the variant's field that must be bound, in its `#[invariant(..)]` (which field is yours to say)".to_owned()
            }
            (Place::Field | Place::Each, "crate") => {
                "move this `crate = ..` onto the struct or enum, in an `#[invariant(..)]` of its own".to_owned()
            }
            (Place::Container | Place::Variant, _) => format!(
                "remove `{text}` here and put it on the field it checks (which field is yours to say): `#[invariant({text}{})]`",
                if text == "len" || text == "range" || text == "each" {
                    "(..)"
                } else {
                    ""
                }
            ),
            _ => format!("write `{text}` {where_it_goes}"),
        };
        errors.push(MISPLACED.at(name.span(), format!("`{text}` does not apply {what}"), fix));
        return;
    }
    if matches!(place, Place::Field | Place::Each)
        && let Some(fix) = synonym(&text)
    {
        errors.push(UNKNOWN_RULE.at(name.span(), format!("unknown invariant rule `{text}`"), fix));
        return;
    }
    let suggestion = did_you_mean(&text, known.iter().copied());
    let list = known
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let fix = match suggestion {
        Some(candidate) => {
            format!("replace `{text}` with `{candidate}` (the rules here are {list})")
        }
        None => format!("the rules here are {list}"),
    };
    let subject = match place {
        Place::Container | Place::Variant => "option",
        Place::Field | Place::Each => "rule",
    };
    errors.push(UNKNOWN_RULE.at(
        name.span(),
        format!("unknown invariant {subject} `{text}`"),
        fix,
    ));
}

/// Rules of other validation crates, and words people reach for, mapped to stateguard's rule.
fn synonym(text: &str) -> Option<&'static str> {
    Some(match text {
        "positive" => "write `range(greater_than = 0)`",
        "negative" => "write `range(less_than = 0)`",
        "min" | "max" | "minimum" | "maximum" => {
            "bound a number with `range(min = 0)`, a length with `len(min = 1)` (the bounds are yours to choose)"
        }
        "length" | "size" | "count" => "write `len(min = 1)` (the bounds are yours to choose)",
        "not_empty" | "nonempty" | "notempty" | "non_blank" | "not_blank" => "write `non_empty`",
        "dive" | "inner" | "validate" => {
            "write `nested` for a type that derives `Invariant`, or `each(..)` for the rules of every element"
        }
        "email" => {
            "write the predicate, a `fn(&T) -> bool` of yours (its name is yours to choose), and name it: `check = is_email`"
        }
        "url" => {
            "write the predicate, a `fn(&T) -> bool` of yours (its name is yours to choose), and name it: `check = is_url`"
        }
        "custom" | "predicate" | "with" | "pattern" | "regex" => {
            "write the predicate, a `fn(&T) -> bool` of yours (its name is yours to choose), and name it: `check = is_valid`"
        }
        _ => return None,
    })
}

fn malformed_flag(arg: &Arg, errors: &mut Errors) {
    errors.push(MALFORMED_ATTRIBUTE.at(
        arg.name.span(),
        format!("`{}` takes no value", arg.name),
        format!("write `#[invariant({})]` alone", arg.name),
    ));
}

fn value_of(arg: &Arg, syntax: &str, errors: &mut Errors) -> Option<Expr> {
    if let ArgValue::Value(value) = &arg.value {
        return Some(value.clone());
    }
    errors.push(MALFORMED_ATTRIBUTE.at(
        arg.name.span(),
        format!("`{}` takes a value", arg.name),
        format!("write `{syntax}`"),
    ));
    None
}

fn string_of(arg: &Arg, errors: &mut Errors) -> Option<LitStr> {
    if let ArgValue::Value(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    })) = &arg.value
    {
        return Some(text.clone());
    }
    let span = match &arg.value {
        ArgValue::Value(value) => value.span(),
        _ => arg.name.span(),
    };
    errors.push(MALFORMED_ATTRIBUTE.at(
        span,
        format!("`{}` takes a string literal", arg.name),
        match &arg.value {
            ArgValue::Value(value) => format!(
                "write it in quotes: `{} = \"{}\"`",
                arg.name,
                crate::diagnostics::tidy(value)
            ),
            _ => format!("write `{} = \"..\"` with the text of your choice", arg.name),
        },
    ));
    None
}

fn bounds(key: Ident, list: Vec<Arg>, errors: &mut Errors) -> Rule {
    let is_len = key == "len";
    let known = if is_len { LEN_KEYS } else { RANGE_KEYS };
    let mut found: Vec<Bound> = Vec::new();
    let mut unknown = false;
    for arg in list {
        let name = arg.name.to_string();
        if !known.contains(&name.as_str()) {
            let keys = known
                .iter()
                .map(|key| format!("`{key} = ..`"))
                .collect::<Vec<_>>()
                .join(", ");
            unknown = true;
            let close = did_you_mean(&name, known.iter().copied()).or_else(|| {
                known
                    .iter()
                    .copied()
                    .find(|key| name.starts_with(key) || key.starts_with(name.as_str()))
            });
            let value = match &arg.value {
                ArgValue::Value(value) => format!(" = {}", crate::diagnostics::tidy(value)),
                _ => String::new(),
            };
            let fix = match close {
                Some(candidate) => format!("write `{candidate}{value}` (`{key}(..)` takes {keys})"),
                None => format!("`{key}(..)` takes {keys}"),
            };
            errors.push(UNKNOWN_KEY.at(
                arg.name.span(),
                format!("`{key}(..)` has no key `{name}`"),
                fix,
            ));
            continue;
        }
        let ArgValue::Value(value) = arg.value else {
            errors.push(MALFORMED_ATTRIBUTE.at(
                arg.name.span(),
                format!("`{name}` in `{key}(..)` takes a value"),
                format!("write `{key}({name} = 10)`"),
            ));
            continue;
        };
        if let Some(previous) = found.iter().find(|bound| bound.key == name) {
            errors.push(DUPLICATE.at(
                arg.name.span(),
                format!(
                    "`{name}` is given twice in `{key}(..)` (first at the `{}` before)",
                    previous.key
                ),
                format!(
                    "remove this second `{name} = {}`",
                    crate::diagnostics::tidy(&value)
                ),
            ));
            continue;
        }
        if let Expr::Lit(syn::ExprLit { lit, .. }) = &value
            && !matches!(lit, syn::Lit::Int(_) | syn::Lit::Float(_))
        {
            errors.push(MALFORMED_ATTRIBUTE.spanning(
                lit,
                format!("`{name}` in `{key}(..)` takes a number or a constant, not this literal"),
                format!("write a number: `{key}({name} = 1)`"),
            ));
            // Reported: no second error for a rule left without bounds.
            unknown = true;
            continue;
        }
        found.push(Bound {
            key: arg.name,
            value: Box::new(value),
        });
    }
    if found.is_empty() && !unknown {
        errors.push(INCOMPLETE_RULE.at(
            key.span(),
            format!("`{key}(..)` has no bound"),
            if is_len {
                "give at least one bound: `len(min = 1)`, `len(max = 64)` or `len(min = 1, max = 64)`"
            } else {
                "give at least one bound: `range(min = 0)`, `range(max = 100)` or `range(min = 0, max = 100)`"
            },
        ));
    }
    let mut take = |name: &str| {
        found
            .iter()
            .position(|bound| bound.key == name)
            .map(|position| found.remove(position))
    };
    if is_len {
        let min = take("min");
        let max = take("max");
        Rule::Len { key, min, max }
    } else {
        let min = take("min");
        let max = take("max");
        let greater_than = take("greater_than");
        let less_than = take("less_than");
        Rule::Range {
            key,
            min,
            max,
            greater_than,
            less_than,
        }
    }
}

/// Two `len(..)` or two `range(..)` written as one, with every bound of both (the first
/// rule's bound where both give the same key).
fn merged_bounds(first: &Rule, second: &Rule) -> String {
    fn written(rule: &Rule) -> Vec<(String, String)> {
        let bounds: Vec<&Option<Bound>> = match rule {
            Rule::Len { min, max, .. } => vec![min, max],
            Rule::Range {
                min,
                max,
                greater_than,
                less_than,
                ..
            } => vec![min, greater_than, max, less_than],
            _ => Vec::new(),
        };
        bounds
            .into_iter()
            .flatten()
            .map(|bound| {
                (
                    bound.key.to_string(),
                    crate::diagnostics::tidy(&bound.value),
                )
            })
            .collect()
    }
    let mut all = written(first);
    for (key, value) in written(second) {
        if !all.iter().any(|(seen, _)| *seen == key) {
            all.push((key, value));
        }
    }
    let order = ["min", "greater_than", "max", "less_than"];
    all.sort_by_key(|(key, _)| order.iter().position(|known| known == key));
    let inner: Vec<String> = all
        .iter()
        .map(|(key, value)| format!("{key} = {value}"))
        .collect();
    format!("{}({})", first.key(), inner.join(", "))
}
