//! Re-generating a plan keeps its UIDs, and SEQUENCE rises exactly for the events that moved.

use std::collections::HashMap;

use pivot::render::RenderOptions;
use pivot::render::ical::render;

use crate::support::{Slot, TestProfile, options};
use crate::{parse, uid, value};

/// UID -> (DTSTART, DTEND, SEQUENCE).
fn events(bytes: &[u8]) -> HashMap<String, (String, String, u32)> {
    parse(bytes)
        .events
        .iter()
        .map(|event| {
            let get = |name| {
                value(&event.properties, name)
                    .unwrap_or_default()
                    .to_owned()
            };
            let sequence = get("SEQUENCE").parse().expect("a number");
            (
                uid(event).to_owned(),
                (get("DTSTART"), get("DTEND"), sequence),
            )
        })
        .collect()
}

fn over(previous: &[u8]) -> RenderOptions {
    RenderOptions {
        previous_calendar: Some(String::from_utf8(previous.to_vec()).expect("UTF-8")),
        ..options()
    }
}

fn slot(day: &'static str, time: &'static str) -> Slot {
    Slot {
        day,
        time,
        hours: 2.0,
    }
}

/// Six months, which both paces fit, so that the two plans have the same months and milestones.
#[test]
fn more_hours_move_items_and_raise_sequence_only_where_they_moved() {
    let four = TestProfile {
        months: 6,
        hours_per_week: 4.0,
        slots: vec![slot("tue", "19:00"), slot("sat", "10:00")],
        ..TestProfile::default()
    }
    .plan();
    let six = TestProfile {
        months: 6,
        hours_per_week: 6.0,
        slots: vec![
            slot("tue", "19:00"),
            slot("sat", "10:00"),
            slot("sun", "10:00"),
        ],
        ..TestProfile::default()
    }
    .plan();
    let first = render(&four, &options()).expect("renders");
    let before = events(&first);
    assert!(before.values().all(|(_, _, sequence)| *sequence == 0));

    let second = render(&six, &over(&first)).expect("renders");
    let after = events(&second);

    // Most old sessions still exist under the same UID; the third slot adds new ones.
    let old_sessions = before
        .keys()
        .filter(|uid| uid.starts_with("session-"))
        .count();
    let shared_sessions = before
        .keys()
        .filter(|uid| uid.starts_with("session-") && after.contains_key(*uid))
        .count();
    assert!(old_sessions > 0);
    assert!(
        shared_sessions * 10 >= old_sessions * 6,
        "{shared_sessions} of {old_sessions}"
    );
    assert!(
        after
            .keys()
            .any(|uid| uid.starts_with("session-") && uid.contains("-3."))
    );
    for uid in before.keys().filter(|uid| uid.starts_with("milestone-")) {
        assert!(after.contains_key(uid), "{uid} keeps its UID");
    }

    let mut moved = 0;
    let mut kept = 0;
    for (uid, (start, end, sequence)) in &after {
        match before.get(uid) {
            None => assert_eq!(*sequence, 0, "new event {uid}"),
            Some((old_start, old_end, _)) if old_start != start || old_end != end => {
                assert_eq!(*sequence, 1, "{uid} moved from {old_start} to {start}");
                moved += 1;
            }
            Some(_) => {
                assert_eq!(*sequence, 0, "{uid} did not move");
                kept += 1;
            }
        }
    }
    assert!(moved > 0, "more hours should move milestones earlier");
    assert!(kept > 0, "sessions in the same slots keep their times");

    // Writing the same plan again over the second file changes no SEQUENCE.
    let third = events(&render(&six, &over(&second)).expect("renders"));
    assert_eq!(third, after);

    // Going back raises the moved ones again (1 -> 2), and a broken previous file is harmless.
    let back = events(&render(&four, &over(&second)).expect("renders"));
    assert!(back.values().any(|(_, _, sequence)| *sequence == 2));
    let garbage = RenderOptions {
        previous_calendar: Some("\u{feff}BEGIN:VEVENT\nUID:x\n:\n".into()),
        ..options()
    };
    assert_eq!(render(&four, &garbage).expect("renders"), first);
}
