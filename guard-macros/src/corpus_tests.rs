//! The macros never panic: each expansion function is fed a corpus of broken inputs — every
//! truncation of valid inputs (at the top level and inside every group), wrong item kinds and
//! garbage attribute arguments — and must answer with an error or an expansion, never a panic.

use crate::entry::Outcome;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use std::panic::{AssertUnwindSafe, catch_unwind};

const TYPESTATE_VALID: &str = r#"
pub mod order {
    use super::*;
    #[machine]
    pub struct Order<'a, T: Clone, const N: usize> where T: Default { id: u64, tag: &'a T }
    #[states]
    pub enum OrderState {
        #[initial] #[to(pay => Paid, cancel => Cancelled)]
        Pending,
        #[to(ship => Shipped, cancel => Cancelled)]
        Paid { payment_ref: String },
        #[to(deliver => Delivered)]
        Shipped(#[invariant(non_empty)] String),
        #[terminal] Delivered,
        #[terminal] Cancelled { reason: String },
    }
    impl<S> Drop for Order<S> { fn drop(&mut self) {} }
}
"#;

const INVARIANT_VALID: &[&str] = &[
    r#"
    #[invariant(check = shipped_has_tracking, message = "a shipped order needs a tracking id")]
    pub struct Order<T: Clone> where T: Default {
        #[invariant(non_empty)] name: String,
        #[invariant(len(min = 1, max = 64))] code: String,
        #[invariant(range(min = 1, max = 10))] qty: u32,
        #[invariant(nested)] inner: T,
        tracking_id: Option<String>,
    }
    "#,
    r#"
    pub enum OrderStatus {
        Pending,
        Shipped(#[invariant(required, non_empty)] String),
        Cancelled { #[invariant(required)] reason: String },
    }
    "#,
    r"pub struct Pair(#[invariant(range(min = 0, max = 9))] u8, u8);",
];

const ENFORCE_VALID: &[&str] = &[
    r#"
    fn describe(status: &OrderStatus) -> String {
        match status {
            OrderStatus::Shipped(tracking_id) => format!("{tracking_id}"),
            OrderStatus::Cancelled { reason } if !reason.is_empty() => reason.clone(),
            _ => String::new(),
        }
    }
    "#,
    r"
    impl Order {
        fn check(&self) -> bool {
            if let Self::Shipped(id) = self { return id.is_empty(); }
            let OrderStatus::Cancelled { reason } = &self.status else { return false };
            while let Some(OrderStatus::Shipped(ref id)) = next() { let _ = id; }
            matches!(self.status, OrderStatus::Pending)
        }
    }
    ",
    r"mod orders { use super::OrderStatus::*; fn f(s: OrderStatus) { match s { Shipped(x) => drop(x), _ => {} } } }",
];

/// Inputs that are not what the macro takes at all.
const GARBAGE: &[&str] = &[
    "",
    "fn",
    "struct",
    "enum E",
    "union U { a: u8 }",
    "const X: u8 = 0;",
    "trait T {}",
    "type A = B;",
    "static S: u8 = 0;",
    "extern crate core;",
    "macro_rules! m { () => {} }",
    "fn f() {}",
    "impl X {}",
    "mod m;",
    "mod m {}",
    "mod m { #[machine] }",
    "mod m { #[states] enum E {} }",
    "mod m { #[machine] struct M; #[states] enum S { #[initial] #[terminal] A } }",
    "mod m { #[machine] struct M; #[states] enum S { #[to] A, #[to()] B, #[to(=>)] C, #[to(x =>)] D } }",
    "mod m { #[machine] struct M; #[states] enum S { #[initial(x)] #[to(a => B, a => B)] A, B = 3 } }",
    "mod m { #[machine] union M { a: u8 } #[states] struct S; }",
    "struct S { #[invariant] a: u8 }",
    "struct S { #[invariant()] a: u8 }",
    "struct S { #[invariant(=)] a: u8 }",
    "struct S { #[invariant(range(min = ))] a: u8 }",
    "struct S { #[invariant(range(min = \"a\", max = [1]))] a: u8 }",
    "struct S { #[invariant(len(min = 9, max = 1))] a: String }",
    "struct S { #[invariant(check = )] a: u8 }",
    "struct S { #[invariant(check = 1 + 2)] a: u8 }",
    "struct S { #[invariant(nested, nested, non_empty = 3)] a: u8 }",
    "#[invariant(crate = 5)] struct S { #[invariant(non_empty)] a: String }",
    "#[invariant(check)] enum E { A(#[invariant(required = true)] u8) }",
    "enum E { A { #[invariant(each(each(non_empty)))] a: Vec<Vec<String>> } }",
    "fn f() { match x { } }",
    "fn f() { match x { A::B(..) => {}, _ => {} } }",
    "fn f() { match x { #[allow_unchecked] A::B(..) => {}, _ => {} } }",
    "fn f() { match x { #[allow_unchecked(reason)] A::B(..) => {}, _ => {} } }",
    "fn f() { match x { #[allow_unchecked(reason = 3)] A::B(..) => {}, _ => {} } }",
    "fn f() { if let A::B { .. } | A::C(_) = x {} }",
    "fn f() { let A::B(ref mut y @ Some(_)) = x else { return }; }",
    "fn f() { match &x { &A::B(ref y) | &A::C(ref y) => y, A::D { 0: z } => z } }",
    "fn f() { match x { <A as T>::B(y) => {} } }",
    "fn f() { match x { crate::a::A::B::<u8>(y) => {} } }",
];

/// Garbage attribute arguments for the attribute macros.
const ARGUMENTS: &[&str] = &[
    "",
    "crate",
    "crate =",
    "crate = 5",
    "crate = ::stateguard, crate = ::stateguard",
    "unknown",
    "unknown = 1",
    "(nested)",
    "=",
    ",",
    "crate = ::stateguard,",
];

/// Test code: the corpus is this file's own constant strings, every one of which lexes; a panic
/// here means the corpus was edited wrongly, not that a macro panicked.
fn parse(source: &str) -> TokenStream {
    source
        .parse()
        .unwrap_or_else(|error| panic!("the corpus itself must lex: {error:?} in {source}"))
}

/// Every truncation of `stream`: each top-level prefix, and each prefix of every group's contents
/// with the rest of the stream intact.
fn truncations(stream: &TokenStream) -> Vec<TokenStream> {
    let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
    let mut out = Vec::new();
    for length in 0..tokens.len() {
        out.push(tokens[..length].iter().cloned().collect());
    }
    for (position, token) in tokens.iter().enumerate() {
        if let TokenTree::Group(group) = token {
            for inner in truncations(&group.stream()) {
                let mut replaced = tokens.clone();
                let mut truncated = Group::new(group.delimiter(), inner);
                truncated.set_span(group.span());
                replaced[position] = TokenTree::Group(truncated);
                out.push(replaced.into_iter().collect());
            }
            if group.delimiter() != Delimiter::None {
                // The group's contents spilled out of their delimiters.
                let mut flattened: Vec<TokenTree> = tokens[..position].to_vec();
                flattened.extend(group.stream());
                flattened.extend(tokens[position + 1..].iter().cloned());
                out.push(flattened.into_iter().collect());
            }
        }
    }
    out
}

fn corpus(valid: &[&str]) -> Vec<TokenStream> {
    let mut inputs: Vec<TokenStream> = GARBAGE.iter().map(|source| parse(source)).collect();
    for source in valid {
        let stream = parse(source);
        inputs.extend(truncations(&stream));
        inputs.push(stream);
    }
    inputs
}

fn assert_never_panics(
    name: &str,
    inputs: &[TokenStream],
    expand: impl Fn(TokenStream) -> Outcome,
) {
    let mut panicked = Vec::new();
    for input in inputs {
        let result = catch_unwind(AssertUnwindSafe(|| expand(input.clone())));
        if result.is_err() {
            panicked.push(input.to_string());
        }
    }
    assert!(
        panicked.is_empty(),
        "{name} panicked on {} of {} inputs; first: {}",
        panicked.len(),
        inputs.len(),
        panicked[0]
    );
}

/// Inputs that cannot be a valid use of the macro must produce an error, not an expansion.
fn assert_rejected(name: &str, inputs: &[&str], expand: impl Fn(TokenStream) -> Outcome) {
    for source in inputs {
        let outcome = catch_unwind(AssertUnwindSafe(|| expand(parse(source))));
        assert!(
            matches!(outcome, Ok(Outcome::Failed { .. })),
            "{name} accepted (or panicked on) the invalid input `{source}`"
        );
    }
}

#[test]
fn typestate_never_panics() {
    let inputs = corpus(&[TYPESTATE_VALID]);
    assert!(
        inputs.len() > 150,
        "the corpus shrank to {} inputs",
        inputs.len()
    );
    assert_never_panics("#[typestate]", &inputs, |item| {
        crate::typestate::expand(TokenStream::new(), item)
    });
    let module = parse(TYPESTATE_VALID);
    for arguments in ARGUMENTS {
        let arguments = parse(arguments);
        assert_never_panics("#[typestate(..)]", core::slice::from_ref(&module), |item| {
            crate::typestate::expand(arguments.clone(), item)
        });
    }
    assert_rejected(
        "#[typestate]",
        &[
            "",
            "fn f() {}",
            "struct S;",
            "mod m;",
            "mod m {}",
            "mod m { #[machine] struct M; }",
        ],
        |item| crate::typestate::expand(TokenStream::new(), item),
    );
}

#[test]
fn invariant_never_panics() {
    let inputs = corpus(INVARIANT_VALID);
    assert!(
        inputs.len() > 150,
        "the corpus shrank to {} inputs",
        inputs.len()
    );
    assert_never_panics("#[derive(Invariant)]", &inputs, crate::invariant::expand);
    assert_rejected(
        "#[derive(Invariant)]",
        &[
            "",
            "union U { a: u8 }",
            "struct S { #[invariant(no_such_rule)] a: u8 }",
            "struct S { #[invariant(len(min = 9, max = 1))] a: String }",
        ],
        crate::invariant::expand,
    );
}

#[test]
fn enforce_never_panics() {
    let inputs = corpus(ENFORCE_VALID);
    assert!(
        inputs.len() > 150,
        "the corpus shrank to {} inputs",
        inputs.len()
    );
    assert_never_panics("#[enforce_state_invariants]", &inputs, |item| {
        crate::enforce::expand(TokenStream::new(), item)
    });
    let function = parse(ENFORCE_VALID[0]);
    for arguments in ARGUMENTS {
        let arguments = parse(arguments);
        assert_never_panics(
            "#[enforce_state_invariants(..)]",
            core::slice::from_ref(&function),
            |item| crate::enforce::expand(arguments.clone(), item),
        );
    }
    assert_rejected(
        "#[enforce_state_invariants]",
        &["", "struct S;", "const X: u8 = 0;"],
        |item| crate::enforce::expand(TokenStream::new(), item),
    );
}
