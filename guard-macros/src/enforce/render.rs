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
