//! The state graph as a picture in rustdoc: a fenced `mermaid` block (readable as text anywhere)
//! and a small script that draws it when the page is viewed in a browser.

/// The script rustdoc pages carry next to the diagram. It loads Mermaid from a CDN only when the
/// page holds a diagram, replaces each `mermaid` block by its drawing, and leaves the text in place
/// when the script cannot load (offline, or a viewer that runs no scripts). Every copy on a page
/// is harmless: a block already drawn is marked and skipped.
pub(crate) const RENDER_SCRIPT: &str = include_str!("mermaid.html");

/// Markdown for a doc comment: the graph as a `mermaid` block, then the script that draws it.
pub(crate) fn doc(mermaid: &str) -> String {
    format!("```mermaid\n{mermaid}```\n\n{RENDER_SCRIPT}")
}

#[cfg(test)]
mod tests {
    /// The guide in the `stateguard` crate draws its diagrams with the same script.
    #[test]
    fn the_guides_script_is_the_same() {
        assert_eq!(
            super::RENDER_SCRIPT,
            include_str!("../../../../guard-core/src/docs/mermaid.html")
        );
    }

    #[test]
    fn the_diagram_is_a_mermaid_block_then_the_script() {
        let doc = super::doc("stateDiagram-v2\n    [*] --> A\n");
        assert!(doc.starts_with("```mermaid\nstateDiagram-v2\n    [*] --> A\n```\n\n<script"));
        assert!(doc.trim_end().ends_with("</script>"));
    }
}
