//! What a name in a pattern is by its case: a variant or type (`Shipped`, `Ok`) or a binding
//! (`tracking_id`). Read by the pattern walk and by the
//! search for a catch-all in a fix's pattern alike.

/// `Shipped`, `T`: upper camel case (or one capital letter), as variants and types are named.
pub(super) fn is_camel(name: &str) -> bool {
    name.starts_with(|character: char| character.is_ascii_uppercase())
        && (name.len() == 1 || name.chars().any(|character| character.is_ascii_lowercase()))
}

/// `tracking_id`, `x`: a name a pattern binds, not a unit variant or a constant.
pub(super) fn is_binding(ident: &syn::Ident) -> bool {
    let name = ident.to_string();
    !is_camel(&name) && !name.starts_with(|character: char| character.is_ascii_uppercase())
}
