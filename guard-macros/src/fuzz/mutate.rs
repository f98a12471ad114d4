//! Mutations of a token tree: each picks its places from the case's own random stream, so a case
//! is the same on every run.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// SplitMix64: small, fast, and the same on every platform.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (0 when `bound` is 0).
    pub(super) fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            usize::try_from(self.next() % (bound as u64)).unwrap_or(0)
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of case `case` of `macro_index` in a run seeded `seed`.
pub(super) fn case_seed(seed: u64, macro_index: usize, case: u64) -> u64 {
    let mut rng = Rng::new(seed ^ ((macro_index as u64) << 56));
    let mut mixed = Rng::new(rng.next() ^ case.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    mixed.next()
}

const KEYWORDS: &[&str] = &[
    "fn", "struct", "enum", "mod", "pub", "crate", "self", "Self", "super", "type", "where",
    "impl", "trait", "dyn", "as", "in", "for", "loop", "match", "if", "else", "let", "move", "ref",
    "mut", "static", "const", "unsafe", "async", "await", "try", "macro", "union", "_", "true",
    "false", "yield", "box", "gen",
];

/// Identifiers the macros give meaning to, and a few that collide with generated names.
const NAMES: &[&str] = &[
    "machine",
    "states",
    "initial",
    "terminal",
    "to",
    "strategy",
    "invariant",
    "required",
    "allow_unchecked",
    "serde",
    "range",
    "len",
    "non_empty",
    "nested",
    "each",
    "check",
    "min",
    "max",
    "message",
    "reason",
    "S",
    "State",
    "T",
    "Order",
    "OrderState",
    "Pending",
    "new",
    "state",
    "restore",
    "into_record",
    "Record",
    "__guard_seal",
    "field_0",
    "Copy",
    "Default",
    "Clone",
    "Debug",
    "Deserialize",
    "Invariant",
    "Option",
    "Vec",
    "String",
    "Box",
];

/// Keywords that can be raw identifiers (`r#type`); `self`, `Self`, `super`, `crate` and `_`
/// cannot.
fn can_be_raw(name: &str) -> bool {
    !matches!(name, "self" | "Self" | "super" | "crate" | "_") && !name.starts_with("r#")
}

fn literal(rng: &mut Rng) -> Literal {
    match rng.below(14) {
        0 => Literal::string("}"),
        1 => Literal::string(""),
        2 => Literal::string("a b"),
        3 => Literal::u8_suffixed(0),
        4 => Literal::i64_unsuffixed(-1),
        5 => Literal::f64_unsuffixed(1.5),
        6 => Literal::character('c'),
        7 => Literal::byte_string(b"x"),
        8 => Literal::u128_unsuffixed(u128::MAX),
        9 => Literal::usize_unsuffixed(rng.below(10)),
        10 => "1e309"
            .parse()
            .unwrap_or_else(|_| Literal::u8_unsuffixed(1)),
        11 => "r#\"raw\"#"
            .parse()
            .unwrap_or_else(|_| Literal::u8_unsuffixed(2)),
        12 => "c\"c\""
            .parse()
            .unwrap_or_else(|_| Literal::u8_unsuffixed(3)),
        _ => "b'b'".parse().unwrap_or_else(|_| Literal::u8_unsuffixed(4)),
    }
}

fn ident(rng: &mut Rng) -> TokenTree {
    let name = if rng.below(2) == 0 {
        *rng.pick(KEYWORDS)
    } else {
        *rng.pick(NAMES)
    };
    if rng.below(3) == 0 && can_be_raw(name) {
        TokenTree::Ident(Ident::new_raw(name, Span::call_site()))
    } else {
        TokenTree::Ident(Ident::new(name, Span::call_site()))
    }
}

fn random_token(rng: &mut Rng) -> TokenTree {
    match rng.below(4) {
        0 => ident(rng),
        1 => TokenTree::Literal(literal(rng)),
        2 => {
            let punct = *rng.pick(&['#', ',', ':', '=', '>', '<', '&', '\'', '.', ';', '!', '-']);
            TokenTree::Punct(Punct::new(punct, Spacing::Alone))
        }
        _ => TokenTree::Group(Group::new(delimiter(rng), TokenStream::new())),
    }
}

fn delimiter(rng: &mut Rng) -> Delimiter {
    *rng.pick(&[
        Delimiter::Parenthesis,
        Delimiter::Brace,
        Delimiter::Bracket,
        Delimiter::None,
    ])
}

/// An attribute the macros read (or misread), as tokens: `#` and a bracket group.
fn attribute(rng: &mut Rng) -> Vec<TokenTree> {
    const ATTRIBUTES: &[&str] = &[
        "initial",
        "terminal",
        "machine",
        "states",
        "to(go => Pending)",
        "to(r#loop => r#Done)",
        "to()",
        "invariant(non_empty)",
        "invariant(range(min = 1, max = 0))",
        "invariant(len(min = \"}\"))",
        "invariant(crate = try::reexport)",
        "invariant(crate = crate::Self)",
        "invariant(required)",
        "invariant(check = f)",
        "invariant(each(nested))",
        "required",
        "allow_unchecked(reason = \"\")",
        "strategy(1..2)",
        "cfg_attr(all(), derive(Copy, Default))",
        "derive(Clone, Debug)",
        "doc = \"x\"",
        "serde(skip)",
    ];
    let text = *rng.pick(ATTRIBUTES);
    let inner: TokenStream = text.parse().unwrap_or_default();
    vec![
        TokenTree::Punct(Punct::new('#', Spacing::Alone)),
        TokenTree::Group(Group::new(Delimiter::Bracket, inner)),
    ]
}

/// Visits the token lists of a tree (the top level and every group's contents) and lets `edit`
/// change the `target`-th list it meets. Returns whether the list was found.
fn edit_list(
    tokens: &mut Vec<TokenTree>,
    target: &mut usize,
    edit: &mut dyn FnMut(&mut Vec<TokenTree>),
) -> bool {
    if *target == 0 {
        edit(tokens);
        return true;
    }
    *target -= 1;
    for token in tokens.iter_mut() {
        if let TokenTree::Group(group) = token {
            let mut inner: Vec<TokenTree> = group.stream().into_iter().collect();
            if edit_list(&mut inner, target, edit) {
                let mut rebuilt = Group::new(group.delimiter(), inner.into_iter().collect());
                rebuilt.set_span(group.span());
                *token = TokenTree::Group(rebuilt);
                return true;
            }
        }
    }
    false
}

fn count_lists(tokens: &[TokenTree]) -> usize {
    1 + tokens
        .iter()
        .map(|token| match token {
            TokenTree::Group(group) => count_lists(&group.stream().into_iter().collect::<Vec<_>>()),
            _ => 0,
        })
        .sum::<usize>()
}

/// A random subtree of `tokens`: a run of up to four tokens from one of its lists.
fn subtree(rng: &mut Rng, tokens: &[TokenTree]) -> Vec<TokenTree> {
    let mut list = tokens.to_vec();
    let mut target = rng.below(count_lists(tokens));
    let mut picked = Vec::new();
    edit_list(&mut list, &mut target, &mut |found| {
        if !found.is_empty() {
            let start = rng.below(found.len());
            let length = 1 + rng.below(4);
            picked = found[start..(start + length).min(found.len())].to_vec();
        }
    });
    picked
}

/// One mutation of `tokens`; `donor` is another input to splice from.
pub(super) fn mutate(rng: &mut Rng, tokens: &mut Vec<TokenTree>, donor: &[TokenTree]) {
    let operator = rng.below(12);
    let donated = if operator == 11 {
        subtree(rng, donor)
    } else {
        Vec::new()
    };
    let mut target = rng.below(count_lists(tokens));
    let mut choice = Rng::new(rng.next());
    edit_list(tokens, &mut target, &mut |list| {
        apply(&mut choice, operator, list, &donated);
    });
}

fn apply(rng: &mut Rng, operator: usize, list: &mut Vec<TokenTree>, donated: &[TokenTree]) {
    let length = list.len();
    let at = rng.below(length);
    match operator {
        // Delete a token.
        0 if length > 0 => {
            list.remove(at);
        }
        // Duplicate a token.
        1 if length > 0 => {
            let token = list[at].clone();
            list.insert(at, token);
        }
        // Swap two tokens.
        2 if length > 1 => {
            let other = rng.below(length);
            list.swap(at, other);
        }
        // A keyword or a name in place of an identifier (raw or not).
        3 if length > 0 => {
            let position = (0..length)
                .map(|offset| (at + offset) % length)
                .find(|&index| matches!(list[index], TokenTree::Ident(_)))
                .unwrap_or(at);
            list[position] = ident(rng);
        }
        // Every identifier of the list made raw, where it can be.
        4 if rng.below(3) == 0 => {
            for token in list.iter_mut() {
                if let TokenTree::Ident(ident) = token
                    && can_be_raw(&ident.to_string())
                {
                    *token = TokenTree::Ident(Ident::new_raw(&ident.to_string(), ident.span()));
                }
            }
        }
        // An identifier made raw.
        4 => {
            let idents: Vec<usize> = (0..length)
                .filter(|&index| {
                    matches!(&list[index], TokenTree::Ident(ident) if can_be_raw(&ident.to_string()))
                })
                .collect();
            if !idents.is_empty() {
                let index = idents[rng.below(idents.len())];
                let name = list[index].to_string();
                list[index] = TokenTree::Ident(Ident::new_raw(&name, Span::call_site()));
            }
        }
        // A literal of another kind.
        5 if length > 0 => {
            let position = (0..length)
                .map(|offset| (at + offset) % length)
                .find(|&index| matches!(list[index], TokenTree::Literal(_)))
                .unwrap_or(at);
            list[position] = TokenTree::Literal(literal(rng));
        }
        // A run of tokens wrapped in a group.
        6 => {
            let end = (at + 1 + rng.below(4)).min(length);
            let inner: TokenStream = list.drain(at..end).collect();
            list.insert(
                at.min(list.len()),
                TokenTree::Group(Group::new(delimiter(rng), inner)),
            );
        }
        // A group with other delimiters, or its contents spilled out.
        7 => {
            if let Some(index) = (0..length)
                .map(|offset| (at + offset) % length)
                .find(|&index| matches!(list[index], TokenTree::Group(_)))
                && let TokenTree::Group(group) = list[index].clone()
            {
                if rng.below(2) == 0 {
                    list[index] = TokenTree::Group(Group::new(delimiter(rng), group.stream()));
                } else {
                    list.splice(index..=index, group.stream());
                }
            }
        }
        // Truncation.
        8 => list.truncate(at),
        // An attribute inserted.
        9 => {
            let attribute = attribute(rng);
            list.splice(at..at, attribute);
        }
        // A random token inserted.
        10 => {
            let token = random_token(rng);
            list.insert(at.min(length), token);
        }
        // A piece of another input spliced in, replacing a token or not.
        11 => {
            let end = if rng.below(2) == 0 {
                at
            } else {
                (at + 1).min(length)
            };
            list.splice(at..end, donated.iter().cloned());
        }
        _ => {}
    }
}
