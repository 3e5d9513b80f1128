//! Reading the files pivot is given: profiles, catalog files and templates, each refused
//! plainly when it is not a file, too large, or not UTF-8 text.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, SourceSpan};
use crate::yaml;

/// The longest text file pivot reads (a template, a roster, a Markdown plan for `pivot
/// progress`): room for the plan of a catalog of ten thousand modules (about 4.5 MiB), so that
/// `pivot progress` can read it back.
const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Reads a text file (a template, a roster, a plan) for parsing; see [`read_yaml_file`].
pub fn read_text_file(path: &Path) -> Result<String, Error> {
    read_limited(path, MAX_TEXT_BYTES, |size| {
        let size = match size {
            Some(size) => format!("is {} KiB", size.div_ceil(1024)),
            None => "holds more".to_string(),
        };
        Error::File {
            file: path.to_path_buf(),
            message: format!(
                "the file {size}; pivot reads text files of at most {} MiB",
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
            help: Some("is this the right file? pivot reads short text files".into()),
        }
    })
}

/// Reads a profile or catalog file for parsing: refuses what is not a file (a folder has no
/// text of its own, and a device such as /dev/zero no end), files over the size limit before
/// reading them whole, and files that are not UTF-8, with the line and column of the first bad
/// byte. A pipe (`<(command)` in a shell) is read, up to the size limit.
pub fn read_yaml_file(path: &Path, kind: yaml::Kind) -> Result<String, Error> {
    read_limited(path, kind.max_bytes(), |size| {
        yaml::too_large(path, size, kind)
    })
}

/// What is at a path that is not a plain file, in words.
pub fn what_is(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_fifo() {
            return "a pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// Reads the file at `path` if it is at most `max_bytes` long; else the error `too_large` makes
/// of its size (unknown for a pipe).
fn read_limited(
    path: &Path,
    max_bytes: usize,
    too_large: impl FnOnce(Option<usize>) -> Error,
) -> Result<String, Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let kind = std::fs::metadata(path).map_err(read_err)?.file_type();
    let what = what_is(kind);
    if !matches!(what, "a file" | "a pipe") {
        return Err(Error::File {
            file: path.to_path_buf(),
            message: format!("is {what}, not a file"),
            help: Some("give the path of a file instead".into()),
        });
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() > max_bytes {
        // A pipe's size is not known in advance.
        let size = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len() as usize);
        return Err(too_large(size));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() as u64 + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
        Error::Syntax {
            at: SourceSpan {
                file: path.to_path_buf(),
                line,
                column,
            },
            message: "the file is not UTF-8 text".into(),
            help: Some(
                "save it as UTF-8 (most editors offer this under \"Save with encoding\")".into(),
            ),
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Markdown plan for a catalog of thousands of modules runs to megabytes, and `pivot
    /// progress` reads it back.
    #[test]
    fn a_text_file_may_be_as_long_as_the_longest_plan() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("plan.md");
        std::fs::write(&path, "- [ ] a task\n".repeat(400_000)).expect("write");
        assert_eq!(read_text_file(&path).expect("read").len(), 5_200_000);
        std::fs::write(&path, "x".repeat(MAX_TEXT_BYTES + 1)).expect("write");
        let err = read_text_file(&path).expect_err("too long");
        assert!(
            err.to_string()
                .ends_with("the file is 16385 KiB; pivot reads text files of at most 16 MiB"),
            "{err}"
        );
    }
}
