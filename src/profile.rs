//! The learner's profile: parsed from YAML, validated once against the catalog into a typed
//! [`Profile`] that the rest of the program trusts.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde_saphyr::Spanned;

use crate::catalog::{Catalog, RouteKind};
use crate::error::{Error, SourceSpan};
use crate::input::read_yaml_file;
use crate::yaml;

mod answer;
mod raw;
mod validate;

pub use answer::Answers;
use raw::RawProfile;
pub use raw::Scalar;
#[cfg(test)]
pub(crate) use raw::keys;
use validate::{Validator, weekday_name};

pub const MIN_HOURS: f64 = 1.0;
pub const MAX_HOURS: f64 = 60.0;
pub const MIN_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 24;
pub const DEFAULT_MONTHS: u32 = 6;
pub const DEFAULT_CURRENCY: &str = "GBP";
const MAX_NAME_CHARS: usize = 120;

/// The years a date in a profile may fall in, and so the years a plan runs in. The end is where
/// the time zone data (chrono-tz, from tzdata) stops listing clock changes: it lists every one up
/// to November 2099 and none after, so from March 2100 a calendar would put sessions an hour off
/// with no sign that anything is wrong. Plans end by the last day of 2099 instead.
pub const FIRST_YEAR: i32 = 1970;
pub const LAST_YEAR: i32 = 2099;
/// The last day a plan may run to (see [`LAST_YEAR`]).
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31) {
    Some(day) => day,
    None => panic!("31 December of LAST_YEAR is a date"),
};

/// The longest `plan_id`: short enough to read and type.
pub const MAX_PLAN_ID: usize = 40;

/// A validated profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    /// What identifies the plan's calendar events, kept when the name changes: letters, digits
    /// and dashes.
    pub plan_id: Option<String>,
    pub background: String,
    pub target_role: String,
    pub domain: Option<String>,
    pub hours_per_week: f64,
    /// `None`: the next Monday after today (decided by the caller, who knows "today").
    pub start: Option<NaiveDate>,
    pub months: u32,
    pub timezone: Option<chrono_tz::Tz>,
    pub study_slots: Vec<StudySlot>,
    pub route: RouteKind,
    pub budget: Option<f64>,
    pub currency: String,
    /// Where `currency` comes from, so that a plan can say what it assumed.
    pub currency_from: CurrencyFrom,
    pub known_skills: Vec<String>,
    pub interests: Vec<String>,
    pub breaks: Vec<Break>,
    pub progress: Option<Progress>,
}

/// Where a profile's currency comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurrencyFrom {
    /// The profile gives it.
    Profile,
    /// The profile gives none, and its time zone's place has it.
    TimeZone,
    /// The profile gives none, and no time zone the catalog knows: [`DEFAULT_CURRENCY`].
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StudySlot {
    pub day: Weekday,
    pub time: NaiveTime,
    pub hours: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub note: Option<String>,
}

/// Where the learner really is: what is finished as of a date. The plan re-plans from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub as_of: NaiveDate,
    /// Ids of plan items that are finished: modules, project phases (`end-to-end-scope`) and
    /// networking tasks (`learning-post-2`).
    pub done: Vec<String>,
    /// Work begun but not finished, with the hours still to do.
    pub partial: Vec<Partial>,
    /// Where `as_of` is written, so that what only the plan can check (a date after today, or
    /// before a start that defaults from today) is still an error naming its line; `None` for
    /// a profile made in code.
    pub as_of_at: Option<SourceSpan>,
}

/// An item of the plan begun but not finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Partial {
    pub id: String,
    /// Hours still to do: more than none, less than the whole item.
    pub left: f64,
}

impl Profile {
    /// Reads and validates the profile at `path`.
    pub fn from_file(path: &Path, catalog: &Catalog) -> Result<Profile, Error> {
        let text = read_yaml_file(path, yaml::Kind::Profile)?;
        Profile::from_str(path, &text, catalog)
    }

    /// Validates profile text; `path` is only used in messages.
    pub fn from_str(path: &Path, text: &str, catalog: &Catalog) -> Result<Profile, Error> {
        let has_content = text.lines().any(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..."
        });
        if !has_content {
            return Err(Error::File {
                file: path.to_path_buf(),
                message: "the profile is empty".into(),
                help: Some(
                    "`pivot init -o profile.yaml` writes a starter profile to fill in".into(),
                ),
            });
        }
        let raw: Spanned<RawProfile> = yaml::from_str(path, text, yaml::Kind::Profile)?;
        Validator {
            path,
            text,
            catalog,
        }
        .profile(raw)
    }
}

/// The error for progress measured from before the plan began.
pub fn as_of_before_start(at: Option<SourceSpan>, as_of: NaiveDate, start: NaiveDate) -> Error {
    let message = format!(
        "{} is before the plan starts ({}); allowed: a day from the start to today",
        crate::words::long_date(as_of),
        crate::words::long_date(start)
    );
    let help = Some(
        "progress is measured from the plan's start: give `start` the day your plan began".into(),
    );
    match at {
        Some(at) => Error::Field {
            at,
            field: "progress.as_of".into(),
            message,
            help,
        },
        None => Error::Plan {
            message: format!("progress.as_of: {message}"),
            help,
        },
    }
}

/// The title and hours the catalog gives the plan item `id`: a module, a project phase
/// (`<project>-<phase>`) or a networking task (`<task>`, or `<task>-<n>` for one of several).
/// The catalog gives each id to one item at most.
pub fn catalog_item<'c>(catalog: &'c Catalog, id: &str) -> Option<(&'c str, f64)> {
    if let Some(module) = catalog.module(id) {
        return Some((&module.title, module.hours));
    }
    let phase = catalog.projects.iter().find_map(|p| {
        p.phases
            .iter()
            .find(|phase| id == format!("{}-{}", p.id, phase.id))
    });
    if let Some(phase) = phase {
        return Some((&phase.title, phase.hours));
    }
    let occurrence = |task: &str| {
        id.strip_prefix(task)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= 1)
    };
    catalog
        .outreach
        .iter()
        .find(|task| id == task.id || occurrence(&task.id))
        .map(|task| (task.title.as_str(), task.hours))
}

/// The ids of the items a plan can hold: modules, project phases and networking tasks
/// (without the number of an occurrence).
pub fn plan_item_ids(catalog: &Catalog) -> Vec<String> {
    let modules = catalog.modules.iter().map(|m| m.id.clone());
    let phases = catalog.projects.iter().flat_map(|p| {
        p.phases
            .iter()
            .map(move |phase| format!("{}-{}", p.id, phase.id))
    });
    let tasks = catalog.outreach.iter().map(|t| t.id.clone());
    modules.chain(phases).chain(tasks).collect()
}

impl Profile {
    /// Skills the learner already has: the background's plus `known_skills`.
    pub fn skills(&self, catalog: &Catalog) -> BTreeSet<String> {
        let mut skills: BTreeSet<String> = self.known_skills.iter().cloned().collect();
        if let Some(b) = catalog.background(&self.background) {
            skills.extend(b.skills.iter().cloned());
        }
        skills
    }

    /// The day name of a slot, for messages.
    pub fn slot_day(slot: &StudySlot) -> &'static str {
        weekday_name(slot.day)
    }
}
