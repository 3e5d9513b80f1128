//! Hostile profiles: the shipped examples, cut, flipped and spiked with anchors, tags, deep
//! nesting, huge numbers and odd Unicode, go through parsing, validation, scheduling and every
//! renderer. Bad input must end in one error that points into the file; good input must give
//! output that other programs read.
//!
//! `cargo test` runs a few hundred cases; `PIVOT_FUZZ_CASES=20000 cargo test --release --test
//! hostile` runs many more.

use std::io::BufReader;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate};
use pivot::error::Error;
use pivot::profile::Profile;
use pivot::render::{self, Format, Paper, RenderOptions};
use pivot::{Catalog, schedule};
use proptest::prelude::*;
use proptest::sample::Index;

/// Cases per run unless `PIVOT_FUZZ_CASES` says otherwise.
const DEFAULT_CASES: u32 = 300;

/// The share of valid profiles that are also rendered as PDF, the slowest format by far.
const PDF_SHARE: f64 = 0.15;

fn cases() -> u32 {
    match std::env::var("PIVOT_FUZZ_CASES") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("PIVOT_FUZZ_CASES must be a whole number, not `{text}`")),
        Err(_) => DEFAULT_CASES,
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("built-in catalog"))
}

/// The shipped examples, the seeds every case starts from.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("examples folder")
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| std::fs::read(path).expect("example"))
            .collect()
    })
}

/// One change to a profile's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut the file off at a byte.
    Truncate(Index),
    /// Replace a byte.
    Flip(Index, u8),
    /// Insert text at a byte.
    Insert(Index, String),
    /// Replace the value after one `key: ` with text.
    Value(Index, String),
    /// Replace the name, and one break's note if there are any, with text in double quotes,
    /// escaped as YAML wants: odd text that parses, to reach validation and the renderers.
    Text(Index, String),
    /// Remove a line.
    DropLine(Index),
    /// Write a line twice.
    RepeatLine(Index),
}

/// Bytes that mean something to YAML, or to a UTF-8 decoder.
const SPECIAL_BYTES: &[u8] = b":-[]{}&*!|>'\"%@`#,?\t\n\r \0\x1b\x7f\x80\xbf\xc3\xe2\xef\xf0\xff";

/// YAML features and values a profile does not expect.
const SNIPPETS: &[&str] = &[
    "&a ",
    "*a",
    "&a x\n",
    "x: &a [1, 2]\ny: *a\n",
    "<<: *a\n",
    "<<: {name: merged}\n",
    "*unknown",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary aGVsbG8=",
    "!!timestamp 2027-01-04",
    "!!map {}",
    "!!seq []",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom ",
    "!<tag:yaml.org,2002:str> ",
    "%YAML 1.2\n---\n",
    "%TAG ! tag:example.com,2000:\n---\n",
    "---\n",
    "...\n",
    "\n---\nname: second\n",
    "? complex\n: key\n",
    "? [a, b]\n: c\n",
    "|\n  block\n",
    ">-\n  folded\n",
    "\"unterminated",
    "'unterminated",
    "\"\\u0000\\x1b[31m\\u202e\"",
    "\"\\ud800\"",
    "~",
    "null",
    "[]",
    "{}",
    "[10",
    "{a: 1",
    "- ",
    "1e308",
    "-1e308",
    "1e309",
    "1e-320",
    ".inf",
    "-.inf",
    ".nan",
    "0x7fffffffffffffff",
    "0o777",
    "0b101",
    "18446744073709551616",
    "-9223372036854775809",
    "1_000_000",
    "12.000000000000001",
    "0.1e1",
    "+12",
    "yes",
    "No",
    "9999-12-31",
    "2199-12-31",
    "2200-12-27",
    "1970-01-01",
    "2027-02-29",
    "2028-02-29",
    "23:59",
    "24:00",
    "Pacific/Kiritimati",
    "Pacific/Apia",
    "America/New_York",
    "Etc/GMT+12",
    "\u{0}",
    "\u{1b}[2J",
    "\u{9b}",
    "\u{7f}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}evil\u{202c}",
    "\u{2066}isolate\u{2069}",
    "\u{301}\u{301}\u{301}",
    "Z\u{351}\u{35b}\u{36d}\u{33e}\u{314}a\u{32b}lgo",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "\u{e000}",
    "👩🏽‍💻",
    "🏳️‍🌈",
    "مريم الحسن",
    "עִבְרִית",
    "李小龙",
    "Ω≈ç√∫",
    "ｆｕｌｌ：ｗｉｄｔｈ",
    "ǅungla",
    "\u{130}stanbul",
    "(alert(1)) \\ % # {{name}} <script>",
    "[link](javascript:x) *em* `code` <b>",
    "BEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
    "%PDF-1.7 ) ( \\",
];

/// Text to insert or use as a value.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(SNIPPETS).prop_map(str::to_string),
        2 => "\\PC{0,16}",
        2 => ".{0,16}",
        1 => (1usize..200, any::<bool>()).prop_map(|(depth, closed)| {
            let close = if closed { "]".repeat(depth) } else { String::new() };
            format!("{}1{close}", "[".repeat(depth))
        }),
        1 => (1usize..200).prop_map(|depth| format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth))),
        1 => (1usize..12).prop_map(|levels| {
            // An alias bomb: each level repeats the one before it ten times.
            let mut levels_text = vec![String::from("&l0 [x, x, x, x, x, x, x, x, x, x]")];
            for level in 1..levels {
                let items = vec![format!("*l{}", level - 1); 10].join(", ");
                levels_text.push(format!("&l{level} [{items}]"));
            }
            format!("[{}]", levels_text.join(", "))
        }),
        1 => ("[1-9][0-9]{0,400}", "(\\.[0-9]{0,40})?", "(e[+-]?[0-9]{1,4})?")
            .prop_map(|(whole, fraction, exponent)| format!("{whole}{fraction}{exponent}")),
        1 => (1usize..4000, "\\PC").prop_map(|(count, unit)| unit.repeat(count)),
    ]
}

/// A change that may break the profile's structure.
fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Truncate),
        2 => (any::<Index>(), prop_oneof![any::<u8>(), proptest::sample::select(SPECIAL_BYTES)])
            .prop_map(|(at, byte)| Mutation::Flip(at, byte)),
        3 => (any::<Index>(), hostile_text()).prop_map(|(at, text)| Mutation::Insert(at, text)),
        4 => (any::<Index>(), hostile_text()).prop_map(|(at, text)| Mutation::Value(at, text)),
        1 => any::<Index>().prop_map(Mutation::DropLine),
        1 => any::<Index>().prop_map(Mutation::RepeatLine),
    ]
}

/// Where each line starts, and where the text ends.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

/// Replaces the value after one of the `KEY: ` in `bytes` (any key when `key` is empty) with
/// `text`, up to the end of the line or of the entry in a `{ ... }` mapping.
fn replace_value(bytes: &mut Vec<u8>, key: &[u8], at: &Index, text: &[u8]) {
    let marker = [key, b": "].concat();
    let starts: Vec<usize> = bytes
        .windows(marker.len())
        .enumerate()
        .filter(|(_, window)| *window == marker.as_slice())
        .map(|(i, _)| i + marker.len())
        .collect();
    if starts.is_empty() {
        return;
    }
    let start = starts[at.index(starts.len())];
    let end = bytes[start..]
        .iter()
        .position(|b| matches!(b, b'\n' | b',' | b'}' | b'#'))
        .map_or(bytes.len(), |offset| start + offset);
    bytes.splice(start..end, text.iter().copied());
}

/// `text` as a YAML double-quoted scalar: any character can be written this way.
fn double_quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                quoted.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len();
    match mutation {
        Mutation::Truncate(at) => bytes.truncate(at.index(len + 1)),
        Mutation::Flip(at, byte) if len > 0 => bytes[at.index(len)] = *byte,
        Mutation::Flip(..) => bytes.push(b'x'),
        Mutation::Insert(at, text) => {
            let at = at.index(len + 1);
            bytes.splice(at..at, text.bytes());
        }
        Mutation::Value(at, text) => replace_value(bytes, b"", at, text.as_bytes()),
        Mutation::Text(at, text) => {
            let quoted = double_quoted(text);
            replace_value(bytes, b"name", at, quoted.as_bytes());
            replace_value(bytes, b"note", at, quoted.as_bytes());
        }
        Mutation::DropLine(at) | Mutation::RepeatLine(at) => {
            let starts = line_starts(bytes);
            let line = at.index(starts.len());
            let start = starts[line];
            let end = starts.get(line + 1).copied().unwrap_or(len);
            if matches!(mutation, Mutation::DropLine(_)) {
                bytes.drain(start..end);
            } else {
                let copy = bytes[start..end].to_vec();
                bytes.splice(start..start, copy);
            }
        }
    }
}

/// A profile's bytes, shown as text when they are UTF-8 so that a failing case reads as YAML.
#[derive(Clone)]
struct Yaml(Vec<u8>);

impl std::fmt::Debug for Yaml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match std::str::from_utf8(&self.0) {
            Ok(text) => write!(f, "{text:?}"),
            Err(_) => write!(f, "b\"{}\"", self.0.escape_ascii()),
        }
    }
}

fn hostile_profile() -> impl Strategy<Value = Yaml> {
    (
        proptest::sample::select((0..seeds().len()).collect::<Vec<_>>()),
        proptest::option::of(
            (any::<Index>(), hostile_text()).prop_map(|(at, text)| Mutation::Text(at, text)),
        ),
        proptest::collection::vec(mutation(), 0..3),
    )
        .prop_map(|(seed, text, mutations)| {
            let mut bytes = seeds()[seed].clone();
            for mutation in text.iter().chain(&mutations) {
                apply(&mut bytes, mutation);
            }
            Yaml(bytes)
        })
}

/// Whether the profile holds anything besides blank lines, comments and document markers: a
/// file without is "empty", the one error about the file as a whole that a short profile can
/// get.
fn has_content(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .trim_start_matches('\u{feff}')
        .lines()
        .any(|line| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#') && line != "---" && line != "..."
        })
}

/// A profile that cannot be used gets one error, and it points into the file: a syntax or
/// field error at a line and column that exist, or, for a file with no content, an error
/// about the file.
fn check_error(err: &Error, path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let message = err.to_string();
    prop_assert!(
        !message.contains(char::is_control),
        "the error is not one plain line: {message:?}"
    );
    if let Some(help) = err.help() {
        prop_assert!(
            !help.contains(char::is_control),
            "the help is not one plain line: {help:?}"
        );
    }
    match err {
        Error::Field { at, .. } | Error::Syntax { at, .. } => {
            // YAML ends a line at `\r\n`, `\n` or a lone `\r`.
            let lines = String::from_utf8_lossy(bytes)
                .replace("\r\n", "\n")
                .split(['\n', '\r'])
                .count() as u64;
            prop_assert_eq!(&at.file, path, "{}", message);
            prop_assert!(
                (1..=lines).contains(&at.line) && at.column >= 1,
                "{message}: the file has {lines} lines"
            );
            let place = format!("{}:{}:{}: ", path.display(), at.line, at.column);
            prop_assert!(
                message.starts_with(&place),
                "{message:?} does not start with {place:?}"
            );
        }
        Error::File { file, .. } => {
            prop_assert_eq!(file, path, "{}", message);
            prop_assert!(
                !has_content(bytes),
                "a profile with content gets an error about the whole file: {message}"
            );
        }
        other => prop_assert!(false, "unexpected kind of error for a profile: {other:?}"),
    }
    Ok(())
}

fn options(paper: Paper) -> RenderOptions {
    RenderOptions {
        paper,
        templates: None,
        now: DateTime::from_timestamp(1_798_761_600, 0).expect("2027-01-01"),
        previous_calendar: None,
    }
}

fn render(plan: &pivot::Plan, format: Format, options: &RenderOptions) -> Vec<u8> {
    render::render(plan, format, options)
        .unwrap_or_else(|err| panic!("a valid profile renders as {format:?}: {err}"))
}

/// Parses `bytes` with the `ical` crate and with `icalendar`, insisting on one calendar.
fn check_calendar(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = std::str::from_utf8(bytes).expect("the calendar is UTF-8");
    prop_assert!(
        !text
            .replace("\r\n", "")
            .contains(|c: char| c.is_control() && c != '\t'),
        "the calendar holds a control character besides its line ends"
    );
    let mut calendars = ical::IcalParser::new(BufReader::new(bytes));
    match calendars.next() {
        Some(Ok(_)) => {}
        other => prop_assert!(false, "the ical crate cannot read the calendar: {other:?}"),
    }
    prop_assert!(calendars.next().is_none(), "more than one calendar");
    let parsed: Result<icalendar::Calendar, _> = text.parse();
    prop_assert!(
        parsed.is_ok(),
        "icalendar cannot read the calendar: {parsed:?}"
    );
    Ok(())
}

fn check_outputs(plan: &pivot::Plan, with_pdf: bool, paper: Paper) -> Result<(), TestCaseError> {
    let options = options(paper);

    let markdown = render(plan, Format::Md, &options);
    let markdown = String::from_utf8(markdown).expect("the Markdown is UTF-8");
    prop_assert!(
        !markdown.contains(|c: char| c.is_control() && c != '\n'),
        "the Markdown holds a control character"
    );
    let events = pulldown_cmark::Parser::new(&markdown).count();
    prop_assert!(events > 0, "the Markdown holds nothing");

    check_calendar(&render(plan, Format::Ics, &options))?;
    let tasks = pivot::render::ical::render_tasks(plan, &options)
        .unwrap_or_else(|err| panic!("a valid profile renders as tasks: {err}"));
    check_calendar(&tasks)?;

    let json = render(plan, Format::Json, &options);
    let json: Result<serde_json::Value, _> = serde_json::from_slice(&json);
    prop_assert!(json.is_ok(), "the JSON does not parse: {json:?}");

    if with_pdf {
        let (pdf, warnings) = pivot::render::pdf::render_with_warnings(plan, &options)
            .unwrap_or_else(|err| panic!("a valid profile renders as PDF: {err}"));
        let document = lopdf::Document::load_mem(&pdf);
        prop_assert!(
            document.is_ok(),
            "lopdf cannot load the PDF: {:?}",
            document.err()
        );
        let pages = document.map(|d| d.get_pages().len()).unwrap_or_default();
        prop_assert!(pages > 0, "the PDF has no pages");
        for warning in warnings {
            prop_assert!(
                !warning.contains('\n'),
                "a warning of many lines: {warning:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_profiles_are_refused_with_a_place_or_planned_in_every_format(
        yaml in hostile_profile(),
        with_pdf in proptest::bool::weighted(PDF_SHARE),
        letter in any::<bool>(),
    ) {
        let bytes = yaml.0;
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("profile.yaml");
        std::fs::write(&path, &bytes).expect("write the profile");
        let profile = match Profile::from_file(&path, catalog()) {
            Ok(profile) => profile,
            Err(err) => return check_error(&err, &path, &bytes),
        };
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let plan = schedule::schedule(&profile, catalog(), today)
            .unwrap_or_else(|err| panic!("a valid profile always schedules: {err}"));
        let paper = if letter { Paper::Letter } else { Paper::A4 };
        check_outputs(&plan, with_pdf, paper)?;
    }
}

/// A valid profile, with `line` in place of the line that starts with the same key.
fn profile_with(line: &str) -> String {
    let key = line.split(':').next().unwrap_or_default();
    let mut text: String = "name: Ada\nbackground: teacher\ntarget_role: ai-product-manager\nhours_per_week: 8\nstart: 2027-09-06\n"
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    text.push_str(line);
    text.push('\n');
    text
}

fn error_for(line: &str) -> Error {
    let text = profile_with(line);
    match Profile::from_str(Path::new("profile.yaml"), &text, catalog()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => err,
    }
}

#[test]
fn a_value_over_lines_or_with_terminal_escapes_is_quoted_on_one_line() {
    let err = error_for("hours_per_week: |\n  block");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:3: hours_per_week: expected a number from 1 to 60 hours, found `block\\n`"
    );
    let err = error_for("background: \"x\\ny\\e[31m\"");
    assert!(
        err.to_string()
            .starts_with("profile.yaml:5:13: background: unknown background `x\\ny\\u{1b}[31m`;"),
        "{err}"
    );
    let err = error_for("\"h\\turs\\e\": 11");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:1: h\\turs\\u{1b}: unknown key"
    );
}

#[test]
fn a_control_character_in_a_break_note_is_refused() {
    let err = error_for("breaks: [{from: 2027-10-01, to: 2027-10-02, note: \"a\\e[2Jb\"}]");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:53: breaks[1].note: holds the control character U+001B (escape); allowed: text"
    );
    let text = profile_with("breaks: [{from: 2027-10-01, to: 2027-10-02, note: \"a\\n\\tb\"}]");
    let profile = Profile::from_str(Path::new("profile.yaml"), &text, catalog()).expect("valid");
    assert_eq!(profile.breaks[0].note.as_deref(), Some("a b"));
}
