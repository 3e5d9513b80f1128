//! Writes a set of files all or nothing: each is written in full beside its destination, then,
//! with the folder locked, the old files are kept aside, the new ones renamed into place, and
//! the old ones put back if any step fails.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::destination::{self, Destination};
use super::folders::{self, FolderLock, KEPT_SUFFIX, TEMP_PREFIX, TEMP_SUFFIX};
use super::interrupt;
use crate::error::Error;

/// Whether a set may replace files that exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Plans: a new plan replaces the old one.
    Yes,
    /// Starter profiles and exported templates without `--force`: the user's files are theirs.
    No,
}

/// A new file written in full beside its destination.
struct Staged {
    temp: tempfile::TempPath,
    path: PathBuf,
}

/// One destination moved into place, and where its old file waits until the set is complete.
struct Placed {
    path: PathBuf,
    kept: Option<PathBuf>,
}

/// How the files of a set are written and synced beside their destinations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staging {
    /// One after the other: what a cohort's workers do, who keep every core busy already.
    InTurn,
    /// Each on a thread of its own, so that their syncs wait for the disk together: a plan's
    /// files, which the learner waits for.
    Together,
}

/// Writes every `(path, bytes)` pair, all or nothing, and returns the paths written.
pub fn write_files(
    files: &[(PathBuf, &[u8])],
    replace: Replace,
    staging: Staging,
) -> Result<Vec<PathBuf>, Error> {
    write_files_with(files, replace, staging, &mut |from, to| {
        std::fs::rename(from, to)
    })
}

/// [`write_files`] with the rename that moves each new file into place given, so tests can make
/// one fail.
pub(super) fn write_files_with(
    files: &[(PathBuf, &[u8])],
    replace: Replace,
    staging: Staging,
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<Vec<PathBuf>, Error> {
    let mut to_files = Vec::new();
    let mut to_streams = Vec::new();
    for (path, bytes) in files {
        match destination::classify(path)? {
            Destination::File {
                path,
                folder,
                keep_mode,
            } => to_files.push((path, folder, keep_mode, *bytes)),
            Destination::Stream { path, append } => to_streams.push((path, append, *bytes)),
        }
    }
    let mut created = Vec::new();
    let mut locks = Vec::new();
    let result = (|| {
        for (path, folder, ..) in &to_files {
            let made = folders::create(folder, path)?;
            interrupt::pending().add_folders(&made);
            created.extend(made);
        }
        for folder in distinct_folders(&to_files) {
            let lock = FolderLock::acquire(&folder)?;
            folders::sweep(&folder);
            locks.push(lock);
        }
        if replace == Replace::No
            && let Some((path, ..)) = to_files.iter().find(|(p, ..)| p.symlink_metadata().is_ok())
        {
            return Err(Error::Exists { path: path.clone() });
        }
        let staged = match staging {
            Staging::InTurn => to_files
                .iter()
                .map(|(path, folder, keep_mode, bytes)| stage(path, folder, *keep_mode, bytes))
                .collect::<Result<Vec<Staged>, Error>>()?,
            Staging::Together => stage_together(&to_files)?,
        };
        for (path, append, bytes) in &to_streams {
            stream(path, *append, bytes)?;
        }
        move_into_place(staged, replace, rename)?;
        for lock in &locks {
            lock.sync();
        }
        Ok(())
    })();
    let mut pending = interrupt::pending();
    match result {
        Ok(()) => {
            pending.forget_folders(&created);
            Ok(files.iter().map(|(p, _)| p.clone()).collect())
        }
        Err(err) => {
            pending.forget_folders(&created);
            drop(locks);
            folders::remove_created(&created);
            Err(err)
        }
    }
}

/// The folders of `files`, each once, in a fixed order so two runs never wait on each other.
fn distinct_folders(files: &[(PathBuf, PathBuf, Option<u32>, &[u8])]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .map(|(_, folder, ..)| folder.canonicalize().unwrap_or_else(|_| folder.clone()))
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

/// [`stage`] for each file, each on a thread of its own: most of the time goes to waiting for
/// the disk to sync a file, which the files then do together. A failure drops the files staged
/// beside it, which removes them, as a failure one after the other does.
fn stage_together(files: &[(PathBuf, PathBuf, Option<u32>, &[u8])]) -> Result<Vec<Staged>, Error> {
    std::thread::scope(|scope| {
        let staging: Vec<_> = files
            .iter()
            .map(|(path, folder, keep_mode, bytes)| {
                scope.spawn(move || stage(path, folder, *keep_mode, bytes))
            })
            .collect();
        staging.into_iter().map(crate::joined).collect()
    })
}

/// Writes `bytes` to a new temporary file in `folder` and syncs it.
fn stage(
    path: &Path,
    folder: &Path,
    keep_mode: Option<u32>,
    bytes: &[u8],
) -> Result<Staged, Error> {
    let write_err = |source: std::io::Error| Error::Output {
        path: path.to_path_buf(),
        message: format!("cannot write: {}", crate::error::io_reason(&source)),
        help: Some("choose a folder you can write to, or -o - to write to standard output".into()),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private to its owner; a plan is an ordinary document, so a new one
    // gets the usual permissions (less the umask), and a replacement those of the old file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut pending = interrupt::pending();
    let mut temp = builder.tempfile_in(folder).map_err(&write_err)?;
    pending.add_file(temp.path());
    drop(pending);
    #[cfg(unix)]
    if let Some(mode) = keep_mode {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(&write_err)?;
    }
    #[cfg(not(unix))]
    let _ = keep_mode;
    let written = temp
        .write_all(bytes)
        .and_then(|()| temp.as_file().sync_all());
    let temp = temp.into_temp_path();
    if let Err(source) = written {
        interrupt::pending().forget_file(&temp);
        return Err(write_err(source));
    }
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
    })
}

/// Writes into a device, a pipe or an open file.
fn stream(path: &Path, append: bool, bytes: &[u8]) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)
        .map_err(|source| Error::Output {
            path: path.to_path_buf(),
            message: format!(
                "cannot open it for writing: {}",
                crate::error::io_reason(&source)
            ),
            help: Some("choose another file, or -o - to write to standard output".into()),
        })?;
    match file.write_all(bytes).and_then(|()| file.flush()) {
        // A reader that stopped early is not an error, as with `cat` and `grep`.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Moves every staged file into place, or, if one step fails, puts every old file back.
fn move_into_place(
    staged: Vec<Staged>,
    replace: Replace,
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), Error> {
    // Held throughout, so a signal waits until the set is complete or rolled back.
    let mut pending = interrupt::pending();
    let mut placed: Vec<Placed> = Vec::with_capacity(staged.len());
    let mut failure = None;
    for file in &staged {
        match place(file, replace, rename, &mut pending) {
            Ok(done) => placed.push(done),
            Err(err) => {
                failure = Some((file.path.clone(), err));
                break;
            }
        }
    }
    let outcome = match failure {
        None => {
            for done in &placed {
                if let Some(kept) = &done.kept {
                    let _ = std::fs::remove_file(kept);
                    pending.forget_file(kept);
                }
            }
            Ok(())
        }
        Some((path, err)) => {
            let summary = roll_back(&staged, &placed, &mut pending);
            Err(
                if err.kind() == std::io::ErrorKind::AlreadyExists && replace == Replace::No {
                    Error::Exists { path }
                } else {
                    Error::Output {
                        path,
                        message: format!(
                            "cannot write: {}; {summary}",
                            crate::error::io_reason(&err)
                        ),
                        help: Some("fix the cause and run the same command again".into()),
                    }
                },
            )
        }
    };
    for file in staged {
        pending.forget_file(&file.temp);
        // Placed files were renamed away; the rest are deleted with their `TempPath`.
        if placed.iter().any(|p| p.path == file.path) {
            let _ = file.temp.keep();
        }
    }
    outcome
}

/// Keeps the old file at `file.path` aside (a second name for it, so the path is never empty),
/// then renames the new file into place.
fn place(
    file: &Staged,
    replace: Replace,
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
    pending: &mut interrupt::Pending,
) -> Result<Placed, std::io::Error> {
    let kept = if file.path.symlink_metadata().is_ok() {
        if replace == Replace::No {
            return Err(std::io::ErrorKind::AlreadyExists.into());
        }
        let kept = kept_name(&file.path);
        pending.add_file(&kept);
        if std::fs::hard_link(&file.path, &kept).is_err() {
            // File systems without hard links: move it aside instead.
            std::fs::rename(&file.path, &kept)?;
        }
        Some(kept)
    } else {
        None
    };
    if let Err(source) = rename(&file.temp, &file.path) {
        if let Some(kept) = &kept {
            restore(kept, &file.path);
            pending.forget_file(kept);
        }
        return Err(source);
    }
    Ok(Placed {
        path: file.path.clone(),
        kept,
    })
}

/// A name beside `path` for its old file while the set is moved into place.
fn kept_name(path: &Path) -> PathBuf {
    let stem = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut candidate;
    let mut n = std::process::id();
    loop {
        candidate = path.with_file_name(format!("{TEMP_PREFIX}{stem}-{n}{KEPT_SUFFIX}"));
        if candidate.symlink_metadata().is_err() {
            return candidate;
        }
        n = n.wrapping_add(1);
    }
}

/// Puts the old file back at `path`; true when it is there again.
fn restore(kept: &Path, path: &Path) -> bool {
    // When the new file never took its place, both names are still the same file, and a rename
    // between two names of one file does nothing: only the second name goes.
    if same_file(kept, path) {
        return std::fs::remove_file(kept).is_ok();
    }
    std::fs::rename(kept, path).is_ok()
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (a.symlink_metadata(), b.symlink_metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Undoes the files already placed, newest first, and says what the folder now holds.
fn roll_back(staged: &[Staged], placed: &[Placed], pending: &mut interrupt::Pending) -> String {
    // Files that stay new because their old version could not be put back.
    let mut stuck = Vec::new();
    for done in placed.iter().rev() {
        match &done.kept {
            Some(kept) if restore(kept, &done.path) => pending.forget_file(kept),
            Some(kept) => {
                // Left for the user to recover, so no longer removed by this run.
                pending.forget_file(kept);
                stuck.push(format!(
                    "{} (its old version is {})",
                    done.path.display(),
                    kept.display()
                ));
            }
            None => {
                if std::fs::remove_file(&done.path).is_err() {
                    stuck.push(done.path.display().to_string());
                }
            }
        }
    }
    let before: Vec<String> = staged
        .iter()
        .filter(|s| s.path.symlink_metadata().is_ok())
        .map(|s| s.path.display().to_string())
        .collect();
    if !stuck.is_empty() {
        format!(
            "only some files were replaced: {} could not be put back",
            and_list(&stuck)
        )
    } else if before.is_empty() {
        "nothing was written".into()
    } else {
        format!(
            "nothing was changed ({} {} as before)",
            and_list(&before),
            if before.len() == 1 { "is" } else { "are" }
        )
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rename that fails on its `n`th call (counting from 1).
    fn failing_on(n: usize) -> impl FnMut(&Path, &Path) -> std::io::Result<()> {
        let mut calls = 0;
        move |from, to| {
            calls += 1;
            if calls == n {
                Err(std::io::ErrorKind::PermissionDenied.into())
            } else {
                std::fs::rename(from, to)
            }
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("readable")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_rename_puts_the_whole_old_set_back() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let set: Vec<PathBuf> = ["plan.md", "plan.pdf", "plan.ics"]
            .iter()
            .map(|n| dir.path().join(n))
            .collect();
        for path in &set {
            std::fs::write(path, b"old").expect("old file");
        }
        let files: Vec<(PathBuf, &[u8])> = set.iter().map(|p| (p.clone(), &b"new"[..])).collect();
        let err = write_files_with(&files, Replace::Yes, Staging::Together, &mut failing_on(2))
            .expect_err("the second rename fails");
        for path in &set {
            assert_eq!(
                std::fs::read(path).expect("still there"),
                b"old",
                "{path:?}"
            );
        }
        let text = err.to_string();
        assert!(
            text.contains("plan.pdf: cannot write: permission denied"),
            "{text}"
        );
        assert!(text.contains("nothing was changed"), "{text}");
        assert!(text.contains("plan.md, "), "{text}");
        assert_eq!(names(dir.path()), ["plan.ics", "plan.md", "plan.pdf"]);
    }

    #[test]
    fn a_failed_set_in_a_new_folder_removes_the_folder() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let folder = dir.path().join("new/deeper");
        let files: Vec<(PathBuf, &[u8])> = vec![
            (folder.join("plan.md"), b"new"),
            (folder.join("plan.ics"), b"new"),
        ];
        let err = write_files_with(&files, Replace::Yes, Staging::Together, &mut failing_on(2))
            .expect_err("the second rename fails");
        assert!(err.to_string().contains("nothing was written"), "{err}");
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_set_that_may_not_replace_stops_at_the_first_existing_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mine = dir.path().join("b.md.hbs");
        std::fs::write(&mine, b"mine").expect("existing");
        let files: Vec<(PathBuf, &[u8])> = vec![
            (dir.path().join("a.md.hbs"), b"new"),
            (mine.clone(), b"new"),
        ];
        match write_files(&files, Replace::No, Staging::InTurn) {
            Err(Error::Exists { path }) => assert_eq!(path, mine),
            other => panic!("expected Exists, got {other:?}"),
        }
        assert_eq!(names(dir.path()), ["b.md.hbs"]);
        assert_eq!(std::fs::read(&mine).expect("kept"), b"mine");
    }
}
