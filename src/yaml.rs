//! Reading YAML safely: size and structure limits, and errors that point at the file, line and
//! column in words a non-programmer can act on.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::Budget;
use serde_saphyr::options::DuplicateKeyPolicy;
use serde_saphyr::{Options, SnippetMode, UserMessageFormatter};

use crate::error::{Error, SourceSpan};
use crate::suggest;

/// Profiles and catalog files larger than this are refused before parsing.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Limits that stop alias bombs and absurd nesting long before they cost time or memory. A real
/// profile has a few dozen nodes and a depth of four; the catalog has a few thousand nodes.
fn budget() -> Option<Budget> {
    serde_saphyr::budget! {
        max_depth: 64,
        max_aliases: 256,
        max_anchors: 256,
        max_events: 200_000,
        max_nodes: 100_000,
        max_total_scalar_bytes: MAX_BYTES * 2,
        max_documents: 1,
    }
}

fn options() -> Options {
    serde_saphyr::options! {
        budget: budget(),
        duplicate_keys: DuplicateKeyPolicy::Error,
    }
}

/// Parses `text` (from `file`) into `T`, turning any failure into an [`Error`] that names the
/// place and the problem.
pub fn from_str<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Error> {
    if text.len() > MAX_BYTES {
        return Err(too_large(file, text.len()));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| convert(file, text, &err))
}

pub fn too_large(file: &Path, len: usize) -> Error {
    Error::File {
        file: file.to_path_buf(),
        message: format!(
            "the file is {} KiB; a profile is at most {} KiB",
            len.div_ceil(1024),
            MAX_BYTES / 1024
        ),
        help: Some(
            "is this the right file? A profile is a short YAML file (see `pivot init`)".into(),
        ),
    }
}

fn convert(file: &Path, text: &str, err: &serde_saphyr::Error) -> Error {
    let rendered = err.render_with_options(serde_saphyr::render_options! {
        formatter: &UserMessageFormatter,
        snippets: SnippetMode::Off,
    });
    let (line, column) = match err.location() {
        Some(loc) if loc.line() > 0 => (loc.line(), loc.column().max(1)),
        _ => end_of(text),
    };
    let message = strip_location_suffix(&rendered);
    let at = SourceSpan {
        file: file.to_path_buf(),
        line,
        column,
    };
    if let Some((field, expected)) = unknown_field(&message) {
        let help = suggest::closest(&field, &expected)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some(format!("allowed keys here: {}", expected.join(", "))));
        return Error::Field {
            at,
            field,
            message: "unknown key".into(),
            help,
        };
    }
    Error::Syntax {
        at,
        message: tidy(&message),
        help: None,
    }
}

/// Line and column just past the last character, for errors without a location.
fn end_of(text: &str) -> (u64, u64) {
    let line = text.lines().count().max(1) as u64;
    let column = text.lines().last().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

/// serde-saphyr appends " at line L, column C"; we print the place first instead.
fn strip_location_suffix(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.rfind(" at line ") {
        Some(i) => first_line[..i].to_string(),
        None => first_line.to_string(),
    }
}

/// Recognises serde's "unknown field `x`, expected one of `a`, `b`" message.
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, tail) = rest.split_once('`')?;
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect::<Vec<_>>();
    Some((field.to_string(), expected))
}

/// Rewords the deserializer's vocabulary for people who do not write Rust.
fn tidy(message: &str) -> String {
    message
        .replace("struct ", "")
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a map", "a set of `key: value` lines")
        .replace("f64", "a number")
        .replace("u32", "a whole number")
}
