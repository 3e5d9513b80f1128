//! The commented starter profile that `pivot init` writes: every field explained, valid as is,
//! with the answers to its questions filled in when it asked them.

use chrono::{DateTime, NaiveDate, Utc};

use crate::identity::suggested_plan_id;
use crate::profile::{Break, DEFAULT_MONTHS, Profile, StudySlot};
use crate::words::{HOURS_STEP, trim_number};

/// The name the starter profile holds until the learner writes theirs.
const NAME: &str = "Your Name";

/// The values `init` fills in; the rest of the starter profile explains itself. An optional
/// field left out is written as a commented example.
pub struct Starter<'a> {
    /// When `init` runs: its plan id is made from it, so that two learners who start alike get
    /// different ids.
    pub now: DateTime<Utc>,
    /// `None`: a placeholder for the learner to replace.
    pub name: Option<&'a str>,
    pub background: &'a str,
    pub target_role: &'a str,
    pub domain: Option<&'a str>,
    pub hours_per_week: f64,
    pub start: Option<NaiveDate>,
    pub months: u32,
    pub timezone: Option<&'a str>,
    pub currency: Option<&'a str>,
    pub study_slots: &'a [StudySlot],
    pub breaks: &'a [Break],
}

impl Default for Starter<'_> {
    fn default() -> Self {
        Starter {
            now: DateTime::UNIX_EPOCH,
            name: None,
            background: "software-engineer",
            target_role: "ml-engineer",
            domain: None,
            hours_per_week: 10.0,
            start: None,
            months: DEFAULT_MONTHS,
            timezone: None,
            currency: None,
            study_slots: &[],
            breaks: &[],
        }
    }
}

/// Text as one YAML value that reads back exactly, whatever it holds (a `#`, a `: `, quotes, a
/// name that looks like a number): a double-quoted string, whose escapes are JSON's.
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// A field written in when `value` is given, else its commented example.
fn field_or_example(key: &str, value: Option<String>, example: &str) -> String {
    match value {
        Some(value) => format!("{key}: {value}"),
        None => format!("# {key}: {example}"),
    }
}

/// The learner's own weekly sessions, as the profile lists them.
fn slots(slots: &[StudySlot]) -> String {
    slots
        .iter()
        .map(|slot| {
            format!(
                "  - {{ day: {}, time: \"{}\", hours: {} }}\n",
                Profile::slot_day(slot),
                slot.time.format("%H:%M"),
                trim_number(slot.hours)
            )
        })
        .collect()
}

/// The learner's own breaks, as the profile lists them.
fn breaks(breaks: &[Break]) -> String {
    breaks
        .iter()
        .map(|b| {
            let note = b
                .note
                .as_deref()
                .map_or_else(String::new, |note| format!(", note: {}", quoted(note)));
            format!("  - {{ from: {}, to: {}{note} }}\n", b.from, b.to)
        })
        .collect()
}

/// Sample weekly sessions that add up to `hours`, so that uncommenting them gives a valid
/// profile: about four hours at a time at most, at most one a day (the weekend and Tuesday and
/// Thursday evenings first), in the order of the week.
fn sample_slots(hours: f64) -> String {
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const FIRST_USED: [&str; 7] = ["tue", "sat", "thu", "sun", "mon", "wed", "fri"];
    let quarters = (hours / HOURS_STEP).round().max(1.0) as usize;
    let count = ((hours / 4.0).ceil() as usize).clamp(2, 7).min(quarters);
    let mut slots: Vec<(&str, usize)> = FIRST_USED[..count]
        .iter()
        .enumerate()
        .map(|(i, day)| (*day, quarters / count + usize::from(i < quarters % count)))
        .collect();
    slots.sort_by_key(|(day, _)| WEEK.iter().position(|d| d == day));
    slots
        .into_iter()
        .map(|(day, quarters)| {
            let hours = quarters as f64 * HOURS_STEP;
            // An evening session must end by midnight.
            let time = match day {
                "sat" | "sun" => "09:30",
                _ if hours <= 5.0 => "19:00",
                _ => "09:00",
            };
            format!(
                "#   - {{ day: {day}, time: \"{time}\", hours: {} }}\n",
                trim_number(hours)
            )
        })
        .collect()
}

impl Starter<'_> {
    pub fn render(&self) -> String {
        let domain = field_or_example("domain", self.domain.map(str::to_string), "healthcare");
        let hours = trim_number(self.hours_per_week);
        // Without the learner's name the id says "plan", and stays theirs when they write their
        // name in.
        let plan_id = suggested_plan_id(self.name.unwrap_or_default(), &self.now.to_rfc3339());
        let name = self.name.map_or_else(|| NAME.to_string(), quoted);
        let start = field_or_example("start", self.start.map(|d| d.to_string()), "2027-01-04");
        let timezone = field_or_example(
            "timezone",
            self.timezone.map(str::to_string),
            "Europe/London",
        );
        let currency = field_or_example("currency", self.currency.map(str::to_string), "GBP");
        let study_slots = match self.study_slots {
            [] => format!("# study_slots:\n{}", sample_slots(self.hours_per_week)),
            own => format!("study_slots:\n{}", slots(own)),
        };
        let breaks = match self.breaks {
            [] => {
                "# breaks:\n#   - { from: 2027-04-05, to: 2027-04-11, note: Easter }\n".to_string()
            }
            own => format!("breaks:\n{}", breaks(own)),
        };
        format!(
            r#"# pivot profile: edit the values, then run
#   pivot check profile.yaml     to validate it and see whether the plan fits
#   pivot plan profile.yaml      to write the plan (Markdown, PDF and calendar)
# Lines starting with # are comments. Remove the # in front of an optional field to use it.

# Your name, as it should appear on the plan. Any language and script.
name: {name}

# What identifies your plan's events in your calendar app, so that they stay the same when you
# correct your name and re-plan. Letters, digits and dashes; keep it as it is.
plan_id: {plan_id}

# Where you are coming from. `pivot catalog backgrounds` lists them all, for example
# software-engineer, data-analyst, product-manager, teacher, journalist, career-changer.
background: {background}

# The AI role you are aiming at: ml-engineer, data-scientist, ai-researcher,
# ai-product-manager, prompt-engineer or mlops-engineer (`pivot catalog roles`).
target_role: {role}

# Optional: the field you know well; the plan picks a portfolio project that uses it
# (`pivot catalog domains`: healthcare, education, finance, robotics, ...).
{domain}

# Hours a week you can really study, from 1 to 60. Be honest: a steady 8 beats an abandoned 20.
hours_per_week: {hours}

# Optional: the first day of the plan (YYYY-MM-DD). Default: the next Monday.
{start}

# Optional: how many months the plan should run, from 3 to 24. Default: 6.
months: {months}

# Optional: your time zone (an IANA name), so calendar sessions land at your local time.
# Without it, session times float: they show at the same clock time wherever you are.
{timezone}

# Optional: weekly study sessions to put in your calendar. Their hours must add up to
# hours_per_week (these do). day: mon, tue, wed, thu, fri, sat or sun; time: 24-hour "HH:MM"
# in quotes.
{study_slots}
# Optional: self-study (free to low cost), bootcamp (3-6 months, about GBP 5K-15K)
# or masters (1-2 years or more part time). Default: self-study.
route: self-study

# Optional: what you can spend on courses, in `currency` (a three-letter code). Without a
# currency, the plan uses your timezone's where pivot knows it (and says so), otherwise GBP.
# budget: 300
{currency}

# Optional: skills you already have, so modules that only teach them are skipped
# (ids from `pivot catalog skills`, for example python, git, sql, statistics).
# known_skills: [python, git]

# Optional: topics you enjoy; they steer the portfolio project and the optional extras
# listed at the end of the plan (nlp, vision, tabular, ...).
# interests: [nlp]

# Optional: weeks with no study time (holidays, a busy month at work).
{breaks}
# Optional: re-plan from where you really are: the items of your plan you have finished
# (modules, project phases, networking tasks, by the ids the plan gives them), as of a date.
# Work begun goes under partial, with the hours still to do (or the share, such as 40%).
# progress:
#   as_of: 2027-02-15
#   done: [python-engineering]
#   partial: {{ math-foundations: 10 }}
"#,
            background = self.background,
            role = self.target_role,
            months = self.months,
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::{NaiveTime, Weekday};

    use super::*;
    use crate::catalog::Catalog;

    /// Every answer `init` asks for is written in, and reads back as given, whatever the text
    /// holds.
    #[test]
    fn the_answers_read_back_as_given() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        let day = |text: &str| text.parse::<NaiveDate>().expect("a date");
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("a time");
        let study_slots = [
            StudySlot {
                day: Weekday::Tue,
                time: at(19, 0),
                hours: 2.5,
            },
            StudySlot {
                day: Weekday::Sat,
                time: at(9, 30),
                hours: 5.0,
            },
        ];
        let breaks = [
            Break {
                from: day("2027-04-05"),
                to: day("2027-04-11"),
                note: Some(r#"Easter: "away" # no laptop"#.into()),
            },
            Break {
                from: day("2027-08-02"),
                to: day("2027-08-08"),
                note: None,
            },
        ];
        for name in [
            "Priya Sharma",
            "42",
            "true",
            "O'Neil: #1 \"fan\"",
            "北京 Wei",
        ] {
            let starter = Starter {
                name: Some(name),
                background: "teacher",
                target_role: "ai-product-manager",
                domain: Some("education"),
                hours_per_week: 7.5,
                start: Some(day("2027-01-04")),
                months: 9,
                timezone: Some("Europe/Paris"),
                currency: Some("EUR"),
                study_slots: &study_slots,
                breaks: &breaks,
                ..Starter::default()
            };
            let text = starter.render();
            let profile = Profile::from_str(Path::new("profile.yaml"), &text, &catalog)
                .unwrap_or_else(|err| panic!("{err}\n{text}"));
            assert_eq!(profile.name, name);
            assert_eq!(profile.background, "teacher");
            assert_eq!(profile.target_role, "ai-product-manager");
            assert_eq!(profile.domain.as_deref(), Some("education"));
            assert_eq!(profile.hours_per_week, 7.5);
            assert_eq!(profile.start, Some(day("2027-01-04")));
            assert_eq!(profile.months, 9);
            assert_eq!(profile.timezone, Some(chrono_tz::Europe::Paris));
            assert_eq!(profile.currency, "EUR");
            assert_eq!(profile.study_slots, study_slots);
            assert_eq!(profile.breaks, breaks);
            // The comments that explain each field are kept.
            assert!(text.contains("# Your name, as it should appear on the plan."));
            assert!(text.contains("# Optional: weekly study sessions"));
        }
    }

    /// The plan id is made from the name when the name is known.
    #[test]
    fn the_plan_id_starts_with_the_name() {
        let starter = Starter {
            name: Some("Priya Sharma"),
            ..Starter::default()
        };
        assert!(starter.render().contains("\nplan_id: priya-sharma-"));
        assert!(Starter::default().render().contains("\nplan_id: plan-"));
    }
}
