//! A 19:00 session stays at 19:00 local time across the March 2027 change in Los Angeles, and
//! the file's VTIMEZONE agrees with tzdata about what that means in UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;
use pivot::render::ical::render;

use crate::fixture::{Slot, Spec, day, options, plan};
use crate::{param, parse, uid, value};

fn los_angeles() -> Spec {
    Spec {
        timezone: Some("America/Los_Angeles".into()),
        start: day(2027, 1, 4),
        weeks: 16,
        hours_per_week: 2.0,
        slots: vec![Slot {
            day: 1,
            time: "19:00",
            hours: 2.0,
        }],
        breaks: vec![],
        ..Spec::priya()
    }
}

/// `-0800` as seconds east of UTC.
fn offset_seconds(text: &str) -> i64 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let hours: i64 = text[1..3].parse().expect("hours");
    let minutes: i64 = text[3..5].parse().expect("minutes");
    sign * (hours * 3600 + minutes * 60)
}

fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").expect("local time")
}

#[test]
fn the_vtimezone_has_both_changes_and_sessions_stay_at_seven() {
    let spec = los_angeles();
    let bytes = render(&plan(&spec), &options(None)).expect("renders");
    let calendar = parse(&bytes);

    assert_eq!(calendar.timezones.len(), 1);
    let zone = &calendar.timezones[0];
    assert_eq!(value(&zone.properties, "TZID"), Some("America/Los_Angeles"));
    // (onset in local time, offset from, offset to, daylight?)
    let observances: Vec<(NaiveDateTime, i64, i64, bool)> = zone
        .transitions
        .iter()
        .map(|observance| {
            let props = &observance.properties;
            (
                local(value(props, "DTSTART").expect("onset")),
                offset_seconds(value(props, "TZOFFSETFROM").expect("from")),
                offset_seconds(value(props, "TZOFFSETTO").expect("to")),
                format!("{:?}", observance.transition)
                    .to_ascii_lowercase()
                    .contains("daylight"),
            )
        })
        .collect();
    let standard = observances
        .iter()
        .find(|o| !o.3)
        .expect("a STANDARD observance");
    assert_eq!(standard.2, -8 * 3600);
    assert_eq!(standard.1, -7 * 3600);
    let daylight = observances
        .iter()
        .find(|o| o.3)
        .expect("a DAYLIGHT observance");
    assert_eq!((daylight.1, daylight.2), (-8 * 3600, -7 * 3600));
    let onset = daylight.0;
    assert_eq!(onset.date(), day(2027, 3, 14));
    assert_eq!(onset.date().weekday(), Weekday::Sun);
    assert!(
        (8..=14).contains(&onset.date().day()),
        "the second Sunday of March"
    );
    assert_eq!(onset.format("%H%M").to_string(), "0200");

    let sessions: Vec<_> = calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("session-"))
        .collect();
    assert_eq!(sessions.len(), 16);
    for event in &sessions {
        assert_eq!(
            param(&event.properties, "DTSTART", "TZID"),
            Some("America/Los_Angeles")
        );
        assert_eq!(
            param(&event.properties, "DTEND", "TZID"),
            Some("America/Los_Angeles")
        );
        let start = value(&event.properties, "DTSTART").expect("start");
        assert!(start.ends_with("T190000"), "{start}");
        assert_eq!(local(start).date().weekday(), Weekday::Tue);
    }

    // Resolve two sessions either side of the change with the file's own observances.
    let to_utc = |start: NaiveDateTime| {
        let (_, _, offset, _) = observances
            .iter()
            .filter(|o| o.0 <= start)
            .max_by_key(|o| o.0)
            .expect("an observance in force");
        start - chrono::Duration::seconds(*offset)
    };
    let find = |date: NaiveDate| {
        sessions
            .iter()
            .map(|event| local(value(&event.properties, "DTSTART").expect("start")))
            .find(|start| start.date() == date)
            .expect("a session that day")
    };
    let before = find(day(2027, 3, 9));
    let after = find(day(2027, 3, 16));
    assert_eq!(
        to_utc(before).format("%Y-%m-%dT%H:%MZ").to_string(),
        "2027-03-10T03:00Z"
    );
    assert_eq!(
        to_utc(after).format("%Y-%m-%dT%H:%MZ").to_string(),
        "2027-03-17T02:00Z"
    );

    // And tzdata, through chrono-tz, agrees.
    let tz = chrono_tz::America::Los_Angeles;
    for start in [before, after] {
        let utc = tz
            .from_local_datetime(&start)
            .single()
            .expect("unambiguous")
            .naive_utc();
        assert_eq!(utc, to_utc(start));
    }
}

/// 44 weeks in Dublin from January 2027, over both changes of the clocks.
fn dublin_spec(slots: Vec<Slot>) -> Spec {
    Spec {
        timezone: Some("Europe/Dublin".into()),
        start: day(2027, 1, 4),
        weeks: 44,
        hours_per_week: slots.iter().map(|slot| slot.hours).sum(),
        slots,
        breaks: vec![],
        ..Spec::priya()
    }
}

/// Sessions of a plan in Dublin with Sunday `slots`, as real instants (start, end), read the
/// way RFC 5545 says clients read them: a repeated local time is its first occurrence (3.3.5),
/// a time ending in `Z` is UTC.
fn dublin_sessions(slots: Vec<Slot>) -> Vec<(DateTime<Tz>, DateTime<Tz>)> {
    let bytes = render(&plan(&dublin_spec(slots)), &options(None)).expect("renders");
    let calendar = parse(&bytes);
    let tz = chrono_tz::Europe::Dublin;
    let real = |text: &str| match text.strip_suffix('Z') {
        Some(utc) => tz.from_utc_datetime(&local(utc)),
        None => tz
            .from_local_datetime(&local(text))
            .earliest()
            .unwrap_or_else(|| panic!("{text} does not exist in Dublin")),
    };
    calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("session-"))
        .map(|event| {
            let props = &event.properties;
            assert!(value(props, "DURATION").is_none(), "ends are DTEND");
            (
                real(value(props, "DTSTART").expect("start")),
                real(value(props, "DTEND").expect("end")),
            )
        })
        .collect()
}

fn sunday(time: &'static str, hours: f64) -> Slot {
    Slot {
        day: 6,
        time,
        hours,
    }
}

/// A session whose start falls in the hour the clocks skip (01:00 in Dublin on 28 March 2027)
/// is written where it really happens, 02:00 to 03:00, and keeps its length. Written as 01:00 to
/// 02:00 it would mean 02:00 to 02:00 to every client: an empty event. A session at 01:00 on
/// 31 October, when the clocks repeat 01:00 to 02:00, starts at the first 01:00 and ends at the
/// second, which no local time can name: it is written in UTC, start and end.
#[test]
fn sessions_keep_their_length_when_the_clocks_change() {
    let sessions = dublin_sessions(vec![sunday("01:00", 1.0)]);
    assert_eq!(sessions.len(), 44);
    for (start, end) in &sessions {
        assert_eq!(
            *end - *start,
            chrono::Duration::hours(1),
            "{start} to {end}"
        );
    }
    let on = |date: NaiveDate| {
        sessions
            .iter()
            .find(|(start, _)| start.date_naive() == date)
            .map(|(start, end)| (start.naive_local(), end.naive_utc()))
            .expect("a session that day")
    };
    let (start, end) = on(day(2027, 3, 28));
    assert_eq!(start, day(2027, 3, 28).and_hms_opt(2, 0, 0).expect("time"));
    assert_eq!(
        end,
        day(2027, 3, 28).and_hms_opt(2, 0, 0).expect("time"),
        "03:00 IST"
    );
    let bytes = render(
        &plan(&dublin_spec(vec![sunday("01:00", 1.0)])),
        &options(None),
    )
    .expect("renders");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("DTSTART:20271031T000000Z\r\nDTEND:20271031T010000Z\r\n"));
    let (start, end) = on(day(2027, 10, 31));
    assert_eq!(
        start,
        day(2027, 10, 31).and_hms_opt(1, 0, 0).expect("time"),
        "the first 01:00"
    );
    assert_eq!(
        end,
        day(2027, 10, 31).and_hms_opt(1, 0, 0).expect("time"),
        "the second 01:00"
    );
}

/// Sunday sessions at 01:00 and 02:00: the night the clocks skip 01:00 to 02:00, the first is
/// moved to 02:00, and the second follows it instead of being double-booked with it.
#[test]
fn a_session_moved_by_the_skipped_hour_does_not_overlap_the_next() {
    let sessions = dublin_sessions(vec![sunday("01:00", 1.0), sunday("02:00", 1.0)]);
    assert_eq!(sessions.len(), 88);
    for pair in sessions.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "{:?} overlaps {:?}",
            pair[0],
            pair[1]
        );
    }
    for (start, end) in &sessions {
        assert_eq!(
            *end - *start,
            chrono::Duration::hours(1),
            "{start} to {end}"
        );
    }
    let that_night: Vec<String> = sessions
        .iter()
        .filter(|(start, _)| start.date_naive() == day(2027, 3, 28))
        .map(|(start, end)| format!("{}-{}", start.format("%H:%M"), end.format("%H:%M")))
        .collect();
    assert_eq!(that_night, ["02:00-03:00", "03:00-04:00"]);
}

/// The last year a plan may run in still has both changes of the clocks: a New York plan for
/// 2099 moves to daylight time on the second Sunday of March and back on the first Sunday of
/// November, and a July session at 19:00 is 23:00 UTC.
#[test]
fn the_last_year_a_plan_may_run_in_has_both_changes_of_the_clocks() {
    assert_eq!(pivot::profile::LAST_DAY, day(2099, 12, 31));
    let spec = Spec {
        timezone: Some("America/New_York".into()),
        start: day(2099, 1, 5),
        weeks: 51,
        ..los_angeles()
    };
    let bytes = render(&plan(&spec), &options(None)).expect("renders");
    let calendar = parse(&bytes);
    let zone = &calendar.timezones[0];
    let onsets: Vec<(String, &str)> = zone
        .transitions
        .iter()
        .map(|observance| {
            let kind = format!("{:?}", observance.transition).to_ascii_lowercase();
            let onset = value(&observance.properties, "DTSTART").expect("onset");
            (kind, onset)
        })
        .filter(|(_, onset)| onset.starts_with("2099"))
        .collect();
    assert_eq!(
        onsets,
        [
            ("daylight".to_string(), "20990308T020000"),
            ("standard".to_string(), "20991101T020000"),
        ]
    );
    let july = calendar
        .events
        .iter()
        .filter(|event| uid(event).starts_with("session-"))
        .map(|event| local(value(&event.properties, "DTSTART").expect("start")))
        .find(|start| start.date() == day(2099, 7, 7))
        .expect("a session on 7 July 2099");
    let tz = chrono_tz::America::New_York;
    let utc = tz.from_local_datetime(&july).single().expect("one instant");
    assert_eq!(
        utc.naive_utc(),
        day(2099, 7, 7).and_hms_opt(23, 0, 0).expect("time")
    );
}

/// tzdata, as chrono-tz compiles it, lists New York's changes of the clocks up to 2099 and none
/// after, so July 2100 would come out as standard time, an hour off. That is why plans end by
/// the last day of 2099 (`profile::LAST_YEAR`); should this fail, chrono-tz reaches further now
/// and the limit can move with it.
#[test]
fn the_time_zone_data_ends_with_the_last_year_a_plan_may_run_in() {
    use chrono_tz::OffsetComponents;
    let tz = chrono_tz::America::New_York;
    let daylight_in_july = |year: i32| {
        let noon = day(year, 7, 1).and_hms_opt(12, 0, 0).expect("time");
        !tz.from_utc_datetime(&noon).offset().dst_offset().is_zero()
    };
    let last = pivot::profile::LAST_YEAR;
    assert!(daylight_in_july(last));
    assert!(!daylight_in_july(last + 1));
}
