//! `[workspace.metadata.stateguard]` and `[package.metadata.stateguard]`: the level of each rule, extra
//! blocking functions, paths treated as tests, types whose clone is cheap. A package's table extends the
//! workspace's (its levels win). cargo passes these tables through `cargo metadata` untouched; a
//! `[lints.stateguard]` table cannot be used because cargo hands unknown lint tools to rustc, which
//! rejects them.
//!
//! ```toml
//! [workspace.metadata.stateguard]
//! levels = { G0403 = "allow", G0402 = "warn" }
//! blocking-functions = ["my_db::Connection::query_sync"]
//! test-paths = ["src/testing"]
//! shared-types = ["Handle", "Bytes"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::lint::Error;

/// The level a rule is configured to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Setting {
    Deny,
    Warn,
    Allow,
}

/// The configuration that applies to one package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Config {
    /// Per rule code (`G0403`), the level that replaces the rule's default.
    pub(crate) levels: BTreeMap<String, Setting>,
    /// Full paths of functions that block (`my_db::query_sync`), added to G0405's list.
    pub(crate) blocking_functions: Vec<String>,
    /// Files and folders checked as test code (skipped unless `--tests`), absolute.
    pub(crate) test_paths: Vec<PathBuf>,
    /// Type names whose `.clone()` only bumps a count (G0403 stays quiet for them).
    pub(crate) shared_types: Vec<String>,
}

const KEYS: [&str; 4] = ["levels", "blocking-functions", "test-paths", "shared-types"];

impl Config {
    /// Reads one `metadata.stateguard` table (`Value::Null` when absent) on top of `parent`.
    pub(crate) fn from_metadata(
        value: &Value,
        manifest: &Path,
        parent: Option<&Config>,
    ) -> Result<Config, Error> {
        let mut config = parent.cloned().unwrap_or_default();
        if value.is_null() {
            return Ok(config);
        }
        let table_name = if parent.is_some() {
            "package.metadata.stateguard"
        } else {
            "workspace.metadata.stateguard"
        };
        let problem = |what: String| {
            Error::Config(format!("`{}`: [{table_name}]: {what}", manifest.display()))
        };
        let Some(table) = value.as_object() else {
            return Err(problem("must be a table".into()));
        };
        for key in table.keys() {
            if !KEYS.contains(&key.as_str()) {
                return Err(problem(format!(
                    "unknown key `{key}` (known: {})",
                    KEYS.join(", ")
                )));
            }
        }
        if let Some(levels) = table.get("levels") {
            let Some(levels) = levels.as_object() else {
                return Err(problem(
                    "`levels` must be a table such as `{ G0403 = \"allow\" }`".into(),
                ));
            };
            for (code, level) in levels {
                if crate::lint::rules::find(code).is_none() {
                    return Err(problem(format!(
                        "`levels`: unknown rule `{code}` (rules: G0400 to G0409)"
                    )));
                }
                let setting = match level.as_str() {
                    Some("deny") => Setting::Deny,
                    Some("warn") => Setting::Warn,
                    Some("allow") => Setting::Allow,
                    _ => {
                        return Err(problem(format!(
                            "`levels.{code}` must be \"deny\", \"warn\" or \"allow\", not {level}"
                        )));
                    }
                };
                config.levels.insert(code.clone(), setting);
            }
        }
        let base = manifest.parent().unwrap_or(Path::new("."));
        for path in string_list(table, "test-paths").map_err(problem)? {
            config.test_paths.push(base.join(path));
        }
        config
            .blocking_functions
            .extend(string_list(table, "blocking-functions").map_err(problem)?);
        config
            .shared_types
            .extend(string_list(table, "shared-types").map_err(problem)?);
        Ok(config)
    }

    /// Whether `path` lies under one of the configured test paths.
    pub(crate) fn is_test_path(&self, path: &Path) -> bool {
        self.test_paths
            .iter()
            .any(|test_path| path.starts_with(test_path))
    }
}

fn string_list(table: &serde_json::Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    let Some(value) = table.get(key) else {
        return Ok(Vec::new());
    };
    let items = value
        .as_array()
        .ok_or_else(|| format!("`{key}` must be an array of strings"))?;
    items
        .iter()
        .map(|item| {
            item.as_str()
                .filter(|text| !text.trim().is_empty())
                .map(str::to_owned)
                .ok_or_else(|| {
                    format!("`{key}` must be an array of non-empty strings, found {item}")
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn package_extends_workspace() {
        let manifest = Path::new("/w/Cargo.toml");
        let workspace = Config::from_metadata(
            &json!({ "levels": { "G0403": "allow" }, "blocking-functions": ["db::query"] }),
            manifest,
            None,
        )
        .unwrap();
        let package = Config::from_metadata(
            &json!({ "levels": { "G0403": "deny", "G0402": "warn" }, "test-paths": ["src/testing"] }),
            Path::new("/w/p/Cargo.toml"),
            Some(&workspace),
        )
        .unwrap();
        assert_eq!(package.levels["G0403"], Setting::Deny);
        assert_eq!(package.levels["G0402"], Setting::Warn);
        assert_eq!(package.blocking_functions, ["db::query"]);
        assert!(package.is_test_path(Path::new("/w/p/src/testing/mock.rs")));
        assert!(!package.is_test_path(Path::new("/w/p/src/lib.rs")));
    }

    #[test]
    fn bad_tables_name_the_key() {
        let manifest = Path::new("/w/Cargo.toml");
        let error = |value: Value| {
            Config::from_metadata(&value, manifest, None)
                .unwrap_err()
                .to_string()
        };
        assert!(error(json!({ "level": {} })).contains("unknown key `level`"));
        assert!(error(json!({ "levels": { "G0999": "deny" } })).contains("unknown rule `G0999`"));
        assert!(
            error(json!({ "levels": { "G0403": "error" } })).contains("`levels.G0403` must be")
        );
        assert!(error(json!({ "test-paths": "src" })).contains("`test-paths` must be an array"));
        assert!(error(json!(3)).contains("must be a table"));
    }
}
