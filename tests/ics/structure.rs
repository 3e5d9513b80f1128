//! Structure, content and escaping of the main calendar and the tasks file.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use icalendar::Component;
use pivot::plan::{ItemKind, MilestoneKind, Plan};
use pivot::render::ical::{render, render_tasks};
use proptest::prelude::*;

use crate::support::{self, TestProfile, one_line, options};
use crate::{assert_events_complete, assert_well_formed, param, parse, uid, value};

fn calendar_of(plan: &Plan) -> Vec<u8> {
    render(plan, &options()).expect("renders")
}

fn ics_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn ics_time(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

/// Every session with work is an event at its own time in the plan's zone, every milestone and
/// every outreach task an all-day event on its day, and nothing falls in the break.
#[test]
fn every_session_milestone_and_deadline_is_in_the_calendar() {
    let plan = support::plan();
    let bytes = calendar_of(&plan);
    assert_well_formed(&bytes);
    let uids = assert_events_complete(&bytes);
    let calendar = parse(&bytes);
    assert_eq!(calendar.timezones.len(), 1);
    let event = |prefix: &str| {
        calendar
            .events
            .iter()
            .find(|event| uid(event).starts_with(prefix))
            .unwrap_or_else(|| panic!("no event {prefix}"))
    };

    let mut sessions = 0;
    for week in &plan.weeks {
        for session in week.sessions.iter().filter(|s| !s.work.is_empty()) {
            sessions += 1;
            let event = event(&format!("session-w{}-{}.", week.index, session.slot));
            let props = &event.properties;
            assert_eq!(param(props, "DTSTART", "TZID"), Some("Europe/London"));
            let time = session.time;
            let start = session.date.and_time(time);
            let end = start + Duration::minutes((session.hours * 60.0) as i64);
            assert_eq!(value(props, "DTSTART"), Some(ics_time(start).as_str()));
            assert_eq!(value(props, "DTEND"), Some(ics_time(end).as_str()));
            let first = plan
                .items
                .iter()
                .find(|item| item.id == session.work[0].item)
                .expect("the session's item");
            let summary = value(props, "SUMMARY").expect("a summary");
            assert!(
                summary.starts_with(&format!("Study: {}", first.title)),
                "{summary}"
            );
        }
    }
    assert!(sessions > 10, "{sessions} sessions");
    let timed = uids
        .iter()
        .filter(|uid| uid.starts_with("session-"))
        .count();
    assert_eq!(timed, sessions);
    let break_week = plan
        .weeks
        .iter()
        .find(|week| week.break_note.is_some() && week.capacity == 0.0)
        .expect("a week's break");
    assert!(
        uids.iter()
            .all(|uid| !uid.contains(&format!("-w{}-", break_week.index))),
        "the break week has sessions"
    );

    let all_day: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| param(&event.properties, "DTSTART", "VALUE") == Some("DATE"))
        .collect();
    let outreach: Vec<_> = plan
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Outreach)
        .collect();
    assert_eq!(all_day.len(), plan.milestones.len() + outreach.len());
    for event in all_day {
        let props = &event.properties;
        let start = value(props, "DTSTART").expect("start");
        let end = value(props, "DTEND").expect("end");
        assert_eq!(param(props, "DTEND", "VALUE"), Some("DATE"));
        let start = NaiveDate::parse_from_str(start, "%Y%m%d").expect("date");
        let end = NaiveDate::parse_from_str(end, "%Y%m%d").expect("date");
        assert_eq!(end - start, Duration::days(1), "exclusive DTEND");
        assert_eq!(value(props, "TRANSP"), Some("TRANSPARENT"));
    }
    for milestone in &plan.milestones {
        let event = event(&format!("milestone-{}.", milestone.id));
        assert_eq!(
            value(&event.properties, "DTSTART"),
            Some(ics_date(milestone.date).as_str())
        );
    }
    for item in &outreach {
        let event = event(&format!("deadline-{}.", item.id));
        assert_eq!(
            value(&event.properties, "SUMMARY"),
            Some(format!("Due: {}", item.title).as_str())
        );
        assert_eq!(
            value(&event.properties, "DTSTART"),
            Some(ics_date(item.finish).as_str())
        );
    }
    for item in plan.items.iter().filter(|i| i.kind == ItemKind::Project) {
        assert!(
            !uids.contains(&format!("deadline-{}", item.id))
                && uids
                    .iter()
                    .all(|uid| !uid.starts_with(&format!("deadline-{}.", item.id))),
            "project work with a milestone is not repeated as a deadline: {}",
            item.id
        );
    }

    // Read back by the icalendar crate's parser, which unescapes: line breaks in a message
    // survive, and each module's milestone carries its self-check.
    let text = String::from_utf8(bytes).expect("UTF-8");
    let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let description = |prefix: &str| {
        parsed
            .events()
            .find(|event| event.get_uid().is_some_and(|uid| uid.starts_with(prefix)))
            .and_then(|event| event.get_description())
            .unwrap_or_else(|| panic!("{prefix} has a description"))
            .to_string()
    };
    let message = plan
        .items
        .iter()
        .find(|item| item.id == "cold-outreach")
        .and_then(|item| item.details.as_deref())
        .expect("the cold outreach message");
    assert!(message.contains('\n'));
    let deadline = description("deadline-cold-outreach.");
    assert!(deadline.contains(message), "{deadline}");
    for milestone in plan
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Module)
    {
        let check = plan
            .items
            .iter()
            .find(|item| Some(&item.id) == milestone.item.as_ref())
            .and_then(|item| item.self_check.as_deref())
            .expect("a module has a self-check");
        let text = description(&format!("milestone-{}.", milestone.id));
        assert!(text.contains(&format!("Self-check: {check}")), "{text}");
    }
}

#[test]
fn without_slots_each_week_with_work_is_one_all_day_event() {
    let plan = TestProfile {
        slots: Vec::new(),
        timezone: None,
        ..TestProfile::default()
    }
    .plan();
    let bytes = calendar_of(&plan);
    assert_well_formed(&bytes);
    assert_events_complete(&bytes);
    let calendar = parse(&bytes);
    assert!(calendar.timezones.is_empty());
    let weeks: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("week-"))
        .collect();
    let with_work: Vec<_> = plan
        .weeks
        .iter()
        .filter(|week| !week.allocations.is_empty())
        .collect();
    assert_eq!(weeks.len(), with_work.len());
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
    for week in &with_work {
        let prefix = format!("week-w{}.", week.index);
        let event = weeks
            .iter()
            .find(|event| uid(event).starts_with(&prefix))
            .expect("an event for the week");
        let props = &event.properties;
        assert_eq!(value(props, "DTSTART"), Some(ics_date(week.start).as_str()));
        let after = week.end + Duration::days(1);
        assert_eq!(value(props, "DTEND"), Some(ics_date(after).as_str()));
        let summary = value(props, "SUMMARY").expect("a summary");
        assert!(summary.starts_with("This week: "), "{summary}");
        let description = parsed
            .events()
            .find(|event| event.get_uid().is_some_and(|uid| uid.starts_with(&prefix)))
            .and_then(|event| event.get_description())
            .expect("a description");
        for allocation in &week.allocations {
            let item = plan
                .items
                .iter()
                .find(|item| item.id == allocation.item)
                .expect("its item");
            assert!(description.contains(&item.title), "{description}");
        }
    }
    assert!(
        calendar
            .events
            .iter()
            .all(|event| param(&event.properties, "DTSTART", "TZID").is_none())
    );
}

#[test]
fn without_a_time_zone_sessions_are_floating() {
    let plan = TestProfile {
        timezone: None,
        ..TestProfile::default()
    }
    .plan();
    let bytes = calendar_of(&plan);
    assert_well_formed(&bytes);
    let calendar = parse(&bytes);
    assert!(calendar.timezones.is_empty());
    let session = calendar
        .events
        .iter()
        .find(|event| uid(event).starts_with("session-w1-1."))
        .expect("session");
    assert_eq!(
        value(&session.properties, "DTSTART"),
        Some("20270105T190000")
    );
    assert_eq!(
        session
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .and_then(|p| p.params.clone()),
        None
    );
}

/// Text as a calendar shows it: control characters other than line breaks go.
fn shown(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// Commas, semicolons, backslashes and line breaks in the name and the catalog's titles are
/// escaped on the wire and read back as written (titles on one line).
#[test]
fn hostile_text_survives_escaping() {
    let plan = support::hostile();
    let bytes = calendar_of(&plan);
    assert_well_formed(&bytes);
    assert_events_complete(&bytes);

    // As written on the wire (read by the ical crate, which does not unescape).
    let calendar = parse(&bytes);
    let name = value(&calendar.properties, "X-WR-CALNAME").expect("a calendar name");
    assert!(
        name.contains(r#"# heading\, "Ann"\; O'Neil \\ test: plan to "#),
        "{name}"
    );
    assert!(name.contains(r"\n# "), "a line break is escaped: {name}");

    // Read back by the icalendar crate's parser, which unescapes.
    let text = String::from_utf8(bytes).expect("UTF-8");
    let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let name = format!("{}: plan to {}", plan.name, plan.target_role_title);
    assert_eq!(parsed.get_name(), Some(shown(&name).as_str()));
    let summaries: Vec<&str> = parsed
        .events()
        .filter_map(|event| event.get_summary())
        .collect();
    for item in plan.items.iter().filter(|i| i.kind == ItemKind::Outreach) {
        let due = format!("Due: {}", one_line(&item.title));
        assert!(
            summaries.contains(&due.as_str()),
            "{due:?} in {summaries:?}"
        );
    }
    let message = plan
        .items
        .iter()
        .find(|item| item.id == "cold-outreach")
        .and_then(|item| item.details.as_deref())
        .expect("the cold outreach message");
    let description = parsed
        .events()
        .find(|event| {
            event
                .get_uid()
                .is_some_and(|uid| uid.starts_with("deadline-cold-outreach."))
        })
        .and_then(|event| event.get_description())
        .expect("description");
    assert!(description.contains(&shown(message)), "{description}");
    assert!(parsed.events().all(|event| event.get_start().is_some()));
}

#[test]
fn the_tasks_file_holds_the_checklist_as_todos() {
    let plan = support::plan();
    let bytes = render_tasks(&plan, &options()).expect("renders");
    assert_well_formed(&bytes);
    let calendar = parse(&bytes);
    assert!(calendar.events.is_empty());
    let reviews = plan.milestones.iter().filter(|m| m.item.is_none()).count();
    assert_eq!(calendar.todos.len(), plan.items.len() + reviews);
    let mut uids = HashSet::new();
    for todo in &calendar.todos {
        let props = &todo.properties;
        for name in [
            "UID", "DTSTAMP", "SUMMARY", "DUE", "PRIORITY", "SEQUENCE", "STATUS",
        ] {
            assert!(value(props, name).is_some(), "VTODO lacks {name}");
        }
        assert_eq!(param(props, "DUE", "VALUE"), Some("DATE"));
        assert!(uids.insert(value(props, "UID").unwrap_or_default().to_owned()));
    }
    let required: HashSet<&str> = plan
        .items
        .iter()
        .flat_map(|item| item.requires.iter().map(String::as_str))
        .collect();
    assert!(!required.is_empty());
    for item in &plan.items {
        let todo = calendar
            .todos
            .iter()
            .find(|todo| {
                value(&todo.properties, "UID")
                    .is_some_and(|uid| uid.starts_with(&format!("task-{}.", item.id)))
            })
            .unwrap_or_else(|| panic!("a task for {}", item.id));
        let props = &todo.properties;
        assert_eq!(value(props, "DUE"), Some(ics_date(item.finish).as_str()));
        if item.start < item.finish {
            assert_eq!(value(props, "DTSTART"), Some(ics_date(item.start).as_str()));
        }
        let priority = if required.contains(item.id.as_str()) {
            "1"
        } else {
            "5"
        };
        assert_eq!(value(props, "PRIORITY"), Some(priority), "{}", item.id);
    }
}

/// The sparest plan the scheduler makes: no domain, no slots, every module already done.
#[test]
fn a_plan_with_every_module_done_is_a_valid_calendar() {
    let plan = TestProfile {
        domain: None,
        slots: Vec::new(),
        done: vec!["data-handling", "maths", "ml-fundamentals", "deployment"],
        ..TestProfile::default()
    }
    .plan();
    // Only spare-time deepening may hold a module.
    assert!(
        plan.items
            .iter()
            .all(|item| item.kind != ItemKind::Module || item.deepening)
    );
    let bytes = calendar_of(&plan);
    assert_well_formed(&bytes);
    assert_events_complete(&bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any name a profile accepts and any catalog title, with separators, quotes, backslashes,
    /// line breaks and letters of other scripts, is folded, escaped and read back as written.
    #[test]
    fn any_text_folds_escapes_and_round_trips(
        name in "\\PC{1,120}".prop_filter("a name is not blank", |name| !name.trim().is_empty()),
        title in "[a-zA-Z0-9 ,;:\\\\\"'éöü☃老虎\n]{0,150}",
    ) {
        let catalog = support::catalog_with(|key, _| (key == "title").then(|| title.clone()));
        let plan = TestProfile { name: name.clone(), ..TestProfile::default() }.plan_with(&catalog);
        prop_assert_eq!(plan.name.as_str(), name.trim());
        let bytes = calendar_of(&plan);
        assert_well_formed(&bytes);
        assert_events_complete(&bytes);
        let text = String::from_utf8(bytes).expect("UTF-8");
        let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
        let expected = format!("{}: plan to {title}", name.trim());
        prop_assert_eq!(parsed.get_name(), Some(expected.as_str()));
        let one_line = one_line(&title);
        let want = if one_line.is_empty() { "Due".to_string() } else { format!("Due: {one_line}") };
        prop_assert!(parsed.events().any(|event| event.get_summary() == Some(want.as_str())));
    }
}

/// A module's study sessions and its task name the part of each resource to do.
#[test]
fn sessions_and_tasks_name_the_part_of_each_resource() {
    let plan = support::plan();
    let module = plan
        .items
        .iter()
        .find(|item| item.resource_parts.iter().any(|p| p.part.is_some()))
        .expect("the test plan assigns a part of a resource");
    let study: Vec<String> = module.resource_parts.iter().map(|p| p.label()).collect();
    let study = format!("Study: {}", study.join("; "));
    assert!(study.contains(", chapters 2-4"), "{study}");

    // Read back by the icalendar crate's parser, which unescapes.
    let text = String::from_utf8(calendar_of(&plan)).expect("UTF-8");
    let calendar: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let listed = format!("- {} (", module.title);
    let session = calendar
        .events()
        .filter(|event| {
            event
                .get_uid()
                .is_some_and(|uid| uid.starts_with("session-"))
        })
        .filter_map(|event| event.get_description())
        .find(|description| description.contains(&listed))
        .expect("a session with the module");
    assert!(session.contains(&study), "{study}\n{session}");

    let text = String::from_utf8(render_tasks(&plan, &options()).expect("renders")).expect("UTF-8");
    let tasks: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let task = tasks
        .todos()
        .find(|todo| todo.get_summary() == Some(module.title.as_str()))
        .and_then(|todo| todo.get_description())
        .expect("the module's task");
    assert!(task.contains(&format!("{study}.")), "{task}");
}
