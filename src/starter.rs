//! The commented starter profile that `pivot init` writes: every field explained, valid as is.

use chrono::{DateTime, Utc};

use crate::identity::suggested_plan_id;
use crate::words::{HOURS_STEP, trim_number};

/// The name the starter profile holds until the learner writes theirs.
const NAME: &str = "Your Name";

/// The values `init` fills in; the rest of the starter profile explains itself.
pub struct Starter<'a> {
    /// When `init` runs: its plan id is made from it, so that two learners who start alike get
    /// different ids.
    pub now: DateTime<Utc>,
    pub background: &'a str,
    pub target_role: &'a str,
    pub domain: Option<&'a str>,
    pub hours_per_week: f64,
}

impl Default for Starter<'_> {
    fn default() -> Self {
        Starter {
            now: DateTime::UNIX_EPOCH,
            background: "software-engineer",
            target_role: "ml-engineer",
            domain: None,
            hours_per_week: 10.0,
        }
    }
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
        let domain = match self.domain {
            Some(d) => format!("domain: {d}"),
            None => "# domain: healthcare".to_string(),
        };
        let hours = trim_number(self.hours_per_week);
        // The learner's name is not known yet: the id says "plan", and stays theirs when they
        // write their name in.
        let plan_id = suggested_plan_id("", &self.now.to_rfc3339());
        format!(
            r#"# pivot profile: edit the values, then run
#   pivot check profile.yaml     to validate it and see whether the plan fits
#   pivot plan profile.yaml      to write the plan (Markdown, PDF and calendar)
# Lines starting with # are comments. Remove the # in front of an optional field to use it.

# Your name, as it should appear on the plan. Any language and script.
name: {NAME}

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
# start: 2027-01-04

# Optional: how many months the plan should run, from 3 to 24. Default: 6.
months: 6

# Optional: your time zone (an IANA name), so calendar sessions land at your local time.
# Without it, session times float: they show at the same clock time wherever you are.
# timezone: Europe/London

# Optional: weekly study sessions to put in your calendar. Their hours must add up to
# hours_per_week (these do). day: mon, tue, wed, thu, fri, sat or sun; time: 24-hour "HH:MM"
# in quotes.
# study_slots:
{slots}
# Optional: self-study (free to low cost), bootcamp (3-6 months, about GBP 5K-15K)
# or masters (1-2 years or more part time). Default: self-study.
route: self-study

# Optional: what you can spend on courses, in `currency` (a three-letter code). Without a
# currency, the plan uses your timezone's where pivot knows it (and says so), otherwise GBP.
# budget: 300
# currency: GBP

# Optional: skills you already have, so modules that only teach them are skipped
# (ids from `pivot catalog skills`, for example python, git, sql, statistics).
# known_skills: [python, git]

# Optional: topics you enjoy; they steer the portfolio project and the optional extras
# listed at the end of the plan (nlp, vision, tabular, ...).
# interests: [nlp]

# Optional: weeks with no study time (holidays, a busy month at work).
# breaks:
#   - {{ from: 2027-04-05, to: 2027-04-11, note: Easter }}

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
            slots = sample_slots(self.hours_per_week),
        )
    }
}
