//! Content lines: the one place that turns properties into escaped, folded, CRLF-terminated
//! iCalendar lines (the `icalendar` crate does the escaping and folding of each line).

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::Property;

use crate::error::Error;

/// Builds the text of one calendar, line by line.
#[derive(Debug, Default)]
pub(super) struct Writer {
    out: String,
}

impl Writer {
    pub(super) fn begin(&mut self, component: &str) {
        self.out.push_str("BEGIN:");
        self.out.push_str(component);
        self.out.push_str("\r\n");
    }

    pub(super) fn end(&mut self, component: &str) {
        self.out.push_str("END:");
        self.out.push_str(component);
        self.out.push_str("\r\n");
    }

    /// A TEXT property (SUMMARY, DESCRIPTION, ...): cleaned of characters that iCalendar text
    /// cannot hold, then escaped by the crate.
    pub(super) fn text(&mut self, key: &str, value: &str) -> Result<(), Error> {
        self.property(key, &[], &clean_text(value))
    }

    /// A property whose value needs no escaping (dates, durations, numbers, UIDs we made).
    pub(super) fn property(
        &mut self,
        key: &str,
        params: &[(&str, &str)],
        value: &str,
    ) -> Result<(), Error> {
        let mut property = Property::new(key, value);
        for (name, param) in params {
            property.add_parameter(name, param);
        }
        let line: String = property.try_into().map_err(|_| Error::Render {
            format: "ics",
            message: format!("cannot write the {key} property"),
        })?;
        self.out.push_str(&line);
        Ok(())
    }

    /// `DTSTART`, `DTEND` or `DUE` for a moment.
    pub(super) fn when(&mut self, key: &str, when: &When, tzid: Option<&str>) -> Result<(), Error> {
        match when {
            When::Date(date) => self.property(key, &[("VALUE", "DATE")], &format_date(*date)),
            When::Local(time) => match tzid {
                Some(tzid) => self.property(key, &[("TZID", tzid)], &format_local(*time)),
                None => self.property(key, &[], &format_local(*time)),
            },
        }
    }

    /// Appends everything `other` wrote.
    pub(super) fn append(&mut self, other: Writer) {
        self.out.push_str(&other.out);
    }

    /// The logical (unfolded) lines written so far, without line endings.
    pub(super) fn unfolded_lines(&self) -> Vec<String> {
        self.out
            .replace("\r\n ", "")
            .split("\r\n")
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect()
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// When an event starts or ends: a whole day, or a local time (in the calendar's zone, or
/// floating when the plan has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum When {
    Date(NaiveDate),
    Local(NaiveDateTime),
}

impl When {
    pub(super) fn sort_key(&self) -> NaiveDateTime {
        match self {
            When::Date(date) => date.and_time(chrono::NaiveTime::MIN),
            When::Local(time) => *time,
        }
    }
}

pub(super) fn format_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

pub(super) fn format_local(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

/// Text as iCalendar can carry it: no carriage returns (a lone CR would break the line
/// structure), no other control characters except line feeds (escaped as `\n`) and tabs.
pub(super) fn clean_text(value: &str) -> String {
    value
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// A one-line title: calendar clients show only the first line of a SUMMARY (khal) or drop an
/// event whose SUMMARY has a line break (calcurse), so breaks become spaces.
pub(super) fn one_line(value: &str, fallback: &str) -> String {
    let joined = clean_text(value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if joined.is_empty() {
        fallback.to_owned()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(key: &str, value: &str) -> String {
        let mut writer = Writer::default();
        writer.text(key, value).expect("writes");
        String::from_utf8(writer.finish()).expect("utf-8")
    }

    #[test]
    fn text_is_escaped_and_cr_is_gone() {
        assert_eq!(
            written("DESCRIPTION", "a,b;c\\d\r\ne\rf\u{7}g"),
            "DESCRIPTION:a\\,b\\;c\\\\d\\ne\\nfg\r\n"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let value = "Zoë ☃ 老虎 ".repeat(40);
        let text = written("DESCRIPTION", &value);
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{value}\r\n"));
    }

    #[test]
    fn one_line_joins_lines_and_falls_back_when_empty() {
        assert_eq!(one_line("a\r\n  b\tc", "x"), "a b c");
        assert_eq!(one_line(" \n\r ", "Study session"), "Study session");
    }

    #[test]
    fn dates_and_times_have_their_value_types() {
        let mut writer = Writer::default();
        let date = NaiveDate::from_ymd_opt(2027, 3, 14).expect("date");
        let time = date.and_hms_opt(19, 0, 0).expect("time");
        writer
            .when("DTSTART", &When::Date(date), None)
            .expect("date");
        writer
            .when("DTSTART", &When::Local(time), Some("America/Los_Angeles"))
            .expect("zoned");
        writer
            .when("DTEND", &When::Local(time), None)
            .expect("floating");
        assert_eq!(
            String::from_utf8(writer.finish()).expect("utf-8"),
            "DTSTART;VALUE=DATE:20270314\r\n\
             DTSTART;TZID=America/Los_Angeles:20270314T190000\r\n\
             DTEND:20270314T190000\r\n"
        );
    }
}
