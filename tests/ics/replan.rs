//! Re-planning as a learner does it, with the real binary: a plan written into a folder, then a
//! new plan (name corrected, a skill now known, more hours) written over it. Events keep their
//! UIDs, moved ones get a higher SEQUENCE, and the ones the new plan drops come back once as
//! cancelled, so the learner's calendar app removes them instead of keeping ghosts.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::calcurse::{calcurse_available, import};
use crate::{assert_well_formed, parse, uid, value};

const FIRST: &str = "\
name: Priya Shrama
background: software-engineer
target_role: ml-engineer
hours_per_week: 10
start: 2027-01-04
timezone: Europe/London
study_slots:
  - { day: tue, time: \"19:00\", hours: 4 }
  - { day: sat, time: \"09:30\", hours: 6 }
";

/// The name corrected, the maths known (so a module drops out), Saturdays longer.
const SECOND: &str = "\
name: Priya Sharma
background: software-engineer
target_role: ml-engineer
hours_per_week: 12
start: 2027-01-04
timezone: Europe/London
known_skills: [linear-algebra, calculus, probability]
study_slots:
  - { day: tue, time: \"19:00\", hours: 4 }
  - { day: sat, time: \"09:30\", hours: 8 }
";

fn plan(dir: &Path, profile: &str, extra: &[&str]) {
    plan_on("1798761600", dir, profile, extra);
}

/// Writes the plan with "now" at `epoch` (`SOURCE_DATE_EPOCH`).
fn plan_on(epoch: &str, dir: &Path, profile: &str, extra: &[&str]) {
    std::fs::write(dir.join("p.yaml"), profile).expect("profile");
    let out = Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(["plan", "p.yaml", "--format", "ics"])
        .args(extra)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("pivot runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// UID -> (SEQUENCE, STATUS, DTSTART and DTEND).
fn read(path: &Path) -> HashMap<String, (u32, String, String)> {
    let bytes = std::fs::read(path).expect("calendar");
    assert_well_formed(&bytes);
    let calendar = parse(&bytes);
    let mut events = HashMap::new();
    for event in &calendar.events {
        let get = |name| {
            value(&event.properties, name)
                .unwrap_or_default()
                .to_owned()
        };
        let old = events.insert(
            uid(event).to_owned(),
            (
                get("SEQUENCE").parse().expect("SEQUENCE"),
                get("STATUS"),
                format!("{} {}", get("DTSTART"), get("DTEND")),
            ),
        );
        assert!(old.is_none(), "UID {} twice", uid(event));
    }
    events
}

fn cancelled(events: &HashMap<String, (u32, String, String)>) -> usize {
    events.values().filter(|(_, s, _)| s == "CANCELLED").count()
}

#[test]
fn a_new_plan_updates_moves_and_cancels_and_keeps_every_uid() {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan(dir.path(), FIRST, &["-o", "out/"]);
    let first = read(&dir.path().join("out/plan.ics"));
    assert_eq!(cancelled(&first), 0);

    plan(dir.path(), SECOND, &["-o", "out/"]);
    let second = read(&dir.path().join("out/plan.ics"));
    let mut kept = 0;
    let mut moved = 0;
    let mut gone = 0;
    for (uid, (sequence, _, start)) in &first {
        let (new_sequence, status, new_start) = second
            .get(uid)
            .unwrap_or_else(|| panic!("{uid} vanished instead of being cancelled"));
        if status == "CANCELLED" {
            assert_eq!(*new_sequence, sequence + 1, "{uid}");
            gone += 1;
        } else if new_start == start {
            assert_eq!(new_sequence, sequence, "{uid} kept its times");
            kept += 1;
        } else {
            assert_eq!(*new_sequence, sequence + 1, "{uid} moved");
            moved += 1;
        }
    }
    assert!(kept > 0 && moved > 0 && gone > 0, "{kept} {moved} {gone}");
    assert!(
        second
            .keys()
            .any(|uid| uid.starts_with("milestone-done-math-foundations"))
            && cancelled(&second) == gone,
        "the module now known is cancelled, nothing else"
    );
    let new: Vec<&String> = second.keys().filter(|u| !first.contains_key(*u)).collect();
    assert!(
        new.iter().all(|uid| second[*uid].0 == 0),
        "new events start at SEQUENCE 0: {new:?}"
    );

    // The same plan again: nothing changes, the cancelled events are still there, once.
    plan(dir.path(), SECOND, &["-o", "out/"]);
    assert_eq!(read(&dir.path().join("out/plan.ics")), second);

    if calcurse_available() {
        let bytes = std::fs::read(dir.path().join("out/plan.ics")).expect("calendar");
        let ((_, _, _, skipped), _, _) = import(&bytes, dir.path());
        assert_eq!(skipped, 0, "calcurse imports every event");
    }
}

#[test]
fn previous_names_the_calendar_imported_last() {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan(dir.path(), FIRST, &["-o", "january/"]);
    let first = read(&dir.path().join("january/plan.ics"));
    plan(
        dir.path(),
        SECOND,
        &["-o", "february/", "--previous", "january/plan.ics"],
    );
    let second = read(&dir.path().join("february/plan.ics"));
    assert!(first.keys().all(|uid| second.contains_key(uid)));
    assert!(cancelled(&second) > 0);
    assert!(second.values().any(|(sequence, _, _)| *sequence == 1));

    // Without it, a calendar written elsewhere starts afresh.
    plan(dir.path(), SECOND, &["-o", "march/"]);
    let fresh = read(&dir.path().join("march/plan.ics"));
    assert_eq!(cancelled(&fresh), 0);
    assert!(fresh.values().all(|(sequence, _, _)| *sequence == 0));
}

/// Re-planned from progress in February: the sessions and milestones before the progress date
/// are history and stay in the learner's calendar as they were; the milestone of a module done
/// early, still ahead, is cancelled; sessions ahead keep their UIDs.
#[test]
fn a_replan_from_progress_cancels_only_what_lies_ahead() {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan(dir.path(), FIRST, &["-o", "out/"]);
    let first = read(&dir.path().join("out/plan.ics"));
    let progress = format!(
        "{FIRST}progress:\n  as_of: 2027-02-10\n  done: [math-foundations, deep-learning]\n"
    );
    // 15 February 2027, midnight UTC.
    plan_on("1802649600", dir.path(), &progress, &["-o", "out/"]);
    let second = read(&dir.path().join("out/plan.ics"));
    // DTSTART comes first, as a date or a local time; either sorts by its day.
    let before = |uid: &str, events: &HashMap<String, (u32, String, String)>| {
        events[uid].2.as_str() < "20270210"
    };
    for (uid, (_, status, times)) in &second {
        if status == "CANCELLED" {
            assert!(first.contains_key(uid), "{uid}");
            assert!(
                !before(uid, &second),
                "{uid} at {times} is history, not cancelled"
            );
        }
    }
    let history: Vec<&String> = first
        .keys()
        .filter(|uid| uid.starts_with("session-") && before(uid, &first))
        .collect();
    assert!(!history.is_empty());
    assert!(history.iter().all(|uid| !second.contains_key(*uid)));
    // A done module's milestone is history when it fell before the progress date, and is
    // cancelled when it still lay ahead: the learner did it early.
    for module in ["math-foundations", "deep-learning"] {
        let uid = first
            .keys()
            .find(|uid| uid.starts_with(&format!("milestone-done-{module}.")))
            .expect("the module's milestone");
        if before(uid, &first) {
            assert!(!second.contains_key(uid), "{uid} is history");
        } else {
            assert_eq!(second[uid].1, "CANCELLED", "{uid}: done early, still ahead");
        }
    }
    assert!(
        first
            .keys()
            .filter(|uid| uid.starts_with("session-") && !before(uid, &first))
            .all(|uid| second.contains_key(uid)),
        "every session ahead is still there, updated or cancelled"
    );
}

/// The name corrected and the new plan written to a new folder, without `--previous`: with a
/// `plan_id` every event keeps its UID; without one they are all new.
#[test]
fn a_plan_id_keeps_the_uids_when_the_name_changes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let corrected = FIRST.replace("Priya Shrama", "Priya Sharma");
    let with_id =
        |profile: &str| profile.replace("background:", "plan_id: priya-2027\nbackground:");
    let uids = |folder: &str| -> Vec<String> {
        let mut uids: Vec<String> = read(&dir.path().join(folder).join("plan.ics"))
            .into_keys()
            .collect();
        uids.sort();
        uids
    };
    plan(dir.path(), &with_id(FIRST), &["-o", "first/"]);
    plan(dir.path(), &with_id(&corrected), &["-o", "second/"]);
    assert_eq!(uids("first"), uids("second"));
    plan(dir.path(), FIRST, &["-o", "third/"]);
    plan(dir.path(), &corrected, &["-o", "fourth/"]);
    let (third, fourth) = (uids("third"), uids("fourth"));
    assert_eq!(third.len(), fourth.len());
    assert!(third.iter().all(|uid| !fourth.contains(uid)));
    assert!(third.iter().all(|uid| !uids("first").contains(uid)));
}
