//! Every shipped example, scheduled for real, gives a calendar that parses, has an event for
//! each session (or week), milestone and deadline, and imports into calcurse without a skip.

use std::path::PathBuf;

use chrono::NaiveDate;
use pivot::plan::{ItemKind, Plan};
use pivot::render::ical::{render, render_tasks};
use pivot::{Catalog, Profile};

use crate::calcurse::{calcurse_available, import};
use crate::support::options;
use crate::{assert_events_complete, assert_well_formed, parse, uid};

fn example_plans() -> Vec<(String, Plan)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("examples folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    let catalog = Catalog::load(None).expect("built-in catalog");
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    paths
        .iter()
        .map(|path| {
            let profile = Profile::from_file(path, &catalog).expect("valid example");
            let plan = pivot::schedule::schedule(&profile, &catalog, today).expect("schedules");
            (path.display().to_string(), plan)
        })
        .collect()
}

#[test]
fn every_example_gives_a_complete_calendar() {
    let plans = example_plans();
    assert!(plans.len() >= 5, "examples found: {}", plans.len());
    for (name, plan) in &plans {
        let bytes = render(plan, &options()).expect("renders");
        assert_well_formed(&bytes);
        let uids = assert_events_complete(&bytes);
        let calendar = parse(&bytes);

        let sessions = plan
            .weeks
            .iter()
            .flat_map(|week| &week.sessions)
            .filter(|session| {
                session.hours > 0.0 && session.work.iter().any(|work| work.hours > 0.0)
            })
            .count();
        let weeks_without_sessions = plan
            .weeks
            .iter()
            .filter(|week| {
                week.allocations.iter().any(|work| work.hours > 0.0)
                    && !week
                        .sessions
                        .iter()
                        .any(|session| session.hours > 0.0 && !session.work.is_empty())
            })
            .count();
        let count = |prefix: &str| uids.iter().filter(|uid| uid.starts_with(prefix)).count();
        assert_eq!(count("session-"), sessions, "{name}");
        assert_eq!(count("week-"), weeks_without_sessions, "{name}");
        assert_eq!(count("milestone-"), plan.milestones.len(), "{name}");
        let outreach = plan
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Outreach)
            .count();
        assert!(count("deadline-") >= outreach, "{name}");
        assert_eq!(
            calendar.timezones.len(),
            usize::from(plan.timezone.is_some() && sessions > 0),
            "{name}"
        );
        for event in &calendar.events {
            assert!(!uid(event).is_empty());
        }

        let tasks = parse(&render_tasks(plan, &options()).expect("renders"));
        assert!(tasks.events.is_empty());
        assert!(tasks.todos.len() >= plan.items.len(), "{name}");
    }
}

#[test]
fn calcurse_imports_every_example_without_skipping() {
    if !calcurse_available() {
        return;
    }
    for (name, plan) in example_plans() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let bytes = render(&plan, &options()).expect("renders");
        let events = parse(&bytes).events.len() as u32;
        let ((apps, all_day, todos, skipped), _, _) = import(&bytes, dir.path());
        assert_eq!((skipped, todos), (0, 0), "{name}");
        assert_eq!(apps + all_day, events, "{name}");
    }
}
