//! What goes into the calendar: the plan's sessions (or weeks), milestones, deadlines and
//! checklist, as entries with their UIDs, times, titles and reminders.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;

use super::describe::{Items, has_work, hours, item_description, push_paragraph};
use super::timezone;
use super::uid::Uids;
use super::writer::{When, one_line};
use crate::error::Error;
use crate::plan::{ItemKind, MilestoneKind, Plan, Session, Week};

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
/// Timed sessions are placed in `zone` when the plan has one.
pub(super) fn study(
    plan: &Plan,
    items: &Items,
    zone: Option<Tz>,
    uids: &mut Uids,
) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for week in &plan.weeks {
        let sessions: Vec<&Session> = week
            .sessions
            .iter()
            .filter(|session| session.hours > 0.0 && has_work(&session.work))
            .collect();
        if !sessions.is_empty() {
            for session in sessions {
                let id = format!("w{}-{}", week.index, session.slot);
                entries.push(session_entry(
                    items,
                    zone,
                    week,
                    session,
                    uids.claim("session", &id),
                )?);
            }
        } else if has_work(&week.allocations) {
            let id = format!("w{}", week.index);
            entries.push(week_entry(items, week, uids.claim("week", &id))?);
        }
    }
    Ok(entries)
}

fn session_entry(
    items: &Items,
    zone: Option<Tz>,
    week: &Week,
    session: &Session,
    uid: String,
) -> Result<Entry, Error> {
    let start = session.date.and_time(session.time);
    let minutes = (session.hours * 60.0).round().min(MAX_SESSION_MINUTES) as i64;
    let (start, end) = match zone {
        Some(tz) => timezone::session_times(tz, start, minutes),
        None => start
            .checked_add_signed(Duration::minutes(minutes))
            .map(|end| (When::Local(start), When::Local(end))),
    }
    .ok_or_else(|| out_of_range(session.date))?;
    let titles = items.titles(&session.work);
    let summary = one_line(&format!("Study: {titles}"), "Study session");
    let mut description = format!(
        "Week {} of your plan, {}.\n",
        week.index,
        hours(session.hours)
    );
    items.push_work_list(&mut description, &session.work);
    Ok(Entry {
        uid,
        start,
        end,
        reminder: Reminder {
            before: BEFORE_SESSION,
            message: format!("Study session in 15 minutes: {titles}"),
        },
        summary,
        description,
        busy: true,
    })
}

fn week_entry(items: &Items, week: &Week, uid: String) -> Result<Entry, Error> {
    let summary = one_line(
        &format!("This week: {}", items.titles(&week.allocations)),
        "This week",
    );
    let mut description = format!(
        "Week {} of your plan, {} to {}.\n",
        week.index, week.start, week.end,
    );
    items.push_work_list(&mut description, &week.allocations);
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
pub(super) fn milestones(plan: &Plan, items: &Items, uids: &mut Uids) -> Result<Vec<Entry>, Error> {
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

fn day_after(date: NaiveDate) -> Result<NaiveDate, Error> {
    date.succ_opt().ok_or_else(|| out_of_range(date))
}

fn out_of_range(date: NaiveDate) -> Error {
    Error::Render {
        format: "ics",
        message: format!("{date} is outside the range a calendar can hold"),
    }
}
