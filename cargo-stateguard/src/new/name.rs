//! Whether a name can name a crate, as cargo decides it, and a name that can when it cannot.

use super::NewError;

/// Rust's keywords, which cargo refuses as package names.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names cargo keeps for itself, the standard crates, and names Windows cannot give a file.
const RESERVED: &[&str] = &[
    "alloc",
    "core",
    "proc_macro",
    "proc-macro",
    "std",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// The longest name crates.io accepts.
const MAX_LENGTH: usize = 64;

pub(super) fn check(name: &str) -> Result<(), NewError> {
    match why_invalid(name) {
        None => Ok(()),
        Some(why) => Err(NewError::InvalidName {
            name: name.to_owned(),
            why,
            suggestion: suggest(name),
        }),
    }
}

fn why_invalid(name: &str) -> Option<String> {
    let Some(first) = name.chars().next() else {
        return Some("the name is empty".to_owned());
    };
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "{bad:?} is not allowed; a crate name holds ASCII letters, digits, `-` and `_` only"
        ));
    }
    if first.is_ascii_digit() {
        return Some("a crate name cannot start with a digit".to_owned());
    }
    if first == '-' {
        return Some("a crate name cannot start with `-`".to_owned());
    }
    let lower = name.to_ascii_lowercase();
    if KEYWORDS.contains(&name) {
        return Some(format!("`{name}` is a Rust keyword"));
    }
    if RESERVED.contains(&lower.as_str()) {
        return Some(format!(
            "`{name}` is reserved (a standard crate, a cargo folder or a Windows device name)"
        ));
    }
    if name.len() > MAX_LENGTH {
        return Some(format!(
            "it has {} characters, more than {MAX_LENGTH}",
            name.len()
        ));
    }
    None
}

/// A valid name close to `name`: lowercase, other characters as `-`, a prefix or suffix where
/// the start or the whole of it is not allowed.
pub(super) fn suggest(name: &str) -> String {
    let mut suggestion = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            suggestion.push(c.to_ascii_lowercase());
        } else if !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    let mut suggestion = suggestion.trim_matches('-').to_owned();
    if suggestion.is_empty() {
        suggestion = "service".to_owned();
    }
    if suggestion.starts_with(|c: char| c.is_ascii_digit()) {
        suggestion = format!("service-{suggestion}");
    }
    suggestion.truncate(MAX_LENGTH - "-service".len());
    let suggestion = suggestion.trim_end_matches('-').to_owned();
    if why_invalid(&suggestion).is_some() {
        format!("{suggestion}-service")
    } else {
        suggestion
    }
}
