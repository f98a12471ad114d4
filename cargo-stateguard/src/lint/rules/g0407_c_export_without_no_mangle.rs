//! G0407: an `extern "C" fn` meant to be called from C, without `no_mangle` or `export_name`.

use syn::visit::Visit;

use super::{Rule, RuleInfo};
use crate::lint::context::{FileContext, Finding, is_c_abi, is_exported_by_name};
use crate::record::{Edit, Fix, Level, Span};

pub(crate) struct CExportWithoutNoMangle;

static INFO: RuleInfo = RuleInfo {
    code: "G0407",
    name: "c-export-without-no-mangle",
    summary: "A `pub extern \"C\" fn` of a `cdylib`/`staticlib` crate, not used as a callback, without `#[unsafe(no_mangle)]` or `#[export_name]`.",
    default_level: Level::Deny,
    why: "without `no_mangle` the symbol gets a mangled name: the library builds, and C code linking against it fails with an undefined symbol, or a stale header links to nothing",
    docs: "## What it does
In a crate whose `crate-type` includes `cdylib` or `staticlib` (read from the manifest through `cargo \
metadata`), flags a `pub extern \"C\" fn` at module level that has neither `#[unsafe(no_mangle)]` \
(`#[no_mangle]` before edition 2024) nor `#[export_name = \"..\"]`, and whose name is never used as a value \
anywhere in the crate. A function whose name is used as a value (passed as an argument, stored in a \
struct, put in a table) is a callback handed to C by pointer: it needs no symbol name and is not flagged. \
Generic functions cannot be exported and are skipped.

## Why is this bad
Only an unmangled symbol can be found by the C linker or `dlsym`. The Rust side compiles, the header \
looks right, and the failure appears at link or load time in another language's build.

## Example
```rust,ignore
pub extern \"C\" fn mylib_version() -> u32 { 3 }
```

## Use instead
```rust,ignore
#[unsafe(no_mangle)]
pub extern \"C\" fn mylib_version() -> u32 { 3 }
```
`--fix` adds the attribute (`#[no_mangle]` for editions before 2024).
",
};

impl Rule for CExportWithoutNoMangle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn needs_crate_facts(&self) -> bool {
        true
    }

    fn check(&self, cx: &FileContext<'_>, findings: &mut Vec<Finding>) {
        if !cx.target.exports_c {
            return;
        }
        let mut visitor = Visitor { cx, findings };
        visitor.visit_file(cx.file);
    }
}

/// Whether `item` is a function meant to be called from C by its name: C ABI and exported by
/// attribute, or (in a C library) public, not generic and never used as a value.
pub(crate) fn is_c_export(item: &syn::ItemFn, cx: &FileContext<'_>) -> bool {
    if !is_c_abi(item.sig.abi.as_ref()) {
        return false;
    }
    if is_exported_by_name(&item.attrs) {
        return true;
    }
    cx.target.exports_c && looks_exported(item, cx)
}

fn looks_exported(item: &syn::ItemFn, cx: &FileContext<'_>) -> bool {
    matches!(item.vis, syn::Visibility::Public(_))
        && item
            .sig
            .generics
            .params
            .iter()
            .all(|param| matches!(param, syn::GenericParam::Lifetime(_)))
        && !cx
            .crate_facts
            .value_names
            .contains(&item.sig.ident.to_string())
}

struct Visitor<'a, 'out> {
    cx: &'a FileContext<'a>,
    findings: &'out mut Vec<Finding>,
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        // Functions nested in a body are not visited: they are not exports.
        if !is_c_abi(item.sig.abi.as_ref())
            || is_exported_by_name(&item.attrs)
            || !looks_exported(item, self.cx)
        {
            return;
        }
        let attribute = if self.cx.target.edition.as_str() >= "2024" {
            "#[unsafe(no_mangle)]"
        } else {
            "#[no_mangle]"
        };
        let vis_start = match &item.vis {
            syn::Visibility::Public(token) => token.span.start(),
            _ => return,
        };
        let indent = self.cx.source.indent(vis_start.line).to_owned();
        let insert_at = Span {
            file: self.cx.source.rel_path.clone(),
            line: vis_start.line,
            column: vis_start.column + 1,
            end_line: vis_start.line,
            end_column: vis_start.column + 1,
        };
        let name = &item.sig.ident;
        self.findings.push(Finding {
            code: INFO.code,
            span: self.cx.span(name.span()),
            message: format!("`extern \"C\" fn {name}` of a C library has no `{attribute}`: C cannot link to it by name"),
            why: None,
            fix: Some(Fix {
                text: format!("add `{attribute}` above it (or `#[export_name = \"..\"]`); if it is a callback passed by pointer, make it non-`pub`"),
                edits: vec![Edit { span: insert_at, replacement: format!("{attribute}\n{indent}") }],
            }),
        });
    }

    fn visit_item_impl(&mut self, _: &'ast syn::ItemImpl) {}

    fn visit_item_trait(&mut self, _: &'ast syn::ItemTrait) {}
}
