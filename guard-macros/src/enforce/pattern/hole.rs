//! The pattern around one catch-all, for the fixes of a catch-all nested in a larger pattern:
//! `("Some(", ")")` for the `_` of `Some(_)`.

use crate::enforce::naming::is_binding;
use crate::enforce::render::render;

/// The arm's pattern around its `index`-th catch-all (counted as [`Reader`](super::Reader) meets them), for
/// fixes: `("Some(", ")")` for the `_` of `Some(_)`. Only the alternative holding it is kept, and
/// the guard is dropped.
pub(in crate::enforce) fn around(pattern: &syn::Pat, index: usize) -> (String, String) {
    const HOLE: &str = "__guard_hole";
    let mut pattern = pattern.clone();
    let mut remaining = index;
    if !hole(&mut pattern, &mut remaining) {
        return (String::new(), String::new());
    }
    let text = render(&pattern);
    match text.split_once(HOLE) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (String::new(), String::new()),
    }
}

/// Replaces the `remaining`-th catch-all of `pattern` (in [`Reader`](super::Reader)'s order) with a placeholder;
/// `true` once done.
fn hole(pattern: &mut syn::Pat, remaining: &mut usize) -> bool {
    let is_catch_all = match &*pattern {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(binding) => binding.subpat.is_none() && is_binding(&binding.ident),
        _ => false,
    };
    if is_catch_all {
        if *remaining == 0 {
            *pattern = syn::parse_quote!(__guard_hole);
            return true;
        }
        *remaining -= 1;
        return false;
    }
    match pattern {
        syn::Pat::Ident(binding) => binding
            .subpat
            .as_mut()
            .is_some_and(|(_, sub)| hole(sub, remaining)),
        syn::Pat::Reference(reference) => hole(&mut reference.pat, remaining),
        syn::Pat::Paren(paren) => hole(&mut paren.pat, remaining),
        syn::Pat::Type(typed) => hole(&mut typed.pat, remaining),
        syn::Pat::Guard(guarded) => {
            let mut inner = (*guarded.pat).clone();
            let found = hole(&mut inner, remaining);
            *pattern = inner;
            found
        }
        syn::Pat::Or(or) => {
            let mut found = None;
            for case in &mut or.cases {
                if hole(case, remaining) {
                    found = Some(case.clone());
                    break;
                }
            }
            match found {
                Some(case) => {
                    *pattern = case;
                    true
                }
                None => false,
            }
        }
        syn::Pat::TupleStruct(tuple) => tuple
            .elems
            .iter_mut()
            .any(|element| hole(element, remaining)),
        syn::Pat::Struct(structure) => structure
            .fields
            .iter_mut()
            .any(|field| hole(&mut field.pat, remaining)),
        syn::Pat::Tuple(tuple) => tuple
            .elems
            .iter_mut()
            .any(|element| hole(element, remaining)),
        syn::Pat::Slice(slice) => slice
            .elems
            .iter_mut()
            .any(|element| hole(element, remaining)),
        _ => false,
    }
}
