//! Plans for the tests, made the way users get them: a profile written as YAML, the small test
//! catalog in `tests/data/catalog/` loaded as `--data` loads it, and the real scheduler. The
//! hostile variant puts text that every output format must escape, clean or fold into the
//! profile and into the catalog's files.
//!
//! Each test crate uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use pivot::plan::Plan;
use pivot::render::{Paper, RenderOptions};
use pivot::{Catalog, Profile};

/// "Now" for rendering: the same instant as `SOURCE_DATE_EPOCH=1798761600` in the command-line
/// tests, 1 January 2027 at midnight UTC.
pub const NOW: i64 = 1_798_761_600;

/// Runs the pivot binary in `dir` with `args`, its clock at `epoch` (`SOURCE_DATE_EPOCH`).
pub fn run_pivot(dir: &Path, args: &[&str], epoch: i64) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .output()
        .expect("the pivot binary runs")
}

/// A name that would inject emphasis, HTML, a table break, a link, code, a heading and calendar
/// separators if any of them reached a document unescaped, with letters and a sign the PDF fonts
/// lack.
pub const HOSTILE_NAME: &str =
    r#"Wei 北京 😀 Zhang *bold* <script> | pipe [x](y) `code` # heading, "Ann"; O'Neil \ test"#;

/// Added to every title and every part of a resource in the hostile catalog: Markdown, HTML, calendar separators, a line
/// break before a would-be heading, a bell and a zero-width joiner, CJK, an emoji, right-to-left
/// text and a sign.
pub const HOSTILE_TITLE: &str =
    " *bold* <b>x</b> | [x](y) `code`\n# 北京 😀 \u{7} \u{200d}مرحبا ✔, a; b\\c";

/// Added to every outcome: line breaks before what would start a list, a quote and a table.
pub const HOSTILE_OUTCOME: &str = "\nThen: | *not* a table |\n- not a list\n> not a quote";

/// Added to providers and link notes, which land in table cells.
pub const HOSTILE_CELL: &str = " | A & B <i>";

/// The address that the hostile catalog turns into a `javascript:` link, which no document may
/// make clickable.
pub const UNSAFE_LINK: &str = "https://forum.example.org/";

/// A word far wider than a line of any document: 300 characters with no place to break.
pub fn long_word() -> String {
    "https://example.org/"
        .chars()
        .chain(('a'..='z').cycle().take(280))
        .collect()
}

/// The catalog folder written for the tests.
pub fn catalog_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/catalog")
}

/// The test catalog, loaded as `pivot --data tests/data/catalog` loads it.
pub fn catalog() -> Catalog {
    Catalog::load(Some(&catalog_dir())).expect("the test catalog loads")
}

/// The test catalog with every value of the keys `edit` answers for replaced: `edit(key,
/// value)` gives the new value, or `None` to leave it.
pub fn catalog_with(edit: impl Fn(&str, &str) -> Option<String>) -> Catalog {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_catalog(dir.path(), edit);
    Catalog::load(Some(dir.path())).expect("the edited test catalog loads")
}

/// The test catalog with hostile text in its titles, the parts of resources its modules assign,
/// outcomes, self-checks, providers, link notes and addresses.
pub fn hostile_catalog() -> Catalog {
    catalog_with(hostile_value)
}

/// What the hostile catalog holds for `key` where the test catalog holds `value`.
pub fn hostile_value(key: &str, value: &str) -> Option<String> {
    match key {
        "title" | "part" => Some(format!("{value}{HOSTILE_TITLE}")),
        "outcome" => Some(format!("{value}{HOSTILE_OUTCOME}")),
        "self_check" => Some(format!("{value} See {} for more.", long_word())),
        "provider" | "note" => Some(format!("{value}{HOSTILE_CELL}")),
        "url" if value == UNSAFE_LINK => Some("javascript:alert(1)".into()),
        "url" => Some(format!("{}/a_(b)|c d", value.trim_end_matches('/'))),
        _ => None,
    }
}

/// Writes the test catalog's files into `dir`, with the values `edit` replaces. The files hold
/// the keys the tests edit one to a line (`key: value`, the value plain or in double quotes),
/// so a line-by-line rewrite is enough; the new value is written double-quoted, which YAML reads
/// with JSON's escapes.
pub fn write_catalog(dir: &Path, edit: impl Fn(&str, &str) -> Option<String>) {
    for entry in std::fs::read_dir(catalog_dir()).expect("the test catalog folder") {
        let path = entry.expect("a readable entry").path();
        let text = std::fs::read_to_string(&path).expect("a readable catalog file");
        let mut out = String::with_capacity(text.len() * 2);
        for line in text.lines() {
            out.push_str(&edit_line(line, &edit).unwrap_or_else(|| line.to_string()));
            out.push('\n');
        }
        let name = path.file_name().expect("a file name");
        std::fs::write(dir.join(name), out).expect("write a catalog file");
    }
}

fn edit_line(line: &str, edit: &impl Fn(&str, &str) -> Option<String>) -> Option<String> {
    let body = line.trim_start().trim_start_matches("- ");
    let lead = &line[..line.len() - body.len()];
    let (key, value) = body.split_once(": ")?;
    if !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') || value.starts_with(['[', '{']) {
        return None;
    }
    let value = match value.strip_prefix('"') {
        Some(_) => serde_json::from_str::<String>(value).expect("a double-quoted value"),
        None => value.to_string(),
    };
    let new = edit(key, &value)?;
    let quoted = serde_json::to_string(&new).expect("a string serialises");
    Some(format!("{lead}{key}: {quoted}"))
}

/// A weekly study slot.
#[derive(Debug, Clone)]
pub struct Slot {
    pub day: &'static str,
    pub time: &'static str,
    pub hours: f64,
}

/// A break, dates as `YYYY-MM-DD`.
#[derive(Debug, Clone)]
pub struct Break {
    pub from: &'static str,
    pub to: &'static str,
    pub note: String,
}

/// A profile for the test catalog, written as a learner would write it.
#[derive(Debug, Clone)]
pub struct TestProfile {
    pub name: String,
    pub background: &'static str,
    pub domain: Option<&'static str>,
    pub hours_per_week: f64,
    pub start: &'static str,
    pub months: u32,
    pub timezone: Option<&'static str>,
    pub slots: Vec<Slot>,
    pub breaks: Vec<Break>,
    pub interests: Vec<&'static str>,
    /// `self-study`, `bootcamp` or `masters`.
    pub route: &'static str,
    /// `None` leaves the currency to the time zone, or to pivot's default.
    pub currency: Option<&'static str>,
    /// In `currency`.
    pub budget: Option<u32>,
    /// Ids of plan items marked done, as of `as_of`.
    pub done: Vec<&'static str>,
    /// Ids of plan items begun, with the hours still to do, as of `as_of`.
    pub partial: Vec<(&'static str, f64)>,
    /// The progress date, `YYYY-MM-DD`; the start when `None` and something is done. The plan is
    /// made on this day when it is after [`today`].
    pub as_of: Option<&'static str>,
}

impl Default for TestProfile {
    /// Priya: a software engineer with a domain, two study slots a week, a week's break and a
    /// day off, in London, where the clocks go forward on 28 March 2027, inside the plan.
    fn default() -> Self {
        TestProfile {
            name: "Priya Sharma".into(),
            background: "software-engineer",
            domain: Some("healthcare"),
            hours_per_week: 5.0,
            start: "2027-01-04",
            months: 3,
            timezone: Some("Europe/London"),
            slots: vec![
                Slot {
                    day: "tue",
                    time: "19:00",
                    hours: 2.0,
                },
                Slot {
                    day: "sat",
                    time: "09:30",
                    hours: 3.0,
                },
            ],
            breaks: vec![
                Break {
                    from: "2027-02-15",
                    to: "2027-02-21",
                    note: "Half term".into(),
                },
                Break {
                    from: "2027-03-09",
                    to: "2027-03-09",
                    note: "Dentist".into(),
                },
            ],
            interests: vec!["nlp"],
            route: "self-study",
            currency: Some("GBP"),
            budget: Some(300),
            done: Vec::new(),
            partial: Vec::new(),
            as_of: None,
        }
    }
}

impl TestProfile {
    /// Priya with a hostile name and hostile break notes (with line breaks, which a profile
    /// folds into spaces).
    pub fn hostile() -> Self {
        let mut profile = TestProfile {
            name: HOSTILE_NAME.into(),
            ..TestProfile::default()
        };
        profile.breaks[0].note = "Half term | *holiday* <b>rest</b>\n# not a heading".into();
        profile.breaks[1].note = r#"Dentist & [x](y), "x"; y\z 北京 😀"#.into();
        profile
    }

    /// The profile as YAML; every text is written double-quoted with JSON's escapes.
    pub fn yaml(&self) -> String {
        let quote = |text: &str| serde_json::to_string(text).expect("a string serialises");
        let mut yaml = format!(
            "name: {}\nbackground: {}\ntarget_role: ml-engineer\nhours_per_week: {}\nstart: {}\n\
             months: {}\nroute: {}\n",
            quote(&self.name),
            self.background,
            self.hours_per_week,
            self.start,
            self.months,
            self.route,
        );
        if let Some(currency) = self.currency {
            yaml.push_str(&format!("currency: {currency}\n"));
        }
        if let Some(budget) = self.budget {
            yaml.push_str(&format!("budget: {budget}\n"));
        }
        if let Some(domain) = self.domain {
            yaml.push_str(&format!("domain: {domain}\n"));
        }
        if let Some(timezone) = self.timezone {
            yaml.push_str(&format!("timezone: {timezone}\n"));
        }
        if !self.slots.is_empty() {
            yaml.push_str("study_slots:\n");
            for slot in &self.slots {
                yaml.push_str(&format!(
                    "  - {{ day: {}, time: \"{}\", hours: {} }}\n",
                    slot.day, slot.time, slot.hours
                ));
            }
        }
        if !self.breaks.is_empty() {
            yaml.push_str("breaks:\n");
            for b in &self.breaks {
                yaml.push_str(&format!(
                    "  - {{ from: {}, to: {}, note: {} }}\n",
                    b.from,
                    b.to,
                    quote(&b.note)
                ));
            }
        }
        if !self.interests.is_empty() {
            yaml.push_str(&format!("interests: [{}]\n", self.interests.join(", ")));
        }
        if let Some(as_of) = self.progress_date() {
            yaml.push_str(&format!(
                "progress:\n  as_of: {as_of}\n  done: [{}]\n",
                self.done.join(", ")
            ));
            if !self.partial.is_empty() {
                let pairs: Vec<String> = self
                    .partial
                    .iter()
                    .map(|(id, left)| format!("{id}: {left}"))
                    .collect();
                yaml.push_str(&format!("  partial: {{ {} }}\n", pairs.join(", ")));
            }
        }
        yaml
    }

    /// The progress date the profile records, if it records progress.
    fn progress_date(&self) -> Option<&'static str> {
        let recorded = !self.done.is_empty() || !self.partial.is_empty();
        self.as_of.or_else(|| recorded.then_some(self.start))
    }

    /// The day the plan is made: [`today`], or the progress date when that is later, since
    /// progress cannot be recorded for a day still to come.
    pub fn made_on(&self) -> NaiveDate {
        let as_of = self
            .progress_date()
            .map(|date| date.parse::<NaiveDate>().expect("a YYYY-MM-DD date"));
        as_of.map_or_else(today, |as_of| as_of.max(today()))
    }

    /// The plan for this profile from `catalog`, as of [`today`].
    pub fn plan_with(&self, catalog: &Catalog) -> Plan {
        let profile = Profile::from_str(Path::new("profile.yaml"), &self.yaml(), catalog)
            .unwrap_or_else(|err| panic!("the test profile is valid: {err}\n{}", self.yaml()));
        pivot::schedule::schedule(&profile, catalog, self.made_on())
            .expect("the test profile schedules")
    }

    /// The plan for this profile from the test catalog.
    pub fn plan(&self) -> Plan {
        self.plan_with(&catalog())
    }
}

/// Priya's plan from the test catalog.
pub fn plan() -> Plan {
    TestProfile::default().plan()
}

/// The hostile plan: the hostile profile and the hostile catalog.
pub fn hostile() -> Plan {
    TestProfile::hostile().plan_with(&hostile_catalog())
}

/// "Today" for every test plan: Friday 1 January 2027.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).expect("a valid date")
}

/// Render options with "now" at [`NOW`], A4 paper, built-in templates and no earlier calendar.
pub fn options() -> RenderOptions {
    RenderOptions {
        paper: Paper::A4,
        templates: None,
        now: DateTime::<Utc>::from_timestamp(NOW, 0).expect("a valid time"),
        previous_calendar: None,
    }
}

/// Text as one line, the way every format folds it: control characters go, and runs of white
/// space (line breaks and tabs too) become one space.
pub fn one_line(text: &str) -> String {
    let shown: String = text
        .chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect();
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}
