//! Session times on the nights the clocks change, decided once for every document: a session
//! that starts in the hour the clocks skip moves past the change, and one that would then run
//! into the next session pushes it along, so none is lost or double-booked.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::plan::Week;

/// Longest run of local times a change of the clocks skips (Samoa skipped a whole day in 2011).
const MAX_GAP_MINUTES: i64 = 48 * 60;

/// Moves the sessions of `weeks` to where they really happen in `tz`. A session keeps its
/// length; `moved_from` keeps the slot's usual time when its start moves.
pub(super) fn place_sessions(weeks: &mut [Week], tz: Tz) {
    let mut free_from: Option<DateTime<Tz>> = None;
    for session in weeks.iter_mut().flat_map(|w| w.sessions.iter_mut()) {
        let planned = session.date.and_time(session.time);
        let Some(mut begins) = real_start(tz, planned) else {
            continue;
        };
        if let Some(free) = free_from.filter(|free| *free > begins) {
            begins = free;
        }
        let minutes = (session.hours * 60.0).round() as i64;
        free_from = begins.checked_add_signed(Duration::minutes(minutes));
        let local = begins.naive_local();
        if local != planned {
            session.moved_from = Some(session.time);
            session.date = local.date();
            session.time = local.time();
        }
    }
}

/// The instant a local start means: its first occurrence when the clocks repeat it, and, when
/// they skip it, the same distance past the change, which is how RFC 5545 (3.3.5) says calendar
/// clients read such a time.
fn real_start(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Tz>> {
    if let Some(instant) = tz.from_local_datetime(&local).earliest() {
        return Some(instant);
    }
    // In a gap: read the wall time with the offset in force just before it.
    let before = (1..=MAX_GAP_MINUTES).find_map(|back| {
        tz.from_local_datetime(&(local - Duration::minutes(back)))
            .latest()
    })?;
    let offset = i64::from(before.offset().fix().local_minus_utc());
    Some(tz.from_utc_datetime(&(local - Duration::seconds(offset))))
}
