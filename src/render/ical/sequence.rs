//! SEQUENCE numbers: read the calendar written last time (tolerating anything in it) and raise
//! an event's SEQUENCE only when its timing changed, so clients that honour SEQUENCE update it.

use std::collections::HashMap;

/// The properties whose change makes a new version of an event (RFC 5545 3.8.7.4).
const TIMING: [&str; 5] = ["DTSTART", "DTEND", "DUE", "DURATION", "RRULE"];

/// What the previous calendar said about one UID.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Seen {
    sequence: u32,
    /// Normalised timing lines, `NAME;PARAMS:VALUE`, sorted.
    timing: Vec<String>,
}

/// The events and to-dos of the previous calendar, by UID.
#[derive(Debug, Default)]
pub(super) struct Previous {
    seen: HashMap<String, Seen>,
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
                        current = Seen::default();
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
                    key if TIMING.contains(&key) => {
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
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.to_owned()),
        }
    }
    lines
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
