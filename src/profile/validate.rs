//! Checking a profile as read against the catalog and the rules, one field at a time, each
//! error naming its file, line, column and field.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};
use serde_saphyr::Spanned;

use crate::catalog::{Catalog, RouteKind};
use crate::error::{Error, SourceSpan};
use crate::words::{HOURS_STEP, hours_phrase, off_quarter, short_number, trim_number};
use crate::{suggest, yaml};

use super::raw::*;
use super::*;

pub(super) struct Validator<'a> {
    pub(super) path: &'a Path,
    /// The profile as written, to point at a character inside a value.
    pub(super) text: &'a str,
    pub(super) catalog: &'a Catalog,
}

pub(super) fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// Whether free text is one line (a name) or may run over several (a note).
#[derive(Clone, Copy, PartialEq)]
enum Lines {
    One,
    Many,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Validator<'_> {
    fn at(&self, line: u64, column: u64) -> SourceSpan {
        SourceSpan {
            file: self.path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// An error about `field`. Messages quote what the profile holds, which may span lines or
    /// hold terminal escapes: those characters are written as escapes (`\n`, `\u{1b}`), so the
    /// error stays one line and the terminal shows it as it is.
    fn error(&self, field: &Field, name: &str, message: String, help: Option<String>) -> Error {
        Error::Field {
            at: self.at(field.referenced.line(), field.referenced.column()),
            field: name.to_string(),
            message: yaml::escape_controls(&message),
            help: help.as_deref().map(yaml::escape_controls),
        }
    }

    fn missing<T>(&self, parent: &Spanned<T>, name: &str, what: &str) -> Error {
        Error::Field {
            at: self.at(parent.referenced.line(), parent.referenced.column()),
            field: name.to_string(),
            message: format!("is required; {what}"),
            help: None,
        }
    }

    fn text(&self, field: &Field, name: &str, what: &str) -> Result<String, Error> {
        match &field.value {
            Scalar::Text(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            Scalar::Number(n) => Ok(short_number(*n)),
            other => Err(self.error(field, name, format!("expected {what}, found {other}"), None)),
        }
    }

    /// Refuses free text (a name, a note) that holds a character with no place in it, pointing
    /// at the character: one written as an escape (`"\e"`) is invisible in the output, and an
    /// invisible one is easily pasted in by accident. Line breaks and tabs in text that may run
    /// over `Lines::Many` are white space, which is joined into single spaces.
    fn free_text(&self, field: &Field, name: &str, lines: Lines) -> Result<(), Error> {
        let Scalar::Text(text) = &field.value else {
            return Ok(());
        };
        let found = text
            .chars()
            .enumerate()
            .filter(|(_, c)| lines == Lines::One || !c.is_whitespace())
            .find_map(|(index, c)| yaml::unwanted_char(c).map(|what| (index, what)));
        let Some((index, what)) = found else {
            return Ok(());
        };
        let at = (field.referenced.line(), field.referenced.column());
        let (line, column) = yaml::place_in_scalar(self.text, at, index);
        let (allowed, help) = if what.contains("control") {
            let allowed = match lines {
                Lines::One => "one line of text",
                Lines::Many => "text",
            };
            (allowed, "delete it")
        } else {
            (
                "text without invisible formatting characters",
                "delete it: it is invisible, and usually arrives by accident with pasted text",
            )
        };
        Err(Error::Field {
            at: self.at(line, column),
            field: name.to_string(),
            message: format!("holds {what}; allowed: {allowed}"),
            help: Some(help.into()),
        })
    }

    fn number(
        &self,
        field: &Field,
        name: &str,
        range: (f64, f64),
        unit: &str,
    ) -> Result<f64, Error> {
        let allowed = format!("a number from {} to {} {unit}", range.0, range.1);
        match &field.value {
            Scalar::Number(n) if n.is_finite() && *n >= range.0 && *n <= range.1 => Ok(*n),
            Scalar::Number(n) => Err(self.error(
                field,
                name,
                format!("{} is out of range; allowed: {allowed}", short_number(*n)),
                None,
            )),
            Scalar::Text(text) if text.trim().parse::<f64>().is_ok() => Err(self.error(
                field,
                name,
                format!("expected {allowed}, found the text \"{text}\" in quotes"),
                Some(format!(
                    "write it without quotes: `{}: {}`",
                    name.rsplit('.').next().unwrap_or(name),
                    text.trim()
                )),
            )),
            other => Err(self.error(
                field,
                name,
                format!("expected {allowed}, found {other}"),
                Some(format!(
                    "write digits, for example `{}: {}`",
                    name.rsplit('.').next().unwrap_or(name),
                    range.0.max(10.0).min(range.1)
                )),
            )),
        }
    }

    /// A number of hours in `range`, in quarter hours.
    pub(super) fn hours(&self, field: &Field, name: &str, range: (f64, f64)) -> Result<f64, Error> {
        let hours = self.number(field, name, range, "hours")?;
        match off_quarter(hours) {
            None => Ok(hours),
            Some((message, help)) => Err(self.error(field, name, message, Some(help))),
        }
    }

    fn catalog_id(
        &self,
        field: &Field,
        name: &str,
        kind: &str,
        ids: &[&str],
    ) -> Result<String, Error> {
        let value = self.text(field, name, &format!("a {kind} id"))?;
        if ids.contains(&value.as_str()) {
            return Ok(value);
        }
        let help = match suggest::closest(&value, ids) {
            Some(s) => format!("did you mean `{s}`? (`pivot catalog` lists them all)"),
            None => format!("`pivot catalog {kind}s` describes each one"),
        };
        Err(self.error(
            field,
            name,
            format!("unknown {kind} `{value}`; allowed: {}", ids.join(", ")),
            Some(help),
        ))
    }

    pub(super) fn date(&self, field: &Field, name: &str) -> Result<NaiveDate, Error> {
        let text = match &field.value {
            Scalar::Text(s) => s.trim().to_string(),
            other => {
                return Err(self.error(
                    field,
                    name,
                    format!("expected a date written YYYY-MM-DD, found {other}"),
                    Some(format!("for example `{name}: 2027-01-04`")),
                ));
            }
        };
        let parts: Vec<&str> = text.split('-').collect();
        let numbers: Option<Vec<u32>> = match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                parts.iter().map(|p| p.parse::<u32>().ok()).collect()
            }
            _ => None,
        };
        let Some(numbers) = numbers else {
            return Err(self.error(
                field,
                name,
                format!("`{text}` is not a date written YYYY-MM-DD"),
                Some(format!("for example `{name}: 2027-01-04`")),
            ));
        };
        let (y, m, d) = (numbers[0] as i32, numbers[1], numbers[2]);
        if !(1..=12).contains(&m) {
            return Err(self.error(
                field,
                name,
                format!("`{text}` is not a real date: there is no month {m}"),
                None,
            ));
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
            return Err(self.error(
                field,
                name,
                format!("`{text}`: the year must be between {FIRST_YEAR} and {LAST_YEAR}"),
                (y > LAST_YEAR).then(|| {
                    format!(
                        "pivot knows when clocks change for daylight saving time only until the end of {LAST_YEAR}"
                    )
                }),
            ));
        }
        NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
            let days = days_in_month(y, m);
            self.error(
                field,
                name,
                format!(
                    "`{text}` is not a real date: {} {y} has {days} days",
                    month_name(m)
                ),
                None,
            )
        })
    }

    pub(super) fn profile(&self, raw: Spanned<RawProfile>) -> Result<Profile, Error> {
        let c = self.catalog;
        let p = &raw.value;
        let name = self.name(&raw)?;
        let background = self.background(&raw)?;
        let target_role = p.target_role.as_ref().ok_or_else(|| {
            self.missing(
                &raw,
                "target_role",
                &format!("one of: {}", c.role_ids().join(", ")),
            )
        })?;
        let target_role = self.catalog_id(target_role, "target_role", "role", &c.role_ids())?;
        let domain = p
            .domain
            .as_ref()
            .filter(|f| f.value != Scalar::Null)
            .map(|f| self.catalog_id(f, "domain", "domain", &c.domain_ids()))
            .transpose()?;
        let hours_field = p.hours_per_week.as_ref().ok_or_else(|| {
            self.missing(
                &raw,
                "hours_per_week",
                "how many hours a week you can study, 1 to 60",
            )
        })?;
        let hours_per_week = self.hours(hours_field, "hours_per_week", (MIN_HOURS, MAX_HOURS))?;
        let start = p
            .start
            .as_ref()
            .filter(|f| f.value != Scalar::Null)
            .map(|f| self.date(f, "start"))
            .transpose()?;
        let months = p
            .months
            .as_ref()
            .map_or(Ok(DEFAULT_MONTHS), |f| self.months(f))?;
        let timezone = p
            .timezone
            .as_ref()
            .filter(|f| f.value != Scalar::Null)
            .map(|f| self.timezone(f))
            .transpose()?;
        let study_slots = match &p.study_slots {
            None => Vec::new(),
            Some(slots) => self.study_slots(slots, hours_field, hours_per_week)?,
        };
        let route = p
            .route
            .as_ref()
            .map_or(Ok(RouteKind::SelfStudy), |f| self.route(f))?;
        let budget = p
            .budget
            .as_ref()
            .filter(|f| f.value != Scalar::Null)
            .map(|f| self.number(f, "budget", (0.0, 1_000_000.0), "in your currency"))
            .transpose()?;
        // Without a currency, the time zone says where the learner is, and so what they pay in.
        let (currency, currency_from) = match (&p.currency, timezone.and_then(|tz| c.place(tz))) {
            (Some(field), _) => (self.currency(field)?, CurrencyFrom::Profile),
            (None, Some(place)) => (place.currency.clone(), CurrencyFrom::TimeZone),
            (None, None) => (DEFAULT_CURRENCY.to_string(), CurrencyFrom::Default),
        };
        let known_skills = self.id_list(
            p.known_skills.as_deref(),
            "known_skills",
            "skill",
            &c.skill_ids(),
        )?;
        let tags: Vec<&str> = c.interest_tags().into_iter().collect();
        let interests = self.id_list(p.interests.as_deref(), "interests", "interest", &tags)?;
        let breaks = match &p.breaks {
            None => Vec::new(),
            Some(list) => list
                .iter()
                .enumerate()
                .map(|(i, b)| self.break_(i, b))
                .collect::<Result<_, _>>()?,
        };
        let progress = p
            .progress
            .as_ref()
            .map(|pr| self.progress(pr, start))
            .transpose()?;

        let plan_id = p.plan_id.as_ref().map(|f| self.plan_id(f)).transpose()?;

        Ok(Profile {
            name,
            plan_id,
            background,
            target_role,
            domain,
            hours_per_week,
            start,
            months,
            timezone,
            study_slots,
            route,
            budget,
            currency,
            currency_from,
            known_skills,
            interests,
            breaks,
            progress,
        })
    }

    /// `name`: required, one line of text, not too long.
    fn name(&self, raw: &Spanned<RawProfile>) -> Result<String, Error> {
        let name_field = raw.value.name.as_ref().ok_or_else(|| {
            self.missing(raw, "name", "your name, as it should appear on the plan")
        })?;
        self.name_value(name_field)
    }

    /// The value of `name`: one line of text, not too long.
    pub(super) fn name_value(&self, name_field: &Field) -> Result<String, Error> {
        self.free_text(name_field, "name", Lines::One)?;
        let name = self.text(name_field, "name", "your name")?;
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(self.error(
                name_field,
                "name",
                format!(
                    "is {} characters long; at most {MAX_NAME_CHARS}",
                    name.chars().count()
                ),
                None,
            ));
        }
        Ok(name)
    }

    /// `background`: required, a catalog id; a job title people use for one points to it.
    fn background(&self, raw: &Spanned<RawProfile>) -> Result<String, Error> {
        let c = self.catalog;
        let background = raw.value.background.as_ref().ok_or_else(|| {
            self.missing(
                raw,
                "background",
                &format!("one of: {}", c.background_ids().join(", ")),
            )
        })?;
        if let Scalar::Text(text) = &background.value
            && let Some(meant) = c.background_by_alias(text)
        {
            return Err(self.error(
                background,
                "background",
                format!(
                    "unknown background `{}`; allowed: {}",
                    text.trim(),
                    c.background_ids().join(", ")
                ),
                Some(format!(
                    "did you mean `{}`? ({} is one of its job titles; `pivot catalog backgrounds` describes each one)",
                    meant.id,
                    text.trim()
                )),
            ));
        }
        self.catalog_id(background, "background", "background", &c.background_ids())
    }

    /// `months`: a whole number in range.
    pub(super) fn months(&self, f: &Field) -> Result<u32, Error> {
        let n = self.number(
            f,
            "months",
            (MIN_MONTHS as f64, MAX_MONTHS as f64),
            "months",
        )?;
        if n.fract() != 0.0 {
            return Err(self.error(
                f,
                "months",
                format!("{} is not a whole number of months", short_number(n)),
                None,
            ));
        }
        Ok(n as u32)
    }

    /// `route`: one of the learning routes.
    fn route(&self, f: &Field) -> Result<RouteKind, Error> {
        let ids: Vec<&str> = RouteKind::ALL.iter().map(|r| r.id()).collect();
        let id = self.catalog_id(f, "route", "route", &ids)?;
        Ok(RouteKind::ALL
            .into_iter()
            .find(|r| r.id() == id)
            .unwrap_or(RouteKind::SelfStudy))
    }

    /// `currency`: a three-letter code, in capitals.
    pub(super) fn currency(&self, f: &Field) -> Result<String, Error> {
        let code = self
            .text(f, "currency", "a three-letter currency code")?
            .to_uppercase();
        if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
            return Err(self.error(
                f,
                "currency",
                format!("`{code}` is not a three-letter currency code"),
                Some("for example GBP, USD, EUR, INR".into()),
            ));
        }
        Ok(code)
    }

    /// A plan id: letters, digits and dashes, up to [`MAX_PLAN_ID`] characters.
    fn plan_id(&self, field: &Field) -> Result<String, Error> {
        let allowed = format!("letters, digits and dashes, up to {MAX_PLAN_ID} characters");
        let id = self.text(field, "plan_id", &allowed)?;
        let fits = id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && id.chars().count() <= MAX_PLAN_ID;
        if fits {
            return Ok(id);
        }
        Err(self.error(
            field,
            "plan_id",
            format!("`{id}` is not a plan id; allowed: {allowed}"),
            Some("for example `plan_id: priya-2027`; once your calendar holds the plan, keep it as it is".into()),
        ))
    }

    pub(super) fn timezone(&self, field: &Field) -> Result<chrono_tz::Tz, Error> {
        let name = self.text(
            field,
            "timezone",
            "an IANA time zone name such as Europe/London",
        )?;
        name.parse::<chrono_tz::Tz>().map_err(|_| {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
            let help = match suggest::closest(&name, &names) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "use an IANA name such as Europe/London, America/New_York or Asia/Kolkata"
                    .into(),
            };
            self.error(
                field,
                "timezone",
                format!("unknown time zone `{name}`; allowed: an IANA time zone name (Area/City)"),
                Some(help),
            )
        })
    }

    fn id_list(
        &self,
        list: Option<&[Field]>,
        name: &str,
        kind: &str,
        ids: &[&str],
    ) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        for (i, field) in list.unwrap_or_default().iter().enumerate() {
            let id = self.catalog_id(field, &format!("{name}[{}]", i + 1), kind, ids)?;
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    }

    fn study_slots(
        &self,
        slots: &Spanned<Vec<Spanned<RawSlot>>>,
        hours_field: &Field,
        hours_per_week: f64,
    ) -> Result<Vec<StudySlot>, Error> {
        let mut out: Vec<StudySlot> = Vec::new();
        for (i, slot) in slots.value.iter().enumerate() {
            let slot = self.study_slot(i + 1, slot, &out)?;
            out.push(slot);
        }
        self.slots_add_up(&out, slots.referenced, hours_field, hours_per_week)?;
        Ok(out)
    }

    /// Session `number` of `study_slots` (from 1), which must not overlap the sessions before it.
    pub(super) fn study_slot(
        &self,
        number: usize,
        slot: &Spanned<RawSlot>,
        earlier: &[StudySlot],
    ) -> Result<StudySlot, Error> {
        let prefix = format!("study_slots[{number}]");
        let day_field = slot.value.day.as_ref().ok_or_else(|| {
            self.missing(
                slot,
                &format!("{prefix}.day"),
                "one of mon, tue, wed, thu, fri, sat, sun",
            )
        })?;
        let day = self.weekday(day_field, &format!("{prefix}.day"))?;
        let time_field = slot.value.time.as_ref().ok_or_else(|| {
            self.missing(
                slot,
                &format!("{prefix}.time"),
                "a start time such as \"19:00\"",
            )
        })?;
        let time = self.time(time_field, &format!("{prefix}.time"))?;
        let hours_slot = slot.value.hours.as_ref().ok_or_else(|| {
            self.missing(
                slot,
                &format!("{prefix}.hours"),
                "how long the session is, in hours",
            )
        })?;
        let hours = self.hours(hours_slot, &format!("{prefix}.hours"), (HOURS_STEP, 16.0))?;
        let start_min = time.hour() * 60 + time.minute();
        let end_min = start_min as f64 + hours * 60.0;
        if end_min > 24.0 * 60.0 {
            return Err(self.error(
                hours_slot,
                &format!("{prefix}.hours"),
                format!(
                    "a {hours}-hour session starting at {} runs past midnight; allowed: sessions that end by 24:00",
                    time.format("%H:%M")
                ),
                Some("split it into two sessions on consecutive days".into()),
            ));
        }
        for (j, other) in earlier.iter().enumerate() {
            let o_start = (other.time.hour() * 60 + other.time.minute()) as f64;
            let o_end = o_start + other.hours * 60.0;
            if other.day == day && (start_min as f64) < o_end && o_start < end_min {
                return Err(self.error(
                    time_field,
                    &format!("{prefix}.time"),
                    format!("overlaps study_slots[{}] on the same day", j + 1),
                    Some("give each session its own time".into()),
                ));
            }
        }
        Ok(StudySlot { day, time, hours })
    }

    /// The sessions, if there are any, add up to `hours_per_week`; `at` is where `study_slots`
    /// is written.
    pub(super) fn slots_add_up(
        &self,
        slots: &[StudySlot],
        at: serde_saphyr::Location,
        hours_field: &Field,
        hours_per_week: f64,
    ) -> Result<(), Error> {
        let total: f64 = slots.iter().map(|s| s.hours).sum();
        if !slots.is_empty() && (total - hours_per_week).abs() > 0.01 {
            return Err(Error::Field {
                at: self.at(at.line(), at.column()),
                field: "study_slots".into(),
                message: format!(
                    "the sessions add up to {} hours a week, but hours_per_week is {}; they must be equal",
                    trim_number(total),
                    trim_number(hours_per_week)
                ),
                help: Some(format!(
                    "set hours_per_week to {} (line {}), or change the sessions' hours",
                    trim_number(total),
                    hours_field.referenced.line()
                )),
            });
        }
        Ok(())
    }

    fn weekday(&self, field: &Field, name: &str) -> Result<Weekday, Error> {
        let text = self.text(field, name, "a day of the week")?.to_lowercase();
        let full = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        let index = DAYS
            .iter()
            .position(|d| *d == text)
            .or_else(|| full.iter().position(|d| *d == text));
        match index {
            Some(i) => Ok(Weekday::try_from(i as u8).unwrap_or(Weekday::Mon)),
            None => Err(self.error(
                field,
                name,
                format!("`{text}` is not a day; allowed: {}", DAYS.join(", ")),
                suggest::closest(&text, &full).map(|s| format!("did you mean `{}`?", &s[..3])),
            )),
        }
    }

    pub(super) fn time(&self, field: &Field, name: &str) -> Result<NaiveTime, Error> {
        let bad = |found: String| {
            self.error(
                field,
                name,
                format!("{found} is not a time; allowed: 24-hour HH:MM from 00:00 to 23:59"),
                Some("write it in quotes, for example `time: \"19:00\"`".into()),
            )
        };
        let text = match &field.value {
            Scalar::Text(s) => s.trim().to_string(),
            other => return Err(bad(other.to_string())),
        };
        let parsed = text.split_once(':').and_then(|(h, m)| {
            let ok = (1..=2).contains(&h.len()) && m.len() == 2;
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            if ok {
                NaiveTime::from_hms_opt(h, m, 0)
            } else {
                None
            }
        });
        parsed.ok_or_else(|| bad(format!("`{text}`")))
    }

    pub(super) fn break_(&self, index: usize, raw: &Spanned<RawBreak>) -> Result<Break, Error> {
        let prefix = format!("breaks[{}]", index + 1);
        let from_field = raw.value.from.as_ref().ok_or_else(|| {
            self.missing(
                raw,
                &format!("{prefix}.from"),
                "the first day of the break, YYYY-MM-DD",
            )
        })?;
        let to_field = raw.value.to.as_ref().ok_or_else(|| {
            self.missing(
                raw,
                &format!("{prefix}.to"),
                "the last day of the break, YYYY-MM-DD",
            )
        })?;
        let from = self.date(from_field, &format!("{prefix}.from"))?;
        let to = self.date(to_field, &format!("{prefix}.to"))?;
        if to < from {
            return Err(self.error(
                to_field,
                &format!("{prefix}.to"),
                format!("the break ends ({to}) before it starts ({from})"),
                None,
            ));
        }
        if (to - from).num_days() > 366 {
            return Err(self.error(
                to_field,
                &format!("{prefix}.to"),
                "a break can last at most a year".into(),
                None,
            ));
        }
        let note_field = raw.value.note.as_ref();
        if let Some(field) = note_field {
            self.free_text(field, &format!("{prefix}.note"), Lines::Many)?;
        }
        let note = note_field
            .filter(|f| f.value != Scalar::Null)
            .filter(|f| !matches!(&f.value, Scalar::Text(t) if t.trim().is_empty()))
            .map(|f| self.note(f, &format!("{prefix}.note")))
            .transpose()?;
        Ok(Break { from, to, note })
    }

    /// A break's note, on one line: line breaks and tabs fold into spaces. Other control
    /// characters were refused by `free_text`.
    fn note(&self, field: &Field, name: &str) -> Result<String, Error> {
        let note = self.text(field, name, "a short note")?;
        Ok(note.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn progress(
        &self,
        raw: &Spanned<RawProgress>,
        start: Option<NaiveDate>,
    ) -> Result<Progress, Error> {
        let as_of_field = raw.value.as_of.as_ref().ok_or_else(|| {
            self.missing(
                raw,
                "progress.as_of",
                "the date your progress refers to, YYYY-MM-DD",
            )
        })?;
        let as_of = self.date(as_of_field, "progress.as_of")?;
        if let Some(start) = start.filter(|start| as_of < *start) {
            return Err(as_of_before_start(
                Some(self.at(
                    as_of_field.referenced.line(),
                    as_of_field.referenced.column(),
                )),
                as_of,
                start,
            ));
        }
        let mut done: Vec<String> = Vec::new();
        for (i, field) in raw
            .value
            .done
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let id = self.plan_item(field, &format!("progress.done[{}]", i + 1))?;
            if !done.contains(&id) {
                done.push(id);
            }
        }
        let mut partial: Vec<Partial> = Vec::new();
        let pairs = raw
            .value
            .partial
            .as_ref()
            .map_or(&[][..], |p| &p.value.0[..]);
        for (key, value) in pairs {
            let id = self.plan_item(key, "progress.partial")?;
            let name = format!("progress.partial.{id}");
            if done.contains(&id) {
                return Err(self.error(
                    key,
                    &name,
                    "is also under progress.done; allowed: an item either done or begun".into(),
                    Some("remove it from one of the two".into()),
                ));
            }
            let hours = catalog_item(self.catalog, &id).map_or(0.0, |(_, hours)| hours);
            let left = self.hours_left(value, &name, hours)?;
            partial.retain(|p| p.id != id);
            partial.push(Partial { id, left });
        }
        Ok(Progress {
            as_of,
            done,
            partial,
            as_of_at: Some(self.at(
                as_of_field.referenced.line(),
                as_of_field.referenced.column(),
            )),
        })
    }

    /// The hours still to do on an item of `hours` begun: a number of hours, or the share left
    /// as a percentage (`40%`), in quarter hours, more than none and less than the whole.
    fn hours_left(&self, field: &Field, name: &str, hours: f64) -> Result<f64, Error> {
        let allowed = format!(
            "the hours still to do, more than 0 and less than the item's {}, or the share \
             still to do such as 40%",
            hours_phrase(hours)
        );
        let share = match &field.value {
            Scalar::Text(text) => text
                .trim()
                .strip_suffix('%')
                .and_then(|n| n.trim().parse::<f64>().ok()),
            _ => None,
        };
        let left = match (&field.value, share) {
            (_, Some(percent)) if percent > 0.0 && percent < 100.0 && hours > HOURS_STEP => {
                let quarters = (hours * percent / 100.0 / HOURS_STEP).round();
                (quarters * HOURS_STEP).clamp(HOURS_STEP, hours - HOURS_STEP)
            }
            (Scalar::Number(n), None) if *n > 0.0 && *n < hours => match off_quarter(*n) {
                None => *n,
                Some((message, help)) => return Err(self.error(field, name, message, Some(help))),
            },
            (other, _) => {
                return Err(self.error(
                    field,
                    name,
                    format!("{other} cannot be the work left; allowed: {allowed}"),
                    Some(
                        "an item with nothing left goes under progress.done; one not begun is left out"
                            .into(),
                    ),
                ));
            }
        };
        Ok(left)
    }

    /// The id of an item a plan can hold: a module, a project phase or a networking task.
    fn plan_item(&self, field: &Field, name: &str) -> Result<String, Error> {
        let value = self.text(field, name, "the id of an item of your plan")?;
        if catalog_item(self.catalog, &value).is_some() {
            return Ok(value);
        }
        let ids = plan_item_ids(self.catalog);
        let known: Vec<&str> = ids.iter().map(String::as_str).collect();
        let help = match suggest::closest(&value, &known) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "`pivot plan PROFILE --format json -o -` lists the ids of your plan's items"
                .to_string(),
        };
        Err(self.error(
            field,
            name,
            format!(
                "unknown item `{value}`; allowed: the id of a module, a project phase or a \
                 networking task, as the plan lists them (`pivot catalog modules` for modules)"
            ),
            Some(help),
        ))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}
