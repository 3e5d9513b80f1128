//! The iCalendar output, checked with parsers pivot did not write (the `ical` crate and the
//! `icalendar` crate's parser) and, where it is installed, a real client (calcurse).

mod calcurse;
mod daylight;
mod fixture;
mod sequence;
mod structure;

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
