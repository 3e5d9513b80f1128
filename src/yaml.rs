//! Reading YAML safely: size and structure limits, and errors that point at the file, line and
//! column in words a non-programmer can act on.

mod errors;
mod limits;
mod paths;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Error;

pub use errors::{place_in_scalar, unwanted_char};
pub use limits::{MAX_BYTES, too_large};
pub use paths::place_of;

use errors::convert;
use limits::options;

/// `text` with each control character written as its escape (`\n`, `\u{1b}`): what a file
/// holds, quoted in a message, then keeps the message on one line and cannot drive the
/// terminal.
pub fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `err` with the keys and values it quotes from the file escaped by [`escape_controls`].
fn one_line(err: Error) -> Error {
    match err {
        Error::Field {
            at,
            field,
            message,
            help,
        } => Error::Field {
            at,
            field: escape_controls(&field),
            message: escape_controls(&message),
            help: help.as_deref().map(escape_controls),
        },
        Error::Syntax { at, message, help } => Error::Syntax {
            at,
            message: escape_controls(&message),
            help: help.as_deref().map(escape_controls),
        },
        other => other,
    }
}

/// The two kinds of YAML file pivot reads, for the words of errors about a file as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Profile,
    Catalog,
}

impl Kind {
    /// The help line for a file of this kind over the size limit.
    pub fn too_large_help(self) -> &'static str {
        match self {
            Kind::Profile => {
                "is this the right file? A profile is a short YAML file (see `pivot init`)"
            }
            Kind::Catalog => {
                "is this the right file? A catalog file is a list of entries; pivot's own are each under 30 KiB"
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Profile => "a profile",
            Kind::Catalog => "a catalog file",
        }
    }
}

/// Parses `text` (from `file`, a file of the `kind`) into `T`, turning any failure into an
/// [`Error`] that names the place and the problem.
pub fn from_str<T: DeserializeOwned>(file: &Path, text: &str, kind: Kind) -> Result<T, Error> {
    if text.len() > MAX_BYTES {
        return Err(too_large(file, Some(text.len()), kind.too_large_help()));
    }
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|err| one_line(convert(file, text, kind, &err)))
}

/// Reads a number that must be written as one, not as text in quotes (`hours: "10"`), as
/// profiles must; serde-saphyr would read the text as the number. Use with
/// `#[serde(deserialize_with = "yaml::number")]`.
pub fn number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer
        .deserialize_any(Unquoted)?
        .ok_or_else(|| serde::de::Error::invalid_type(serde::de::Unexpected::Unit, &Unquoted))
}

/// [`number`] for a value that may be left out or empty.
pub fn optional_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_any(Unquoted)
}

/// A number not in quotes, or nothing.
struct Unquoted;

impl serde::de::Visitor<'_> for Unquoted {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(NUMBER_NOT_TEXT)
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// What [`Unquoted`] expects, to recognise its errors.
const NUMBER_NOT_TEXT: &str = "a number written without quotes";

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_text_gives_one_line_naming_the_file(
            text in "(name|study_slots|day|hours|[a-z]|[-:,\\[\\]{}&*!?|>#'\" \t\n]|0|1.5){0,40}",
        ) {
            if let Err(err) = from_str::<Shape>(Path::new("p.yaml"), &text, Kind::Profile) {
                let message = err.to_string();
                proptest::prop_assert!(message.starts_with("p.yaml:"), "{}", message);
                proptest::prop_assert!(!message.contains('\n'), "{}", message);
            }
        }
    }

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
        let result: Result<serde_json::Value, Error> =
            from_str(Path::new("bomb.yaml"), &text, Kind::Profile);
        let err = result.expect_err("a billion laughs must be refused");
        assert!(err.to_string().starts_with("bomb.yaml:"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let result: Result<serde_json::Value, Error> =
            from_str(Path::new("deep.yaml"), &text, Kind::Profile);
        assert!(result.is_err());
        let text: String = (0..10_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let result: Result<serde_json::Value, Error> =
            from_str(Path::new("deep.yaml"), &text, Kind::Profile);
        assert!(result.is_err());
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let text = "#".repeat(MAX_BYTES + 1);
        let result: Result<serde_json::Value, Error> =
            from_str(Path::new("big.yaml"), &text, Kind::Catalog);
        assert!(result.expect_err("too large").to_string().contains("KiB"));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized, for its errors")]
    struct Slot {
        day: String,
        hours: f64,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized, for its errors")]
    struct Shape {
        name: Option<String>,
        study_slots: Option<Vec<Slot>>,
    }
}
