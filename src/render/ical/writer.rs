//! Content lines: the one place that turns properties into escaped, folded, CRLF-terminated
//! iCalendar lines (RFC 5545 3.1 and 3.3.11).
//!
//! Written here rather than through the `icalendar` crate's writer: its folding lets the last
//! continuation line of a property reach 76 octets, and its components add a random UID and the
//! clock's DTSTAMP to every VALARM and VTIMEZONE they write.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Error;

/// Octets a physical line may hold, not counting its CRLF.
const LINE_OCTETS: usize = 75;

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
    /// cannot hold, then escaped.
    pub(super) fn text(&mut self, key: &str, value: &str) -> Result<(), Error> {
        self.property(key, &[], &escape_text(&clean_text(value)))
    }

    /// A property whose value needs no escaping (dates, durations, numbers, UIDs we made).
    /// Parameter values are quoted when they hold `:`, `;` or `,`.
    pub(super) fn property(
        &mut self,
        key: &str,
        params: &[(&str, &str)],
        value: &str,
    ) -> Result<(), Error> {
        // A tab is white space that TEXT may hold (RFC 5545 3.3.11, WSP); every other control
        // character would break the line structure or the clients that read it.
        if value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(Error::Render {
                format: "ics",
                message: format!("the {key} property holds a control character"),
            });
        }
        let mut line = key.to_owned();
        for (name, param) in params {
            line.push(';');
            line.push_str(name);
            line.push('=');
            line.push_str(&param_value(param));
        }
        line.push(':');
        line.push_str(value);
        fold_into(&mut self.out, &line);
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
            When::Utc(time) => self.property(key, &[], &format!("{}Z", format_local(*time))),
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

/// When an event starts or ends: a whole day, a local time (in the calendar's zone, or
/// floating when the plan has none), or a time in UTC, for a moment in an hour the clocks repeat,
/// which no local time can name (RFC 5545 3.3.5 reads a repeated local time as its first
/// occurrence, and not every client does even that).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum When {
    Date(NaiveDate),
    Local(NaiveDateTime),
    Utc(NaiveDateTime),
}

impl When {
    pub(super) fn sort_key(&self) -> NaiveDateTime {
        match self {
            When::Date(date) => date.and_time(chrono::NaiveTime::MIN),
            When::Local(time) | When::Utc(time) => *time,
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

/// TEXT escaping (RFC 5545 3.3.11): backslash first, so the escapes added after it stay single.
pub(super) fn escape_text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A parameter value: no double quotes or control characters (they cannot be escaped there),
/// quoted when it holds a character that would end it.
fn param_value(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if cleaned.contains([':', ';', ',']) {
        format!("\"{cleaned}\"")
    } else {
        cleaned
    }
}

/// Appends `line` folded so that no physical line exceeds 75 octets (the leading space of a
/// continuation counts), never splitting a UTF-8 character, each ended by CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
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
    fn a_tab_in_text_is_kept() {
        let mut w = Writer::default();
        w.text("SUMMARY", "Study:\tmaths")
            .expect("a tab is allowed");
        assert_eq!(w.unfolded_lines(), ["SUMMARY:Study:\tmaths"]);
        assert!(w.property("SUMMARY", &[], "bell\u{7}").is_err());
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
    fn every_length_folds_within_75_octets() {
        for length in 60..240 {
            for filler in ["x", "é", "☃", "😀", "a\\,"] {
                let value: String = filler.repeat(length).chars().take(length).collect();
                let mut out = String::new();
                fold_into(&mut out, &format!("SUMMARY:{value}"));
                let body = out.strip_suffix("\r\n").expect("ends with CRLF");
                for (at, line) in body.split("\r\n").enumerate() {
                    assert!(line.len() <= 75, "{} octets at length {length}", line.len());
                    assert!(!line.is_empty());
                    assert_eq!(at > 0, line.starts_with(' '));
                }
                assert_eq!(body.replace("\r\n ", ""), format!("SUMMARY:{value}"));
            }
        }
    }

    #[test]
    fn parameter_values_are_quoted_when_needed() {
        assert_eq!(param_value("Europe/London"), "Europe/London");
        assert_eq!(param_value("a:b"), "\"a:b\"");
        assert_eq!(param_value("say \"hi\"\n"), "say hi");
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
