//! `cargo stateguard new NAME`: a service crate from `templates/service/`, embedded in the binary.
//!
//! The files are written into a hidden folder beside the destination and renamed into place only
//! once all of them are written, so a failure (no permission, a full disk) never leaves a
//! half-written service behind.

mod name;
mod template;
#[cfg(test)]
mod tests;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `cargo stateguard new`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// The folder to create; its last component names the crate (`services/orders` → `orders`).
    path: PathBuf,
    /// The crate's name, when it differs from the folder's.
    #[arg(long)]
    name: Option<String>,
}

/// Why a service could not be written.
#[derive(Debug)]
pub(crate) enum NewError {
    /// The crate name is not one cargo accepts.
    InvalidName {
        name: String,
        why: String,
        suggestion: String,
    },
    /// The destination exists and holds files.
    NotEmpty(PathBuf),
    /// The destination exists and is not a folder.
    NotAFolder(PathBuf),
    /// Reading or writing failed.
    Io {
        action: String,
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidName {
                name,
                why,
                suggestion,
            } => write!(
                f,
                "`{name}` cannot name a crate: {why}\n  help: use `{suggestion}`: cargo stateguard new {suggestion}"
            ),
            Self::NotEmpty(path) => write!(
                f,
                "`{}` already exists and is not empty; nothing was written\n  help: pick a new folder, or empty this one first",
                path.display()
            ),
            Self::NotAFolder(path) => write!(
                f,
                "`{}` already exists and is not a folder; nothing was written",
                path.display()
            ),
            Self::Io {
                action,
                path,
                error,
            } => {
                write!(
                    f,
                    "cannot {action} `{}`: {error}; nothing was left behind",
                    path.display()
                )?;
                if error.kind() == io::ErrorKind::PermissionDenied {
                    write!(
                        f,
                        "\n  help: choose a folder you can write to, or get write permission on it"
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Runs the verb: 0 when the service was written, 2 when it was not (and nothing was written).
pub(crate) fn run(args: NewArgs) -> ExitCode {
    match create(&args.path, args.name.as_deref()) {
        Ok(name) => {
            println!(
                "Created the service `{name}` in {}\n\n    cd {} && cargo run      # serve on 127.0.0.1:3000\n    .ci/run                          # what CI runs: cargo stateguard check",
                args.path.display(),
                args.path.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = writeln!(io::stderr(), "error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Writes the service into `destination` and returns the crate's name.
pub(crate) fn create(destination: &Path, name: Option<&str>) -> Result<String, NewError> {
    let name = match name {
        Some(name) => name.to_owned(),
        None => destination
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    name::check(&name)?;
    let empty_existing = match fs::symlink_metadata(destination) {
        Ok(metadata) if !metadata.is_dir() => {
            return Err(NewError::NotAFolder(destination.to_owned()));
        }
        Ok(_) => {
            let mut entries =
                fs::read_dir(destination).map_err(|error| io_error("read", destination, error))?;
            if entries.next().is_some() {
                return Err(NewError::NotEmpty(destination.to_owned()));
            }
            true
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(io_error("read", destination, error)),
    };
    let parent = match destination.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let staging = parent.join(format!(".{name}.stateguard-new-{}", std::process::id()));
    let written = write_all(&staging, &name).and_then(|()| {
        if empty_existing {
            fs::remove_dir(destination).map_err(|error| io_error("replace", destination, error))?;
        }
        fs::rename(&staging, destination).map_err(|error| io_error("create", destination, error))
    });
    if written.is_err() {
        // Best effort: the staging folder is ours, and may not exist if creating it failed.
        let _ = fs::remove_dir_all(&staging);
    }
    written.map(|()| name)
}

fn io_error(action: &str, path: &Path, error: io::Error) -> NewError {
    NewError::Io {
        action: action.to_owned(),
        path: path.to_owned(),
        error,
    }
}

fn write_all(root: &Path, name: &str) -> Result<(), NewError> {
    fs::create_dir(root)
        .map_err(|error| io_error("create a folder in", root.parent().unwrap_or(root), error))?;
    for file in template::FILES {
        let path = root.join(file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|error| io_error("create", folder, error))?;
        }
        fs::write(&path, template::render(file.contents, name))
            .map_err(|error| io_error("write", &path, error))?;
        #[cfg(unix)]
        if file.executable {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
                .map_err(|error| io_error("make executable", &path, error))?;
        }
    }
    Ok(())
}
