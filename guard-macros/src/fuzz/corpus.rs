//! The fuzzer's seeds: every use of a macro in the repository's tests, ui cases, examples, guides
//! and templates, read from the files as they are today.

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The macros under test, named as a case's reproduction names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Macro {
    Typestate,
    Invariant,
    Enforce,
    Required,
}

impl Macro {
    pub(super) const ALL: [Self; 4] = [
        Self::Typestate,
        Self::Invariant,
        Self::Enforce,
        Self::Required,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Typestate => "typestate",
            Self::Invariant => "invariant",
            Self::Enforce => "enforce",
            Self::Required => "required",
        }
    }

    pub(super) fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|candidate| candidate.name() == name)
    }
}

/// One use of a macro: its attribute arguments (empty for a derive) and the item it is on, without
/// the attribute itself.
#[derive(Clone)]
pub(super) struct Seed {
    pub(super) args: TokenStream,
    pub(super) item: TokenStream,
}

/// Every seed, per macro, in a fixed order (files sorted, items in source order).
pub(super) fn seeds() -> Vec<(Macro, Vec<Seed>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "tests",
        "examples",
        "guard-core/src",
        "docs",
        "templates",
        "README.md",
    ] {
        collect_files(&root.join(dir), &mut files);
    }
    files.sort();
    let mut finder = Finder::default();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        if file.extension().is_some_and(|ext| ext == "rs") {
            finder.source(&text);
        } else {
            for block in rust_blocks(&text) {
                finder.source(&block);
            }
        }
    }
    Macro::ALL
        .into_iter()
        .map(|which| {
            let seeds = finder
                .found
                .iter()
                .filter(|(found, _)| *found == which)
                .map(|(_, seed)| seed.clone())
                .collect();
            (which, seeds)
        })
        .collect()
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name == "target" || name.to_string_lossy().starts_with('.') {
                continue;
            }
            collect_files(&entry.path(), out);
        }
    } else if path
        .extension()
        .is_some_and(|ext| ext == "rs" || ext == "md" || ext == "fixed")
    {
        out.push(path.to_path_buf());
    }
}

/// The bodies of the ```rust blocks of a Markdown file (doc-test lines starting `# ` kept).
fn rust_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(fence) = trimmed.strip_prefix("```") {
            match current.take() {
                Some(block) => blocks.push(block),
                None if fence.is_empty() || fence.starts_with("rust") => {
                    current = Some(String::new());
                }
                None => current = None,
            }
            continue;
        }
        if let Some(block) = &mut current {
            let line = trimmed.strip_prefix("# ").unwrap_or(line);
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

#[derive(Default)]
struct Finder {
    found: Vec<(Macro, Seed)>,
}

impl Finder {
    fn source(&mut self, text: &str) {
        if let Ok(file) = syn::parse_file(text) {
            self.visit_file(&file);
        } else if let Ok(block) = syn::parse_str::<syn::Block>(&format!("{{{text}}}")) {
            // A guide's example is often the body of a `main`.
            self.visit_block(&block);
        }
    }

    /// Records an item once for each of our attributes and derives among its `attrs`; `strip`
    /// writes the item with the attributes it is given instead of its own.
    fn item(
        &mut self,
        attrs: &[syn::Attribute],
        strip: impl Fn(&mut Vec<syn::Attribute>) -> TokenStream,
    ) {
        for (position, attr) in attrs.iter().enumerate() {
            let last = attr
                .path()
                .segments
                .last()
                .map(|segment| segment.ident.to_string());
            let which = match last.as_deref() {
                Some("typestate") => Macro::Typestate,
                Some("enforce_state_invariants") => Macro::Enforce,
                Some("derive") => {
                    let paths = attr
                        .parse_args_with(
                            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                        )
                        .unwrap_or_default();
                    for path in paths {
                        let name = path
                            .segments
                            .last()
                            .map(|segment| segment.ident.to_string());
                        let which = match name.as_deref() {
                            Some("Invariant") => Macro::Invariant,
                            Some("__GuardRequired") => Macro::Required,
                            _ => continue,
                        };
                        let mut kept = attrs.to_vec();
                        kept.remove(position);
                        self.found.push((
                            which,
                            Seed {
                                args: TokenStream::new(),
                                item: strip(&mut kept),
                            },
                        ));
                    }
                    continue;
                }
                _ => continue,
            };
            let args = match &attr.meta {
                syn::Meta::List(list) => list.tokens.clone(),
                _ => TokenStream::new(),
            };
            let mut kept = attrs.to_vec();
            kept.remove(position);
            self.found.push((
                which,
                Seed {
                    args,
                    item: strip(&mut kept),
                },
            ));
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Mod(item) => &item.attrs,
            syn::Item::Struct(item) => &item.attrs,
            syn::Item::Enum(item) => &item.attrs,
            syn::Item::Union(item) => &item.attrs,
            syn::Item::Fn(item) => &item.attrs,
            syn::Item::Impl(item) => &item.attrs,
            _ => &[],
        };
        let owned = item.clone();
        self.item(attrs, |kept| {
            let mut item = owned.clone();
            match &mut item {
                syn::Item::Mod(item) => item.attrs = std::mem::take(kept),
                syn::Item::Struct(item) => item.attrs = std::mem::take(kept),
                syn::Item::Enum(item) => item.attrs = std::mem::take(kept),
                syn::Item::Union(item) => item.attrs = std::mem::take(kept),
                syn::Item::Fn(item) => item.attrs = std::mem::take(kept),
                syn::Item::Impl(item) => item.attrs = std::mem::take(kept),
                _ => {}
            }
            item.into_token_stream()
        });
        syn::visit::visit_item(self, item);
    }
}
