//! The packages and targets to check, from `cargo metadata` (parsed here with serde_json: the
//! `cargo_metadata` crate would bring a second syn major through thiserror).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::Error;
use crate::config::Config;

/// One package to check.
#[derive(Debug)]
pub(crate) struct Package {
    pub(crate) name: String,
    pub(crate) targets: Vec<Target>,
    /// `tokio` is a normal dependency (for fixes that write `tokio::..`).
    pub(crate) has_tokio: bool,
    pub(crate) config: Config,
}

/// One target (crate) of a package.
#[derive(Debug)]
pub(crate) struct Target {
    /// `lib`, `bin`, `test`, `bench`, `example`, `custom-build`, `proc-macro`, `cdylib`, ...
    pub(crate) kinds: Vec<String>,
    pub(crate) crate_types: Vec<String>,
    pub(crate) src_path: PathBuf,
    pub(crate) edition: String,
}

impl Target {
    /// A test, bench or example target.
    pub(crate) fn is_test_like(&self) -> bool {
        self.kinds
            .iter()
            .any(|kind| matches!(kind.as_str(), "test" | "bench" | "example"))
    }

    /// Built as a C library: functions meant for C must keep their names.
    pub(crate) fn exports_c(&self) -> bool {
        self.crate_types
            .iter()
            .any(|kind| kind == "cdylib" || kind == "staticlib")
    }
}

/// The workspace as `cargo metadata` describes it.
#[derive(Debug)]
pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    pub(crate) packages: Vec<Package>,
}

/// Which packages to take from the metadata.
#[derive(Debug, Default)]
pub(crate) struct Selection<'a> {
    pub(crate) manifest_path: Option<&'a Path>,
    /// `-p NAME`: only these workspace members (all when empty).
    pub(crate) packages: &'a [String],
    /// Every package in the dependency graph, not only the workspace's (a survey of published code).
    pub(crate) dependencies: bool,
}

/// Runs `cargo metadata` and reads the packages to check.
pub(crate) fn load(selection: &Selection<'_>) -> Result<Workspace, Error> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["metadata", "--format-version", "1"]);
    if !selection.dependencies {
        command.arg("--no-deps");
    }
    if let Some(manifest_path) = selection.manifest_path {
        if !manifest_path.exists() {
            return Err(Error::Manifest(format!(
                "`{}` does not exist",
                manifest_path.display()
            )));
        }
        command.arg("--manifest-path").arg(manifest_path);
    }
    let output = command
        .output()
        .map_err(|error| Error::Manifest(format!("could not run `cargo metadata`: {error}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Manifest(format!(
            "`cargo metadata` failed:\n{}",
            stderr.trim_end()
        )));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout).map_err(|error| {
        Error::Manifest(format!(
            "`cargo metadata` printed something that is not JSON: {error}"
        ))
    })?;
    parse(&metadata, selection)
}

fn parse(metadata: &Value, selection: &Selection<'_>) -> Result<Workspace, Error> {
    let root = PathBuf::from(string(&metadata["workspace_root"]));
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let workspace_config = Config::from_metadata(
        &metadata["metadata"]["stateguard"],
        &root.join("Cargo.toml"),
        None,
    )?;
    let mut packages = Vec::new();
    for package in metadata["packages"].as_array().into_iter().flatten() {
        let id = string(&package["id"]);
        let name = string(&package["name"]);
        let is_member = members.contains(&id.as_str());
        if !selection.dependencies && !is_member {
            continue;
        }
        if is_member && !selection.packages.is_empty() && !selection.packages.contains(&name) {
            continue;
        }
        let manifest_path = PathBuf::from(string(&package["manifest_path"]));
        let config = Config::from_metadata(
            &package["metadata"]["stateguard"],
            &manifest_path,
            Some(&workspace_config),
        )?;
        let targets = package["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|target| Target {
                kinds: strings(&target["kind"]),
                crate_types: strings(&target["crate_types"]),
                src_path: PathBuf::from(string(&target["src_path"])),
                edition: string(&target["edition"]),
            })
            .collect();
        let has_tokio = package["dependencies"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|dependency| {
                string(&dependency["name"]) == "tokio" && dependency["kind"].is_null()
            });
        packages.push(Package {
            name,
            targets,
            has_tokio,
            config,
        });
    }
    for wanted in selection.packages {
        if !packages.iter().any(|package| &package.name == wanted) {
            return Err(Error::Usage(format!(
                "package `{wanted}` is not a member of the workspace at `{}`",
                root.display()
            )));
        }
    }
    Ok(Workspace { root, packages })
}

fn string(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}
