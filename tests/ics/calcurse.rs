//! calcurse, a real client that is strict about escaping, all-day events and SUMMARY, imports
//! the calendar without skipping anything. Skipped with a note when calcurse is not installed,
//! unless `CI` is set (CI installs it).

use std::path::Path;
use std::process::Command;

use pivot::render::ical::{render, render_tasks};

use crate::support::{self, options};
use crate::{parse, value};

pub fn calcurse_available() -> bool {
    let found = Command::new("calcurse")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "calcurse is not installed (CI must install it)"
        );
        eprintln!("note: calcurse is not installed; skipping the calcurse import test");
    }
    found
}

/// Imports `bytes` into a fresh calcurse data folder; returns (apps, events, todos, skipped)
/// and the folder's `apts` and `todo` files.
pub fn import(bytes: &[u8], dir: &Path) -> ((u32, u32, u32, u32), String, String) {
    let file = dir.join("plan.ics");
    std::fs::write(&file, bytes).expect("write the calendar");
    let data = dir.join("calcurse");
    std::fs::create_dir_all(&data).expect("data folder");
    let output = Command::new("calcurse")
        .arg("-D")
        .arg(&data)
        .arg("-C")
        .arg(&data)
        .arg("-i")
        .arg(&file)
        .env("HOME", dir)
        .env("TMPDIR", dir)
        .env("TZ", "Europe/London")
        .output()
        .expect("calcurse runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "calcurse -i failed: {stdout} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let counts: Vec<u32> = stdout
        .split(" / ")
        .filter_map(|part| part.split_whitespace().rev().nth(1)?.parse().ok())
        .collect();
    let numbers = stdout
        .lines()
        .find(|line| line.contains("skipped"))
        .map(|line| {
            line.split('/')
                .filter_map(|part| part.split_whitespace().next()?.parse().ok())
                .collect::<Vec<u32>>()
        })
        .unwrap_or(counts);
    assert_eq!(numbers.len(), 4, "calcurse's summary: {stdout}");
    let read = |name: &str| std::fs::read_to_string(data.join(name)).unwrap_or_default();
    (
        (numbers[0], numbers[1], numbers[2], numbers[3]),
        read("apts"),
        read("todo"),
    )
}

#[test]
fn calcurse_imports_every_event_and_task() {
    if !calcurse_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan = support::plan();
    let bytes = render(&plan, &options()).expect("renders");
    let expected = parse(&bytes).events.len() as u32;
    let ((apps, events, todos, skipped), apts, _) = import(&bytes, dir.path());
    assert_eq!(skipped, 0, "calcurse skipped items");
    assert_eq!(todos, 0);
    assert_eq!(apps + events, expected);
    let title = |id: &str| {
        plan.items
            .iter()
            .find(|item| item.id == id)
            .map(|item| item.title.as_str())
            .expect("the item")
    };
    let first_session = plan
        .weeks
        .iter()
        .flat_map(|week| &week.sessions)
        .find(|session| !session.work.is_empty())
        .expect("a session with work");
    let studied = title(&first_session.work[0].item);
    assert!(apts.contains(&format!("Study: {studied}")), "{apts}");
    let milestone = plan.milestones.first().expect("a milestone");
    assert!(apts.contains(&milestone.title), "{apts}");
    assert!(
        apts.contains(&format!("Due: {}", title("cold-outreach"))),
        "{apts}"
    );

    let tasks_dir = tempfile::tempdir().expect("temporary folder");
    let tasks = render_tasks(&plan, &options()).expect("renders");
    let calendar = parse(&tasks);
    let ((apps, events, todos, skipped), _, todo) = import(&tasks, tasks_dir.path());
    assert_eq!((apps, events, skipped), (0, 0, 0));
    assert_eq!(todos as usize, calendar.todos.len());
    let first = calendar
        .todos
        .first()
        .and_then(|todo| value(&todo.properties, "SUMMARY"))
        .expect("summary");
    assert!(todo.contains(first), "{todo}");
}
