//! Attribute and naming helpers every stage shares: which helper attribute an attribute is, what a
//! `derive(..)` names, an item's attributes, one `name => Target` entry of `#[to(..)]`, the
//! case conversions, and the names a states enum suggests. A leaf: it reads syn only.

use syn::Attribute;
use syn::ext::IdentExt;

pub(crate) fn is_named(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

/// The paths a `derive(..)` names, also under `cfg_attr(predicate, derive(..), ..)` at any depth:
/// a derive behind a condition that holds forges as well as a plain one.
pub(crate) fn derived_paths(meta: &syn::Meta) -> Vec<syn::Path> {
    type Paths = syn::punctuated::Punctuated<syn::Path, syn::Token![,]>;
    type Metas = syn::punctuated::Punctuated<syn::Meta, syn::Token![,]>;
    let syn::Meta::List(list) = meta else {
        return Vec::new();
    };
    if list.path.is_ident("derive") {
        return list
            .parse_args_with(Paths::parse_terminated)
            .map(|paths| paths.into_iter().collect())
            .unwrap_or_default();
    }
    if !list.path.is_ident("cfg_attr") {
        return Vec::new();
    }
    let Ok(metas) = list.parse_args_with(Metas::parse_terminated) else {
        return Vec::new();
    };
    // The first entry is the condition; the rest are the attributes it applies.
    metas.iter().skip(1).flat_map(derived_paths).collect()
}

/// The attribute naming a field's strategy: `#[strategy(expr)]`. `#[typestate]` strips it from
/// the structs it generates.
pub(crate) const STRATEGY_ATTRIBUTE: &str = "strategy";

/// Whether `attr` is `#[strategy(..)]`, which the generated structs must not carry.
pub(crate) fn is_strategy(attr: &syn::Attribute) -> bool {
    is_named(attr, STRATEGY_ATTRIBUTE)
}

/// The attributes of an item of a kind a marker may be put on (none for the other kinds).
pub(crate) fn item_attrs(item: &syn::Item) -> &[Attribute] {
    match item {
        syn::Item::Struct(entry) => &entry.attrs,
        syn::Item::Enum(entry) => &entry.attrs,
        syn::Item::Const(entry) => &entry.attrs,
        syn::Item::Fn(entry) => &entry.attrs,
        syn::Item::Type(entry) => &entry.attrs,
        syn::Item::Union(entry) => &entry.attrs,
        syn::Item::Trait(entry) => &entry.attrs,
        syn::Item::Static(entry) => &entry.attrs,
        _ => &[],
    }
}

/// One entry of `#[to(..)]`: `pay => Paid`, read as written (tokens kept for rewriting it).
pub(crate) struct ToEntry {
    pub(crate) name: syn::Ident,
    pub(crate) arrow: syn::Token![=>],
    pub(crate) target: syn::Ident,
}

impl syn::parse::Parse for ToEntry {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        Ok(Self {
            name: input.parse()?,
            arrow: input.parse()?,
            target: input.parse()?,
        })
    }
}

/// `ship_order` -> `ShipOrder`.
pub(crate) fn upper_camel(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut characters = part.chars();
            characters.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(characters).collect()
            })
        })
        .collect()
}

/// `ShippedLate` → `shipped_late`, `HTTPError` → `http_error`.
pub(crate) fn snake_case(name: &str) -> String {
    let characters: Vec<char> = name.chars().collect();
    let mut snake = String::new();
    for (position, character) in characters.iter().enumerate() {
        if character.is_uppercase() && position > 0 {
            let previous = characters[position - 1];
            let next_is_lower = characters
                .get(position + 1)
                .is_some_and(|next| next.is_lowercase());
            let starts_word = previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_is_lower);
            if starts_word && !snake.ends_with('_') {
                snake.push('_');
            }
        }
        snake.extend(character.to_lowercase());
    }
    snake
}

/// The names G0003's fix gives a states enum written without its module: the machine (`Order`
/// for `OrderState`) and the module (`order`).
pub(crate) fn names_for_states(states: &syn::Ident) -> (String, String) {
    let name = states.unraw().to_string();
    let machine = name
        .strip_suffix("States")
        .or_else(|| name.strip_suffix("State"))
        .filter(|machine| !machine.is_empty())
        .map_or_else(|| format!("{name}Machine"), str::to_owned);
    let module = snake_case(&machine);
    (machine, module)
}
