//! The item as `#[derive(Generate)]` sees it: how to build each of its values, and what to draw
//! for each field.

use crate::diagnostics::{Errors, MALFORMED_ATTRIBUTE, WRONG_ITEM_KIND};
use syn::{DeriveInput, Fields, Ident, Type};

pub(super) struct Input<'a> {
    pub(super) item: &'a DeriveInput,
    /// The path generated code writes before stateguard's items.
    pub(super) krate: syn::Path,
    /// The struct's one constructor, or one per variant.
    pub(super) constructors: Vec<Constructor<'a>>,
}

/// One way to build a value: `Self { .. }`, `Self(..)`, `Self::Variant { .. }`.
pub(super) struct Constructor<'a> {
    pub(super) variant: Option<&'a Ident>,
    pub(super) fields: &'a Fields,
    pub(super) draws: Vec<Draw<'a>>,
}

/// What a field is drawn from.
pub(super) enum Draw<'a> {
    /// Its type's `Generate::strategy()`.
    Generate(&'a Type),
    /// The strategy its `#[strategy(expr)]` names.
    Strategy(syn::Expr),
}

pub(super) fn parse<'a>(item: &'a DeriveInput, errors: &mut Errors) -> Option<Input<'a>> {
    let name = &item.ident;
    let krate = crate_path(item, errors);
    if let Some(lifetime) = item.generics.lifetimes().next() {
        errors.push(WRONG_ITEM_KIND.at(
            lifetime.lifetime.span(),
            format!(
                "`#[derive(Generate)]` cannot draw values of `{name}`: it borrows, and drawn values live as long as the test; a test draws the owned data it borrows from instead"
            ),
            format!("remove `Generate` from the derive list of `{name}`"),
        ));
    }
    let constructors = match &item.data {
        syn::Data::Struct(data) => vec![constructor(None, &data.fields, errors)],
        syn::Data::Enum(data) if data.variants.is_empty() => {
            errors.push(WRONG_ITEM_KIND.at(
                name.span(),
                format!(
                    "`#[derive(Generate)]` cannot draw values of `{name}`: an enum without variants has none"
                ),
                format!("remove `Generate` from the derive list of `{name}`"),
            ));
            return None;
        }
        syn::Data::Enum(data) => data
            .variants
            .iter()
            .map(|variant| constructor(Some(&variant.ident), &variant.fields, errors))
            .collect(),
        syn::Data::Union(data) => {
            errors.push(WRONG_ITEM_KIND.at(
                data.union_token.span,
                format!(
                    "`#[derive(Generate)]` cannot draw values of the union `{name}`: which field is live is not known; a test that needs them implements `stateguard::proptest::Generate` by hand"
                ),
                format!("remove `Generate` from the derive list of `{name}`"),
            ));
            return None;
        }
    };
    Some(Input {
        item,
        krate: krate?,
        constructors,
    })
}

fn constructor<'a>(
    variant: Option<&'a Ident>,
    fields: &'a Fields,
    errors: &mut Errors,
) -> Constructor<'a> {
    let draws = fields
        .iter()
        .map(|field| {
            let named = field
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("strategy"))
                .find_map(|attr| {
                    errors.take(attr.parse_args::<syn::Expr>().map_err(|_| {
                        MALFORMED_ATTRIBUTE.spanning(
                            attr,
                            "`#[strategy(..)]` takes the expression of a proptest strategy",
                            "write `#[strategy(\"[a-z]{1,8}\")]` or `#[strategy(0..100_u32)]`",
                        )
                    }))
                });
            named.map_or(Draw::Generate(&field.ty), Draw::Strategy)
        })
        .collect();
    Constructor {
        variant,
        fields,
        draws,
    }
}

/// `#[generate(crate = path)]`, else `::stateguard`; `None` after an error.
fn crate_path(item: &DeriveInput, errors: &mut Errors) -> Option<syn::Path> {
    let mut krate: syn::Path = syn::parse_quote!(::stateguard);
    let mut ok = true;
    for attr in item
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("generate"))
    {
        let parsed = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("crate") {
                let found = meta
                    .path
                    .get_ident()
                    .map_or_else(|| String::from("this"), |ident| format!("`{ident}`"));
                return Err(meta.error(format!("{found} is not one")));
            }
            let path: syn::Path = meta.value()?.parse()?;
            if let Some((span, why)) = crate::crate_path::problem(&path) {
                return Err(syn::Error::new(span, why));
            }
            krate = path;
            Ok(())
        });
        if let Err(error) = parsed {
            ok = false;
            errors.push(MALFORMED_ATTRIBUTE.at(
                error.span(),
                format!("`#[generate(..)]` takes only `crate = path`: {error}"),
                "write `#[generate(crate = ::stateguard)]` with the name your Cargo.toml gives stateguard",
            ));
        }
    }
    ok.then_some(krate)
}
