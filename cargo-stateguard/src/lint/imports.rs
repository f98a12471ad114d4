//! `use` resolution: which full path a name in a file stands for. Handles aliases (`sleep as nap`),
//! groups (`use std::{fs, thread::sleep};`), `self` in groups, globs and `extern crate .. as ..`.
//! `core::` and `alloc::` are read as `std::`, so one list of paths serves all three.

use std::collections::HashMap;

use syn::visit::Visit;

/// The names a file imports.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    names: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
}

impl Imports {
    /// Every `use` in the file, at any depth (a name imported inside a function is taken as file-wide:
    /// shadowing across scopes by a different import of the same name is rare).
    pub(crate) fn collect(file: &syn::File) -> Self {
        let mut imports = Imports::default();
        imports.visit_file(file);
        imports
    }

    /// The full path `path` stands for, `::`-joined (`fs::read` → `std::fs::read`). Names not imported
    /// stay as written.
    pub(crate) fn resolve(&self, path: &syn::Path) -> String {
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        self.resolve_segments(&segments).join("::")
    }

    /// Like [`resolve`](Self::resolve), plus the paths a glob import could give a single name.
    pub(crate) fn candidates(&self, path: &syn::Path) -> Vec<String> {
        let mut found = vec![self.resolve(path)];
        if path.leading_colon.is_none() {
            let name = path.segments[0].ident.to_string();
            if !self.names.contains_key(&name) {
                for glob in &self.globs {
                    let mut full = glob.clone();
                    full.extend(
                        path.segments
                            .iter()
                            .map(|segment| segment.ident.to_string()),
                    );
                    found.push(normalize(full).join("::"));
                }
            }
        }
        found
    }

    fn resolve_segments(&self, segments: &[String]) -> Vec<String> {
        let Some(first) = segments.first() else {
            return Vec::new();
        };
        match self.names.get(first) {
            Some(full) => {
                let mut resolved = full.clone();
                resolved.extend(segments[1..].iter().cloned());
                normalize(resolved)
            }
            None => normalize(segments.to_vec()),
        }
    }

    fn add_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.add_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                let ident = name.ident.to_string();
                if ident == "self" {
                    if let Some(last) = prefix.last() {
                        self.names.insert(last.clone(), prefix.clone());
                    }
                } else {
                    let mut full = prefix.clone();
                    full.push(ident.clone());
                    self.names.insert(ident, full);
                }
            }
            syn::UseTree::Rename(rename) => {
                let mut full = prefix.clone();
                if rename.ident != "self" {
                    full.push(rename.ident.to_string());
                }
                self.names.insert(rename.rename.to_string(), full);
            }
            syn::UseTree::Glob(_) => self.globs.push(prefix.clone()),
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.add_tree(prefix, item);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Imports {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.add_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        if let Some((_, rename)) = &item.rename {
            self.names
                .insert(rename.to_string(), vec![item.ident.to_string()]);
        }
    }
}

/// `::std::x` → `std::x`, `core::x` and `alloc::x` → `std::x`.
fn normalize(mut segments: Vec<String>) -> Vec<String> {
    if let Some(first) = segments.first_mut()
        && (first == "core" || first == "alloc")
    {
        *first = "std".to_owned();
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(source: &str, path: &str) -> Vec<String> {
        let file: syn::File = syn::parse_str(source).unwrap();
        let path: syn::Path = syn::parse_str(path).unwrap();
        Imports::collect(&file).candidates(&path)
    }

    #[test]
    fn aliases_groups_and_globs() {
        let source = "use std::{fs, thread::sleep as nap}; use core::mem::{self as m}; use std::net::*; fn f() { use tokio::fs as tfs; }";
        assert_eq!(resolve(source, "fs::read")[0], "std::fs::read");
        assert_eq!(resolve(source, "nap")[0], "std::thread::sleep");
        assert_eq!(resolve(source, "m::transmute")[0], "std::mem::transmute");
        assert_eq!(resolve(source, "tfs::read")[0], "tokio::fs::read");
        assert_eq!(resolve(source, "::std::fs::read")[0], "std::fs::read");
        assert!(resolve(source, "TcpStream").contains(&"std::net::TcpStream".to_owned()));
        assert_eq!(resolve(source, "other::read")[0], "other::read");
        assert!(
            resolve(source, "TcpStream::connect")
                .contains(&"std::net::TcpStream::connect".to_owned())
        );
    }
}
