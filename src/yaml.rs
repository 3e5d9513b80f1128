//! Reading YAML safely: size and structure limits, and errors that point at the file, line and
//! column in words a non-programmer can act on.

mod errors;
mod limits;
mod paths;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::Error;

pub use errors::{place_in_scalar, unwanted_char};
pub use limits::too_large;
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
    fn too_large_help(self) -> &'static str {
        match self {
            Kind::Profile => {
                "is this the right file? A profile is a short YAML file (see `pivot init`)"
            }
            Kind::Catalog => {
                "is this the right file? A catalog file is a list of entries; pivot's own are each a few dozen KiB, and ten thousand modules take about 10 MiB"
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Profile => "a profile",
            Kind::Catalog => "a catalog file",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Profile => "profiles",
            Kind::Catalog => "catalog files",
        }
    }
}

/// Parses `text` (from `file`, a file of the `kind`) into `T`, turning any failure into an
/// [`Error`] that names the place and the problem.
pub fn from_str<T: DeserializeOwned>(file: &Path, text: &str, kind: Kind) -> Result<T, Error> {
    if text.len() > kind.max_bytes() {
        return Err(too_large(file, Some(text.len()), kind));
    }
    serde_saphyr::from_str_with_options(text, options(kind))
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
        assert!(
            err.to_string().contains("the aliases (*name) here repeat"),
            "{err}"
        );
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

    /// A list of `n` short values: `n + 1` nodes.
    fn list_of(n: usize) -> String {
        "- a\n".repeat(n)
    }

    #[test]
    fn a_catalog_file_may_hold_many_more_nodes_than_a_profile() {
        let text = list_of(120_000);
        let entries: Vec<String> =
            from_str(Path::new("modules.yaml"), &text, Kind::Catalog).expect("a large catalog");
        assert_eq!(entries.len(), 120_000);
        let err = from_str::<Vec<String>>(Path::new("p.yaml"), &text, Kind::Profile)
            .expect_err("too many nodes for a profile");
        assert!(
            err.to_string().starts_with(
                "p.yaml:50000:3: the file holds more than 50,000 keys, values and lists; \
                 allowed: at most that many in a profile"
            ),
            "{err}"
        );
        let help = err.help().unwrap_or_default();
        assert!(help.contains("A profile is a short file"), "{help}");
    }

    #[test]
    fn a_catalog_file_over_its_node_limit_says_so_in_a_catalog_file_s_words() {
        let text = list_of(1_000_000);
        let err = from_str::<Vec<String>>(Path::new("skills.yaml"), &text, Kind::Catalog)
            .expect_err("too many nodes even for a catalog file");
        let message = err.to_string();
        assert!(
            message.starts_with("skills.yaml:1000000:3: the file holds more than 1,000,000"),
            "{message}"
        );
        assert!(message.ends_with("in a catalog file"), "{message}");
        let help = err.help().unwrap_or_default();
        assert!(help.contains("ten thousand modules"), "{help}");
        assert!(!help.contains("profile"), "{help}");
    }

    #[test]
    fn limits_name_what_was_over_them() {
        let deep = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        let err = from_str::<serde_json::Value>(Path::new("p.yaml"), &deep, Kind::Profile)
            .expect_err("too deep");
        assert!(
            err.to_string()
                .contains("lists and mappings nest more than 64 deep here"),
            "{err}"
        );
        let anchors: String = (0..300).map(|i| format!("k{i}: &a{i} x\n")).collect();
        let err = from_str::<serde_json::Value>(Path::new("c.yaml"), &anchors, Kind::Catalog)
            .expect_err("too many anchors");
        assert!(
            err.to_string()
                .contains("more than 256 anchors (&name) or aliases (*name)"),
            "{err}"
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let text = "#".repeat(Kind::Catalog.max_bytes() + 1);
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
