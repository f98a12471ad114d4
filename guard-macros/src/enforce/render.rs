//! Code as the user would write it, for the fixes in diagnostics: `OrderStatus::Shipped(ref id)`
//! rather than the token printer's `OrderStatus :: Shipped (ref id)`.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

pub(super) fn render(node: &impl ToTokens) -> String {
    let mut text = String::new();
    write(node.to_token_stream(), &mut text);
    text
}

fn write(tokens: TokenStream, text: &mut String) {
    let mut previous_joint = false;
    for token in tokens {
        match &token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                if group.delimiter() == Delimiter::Brace {
                    space(text);
                }
                text.push_str(open);
                write(group.stream(), text);
                text.push_str(close);
                previous_joint = false;
            }
            TokenTree::Punct(punct) => {
                let character = punct.as_char();
                let standalone = !previous_joint && punct.spacing() == Spacing::Alone;
                if standalone && matches!(character, '@' | '|' | '=') {
                    space(text);
                }
                text.push(character);
                if standalone && matches!(character, ',' | '@' | '|' | '=' | ':') {
                    text.push(' ');
                }
                previous_joint = punct.spacing() == Spacing::Joint;
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                if text
                    .chars()
                    .last()
                    .is_some_and(|last| last.is_alphanumeric() || last == '_' || last == '"')
                {
                    text.push(' ');
                }
                text.push_str(&token.to_string());
                previous_joint = false;
            }
        }
    }
}

fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') && !text.ends_with('(') {
        text.push(' ');
    }
}

/// The arm's pattern around its `index`-th catch-all (counted as [`Reader`](super::pattern::Reader) meets them), for
/// fixes: `("Some(", ")")` for the `_` of `Some(_)`. Only the alternative holding it is kept, and
/// the guard is dropped.
pub(super) fn around(pattern: &syn::Pat, index: usize) -> (String, String) {
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

/// Replaces the `remaining`-th catch-all of `pattern` (in [`Reader`](super::pattern::Reader)'s order) with a placeholder;
/// `true` once done.
fn hole(pattern: &mut syn::Pat, remaining: &mut usize) -> bool {
    let is_catch_all = match &*pattern {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(binding) => {
            binding.subpat.is_none() && super::naming::is_binding(&binding.ident)
        }
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

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn patterns_read_as_written() {
        let cases: [(syn::Pat, &str); 6] = [
            (
                syn::parse_quote!(OrderStatus::Shipped(ref id)),
                "OrderStatus::Shipped(ref id)",
            ),
            (
                syn::parse_quote!(Status::Cancelled { reason, note: _ }),
                "Status::Cancelled { reason, note: _ }",
            ),
            (syn::parse_quote!(&Self::A(x, ..)), "&Self::A(x, ..)"),
            (syn::parse_quote!(a @ Some(1..=3)), "a @ Some(1..=3)"),
            (
                syn::parse_quote!(crate::S::A | crate::S::B),
                "crate::S::A | crate::S::B",
            ),
            (
                syn::parse_quote!(Wrapper::<u8>::A(mut x)),
                "Wrapper::<u8>::A(mut x)",
            ),
        ];
        for (pattern, expected) in cases {
            assert_eq!(render(&pattern), expected);
        }
    }
}
