//! `--fix`: applies the mechanical edits of the records, like `cargo clippy --fix`: it refuses a working
//! tree with uncommitted changes unless `--allow-dirty`, so every change it makes can be reviewed and
//! undone with git.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::Error;
use crate::record::{Edit, Record};
use crate::render::byte_offset;

/// Fails when `root` is not a git work tree or has uncommitted changes.
pub(crate) fn require_clean_tree(root: &Path) -> Result<(), Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["status", "--porcelain", "--untracked-files=no"])
        .output()
        .map_err(|error| Error::Usage(format!("--fix needs git to check the working tree ({error}); pass --allow-dirty to fix anyway")))?;
    if !output.status.success() {
        return Err(Error::Usage(format!(
            "--fix: `{}` is not in a git working tree, so the changes could not be reviewed or undone; pass --allow-dirty to fix anyway",
            root.display()
        )));
    }
    let changed = String::from_utf8_lossy(&output.stdout);
    if !changed.trim().is_empty() {
        let files: Vec<&str> = changed.lines().take(5).collect();
        return Err(Error::Usage(format!(
            "--fix: the working tree has uncommitted changes ({}); commit or stash them, or pass --allow-dirty",
            files.join(", ")
        )));
    }
    Ok(())
}

/// Applies every record's edits; returns how many edits were applied. Edits that overlap an edit
/// already taken in the same file are left out (the next run offers them again).
pub(crate) fn apply(root: &Path, records: &[Record]) -> Result<usize, Error> {
    let mut by_file: BTreeMap<&str, Vec<&Edit>> = BTreeMap::new();
    for record in records {
        for edit in record.fix.iter().flat_map(|fix| &fix.edits) {
            by_file
                .entry(edit.span.file.as_str())
                .or_default()
                .push(edit);
        }
    }
    let mut applied = 0;
    for (file, edits) in by_file {
        let path = root.join(file);
        let mut text = std::fs::read_to_string(&path).map_err(|error| {
            Error::Io(format!(
                "--fix: could not read `{}`: {error}",
                path.display()
            ))
        })?;
        let mut ranges: Vec<(usize, usize, &str)> = edits
            .iter()
            .filter_map(|edit| {
                let start = byte_offset(&text, edit.span.line, edit.span.column)?;
                let end = byte_offset(&text, edit.span.end_line, edit.span.end_column)?;
                (start <= end).then_some((start, end, edit.replacement.as_str()))
            })
            .collect();
        ranges.sort_by_key(|&(start, end, _)| (start, end));
        ranges.dedup();
        let mut taken: Vec<(usize, usize, &str)> = Vec::new();
        for range in ranges {
            if taken
                .last()
                .is_none_or(|last| last.1 <= range.0 && (last.0, last.1) != (range.0, range.1))
            {
                taken.push(range);
            }
        }
        for &(start, end, replacement) in taken.iter().rev() {
            text.replace_range(start..end, replacement);
            applied += 1;
        }
        std::fs::write(&path, text).map_err(|error| {
            Error::Io(format!(
                "--fix: could not write `{}`: {error}",
                path.display()
            ))
        })?;
    }
    Ok(applied)
}
