//! `pivot init`'s questions on a terminal: what a profile needs, asked one at a time, each answer
//! checked when it is given, by the rules and in the words of `pivot check`, then the verdict on
//! the plan the answers make.

use std::fmt;

use chrono::{Days, NaiveDate, Timelike, Weekday};
use inquire::validator::Validation;
use inquire::{Confirm, InquireError, Select, Text};

use crate::catalog::{Catalog, alias_key};
use crate::error::Error;
use crate::plan::Plan;
use crate::profile::{
    Answers, Break, DEFAULT_CURRENCY, DEFAULT_MONTHS, MAX_HOURS, MAX_MONTHS, MIN_HOURS, MIN_MONTHS,
    StudySlot,
};
use crate::starter::Starter;
use crate::words::{HOURS_STEP, about_months, hours_phrase, trim_number};

/// What the learner answered, every value checked.
pub struct Answered {
    pub name: String,
    pub background: String,
    pub target_role: String,
    pub domain: Option<String>,
    pub hours_per_week: f64,
    pub start: NaiveDate,
    pub months: u32,
    pub timezone: Option<String>,
    pub currency: String,
    pub study_slots: Vec<StudySlot>,
    pub breaks: Vec<Break>,
}

impl Answered {
    /// The commented starter profile with the answers written in.
    pub fn starter(&self, now: chrono::DateTime<chrono::Utc>) -> Starter<'_> {
        Starter {
            now,
            name: Some(&self.name),
            background: &self.background,
            target_role: &self.target_role,
            domain: self.domain.as_deref(),
            hours_per_week: self.hours_per_week,
            start: Some(self.start),
            months: self.months,
            timezone: self.timezone.as_deref(),
            currency: Some(&self.currency),
            study_slots: &self.study_slots,
            breaks: &self.breaks,
        }
    }
}

/// What the questions start from.
pub struct Setting<'a> {
    pub catalog: &'a Catalog,
    /// The first day the plan may start, as `pivot plan` counts it: the next Monday.
    pub next_monday: NaiveDate,
    /// The system's time zone, offered as the answer.
    pub system_zone: Option<String>,
    /// The terminal's width, to which each line of a list is cut.
    pub width: usize,
}

/// One entry of a list to choose from: a title and a line on it.
#[derive(Clone)]
struct Choice {
    /// The id the profile holds; empty for "none".
    id: String,
    title: String,
    line: String,
    /// Other names typed to find it (a background's job titles), as [`alias_key`] writes them.
    aliases: Vec<String>,
    width: usize,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{}: {}", self.title, self.line);
        // Room for the list's cursor ("> ") and a margin, so a line never wraps.
        let room = self.width.saturating_sub(4).max(20);
        if text.chars().count() <= room {
            f.write_str(&text)
        } else {
            let cut: String = text.chars().take(room - 1).collect();
            write!(f, "{}…", cut.trim_end())
        }
    }
}

/// How well `typed` finds `choice`, best first: a job title typed in full, then a match in the
/// title or id, in a job title, in the line. Ties keep the list's order.
fn score(typed: &str, choice: &Choice, index: usize) -> Option<i64> {
    let wanted = alias_key(typed);
    let title = alias_key(&format!("{} {}", choice.title, choice.id));
    let rank = if wanted.is_empty() {
        0
    } else if choice.aliases.contains(&wanted) {
        4
    } else if title.contains(&wanted) {
        3
    } else if choice.aliases.iter().any(|a| a.contains(&wanted)) {
        2
    } else if alias_key(&choice.line).contains(&wanted) {
        1
    } else {
        return None;
    };
    Some(rank * 10_000 - index as i64)
}

/// Esc and Ctrl-C stop the questions; a terminal that fails is an error reading it.
fn stopped(err: InquireError) -> Error {
    match err {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Error::Stopped,
        InquireError::IO(source) => Error::Read {
            path: "the terminal".into(),
            source,
        },
        other => Error::Read {
            path: "the terminal".into(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

/// A refused answer as the question shows it: the check's message and its help.
fn refusal(err: &Error) -> Validation {
    let text = match err {
        Error::Field {
            message,
            help: Some(help),
            ..
        } => format!("{message} ({help})"),
        Error::Field { message, .. } => message.clone(),
        other => other.to_string(),
    };
    Validation::Invalid(text.into())
}

/// A validator for a question from a check of the answer.
fn checked<T>(
    check: impl Fn(&str) -> Result<T, Error> + Clone,
) -> impl Fn(&str) -> Result<Validation, inquire::CustomUserError> + Clone {
    move |text: &str| {
        Ok(match check(text) {
            Ok(_) => Validation::Valid,
            Err(err) => refusal(&err),
        })
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A day of the week in the list of days.
#[derive(Clone, Copy)]
struct Day(Weekday);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.0 {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        };
        f.write_str(name)
    }
}

/// Asks every question in turn. Esc or Ctrl-C at any of them ends with [`Error::Stopped`].
pub fn ask(setting: &Setting) -> Result<Answered, Error> {
    let answers = Answers::new(setting.catalog);
    eprintln!("A few questions make your profile; you can change any answer later in the file.");
    eprintln!("Esc stops without writing anything.");
    let name = Text::new("Your name?")
        .with_help_message("as it should appear on the plan; any language and script")
        .with_validator(checked(|text| answers.name(text)))
        .prompt()
        .map_err(stopped)?;
    let name = answers.name(&name)?;
    let background = background(setting)?;
    let target_role = target_role(setting, &background)?;
    let domain = domain(setting)?;
    let hours = Text::new("How many hours a week can you really study?")
        .with_default(&trim_number(Starter::default().hours_per_week))
        .with_help_message(&format!(
            "{MIN_HOURS} to {MAX_HOURS}, in quarter hours (7.5 is fine); a steady 8 beats an \
             abandoned 20"
        ))
        .with_validator(checked(|text| answers.hours_per_week(text)))
        .prompt()
        .map_err(stopped)?;
    let hours_per_week = answers.hours_per_week(&hours)?;
    let start = Text::new("On which day do you start?")
        .with_default(&setting.next_monday.to_string())
        .with_help_message("a date written YYYY-MM-DD; Enter for the next Monday")
        .with_validator(checked(|text| answers.start(text)))
        .prompt()
        .map_err(stopped)?;
    let start = answers.start(&start)?;
    let months = Text::new("How many months should the plan run?")
        .with_default(&DEFAULT_MONTHS.to_string())
        .with_help_message(&format!(
            "{MIN_MONTHS} to {MAX_MONTHS}; the verdict at the end says whether the work fits"
        ))
        .with_validator(checked(|text| answers.months(text)))
        .prompt()
        .map_err(stopped)?;
    let months = answers.months(&months)?;
    let timezone = timezone(setting, &answers)?;
    let currency = Text::new("In which currency do you pay for courses?")
        .with_default(DEFAULT_CURRENCY)
        .with_help_message("a three-letter code: GBP, EUR, USD, INR, ...")
        .with_formatter(&|text| text.trim().to_uppercase())
        .with_validator(checked(|text| answers.currency(text)))
        .prompt()
        .map_err(stopped)?;
    let currency = answers.currency(&currency)?;
    let study_slots = study_slots(&answers, hours_per_week)?;
    let breaks = breaks(&answers, start)?;
    Ok(Answered {
        name,
        background,
        target_role,
        domain,
        hours_per_week,
        start,
        months,
        timezone,
        currency,
        study_slots,
        breaks,
    })
}

/// Chooses from `choices`, starting at the one whose id is `default`.
fn choose(
    question: &str,
    help: &str,
    choices: Vec<Choice>,
    default: &str,
) -> Result<Choice, Error> {
    let cursor = choices.iter().position(|c| c.id == default).unwrap_or(0);
    Select::new(question, choices)
        .with_help_message(help)
        .with_starting_cursor(cursor)
        .with_page_size(8)
        .with_scorer(&|typed, choice, _, index| score(typed, choice, index))
        .with_formatter(&|chosen| chosen.value.title.clone())
        .prompt()
        .map_err(stopped)
}

const LIST_HELP: &str = "↑↓ to move, Enter to choose, type to filter";

/// The backgrounds, found by their job titles too.
fn background_choices(catalog: &Catalog, width: usize) -> Vec<Choice> {
    catalog
        .backgrounds
        .iter()
        .map(|b| Choice {
            id: b.id.clone(),
            title: b.title.clone(),
            line: b.summary.clone(),
            aliases: b.aliases.iter().map(|a| alias_key(a)).collect(),
            width,
        })
        .collect()
}

fn background(setting: &Setting) -> Result<String, Error> {
    let choices = background_choices(setting.catalog, setting.width);
    let help = format!("{LIST_HELP}: your job title, such as teacher or accountant");
    let chosen = choose(
        "Where are you coming from?",
        &help,
        choices,
        Starter::default().background,
    )?;
    Ok(chosen.id)
}

/// The role list starts at the first role people of this background typically come to.
fn target_role(setting: &Setting, background: &str) -> Result<String, Error> {
    let roles = &setting.catalog.roles;
    let default = roles
        .iter()
        .find(|r| r.typical_background_ids.iter().any(|b| b == background))
        .map_or(Starter::default().target_role, |r| r.id.as_str());
    let choices = roles
        .iter()
        .map(|r| Choice {
            id: r.id.clone(),
            title: r.title.clone(),
            line: r.summary.clone(),
            aliases: Vec::new(),
            width: setting.width,
        })
        .collect();
    let chosen = choose(
        "Which AI role are you aiming at?",
        LIST_HELP,
        choices,
        default,
    )?;
    Ok(chosen.id)
}

fn domain(setting: &Setting) -> Result<Option<String>, Error> {
    let none = Choice {
        id: String::new(),
        title: "None".into(),
        line: "no field in particular; the portfolio project brings its own problem".into(),
        aliases: Vec::new(),
        width: setting.width,
    };
    let choices = std::iter::once(none)
        .chain(setting.catalog.domains.iter().map(|d| Choice {
            id: d.id.clone(),
            title: d.title.clone(),
            line: d.applications.join(", "),
            aliases: Vec::new(),
            width: setting.width,
        }))
        .collect();
    let help = format!("{LIST_HELP}: the portfolio project uses what you know of it");
    let chosen = choose("Which field do you know well?", &help, choices, "")?;
    Ok(Some(chosen.id).filter(|id| !id.is_empty()))
}

/// The system's zone is offered; typing shows the zone names that hold what was typed.
fn timezone(setting: &Setting, answers: &Answers) -> Result<Option<String>, Error> {
    let suggest = |typed: &str| -> Result<Vec<String>, inquire::CustomUserError> {
        let wanted = typed.trim().to_lowercase();
        if wanted.len() < 2 {
            return Ok(Vec::new());
        }
        Ok(chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| name.to_lowercase().contains(&wanted))
            .take(6)
            .map(str::to_string)
            .collect())
    };
    let question = Text::new("Your time zone?")
        .with_help_message(
            "an IANA name, so calendar sessions land at your local time; ↓ and Enter take a \
             suggestion",
        )
        .with_autocomplete(suggest)
        .with_validator(checked(|text: &str| {
            if text.trim().is_empty() {
                return Ok(None);
            }
            answers.timezone(text).map(Some)
        }));
    let typed = match &setting.system_zone {
        Some(zone) => question.with_default(zone).prompt(),
        None => question
            .with_placeholder("Enter to leave it out: session times then float")
            .prompt(),
    }
    .map_err(stopped)?;
    if typed.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(answers.timezone(&typed)?.name().to_string()))
}

/// The time a number of quarter hours after midnight, as a session's `time` is written.
fn quarter_time(quarter: u32) -> String {
    format!("{:02}:{:02}", quarter / 4, quarter % 4 * 15)
}

/// Weekly sessions, if the learner wants them, asked until they add up to the hours a week.
fn study_slots(answers: &Answers, hours_per_week: f64) -> Result<Vec<StudySlot>, Error> {
    let wanted = Confirm::new("Do you want to set the days and times you study each week?")
        .with_default(false)
        .with_help_message(
            "they go in your calendar at those times; without them the plan spreads your hours \
             over the week",
        )
        .prompt()
        .map_err(stopped)?;
    let mut slots: Vec<StudySlot> = Vec::new();
    if !wanted {
        return Ok(slots);
    }
    loop {
        let placed: f64 = slots.iter().map(|s| s.hours).sum();
        let left = hours_per_week - placed;
        if left < HOURS_STEP / 2.0 {
            break;
        }
        let number = slots.len() + 1;
        // A day the earlier sessions fill has no room left for even a quarter hour.
        let shortest = trim_number(HOURS_STEP);
        let has_room = |day: Weekday| {
            (0..24 * 4).any(|quarter| {
                answers
                    .study_slot(&slots, day, &quarter_time(quarter), &shortest)
                    .is_ok()
            })
        };
        let days: Vec<Day> = WEEK
            .iter()
            .copied()
            .filter(|d| has_room(*d))
            .map(Day)
            .collect();
        let day = Select::new(&format!("Session {number}: on which day?"), days)
            .with_help_message(LIST_HELP)
            .with_page_size(7)
            .prompt()
            .map_err(stopped)?
            .0;
        // The usual time, or the first quarter hour after it that is free (from midnight on,
        // if the evening is taken).
        let usual = match day {
            Weekday::Sat | Weekday::Sun => 9 * 4 + 2,
            _ => 19 * 4,
        };
        let usual = (usual..usual + 24 * 4)
            .map(|quarter| quarter_time(quarter % (24 * 4)))
            .find(|time| answers.study_slot(&slots, day, time, &shortest).is_ok())
            .unwrap_or_default();
        // The shortest session shows whether a start time can be used at all: one that falls
        // inside an earlier session, or too near midnight, cannot.
        let time = Text::new(&format!("Session {number}: at what time does it start?"))
            .with_default(&usual)
            .with_help_message("24-hour HH:MM, such as 19:00 or 09:30")
            .with_validator(checked(|text| {
                answers.study_slot(&slots, day, text, &shortest)
            }))
            .prompt()
            .map_err(stopped)?;
        let start = answers.study_slot(&slots, day, &time, &shortest)?.time;
        let until_midnight = f64::from(24 * 60 - (start.hour() * 60 + start.minute())) / 60.0;
        let longest = (until_midnight / HOURS_STEP).floor() * HOURS_STEP;
        let suggested = left.min(longest).clamp(HOURS_STEP, 4.0);
        let fits_the_week = |text: &str| {
            let slot = answers.study_slot(&slots, day, &time, text)?;
            let mut all = slots.clone();
            all.push(slot.clone());
            let total: f64 = all.iter().map(|s| s.hours).sum();
            if total > hours_per_week + 0.01 {
                answers.study_slots_add_up(&all, hours_per_week)?;
            }
            Ok(slot)
        };
        let hours = Text::new(&format!("Session {number}: for how many hours?"))
            .with_default(&trim_number(suggested))
            .with_help_message(&format!(
                "{} of your {} a week are left to place",
                hours_phrase(left),
                hours_phrase(hours_per_week)
            ))
            .with_validator(checked(fits_the_week))
            .prompt()
            .map_err(stopped)?;
        slots.push(fits_the_week(&hours)?);
    }
    Ok(slots)
}

/// Breaks, if the learner has any, one after another.
fn breaks(answers: &Answers, start: NaiveDate) -> Result<Vec<Break>, Error> {
    let mut more = Confirm::new("Are there weeks with no study time, such as a holiday?")
        .with_default(false)
        .with_help_message("the plan leaves them free; you can add more later in the profile")
        .prompt()
        .map_err(stopped)?;
    let mut breaks = Vec::new();
    while more {
        let number = breaks.len() + 1;
        let from = Text::new(&format!("Break {number}: its first day?"))
            .with_placeholder("YYYY-MM-DD")
            .with_help_message(&format!(
                "a date written YYYY-MM-DD; your plan starts on {start}"
            ))
            .with_validator(checked(|text| answers.break_(number, text, text, "")))
            .prompt()
            .map_err(stopped)?;
        let first = answers.break_(number, &from, &from, "")?.from;
        let week_later = first
            .checked_add_days(Days::new(6))
            .unwrap_or(first)
            .to_string();
        let to = Text::new(&format!("Break {number}: its last day?"))
            .with_default(&week_later)
            .with_help_message("a date written YYYY-MM-DD; Enter for a week")
            .with_validator(checked(|text| answers.break_(number, &from, text, "")))
            .prompt()
            .map_err(stopped)?;
        let note = Text::new(&format!("Break {number}: a note?"))
            .with_help_message("optional, such as Easter; Enter to leave it out")
            .with_validator(checked(|text| answers.break_(number, &from, &to, text)))
            .prompt()
            .map_err(stopped)?;
        breaks.push(answers.break_(number, &from, &to, &note)?);
        more = Confirm::new("Another break?")
            .with_default(false)
            .prompt()
            .map_err(stopped)?;
    }
    Ok(breaks)
}

/// The verdict on the plan in plain sentences: how long it takes at the hours given, then the
/// plan's own words on whether it fits.
pub fn verdict(plan: &Plan) -> String {
    let months = about_months(plan.start, plan.feasibility.finish_date);
    format!(
        "At {} a week this takes about {months} month{}. {}",
        hours_phrase(plan.hours_per_week),
        if months == 1 { "" } else { "s" },
        plan.feasibility.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(id: &str, title: &str, aliases: &[&str]) -> Choice {
        Choice {
            id: id.into(),
            title: title.into(),
            line: "A line on it".into(),
            aliases: aliases.iter().map(|a| alias_key(a)).collect(),
            width: 100,
        }
    }

    /// A job title typed in full comes first, a part of one finds it too, and the list keeps
    /// its order when nothing is typed.
    #[test]
    fn typing_a_job_title_finds_its_background() {
        let finance = choice(
            "finance-professional",
            "Finance professional",
            &["accountant"],
        );
        let teacher = choice("teacher", "Teacher", &["tutor"]);
        assert!(score("accountant", &finance, 1) > score("acc", &finance, 1));
        assert!(score("Accountant", &finance, 1).is_some());
        assert!(score("account", &finance, 1).is_some());
        assert_eq!(score("accountant", &teacher, 0), None);
        assert!(score("", &teacher, 0) > score("", &finance, 1));
        assert!(score("teach", &teacher, 0).is_some());
    }

    /// What the list shows first for what a person types, as the catalog has it.
    #[test]
    fn the_catalog_backgrounds_are_found_by_job_title() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        let choices = background_choices(&catalog, 100);
        let first = |typed: &str| {
            choices
                .iter()
                .enumerate()
                .filter_map(|(i, c)| score(typed, c, i).map(|s| (s, c.id.as_str())))
                .max()
                .map(|(_, id)| id)
        };
        assert_eq!(first("accountant"), Some("finance-professional"));
        assert_eq!(first("Nurse"), Some("healthcare-professional"));
        assert_eq!(first("teacher"), Some("teacher"));
        assert_eq!(first(""), Some(catalog.backgrounds[0].id.as_str()));
        assert_eq!(first("astronaut"), None);
    }

    #[test]
    fn a_line_is_cut_to_the_terminal() {
        let mut long = choice("teacher", "Teacher", &[]);
        long.line = "word ".repeat(40);
        long.width = 40;
        let shown = long.to_string();
        assert_eq!(shown.chars().count(), 36);
        assert!(shown.ends_with('…'));
        assert_eq!(choice("a", "A", &[]).to_string(), "A: A line on it");
    }
}
