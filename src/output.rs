//! The one place that decides where output goes and writes it: files atomically and as a set
//! (temporary files in the same folder, then renames under a lock on the folder), devices and
//! pipes written into, never over the profile, and only after everything rendered.

mod commit;
mod destination;
mod folders;
mod interrupt;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use commit::{Replace, Staging, write_files};

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

/// Writes `bytes` to standard output. A reader that stopped early (`pivot ... -o - | head`)
/// ends the output quietly, as `cat` and `grep` do.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|source| Error::Write {
            path: "standard output".into(),
            source,
        }),
    }
}

/// Writes a new file, refusing to replace an existing one unless `force`. A device or a pipe
/// is written into.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    let replace = if force { Replace::Yes } else { Replace::No };
    write_files(&[(path.to_path_buf(), bytes)], replace, Staging::InTurn).map(drop)
}

/// Refuses, before any work is done for it, what [`write_new`] would refuse: a path pivot
/// cannot write, or a file that is there already when not `force`.
pub fn check_new(path: &Path, force: bool) -> Result<(), Error> {
    let is_file = matches!(
        destination::classify(path)?,
        destination::Destination::File { .. }
    );
    if is_file && !force && path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes every rendered output. Everything was rendered before this is called; the files are
/// written as one set (see [`write_files`]).
pub fn write_all(outputs: &[(Target, Vec<u8>)]) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<(PathBuf, &[u8])> = outputs
        .iter()
        .filter_map(|(target, bytes)| match target {
            Target::File(path) => Some((path.clone(), bytes.as_slice())),
            Target::Stdout => None,
        })
        .collect();
    let written = write_files(&files, Replace::Yes, Staging::Together)?;
    for (target, bytes) in outputs {
        if let Target::Stdout = target {
            write_stdout(bytes)?;
        }
    }
    Ok(written)
}

/// Far more than any plan's calendar, and a bound on what is read.
const MAX_PREVIOUS_BYTES: u64 = 16 * 1024 * 1024;

/// The calendar the learner names with `--previous`: it must be there and readable.
pub fn read_previous_calendar(path: &Path) -> Result<String, Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() || meta.len() > MAX_PREVIOUS_BYTES {
        return Err(Error::File {
            file: path.to_path_buf(),
            message: if meta.is_file() {
                format!(
                    "is larger than a plan's calendar can be ({} MiB at most)",
                    MAX_PREVIOUS_BYTES >> 20
                )
            } else {
                "is not a file".into()
            },
            help: Some("give --previous the .ics file you imported last".into()),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if !text.contains("BEGIN:VCALENDAR") {
        return Err(Error::File {
            file: path.to_path_buf(),
            message: "is not a calendar file (it has no BEGIN:VCALENDAR)".into(),
            help: Some("give --previous the .ics file you imported last".into()),
        });
    }
    Ok(text)
}

/// The calendar previously written at `path`, if any, so moved events get a higher SEQUENCE.
///
/// Only a regular file is read: a link may lead anywhere, and a pipe would wait for a writer.
pub fn previous_calendar(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_PREVIOUS_BYTES {
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
        super::write_files(
            &[(path.clone(), b"plan")],
            super::Replace::Yes,
            super::Staging::InTurn,
        )
        .expect("written");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, usual);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        super::write_files(
            &[(path.clone(), b"plan again")],
            super::Replace::Yes,
            super::Staging::InTurn,
        )
        .expect("rewritten");
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

    /// What `write_new` will refuse is refused before the work that makes the file.
    #[test]
    fn check_new_refuses_what_write_new_would() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("profile.yaml");
        check_new(&path, false).expect("a new file");
        std::fs::write(&path, b"mine").expect("existing");
        assert!(matches!(check_new(&path, false), Err(Error::Exists { .. })));
        check_new(&path, true).expect("replaced with --force");
        assert!(matches!(
            check_new(dir.path(), true),
            Err(Error::Output { .. })
        ));
    }

    #[test]
    fn ics_tasks_needs_ics_even_without_output() {
        assert!(resolve(&[Format::Md], None, true).is_err());
    }
}
