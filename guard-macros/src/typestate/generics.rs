//! Generic parameters: the machine's own, the machine's plus the state parameter, and the subset
//! each state's data uses (a state struct may only declare the parameters its fields mention).

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use std::collections::BTreeSet;
use syn::ext::IdentExt;
use syn::{GenericParam, Generics, Ident, WherePredicate};

/// Every identifier and lifetime (as `'a`) in `tokens`.
pub(crate) fn mentions(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let mut after_quote = false;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                if after_quote {
                    out.insert(format!("'{ident}"));
                } else {
                    out.insert(ident.unraw().to_string());
                }
                after_quote = false;
            }
            TokenTree::Punct(punct) => after_quote = punct.as_char() == '\'',
            TokenTree::Group(group) => {
                mentions(group.stream(), out);
                after_quote = false;
            }
            TokenTree::Literal(_) => after_quote = false,
        }
    }
}

fn param_name(param: &GenericParam) -> String {
    match param {
        GenericParam::Lifetime(param) => param.lifetime.to_string(),
        GenericParam::Type(param) => param.ident.unraw().to_string(),
        GenericParam::Const(param) => param.ident.unraw().to_string(),
    }
}

/// The parameters of `generics` that `tokens` (a state's field types) use, closed over the
/// parameters their bounds mention, with the where-predicates that only involve those.
pub(crate) fn subset(generics: &Generics, tokens: TokenStream) -> Generics {
    let all: BTreeSet<String> = generics.params.iter().map(param_name).collect();
    let mut seen = BTreeSet::new();
    mentions(tokens, &mut seen);
    let mut used: BTreeSet<String> = seen.intersection(&all).cloned().collect();
    // Bounds may mention further parameters (`T: Into<U>`): keep those too.
    loop {
        let before = used.len();
        for param in &generics.params {
            if used.contains(&param_name(param)) {
                let mut inner = BTreeSet::new();
                mentions(param.to_token_stream(), &mut inner);
                used.extend(inner.intersection(&all).cloned());
            }
        }
        if used.len() == before {
            break;
        }
    }
    let mut subset = Generics::default();
    for param in &generics.params {
        if used.contains(&param_name(param)) {
            subset.params.push(param.clone());
        }
    }
    if !subset.params.is_empty() {
        subset.lt_token = Some(Default::default());
        subset.gt_token = Some(Default::default());
    }
    if let Some(where_clause) = &generics.where_clause {
        let kept: Vec<&WherePredicate> = where_clause
            .predicates
            .iter()
            .filter(|predicate| {
                let mut inner = BTreeSet::new();
                mentions(predicate.to_token_stream(), &mut inner);
                let involved: BTreeSet<&String> = inner.intersection(&all).collect();
                !involved.is_empty() && involved.iter().all(|name| used.contains(*name))
            })
            .collect();
        if !kept.is_empty() {
            let mut clause = where_clause.clone();
            clause.predicates = kept.into_iter().cloned().collect();
            subset.where_clause = Some(clause);
        }
    }
    subset
}

/// The arguments that name `generics`' parameters in a type: `'a, T, N`.
pub(crate) fn arguments(generics: &Generics) -> Vec<TokenStream> {
    generics
        .params
        .iter()
        .map(|param| match param {
            GenericParam::Lifetime(param) => param.lifetime.to_token_stream(),
            GenericParam::Type(param) => param.ident.to_token_stream(),
            GenericParam::Const(param) => param.ident.to_token_stream(),
        })
        .collect()
}

/// `generics` with the state parameter `S: bound` appended (after lifetimes, types and consts).
pub(crate) fn with_state(generics: &Generics, state: &Ident, bound: &TokenStream) -> Generics {
    let mut extended = generics.clone();
    extended.params.push(syn::parse_quote!(#state: #bound));
    extended.lt_token = Some(Default::default());
    extended.gt_token = Some(Default::default());
    extended
}

/// `generics` with every default removed (defaults are only allowed on the type's declaration).
pub(crate) fn without_defaults(generics: &Generics) -> Generics {
    let mut stripped = generics.clone();
    for param in &mut stripped.params {
        match param {
            GenericParam::Type(param) => param.default = None,
            GenericParam::Const(param) => param.default = None,
            GenericParam::Lifetime(_) => {}
        }
    }
    stripped
}

/// `Name<'a, T, N>` or `Name`.
pub(crate) fn applied(name: &Ident, generics: &Generics) -> TokenStream {
    let arguments = arguments(generics);
    if arguments.is_empty() {
        quote!(#name)
    } else {
        quote!(#name<#(#arguments),*>)
    }
}
