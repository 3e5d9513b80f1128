//! The parser's errors in words a non-programmer can act on: what is wrong, where, and what
//! would be right, read from serde-saphyr's typed errors.

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, Parser, ScanError};
use serde_saphyr::{ExternalMessageSource, SnippetMode, UserMessageFormatter};

use crate::error::{Error, SourceSpan};
use crate::suggest;

use super::paths::Document;
use super::{Kind, NUMBER_NOT_TEXT};

/// What went wrong, read from serde-saphyr's typed errors, not from its English messages, so
/// that a change of wording upstream cannot turn a precise error into a generic one.
#[derive(Debug, Clone, Copy)]
enum Problem<'a> {
    /// An alias (`*name`) with no anchor before it.
    UnknownAnchor,
    /// A value outside a fixed set.
    UnknownVariant {
        value: &'a str,
        allowed: &'a [&'static str],
    },
    /// Text where [`number`] wants a number; `found` as serde describes it (`string "10"`).
    TextForNumber {
        found: &'a str,
    },
    ListExpected,
    /// A list (`list`) or a set of keys where one value belongs.
    SingleExpected {
        list: bool,
    },
    NotANumber,
    DuplicateKey,
    MappingExpected,
    /// An unknown key that serde could report only in words (beside a flattened struct).
    UnknownKeyInWords(&'a str),
    Other,
}

impl<'a> Problem<'a> {
    fn of(err: &'a serde_saphyr::Error) -> Problem<'a> {
        use serde_saphyr::Error as E;
        let mut err = err;
        while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = err {
            err = error;
        }
        match err {
            E::UnknownAnchor { .. } => Problem::UnknownAnchor,
            E::SerdeUnknownVariant {
                variant, expected, ..
            } => Problem::UnknownVariant {
                value: variant,
                allowed: expected,
            },
            E::SerdeInvalidType {
                unexpected,
                expected,
                ..
            } if expected == NUMBER_NOT_TEXT => Problem::TextForNumber { found: unexpected },
            E::SerdeInvalidType { unexpected, .. } if unexpected == "sequence" => {
                Problem::SingleExpected { list: true }
            }
            E::SerdeInvalidType { unexpected, .. } if unexpected == "map" => {
                Problem::SingleExpected { list: false }
            }
            E::SerdeInvalidType { expected, .. } if expected.contains("sequence") => {
                Problem::ListExpected
            }
            E::SerdeInvalidType { expected, .. } if expected.contains("map") => {
                Problem::MappingExpected
            }
            E::Unexpected { expected, .. } => match *expected {
                "sequence start" => Problem::ListExpected,
                "mapping start" => Problem::MappingExpected,
                "string scalar" => Problem::SingleExpected { list: false },
                _ => Problem::Other,
            },
            E::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => {
                Problem::SingleExpected { list: false }
            }
            E::InvalidScalar { ty, .. } if ty.contains("floating point") => Problem::NotANumber,
            E::NonFiniteFloat { .. } => Problem::NotANumber,
            E::DuplicateMappingKey { .. } => Problem::DuplicateKey,
            E::Message { msg, .. } => msg
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
                .map_or(Problem::Other, Problem::UnknownKeyInWords),
            _ => Problem::Other,
        }
    }
}

/// Mistakes the text itself shows, whatever the parser made of them: a tab that indents, a
/// control character written as itself, an unclosed `[` or `{` (which takes the rest of the
/// file into it, so it is the cause of whatever came after).
fn in_the_text(
    file: &Path,
    text: &str,
    err: &serde_saphyr::Error,
    (line, column): (u64, u64),
) -> Option<Error> {
    let tab = if is_tab_error(err) {
        Some(tab_near(text, line, column))
    } else if parser_error_kind(err).is_some() {
        // A tab indenting the first line, or the line after a comment, gives other errors.
        tab_indenting_near(text, line)
    } else {
        None
    };
    if let Some((line, column)) = tab {
        return Some(Error::Syntax {
            at: SourceSpan {
                file: file.to_path_buf(),
                line,
                column,
            },
            message: "a tab indents this line; YAML indents with spaces, not tabs".into(),
            help: Some(
                "replace the tab with spaces, lining the line up with the lines it belongs with"
                    .into(),
            ),
        });
    }
    // A control character written as itself, rather than as an escape in double quotes.
    if let Some(ErrorKind::UnexpectedCharacter { character }) = parser_error_kind(err)
        && let Some(what) = unwanted_char(character)
    {
        let source = text
            .lines()
            .nth(usize::try_from(line).unwrap_or(0).saturating_sub(1));
        let found = source.and_then(|l| l.chars().position(|c| c == character));
        let at = SourceSpan {
            file: file.to_path_buf(),
            line,
            column: found.map_or(column, |index| index as u64 + 1),
        };
        let list_name = file.file_stem().unwrap_or_default().to_string_lossy();
        let field = Document::read(text, &list_name).key_path((at.line, at.column));
        let message = format!("{what} cannot be written in a YAML file");
        let help = "delete it: it is invisible, and usually arrives by accident with pasted text";
        return Some(field_error(at, field, message, Some(help.into())));
    }
    // An unclosed `[` or `{` takes the rest of the file into it, so whatever the reading into
    // fields met there, the bracket is the cause; the parser only reports it at the end.
    if let Some(((line, column), open)) = unclosed_bracket(text) {
        let (what, close) = match open {
            '{' => ("set of keys", '}'),
            _ => ("list", ']'),
        };
        let at = SourceSpan {
            file: file.to_path_buf(),
            line,
            column,
        };
        let list_name = file.file_stem().unwrap_or_default().to_string_lossy();
        let field = Document::read(text, &list_name).value_path((line, column), true);
        let message =
            format!("the {what} opened here with `{open}` is never closed with `{close}`");
        let help =
            format!("add `{close}` after its last value, or remove the `{open}` if none was meant");
        return Some(field_error(at, field, message, Some(help)));
    }
    None
}

/// The parser's error `err` about `text` (from `file`) as one error a person can act on.
pub(super) fn convert(file: &Path, text: &str, kind: Kind, err: &serde_saphyr::Error) -> Error {
    let rendered = err.render_with_options(serde_saphyr::render_options! {
        formatter: &UserMessageFormatter,
        snippets: SnippetMode::Off,
    });
    let (line, column) = match err.location() {
        Some(loc) if loc.line() > 0 => (loc.line(), loc.column().max(1)),
        _ => end_of(text),
    };
    if let Some(error) = in_the_text(file, text, err, (line, column)) {
        return error;
    }
    let message = strip_location_suffix(&rendered);
    let problem = Problem::of(err);
    let at = SourceSpan {
        file: file.to_path_buf(),
        line,
        column,
    };
    if let Some((message, help)) = super::limits::breach(kind, err) {
        return Error::Syntax {
            at,
            message,
            help: Some(help),
        };
    }
    let place = (line, column);
    let list_name = file.file_stem().unwrap_or_default().to_string_lossy();
    let document = Document::read(text, &list_name);
    if let serde_saphyr::Error::SerdeUnknownField {
        field, expected, ..
    } = err.without_snippet()
    {
        let help = suggest::closest(field, expected)
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| format!("allowed keys here: {}", expected.join(", ")));
        return Error::Field {
            at,
            field: shorten(&document.key_path(place).unwrap_or_else(|| field.clone())),
            message: "unknown key".into(),
            help: Some(help),
        };
    }
    // Catalog entries with a flattened provenance report an unknown key only in words: serde
    // itself words it, in a plain message, when a struct holds a flattened one.
    if let Problem::UnknownKeyInWords(name) = problem {
        let (place, field) = document
            .key_named(place, name)
            .unwrap_or_else(|| (place, name.to_string()));
        return Error::Field {
            at: SourceSpan {
                line: place.0,
                column: place.1,
                ..at
            },
            field,
            message: "unknown key".into(),
            help: Some("check its spelling against the keys the other entries use".into()),
        };
    }
    if let serde_saphyr::Error::Budget {
        breach: BudgetBreach::Documents { .. },
        ..
    } = err.without_snippet()
    {
        return Error::Syntax {
            at,
            message: format!(
                "the file holds more than one YAML document; {} is one",
                kind.name()
            ),
            help: Some(
                "remove this `---` line and what follows it, or keep it in a file of its own"
                    .into(),
            ),
        };
    }
    if let serde_saphyr::Error::SerdeMissingField { field, .. } = err.without_snippet() {
        return Error::Field {
            at,
            field: document.sibling_path(place, field),
            message: "is required here".into(),
            help: None,
        };
    }
    // An alias (`*name`) with no anchor (`&name`) before it.
    if let Problem::UnknownAnchor = problem {
        let alias = alias_at(text, line, column).unwrap_or_else(|| "*".to_string());
        let anchor = alias.replacen('*', "&", 1);
        let message = format!("`{alias}` refers to no `{anchor}` anchor above it");
        let help = Some(format!(
            "write the value itself here, or mark an earlier value with `{anchor}`"
        ));
        return field_error(at, document.key_path(place), message, help);
    }
    // A value outside a fixed set (a module's `stage`, say): name it, the set and the closest.
    if let Problem::UnknownVariant { value, allowed } = problem {
        let message = format!("`{value}` is not allowed; allowed: {}", allowed.join(", "));
        let help = suggest::closest(value, allowed).map(|s| format!("did you mean `{s}`?"));
        return field_error(at, document.value_path(place, true), message, help);
    }
    // A number in quotes reads as text: say so, as the profile does (a word is just no number).
    if let Problem::TextForNumber { found } = problem {
        // Reported at the key; the value is what is wrong.
        let (line, column) = document.value_of_key(place).unwrap_or(place);
        let at = SourceSpan { line, column, ..at };
        let field = document.value_path(place, true);
        let quoted = text
            .lines()
            .nth(usize::try_from(line).unwrap_or(0).saturating_sub(1))
            .and_then(|l| {
                l.chars()
                    .nth(usize::try_from(column).unwrap_or(0).saturating_sub(1))
            })
            .is_some_and(|c| matches!(c, '"' | '\''));
        let written = found
            .strip_prefix("string \"")
            .and_then(|rest| rest.strip_suffix('"'));
        let number = written.filter(|w| quoted && w.trim().parse::<f64>().is_ok());
        let (message, help) = match number {
            Some(written) => {
                let key = field.as_deref().unwrap_or_default();
                let key = key.rsplit('.').next().unwrap_or(key);
                (
                    format!("expected a number, found the text \"{written}\" in quotes"),
                    format!("write it without quotes: `{key}: {written}`"),
                )
            }
            None => (
                "expected a number".to_string(),
                "write digits, for example `10` or `7.5`".to_string(),
            ),
        };
        return field_error(at, field, message, Some(help));
    }
    let shape = match problem {
        Problem::ListExpected => Some((
            "expected a list",
            "write the values in brackets, such as `[a, b]`, or one `- value` per line",
            document.value_path(place, true),
        )),
        // A list is reported at its key (or at itself inside a list), anything else where it
        // starts, which for a block mapping is also where the document starts.
        Problem::SingleExpected { list } => Some((
            "expected a single value, found a list or a set of keys",
            "write one value here",
            document.value_path(place, !list),
        )),
        Problem::NotANumber => Some((
            "expected a number",
            "write digits, for example `10` or `7.5`",
            document.value_path(place, true),
        )),
        Problem::DuplicateKey => Some((
            "this key appears twice",
            "keep one of them",
            document.key_path(place),
        )),
        _ => None,
    };
    if let Some((what, help, field)) = shape {
        return field_error(at, field, what.to_string(), Some(help.to_string()));
    }
    let expects_mapping = matches!(problem, Problem::MappingExpected);
    if let Some(field) = expects_mapping
        .then(|| document.value_path(place, false))
        .flatten()
    {
        let found = if document.list_at(place) {
            "a list"
        } else {
            "a single value"
        };
        return Error::Field {
            at,
            field,
            message: format!("expected a set of `key: value` pairs, found {found}"),
            help: Some(
                "write it like the entries beside it, such as `{ key: value, key: value }`".into(),
            ),
        };
    }
    let help = if expects_mapping {
        Some(match kind {
            Kind::Profile => "a profile is a set of `key: value` lines, such as `name: Priya` (see `pivot init`)",
            Kind::Catalog => "each entry of a catalog file is a set of `key: value` lines, starting with `- id: ...`",
        }.to_string())
    } else {
        Some("check the YAML near this place: indentation, a missing colon or an unclosed quote or bracket".to_string())
    };
    let message = if expects_mapping {
        "expected `key: value` lines here".to_string()
    } else {
        tidy(&message)
    };
    Error::Syntax { at, message, help }
}

/// A field error when the field is known, a syntax error at the place otherwise.
fn field_error(
    at: SourceSpan,
    field: Option<String>,
    message: String,
    help: Option<String>,
) -> Error {
    match field {
        Some(field) => Error::Field {
            at,
            field,
            message,
            help,
        },
        None => Error::Syntax { at, message, help },
    }
}

/// Why `c` has no place in a line of text, in words naming it (`the control character U+001B
/// (escape)`), if it has none. Control characters break lines, terminals and calendar files;
/// invisible format characters (Unicode's category Cf), such as a right-to-left override,
/// change how the text around them reads without being seen. The format characters that some
/// scripts and emoji need stay: the zero-width joiner and non-joiner, emoji tags, and the signs
/// that Arabic, Syriac, Kaithi and Egyptian write around numbers and signs.
pub fn unwanted_char(c: char) -> Option<String> {
    let name = match c {
        '\0' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\t' => "tab",
        '\n' => "line feed",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "carriage return",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{85}' => "next line",
        '\u{9b}' => "control sequence introducer",
        '\u{ad}' => "soft hyphen",
        '\u{61c}' => "Arabic letter mark",
        '\u{180e}' => "Mongolian vowel separator",
        '\u{200b}' => "zero width space",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{feff}' => "zero width no-break space",
        '\u{2061}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' => "",
        c if c.is_control() => "",
        _ => return None,
    };
    let kind = if c.is_control() {
        "control"
    } else {
        "invisible"
    };
    let code = format!("U+{:04X}", u32::from(c));
    Some(match name {
        "" => format!("the {kind} character {code}"),
        name => format!("the {kind} character {code} ({name})"),
    })
}

/// The place of character `index` (counted from 0) of the scalar that starts at `at`, decoding
/// quotes and escapes (`"\e"` is one character, written at its backslash). A scalar that goes on
/// past its first line, or starts with a block indicator, anchor, alias or tag, gives `at`.
pub fn place_in_scalar(text: &str, at: (u64, u64), index: usize) -> (u64, u64) {
    let (line, column) = at;
    let source = usize::try_from(line)
        .ok()
        .and_then(|line| line.checked_sub(1))
        .and_then(|line| text.lines().nth(line));
    let start = usize::try_from(column).ok().and_then(|c| c.checked_sub(1));
    let (Some(source), Some(start)) = (source, start) else {
        return at;
    };
    let mut chars = source.chars().skip(start).peekable();
    let quote = match chars.peek() {
        Some(&quote @ ('"' | '\'')) => {
            chars.next();
            Some(quote)
        }
        Some('|' | '>' | '&' | '*' | '!') | None => return at,
        Some(_) => None,
    };
    let mut offset = u64::from(quote.is_some());
    for _ in 0..index {
        let Some(c) = chars.next() else {
            return at;
        };
        // How many characters of the source this character of the value takes.
        let width = match (quote, c) {
            (Some('"'), '\\') => match chars.peek() {
                Some('x') => 4,
                Some('u') => 6,
                Some('U') => 10,
                Some(_) => 2,
                None => return at,
            },
            (Some('\''), '\'') => 2,
            _ => 1,
        };
        for _ in 1..width {
            chars.next();
        }
        offset += width;
    }
    match chars.peek() {
        Some(_) => (line, column + offset),
        None => at,
    }
}

/// Where a `[` or `{` opens that is never closed, and which of the two it is. The parser notices
/// only where the text stops making sense inside it: at the end of the file, or on a later line
/// indented no further than the bracket's own, which starts the next key.
fn unclosed_bracket(text: &str) -> Option<((u64, u64), char)> {
    let unclosed = |error: ScanError| match error.kind() {
        ErrorKind::UnclosedFlowCollection { open } => {
            let mark = error.marker();
            Some(((mark.line() as u64, mark.col() as u64 + 1), *open))
        }
        _ => None,
    };
    let first_error = |text: &str| Parser::new_from_str(text).find_map(Result::err);
    let error = first_error(text)?;
    let stop = error.marker().line().checked_sub(1)?;
    if let Some(found) = unclosed(error) {
        return Some(found);
    }
    // The text before the line the parser stopped on ends inside the bracket, if it is unclosed.
    let lines: Vec<&str> = text.lines().collect();
    let ((line, column), open) = unclosed(first_error(&lines.get(..stop)?.join("\n"))?)?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let opening = indent(lines.get(usize::try_from(line).ok()?.checked_sub(1)?)?);
    let next_key = lines
        .get(usize::try_from(line).ok()?..=stop)?
        .iter()
        .any(|l| {
            let content = l.trim_start_matches(' ');
            !content.is_empty() && !content.starts_with('#') && indent(l) <= opening
        });
    next_key.then_some(((line, column), open))
}

/// Whether the parser stopped at a tab where YAML needs spaces.
fn is_tab_error(err: &serde_saphyr::Error) -> bool {
    parser_error_kind(err).is_some_and(|kind| {
        matches!(
            kind,
            ErrorKind::TabNotAllowed
                | ErrorKind::TabInBlockIndentation
                | ErrorKind::TabInIndentation
                | ErrorKind::TabInPlainScalar
                | ErrorKind::TabAtBlockScalarStart
        )
    })
}

/// What stopped the YAML parser itself, if it was the parser (not the reading into fields).
fn parser_error_kind(err: &serde_saphyr::Error) -> Option<ErrorKind> {
    let serde_saphyr::Error::ExternalMessage { source, .. } = err.without_snippet() else {
        return None;
    };
    match source.as_ref() {
        ExternalMessageSource::Parser(scan) => Some(scan.kind().clone()),
        _ => None,
    }
}

/// The first tab indenting a line with content on `line` (1-based) or the lines either side.
fn tab_indenting_near(text: &str, line: u64) -> Option<(u64, u64)> {
    let line = usize::try_from(line).ok()?;
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(2))
        .take(3)
        .find_map(|(index, source)| {
            let content = source.trim_start_matches([' ', '\t']);
            let indent = &source[..source.len() - content.len()];
            let tab = indent.find('\t')?;
            (!content.is_empty()).then_some((index as u64 + 1, tab as u64 + 1))
        })
}

/// The offending tab for a tab error reported at `line`, `column`. The parser reports some at the
/// tab, others where the text before or after it starts, so: the tab at that place, else the
/// first tab indenting a line with content from that line on, else the reported place.
fn tab_near(text: &str, line: u64, column: u64) -> (u64, u64) {
    let first = usize::try_from(line)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    let at_place = text.lines().nth(first).and_then(|l| {
        let before = usize::try_from(column).ok()?.checked_sub(1)?;
        (l.chars().nth(before)? == '\t').then_some((line, column))
    });
    let indenting = || {
        text.lines().enumerate().skip(first).find_map(|(i, l)| {
            let content = l.trim_start_matches([' ', '\t']);
            if content.is_empty() || content.starts_with('#') {
                return None;
            }
            let indent = &l[..l.len() - content.len()];
            let tab = indent.find('\t')?;
            Some((i as u64 + 1, tab as u64 + 1))
        })
    };
    at_place.or_else(indenting).unwrap_or((line, column))
}

/// A key as written, cut to a length that fits an error line.
fn shorten(key: &str) -> String {
    const MAX: usize = 60;
    if key.chars().count() <= MAX {
        return key.to_string();
    }
    let head: String = key.chars().take(MAX - 1).collect();
    format!("{head}…")
}

/// The alias (`*name`) that starts at `line`, `column` (1-based), if one does.
fn alias_at(text: &str, line: u64, column: u64) -> Option<String> {
    let source = text
        .lines()
        .nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let rest: String = source
        .chars()
        .skip(usize::try_from(column).ok()?.checked_sub(1)?)
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
        .take(40)
        .collect();
    rest.starts_with('*').then_some(rest)
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
    fn a_tab_is_found_where_the_parser_stopped() {
        // The parser reports where the value before the tab starts, where the text after it
        // starts, or the tab itself.
        let text = "name: A\nbackground: x\n\ttarget_role: y\n";
        assert_eq!(tab_near(text, 2, 13), (3, 1));
        assert_eq!(tab_near("a:\n\t- b\n", 2, 2), (2, 1));
        assert_eq!(tab_near("? \tb\n", 1, 3), (1, 3));
        // Not a tab inside a value or on an empty line.
        assert_eq!(tab_near("a: b\tc\n\t\n  \td: e\n", 1, 4), (3, 3));
        assert_eq!(tab_near("a: b\n", 1, 4), (1, 4));
        assert_eq!(tab_near("", 5, 5), (5, 5));
    }

    #[test]
    fn a_character_of_a_value_is_found_where_it_is_written() {
        let text =
            "a: \"x\\u0041\\ty\"\nb: 'it''s'\nc: plain\nd: |\n  block\ne: \"two\n  lines\"\n";
        assert_eq!(place_in_scalar(text, (1, 4), 0), (1, 5));
        assert_eq!(place_in_scalar(text, (1, 4), 1), (1, 6));
        assert_eq!(place_in_scalar(text, (1, 4), 2), (1, 12));
        assert_eq!(place_in_scalar(text, (1, 4), 3), (1, 14));
        assert_eq!(place_in_scalar(text, (2, 4), 3), (2, 9));
        assert_eq!(place_in_scalar(text, (3, 4), 4), (3, 8));
        // Past the first line, in a block scalar or past the end: the value's start.
        assert_eq!(place_in_scalar(text, (4, 4), 1), (4, 4));
        assert_eq!(place_in_scalar(text, (6, 4), 5), (6, 4));
        assert_eq!(place_in_scalar(text, (9, 4), 0), (9, 4));
    }

    #[test]
    fn unwanted_characters_are_named_and_joiners_kept() {
        let named = |c| unwanted_char(c).unwrap_or_default();
        assert_eq!(named('\u{1b}'), "the control character U+001B (escape)");
        assert_eq!(
            named('\u{202e}'),
            "the invisible character U+202E (right-to-left override)"
        );
        assert_eq!(named('\u{2062}'), "the invisible character U+2062");
        for kept in [
            'a',
            ' ',
            'é',
            '\u{200c}',
            '\u{200d}',
            '\u{e0067}',
            '\u{600}',
        ] {
            assert_eq!(unwanted_char(kept), None, "{kept:?}");
        }
    }
}
