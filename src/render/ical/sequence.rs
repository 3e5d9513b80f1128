//! The calendar written last time, read leniently: an event's SEQUENCE rises only when its
//! timing changed, so clients that honour SEQUENCE update it, and an event the new plan no longer
//! has is written once more as cancelled, so those clients remove it instead of keeping a ghost.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use super::writer::When;

/// The properties whose change makes a new version of an event (RFC 5545 3.8.7.4).
const TIMING: [&str; 5] = ["DTSTART", "DTEND", "DUE", "DURATION", "RRULE"];

/// What the previous calendar said about one UID.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Seen {
    /// `VEVENT` or `VTODO`.
    kind: String,
    sequence: u32,
    /// Normalised timing lines, `NAME;PARAMS:VALUE`, sorted.
    timing: Vec<String>,
    /// The timing as moments, where pivot can read them back (`DTSTART`, `DTEND`, `DUE`).
    moments: Vec<(String, When)>,
    /// SUMMARY, unescaped.
    summary: String,
    cancelled: bool,
}

/// The events and to-dos of the previous calendar, by UID.
#[derive(Debug, Default)]
pub(super) struct Previous {
    seen: HashMap<String, Seen>,
}

/// An event or to-do of the previous calendar that the new plan no longer has, to be written
/// once more with `STATUS:CANCELLED`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cancelled {
    pub(super) uid: String,
    /// `VEVENT` or `VTODO`.
    pub(super) kind: String,
    pub(super) sequence: u32,
    pub(super) summary: String,
    /// `DTSTART`, `DTEND` or `DUE`, as written in the new file: a zone's local time becomes UTC,
    /// since the new calendar may not define that zone.
    pub(super) moments: Vec<(String, When)>,
}

impl Previous {
    /// Reads `text` leniently: unknown lines, broken nesting and bad numbers are skipped.
    pub(super) fn parse(text: Option<&str>) -> Self {
        let mut seen = HashMap::new();
        let Some(text) = text else {
            return Previous { seen };
        };
        let mut depth_in_item: Option<usize> = None;
        let mut depth = 0usize;
        let mut uid: Option<String> = None;
        let mut current = Seen::default();
        for line in unfold(text) {
            // Most lines (descriptions, stamps, alarms) matter to nothing here: they are
            // passed over by their name, without taking them apart.
            let in_item = depth_in_item == Some(depth);
            if !name_of(&line).is_some_and(|name| wanted(name, in_item)) {
                continue;
            }
            let Some((name, params, value)) = split(&line) else {
                continue;
            };
            match name.as_str() {
                "BEGIN" => {
                    depth += 1;
                    let kind = value.trim().to_ascii_uppercase();
                    if depth_in_item.is_none() && (kind == "VEVENT" || kind == "VTODO") {
                        depth_in_item = Some(depth);
                        uid = None;
                        current = Seen {
                            kind,
                            ..Seen::default()
                        };
                    }
                }
                "END" => {
                    if depth_in_item == Some(depth) {
                        if let Some(uid) = uid.take() {
                            current.timing.sort();
                            remember(&mut seen, uid, std::mem::take(&mut current));
                        }
                        depth_in_item = None;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ if depth_in_item == Some(depth) => match name.as_str() {
                    "UID" => uid = Some(value.trim().to_owned()),
                    "SEQUENCE" => current.sequence = value.trim().parse().unwrap_or(0),
                    "SUMMARY" => current.summary = unescape(&value),
                    "STATUS" => current.cancelled = value.trim().eq_ignore_ascii_case("CANCELLED"),
                    key if TIMING.contains(&key) => {
                        if let Some(when) = moment(&params, &value) {
                            current.moments.push((key.to_owned(), when));
                        }
                        current.timing.push(normalise(key, &params, &value))
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Previous { seen }
    }

    /// The SEQUENCE for `uid` whose timing properties are the content lines `timing`
    /// (as written, unfolded).
    pub(super) fn sequence(&self, uid: &str, timing: &[String]) -> u32 {
        let Some(seen) = self.seen.get(uid) else {
            return 0;
        };
        let mut now: Vec<String> = timing
            .iter()
            .filter_map(|line| split(line))
            .map(|(name, params, value)| normalise(&name, &params, &value))
            .collect();
        now.sort();
        if now == seen.timing {
            seen.sequence
        } else {
            seen.sequence.saturating_add(1)
        }
    }
}

impl Previous {
    /// The identity part of pivot's UIDs in the previous calendar (what follows the item in
    /// `milestone-x.IDENTITY@pivot`), the most common one when there are several, so events
    /// keep their UIDs when the learner corrects their name.
    pub(super) fn identity(&self) -> Option<String> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for uid in self.seen.keys() {
            if let Some(identity) = uid
                .strip_suffix("@pivot")
                .and_then(|rest| rest.rsplit_once('.'))
                .map(|(_, identity)| identity)
                .filter(|identity| !identity.is_empty())
            {
                *counts.entry(identity).or_default() += 1;
            }
        }
        let most = counts.values().copied().max()?;
        counts
            .into_iter()
            .find(|(_, count)| *count == most)
            .map(|(identity, _)| identity.to_owned())
    }

    /// The previous calendar's items of `kind` whose UID ends with `suffix` and is not in
    /// `current`, in UID order, each with the SEQUENCE that tells clients to drop it. Items
    /// that pivot cannot place in time are left out.
    pub(super) fn cancelled(
        &self,
        kind: &str,
        suffix: &str,
        current: &HashSet<&str>,
    ) -> Vec<Cancelled> {
        let mut gone: Vec<Cancelled> = self
            .seen
            .iter()
            .filter(|(uid, seen)| {
                seen.kind == kind && uid.ends_with(suffix) && !current.contains(uid.as_str())
            })
            .filter(|(_, seen)| seen.moments.iter().any(|(key, _)| key != "DTEND"))
            .map(|(uid, seen)| Cancelled {
                uid: uid.clone(),
                kind: seen.kind.clone(),
                // Already cancelled and unchanged: the same version again.
                sequence: if seen.cancelled {
                    seen.sequence
                } else {
                    seen.sequence.saturating_add(1)
                },
                summary: seen.summary.clone(),
                moments: seen.moments.clone(),
            })
            .collect();
        gone.sort_by(|a, b| a.uid.cmp(&b.uid));
        gone
    }
}

/// A date, a UTC time, a floating time or a zone's local time (as UTC), as written by pivot
/// or any client; `None` for what pivot cannot read back.
fn moment(params: &[String], value: &str) -> Option<When> {
    let value = value.trim();
    if params.iter().any(|p| p == "VALUE=DATE") {
        return NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()
            .map(When::Date);
    }
    if let Some(utc) = value.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .ok()
            .map(When::Utc);
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    match params.iter().find_map(|p| p.strip_prefix("TZID=")) {
        None => Some(When::Local(local)),
        Some(name) => {
            let tz: chrono_tz::Tz = name.parse().ok()?;
            let instant = tz.from_local_datetime(&local).earliest()?;
            Some(When::Utc(instant.naive_utc()))
        }
    }
}

/// TEXT as written (RFC 5545 3.3.11) back to plain text.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// A UID seen twice (a recurrence override, say) keeps the highest SEQUENCE.
fn remember(seen: &mut HashMap<String, Seen>, uid: String, item: Seen) {
    match seen.get_mut(&uid) {
        Some(known) => known.sequence = known.sequence.max(item.sequence),
        None => {
            seen.insert(uid, item);
        }
    }
}

/// Logical lines: CRLF, LF or CR endings; a line starting with a space or tab continues the
/// previous one.
fn unfold(text: &str) -> Vec<Cow<'_, str>> {
    let mut lines: Vec<Cow<'_, str>> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.to_mut().push_str(rest),
            _ => lines.push(Cow::Borrowed(raw)),
        }
    }
    lines
}

/// A content line's name as written (before its parameters or value), if it has one: what
/// [`split`] would upper-case and trim.
fn name_of(line: &str) -> Option<&str> {
    line.find([';', ':']).map(|end| line[..end].trim())
}

/// Whether a line named `name` (in any case) matters to [`Previous::parse`]: the start or end
/// of a component, or, inside an event or to-do, its identity, sequence, title, status or
/// timing.
fn wanted(name: &str, in_item: bool) -> bool {
    let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
    is("BEGIN")
        || is("END")
        || (in_item
            && (is("UID")
                || is("SEQUENCE")
                || is("SUMMARY")
                || is("STATUS")
                || TIMING.iter().any(|timing| is(timing))))
}

/// Splits a content line into its upper-cased name, its parameters (upper-cased, sorted) and its
/// value. Colons inside quoted parameter values do not end the name part.
fn split(line: &str) -> Option<(String, Vec<String>, String)> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(at, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(at),
        _ => None,
    })?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let mut params: Vec<String> = parts
        .map(|param| match param.split_once('=') {
            Some((key, value)) => format!(
                "{}={}",
                key.trim().to_ascii_uppercase(),
                value.trim().trim_matches('"')
            ),
            None => param.trim().to_ascii_uppercase(),
        })
        .collect();
    params.sort();
    Some((name, params, value.to_owned()))
}

fn normalise(name: &str, params: &[String], value: &str) -> String {
    let mut line = name.to_owned();
    for param in params {
        line.push(';');
        line.push_str(param);
    }
    line.push(':');
    line.push_str(value.trim());
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@pivot\r\n\
        SEQUENCE:3\r\nDTSTART;VALUE=DATE:20270124\r\nDTEND;VALUE=DATE:20270125\r\n\
        BEGIN:VALARM\r\nTRIGGER:-PT15H\r\nDTSTART:19990101T000000\r\nEND:VALARM\r\n\
        END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@piv\r\n ot\r\n\
        DTSTART;TZID=\"Europe/London\":2027\r\n 0105T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    fn lines(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|line| (*line).to_owned()).collect()
    }

    #[test]
    fn unchanged_timing_keeps_the_sequence() {
        let previous = Previous::parse(Some(OLD));
        let timing = lines(&["DTEND;VALUE=DATE:20270125", "DTSTART;VALUE=DATE:20270124"]);
        assert_eq!(previous.sequence("a@pivot", &timing), 3);
        let timing = lines(&["DTSTART;TZID=Europe/London:20270105T190000"]);
        assert_eq!(previous.sequence("b@pivot", &timing), 0);
    }

    #[test]
    fn changed_timing_raises_the_sequence() {
        let previous = Previous::parse(Some(OLD));
        let timing = lines(&["DTSTART;VALUE=DATE:20270131", "DTEND;VALUE=DATE:20270201"]);
        assert_eq!(previous.sequence("a@pivot", &timing), 4);
        let timing = lines(&["DTSTART;VALUE=DATE:20270124"]);
        assert_eq!(previous.sequence("a@pivot", &timing), 4);
    }

    #[test]
    fn names_are_read_in_any_case_with_spaces_and_folds() {
        // As other programs may write them: lower case, spaces around a name, a name folded.
        let old = "begin:vcalendar\r\nbegin:vevent\r\nuid :c@pivot\r\nSEQ\r\n UENCE:7\r\n\
            dtstart;value=DATE:20270124\r\nend:vevent\r\nend:vcalendar\r\n";
        let previous = Previous::parse(Some(old));
        let timing = lines(&["DTSTART;VALUE=DATE:20270124"]);
        assert_eq!(previous.sequence("c@pivot", &timing), 7);
        let timing = lines(&["DTSTART;VALUE=DATE:20270125"]);
        assert_eq!(previous.sequence("c@pivot", &timing), 8);
    }

    #[test]
    fn new_uids_and_missing_calendars_start_at_zero() {
        let timing = lines(&["DTSTART;VALUE=DATE:20270124"]);
        assert_eq!(Previous::parse(Some(OLD)).sequence("c@pivot", &timing), 0);
        assert_eq!(Previous::parse(None).sequence("a@pivot", &timing), 0);
    }

    #[test]
    fn garbage_is_tolerated() {
        for text in [
            "",
            "\u{feff}BEGIN:VEVENT\nUID:a@pivot\nSEQUENCE:x\nEND:VEVENT",
            "END:VEVENT\r\nEND:VCALENDAR\r\n:\r\n;;;\r\nBEGIN\r\n\"",
            "BEGIN:VEVENT\nUID:a@pivot\nSEQUENCE:99999999999999999999\nBEGIN:VEVENT\n",
        ] {
            let previous = Previous::parse(Some(text));
            assert!(previous.sequence("a@pivot", &[]) <= 1);
        }
    }
}
