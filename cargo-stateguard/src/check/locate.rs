//! Which files are the user's, and where in them a diagnostic points.
//!
//! rustc names a workspace member's files relative to the workspace root and everything else
//! absolutely: the standard library under `/rustc/<hash>/library`, registry and git dependencies
//! under cargo's home, path dependencies where they are. A finding belongs in the user's own
//! file: when the primary span is elsewhere (a macro's `panic!` in `core`, a generated item), the
//! gate follows the span's `expansion` chain outwards, from the macro to the code that invoked
//! it, until it reaches a file of the workspace.

use std::path::{Component, Path, PathBuf};

use crate::check::diagnostic::{Diagnostic, DiagnosticSpan};
use crate::record::Span;

/// Decides which paths are the user's: inside the workspace root, outside its target directory.
#[derive(Debug, Clone)]
pub(crate) struct Locator {
    root: PathBuf,
    target: PathBuf,
}

impl Locator {
    pub(crate) fn new(root: PathBuf, target: PathBuf) -> Self {
        Self { root, target }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// `file_name` relative to the workspace root with `/` separators, when it is the user's.
    pub(crate) fn user_path(&self, file_name: &str) -> Option<String> {
        if file_name.is_empty() || file_name.starts_with('<') {
            return None; // `<anon>`, `<proc-macro source code>` and the like
        }
        let path = Path::new(file_name);
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        let absolute = lexically_normal(&absolute);
        if absolute.starts_with(&self.target) {
            return None; // generated: build-script output, trybuild's copies
        }
        let relative = absolute.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(parts.join("/"))
    }

    /// The span in the user's file `span` stands for: itself, or the nearest invocation on its
    /// expansion chain that is in the user's file.
    pub(crate) fn user_span(&self, span: &DiagnosticSpan) -> Option<Span> {
        let mut current = Some(span);
        while let Some(candidate) = current {
            if let Some(file) = self.user_path(&candidate.file_name) {
                return Some(Span {
                    file,
                    line: candidate.line_start,
                    column: candidate.column_start,
                    end_line: candidate.line_end,
                    end_column: candidate.column_end,
                });
            }
            current = candidate
                .expansion
                .as_deref()
                .map(|expansion| &expansion.span);
        }
        None
    }

    /// Where a diagnostic is, in the user's file: its primary spans first, then its other spans,
    /// then its children's, each followed through its expansion chain.
    pub(crate) fn locate(&self, diagnostic: &Diagnostic) -> Option<Span> {
        let primary = diagnostic.spans.iter().filter(|span| span.is_primary);
        let secondary = diagnostic.spans.iter().filter(|span| !span.is_primary);
        primary
            .chain(secondary)
            .find_map(|span| self.user_span(span))
            .or_else(|| {
                diagnostic
                    .children
                    .iter()
                    .flat_map(|child| &child.spans)
                    .find_map(|span| self.user_span(span))
            })
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (the file may not exist here: rustc
/// may have compiled it in a container, and symlinks must not move it out of the workspace).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

#[cfg(test)]
mod tests {
    use super::Locator;
    use crate::check::diagnostic::{DiagnosticSpan, Expansion};

    fn locator() -> Locator {
        Locator::new("/work/app".into(), "/work/app/target".into())
    }

    fn span(file: &str, line: usize, expansion: Option<DiagnosticSpan>) -> DiagnosticSpan {
        DiagnosticSpan {
            file_name: file.to_owned(),
            line_start: line,
            line_end: line,
            column_start: 5,
            column_end: 9,
            is_primary: true,
            label: None,
            suggested_replacement: None,
            suggestion_applicability: None,
            expansion: expansion.map(|span| Box::new(Expansion { span })),
        }
    }

    #[test]
    fn relative_and_absolute_paths_inside_the_workspace_are_the_users() {
        let locator = locator();
        assert_eq!(
            locator.user_path("src/lib.rs").as_deref(),
            Some("src/lib.rs")
        );
        assert_eq!(
            locator.user_path("/work/app/crates/a/src/x.rs").as_deref(),
            Some("crates/a/src/x.rs")
        );
        assert_eq!(
            locator.user_path("crates/a/../b/./src/y.rs").as_deref(),
            Some("crates/b/src/y.rs")
        );
    }

    #[test]
    fn the_library_dependencies_and_generated_files_are_not() {
        let locator = locator();
        for outside in [
            "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panic.rs",
            "/home/me/.cargo/registry/src/index.crates.io-1/serde-1.0.0/src/lib.rs",
            "/work/app-other/src/lib.rs",
            "/work/app/target/debug/build/x-1/out/generated.rs",
            "../outside/src/lib.rs",
            "<anon>",
            "",
        ] {
            assert_eq!(locator.user_path(outside), None, "{outside}");
        }
    }

    #[test]
    fn a_span_in_the_library_is_walked_out_to_the_users_invocation() {
        // The shape of a `[G0301]` from a const `panic!`: core's panic.rs, invoked by
        // `::core::panic!` in core's macros, invoked on the user's pattern.
        let user = span("src/orders.rs", 24, None);
        let core_macro = span("/rustc/abc/library/core/src/macros/mod.rs", 7, Some(user));
        let primary = span("/rustc/abc/library/core/src/panic.rs", 57, Some(core_macro));
        let found = locator().user_span(&primary).unwrap();
        assert_eq!((found.file.as_str(), found.line), ("src/orders.rs", 24));
    }

    #[test]
    fn a_span_already_in_the_users_file_stays() {
        let primary = span("src/lib.rs", 3, Some(span("src/other.rs", 9, None)));
        let found = locator().user_span(&primary).unwrap();
        assert_eq!((found.file.as_str(), found.line), ("src/lib.rs", 3));
    }

    #[test]
    fn a_chain_that_never_reaches_the_user_gives_nothing() {
        let primary = span(
            "/rustc/abc/library/core/src/panic.rs",
            57,
            Some(span("/home/me/.cargo/registry/x/src/lib.rs", 1, None)),
        );
        assert!(locator().user_span(&primary).is_none());
    }
}
