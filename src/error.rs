//! The errors a user can meet, each carrying what it needs to say where and how to fix it.

use std::fmt;
use std::path::PathBuf;

/// A place in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSpan {
    pub file: PathBuf,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for SourceSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Everything that can go wrong, with its context. `Display` gives the one-line message; `help`
/// gives the optional second line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A profile field is wrong: `FILE:LINE:COL: FIELD: what is wrong; what is allowed`.
    #[error("{at}: {field}: {message}")]
    Field {
        at: SourceSpan,
        field: String,
        message: String,
        help: Option<String>,
    },

    /// The file is not YAML we can read, or not shaped like a profile.
    #[error("{at}: {message}")]
    Syntax {
        at: SourceSpan,
        message: String,
        help: Option<String>,
    },

    /// The file as a whole cannot be used (empty, too large, not UTF-8).
    #[error("{file}: {message}")]
    File {
        file: PathBuf,
        message: String,
        help: Option<String>,
    },

    #[error("{}: cannot read: {}", path.display(), io_reason(source))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: cannot write: {}", path.display(), io_reason(source))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: already exists; use --force to replace it", path.display())]
    Exists { path: PathBuf },

    /// An output path pivot cannot or will not write, or a set of files it could not put in
    /// place, saying what the folder now holds.
    #[error("{}: {message}", path.display())]
    Output {
        path: PathBuf,
        message: String,
        help: Option<String>,
    },

    /// The catalog (built-in or from `--data`) is inconsistent.
    #[error("{at}: {message}")]
    Catalog { at: SourceSpan, message: String },

    #[error("catalog: {message}")]
    CatalogGeneral { message: String },

    #[error("{}: --data must be a folder holding catalog files (roles.yaml, modules.yaml, ...)", dir.display())]
    DataDir { dir: PathBuf },

    /// A template failed to load or render.
    #[error("{message}")]
    Template { message: String },

    /// The profile and catalog are valid, but no plan can be made from them.
    #[error("{message}")]
    Plan {
        message: String,
        help: Option<String>,
    },

    /// A renderer could not produce its output.
    #[error("{format}: {message}")]
    Render {
        format: &'static str,
        message: String,
    },

    /// Some learners of a cohort have no plan; each was reported above.
    #[error(
        "{failed} of {total} learners have no plan: see the errors above, and the error column of cohort.csv"
    )]
    Batch { failed: usize, total: usize },

    /// `pivot init`'s questions were stopped (Esc or Ctrl-C) before the last one.
    #[error("no profile was written: the questions were stopped before the end")]
    Stopped,

    /// The command line asks for something that cannot be done (but parsed fine).
    #[error("{message}")]
    Usage {
        message: String,
        help: Option<String>,
    },
}

/// An I/O failure in plain words, without the operating system's error codes.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::AlreadyExists => "it already exists".into(),
        ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        ErrorKind::NotADirectory => "a part of the path is a file, not a folder".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        ErrorKind::StorageFull => "the disk is full".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

impl Error {
    /// The exit status for this error: 2 for usage errors, 1 for everything else.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage { .. } => 2,
            _ => 1,
        }
    }

    /// The optional `help:` line.
    pub fn help(&self) -> Option<&str> {
        match self {
            Error::Field { help, .. }
            | Error::Syntax { help, .. }
            | Error::File { help, .. }
            | Error::Plan { help, .. }
            | Error::Output { help, .. }
            | Error::Usage { help, .. } => help.as_deref(),
            _ => None,
        }
    }
}
