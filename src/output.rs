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
    let Some(output) = output else {
        return Ok(in_folder(Path::new(".")));
    };
    if ics_tasks && !formats.contains(&Format::Ics) {
        return Err(usage(
            "--ics-tasks needs the ics format",
            "add ics to --format",
        ));
    }
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

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let write_err = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(write_err)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".pivot-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(write_err)?;
    temp.write_all(bytes).map_err(write_err)?;
    // A temporary file is private to its owner; the plan is an ordinary document, so it gets the
    // permissions the file it replaces had, or the usual read-for-everyone ones.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::metadata(path)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        temp.as_file()
            .set_permissions(permissions)
            .map_err(write_err)?;
    }
    temp.as_file().sync_all().map_err(write_err)?;
    temp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}

/// Writes a new file atomically, refusing to replace an existing one unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    if !force && path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    write_atomic(path, bytes)
}

/// Writes every rendered output. Everything was rendered before this is called, so a render
/// error never leaves some files new and others old.
pub fn write_all(outputs: &[(Target, Vec<u8>)]) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for (target, bytes) in outputs {
        match target {
            Target::Stdout => {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(bytes)
                    .and_then(|()| stdout.flush())
                    .map_err(|source| Error::Write {
                        path: PathBuf::from("standard output"),
                        source,
                    })?;
            }
            Target::File(path) => {
                write_atomic(path, bytes)?;
                written.push(path.clone());
            }
        }
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
    fn written_files_are_readable_by_others() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("plan.md");
        super::write_atomic(&path, b"plan").expect("written");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
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
