//! The `crate = path` argument of `#[typestate]` and `#[derive(Invariant)]`: the path generated code
//! writes before every stateguard item, so it must be a path rustc accepts there.

use syn::ext::IdentExt;

/// The segment of `path` that cannot be part of a path to a crate, with why; `None` when the path
/// is usable (`::stateguard`, `stateguard`, `crate::reexport`, `self::a`, `super::super::b`).
pub(crate) fn problem(path: &syn::Path) -> Option<(proc_macro2::Span, String)> {
    for (position, segment) in path.segments.iter().enumerate() {
        let ident = &segment.ident;
        let span = ident.span();
        if !segment.arguments.is_none() {
            return Some((
                span,
                format!("`{ident}` has generic arguments, which a path to a crate cannot have"),
            ));
        }
        let name = ident.to_string();
        let leading = position == 0 && path.leading_colon.is_none();
        let after_relative = path
            .segments
            .iter()
            .take(position)
            .all(|earlier| earlier.ident == "self" || earlier.ident == "super");
        let allowed = match name.as_str() {
            "crate" | "self" => leading,
            "super" => leading || (path.leading_colon.is_none() && after_relative),
            // Any other keyword (`Self`, `try`, `type`) is not a name; a raw identifier is.
            _ => name.starts_with("r#") || syn::parse_str::<syn::Ident>(&name).is_ok(),
        };
        if !allowed {
            let what = ident.unraw();
            return Some((
                span,
                format!("`{what}` cannot appear at this place in a path to a crate"),
            ));
        }
    }
    None
}
