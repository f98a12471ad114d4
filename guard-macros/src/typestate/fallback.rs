//! What is emitted next to errors, so that one mistake does not cascade into errors in the code
//! that uses the machine.
//!
//! First choice, [`repaired`]: the module as the errors' own fixes would leave it, wherever a fix
//! needs no choice of the user's (a misspelt target read as the state the message suggests, the
//! first state marked `#[initial]`, a refused derive removed, ...). The repaired module is
//! expanded in full, so `Order<Pending>`, `new`, the transitions, the getters and `OrderState`
//! exist for the code around it, and the only errors the user sees are the coded ones.
//!
//! Last resort, [`fallback`]: the user's module without `#[typestate]`'s helper attributes.

use super::attrs::{ToEntry, names_for_states};
use super::parse::{HELPER_ATTRIBUTES, is_named, misspelled_helper};
use crate::diagnostics::did_you_mean;
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use std::collections::BTreeSet;
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Ident, Item, ItemEnum, ItemMod, ItemStruct, Meta, Token};

/// Derives the macro refuses on the machine or the states (G0112, G0114): the fix removes them.
const REFUSED_DERIVES: [&str; 4] = ["Copy", "Default", "Deserialize", "Invariant"];

/// The module to expand in place of `item` so the machine keeps its shape, and the items to emit
/// after it. `None` when `item` declares no machine this can recover.
pub(crate) fn repaired(item: &Item) -> Option<(Item, TokenStream)> {
    match item {
        Item::Mod(module) if module.content.is_some() => {
            let mut module = module.clone();
            repair_module(&mut module);
            Some((Item::Mod(module), TokenStream::new()))
        }
        Item::Enum(states) => Some(wrapped(states)),
        _ => None,
    }
}

/// `args` without the options that cannot be read, and without `serde` for a machine that
/// borrows (G0113): the options the fixes of G0002 and G0113 remove.
pub(crate) fn repaired_args(args: &TokenStream, item: &Item) -> TokenStream {
    let Ok(metas) = syn::parse::Parser::parse2(
        Punctuated::<Meta, Token![,]>::parse_terminated,
        args.clone(),
    ) else {
        return TokenStream::new();
    };
    let borrows =
        machine(item).is_some_and(|machine| machine.generics.lifetimes().next().is_some());
    let kept = metas.into_iter().filter(|meta| {
        let mut errors = crate::diagnostics::Errors::default();
        super::parse::args(meta.to_token_stream(), &mut errors);
        errors.is_empty() && !(borrows && meta.path().is_ident("serde"))
    });
    quote!(#(#kept),*)
}

fn machine(item: &Item) -> Option<&ItemStruct> {
    let Item::Mod(module) = item else {
        return None;
    };
    module
        .content
        .as_ref()?
        .1
        .iter()
        .find_map(|entry| match entry {
            Item::Struct(machine) if has(&machine.attrs, "machine") => Some(machine),
            _ => None,
        })
}

fn has(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|attr| is_named(attr, name))
}

fn repair_module(module: &mut ItemMod) {
    // G0107, G0108, G0003 (a `#[machine]` enum): the markers where the fixes put them.
    super::markers::apply(module);
    repair_items(module);
    // G0111, read from the module the other fixes leave.
    super::renames::apply(module);
}

fn repair_items(module: &mut ItemMod) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let (mut machine_seen, mut states_seen) = (false, false);
    for entry in items.iter_mut() {
        match entry {
            Item::Struct(machine) if has(&machine.attrs, "machine") => {
                // G0110: a second `#[machine]` is an ordinary struct.
                if std::mem::replace(&mut machine_seen, true) {
                    machine.attrs.retain(|attr| !is_named(attr, "machine"));
                } else {
                    repair_machine(machine);
                }
            }
            Item::Enum(states) if has(&states.attrs, "states") => {
                if std::mem::replace(&mut states_seen, true) {
                    states.attrs.retain(|attr| !is_named(attr, "states"));
                } else {
                    repair_states(states);
                }
            }
            _ => {}
        }
    }
}

/// G0112, G0114 (refused derives) and G0113 (public fields, a tuple struct).
fn repair_machine(machine: &mut ItemStruct) {
    without_refused_derives(&mut machine.attrs);
    if let Fields::Unnamed(unnamed) = &machine.fields {
        // The fix names the fields `field_0`, `field_1`, ...
        let fields = unnamed.unnamed.iter().enumerate().map(|(position, field)| {
            let name = format_ident!(
                "field_{}",
                position,
                span = field
                    .ty
                    .to_token_stream()
                    .into_iter()
                    .next()
                    .map_or_else(Span::call_site, |token| token.span())
            );
            let attrs = &field.attrs;
            let ty = &field.ty;
            quote!(#(#attrs)* #name: #ty)
        });
        if let Ok(named) = syn::parse2(quote!({ #(#fields),* })) {
            machine.fields = Fields::Named(named);
            machine.semi_token = None;
        }
    }
    for field in &mut machine.fields {
        field.vis = syn::Visibility::Inherited;
    }
}

/// The graph as the fixes of G0101, G0103, G0002 (misspelt helpers, unreadable `#[to(..)]`),
/// G0112, G0114, G0113 (generics, discriminants) and G0207 would leave it.
fn repair_states(states: &mut ItemEnum) {
    without_refused_derives(&mut states.attrs);
    states.generics = syn::Generics::default();
    let names: Vec<String> = states
        .variants
        .iter()
        .map(|variant| variant.ident.unraw().to_string())
        .collect();
    let mut added: Vec<Ident> = Vec::new();
    for variant in &mut states.variants {
        variant.discriminant = None;
        for attr in &mut variant.attrs {
            if let Some(meant) = misspelled_helper(attr) {
                rename(attr, meant);
            }
        }
        let mut kept = Vec::new();
        for mut attr in std::mem::take(&mut variant.attrs) {
            if is_named(&attr, "to") {
                match repaired_to(&attr, &names, &mut added) {
                    Some(meta) => attr.meta = meta,
                    // An unreadable `#[to(..)]` (reported): the state is left without it.
                    None => continue,
                }
            }
            kept.push(attr);
        }
        variant.attrs = kept;
        for field in &mut variant.fields {
            without_required(&mut field.attrs);
        }
    }
    let has_initial = states
        .variants
        .iter()
        .any(|variant| has(&variant.attrs, "initial"));
    if !has_initial && let Some(first) = states.variants.first_mut() {
        first.attrs.insert(0, syn::parse_quote!(#[initial]));
    }
    for name in added {
        states.variants.push(syn::parse_quote!(#[terminal] #name));
    }
}

/// `#[to(..)]` with each unknown target replaced by the state the message suggests, or kept and
/// added to `added` (the fix adds the state); `None` when the list cannot be read.
fn repaired_to(attr: &Attribute, names: &[String], added: &mut Vec<Ident>) -> Option<Meta> {
    let list = attr.meta.require_list().ok()?;
    let pairs = list
        .parse_args_with(Punctuated::<ToEntry, Token![,]>::parse_terminated)
        .ok()?;
    if pairs.is_empty() {
        return None;
    }
    let mut seen = BTreeSet::new();
    let pairs = pairs.into_iter().filter_map(|mut pair| {
        // G0102: the second of two transitions of one name is left out.
        if !seen.insert(pair.name.to_string()) {
            return None;
        }
        let target = pair.target.unraw().to_string();
        if !names.contains(&target) {
            match did_you_mean(&target, names.iter().map(String::as_str)) {
                Some(meant) => pair.target = ident_from(meant, pair.target.span()),
                None if !added.iter().any(|state| state.unraw() == target) => {
                    added.push(pair.target.clone());
                }
                None => {}
            }
        }
        let ToEntry {
            name,
            arrow,
            target,
        } = pair;
        Some(quote!(#name #arrow #target))
    });
    let path = &list.path;
    Some(syn::parse_quote!(#path(#(#pairs),*)))
}

fn rename(attr: &mut Attribute, name: &str) {
    let span = attr
        .path()
        .get_ident()
        .map_or_else(Span::call_site, Ident::span);
    let ident = Ident::new(name, span);
    match &mut attr.meta {
        Meta::Path(path) => *path = ident.into(),
        Meta::List(list) => list.path = ident.into(),
        Meta::NameValue(value) => value.path = ident.into(),
    }
}

/// Removes the derives the macro refuses, inside `cfg_attr` too; drops an attribute left empty.
fn without_refused_derives(attrs: &mut Vec<Attribute>) {
    attrs.retain_mut(|attr| match without_refused(&attr.meta) {
        Some(meta) => {
            attr.meta = meta;
            true
        }
        None => false,
    });
}

fn without_refused(meta: &Meta) -> Option<Meta> {
    let Meta::List(list) = meta else {
        return Some(meta.clone());
    };
    if list.path.is_ident("derive") {
        let Ok(paths) = list.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        else {
            return Some(meta.clone());
        };
        let kept: Vec<&syn::Path> = paths
            .iter()
            .filter(|path| {
                path.segments.last().is_none_or(|segment| {
                    !REFUSED_DERIVES
                        .iter()
                        .any(|refused| segment.ident == refused)
                })
            })
            .collect();
        return (!kept.is_empty()).then(|| syn::parse_quote!(derive(#(#kept),*)));
    }
    if list.path.is_ident("cfg_attr") {
        let Ok(metas) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return Some(meta.clone());
        };
        let mut metas = metas.into_iter();
        let condition = metas.next()?;
        let kept: Vec<Meta> = metas.filter_map(|inner| without_refused(&inner)).collect();
        return (!kept.is_empty()).then(|| syn::parse_quote!(cfg_attr(#condition, #(#kept),*)));
    }
    Some(meta.clone())
}

/// Removes `required` from a state field's `#[invariant(..)]` (G0207); drops it when empty.
fn without_required(attrs: &mut Vec<Attribute>) {
    attrs.retain_mut(|attr| {
        if !is_named(attr, "invariant") {
            return true;
        }
        let Ok(rules) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        else {
            return true;
        };
        if !rules.iter().any(|rule| rule.path().is_ident("required")) {
            return true;
        }
        let kept: Vec<&Meta> = rules
            .iter()
            .filter(|rule| !rule.path().is_ident("required"))
            .collect();
        if kept.is_empty() {
            return false;
        }
        *attr = syn::parse_quote!(#[invariant(#(#kept),*)]);
        true
    });
}

/// G0003's fix for `#[typestate]` on the states enum: the enum in a module with a unit machine,
/// and the module's items brought back into scope.
fn wrapped(states: &ItemEnum) -> (Item, TokenStream) {
    let (machine, module) = names_for_states(&states.ident);
    let machine = ident_from(&machine, states.ident.span());
    // Not the fix's `order`: the fallback must not clash with a module of the user's.
    let module = format_ident!("__guard_{}", module, span = states.ident.span());
    let vis = &states.vis;
    let mut states = states.clone();
    states.attrs.insert(0, syn::parse_quote!(#[states]));
    // Seen from the parent module as the enum was.
    if matches!(states.vis, syn::Visibility::Inherited) {
        states.vis = syn::parse_quote!(pub(super));
    }
    let inner_vis = states.vis.clone();
    let item = syn::parse_quote! {
        #vis mod #module {
            #[allow(unused_imports)]
            use super::*;
            #[machine]
            #inner_vis struct #machine;
            #states
        }
    };
    (item, quote!(#[allow(unused_imports)] #vis use #module::*;))
}

/// The module without any of `#[typestate]`'s helper attributes (nor `#[invariant]`, whose derive
/// is only added on success), so that one mistake does not cascade into unrelated errors.
pub(crate) fn fallback(mut item: Item) -> TokenStream {
    fn strip(attrs: &mut Vec<Attribute>) {
        attrs.retain(|attr| {
            !HELPER_ATTRIBUTES.iter().any(|name| is_named(attr, name))
                && !is_named(attr, "invariant")
        });
        // A hand-written `#[derive(Invariant)]` (G0114) would now find no rules and add errors.
        for attr in attrs.iter_mut() {
            if is_named(attr, "derive")
                && let Ok(paths) =
                    attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                && paths.iter().any(is_invariant)
            {
                let kept: Punctuated<syn::Path, syn::Token![,]> = paths
                    .into_iter()
                    .filter(|path| !is_invariant(path))
                    .collect();
                *attr = syn::parse_quote!(#[derive(#kept)]);
            }
        }
    }
    fn is_invariant(path: &syn::Path) -> bool {
        path.segments
            .last()
            .is_some_and(|segment| segment.ident == "Invariant")
    }
    fn strip_fields(fields: &mut Fields) {
        for field in fields.iter_mut() {
            strip(&mut field.attrs);
        }
    }
    if let Item::Mod(module) = &mut item
        && let Some((_, items)) = &mut module.content
    {
        for entry in items {
            match entry {
                Item::Struct(entry) => {
                    strip(&mut entry.attrs);
                    strip_fields(&mut entry.fields);
                }
                Item::Enum(entry) => {
                    // Generics belong on the machine (G0113); without a field using them they
                    // would only add "parameter is never used".
                    if entry.attrs.iter().any(|attr| is_named(attr, "states")) {
                        entry.generics = syn::Generics::default();
                    }
                    let is_states = entry.attrs.iter().any(|attr| is_named(attr, "states"));
                    strip(&mut entry.attrs);
                    for variant in &mut entry.variants {
                        strip(&mut variant.attrs);
                        if is_states {
                            // Already reported with a did-you-mean; rustc would add "cannot find".
                            variant
                                .attrs
                                .retain(|attr| misspelled_helper(attr).is_none());
                        }
                        strip_fields(&mut variant.fields);
                    }
                }
                Item::Const(entry) => strip(&mut entry.attrs),
                Item::Fn(entry) => strip(&mut entry.attrs),
                Item::Type(entry) => strip(&mut entry.attrs),
                Item::Trait(entry) => strip(&mut entry.attrs),
                Item::Static(entry) => strip(&mut entry.attrs),
                Item::Union(entry) => strip(&mut entry.attrs),
                _ => {}
            }
        }
    }
    if let Item::Enum(entry) = &mut item {
        // `#[typestate]` on the states enum (G0003) with no machine to recover.
        strip(&mut entry.attrs);
        for variant in &mut entry.variants {
            strip(&mut variant.attrs);
            strip_fields(&mut variant.fields);
        }
    }
    item.into_token_stream()
}

/// The identifier `text` (a name read back from the user's code, without `r#`), raw when it is a
/// keyword.
fn ident_from(text: &str, span: Span) -> Ident {
    syn::parse_str::<Ident>(text).map_or_else(
        |_| Ident::new_raw(text, span),
        |mut ident| {
            ident.set_span(span);
            ident
        },
    )
}
