//! What an output path is before pivot writes to it: a file to replace (or create), something
//! to write into (a device, a pipe, an open file reached through `/proc`), or something pivot
//! refuses to touch.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// How pivot writes one output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Destination {
    /// A regular file, a symbolic link or nothing yet: a new file is written beside it and renamed
    /// into place. A link is replaced, never written through.
    File {
        path: PathBuf,
        folder: PathBuf,
        /// The permission bits of the regular file being replaced (setuid, setgid and sticky
        /// cleared), or `None` for a new file, which gets `0666` less the umask.
        keep_mode: Option<u32>,
    },
    /// A character device or a pipe (`/dev/null`, `>(cmd)`), or an already open file reached
    /// through `/proc` (`/dev/stdout`): opened and written into, never replaced.
    Stream { path: PathBuf, append: bool },
}

/// Links followed at most when looking for `/proc`, as the kernel's own limit.
const MAX_LINKS: usize = 40;

/// The output error for `path`, with the hint every unwritable path gets.
pub(super) fn refuse(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: message.into(),
        help: Some("choose a file or folder name, or -o - to write to standard output".to_string()),
    }
}

/// Works out how `path` is written; refuses block devices, sockets and folders.
pub(super) fn classify(path: &Path) -> Result<Destination, Error> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file = |keep_mode| Destination::File {
        path: path.to_path_buf(),
        folder: folder.clone(),
        keep_mode,
    };
    let link = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(file(None)),
        Err(err) if err.kind() == ErrorKind::NotADirectory => {
            return Err(super::folders::not_a_folder(path));
        }
        Err(source) => {
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if !link.file_type().is_symlink() {
        return match Kind::of(&link) {
            Kind::File => Ok(file(Some(permission_bits(&link)))),
            Kind::Stream => Ok(Destination::Stream {
                path: path.to_path_buf(),
                append: false,
            }),
            Kind::Refused(what) => Err(refuse(path, what)),
        };
    }
    // A link: what it leads to decides, but a new file never takes the mode of a link's target.
    match std::fs::metadata(path) {
        // A dangling link is replaced like an absent file.
        Err(_) => Ok(file(None)),
        Ok(target) => match Kind::of(&target) {
            Kind::File if leads_to_proc(path) => Ok(Destination::Stream {
                path: path.to_path_buf(),
                append: true,
            }),
            Kind::File => Ok(file(None)),
            Kind::Stream => Ok(Destination::Stream {
                path: path.to_path_buf(),
                append: false,
            }),
            Kind::Refused(what) => Err(refuse(path, what)),
        },
    }
}

/// What a file system entry is, for writing.
enum Kind {
    File,
    Stream,
    Refused(&'static str),
}

impl Kind {
    fn of(meta: &std::fs::Metadata) -> Kind {
        let kind = meta.file_type();
        if kind.is_file() {
            return Kind::File;
        }
        if kind.is_dir() {
            return Kind::Refused("it is a folder, not a file");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_char_device() || kind.is_fifo() {
                return Kind::Stream;
            }
            if kind.is_block_device() {
                return Kind::Refused("it is a disk device; pivot never writes to one");
            }
            if kind.is_socket() {
                return Kind::Refused("it is a socket, which pivot cannot write a plan into");
            }
        }
        Kind::Refused("it is not a file pivot can write")
    }
}

/// The permission bits a replacement keeps: read, write and execute, never setuid, setgid or
/// sticky (a plan is a document, and a planted set-id file must not become one owned by root).
fn permission_bits(meta: &std::fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o666
    }
}

/// True when following the links from `path` reaches `/proc` (`/dev/stdout`, `/dev/fd/3`): the
/// name of a file some process has open, which is written into rather than renamed over, since
/// renaming would replace the link itself.
fn leads_to_proc(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let resolved = match (current.parent(), current.file_name()) {
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => parent
                .canonicalize()
                .map_or_else(|_| current.clone(), |p| p.join(name)),
            _ => current.clone(),
        };
        if resolved.starts_with("/proc") {
            return true;
        }
        match std::fs::read_link(&resolved) {
            Ok(target) if target.is_absolute() => current = target,
            Ok(target) => {
                current = resolved
                    .parent()
                    .map_or_else(|| target.clone(), |p| p.join(&target));
            }
            Err(_) => return false,
        }
    }
    false
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn files_links_and_pipes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let absent = dir.path().join("plan.md");
        assert!(matches!(
            classify(&absent),
            Ok(Destination::File {
                keep_mode: None,
                ..
            })
        ));
        std::fs::write(&absent, b"old").expect("old plan");
        assert!(matches!(
            classify(&absent),
            Ok(Destination::File {
                keep_mode: Some(_),
                ..
            })
        ));
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&absent, &link).expect("link");
        assert!(matches!(
            classify(&link),
            Ok(Destination::File {
                keep_mode: None,
                ..
            })
        ));
        let stdout = dir.path().join("out");
        std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).expect("link");
        assert!(matches!(classify(&stdout), Ok(Destination::Stream { .. })));
        assert!(matches!(classify(dir.path()), Err(Error::Output { .. })));
    }
}
