//! `#[typestate]`: parse → validate → expand.

use crate::entry::Outcome;
use proc_macro2::TokenStream;

pub(crate) fn expand(_args: TokenStream, item: TokenStream) -> Outcome {
    Outcome::Expanded(item)
}
