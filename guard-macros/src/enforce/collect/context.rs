//! How each construct is shown in a fix: what comes before and after the pattern.

/// How a construct is shown in a fix: what comes before and after the pattern.
#[derive(Clone, Copy)]
pub(super) struct Context {
    pub(super) before: &'static str,
    pub(super) after: &'static str,
    /// Around a use of a binding, after the pattern: ` => ` and ``.
    pub(super) body_open: &'static str,
    pub(super) body_close: &'static str,
}

pub(super) const MATCH_ARM: Context = Context {
    before: "",
    after: " => ...",
    body_open: " => ",
    body_close: "",
};
pub(super) const IF_LET: Context = Context {
    before: "if let ",
    after: " = ...",
    body_open: " = ... { ",
    body_close: " }",
};
pub(super) const WHILE_LET: Context = Context {
    before: "while let ",
    after: " = ...",
    body_open: " = ... { ",
    body_close: " }",
};
pub(super) const LET_ELSE: Context = Context {
    before: "let ",
    after: " = ... else { ... };",
    body_open: " = ... else { ... }; ",
    body_close: ";",
};
