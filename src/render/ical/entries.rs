//! What goes into the calendar: the plan's sessions (or weeks), milestones, deadlines and
//! checklist, as entries with their UIDs, times, titles and reminders.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveTime};

use super::uid::Uids;
use super::writer::{When, one_line};
use crate::error::Error;
use crate::plan::{Allocation, Item, ItemKind, MilestoneKind, Plan, Session, Week};

/// One VEVENT.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) uid: String,
    pub(super) start: When,
    /// Exclusive: the day after the last day for all-day events.
    pub(super) end: When,
    pub(super) summary: String,
    pub(super) description: String,
    /// Whether the time shows as busy (study sessions) or free (all-day markers).
    pub(super) busy: bool,
    pub(super) reminder: Reminder,
}

/// The VALARM of an entry.
#[derive(Debug, Clone)]
pub(super) struct Reminder {
    /// TRIGGER, relative to the start.
    pub(super) before: &'static str,
    pub(super) message: String,
}

/// One VTODO.
#[derive(Debug, Clone)]
pub(super) struct Task {
    pub(super) uid: String,
    pub(super) start: Option<NaiveDate>,
    pub(super) due: NaiveDate,
    pub(super) summary: String,
    pub(super) description: String,
    /// RFC 5545 PRIORITY: 1 high, 5 medium.
    pub(super) priority: u8,
}

/// Quarter of an hour before a session.
const BEFORE_SESSION: &str = "-PT15M";
/// 09:00 the day before an all-day entry.
const DAY_BEFORE: &str = "-PT15H";
/// Longest session written, so a corrupt number cannot make a months-long event.
const MAX_SESSION_MINUTES: f64 = 24.0 * 60.0;

/// Study sessions; a week without sessions but with work gets one all-day "this week" entry.
/// Weeks without work (breaks) get nothing.
pub(super) fn study(plan: &Plan, uids: &mut Uids) -> Result<Vec<Entry>, Error> {
    let items = by_id(plan);
    let mut entries = Vec::new();
    for week in &plan.weeks {
        let sessions: Vec<(usize, &Session)> = week
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, session)| session.hours > 0.0 && has_work(&session.work))
            .collect();
        if !sessions.is_empty() {
            for (slot, session) in sessions {
                let id = format!("w{}-{}", week.index, slot + 1);
                entries.push(session_entry(
                    &items,
                    week,
                    session,
                    uids.claim("session", &id),
                )?);
            }
        } else if has_work(&week.allocations) {
            let id = format!("w{}", week.index);
            entries.push(week_entry(&items, week, uids.claim("week", &id))?);
        }
    }
    Ok(entries)
}

fn session_entry(
    items: &HashMap<&str, &Item>,
    week: &Week,
    session: &Session,
    uid: String,
) -> Result<Entry, Error> {
    let time =
        NaiveTime::parse_from_str(session.time.trim(), "%H:%M").map_err(|_| Error::Render {
            format: "ics",
            message: format!(
                "the study session on {} starts at `{}`, which is not a time like 19:00",
                session.date, session.time
            ),
        })?;
    let start = session.date.and_time(time);
    let minutes = (session.hours * 60.0).round().min(MAX_SESSION_MINUTES);
    let end = start
        .checked_add_signed(Duration::minutes(minutes as i64))
        .ok_or_else(|| out_of_range(session.date))?;
    let summary = one_line(
        &format!("Study: {}", titles(items, &session.work)),
        "Study session",
    );
    let description = format!(
        "Week {} of your plan, {} hours.\n{}",
        week.index,
        hours(session.hours),
        work_list(items, &session.work)
    );
    Ok(Entry {
        uid,
        start: When::Local(start),
        end: When::Local(end),
        reminder: Reminder {
            before: BEFORE_SESSION,
            message: format!(
                "Study session in 15 minutes: {}",
                titles(items, &session.work)
            ),
        },
        summary,
        description,
        busy: true,
    })
}

fn week_entry(items: &HashMap<&str, &Item>, week: &Week, uid: String) -> Result<Entry, Error> {
    let summary = one_line(
        &format!("This week: {}", titles(items, &week.allocations)),
        "This week",
    );
    let mut description = format!(
        "Week {} of your plan, {} to {}.\n{}",
        week.index,
        week.start,
        week.end,
        work_list(items, &week.allocations)
    );
    if let Some(note) = &week.break_note {
        description.push_str(&format!("\nPart of this week is a break: {note}."));
    }
    Ok(Entry {
        uid,
        start: When::Date(week.start),
        end: When::Date(day_after(week.end.max(week.start))?),
        reminder: Reminder {
            before: DAY_BEFORE,
            message: format!("Week {} of your plan starts tomorrow", week.index),
        },
        summary,
        description,
        busy: false,
    })
}

/// Every milestone as an all-day entry on its date.
pub(super) fn milestones(plan: &Plan, uids: &mut Uids) -> Result<Vec<Entry>, Error> {
    let items = by_id(plan);
    plan.milestones
        .iter()
        .map(|milestone| {
            let summary = one_line(&milestone.title, "Milestone");
            let mut description = milestone.description.trim().to_owned();
            let self_check = milestone
                .item
                .as_deref()
                .and_then(|id| items.get(id))
                .and_then(|item| item.self_check.as_deref());
            if let Some(check) = self_check
                && !description.contains(check.trim())
            {
                push_paragraph(&mut description, &format!("Self-check: {}", check.trim()));
            }
            Ok(Entry {
                uid: uids.claim("milestone", &milestone.id),
                start: When::Date(milestone.date),
                end: When::Date(day_after(milestone.date)?),
                reminder: Reminder {
                    before: DAY_BEFORE,
                    message: format!("Milestone tomorrow: {summary}"),
                },
                summary,
                description,
                busy: false,
            })
        })
        .collect()
}

/// Outreach tasks, and portfolio work that no milestone already marks, as all-day entries on
/// the day they are due.
pub(super) fn deadlines(plan: &Plan, uids: &mut Uids) -> Result<Vec<Entry>, Error> {
    let marked: HashSet<&str> = plan
        .milestones
        .iter()
        .filter_map(|milestone| milestone.item.as_deref())
        .collect();
    plan.items
        .iter()
        .filter(|item| match item.kind {
            ItemKind::Outreach => true,
            ItemKind::Project => !marked.contains(item.id.as_str()),
            ItemKind::Module => false,
        })
        .map(|item| {
            let title = one_line(&item.title, "");
            let summary = if title.is_empty() {
                "Due".to_owned()
            } else {
                format!("Due: {title}")
            };
            Ok(Entry {
                uid: uids.claim("deadline", &item.id),
                start: When::Date(item.finish),
                end: When::Date(day_after(item.finish)?),
                reminder: Reminder {
                    before: DAY_BEFORE,
                    message: format!(
                        "Due tomorrow: {}",
                        one_line(&title, "a task from your plan")
                    ),
                },
                summary,
                description: item_description(item),
                busy: false,
            })
        })
        .collect()
}

/// The checklist: every item, due when it finishes, and the month reviews. Work that later
/// items depend on is marked high priority.
pub(super) fn tasks(plan: &Plan, uids: &mut Uids) -> Vec<Task> {
    let required: HashSet<&str> = plan
        .items
        .iter()
        .flat_map(|item| item.requires.iter().map(String::as_str))
        .collect();
    let mut tasks: Vec<Task> = plan
        .items
        .iter()
        .map(|item| Task {
            uid: uids.claim("task", &item.id),
            start: (item.start < item.finish).then_some(item.start),
            due: item.finish,
            summary: one_line(&item.title, "Task"),
            description: item_description(item),
            priority: if required.contains(item.id.as_str()) {
                1
            } else {
                5
            },
        })
        .collect();
    tasks.extend(
        plan.milestones
            .iter()
            .filter(|milestone| milestone.kind == MilestoneKind::Review)
            .map(|review| Task {
                uid: uids.claim("review", &review.id),
                start: None,
                due: review.date,
                summary: one_line(&review.title, "Review"),
                description: review.description.trim().to_owned(),
                priority: 5,
            }),
    );
    tasks
}

fn by_id(plan: &Plan) -> HashMap<&str, &Item> {
    plan.items
        .iter()
        .map(|item| (item.id.as_str(), item))
        .collect()
}

fn has_work(work: &[Allocation]) -> bool {
    work.iter().any(|allocation| allocation.hours > 0.0)
}

fn title<'a>(items: &HashMap<&str, &'a Item>, id: &'a str) -> &'a str {
    items.get(id).map_or(id, |item| item.title.as_str())
}

/// The titles of the work, each once, in the plan's order.
fn titles(items: &HashMap<&str, &Item>, work: &[Allocation]) -> String {
    let mut seen = HashSet::new();
    work.iter()
        .filter(|allocation| allocation.hours > 0.0)
        .map(|allocation| title(items, &allocation.item))
        .filter(|title| seen.insert(*title))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per piece of work with its hours, and what it should lead to.
fn work_list(items: &HashMap<&str, &Item>, work: &[Allocation]) -> String {
    let mut text = String::new();
    for allocation in work.iter().filter(|allocation| allocation.hours > 0.0) {
        text.push_str(&format!(
            "\n- {} ({} hours)",
            one_line(title(items, &allocation.item), &allocation.item),
            hours(allocation.hours)
        ));
        if let Some(outcome) = items
            .get(allocation.item.as_str())
            .and_then(|item| item.outcome.as_deref())
        {
            text.push_str(&format!("\n  Aim: {}", one_line(outcome, "")));
        }
    }
    text
}

/// What an item asks for: its outcome, self-check, guidance and links.
fn item_description(item: &Item) -> String {
    let mut text = String::new();
    if let Some(outcome) = &item.outcome {
        push_paragraph(&mut text, &format!("What to have done: {}", outcome.trim()));
    }
    if let Some(check) = &item.self_check {
        push_paragraph(&mut text, &format!("Self-check: {}", check.trim()));
    }
    if let Some(details) = &item.details {
        push_paragraph(&mut text, details.trim());
    }
    if !item.links.is_empty() {
        push_paragraph(&mut text, &item.links.join("\n"));
    }
    if item.overflow {
        push_paragraph(
            &mut text,
            "This falls after the end of your plan: the work did not fit in the months you asked for.",
        );
    }
    text
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if paragraph.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(paragraph);
}

/// Hours as people write them: `2`, `1.5`, `0.25`.
fn hours(value: f64) -> String {
    let text = format!("{:.2}", value);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn day_after(date: NaiveDate) -> Result<NaiveDate, Error> {
    date.succ_opt().ok_or_else(|| out_of_range(date))
}

fn out_of_range(date: NaiveDate) -> Error {
    Error::Render {
        format: "ics",
        message: format!("{date} is outside the range a calendar can hold"),
    }
}

#[cfg(test)]
mod tests {
    use super::hours;

    #[test]
    fn hours_read_naturally() {
        assert_eq!(hours(2.0), "2");
        assert_eq!(hours(1.5), "1.5");
        assert_eq!(hours(0.25), "0.25");
        assert_eq!(hours(10.0), "10");
        assert_eq!(hours(1.0 / 3.0), "0.33");
    }
}
