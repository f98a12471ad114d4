//! The module tree: which files a target's root file reaches through `mod x;` (with `#[path]`,
//! nested folders, inline and `cfg`-gated modules, and `mod` items inside item macros such as
//! `cfg_if!`), and the removal of test code (`#[test]`, `#[cfg(test)]`) before the rules run.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::visit_mut::VisitMut;

/// Modules that hold test code by convention, skipped (unless `--tests`) even without `#[cfg(test)]`.
pub(crate) const TEST_MODULE_NAMES: [&str; 10] = [
    "test",
    "tests",
    "testing",
    "test_util",
    "test_utils",
    "testutil",
    "testutils",
    "test_helpers",
    "test_support",
    "test_server",
];

/// A `mod x;` whose file is to be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModuleFile {
    pub(crate) path: PathBuf,
    /// Declared under a `cfg` (or inside a macro): it may be meant only for other configurations.
    pub(crate) cfg_gated: bool,
    /// Its own `mod y;` items resolve next to it (`mod.rs`, or a file named by `#[path]`).
    pub(crate) is_mod_rs: bool,
}

/// A `mod x;` whose file was not found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MissingModule {
    pub(crate) name: String,
    pub(crate) tried: Vec<PathBuf>,
    /// Under a `cfg` other than `test`: the file may exist only for other configurations.
    pub(crate) cfg_gated: bool,
}

/// The module files `file` declares. `file_path` is its path; `is_mod_rs` tells where its children live.
pub(crate) fn child_modules(
    file: &syn::File,
    file_path: &Path,
    is_mod_rs: bool,
    include_tests: bool,
) -> (Vec<ModuleFile>, Vec<MissingModule>) {
    let file_dir = file_path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let children_dir = if is_mod_rs {
        file_dir.clone()
    } else {
        file_dir.join(file_path.file_stem().unwrap_or_default())
    };
    let mut walker = Walker {
        file_dir,
        include_tests,
        found: Vec::new(),
        missing: Vec::new(),
    };
    walker.items(&file.items, &children_dir, true);
    (walker.found, walker.missing)
}

struct Walker {
    file_dir: PathBuf,
    include_tests: bool,
    found: Vec<ModuleFile>,
    missing: Vec<MissingModule>,
}

impl Walker {
    fn items(&mut self, items: &[syn::Item], dir: &Path, top_level: bool) {
        for item in items {
            match item {
                syn::Item::Mod(module) => {
                    if !self.include_tests
                        && (is_test_code(&module.attrs) || is_test_module_name(&module.ident))
                    {
                        continue;
                    }
                    let name = unraw(&module.ident.to_string());
                    let path_attr = path_attribute(&module.attrs);
                    let cfg_gated = has_cfg(&module.attrs);
                    match &module.content {
                        Some((_, items)) => {
                            let nested = match &path_attr {
                                Some(path) => dir.join(path),
                                None => dir.join(&name),
                            };
                            self.items(items, &nested, false);
                        }
                        None => {
                            self.declared(&name, path_attr.as_deref(), dir, top_level, cfg_gated)
                        }
                    }
                }
                syn::Item::Macro(item_macro) => {
                    self.macro_tokens(item_macro.mac.tokens.clone(), dir, top_level);
                }
                _ => {}
            }
        }
    }

    fn declared(
        &mut self,
        name: &str,
        path_attr: Option<&str>,
        dir: &Path,
        top_level: bool,
        cfg_gated: bool,
    ) {
        if let Some(path) = path_attr {
            let base = if top_level { &self.file_dir } else { dir };
            let path = base.join(path);
            if path.is_file() {
                self.found.push(ModuleFile {
                    path,
                    cfg_gated,
                    is_mod_rs: true,
                });
            } else {
                self.missing.push(MissingModule {
                    name: name.to_owned(),
                    tried: vec![path],
                    cfg_gated,
                });
            }
            return;
        }
        let flat = dir.join(format!("{name}.rs"));
        let nested = dir.join(name).join("mod.rs");
        if flat.is_file() {
            self.found.push(ModuleFile {
                path: flat,
                cfg_gated,
                is_mod_rs: false,
            });
        } else if nested.is_file() {
            self.found.push(ModuleFile {
                path: nested,
                cfg_gated,
                is_mod_rs: true,
            });
        } else {
            self.missing.push(MissingModule {
                name: name.to_owned(),
                tried: vec![flat, nested],
                cfg_gated,
            });
        }
    }

    /// `mod` items inside an item macro's tokens (`cfg_if! { if #[cfg(unix)] { mod unix; } }`).
    fn macro_tokens(&mut self, tokens: TokenStream, dir: &Path, top_level: bool) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut attributes: Vec<syn::Attribute> = Vec::new();
        let mut index = 0;
        while index < trees.len() {
            match &trees[index] {
                TokenTree::Punct(punct) if punct.as_char() == '#' => {
                    if let Some(TokenTree::Group(group)) = trees.get(index + 1)
                        && group.delimiter() == Delimiter::Bracket
                        && let Ok(meta) = syn::parse2::<syn::Meta>(group.stream())
                    {
                        attributes.push(syn::Attribute {
                            pound_token: Default::default(),
                            style: syn::AttrStyle::Outer,
                            bracket_token: Default::default(),
                            meta,
                        });
                        index += 2;
                        continue;
                    }
                }
                TokenTree::Ident(ident) if ident == "mod" => {
                    if let Some(TokenTree::Ident(name)) = trees.get(index + 1) {
                        let name = unraw(&name.to_string());
                        let skip = !self.include_tests
                            && (is_test_code(&attributes)
                                || TEST_MODULE_NAMES.contains(&name.as_str()));
                        match trees.get(index + 2) {
                            Some(TokenTree::Punct(punct)) if punct.as_char() == ';' => {
                                if !skip {
                                    let path_attr = path_attribute(&attributes);
                                    self.declared(
                                        &name,
                                        path_attr.as_deref(),
                                        dir,
                                        top_level,
                                        true,
                                    );
                                }
                                attributes.clear();
                                index += 3;
                                continue;
                            }
                            Some(TokenTree::Group(group))
                                if group.delimiter() == Delimiter::Brace =>
                            {
                                if !skip {
                                    self.macro_tokens(group.stream(), &dir.join(&name), false);
                                }
                                attributes.clear();
                                index += 3;
                                continue;
                            }
                            _ => {}
                        }
                    }
                }
                TokenTree::Ident(ident) if ident == "pub" => {}
                TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {}
                TokenTree::Group(group) => {
                    self.macro_tokens(group.stream(), dir, top_level);
                    attributes.clear();
                }
                _ => attributes.clear(),
            }
            index += 1;
        }
    }
}

fn is_test_module_name(ident: &syn::Ident) -> bool {
    TEST_MODULE_NAMES.contains(&unraw(&ident.to_string()).as_str())
}

fn unraw(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_owned()
}

fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(name_value) if name_value.path.is_ident("path") => {
            match &name_value.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => Some(text.value()),
                _ => None,
            }
        }
        _ => None,
    })
}

fn has_cfg(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident("cfg"))
}

/// `#[test]`, `#[bench]`, `#[tokio::test]` (any attribute path ending in `test`), `#[cfg(test)]` and
/// `#[cfg(all(test, ..))]`.
pub(crate) fn is_test_code(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "test" || segment.ident == "bench")
            && matches!(attr.meta, syn::Meta::Path(_) | syn::Meta::List(_))
        {
            return true;
        }
        if !path.is_ident("cfg") {
            return false;
        }
        let Ok(meta) = attr.parse_args::<syn::Meta>() else {
            return false;
        };
        cfg_requires_test(&meta)
    })
}

fn cfg_requires_test(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::Path(path) => path.is_ident("test"),
        syn::Meta::List(list) if list.path.is_ident("all") => list
            .parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|metas| metas.iter().any(cfg_requires_test)),
        _ => false,
    }
}

/// Removes test code from `file`, so the rules never see it.
pub(crate) fn strip_test_code(file: &mut syn::File) {
    StripTests.visit_file_mut(file);
}

struct StripTests;

impl VisitMut for StripTests {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain(|item| !is_test_item(item));
        syn::visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut module.content {
            items.retain(|item| !is_test_item(item));
        }
        syn::visit_mut::visit_item_mod_mut(self, module);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain(|impl_item| {
            let attrs = match impl_item {
                syn::ImplItem::Fn(function) => &function.attrs,
                syn::ImplItem::Const(constant) => &constant.attrs,
                syn::ImplItem::Type(alias) => &alias.attrs,
                syn::ImplItem::Macro(mac) => &mac.attrs,
                _ => return true,
            };
            !is_test_code(attrs)
        });
        syn::visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain(|stmt| match stmt {
            syn::Stmt::Item(item) => !is_test_item(item),
            _ => true,
        });
        syn::visit_mut::visit_block_mut(self, block);
    }
}

/// Test code: a test attribute, or a module named like a test module.
fn is_test_item(item: &syn::Item) -> bool {
    is_test_code(item_attrs(item))
        || matches!(item, syn::Item::Mod(module) if is_test_module_name(&module.ident))
}

pub(crate) fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_attributes() {
        let file: syn::File = syn::parse_str(
            "#[test] fn a() {} #[tokio::test] async fn b() {} #[cfg(test)] mod c {} #[cfg(all(test, unix))] fn d() {} #[cfg(any(test, unix))] fn e() {} fn f() {}",
        )
        .unwrap();
        let flags: Vec<bool> = file
            .items
            .iter()
            .map(|item| is_test_code(item_attrs(item)))
            .collect();
        assert_eq!(flags, [true, true, true, true, false, false]);
    }

    #[test]
    fn strips_nested_test_code() {
        let mut file: syn::File =
            syn::parse_str("mod m { #[cfg(test)] fn t() {} fn u() { #[test] fn v() {} } } impl S { #[cfg(test)] fn w() {} }")
                .unwrap();
        strip_test_code(&mut file);
        struct Names(Vec<String>);
        impl<'ast> syn::visit::Visit<'ast> for Names {
            fn visit_signature(&mut self, signature: &'ast syn::Signature) {
                self.0.push(signature.ident.to_string());
            }
        }
        let mut names = Names(Vec::new());
        syn::visit::Visit::visit_file(&mut names, &file);
        assert_eq!(names.0, ["u"]);
    }
}
