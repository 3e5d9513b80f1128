//! iCalendar (RFC 5545): study sessions, milestones and deadlines as events that import into
//! real calendar apps, and the checklist as to-dos in an opt-in second file.
//!
//! Everything here lays out facts the scheduler computed; nothing is re-scheduled.

mod describe;
mod entries;
mod sequence;
mod timezone;
mod uid;
mod writer;

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use self::describe::Items;
use self::entries::Entry;
use self::sequence::{Cancelled, Previous};
use self::uid::Uids;
use self::writer::{When, Writer, format_utc};
use super::RenderOptions;
use crate::error::Error;
use crate::plan::Plan;

/// The main calendar: VEVENTs only, so that every calendar app imports it.
pub fn render(plan: &Plan, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    let zone = plan.timezone;
    let previous = Previous::parse(options.previous_calendar.as_deref());
    let mut uids = Uids::new(&identity(plan, &previous));
    let items = Items::new(&plan.items);
    let mut events = entries::study(plan, &items, zone, &mut uids)?;
    events.extend(entries::milestones(plan, &items, &mut uids)?);
    events.extend(entries::deadlines(plan, &mut uids)?);
    events.sort_by(|a, b| (a.start.sort_key(), &a.uid).cmp(&(b.start.sort_key(), &b.uid)));
    let current: HashSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    let gone = ahead(plan, previous.cancelled("VEVENT", &uids.suffix(), &current));

    let tzid = zone.map(|tz| tz.name());
    let mut w = Writer::default();
    header(
        &mut w,
        &format!("{}: plan to {}", plan.name, plan.target_role_title),
    )?;
    if let Some(tz) = zone {
        w.text("X-WR-TIMEZONE", tz.name());
        let mut timed = events
            .iter()
            .flat_map(|event| [event.start, event.end])
            .filter_map(|when| match when {
                When::Local(time) => Some(time.date()),
                When::Date(_) | When::Utc(_) => None,
            });
        if let Some(first) = timed.next() {
            let (first, last) = timed.fold((first, first), |(low, high), day| {
                (low.min(day), high.max(day))
            });
            timezone::write(&mut w, tz, first, last)?;
        }
    }
    let stamp = stamp(options.now);
    for event in &events {
        write_event(&mut w, event, tzid, &previous, &stamp)?;
    }
    for item in &gone {
        write_cancelled(&mut w, item, &stamp)?;
    }
    w.end("VCALENDAR");
    Ok(w.finish())
}

/// Whose calendar this is, as the part every UID shares: made from the profile's `plan_id`,
/// which stays when the name is corrected; else the one the previous calendar used, so that
/// correcting a typo in the name does not turn every event into a new one; else made from the
/// name.
fn identity(plan: &Plan, previous: &Previous) -> String {
    match &plan.plan_id {
        Some(id) => uid::identity_from_name(id),
        None => previous
            .identity()
            .unwrap_or_else(|| uid::identity_from_name(&plan.name)),
    }
}

/// The dropped entries to cancel: those from the progress date on. Earlier ones are history,
/// left in the learner's calendar as they were, not cancelled after the fact.
fn ahead(plan: &Plan, gone: Vec<Cancelled>) -> Vec<Cancelled> {
    let Some(as_of) = plan.progress.as_ref().map(|p| p.as_of) else {
        return gone;
    };
    gone.into_iter()
        .filter(|item| {
            item.moments
                .iter()
                .filter(|(key, _)| key != "DTEND")
                .all(|(_, when)| when.sort_key().date() >= as_of)
        })
        .collect()
}

/// An event or to-do the new plan no longer has: the same UID with a higher SEQUENCE and
/// `STATUS:CANCELLED`, so that clients which honour it remove it (RFC 5545 3.8.1.11).
fn write_cancelled(w: &mut Writer, item: &Cancelled, stamp: &str) -> Result<(), Error> {
    w.begin(&item.kind);
    w.property("UID", &[], &item.uid)?;
    w.property("DTSTAMP", &[], stamp)?;
    w.property("SEQUENCE", &[], &item.sequence.to_string())?;
    for (key, when) in &item.moments {
        w.when(key, when, None)?;
    }
    w.text("SUMMARY", &item.summary);
    w.property("STATUS", &[], "CANCELLED")?;
    if item.kind == "VEVENT" {
        w.property("TRANSP", &[], "TRANSPARENT")?;
    }
    w.end(&item.kind);
    Ok(())
}

/// The `--ics-tasks` file: the plan's checklist as VTODOs with due dates and priorities, for
/// apps whose task list reads iCalendar to-dos (Thunderbird, calcurse). Kept out of the main
/// calendar because Google ignores VTODO and some importers reject a file that has one.
pub fn render_tasks(plan: &Plan, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    let previous = Previous::parse(options.previous_calendar.as_deref());
    let mut uids = Uids::new(&identity(plan, &previous));
    let mut tasks = entries::tasks(plan, &mut uids);
    tasks.sort_by(|a, b| (a.due, &a.uid).cmp(&(b.due, &b.uid)));
    let current: HashSet<&str> = tasks.iter().map(|t| t.uid.as_str()).collect();
    let gone = ahead(plan, previous.cancelled("VTODO", &uids.suffix(), &current));

    let mut w = Writer::default();
    header(&mut w, &format!("{}: checklist", plan.name))?;
    let stamp = stamp(options.now);
    for task in &tasks {
        let mut timing = Writer::default();
        if let Some(start) = task.start {
            timing.when("DTSTART", &When::Date(start), None)?;
        }
        timing.when("DUE", &When::Date(task.due), None)?;
        let sequence = previous.sequence(&task.uid, &timing.unfolded_lines());

        w.begin("VTODO");
        w.property("UID", &[], &task.uid)?;
        w.property("DTSTAMP", &[], &stamp)?;
        w.property("SEQUENCE", &[], &sequence.to_string())?;
        w.append(timing);
        w.text("SUMMARY", &task.summary);
        if !task.description.is_empty() {
            w.text("DESCRIPTION", &task.description);
        }
        w.property("PRIORITY", &[], &task.priority.to_string())?;
        w.property("STATUS", &[], "NEEDS-ACTION")?;
        w.end("VTODO");
    }
    for item in &gone {
        write_cancelled(&mut w, item, &stamp)?;
    }
    w.end("VCALENDAR");
    Ok(w.finish())
}

fn header(w: &mut Writer, name: &str) -> Result<(), Error> {
    w.begin("VCALENDAR");
    w.property("VERSION", &[], "2.0")?;
    w.property(
        "PRODID",
        &[],
        concat!("-//pivot//pivot ", env!("CARGO_PKG_VERSION"), "//EN"),
    )?;
    w.property("CALSCALE", &[], "GREGORIAN")?;
    w.text("X-WR-CALNAME", name);
    Ok(())
}

fn write_event(
    w: &mut Writer,
    event: &Entry,
    tzid: Option<&str>,
    previous: &Previous,
    stamp: &str,
) -> Result<(), Error> {
    let mut timing = Writer::default();
    timing.when("DTSTART", &event.start, tzid)?;
    timing.when("DTEND", &event.end, tzid)?;
    let sequence = previous.sequence(&event.uid, &timing.unfolded_lines());

    w.begin("VEVENT");
    w.property("UID", &[], &event.uid)?;
    w.property("DTSTAMP", &[], stamp)?;
    w.property("SEQUENCE", &[], &sequence.to_string())?;
    w.append(timing);
    w.text("SUMMARY", &event.summary);
    if !event.description.is_empty() {
        w.text("DESCRIPTION", &event.description);
    }
    if !event.busy {
        w.property("TRANSP", &[], "TRANSPARENT")?;
    }
    w.begin("VALARM");
    w.property("ACTION", &[], "DISPLAY")?;
    w.text("DESCRIPTION", &event.reminder.message);
    w.property("TRIGGER", &[], event.reminder.before)?;
    w.end("VALARM");
    w.end("VEVENT");
    Ok(())
}

/// DTSTAMP: "now", in UTC.
fn stamp(now: DateTime<Utc>) -> String {
    format_utc(now.naive_utc())
}
