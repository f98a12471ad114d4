//! Every error stateguard's macros raise: a stable code, what is wrong, and the fix as code to write.
//!
//! The registry is split by macro (`typestate`, `invariant`, `enforce`); codes are `G01xx`, `G02xx`
//! and `G03xx` respectively, `G00xx` for errors any macro can raise. `docs/errors.md` explains each
//! code, and `tests/ui` holds at least one ui test per code (checked by `tests/registry.rs`).

pub(crate) mod enforce;
pub(crate) mod invariant;
pub(crate) mod typestate;

use proc_macro2::Span;
use quote::ToTokens;

/// A registered error code.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Code {
    pub(crate) id: &'static str,
    /// One line: what the code means; the heading of its entry in `docs/errors.md` (the registry
    /// test holds the two in step).
    #[cfg_attr(not(test), allow(dead_code, reason = "read by the registry test only"))]
    pub(crate) title: &'static str,
}

impl Code {
    /// An error at `span`: `[id] message`, then `help: fix` on its own line.
    pub(crate) fn at(
        self,
        span: Span,
        message: impl AsRef<str>,
        fix: impl AsRef<str>,
    ) -> syn::Error {
        syn::Error::new(span, self.render(message.as_ref(), fix.as_ref()))
    }

    /// An error spanning all of `tokens` (first to last token), for multi-token offenders.
    pub(crate) fn spanning(
        self,
        tokens: impl ToTokens,
        message: impl AsRef<str>,
        fix: impl AsRef<str>,
    ) -> syn::Error {
        syn::Error::new_spanned(tokens, self.render(message.as_ref(), fix.as_ref()))
    }

    fn render(self, message: &str, fix: &str) -> String {
        if fix.is_empty() {
            format!("[{}] {message}", self.id)
        } else {
            format!("[{}] {message}\nhelp: {fix}", self.id)
        }
    }
}

/// `tokens` with every span set to `span`: generated code whose failure the compiler must report
/// on the user's token (a `#[track_caller]` call is reported at its own span, and a path keeps
/// the spans it was built with).
pub(crate) fn on_span(tokens: proc_macro2::TokenStream, span: Span) -> proc_macro2::TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), on_span(group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// Tokens as a person writes them: `Vec<&'a str>` rather than `Vec < & 'a str >`, for code
/// quoted in a message.
pub(crate) fn tidy(tokens: impl ToTokens) -> String {
    let mut text = tokens.to_token_stream().to_string();
    for (spaced, tight) in [
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        (" :: ", "::"),
        (":: ", "::"),
        (" : ", ": "),
        ("& '", "&'"),
        ("& mut ", "&mut "),
        (" ;", ";"),
        ("( ", "("),
        (" )", ")"),
        (" .", "."),
        (". ", "."),
        ("[ ", "["),
        (" ]", "]"),
    ] {
        text = text.replace(spaced, tight);
    }
    if let Some(rest) = text.strip_prefix("& ") {
        text = format!("&{rest}");
    }
    text = text.replace("(& ", "(&").replace(" & ", " &");
    text
}

/// Attribute input that is not of the form the attribute takes.
pub(crate) const MALFORMED_ATTRIBUTE: Code = Code {
    id: "G0002",
    title: "malformed attribute arguments",
};
/// The attribute is on an item kind it does not support.
pub(crate) const WRONG_ITEM_KIND: Code = Code {
    id: "G0003",
    title: "attribute on an item it does not support",
};

/// `check_machine!` used without stateguard's `proptest` feature: the featureless
/// `check_machine!` in `stateguard`'s `lib.rs` hands its arguments to [`feature_off`].
pub(crate) const FEATURE_OFF: Code = Code {
    id: "G0004",
    title: "macro of a feature that is off",
};

/// G0004 spanned on the caller's arguments (`order::Order` in `check_machine!(order::Order)`), so
/// the user's file is the error's primary span, not stateguard's source.
pub(crate) fn feature_off(arguments: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let message = "`check_machine!` needs stateguard's `proptest` feature, which is off";
    let fix = "add `features = [\"proptest\"]` to the `stateguard` entry of Cargo.toml (under `[dev-dependencies]` when only tests use it): `stateguard = { version = \"0.1\", features = [\"proptest\"] }`";
    let error = if arguments.is_empty() {
        FEATURE_OFF.at(Span::call_site(), message, fix)
    } else {
        FEATURE_OFF.spanning(arguments, message, fix)
    };
    error.to_compile_error()
}

/// A setting `check_machine!` does not have (`case = 100`): the macro hands the setting's name to
/// [`unknown_setting`].
pub(crate) const UNKNOWN_SETTING: Code = Code {
    id: "G0005",
    title: "`check_machine!` setting that does not exist",
};

/// The settings of `check_machine!`, each a method of `stateguard::proptest::Checker`.
const SETTINGS: [&str; 5] = ["cases", "max_steps", "seed", "postcondition", "model"];

/// G0005 spanned on the setting's name, with the setting meant when one is close.
pub(crate) fn unknown_setting(setting: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let name = setting.to_string();
    let listed = "the settings are `cases`, `max_steps`, `seed`, `postcondition` and `model`";
    let fix = match did_you_mean(&name, SETTINGS.iter().copied()) {
        Some(meant) => format!("write `{meant}` in place of `{name}`; {listed}"),
        None => format!("remove `{name} = ..`; {listed}"),
    };
    let message = format!("`check_machine!` has no setting `{name}`");
    let error = if setting.is_empty() {
        UNKNOWN_SETTING.at(Span::call_site(), message, fix)
    } else {
        UNKNOWN_SETTING.spanning(setting, message, fix)
    };
    error.to_compile_error()
}

/// Every registered code, for the registry test and the docs.
#[cfg(test)]
pub(crate) fn all() -> Vec<Code> {
    let mut codes = vec![
        MALFORMED_ATTRIBUTE,
        WRONG_ITEM_KIND,
        FEATURE_OFF,
        UNKNOWN_SETTING,
    ];
    codes.extend_from_slice(typestate::ALL);
    codes.extend_from_slice(invariant::ALL);
    codes.extend_from_slice(enforce::ALL);
    codes
}

/// Collects errors; `finish` reports all of them at once.
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// Records the error of `result`, if any, and gives back its value.
    pub(crate) fn take<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.combined.is_none()
    }

    /// `Err` with every collected error, or `Ok(())` when there were none.
    pub(crate) fn finish(self) -> syn::Result<()> {
        self.combined.map_or(Ok(()), Err)
    }
}

/// The closest candidate to `typo` by edit distance, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    typo: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (typo.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&typo.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (row, left_char) in left.chars().enumerate() {
        let mut current = vec![row + 1];
        for (column, right_char) in right.iter().enumerate() {
            let substitution = previous[column] + usize::from(left_char != *right_char);
            current.push(
                substitution
                    .min(previous[column + 1] + 1)
                    .min(current[column] + 1),
            );
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let states = ["Pending", "Paid", "Shipped", "Delivered"];
        assert_eq!(did_you_mean("Shiped", states), Some("Shipped"));
        assert_eq!(did_you_mean("pending", states), Some("Pending"));
        assert_eq!(did_you_mean("Refunded", states), None);
    }

    #[test]
    fn every_code_is_documented_under_its_title_and_nothing_else_is() {
        let docs = include_str!("../../../docs/errors.md");
        let headings: Vec<&str> = docs
            .lines()
            .filter_map(|line| line.strip_prefix("### "))
            // The compiler's own errors are listed too, under their E codes.
            .filter(|heading| heading.starts_with("[G"))
            .collect();
        let mut expected: Vec<String> = all()
            .iter()
            .map(|code| format!("[{}] {}", code.id, code.title))
            .collect();
        expected.push("[G0001] internal error in stateguard".to_owned());
        for entry in &expected {
            assert!(
                headings.contains(&entry.as_str()),
                "docs/errors.md lacks the heading `### {entry}`"
            );
        }
        for heading in &headings {
            assert!(
                expected.iter().any(|entry| entry == heading),
                "docs/errors.md documents `{heading}`, which is not in the registry"
            );
        }
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let codes = all();
        let mut ids: Vec<&str> = codes.iter().map(|code| code.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate error code");
        for code in codes {
            assert!(
                code.id.len() == 5 && code.id.starts_with('G'),
                "bad code {}",
                code.id
            );
            assert!(!code.title.is_empty());
        }
    }
}
