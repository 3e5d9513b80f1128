//! The iCalendar output, checked with parsers pivot did not write (the `ical` crate and the
//! `icalendar` crate's parser) and, where it is installed, a real client (calcurse).

mod calcurse;
mod daylight;
mod examples;
mod replan;
mod sequence;
mod structure;
#[path = "../support/mod.rs"]
mod support;

use std::collections::HashSet;
use std::io::BufReader;

use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;

/// Parses `bytes` with the `ical` crate, insisting on exactly one calendar.
pub fn parse(bytes: &[u8]) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(bytes));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the ical crate parses it");
    assert!(calendars.next().is_none(), "more than one VCALENDAR");
    calendar
}

pub fn property<'a>(properties: &'a [Property], name: &str) -> Option<&'a Property> {
    properties.iter().find(|property| property.name == name)
}

/// The raw (still escaped) value of `name`.
pub fn value<'a>(properties: &'a [Property], name: &str) -> Option<&'a str> {
    property(properties, name).and_then(|property| property.value.as_deref())
}

/// The first value of parameter `param` on property `name`.
pub fn param<'a>(properties: &'a [Property], name: &str, param: &str) -> Option<&'a str> {
    property(properties, name)?
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key == param)
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

pub fn uid(event: &IcalEvent) -> &str {
    value(&event.properties, "UID").expect("every event has a UID")
}

/// Byte-level rules real clients depend on.
pub fn assert_well_formed(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(!text.starts_with('\u{feff}'), "BOM");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let body = text.strip_suffix("\r\n").expect("ends with CRLF");
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "bare CR or LF in {line:?}"
        );
        assert!(!line.is_empty(), "blank line");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.starts_with("METHOD"), "METHOD: {line}");
    }
    let mut open = Vec::new();
    for line in body.split("\r\n") {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            open.push(name);
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(open.pop(), Some(name), "unbalanced END:{name}");
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}");
}

/// Checks every event's required properties and alarm; returns the events' UIDs.
pub fn assert_events_complete(bytes: &[u8]) -> HashSet<String> {
    let calendar = parse(bytes);
    assert!(calendar.todos.is_empty(), "VTODO in the main calendar");
    assert_eq!(value(&calendar.properties, "VERSION"), Some("2.0"));
    assert!(value(&calendar.properties, "PRODID").is_some());
    assert_eq!(value(&calendar.properties, "CALSCALE"), Some("GREGORIAN"));
    let mut uids = HashSet::new();
    for event in &calendar.events {
        for name in ["SUMMARY", "UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE"] {
            let got = value(&event.properties, name).unwrap_or_default();
            assert!(!got.is_empty(), "event {} lacks {name}", uid(event));
        }
        assert_eq!(
            value(&event.properties, "DTSTAMP"),
            Some("20270101T000000Z")
        );
        assert!(
            uids.insert(uid(event).to_owned()),
            "duplicate UID {}",
            uid(event)
        );
        assert_eq!(event.alarms.len(), 1, "alarm on {}", uid(event));
        let alarm = &event.alarms[0].properties;
        assert_eq!(value(alarm, "ACTION"), Some("DISPLAY"));
        assert!(value(alarm, "TRIGGER").is_some_and(|t| t.starts_with("-PT")));
        assert!(value(alarm, "DESCRIPTION").is_some_and(|d| !d.is_empty()));
    }
    uids
}
