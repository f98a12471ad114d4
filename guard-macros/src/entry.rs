//! The one place where a macro's result becomes tokens: errors become `compile_error!` followed by
//! the fallback item, and a panic becomes a "bug in stateguard" error instead of a crash.

use proc_macro2::TokenStream as TokenStream2;

/// What a macro produced: the expansion, or every error plus a fallback that keeps the user's item
/// compiling (without stateguard's helper attributes) so one mistake does not cascade into ten.
pub(crate) enum Outcome {
    Expanded(TokenStream2),
    Failed {
        errors: syn::Error,
        fallback: TokenStream2,
    },
}

impl Outcome {
    fn into_tokens(self) -> TokenStream2 {
        match self {
            Self::Expanded(tokens) => tokens,
            Self::Failed { errors, fallback } => {
                let mut tokens = errors.to_compile_error();
                tokens.extend(fallback);
                tokens
            }
        }
    }
}

pub(crate) fn attribute(
    args: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
    expand: fn(TokenStream2, TokenStream2) -> Outcome,
) -> proc_macro::TokenStream {
    let args = TokenStream2::from(args);
    let item = TokenStream2::from(item);
    let fallback = item.clone();
    guarded(move || expand(args, item), fallback).into()
}

pub(crate) fn derive(
    item: proc_macro::TokenStream,
    expand: fn(TokenStream2) -> Outcome,
) -> proc_macro::TokenStream {
    let item = TokenStream2::from(item);
    // A derive's input stays in place, so nothing needs to be re-emitted on failure.
    guarded(move || expand(item), TokenStream2::new()).into()
}

fn guarded(run: impl FnOnce() -> Outcome, fallback: TokenStream2) -> TokenStream2 {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(outcome) => outcome.into_tokens(),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = format!(
                "[G0001] internal error in stateguard: {detail}\n\
                 help: this is a bug in stateguard, not in your code; please report it with the item this attribute was on"
            );
            let mut tokens =
                syn::Error::new(proc_macro2::Span::call_site(), message).to_compile_error();
            tokens.extend(fallback);
            tokens
        }
    }
}
