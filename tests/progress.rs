//! The living plan: re-planning from the progress a profile records, as the scheduler does it
//! and as learners meet it on the command line.

mod support;

use std::path::Path;
use std::process::Output;

use chrono::NaiveDate;
use pivot::plan::{ItemKind, Plan};
use support::TestProfile;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

/// Runs pivot in `dir` with "now" at `today` (midnight UTC).
fn pivot_on(today: &str, args: &[&str], dir: &Path) -> Output {
    let epoch = date(today)
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp();
    support::run_pivot(dir, args, epoch)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Hours each item has in the plan's weeks.
fn allocated(plan: &Plan, id: &str) -> f64 {
    plan.weeks
        .iter()
        .flat_map(|week| &week.allocations)
        .filter(|allocation| allocation.item == id)
        .map(|allocation| allocation.hours)
        .sum()
}

/// Priya, re-planned on a Wednesday in February with a module, a project phase and a
/// networking task done.
fn replanned() -> Plan {
    TestProfile {
        done: vec!["data-handling", "demo-project-scope", "join-communities"],
        as_of: Some("2027-02-10"),
        ..TestProfile::default()
    }
    .plan()
}

#[test]
fn work_is_placed_from_the_as_of_date_and_done_items_of_any_kind_have_none() {
    let plan = replanned();
    let as_of = date("2027-02-10");
    for week in &plan.weeks {
        assert_eq!(week.history, week.end < as_of, "week {}", week.index);
        if week.history {
            assert!(week.allocations.is_empty() && week.capacity == 0.0);
        }
        for session in week.sessions.iter().filter(|s| !s.work.is_empty()) {
            assert!(session.date >= as_of, "a session on {}", session.date);
        }
    }
    assert!(plan.weeks.iter().filter(|week| week.history).count() >= 5);
    assert!(plan.items.iter().all(|item| item.start >= as_of));
    let done = &plan.progress.as_ref().expect("progress").done;
    let kinds: Vec<ItemKind> = done.iter().map(|item| item.kind).collect();
    assert_eq!(
        kinds,
        [ItemKind::Module, ItemKind::Project, ItemKind::Outreach]
    );
    for item in done {
        assert_eq!(allocated(&plan, &item.id), 0.0, "{}", item.id);
        assert!(!plan.items.iter().any(|left| left.id == item.id));
        assert!(
            !plan
                .milestones
                .iter()
                .any(|m| m.item.as_deref() == Some(&item.id))
        );
    }
    // The next phase no longer waits on the one done, and still comes after the modules the
    // project needs.
    let build = plan
        .items
        .iter()
        .find(|item| item.id == "demo-project-build")
        .expect("the next phase");
    assert!(!build.requires.contains(&"demo-project-scope".to_string()));
    assert!(build.requires.contains(&"maths".to_string()), "{build:?}");
}

/// A progress block that records nothing done still says where the learner is: the plan starts
/// from its date, unlike a plan without one.
#[test]
fn a_progress_block_with_nothing_done_still_replans_from_its_date() {
    let fresh = TestProfile::default().plan();
    let behind = TestProfile {
        as_of: Some("2027-02-10"),
        ..TestProfile::default()
    }
    .plan();
    assert!(fresh.weeks.iter().all(|week| !week.history));
    assert!(behind.weeks.iter().any(|week| week.history));
    assert!(behind.feasibility.finish_date > fresh.feasibility.finish_date);
    assert!(behind.feasibility.available_hours < fresh.feasibility.available_hours);
}

/// Profiles on the command line, with "today" on 1 March 2027.
const STARTED: &str = "\
name: Priya Sharma
background: software-engineer
target_role: ml-engineer
hours_per_week: 10
start: 2027-01-04
";

fn check_fails(profile: &str) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("profile.yaml"), profile).expect("profile");
    let out = pivot_on("2027-03-01", &["check", "profile.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    stderr(&out)
}

#[test]
fn progress_that_contradicts_the_dates_or_the_catalog_is_an_error_naming_its_place() {
    let after_today = check_fails(&format!(
        "{STARTED}progress:\n  as_of: 2027-03-02\n  done: []\n"
    ));
    assert!(
        after_today.starts_with(
            "error: profile.yaml:7:10: progress.as_of: 2 March 2027 is after today (1 March 2027)"
        ),
        "{after_today}"
    );
    let before_start = check_fails(&format!(
        "{STARTED}progress:\n  as_of: 2026-12-28\n  done: []\n"
    ));
    assert!(
        before_start.starts_with(
            "error: profile.yaml:7:10: progress.as_of: 28 December 2026 is before the plan starts"
        ),
        "{before_start}"
    );
    // Without a `start`, the plan starts next Monday, after any progress.
    let moving_start = check_fails(
        "name: Priya Sharma\nbackground: software-engineer\ntarget_role: ml-engineer\n\
         hours_per_week: 10\nprogress:\n  as_of: 2027-02-15\n",
    );
    assert!(
        moving_start.starts_with("error: profile.yaml:6:10: progress.as_of:")
            && moving_start.contains("help: progress is measured from the plan's start"),
        "{moving_start}"
    );
    let unknown = check_fails(&format!(
        "{STARTED}progress:\n  as_of: 2027-02-15\n  done: [python-engineering, mathsfoundations]\n"
    ));
    assert!(
        unknown.starts_with(
            "error: profile.yaml:8:30: progress.done[2]: unknown item `mathsfoundations`"
        ) && unknown.contains("help: did you mean `math-foundations`?"),
        "{unknown}"
    );
}

/// The example from the issue: progress as of mid-February with a module done.
#[test]
fn check_and_plan_follow_the_progress() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let profile = format!("{STARTED}progress:\n  as_of: 2027-02-15\n  done: [math-foundations]\n");
    std::fs::write(dir.path().join("profile.yaml"), &profile).expect("profile");
    let out = pivot_on(
        "2027-03-01",
        &["plan", "profile.yaml", "--format", "json", "-o", "-"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first_work = plan["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|item| item["start"].as_str())
        .min()
        .expect("work left");
    assert!(first_work >= "2027-02-15", "work starts on {first_work}");
    assert_eq!(plan["progress"]["done"][0]["id"], "math-foundations");
    let markdown = pivot_on(
        "2027-03-01",
        &["plan", "profile.yaml", "--format", "md", "-o", "-"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(text.contains("## Your progress"), "{text}");
    assert!(text.contains("Behind you: this week ended before your progress date"));
    let message = plan["progress"]["message"].as_str().expect("a verdict");
    assert!(message.contains("behind"), "{message}");
    assert!(text.contains(message), "{text}");
    assert!(text.contains("**Overdue:** the plan as first made had these finished by then: "));
    let check = pivot_on("2027-03-01", &["check", "profile.yaml"], dir.path());
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains(&format!("Progress: {message}")), "{stdout}");
}

/// Half-way through a module, a learner is not sent back to its start: the plan holds what is
/// left, from the as-of date, and says how much is done.
#[test]
fn work_begun_keeps_only_what_is_left() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let profile = format!(
        "{STARTED}progress:\n  as_of: 2027-02-15\n  done: [python-for-data]\n  \
         partial: {{ math-foundations: 25%, ml-fundamentals: 7.5 }}\n"
    );
    std::fs::write(dir.path().join("profile.yaml"), &profile).expect("profile");
    let out = pivot_on(
        "2027-03-01",
        &["plan", "profile.yaml", "--format", "json", "-o", "-"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let item = |id: &str| {
        plan["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|item| item["id"] == id)
            .cloned()
            .expect("the item")
    };
    let partial = &plan["progress"]["partial"];
    assert_eq!(partial[0]["id"], "math-foundations");
    let whole = partial[0]["hours"].as_f64().expect("hours");
    let left = partial[0]["hours_left"].as_f64().expect("hours left");
    assert_eq!(left, (whole * 0.25 * 4.0).round() / 4.0, "a quarter left");
    assert_eq!(item("math-foundations")["hours"].as_f64(), Some(left));
    assert_eq!(partial[1]["hours_left"].as_f64(), Some(7.5));
    assert_eq!(item("ml-fundamentals")["hours"].as_f64(), Some(7.5));
    assert!(item("math-foundations")["start"].as_str() >= Some("2027-02-15"));

    let markdown = pivot_on(
        "2027-03-01",
        &["plan", "profile.yaml", "--format", "md", "-o", "-"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(text.contains("### Begun"), "{text}");
    assert!(text.contains("7.5 h to go"), "{text}");
}

#[test]
fn work_begun_that_cannot_be_is_an_error_naming_its_place() {
    let progress = |partial: &str| {
        check_fails(&format!(
            "{STARTED}progress:\n  as_of: 2027-02-15\n  done: [math-foundations]\n  partial: {partial}\n"
        ))
    };
    let both = progress("{ math-foundations: 3 }");
    assert!(
        both.starts_with(
            "error: profile.yaml:9:14: progress.partial.math-foundations: is also under progress.done"
        ),
        "{both}"
    );
    let whole = progress("{ ml-fundamentals: 500 }");
    assert!(
        whole.starts_with(
            "error: profile.yaml:9:31: progress.partial.ml-fundamentals: `500` cannot be the work left"
        ) && whole.contains("help: an item with nothing left goes under progress.done"),
        "{whole}"
    );
    let share = progress("{ ml-fundamentals: 100% }");
    assert!(share.contains("`100%` cannot be the work left"), "{share}");
    let quarter = progress("{ ml-fundamentals: 2.1 }");
    assert!(
        quarter.contains("2.1 is not a whole number of quarter hours"),
        "{quarter}"
    );
    let unknown = progress("{ ml-fundamental: 2 }");
    assert!(
        unknown.starts_with(
            "error: profile.yaml:9:14: progress.partial: unknown item `ml-fundamental`"
        ) && unknown.contains("did you mean `ml-fundamentals`?"),
        "{unknown}"
    );
}

/// Two weeks in with nothing done, a learner is behind by what the plan as first made had
/// placed in those weeks, finishes later, and is told plainly.
#[test]
fn a_learner_two_weeks_behind_gets_a_later_finish_and_a_plain_verdict() {
    let first = TestProfile::default().plan();
    let behind = TestProfile {
        as_of: Some("2027-01-18"),
        ..TestProfile::default()
    }
    .plan();
    let report = behind.progress.as_ref().expect("progress");
    let planned: f64 = first
        .weeks
        .iter()
        .filter(|week| week.end < date("2027-01-18"))
        .map(|week| week.allocations.iter().map(|a| a.hours).sum::<f64>())
        .sum();
    assert!(planned > 0.0);
    assert_eq!(report.hours_planned, planned);
    assert_eq!(report.hours_done, 0.0);
    assert_eq!(report.hours_ahead, -planned);
    assert_eq!(report.first_finish_date, first.feasibility.finish_date);
    assert!(behind.feasibility.finish_date > first.feasibility.finish_date);
    assert!(!report.overdue.is_empty());
    assert!(
        report.message.starts_with(&format!(
            "As of 18 January 2027 you have done 0 hours of work, and the plan as first made had {} hours done by then: you are {} hours behind.",
            planned, planned
        )),
        "{}",
        report.message
    );
    assert!(
        report.message.contains("later than first planned"),
        "{}",
        report.message
    );
}

/// A learner who has done work the plan as first made placed later sees the time gained.
#[test]
fn a_learner_ahead_sees_the_time_gained() {
    let first = TestProfile::default().plan();
    let ahead = TestProfile {
        done: vec!["data-handling", "maths", "ml-fundamentals"],
        as_of: Some("2027-01-18"),
        ..TestProfile::default()
    }
    .plan();
    let report = ahead.progress.as_ref().expect("progress");
    assert!(report.hours_ahead > 0.0, "{report:?}");
    assert!(
        report
            .done
            .iter()
            .all(|item| !report.overdue.contains(&item.id))
    );
    assert!(ahead.feasibility.core_finish < first.feasibility.core_finish);
    assert!(
        report
            .message
            .contains(&format!("you are {} hours ahead", report.hours_ahead))
            && report.message.contains("earlier than first planned"),
        "{}",
        report.message
    );
}

/// Ticks the first `count` marked boxes of the Markdown plan at `path` that are not ticked.
fn tick(path: &Path, count: usize) {
    let text = std::fs::read_to_string(path).expect("the plan");
    let mut left = count;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            if left > 0 && line.starts_with("- [ ]") && line.contains("<!-- pivot item=") {
                left -= 1;
                line.replacen("- [ ]", "- [x]", 1)
            } else {
                line.to_string()
            }
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("the plan ticked");
}

fn run_ok(today: &str, args: &[&str], dir: &Path) -> String {
    let out = pivot_on(today, args, dir);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Ticking boxes is the interface: the ticked plan gives the progress block, the block in the
/// profile gives a plan whose boxes give the same block again.
#[test]
fn ticked_boxes_become_the_progress_block_and_survive_a_replan() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("profile.yaml"), STARTED).expect("profile");
    run_ok(
        "2027-02-15",
        &["plan", "profile.yaml", "--format", "md", "-o", "plan.md"],
        dir.path(),
    );
    tick(&dir.path().join("plan.md"), 6);
    let block = run_ok(
        "2027-02-15",
        &["progress", "plan.md", "--profile", "profile.yaml"],
        dir.path(),
    );
    assert_eq!(
        block,
        "progress:\n  as_of: 2027-02-15\n  done: [python-for-data, join-communities]\n  \
         partial: { math-foundations: 14.5 }\n"
    );
    std::fs::write(dir.path().join("profile.yaml"), format!("{STARTED}{block}")).expect("profile");
    run_ok(
        "2027-02-15",
        &["plan", "profile.yaml", "--format", "md", "-o", "plan.md"],
        dir.path(),
    );
    let again = run_ok("2027-02-15", &["progress", "plan.md"], dir.path());
    assert_eq!(again, block, "nothing more ticked, the same progress");
    tick(&dir.path().join("plan.md"), 1);
    let more = run_ok("2027-02-15", &["progress", "plan.md"], dir.path());
    assert_ne!(more, block, "one more box ticked");
}

#[test]
fn boxes_that_match_no_item_are_named_by_their_lines() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("profile.yaml"), STARTED).expect("profile");
    run_ok(
        "2027-02-15",
        &["plan", "profile.yaml", "--format", "md", "-o", "plan.md"],
        dir.path(),
    );
    let text = std::fs::read_to_string(dir.path().join("plan.md")).expect("plan");
    let fails = |text: &str, args: &[&str]| {
        std::fs::write(dir.path().join("edited.md"), text).expect("plan");
        let out = pivot_on("2027-02-15", args, dir.path());
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        stderr(&out)
    };
    // From an older catalog: an id this one does not have.
    let line = text
        .lines()
        .position(|line| line.contains("item=python-for-data hours="))
        .expect("a week's box")
        + 1;
    let older = fails(
        &text.replacen(
            "item=python-for-data hours=",
            "item=python-basics hours=",
            1,
        ),
        &["progress", "edited.md"],
    );
    assert!(
        older.starts_with(&format!("error: edited.md:{line}:"))
            && older.contains(&format!(
                "the box on line {line} names an item the catalog does not have: `python-basics`"
            )),
        "{older}"
    );
    // Another learner's plan: items this profile's plan does not hold.
    std::fs::write(
        dir.path().join("other.yaml"),
        STARTED
            .replace("software-engineer", "data-analyst")
            .replace("ml-engineer", "data-scientist"),
    )
    .expect("profile");
    let other = fails(&text, &["progress", "edited.md", "--profile", "other.yaml"]);
    assert!(
        other.contains("boxes on lines ") && other.contains("the plan of other.yaml does not hold"),
        "{other}"
    );
    // Marks dropped on the way (copied through a program that strips comments).
    let stripped: String = text
        .lines()
        .map(|line| {
            line.split(" <!-- pivot")
                .next()
                .unwrap_or_default()
                .to_string()
                + "\n"
        })
        .collect();
    let none = fails(&stripped, &["progress", "edited.md"]);
    assert!(
        none.starts_with("error: edited.md: no box in it carries pivot's marks"),
        "{none}"
    );
}

/// `status` says in a few lines where the learner should be today against where they are.
#[test]
fn status_says_how_far_behind_what_is_overdue_and_the_new_finish() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let profile = format!(
        "{STARTED}progress:\n  as_of: 2027-02-15\n  done: [python-for-data]\n  \
         partial: {{ math-foundations: 14.5 }}\n"
    );
    std::fs::write(dir.path().join("profile.yaml"), &profile).expect("profile");
    let text = run_ok(
        "2027-06-01",
        &["status", "profile.yaml", "--today", "2027-03-01"],
        dir.path(),
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[0],
        "Priya Sharma on Mon 1 Mar 2027, from the progress you recorded on 15 February 2027:"
    );
    assert!(lines[1].starts_with("Behind by "), "{text}");
    assert!(lines[2].starts_with("Overdue: ") && lines[2].contains("Maths foundations for ML"));
    assert!(lines[3].starts_with("Finish: "), "{text}");
    // The clock is today without --today.
    assert_eq!(
        run_ok("2027-03-01", &["status", "profile.yaml"], dir.path()),
        text
    );

    let before = pivot_on(
        "2027-06-01",
        &["status", "profile.yaml", "--today", "2027-02-01"],
        dir.path(),
    );
    assert_eq!(before.status.code(), Some(2));
    assert!(
        stderr(&before).starts_with("error: --today: 1 February 2027 is before your progress date")
    );

    std::fs::write(dir.path().join("profile.yaml"), STARTED).expect("profile");
    let early = run_ok("2026-12-01", &["status", "profile.yaml"], dir.path());
    assert_eq!(
        early,
        "Priya Sharma: your plan starts on Mon 4 Jan 2027, so nothing is due yet.\n"
    );
    let none = run_ok("2027-03-01", &["status", "profile.yaml"], dir.path());
    assert!(
        none.contains("with no progress recorded yet") && none.contains("Behind by "),
        "{none}"
    );
}

/// The block six ticked boxes of Priya's first plan give on 15 February 2027.
const TICKED_BLOCK: &str = "progress:\n  as_of: 2027-02-15\n  done: [python-for-data, join-communities]\n  \
     partial: { math-foundations: 14.5 }\n";

/// A folder holding Priya's first Markdown plan with six boxes ticked.
fn ticked_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("profile.yaml"), STARTED).expect("profile");
    run_ok(
        "2027-02-15",
        &["plan", "profile.yaml", "--format", "md", "-o", "plan.md"],
        dir.path(),
    );
    tick(&dir.path().join("plan.md"), 6);
    dir
}

/// Writes `before + old + after` as the profile, runs `progress --write`, and checks that only
/// `old` was replaced (by the ticked block, with `\r\n` line ends when `crlf`), that the old
/// file is the backup, and that a second run changes nothing and keeps no second backup.
fn writes_only_the_block(dir: &Path, before: &str, old: &str, after: &str, crlf: bool) {
    let profile = dir.join("profile.yaml");
    let original = format!("{before}{old}{after}");
    std::fs::write(&profile, &original).expect("profile");
    for stale in ["profile.yaml.bak", "profile.yaml.bak.1"] {
        let _ = std::fs::remove_file(dir.join(stale));
    }
    let args = ["progress", "plan.md", "--write", "profile.yaml"];
    let out = pivot_on("2027-02-15", &args, dir);
    assert!(out.status.success(), "{original:?}: {}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "Wrote the progress block to profile.yaml (backup: profile.yaml.bak); run `pivot plan \
         profile.yaml` to re-plan\n"
    );
    let block = if crlf {
        TICKED_BLOCK.replace('\n', "\r\n")
    } else {
        TICKED_BLOCK.to_string()
    };
    let written = std::fs::read_to_string(&profile).expect("profile");
    assert_eq!(written, format!("{before}{block}{after}"), "{original:?}");
    let backup = std::fs::read_to_string(dir.join("profile.yaml.bak")).expect("backup");
    assert_eq!(backup, original);
    let again = pivot_on("2027-02-15", &args, dir);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&profile).expect("profile"), written);
    assert!(!dir.join("profile.yaml.bak.1").exists());
    assert!(
        stderr(&again).contains("so nothing was written"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn write_replaces_only_the_progress_block_and_keeps_a_backup() {
    let dir = ticked_plan();
    let head = "# Priya's profile: edit freely\nname: Priya Sharma\n\n# where I come from\n\
                background: software-engineer   # ten years\n";
    let tail = "target_role: ml-engineer\nhours_per_week: 10 # evenings\nstart: 2027-01-04\n";
    // In the middle, with comments inside it, and comments and blank lines after it that
    // belong to the next key.
    writes_only_the_block(
        dir.path(),
        head,
        "progress:   # from my ticks\n  as_of: 2027-02-01\n  # nothing much yet\n  \
         done: [python-for-data]\n",
        &format!("\n  # (indented note)\n# the role I want\n{tail}"),
        false,
    );
    // At the end, with no line break after it.
    writes_only_the_block(
        dir.path(),
        &format!("{head}{tail}\n"),
        "progress:\n  as_of: 2027-02-01\n  done: []",
        "",
        false,
    );
    // At the end, followed by comments.
    writes_only_the_block(
        dir.path(),
        &format!("{head}{tail}"),
        "progress:\n  as_of: 2027-02-01\n  done: []\n",
        "\n# progress: as `pivot progress --write` puts it\n",
        false,
    );
    // Written in flow style.
    writes_only_the_block(
        dir.path(),
        head,
        "progress: { as_of: 2027-02-01, done: [python-for-data] }\n",
        tail,
        false,
    );
    // Spread over lines in flow style.
    writes_only_the_block(
        dir.path(),
        head,
        "progress: { as_of: 2027-02-01,\n    done: [python-for-data],\n    }\n",
        tail,
        false,
    );
    // Absent: appended after a blank line, after the comments at the end.
    writes_only_the_block(
        dir.path(),
        &format!("{head}{tail}# my notes\n\n"),
        "",
        "",
        false,
    );
    writes_only_the_block(dir.path(), &format!("{head}{tail}\n"), "", "", false);
    // Windows line ends.
    writes_only_the_block(
        dir.path(),
        &head.replace('\n', "\r\n"),
        "progress:\r\n  as_of: 2027-02-01\r\n  done: [python-for-data]\r\n",
        &format!("\r\n# the role\r\n{}", tail.replace('\n', "\r\n")),
        true,
    );
}

#[test]
fn write_appends_a_block_after_a_blank_line_to_a_profile_without_one() {
    let dir = ticked_plan();
    let profile = dir.path().join("profile.yaml");
    // No line break after the last line.
    std::fs::write(&profile, STARTED.trim_end()).expect("profile");
    run_ok(
        "2027-02-15",
        &["progress", "plan.md", "--write", "profile.yaml"],
        dir.path(),
    );
    assert_eq!(
        std::fs::read_to_string(&profile).expect("profile"),
        format!("{STARTED}\n{TICKED_BLOCK}")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("profile.yaml.bak")).expect("backup"),
        STARTED.trim_end()
    );
}

#[test]
fn write_keeps_every_earlier_backup() {
    let dir = ticked_plan();
    let profile = dir.path().join("profile.yaml");
    std::fs::write(dir.path().join("profile.yaml.bak"), "older").expect("backup");
    std::fs::write(dir.path().join("profile.yaml.bak.1"), "old").expect("backup");
    std::fs::write(&profile, STARTED).expect("profile");
    let out = pivot_on(
        "2027-02-15",
        &["progress", "plan.md", "--write", "profile.yaml"],
        dir.path(),
    );
    assert!(
        stderr(&out).contains("(backup: profile.yaml.bak.2)"),
        "{}",
        stderr(&out)
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
    assert_eq!(read("profile.yaml.bak"), "older");
    assert_eq!(read("profile.yaml.bak.1"), "old");
    assert_eq!(read("profile.yaml.bak.2"), STARTED);
}

#[test]
fn write_refuses_a_profile_it_cannot_parse_and_leaves_it_untouched() {
    let dir = ticked_plan();
    let profile = dir.path().join("profile.yaml");
    let cases = [
        // Not YAML pivot can read.
        format!("{STARTED}progress: [\n"),
        // A key the profile does not have.
        format!("{STARTED}colour: blue\n"),
        // A block whose own content is wrong.
        format!("{STARTED}progress:\n  as_of: 2027-02-30\n  done: []\n"),
        // Progress on the same line as another key: pivot cannot say which lines are the block.
        "{name: Priya Sharma, background: software-engineer, target_role: ml-engineer, \
         hours_per_week: 10, start: 2027-01-04, progress: {as_of: 2027-02-01, done: []}}\n"
            .to_string(),
    ];
    for text in cases {
        std::fs::write(&profile, &text).expect("profile");
        let out = pivot_on(
            "2027-02-15",
            &["progress", "plan.md", "--write", "profile.yaml"],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{text:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: profile.yaml:"),
            "{text:?}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read_to_string(&profile).expect("profile"), text);
        assert!(!dir.path().join("profile.yaml.bak").exists(), "{text:?}");
    }
    // Boxes another profile's plan does not hold: refused as with --profile, nothing written.
    let other = STARTED.replace("ml-engineer", "data-scientist");
    std::fs::write(&profile, &other).expect("profile");
    let out = pivot_on(
        "2027-02-15",
        &["progress", "plan.md", "--write", "profile.yaml"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the plan of profile.yaml does not hold"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&profile).expect("profile"), other);
    assert!(!dir.path().join("profile.yaml.bak").exists());
    // --write and --profile say the same thing twice.
    let both = pivot_on(
        "2027-02-15",
        &[
            "progress",
            "plan.md",
            "--write",
            "profile.yaml",
            "--profile",
            "profile.yaml",
        ],
        dir.path(),
    );
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}

#[test]
fn a_plan_id_is_letters_digits_and_dashes_up_to_forty() {
    let with_id = |id: &str| STARTED.replace("background:", &format!("plan_id: {id}\nbackground:"));
    for bad in ["priya 2027", "priya_2027", &"a".repeat(41)] {
        let err = check_fails(&with_id(bad));
        assert!(
            err.starts_with("error: profile.yaml:2:10: plan_id: ")
                && err.contains("allowed: letters, digits and dashes, up to 40 characters"),
            "{err}"
        );
    }
    let plan = TestProfile::default().plan();
    assert!(plan.plan_id.is_none());
    assert!(
        plan.notes
            .iter()
            .any(|note| note.contains("add `plan_id: ")),
        "{:?}",
        plan.notes
    );
}
