//! `#[allow_unchecked(reason = "..")]`: the opt-out of one arm, `if let`, `while let` or
//! `let … else`, and its mandatory reason.

use super::Walker;
use crate::diagnostics::enforce::OPT_OUT_WITHOUT_REASON;

/// The attribute that exempts one arm, `let … else` or `if let`, with a mandatory reason.
pub(in crate::enforce) const OPT_OUT: &str = "allow_unchecked";

impl Walker<'_> {
    /// Removes the opt-out attribute from `attrs`; `true` when it was there (with a reason).
    pub(super) fn opted_out(&mut self, attrs: &mut Vec<syn::Attribute>) -> bool {
        let mut found = false;
        let mut index = 0;
        while index < attrs.len() {
            if attrs[index].path().is_ident(OPT_OUT) {
                let attribute = attrs.remove(index);
                if let Err(error) = reason(&attribute) {
                    self.errors.push(error);
                }
                found = true;
            } else {
                index += 1;
            }
        }
        found
    }
}

/// The reason of an opt-out attribute, which must be a non-empty string.
fn reason(attribute: &syn::Attribute) -> syn::Result<String> {
    let missing = || {
        OPT_OUT_WITHOUT_REASON.spanning(
            attribute,
            format!("`#[{OPT_OUT}]` exempts this code from the required-data check, so it must say why"),
            format!("write why this code may ignore the required data (the words are yours; reviewers read them): `#[{OPT_OUT}(reason = \"..\")]`"),
        )
    };
    let syn::Meta::List(list) = &attribute.meta else {
        return Err(missing());
    };
    let Ok(syn::MetaNameValue { path, value, .. }) = list.parse_args::<syn::MetaNameValue>() else {
        return Err(missing());
    };
    match value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) if path.is_ident("reason") => {
            if text.value().trim().is_empty() {
                Err(OPT_OUT_WITHOUT_REASON.spanning(
                    &text,
                    format!("the reason of `#[{OPT_OUT}]` is empty: it exempts this code from the required-data check, so it must say why"),
                    format!("write why this code may ignore the required data (the words are yours; reviewers read them): `#[{OPT_OUT}(reason = \"..\")]`"),
                ))
            } else {
                Ok(text.value())
            }
        }
        _ => Err(missing()),
    }
}
