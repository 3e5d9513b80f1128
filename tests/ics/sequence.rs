//! Re-generating a plan keeps its UIDs, and SEQUENCE rises exactly for the events that moved.

use std::collections::HashMap;

use pivot::render::ical::render;

use crate::fixture::{Slot, Spec, options, plan};
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

#[test]
fn more_hours_move_items_and_raise_sequence_only_where_they_moved() {
    let four = Spec {
        hours_per_week: 4.0,
        slots: vec![
            Slot {
                day: 1,
                time: "19:00",
                hours: 2.0,
            },
            Slot {
                day: 5,
                time: "10:00",
                hours: 2.0,
            },
        ],
        ..Spec::priya()
    };
    let six = Spec {
        hours_per_week: 6.0,
        slots: vec![
            Slot {
                day: 1,
                time: "19:00",
                hours: 2.0,
            },
            Slot {
                day: 5,
                time: "10:00",
                hours: 2.0,
            },
            Slot {
                day: 6,
                time: "10:00",
                hours: 2.0,
            },
        ],
        ..four.clone()
    };
    let first = render(&plan(&four), &options(None)).expect("renders");
    let before = events(&first);
    assert!(before.values().all(|(_, _, sequence)| *sequence == 0));

    let text = String::from_utf8(first.clone()).expect("UTF-8");
    let second = render(&plan(&six), &options(Some(text))).expect("renders");
    let after = events(&second);

    // Every old session still exists under the same UID; the third slot adds new ones.
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
    for (uid, (start, end, _)) in before
        .iter()
        .filter(|(uid, _)| uid.starts_with("milestone-"))
    {
        let (new_start, new_end, _) = after.get(uid).expect("milestones keep their UIDs");
        assert!(
            !start.is_empty() && !end.is_empty() && !new_start.is_empty() && !new_end.is_empty()
        );
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
    let text = String::from_utf8(second.clone()).expect("UTF-8");
    let third = events(&render(&plan(&six), &options(Some(text))).expect("renders"));
    assert_eq!(third, after);

    // Going back raises the moved ones again (1 -> 2), and a broken previous file is harmless.
    let text = String::from_utf8(second).expect("UTF-8");
    let back = events(&render(&plan(&four), &options(Some(text))).expect("renders"));
    assert!(back.values().any(|(_, _, sequence)| *sequence == 2));
    let garbage = render(
        &plan(&four),
        &options(Some("\u{feff}BEGIN:VEVENT\nUID:x\n:\n".into())),
    );
    assert_eq!(garbage.expect("renders"), first);
}
