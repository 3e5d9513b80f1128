//! The one place that decides where output goes and writes it: atomically (a temporary file in
//! the same folder, then a rename), never over the profile, and only after everything rendered.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::render::Format;

/// Where one rendered output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// What `plan` will write: each format's target, plus the tasks calendar when asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Targets {
    pub outputs: Vec<(Format, Target)>,
    pub tasks: Option<PathBuf>,
}

fn usage(message: impl Into<String>, help: impl Into<String>) -> Error {
    Error::Usage {
        message: message.into(),
        help: Some(help.into()),
    }
}

/// Works out the targets from `-o` (see the command-line contract): no `-o` means the current
/// folder; `-` means standard output (one format); a path ending in `/` or an existing folder
/// is a folder; anything else is a file for a single format.
pub fn resolve(
    formats: &[Format],
    output: Option<&Path>,
    ics_tasks: bool,
) -> Result<Targets, Error> {
    let in_folder = |dir: &Path| -> Targets {
        Targets {
            outputs: formats
                .iter()
                .map(|f| {
                    (
                        *f,
                        Target::File(dir.join(format!("plan.{}", f.extension()))),
                    )
                })
                .collect(),
            tasks: ics_tasks.then(|| dir.join("plan-tasks.ics")),
        }
    };
    if ics_tasks && !formats.contains(&Format::Ics) {
        return Err(usage(
            "--ics-tasks needs the ics format",
            "add ics to --format",
        ));
    }
    let Some(output) = output else {
        return Ok(in_folder(Path::new(".")));
    };
    if output == Path::new("-") {
        return match formats {
            [format] if !ics_tasks => Ok(Targets {
                outputs: vec![(*format, Target::Stdout)],
                tasks: None,
            }),
            [_] => Err(usage(
                "--ics-tasks cannot write to standard output",
                "give -o a folder",
            )),
            _ => Err(usage(
                "-o - writes one format to standard output, but several were asked for",
                "choose one with --format, for example --format json",
            )),
        };
    }
    let text = output.to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || output.is_dir() {
        return Ok(in_folder(output));
    }
    match formats {
        [format] => {
            let tasks = ics_tasks.then(|| {
                let stem = output
                    .file_stem()
                    .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
                output.with_file_name(format!("{stem}-tasks.ics"))
            });
            Ok(Targets {
                outputs: vec![(*format, Target::File(output.to_path_buf()))],
                tasks,
            })
        }
        _ => Err(usage(
            format!(
                "{} is a file name, but several formats were asked for",
                output.display()
            ),
            format!(
                "end it with / to make it a folder ({}/), or choose one format with --format",
                output.display()
            ),
        )),
    }
}

/// True when `a` and `b` name the same file (both may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Refuses any target that is the profile itself.
pub fn guard_profile(targets: &Targets, profile: &Path) -> Result<(), Error> {
    let files = targets
        .outputs
        .iter()
        .filter_map(|(_, t)| match t {
            Target::File(p) => Some(p),
            Target::Stdout => None,
        })
        .chain(targets.tasks.as_ref());
    for file in files {
        if same_file(file, profile) {
            return Err(usage(
                format!(
                    "{} is the profile; pivot never writes over it",
                    file.display()
                ),
                "choose another -o",
            ));
        }
    }
    Ok(())
}

/// A finished temporary file beside its destination, waiting to be renamed into place.
struct Staged {
    temp: tempfile::NamedTempFile,
    path: PathBuf,
}

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `bytes` to a temporary file in `path`'s folder (created if needed) and syncs it.
fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, Error> {
    let write_err = write_error(path);
    if path.is_dir() {
        return Err(write_err(std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(&write_err)?;
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pivot-").suffix(".tmp");
    // A temporary file is private to its owner; a plan is an ordinary document, so it gets the
    // permissions of the file it replaces, or the usual ones for a new file (less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&dir).map_err(&write_err)?;
    if let Some(permissions) = existing {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(&write_err)?;
    }
    temp.write_all(bytes).map_err(&write_err)?;
    temp.as_file().sync_all().map_err(&write_err)?;
    Ok(Staged {
        temp,
        path: path.to_path_buf(),
    })
}

impl Staged {
    /// Renames the file into place, replacing what was there.
    fn commit(self) -> Result<(), Error> {
        self.temp
            .persist(&self.path)
            .map(drop)
            .map_err(|e| write_error(&self.path)(e.error))
    }
}

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    stage(path, bytes)?.commit()
}

/// Writes a new file atomically, refusing to replace an existing one unless `force` (also when
/// one appears while writing).
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    if force {
        return write_atomic(path, bytes);
    }
    let exists = || Error::Exists {
        path: path.to_path_buf(),
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let staged = stage(path, bytes)?;
    match staged.temp.persist_noclobber(&staged.path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(write_error(path)(e.error)),
    }
}

/// Writes every rendered output. Everything was rendered before this is called, and every file
/// is written in full beside its destination before the first one is renamed into place, so a
/// failure leaves the old set of files, not a mix of old and new.
pub fn write_all(outputs: &[(Target, Vec<u8>)]) -> Result<Vec<PathBuf>, Error> {
    let mut staged = Vec::new();
    for (target, bytes) in outputs {
        if let Target::File(path) = target {
            staged.push(stage(path, bytes)?);
        }
    }
    for (target, bytes) in outputs {
        if let Target::Stdout = target {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(write_error(Path::new("standard output")))?;
        }
    }
    let mut written = Vec::new();
    for file in staged {
        let path = file.path.clone();
        file.commit()?;
        written.push(path);
    }
    Ok(written)
}

/// The calendar previously written at `path`, if any, so moved events get a higher SEQUENCE.
pub fn previous_calendar(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > 16 * 1024 * 1024 {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_and_file_targets() {
        let t = resolve(&Format::DEFAULT, Some(Path::new("out/")), false).expect("folder");
        assert_eq!(
            t.outputs[1],
            (Format::Pdf, Target::File(PathBuf::from("out/plan.pdf")))
        );
        let t = resolve(&[Format::Ics], Some(Path::new("me.ics")), true).expect("file");
        assert_eq!(t.tasks, Some(PathBuf::from("me-tasks.ics")));
        assert!(resolve(&Format::DEFAULT, Some(Path::new("me.pdf")), false).is_err());
        assert!(resolve(&Format::DEFAULT, Some(Path::new("-")), false).is_err());
        let t = resolve(&[Format::Json], Some(Path::new("-")), false).expect("stdout");
        assert_eq!(t.outputs, vec![(Format::Json, Target::Stdout)]);
        let t = resolve(&[Format::Md], None, false).expect("cwd");
        assert_eq!(t.outputs[0].1, Target::File(PathBuf::from("./plan.md")));
    }
}

#[cfg(all(test, unix))]
mod permission_tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn written_files_get_the_usual_permissions() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("plan.md");
        // A file created the ordinary way shows what the umask allows.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").expect("plain file");
        let usual = std::fs::metadata(&plain)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        super::write_atomic(&path, b"plan").expect("written");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, usual);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        super::write_atomic(&path, b"plan again").expect("rewritten");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "keeps the permissions of the file it replaces"
        );
    }
}

#[cfg(test)]
mod write_tests {
    use super::*;

    #[test]
    fn a_failed_write_replaces_nothing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let md = dir.path().join("plan.md");
        std::fs::write(&md, b"old plan").expect("old file");
        let blocked = dir.path().join("plan.pdf");
        std::fs::create_dir(&blocked).expect("a folder where the PDF goes");
        let outputs = vec![
            (Target::File(md.clone()), b"new plan".to_vec()),
            (Target::File(blocked), b"%PDF".to_vec()),
        ];
        assert!(write_all(&outputs).is_err());
        assert_eq!(std::fs::read(&md).expect("still there"), b"old plan");
        let leftovers = std::fs::read_dir(dir.path())
            .expect("readable")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            })
            .count();
        assert_eq!(leftovers, 0, "no temporary files are left behind");
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("profile.yaml");
        std::fs::write(&path, b"mine").expect("existing");
        assert!(matches!(
            write_new(&path, b"starter", false),
            Err(Error::Exists { .. })
        ));
        assert_eq!(std::fs::read(&path).expect("kept"), b"mine");
        write_new(&path, b"starter", true).expect("forced");
        assert_eq!(std::fs::read(&path).expect("replaced"), b"starter");
    }

    #[test]
    fn ics_tasks_needs_ics_even_without_output() {
        assert!(resolve(&[Format::Md], None, true).is_err());
    }
}
