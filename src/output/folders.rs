//! The folders pivot writes into: created when missing (and removed again if the run fails),
//! locked while a set of files is moved into place, and swept of temporary files a killed run
//! left behind.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Every temporary or kept-aside file pivot makes starts with this, so a later run can find
/// the ones a killed run left.
pub(super) const TEMP_PREFIX: &str = ".pivot-";
/// A new file being written.
pub(super) const TEMP_SUFFIX: &str = ".tmp";
/// An old file kept aside until the new set is in place.
pub(super) const KEPT_SUFFIX: &str = ".old";

/// The error for a path one of whose parents is a file.
pub(super) fn not_a_folder(path: &Path) -> Error {
    let file = path
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && a.symlink_metadata().is_ok_and(|m| !m.is_dir()))
        .filter(|a| std::fs::metadata(a).map_or(true, |m| !m.is_dir()));
    match file {
        Some(file) => Error::Output {
            path: path.to_path_buf(),
            message: format!("{} is {}, not a folder", file.display(), what_is(file)),
            help: Some(format!(
                "choose another -o, or rename {} if you meant a folder",
                file.display()
            )),
        },
        None => super::destination::refuse(path, "a part of the path is not a folder"),
    }
}

/// "a file", "a device", ...: what stands where a folder was expected.
fn what_is(path: &Path) -> &'static str {
    std::fs::metadata(path).map_or("a broken link", |meta| {
        crate::input::what_is(meta.file_type())
    })
}

/// Creates `folder` and any missing parents, and returns those it created, outermost first.
pub(super) fn create(folder: &Path, target: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut missing: Vec<&Path> = folder
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| a.symlink_metadata().is_err())
        .collect();
    missing.reverse();
    let mut created = Vec::new();
    for dir in missing {
        match std::fs::create_dir(dir) {
            Ok(()) => created.push(dir.to_path_buf()),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(err) => {
                remove_created(&created);
                return Err(match err.kind() {
                    std::io::ErrorKind::NotADirectory | std::io::ErrorKind::AlreadyExists => {
                        not_a_folder(target)
                    }
                    _ => Error::Write {
                        path: dir.to_path_buf(),
                        source: err,
                    },
                });
            }
        }
    }
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(created),
        _ => {
            remove_created(&created);
            Err(not_a_folder(target))
        }
    }
}

/// Removes folders this run created, innermost first, if they are still empty.
pub(super) fn remove_created(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// An exclusive advisory lock on a folder, held while a set of files is moved into place, so
/// runs writing into the same folder at once each leave a complete set. Released on drop.
pub(super) struct FolderLock {
    handle: Option<File>,
}

impl FolderLock {
    /// Waits for the lock on `folder`. Where a folder cannot be opened as a file (not Unix),
    /// the set is still moved into place with each file renamed atomically.
    pub(super) fn acquire(folder: &Path) -> Result<FolderLock, Error> {
        #[cfg(unix)]
        {
            let handle = File::open(folder).map_err(|source| Error::Write {
                path: folder.to_path_buf(),
                source,
            })?;
            handle.lock().map_err(|source| Error::Write {
                path: folder.to_path_buf(),
                source,
            })?;
            Ok(FolderLock {
                handle: Some(handle),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = folder;
            Ok(FolderLock { handle: None })
        }
    }

    /// Makes the renames in the folder durable.
    pub(super) fn sync(&self) {
        if let Some(handle) = &self.handle {
            let _ = handle.sync_all();
        }
    }
}

/// Removes temporary and kept-aside files in `folder` that a killed run left behind. Called
/// with the folder locked: every run that is still writing holds the lock, so any such file
/// found then belongs to no live run.
pub(super) fn sweep(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let leftover = name.starts_with(TEMP_PREFIX)
            && (name.ends_with(TEMP_SUFFIX) || name.ends_with(KEPT_SUFFIX));
        if leftover && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
