//! Structure, content and escaping of the main calendar and the tasks file.

use std::collections::HashSet;

use chrono::Duration;
use icalendar::Component;
use pivot::plan::ItemKind;
use pivot::render::ical::{render, render_tasks};
use proptest::prelude::*;

use crate::fixture::{Spec, day, item, options, plan};
use crate::{assert_events_complete, assert_well_formed, param, parse, uid, value};

fn render_spec(spec: &Spec) -> Vec<u8> {
    render(&plan(spec), &options(None)).expect("renders")
}

#[test]
fn sessions_milestones_and_deadlines_are_all_there() {
    let spec = Spec::priya();
    let plan = plan(&spec);
    let bytes = render_spec(&spec);
    assert_well_formed(&bytes);
    let uids = assert_events_complete(&bytes);
    let calendar = parse(&bytes);

    let sessions: Vec<_> = plan
        .weeks
        .iter()
        .flat_map(|week| &week.sessions)
        .filter(|session| !session.work.is_empty())
        .collect();
    let timed: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("session-"))
        .collect();
    assert_eq!(timed.len(), sessions.len());
    assert!(!timed.is_empty());
    for event in &timed {
        assert_eq!(
            param(&event.properties, "DTSTART", "TZID"),
            Some("Europe/London")
        );
        let start = value(&event.properties, "DTSTART").expect("start");
        assert!(
            start.ends_with("T190000") || start.ends_with("T093000"),
            "{start}"
        );
        assert!(value(&event.properties, "SUMMARY").is_some_and(|s| s.starts_with("Study: ")));
    }
    let first = timed.first().expect("a session");
    assert_eq!(value(&first.properties, "DTSTART"), Some("20270105T190000"));
    assert_eq!(value(&first.properties, "DTEND"), Some("20270105T210000"));
    assert_eq!(
        value(&first.properties, "SUMMARY"),
        Some("Study: Python for ML engineering")
    );
    assert!(
        uids.iter().all(|uid| !uid.contains("w6-")),
        "the break week has sessions"
    );
    assert_eq!(calendar.timezones.len(), 1);

    let all_day: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| param(&event.properties, "DTSTART", "VALUE") == Some("DATE"))
        .collect();
    assert_eq!(
        all_day.len(),
        plan.milestones.len() + 3,
        "milestones, 2 outreach, 1 demo"
    );
    for event in all_day {
        let start = value(&event.properties, "DTSTART").expect("start");
        let end = value(&event.properties, "DTEND").expect("end");
        assert_eq!(param(&event.properties, "DTEND", "VALUE"), Some("DATE"));
        let start = chrono::NaiveDate::parse_from_str(start, "%Y%m%d").expect("date");
        let end = chrono::NaiveDate::parse_from_str(end, "%Y%m%d").expect("date");
        assert_eq!(end - start, Duration::days(1), "exclusive DTEND");
        assert_eq!(value(&event.properties, "TRANSP"), Some("TRANSPARENT"));
    }
    for milestone in &plan.milestones {
        let event = calendar
            .events
            .iter()
            .find(|event| uid(event).starts_with(&format!("milestone-{}.", milestone.id)))
            .expect("milestone event");
        assert_eq!(
            value(&event.properties, "DTSTART"),
            Some(milestone.date.format("%Y%m%d").to_string().as_str())
        );
    }
    let outreach = plan
        .items
        .iter()
        .find(|item| item.id == "cold-outreach")
        .expect("item");
    let deadline = calendar
        .events
        .iter()
        .find(|event| uid(event).starts_with("deadline-cold-outreach."))
        .expect("deadline");
    assert_eq!(
        value(&deadline.properties, "SUMMARY"),
        Some("Due: Message five practitioners")
    );
    assert_eq!(
        value(&deadline.properties, "DTSTART"),
        Some(outreach.finish.format("%Y%m%d").to_string().as_str())
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let description = parsed
        .events()
        .find(|event| event.get_uid() == Some(uid(deadline)))
        .and_then(|event| event.get_description())
        .expect("description");
    assert!(description.contains("Self-check: Could you explain Message five practitioners"));
    assert!(
        description.contains("I am moving into AI;\nmay I ask you, briefly"),
        "{description}"
    );
}

#[test]
fn without_slots_each_week_with_work_is_one_all_day_event() {
    let spec = Spec {
        slots: vec![],
        timezone: None,
        ..Spec::priya()
    };
    let plan = plan(&spec);
    let bytes = render_spec(&spec);
    assert_well_formed(&bytes);
    assert_events_complete(&bytes);
    let calendar = parse(&bytes);
    assert!(calendar.timezones.is_empty());
    let weeks: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("week-"))
        .collect();
    let with_work = plan
        .weeks
        .iter()
        .filter(|week| !week.allocations.is_empty())
        .count();
    assert_eq!(weeks.len(), with_work);
    assert!(
        weeks
            .iter()
            .all(|event| !uid(event).starts_with("week-w6.")),
        "break week"
    );
    let first = weeks.first().expect("a week");
    assert_eq!(value(&first.properties, "DTSTART"), Some("20270104"));
    assert_eq!(value(&first.properties, "DTEND"), Some("20270111"));
    assert_eq!(
        value(&first.properties, "SUMMARY"),
        Some("This week: Python for ML engineering")
    );
    assert!(value(&first.properties, "DESCRIPTION").is_some_and(|d| d.contains("(5 hours)")));
    assert!(
        calendar
            .events
            .iter()
            .all(|event| param(&event.properties, "DTSTART", "TZID").is_none())
    );
}

#[test]
fn without_a_time_zone_sessions_are_floating() {
    let spec = Spec {
        timezone: None,
        ..Spec::priya()
    };
    let bytes = render_spec(&spec);
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

const AWKWARD: &str = "Zoë, \"Ann\"; O'Neil \\ test";

#[test]
fn awkward_names_survive_escaping() {
    let mut spec = Spec::priya();
    spec.name = AWKWARD.into();
    spec.items
        .push(item("odd", ItemKind::Outreach, AWKWARD, 1.0));
    let bytes = render_spec(&spec);
    assert_well_formed(&bytes);
    assert_events_complete(&bytes);

    // As written on the wire (read by the ical crate, which does not unescape).
    let calendar = parse(&bytes);
    let escaped = r#"Zoë\, "Ann"\; O'Neil \\ test"#;
    assert_eq!(
        value(&calendar.properties, "X-WR-CALNAME"),
        Some(format!("{escaped}: plan to ML Engineer").as_str())
    );
    let deadline = calendar
        .events
        .iter()
        .find(|event| uid(event).starts_with("deadline-odd."))
        .expect("deadline");
    assert_eq!(
        value(&deadline.properties, "SUMMARY"),
        Some(format!("Due: {escaped}").as_str())
    );

    // Read back by the icalendar crate's parser, which unescapes.
    let text = String::from_utf8(bytes).expect("UTF-8");
    let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
    let summaries: Vec<&str> = parsed
        .events()
        .filter_map(|event| event.get_summary())
        .collect();
    assert!(
        summaries.contains(&format!("Due: {AWKWARD}").as_str()),
        "{summaries:?}"
    );
    assert_eq!(
        parsed.get_name(),
        Some(format!("{AWKWARD}: plan to ML Engineer").as_str())
    );
    let description = parsed
        .events()
        .find(|event| {
            event
                .get_uid()
                .is_some_and(|uid| uid.starts_with("deadline-odd."))
        })
        .and_then(|event| event.get_description())
        .expect("description");
    assert!(description.contains("Hi, I am moving into AI;\nmay I ask you, briefly"));
    assert!(parsed.events().all(|event| event.get_start().is_some()));
}

#[test]
fn the_tasks_file_holds_the_checklist_as_todos() {
    let spec = Spec::priya();
    let plan = plan(&spec);
    let bytes = render_tasks(&plan, &options(None)).expect("renders");
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
    let python = calendar
        .todos
        .iter()
        .find(|todo| value(&todo.properties, "SUMMARY") == Some("Python for ML engineering"))
        .expect("python task");
    assert_eq!(
        value(&python.properties, "PRIORITY"),
        Some("1"),
        "others require it"
    );
    assert_eq!(
        value(&python.properties, "DUE"),
        Some("20270124"),
        "12 hours at 5 a week ends in week 3"
    );
    assert_eq!(value(&python.properties, "DTSTART"), Some("20270104"));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let spec = Spec::priya();
    assert_eq!(render_spec(&spec), render_spec(&spec));
}

#[test]
fn an_empty_plan_is_still_a_valid_calendar() {
    let spec = Spec {
        items: vec![],
        weeks: 2,
        ..Spec::priya()
    };
    let bytes = render_spec(&spec);
    assert_well_formed(&bytes);
    let calendar = parse(&bytes);
    assert!(calendar.events.is_empty());
    assert!(calendar.timezones.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_folds_escapes_and_round_trips(name in "\\PC{0,120}", title in "[a-zA-Z0-9 ,;:\\\\\"'éöü☃老虎\n]{0,150}") {
        let mut spec = Spec::priya();
        spec.name = name.clone();
        spec.weeks = 3;
        spec.items = vec![item("odd", ItemKind::Outreach, &title, 1.0)];
        let bytes = render_spec(&spec);
        assert_well_formed(&bytes);
        assert_events_complete(&bytes);
        let text = String::from_utf8(bytes).expect("UTF-8");
        let parsed: icalendar::Calendar = text.parse().expect("icalendar parses it");
        let expected = format!("{name}: plan to ML Engineer");
        prop_assert_eq!(parsed.get_name(), Some(expected.as_str()));
        let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
        let want = if one_line.is_empty() { "Due".to_string() } else { format!("Due: {one_line}") };
        prop_assert!(parsed.events().any(|event| event.get_summary() == Some(want.as_str())));
    }
}

#[test]
fn deadlines_fall_on_the_day_the_item_finishes() {
    let spec = Spec::priya();
    let plan = plan(&spec);
    let calendar = parse(&render_spec(&spec));
    let demo = plan
        .items
        .iter()
        .find(|item| item.id == "project-demo")
        .expect("demo");
    let event = calendar
        .events
        .iter()
        .find(|event| uid(event).starts_with("deadline-project-demo."))
        .expect("unmarked project work gets a deadline");
    assert_eq!(
        value(&event.properties, "DTSTART"),
        Some(demo.finish.format("%Y%m%d").to_string().as_str())
    );
    assert!(
        calendar
            .events
            .iter()
            .all(|event| !uid(event).starts_with("deadline-project-build.")),
        "project work with a milestone is not repeated"
    );
    assert_eq!(day(2027, 1, 4).format("%Y%m%d").to_string(), "20270104");
}
