//! VTIMEZONE blocks derived from chrono-tz: every offset change within the calendar's span,
//! plus the observance already in force when it begins, so clients that trust the file (ical.js,
//! Outlook) agree with those that look the zone name up (calcurse, khal).

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::writer::{When, Writer, format_local};
use crate::error::Error;

/// The offset rules in force at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    /// Seconds east of UTC.
    offset: i32,
    daylight: bool,
    name: Option<String>,
}

impl Observance {
    fn at(tz: Tz, instant: DateTime<Utc>) -> Self {
        let offset = tz.offset_from_utc_datetime(&instant.naive_utc());
        Observance {
            offset: offset.fix().local_minus_utc(),
            daylight: offset.dst_offset() != Duration::zero(),
            name: offset.abbreviation().map(str::to_owned),
        }
    }

    fn rules(&self) -> Rules {
        Rules {
            offset: self.offset,
            daylight: self.daylight,
        }
    }
}

/// What tells one observance from the next: its offset and whether it is daylight saving
/// time. The scan for changes compares only these, so it copies no names at every step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rules {
    /// Seconds east of UTC.
    offset: i32,
    daylight: bool,
}

impl Rules {
    fn at(tz: Tz, seconds: i64) -> Result<Self, Error> {
        let offset = tz.offset_from_utc_datetime(&instant(seconds)?.naive_utc());
        Ok(Rules {
            offset: offset.fix().local_minus_utc(),
            daylight: offset.dst_offset() != Duration::zero(),
        })
    }
}

/// One onset of an observance: from `from`, at `instant`, the zone follows `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Transition {
    /// Local time of the onset, in the offset before it (RFC 5545 3.6.5).
    onset: NaiveDateTime,
    from: i32,
    to: Observance,
}

/// How far back to look for the change that set the offset in force at the start.
const LOOK_BACK_DAYS: i64 = 400;
/// How far past the last event the changes are written, so an event the learner later moves
/// in their calendar app still gets the right offset in clients that trust the file. (The time
/// zone data lists no changes after 2099, which is why plans end by then: an event moved past
/// it is the one case this cannot cover.)
const LOOK_AHEAD_DAYS: i64 = 2 * 366;
/// Longest span of sessions a VTIMEZONE is written for (far beyond any plan), so that a corrupt
/// date cannot make the scan run for ever.
const MAX_SPAN_DAYS: i64 = 100 * 366;
/// Offset changes are at least this far apart; the scan steps by it and then bisects.
const STEP_SECONDS: i64 = 6 * 3600;

/// Writes the VTIMEZONE for `tz` covering local days `first` to `last` (inclusive), and two
/// years beyond.
pub(super) fn write(
    w: &mut Writer,
    tz: Tz,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(), Error> {
    w.begin("VTIMEZONE");
    w.property("TZID", &[], tz.name())?;
    for transition in transitions(tz, first, last)? {
        let kind = if transition.to.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        w.begin(kind);
        w.property("DTSTART", &[], &format_local(transition.onset))?;
        w.property("TZOFFSETFROM", &[], &format_offset(transition.from))?;
        w.property("TZOFFSETTO", &[], &format_offset(transition.to.offset))?;
        if let Some(name) = &transition.to.name {
            w.text("TZNAME", name);
        }
        w.end(kind);
    }
    w.end("VTIMEZONE");
    Ok(())
}

/// How a session that starts at local `start` in `tz` and lasts `minutes` is written. The
/// scheduler has already moved starts out of the hour the clocks skip; a start in the hour
/// they repeat means its first occurrence. The end is always the start plus the session's real
/// length, so a change of the clocks never lengthens, shortens or empties a session.
pub(super) fn session_times(tz: Tz, start: NaiveDateTime, minutes: i64) -> Option<(When, When)> {
    let begins = tz.from_local_datetime(&start).earliest()?;
    let ends = begins.checked_add_signed(Duration::minutes(minutes))?;
    // A moment in the hour the clocks repeat, the second time round, would be read as the
    // first as a local time, an hour early; say it in UTC, which RFC 5545 (3.8.2.2) allows
    // beside a start with a time zone and which clients read right (a DURATION is added on
    // the wall clock by some). A start anywhere in that hour goes in UTC too, with its end:
    // some clients read a repeated local start as the second pass.
    let repeated = |instant: DateTime<Tz>| match tz.from_local_datetime(&instant.naive_local()) {
        LocalResult::Ambiguous(first, _) => Some(first != instant),
        _ => None,
    };
    if repeated(begins).is_some() {
        return Some((When::Utc(begins.naive_utc()), When::Utc(ends.naive_utc())));
    }
    let end = match repeated(ends) {
        Some(true) => When::Utc(ends.naive_utc()),
        _ => When::Local(ends.naive_local()),
    };
    Some((When::Local(begins.naive_local()), end))
}

fn transitions(tz: Tz, first: NaiveDate, last: NaiveDate) -> Result<Vec<Transition>, Error> {
    let out_of_range = || Error::Render {
        format: "ics",
        message: format!("the plan's dates ({first} to {last}) are outside the time zone data"),
    };
    if (last - first).num_days() > MAX_SPAN_DAYS {
        return Err(out_of_range());
    }
    // A day's margin before the first day covers every local time on it in any zone.
    let start = first
        .pred_opt()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|day| day.and_utc().timestamp())
        .ok_or_else(out_of_range)?;
    let end = last
        .checked_add_signed(Duration::days(LOOK_AHEAD_DAYS))
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|day| day.and_utc().timestamp())
        .ok_or_else(out_of_range)?;
    let look_back = start.saturating_sub(LOOK_BACK_DAYS * 86_400);

    let mut found = Vec::new();
    let mut changes = changes_between(tz, look_back, start)?;
    match changes.pop() {
        Some(latest) => found.push(latest),
        None => {
            // No change in over a year: one observance, in force since long before the plan.
            let now = Observance::at(tz, instant(start)?);
            found.push(Transition {
                onset: NaiveDate::from_ymd_opt(1970, 1, 1)
                    .and_then(|day| day.and_hms_opt(0, 0, 0))
                    .ok_or_else(out_of_range)?,
                from: now.offset,
                to: now,
            });
        }
    }
    found.extend(changes_between(tz, start, end)?);
    Ok(found)
}

/// Every offset change after `from` and up to `to` (Unix seconds), in order.
fn changes_between(tz: Tz, from: i64, to: i64) -> Result<Vec<Transition>, Error> {
    let mut changes = Vec::new();
    let mut before = from;
    let mut rules = Rules::at(tz, before)?;
    while before < to {
        let after = before.saturating_add(STEP_SECONDS).min(to);
        if Rules::at(tz, after)? != rules {
            let at = first_second_of(tz, rules, before, after)?;
            let next = Observance::at(tz, instant(at)?);
            changes.push(Transition {
                onset: instant(at.saturating_add(i64::from(rules.offset)))?.naive_utc(),
                from: rules.offset,
                to: next.clone(),
            });
            rules = next.rules();
        }
        before = after;
    }
    Ok(changes)
}

/// Bisects (`old`, `new`] for the first second that no longer follows `rules`.
fn first_second_of(tz: Tz, rules: Rules, old: i64, new: i64) -> Result<i64, Error> {
    let (mut low, mut high) = (old, new);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if Rules::at(tz, middle)? == rules {
            low = middle;
        } else {
            high = middle;
        }
    }
    Ok(high)
}

fn instant(seconds: i64) -> Result<DateTime<Utc>, Error> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| Error::Render {
        format: "ics",
        message: "a date in the plan is outside the range a calendar can hold".into(),
    })
}

/// `+HHMM`, or `+HHMMSS` for the odd historical offset.
fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let total = seconds.unsigned_abs();
    let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn block(tz: Tz, first: NaiveDate, last: NaiveDate) -> String {
        let mut w = Writer::default();
        write(&mut w, tz, first, last).expect("writes");
        String::from_utf8(w.finish()).expect("utf-8")
    }

    #[test]
    fn los_angeles_2027_has_both_changes() {
        let text = block(
            chrono_tz::America::Los_Angeles,
            day(2027, 1, 4),
            day(2027, 7, 4),
        );
        assert!(text.ends_with("END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"));
        assert_eq!(
            text.matches("BEGIN:DAYLIGHT").count(),
            3,
            "2027, 2028 and 2029"
        );
        assert!(text.contains("DTSTART:20290311T020000\r\nTZOFFSETFROM:-0800\r\nTZOFFSETTO:-0700"));
        assert_eq!(
            &text[..text.find("BEGIN:DAYLIGHT\r\nDTSTART:2028").expect("2028")],
            "BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles\r\n\
             BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0700\r\n\
             TZOFFSETTO:-0800\r\nTZNAME:PST\r\nEND:STANDARD\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0800\r\n\
             TZOFFSETTO:-0700\r\nTZNAME:PDT\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0700\r\n\
             TZOFFSETTO:-0800\r\nTZNAME:PST\r\nEND:STANDARD\r\n"
        );
    }

    #[test]
    fn southern_hemisphere_and_half_hours() {
        let text = block(
            chrono_tz::Australia::Adelaide,
            day(2027, 1, 4),
            day(2027, 12, 31),
        );
        assert!(text.contains("DTSTART:20270404T030000\r\nTZOFFSETFROM:+1030\r\nTZOFFSETTO:+0930"));
        assert!(text.contains("DTSTART:20271003T020000\r\nTZOFFSETFROM:+0930\r\nTZOFFSETTO:+1030"));
    }

    #[test]
    fn a_zone_without_daylight_saving_has_one_standard() {
        let text = block(chrono_tz::Asia::Kolkata, day(2027, 1, 4), day(2027, 7, 4));
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1);
        assert!(!text.contains("DAYLIGHT"));
        assert!(text.contains("DTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530"));
    }

    #[test]
    fn an_absurd_span_is_an_error() {
        let mut w = Writer::default();
        let far = write(
            &mut w,
            chrono_tz::Europe::London,
            day(2027, 1, 4),
            day(9999, 1, 1),
        );
        assert!(far.is_err());
    }

    #[test]
    fn offsets_are_formatted_with_sign() {
        assert_eq!(format_offset(-8 * 3600), "-0800");
        assert_eq!(format_offset(0), "+0000");
        assert_eq!(format_offset(5 * 3600 + 45 * 60), "+0545");
        assert_eq!(format_offset(-(3600 + 15 * 60 + 8)), "-011508");
    }
}
