//! Content lines: the one place that turns properties into escaped, folded, CRLF-terminated
//! iCalendar lines (RFC 5545 3.1 and 3.3.11).
//!
//! Written here rather than through the `icalendar` crate's writer: its folding lets the last
//! continuation line of a property reach 76 octets, and its components add a random UID and the
//! clock's DTSTAMP to every VALARM and VTIMEZONE they write.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

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
    /// cannot hold, escaped and folded in one pass, straight into the calendar.
    pub(super) fn text(&mut self, key: &str, value: &str) {
        let mut line = Line::start(&mut self.out, key);
        line.push(":");
        let mut rest = value;
        while let Some((at, c)) = next_needing_care_in_text(rest) {
            line.push(&rest[..at]);
            rest = &rest[at + c.len_utf8()..];
            match c {
                // TEXT escaping (RFC 5545 3.3.11).
                '\\' => line.push("\\\\"),
                ';' => line.push("\\;"),
                ',' => line.push("\\,"),
                // A line break, written CRLF, CR or LF, becomes the escape `\n`: a lone CR
                // would break the line structure.
                '\r' => {
                    rest = rest.strip_prefix('\n').unwrap_or(rest);
                    line.push("\\n");
                }
                '\n' => line.push("\\n"),
                // A tab is white space that TEXT may hold (WSP).
                '\t' => line.push("\t"),
                // Every other control character would break the line structure or the
                // clients that read it.
                _ => {}
            }
        }
        line.push(rest);
        line.end();
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
        let mut line = Line::start(&mut self.out, key);
        for (name, param) in params {
            line.push(";");
            line.push(name);
            line.push("=");
            line.push(&param_value(param));
        }
        line.push(":");
        line.push(value);
        line.end();
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
            When::Utc(time) => self.property(key, &[], &format_utc(*time)),
        }
    }

    /// Appends everything `other` wrote.
    pub(super) fn append(&mut self, other: Writer) {
        self.out.push_str(&other.out);
    }

    /// The logical (unfolded) lines written so far, without line endings.
    pub(super) fn unfolded_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for physical in self.out.split_terminator("\r\n") {
            match (physical.strip_prefix(' '), lines.last_mut()) {
                (Some(rest), Some(last)) => last.push_str(rest),
                _ => lines.push(physical.to_owned()),
            }
        }
        lines
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// One content line on its way into the calendar, folded as it is written so that no physical
/// line exceeds 75 octets (the leading space of a continuation counts) and no UTF-8 character
/// is split (RFC 5545 3.1).
struct Line<'a> {
    out: &'a mut String,
    /// Octets on the current physical line.
    used: usize,
}

impl<'a> Line<'a> {
    fn start(out: &'a mut String, key: &str) -> Self {
        let mut line = Line { out, used: 0 };
        line.push(key);
        line
    }

    /// Appends `piece`, folding before the first character that would not fit: the same
    /// places as folding the whole line character by character, found by slicing instead.
    fn push(&mut self, mut piece: &str) {
        while self.used + piece.len() > LINE_OCTETS {
            let mut fits = LINE_OCTETS - self.used;
            while !piece.is_char_boundary(fits) {
                fits -= 1;
            }
            self.out.push_str(&piece[..fits]);
            self.out.push_str("\r\n ");
            self.used = 1;
            piece = &piece[fits..];
        }
        self.out.push_str(piece);
        self.used += piece.len();
    }

    fn end(self) {
        self.out.push_str("\r\n");
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

/// `YYYYMMDD` (RFC 5545 3.3.4).
pub(super) fn format_date(date: NaiveDate) -> String {
    let mut text = String::with_capacity(16);
    push_date(&mut text, date);
    text
}

/// `YYYYMMDDTHHMMSS`, a local or floating time (RFC 5545 3.3.5).
pub(super) fn format_local(time: NaiveDateTime) -> String {
    let mut text = String::with_capacity(16);
    push_date(&mut text, time.date());
    text.push('T');
    push_two_digits(&mut text, time.hour());
    push_two_digits(&mut text, time.minute());
    // A leap second is the 60th, as chrono writes it.
    push_two_digits(&mut text, time.second() + time.nanosecond() / 1_000_000_000);
    text
}

/// `YYYYMMDDTHHMMSSZ`, a time in UTC (RFC 5545 3.3.5).
pub(super) fn format_utc(time: NaiveDateTime) -> String {
    let mut text = format_local(time);
    text.push('Z');
    text
}

/// Digits written by hand rather than through chrono's `format`, which interprets a format
/// string for every date; the text is the same as its `%Y%m%d`.
fn push_date(text: &mut String, date: NaiveDate) {
    let year = date.year();
    match u32::try_from(year) {
        Ok(year) if year < 10_000 => {
            push_two_digits(text, year / 100);
            push_two_digits(text, year % 100);
        }
        // Never reached by a plan, but written as chrono writes such years: with a sign.
        _ => text.push_str(&format!("{year:+05}")),
    }
    push_two_digits(text, date.month());
    push_two_digits(text, date.day());
}

/// `n` (below 100) as two digits.
fn push_two_digits(text: &mut String, n: u32) {
    text.push(char::from(b'0' + (n / 10 % 10) as u8));
    text.push(char::from(b'0' + (n % 10) as u8));
}

/// Characters that TEXT escapes, turns into a line break or leaves out.
fn needs_care_in_text(c: char) -> bool {
    matches!(c, '\\' | ';' | ',') || c.is_control()
}

/// The first character in `text` that [`needs_care_in_text`], and where it is. Found octet by
/// octet rather than character by character: all such characters are ASCII except the C1
/// controls (U+0080 to U+009F), whose UTF-8 starts with 0xC2, so only an octet that could
/// start one of them is decoded.
fn next_needing_care_in_text(text: &str) -> Option<(usize, char)> {
    let mut from = 0;
    loop {
        let at = from
            + text.as_bytes()[from..]
                .iter()
                .position(|b| matches!(b, b'\\' | b';' | b',' | 0..=0x1F | 0x7F | 0xC2))?;
        let c = text[at..].chars().next()?;
        if needs_care_in_text(c) {
            return Some((at, c));
        }
        from = at + c.len_utf8();
    }
}

/// A parameter value: no double quotes or control characters (they cannot be escaped there),
/// quoted when it holds a character that would end it.
fn param_value(value: &str) -> Cow<'_, str> {
    let cleaned: Cow<'_, str> = if value.contains(|c: char| c == '"' || c.is_control()) {
        value
            .chars()
            .filter(|c| *c != '"' && !c.is_control())
            .collect::<String>()
            .into()
    } else {
        value.into()
    };
    if cleaned.contains([':', ';', ',']) {
        format!("\"{cleaned}\"").into()
    } else {
        cleaned
    }
}

/// Appends `value` to `out` as one line (see [`one_line`]); says whether it appended anything.
pub(super) fn push_one_line(out: &mut String, value: &str) -> bool {
    let mut wrote = false;
    let mut space = false;
    let mut rest = value;
    while !rest.is_empty() {
        // The longest run of characters kept as they are, then what ends it.
        let run = rest
            .find(|c: char| c.is_whitespace() || c.is_control())
            .unwrap_or(rest.len());
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&rest[..run]);
            wrote = true;
        }
        let Some(c) = rest[run..].chars().next() else {
            break;
        };
        // Control characters other than line breaks and tabs are left out, so the text on
        // either side of one joins up; white space between words becomes one space.
        if c.is_whitespace() && (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) {
            space = wrote;
        }
        rest = &rest[run + c.len_utf8()..];
    }
    wrote
}

/// A one-line title: calendar clients show only the first line of a SUMMARY (khal) or drop an
/// event whose SUMMARY has a line break (calcurse), so breaks become spaces.
pub(super) fn one_line(value: &str, fallback: &str) -> String {
    let mut line = String::with_capacity(value.len());
    if push_one_line(&mut line, value) {
        line
    } else {
        fallback.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(key: &str, value: &str) -> String {
        let mut writer = Writer::default();
        writer.text(key, value);
        String::from_utf8(writer.finish()).expect("utf-8")
    }

    #[test]
    fn a_tab_in_text_is_kept() {
        let mut w = Writer::default();
        w.text("SUMMARY", "Study:\tmaths");
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
    fn c1_controls_are_left_out_and_their_neighbours_kept() {
        assert_eq!(
            written("SUMMARY", "£5\u{85}\u{a0}°\u{9f}x\u{7f}"),
            "SUMMARY:£5\u{a0}°x\r\n"
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
                let mut line = Line::start(&mut out, "SUMMARY:");
                line.push(&value);
                line.end();
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

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let value = "x".repeat(LINE_OCTETS - "SUMMARY:".len());
        assert_eq!(written("SUMMARY", &value), format!("SUMMARY:{value}\r\n"));
        let value = format!("{}é", "x".repeat(LINE_OCTETS - "SUMMARY:".len() - 2));
        assert_eq!(written("SUMMARY", &value), format!("SUMMARY:{value}\r\n"));
    }

    #[test]
    fn a_character_that_would_pass_75_octets_moves_whole_to_the_next_line() {
        // 74 octets, then a 2-octet character: the line ends one octet short of 75.
        let start = "x".repeat(LINE_OCTETS - "SUMMARY:".len() - 1);
        assert_eq!(
            written("SUMMARY", &format!("{start}éz")),
            format!("SUMMARY:{start}\r\n éz\r\n")
        );
        // 72 octets, then a 4-octet character that would end at 76.
        let start = "x".repeat(LINE_OCTETS - "SUMMARY:".len() - 3);
        assert_eq!(
            written("SUMMARY", &format!("{start}😀")),
            format!("SUMMARY:{start}\r\n 😀\r\n")
        );
        // 73 octets, then a 2-octet character that ends exactly at 75.
        let start = "x".repeat(LINE_OCTETS - "SUMMARY:".len() - 2);
        assert_eq!(
            written("SUMMARY", &format!("{start}éé")),
            format!("SUMMARY:{start}é\r\n é\r\n")
        );
    }

    #[test]
    fn an_escape_at_the_fold_is_folded_like_any_other_octets() {
        // The backslash is the 75th octet; its `,` starts the continuation.
        let start = "x".repeat(LINE_OCTETS - "SUMMARY:".len() - 1);
        assert_eq!(
            written("SUMMARY", &format!("{start},y")),
            format!("SUMMARY:{start}\\\r\n ,y\r\n")
        );
        // A line break, as CRLF, right where the line is full.
        let start = "x".repeat(LINE_OCTETS - "SUMMARY:".len());
        assert_eq!(
            written("SUMMARY", &format!("{start}\r\ny")),
            format!("SUMMARY:{start}\r\n \\ny\r\n")
        );
    }

    /// Cleaning, escaping and folding as three separate passes over the whole value: slow,
    /// but each step plainly what RFC 5545 asks for.
    fn written_in_three_passes(key: &str, value: &str) -> String {
        let cleaned: String = value
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect();
        let escaped = cleaned
            .replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
            .replace('\n', "\\n");
        let mut out = String::new();
        let mut used = 0;
        for c in format!("{key}:{escaped}").chars() {
            if used + c.len_utf8() > LINE_OCTETS {
                out.push_str("\r\n ");
                used = 1;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out + "\r\n"
    }

    proptest::proptest! {
        #[test]
        fn text_is_written_as_cleaning_escaping_and_folding_in_turn_would(
            value in "([a-zé£☃😀 ,;\\\\\t\r\n\u{7}\u{7f}\u{85}\u{9f}\u{a0}]|x{70}){0,40}"
        ) {
            proptest::prop_assert_eq!(
                written("DESCRIPTION", &value),
                written_in_three_passes("DESCRIPTION", &value)
            );
        }

        #[test]
        fn one_line_keeps_the_words_of_the_cleaned_text(
            value in "[a-zé \t\r\n\u{7}\u{b}\u{85}\u{a0}\u{2028}]{0,30}"
        ) {
            let cleaned: String = value
                .replace("\r\n", "\n")
                .chars()
                .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
                .collect();
            let words = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
            let expected = if words.is_empty() { "-".to_owned() } else { words };
            proptest::prop_assert_eq!(one_line(&value, "-"), expected);
        }
    }

    #[test]
    fn dates_and_times_read_as_chrono_writes_them() {
        let days = [
            (2027, 1, 4),
            (1970, 1, 1),
            (999, 12, 31),
            (5, 6, 7),
            (0, 1, 1),
            (-1, 1, 1),
            (10_000, 1, 1),
            (2099, 12, 31),
        ];
        for (year, month, day) in days {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("date");
            assert_eq!(format_date(date), date.format("%Y%m%d").to_string());
            for (h, m, s, nano) in [(0, 0, 0, 0), (9, 5, 7, 0), (23, 59, 59, 1_500_000_000)] {
                let time = date.and_hms_nano_opt(h, m, s, nano).expect("time");
                assert_eq!(format_local(time), time.format("%Y%m%dT%H%M%S").to_string());
                assert_eq!(format_utc(time), time.format("%Y%m%dT%H%M%SZ").to_string());
            }
        }
    }

    #[test]
    fn timing_lines_unfold() {
        let mut w = Writer::default();
        w.when(
            "DTSTART",
            &When::Utc(
                NaiveDate::from_ymd_opt(2027, 3, 14)
                    .expect("date")
                    .and_hms_opt(1, 0, 0)
                    .expect("time"),
            ),
            None,
        )
        .expect("time");
        w.property("X-LONG", &[("TZID", &"Z".repeat(100))], "1")
            .expect("long");
        assert_eq!(
            w.unfolded_lines(),
            [
                "DTSTART:20270314T010000Z".to_owned(),
                format!("X-LONG;TZID={}:1", "Z".repeat(100))
            ]
        );
    }
}
