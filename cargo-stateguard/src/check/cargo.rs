//! Running cargo: the package and feature flags passed through, the workspace found, the JSON
//! messages read.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, Output};

use crate::check::diagnostic::CargoMessage;

/// cargo's flags that choose what is checked, passed unchanged to every cargo command the gate
/// runs.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct CargoFlags {
    /// Package to check (repeatable; as `cargo check -p`).
    #[arg(
        short = 'p',
        long = "package",
        value_name = "SPEC",
        help_heading = "Package Selection"
    )]
    package: Vec<String>,
    /// Check every package of the workspace.
    #[arg(long, help_heading = "Package Selection")]
    workspace: bool,
    /// Leave a package out (with `--workspace`).
    #[arg(long, value_name = "SPEC", help_heading = "Package Selection")]
    exclude: Vec<String>,
    /// Features to enable (space- or comma-separated, repeatable).
    #[arg(
        short = 'F',
        long,
        value_name = "FEATURES",
        help_heading = "Feature Selection"
    )]
    features: Vec<String>,
    /// Enable every feature of the selected packages.
    #[arg(long, help_heading = "Feature Selection")]
    all_features: bool,
    /// Do not enable the `default` feature.
    #[arg(long, help_heading = "Feature Selection")]
    no_default_features: bool,
    /// Path to the `Cargo.toml` of the package or workspace.
    #[arg(long, value_name = "PATH", help_heading = "Manifest Options")]
    manifest_path: Option<PathBuf>,
    /// Require `Cargo.lock` to be up to date.
    #[arg(long, help_heading = "Manifest Options")]
    locked: bool,
    /// Run without accessing the network.
    #[arg(long, help_heading = "Manifest Options")]
    offline: bool,
    /// `--locked` and `--offline`.
    #[arg(long, help_heading = "Manifest Options")]
    frozen: bool,
    /// Check for the target triple (repeatable).
    #[arg(long, value_name = "TRIPLE", help_heading = "Compilation Options")]
    target: Vec<String>,
}

impl CargoFlags {
    /// The flags as cargo's command-line arguments.
    pub(crate) fn to_args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        for package in &self.package {
            args.extend(["--package".into(), package.into()]);
        }
        if self.workspace {
            args.push("--workspace".into());
        }
        for excluded in &self.exclude {
            args.extend(["--exclude".into(), excluded.into()]);
        }
        for features in &self.features {
            args.extend(["--features".into(), features.into()]);
        }
        for (on, flag) in [
            (self.all_features, "--all-features"),
            (self.no_default_features, "--no-default-features"),
            (self.locked, "--locked"),
            (self.offline, "--offline"),
            (self.frozen, "--frozen"),
        ] {
            if on {
                args.push(flag.into());
            }
        }
        if let Some(manifest) = &self.manifest_path {
            args.extend(["--manifest-path".into(), manifest.into()]);
        }
        for target in &self.target {
            args.extend(["--target".into(), target.into()]);
        }
        args
    }

    pub(crate) fn manifest_path(&self) -> Option<&std::path::Path> {
        self.manifest_path.as_deref()
    }

    pub(crate) fn packages(&self) -> &[String] {
        &self.package
    }

    pub(crate) fn excluded(&self) -> &[String] {
        &self.exclude
    }

    /// The flags `cargo metadata` understands (it checks no package, so no selection).
    fn metadata_args(&self) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        if let Some(manifest) = &self.manifest_path {
            args.extend(["--manifest-path".into(), manifest.into()]);
        }
        for (on, flag) in [
            (self.locked, "--locked"),
            (self.offline, "--offline"),
            (self.frozen, "--frozen"),
        ] {
            if on {
                args.push(flag.into());
            }
        }
        args
    }
}

/// The cargo binary: the one that ran us (`cargo stateguard`), else `cargo` on the `PATH`.
pub(crate) fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The workspace being checked.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    pub(crate) target_directory: PathBuf,
    /// The directory of each member package.
    pub(crate) package_dirs: Vec<PathBuf>,
    /// The name of each member package.
    pub(crate) package_names: Vec<String>,
}

/// Asks `cargo metadata` where the workspace and its target directory are.
///
/// # Errors
/// cargo's own message when it cannot read the manifest (no `Cargo.toml`, a syntax error).
pub(crate) fn workspace(flags: &CargoFlags) -> Result<Workspace, String> {
    let mut command = Command::new(cargo());
    command
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .args(flags.metadata_args());
    let output = output(&mut command)?;
    if !output.status.success() {
        return Err(cargo_error(&output.stderr));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("cannot read `cargo metadata`'s output: {error}"))?;
    let path = |key: &str| {
        metadata[key]
            .as_str()
            .map(PathBuf::from)
            .ok_or_else(|| format!("`cargo metadata` gave no `{key}`"))
    };
    let package_dirs = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|package| package["manifest_path"].as_str())
        .filter_map(|manifest| std::path::Path::new(manifest).parent().map(PathBuf::from))
        .collect();
    let package_names = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|package| package["name"].as_str().map(String::from))
        .collect();
    Ok(Workspace {
        root: path("workspace_root")?,
        target_directory: path("target_directory")?,
        package_dirs,
        package_names,
    })
}

/// Runs `command`, with both streams captured.
///
/// # Errors
/// When the program cannot be started (no cargo on the `PATH`).
pub(crate) fn output(command: &mut Command) -> Result<Output, String> {
    command.output().map_err(|error| {
        format!(
            "cannot run `{}`: {error}",
            command.get_program().to_string_lossy()
        )
    })
}

/// The JSON messages in cargo's standard output; other lines (a test binary's output) are
/// skipped.
pub(crate) fn messages(stdout: &[u8]) -> Vec<CargoMessage> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|line| line.starts_with('{'))
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// cargo's error from its standard error: the `error: ...` lines and what follows them, without
/// the progress lines (`Compiling`, `Checking`, `Finished`).
pub(crate) fn cargo_error(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let from_first_error: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("error"))
        .collect();
    let kept = if from_first_error.is_empty() {
        text.lines().filter(|line| !is_progress(line)).collect()
    } else {
        from_first_error
    };
    let joined = kept.join("\n");
    let trimmed = joined.trim();
    if trimmed.is_empty() {
        String::from("cargo failed without saying why")
    } else {
        trimmed
            .strip_prefix("error: ")
            .unwrap_or(trimmed)
            .to_owned()
    }
}

fn is_progress(line: &str) -> bool {
    let word = line.trim_start().split(' ').next().unwrap_or_default();
    matches!(
        word,
        "Compiling"
            | "Checking"
            | "Finished"
            | "Running"
            | "Doc-tests"
            | "Blocking"
            | "Updating"
            | "Downloading"
            | "Downloaded"
            | "Locking"
            | "Adding"
            | "Fresh"
            | "Building"
    )
}

#[cfg(test)]
mod tests {
    use super::{cargo_error, messages};
    use crate::check::diagnostic::CargoMessage;

    #[test]
    fn cargo_errors_lose_their_progress_lines() {
        let stderr = b"    Updating crates.io index\nerror: failed to parse manifest at `/x/Cargo.toml`\n\nCaused by:\n  bad key\n";
        assert_eq!(
            cargo_error(stderr),
            "failed to parse manifest at `/x/Cargo.toml`\n\nCaused by:\n  bad key"
        );
        assert_eq!(
            cargo_error(b"   Compiling a v0.1.0\n"),
            "cargo failed without saying why"
        );
    }

    #[test]
    fn only_cargo_json_lines_are_read() {
        let stdout = b"{\"reason\":\"build-finished\",\"success\":false}\nrunning 2 tests\n{not json\n{\"reason\":\"compiler-artifact\"}\n";
        let read = messages(stdout);
        assert_eq!(read.len(), 2);
        assert!(matches!(
            read[0],
            CargoMessage::BuildFinished { success: false }
        ));
        assert!(matches!(read[1], CargoMessage::Other));
    }
}
