//! Which days of a week can hold work, and how many quarter hours each: plan bounds, breaks,
//! partial weeks and study slots.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};

use super::Quarters;
use crate::profile::Profile;

/// The first day of month `index` (1-based) of a plan starting on `start`.
pub fn month_start(start: NaiveDate, index: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(index.saturating_sub(1)))
        .unwrap_or(NaiveDate::MAX)
}

/// 0-based index of the plan week that holds `date`; weeks run Monday to Sunday from the week
/// of `start`, as the placement loop counts them.
pub fn week_of(start: NaiveDate, date: NaiveDate) -> usize {
    let monday = start - Days::new(u64::from(start.weekday().num_days_from_monday()));
    ((date - monday).num_days().max(0) / 7) as usize
}

/// Room for work on one day, or in one study session on that day.
#[derive(Debug, Clone)]
pub struct DayCapacity {
    pub date: NaiveDate,
    pub quarters: Quarters,
    /// Set when the room is a study session: its slot (1-based, in week order) and start time.
    pub session: Option<(u32, NaiveTime)>,
}

/// One week, framed: its dates and the room each day offers, in order.
#[derive(Debug, Clone)]
pub struct WeekFrame {
    pub index: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub overflow: bool,
    /// True when the whole week lies before the day work is placed from (the progress date).
    pub history: bool,
    pub break_note: Option<String>,
    pub days: Vec<DayCapacity>,
}

/// Frames the week that starts on `week_start`. A week ends on Sunday, or on the plan's `end`
/// when that comes first, so that weeks after `end` hold only overflow. Days before `from` (the
/// plan's start, or the progress date) hold no work: a week they cut short is prorated as a
/// partial week is.
pub fn frame_week(
    profile: &Profile,
    index: u32,
    week_start: NaiveDate,
    from: NaiveDate,
    end: NaiveDate,
) -> WeekFrame {
    let to_sunday = 6 - week_start.weekday().num_days_from_monday() as u64;
    let sunday = week_start + Days::new(to_sunday);
    let overflow = week_start > end;
    let week_end = if overflow { sunday } else { sunday.min(end) };
    let days: Vec<NaiveDate> = week_start
        .iter_days()
        .take_while(|d| *d <= week_end)
        .filter(|d| *d >= from)
        .collect();
    let in_break = |d: &NaiveDate| profile.breaks.iter().any(|b| b.from <= *d && *d <= b.to);
    let break_note = profile
        .breaks
        .iter()
        .find(|b| days.iter().any(|d| b.from <= *d && *d <= b.to))
        .map(|b| b.note.clone().unwrap_or_else(|| "Break".to_string()));
    let open: Vec<NaiveDate> = days.iter().copied().filter(|d| !in_break(d)).collect();

    let rooms = if !profile.study_slots.is_empty() {
        let mut slots: Vec<_> = profile.study_slots.iter().collect();
        slots.sort_by_key(|s| (s.day.num_days_from_monday(), s.time));
        open.iter()
            .flat_map(|d| {
                slots
                    .iter()
                    .enumerate()
                    .filter(move |(_, s)| s.day == d.weekday())
                    .map(move |(i, s)| DayCapacity {
                        date: *d,
                        quarters: super::to_quarters(s.hours),
                        session: Some((i as u32 + 1, s.time)),
                    })
            })
            .collect()
    } else {
        let week_quarters = super::to_quarters(profile.hours_per_week * open.len() as f64 / 7.0);
        let n = open.len() as Quarters;
        open.iter()
            .enumerate()
            .map(|(i, d)| DayCapacity {
                date: *d,
                quarters: week_quarters / n + Quarters::from((i as Quarters) < week_quarters % n),
                session: None,
            })
            .collect()
    };
    WeekFrame {
        index,
        start: week_start,
        end: week_end,
        overflow,
        history: week_end < from,
        break_note,
        days: rooms,
    }
}
