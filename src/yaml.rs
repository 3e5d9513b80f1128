//! Reading YAML safely: size and structure limits, and errors that point at the file, line and
//! column in words a non-programmer can act on.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::budget::{Budget, BudgetBreach};
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
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
        },
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
            "the file is {} KiB; pivot reads YAML files of at most {} KiB",
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
    if let serde_saphyr::Error::SerdeUnknownField {
        field, expected, ..
    } = err.without_snippet()
    {
        let help = suggest::closest(field, expected)
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("allowed keys here: {}", expected.join(", ")));
        return Error::Field {
            at,
            field: field.clone(),
            message: "unknown key".into(),
            help: Some(help),
        };
    }
    if let serde_saphyr::Error::Budget {
        breach: BudgetBreach::Documents { .. },
        ..
    } = err.without_snippet()
    {
        return Error::Syntax {
            at,
            message: "the file holds more than one YAML document; a profile is one".into(),
            help: Some(
                "remove this `---` line and what follows it, or keep it in a file of its own"
                    .into(),
            ),
        };
    }
    if let serde_saphyr::Error::SerdeMissingField { field, .. } = err.without_snippet() {
        return Error::Field {
            at,
            field: (*field).to_string(),
            message: "is required here".into(),
            help: None,
        };
    }
    let shape_help = if message.contains("expected sequence start")
        || message.contains("expected a sequence")
    {
        Some((
            "expected a list",
            "write the values in brackets, such as `[a, b]`, or one `- value` per line",
        ))
    } else if message.contains("invalid type: sequence") || message.contains("invalid type: map") {
        Some((
            "expected a single value, found a list or a set of keys",
            "write one value here",
        ))
    } else if message.contains("not a finite number") {
        Some((
            "expected a number",
            "write digits, for example `10` or `7.5`",
        ))
    } else if message.contains("duplicate") {
        Some(("this key appears twice", "keep one of them"))
    } else {
        None
    };
    if let (Some((what, help)), Some(field)) = (shape_help, key_at(text, line)) {
        return Error::Field {
            at,
            field,
            message: what.to_string(),
            help: Some(help.to_string()),
        };
    }
    let help = if message.contains("expected mapping") || message.contains("expected a map") {
        Some(
            "a profile is a set of `key: value` lines, such as `name: Priya` (see `pivot init`)"
                .to_string(),
        )
    } else if message.contains("budget") || message.contains("limit") {
        Some(
            "a profile is a short file; remove the anchors (&), aliases (*) or deep nesting"
                .to_string(),
        )
    } else {
        Some("check the YAML near this place: indentation, a missing colon or an unclosed quote or bracket".to_string())
    };
    Error::Syntax {
        at,
        message: tidy(&message),
        help,
    }
}

/// The key written on `line` (1-based), if the line starts with one: `  name: ...` or
/// `- day: ...` give `name` and `day`.
fn key_at(text: &str, line: u64) -> Option<String> {
    let source = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let rest = source.trim_start();
    let rest = rest.strip_prefix("- ").unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix('{').unwrap_or(rest).trim_start();
    let (key, _) = rest.split_once(':')?;
    let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_key.then(|| key.to_string())
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

/// Rewords the deserializer's vocabulary for people who do not write Rust.
fn tidy(message: &str) -> String {
    message
        .replace("struct ", "")
        .replace("a sequence", "a list")
        .replace("sequence", "list")
        .replace("a map", "a set of `key: value` lines")
        .replace("f64", "a number")
        .replace("u32", "a whole number")
        .replace("invalid type: ", "found ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let result: Result<serde_json::Value, Error> = from_str(Path::new("bomb.yaml"), &text);
        let err = result.expect_err("a billion laughs must be refused");
        assert!(err.to_string().starts_with("bomb.yaml:"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let result: Result<serde_json::Value, Error> = from_str(Path::new("deep.yaml"), &text);
        assert!(result.is_err());
        let text: String = (0..10_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let result: Result<serde_json::Value, Error> = from_str(Path::new("deep.yaml"), &text);
        assert!(result.is_err());
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let text = "#".repeat(MAX_BYTES + 1);
        let result: Result<serde_json::Value, Error> = from_str(Path::new("big.yaml"), &text);
        assert!(result.expect_err("too large").to_string().contains("KiB"));
    }
}
