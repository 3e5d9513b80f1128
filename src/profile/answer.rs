//! One answer to `pivot init`'s questions, checked on its own by the validator `pivot check`
//! uses, so that a typed answer is refused with the very words a profile holding it would get.

use std::path::Path;

use chrono::{NaiveDate, Weekday};
use serde_saphyr::{Location, Spanned};

use super::raw::{Field, RawBreak, RawSlot};
use super::validate::{Validator, weekday_name};
use super::{Break, Catalog, Error, MAX_HOURS, MIN_HOURS, Scalar, StudySlot};
use crate::words::{hours_phrase, trim_number};

/// Checks answers as the fields of a profile that has nothing else in it yet.
pub struct Answers<'a> {
    validator: Validator<'a>,
}

/// A typed answer as the YAML parser reads a value: nothing when blank, else the text.
fn typed(text: &str) -> Field {
    let scalar = match text.trim() {
        "" => Scalar::Null,
        text => Scalar::Text(text.to_string()),
    };
    Spanned::new(scalar, Location::UNKNOWN, Location::UNKNOWN)
}

/// A typed answer to a question that wants a number: digits are a number, as they are in a
/// profile, and anything else is text the check refuses.
fn typed_number(text: &str) -> Field {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() => {
            Spanned::new(Scalar::Number(n), Location::UNKNOWN, Location::UNKNOWN)
        }
        _ => typed(text),
    }
}

impl<'a> Answers<'a> {
    pub fn new(catalog: &'a Catalog) -> Answers<'a> {
        Answers {
            validator: Validator {
                path: Path::new(""),
                text: "",
                catalog,
            },
        }
    }

    pub fn name(&self, text: &str) -> Result<String, Error> {
        self.validator.name_value(&typed(text))
    }

    pub fn hours_per_week(&self, text: &str) -> Result<f64, Error> {
        self.validator.hours(
            &typed_number(text),
            "hours_per_week",
            (MIN_HOURS, MAX_HOURS),
        )
    }

    pub fn start(&self, text: &str) -> Result<NaiveDate, Error> {
        self.validator.date(&typed(text), "start")
    }

    pub fn months(&self, text: &str) -> Result<u32, Error> {
        self.validator.months(&typed_number(text))
    }

    pub fn timezone(&self, text: &str) -> Result<chrono_tz::Tz, Error> {
        self.validator.timezone(&typed(text))
    }

    pub fn currency(&self, text: &str) -> Result<String, Error> {
        self.validator.currency(&typed(text))
    }

    /// The next weekly session on `day` at `time` for `hours`, after the sessions in `earlier`.
    pub fn study_slot(
        &self,
        earlier: &[StudySlot],
        day: Weekday,
        time: &str,
        hours: &str,
    ) -> Result<StudySlot, Error> {
        let slot = RawSlot {
            day: Some(typed(weekday_name(day))),
            time: Some(typed(time)),
            hours: Some(typed_number(hours)),
        };
        let slot = Spanned::new(slot, Location::UNKNOWN, Location::UNKNOWN);
        self.validator.study_slot(earlier.len() + 1, &slot, earlier)
    }

    /// The sessions add up to `hours_per_week`. `slots` ends with the session being asked
    /// about, and the help says how many hours the ones before it leave, since there is no line
    /// of a file to point to.
    pub fn study_slots_add_up(
        &self,
        slots: &[StudySlot],
        hours_per_week: f64,
    ) -> Result<(), Error> {
        let hours_field = typed_number(&trim_number(hours_per_week));
        let checked =
            self.validator
                .slots_add_up(slots, Location::UNKNOWN, &hours_field, hours_per_week);
        checked.map_err(|err| match err {
            Error::Field {
                at, field, message, ..
            } => {
                let before: f64 = slots.iter().rev().skip(1).map(|s| s.hours).sum();
                Error::Field {
                    at,
                    field,
                    message,
                    help: Some(format!(
                        "{} of your week are left for this session",
                        hours_phrase((hours_per_week - before).max(0.0))
                    )),
                }
            }
            other => other,
        })
    }

    /// Break `number` (from 1): its first and last days and an optional note.
    pub fn break_(&self, number: usize, from: &str, to: &str, note: &str) -> Result<Break, Error> {
        let raw = RawBreak {
            from: Some(typed(from)),
            to: Some(typed(to)),
            note: Some(typed(note)),
        };
        let raw = Spanned::new(raw, Location::UNKNOWN, Location::UNKNOWN);
        self.validator.break_(number.saturating_sub(1), &raw)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Profile;
    use super::*;

    fn said(result: Result<impl std::fmt::Debug, Error>) -> String {
        match result {
            Err(Error::Field { message, .. }) => message,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    /// Each answer gets the message the same value gets from `pivot check`.
    #[test]
    fn answers_are_refused_in_the_words_of_the_check() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        let answers = Answers::new(&catalog);
        let check = |field: &str, value: &str| {
            let text = format!(
                "name: Ann\nbackground: teacher\ntarget_role: ml-engineer\nhours_per_week: 10\n{field}: {value}\n"
            );
            match Profile::from_str(Path::new("p.yaml"), &text, &catalog) {
                Err(Error::Field { message, .. }) => message,
                other => panic!("{field}: {value}: expected a field error, got {other:?}"),
            }
        };
        assert_eq!(
            said(answers.start("2027-02-30")),
            check("start", "2027-02-30")
        );
        assert_eq!(said(answers.months("2")), check("months", "2"));
        assert_eq!(said(answers.months("six")), check("months", "six"));
        assert_eq!(
            said(answers.timezone("Europe/Lndon")),
            check("timezone", "Europe/Lndon")
        );
        assert_eq!(
            said(answers.currency("pounds")),
            check("currency", "pounds")
        );
        let hours = said(answers.hours_per_week("8.3"));
        assert!(hours.contains("quarter hours"), "{hours}");
        assert_eq!(said(answers.name("")), "expected your name, found nothing");
        assert_eq!(answers.hours_per_week(" 7.5 ").expect("hours"), 7.5);
        assert_eq!(answers.months("9").expect("months"), 9);
    }

    #[test]
    fn sessions_are_checked_against_the_earlier_ones_and_the_week() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        let answers = Answers::new(&catalog);
        let first = answers
            .study_slot(&[], Weekday::Tue, "19:00", "3")
            .expect("a session");
        let overlap =
            said(answers.study_slot(std::slice::from_ref(&first), Weekday::Tue, "20:00", "1"));
        assert_eq!(overlap, "overlaps study_slots[1] on the same day");
        let late = said(answers.study_slot(&[], Weekday::Sat, "22:00", "3"));
        assert!(late.contains("runs past midnight"), "{late}");
        let second = answers
            .study_slot(std::slice::from_ref(&first), Weekday::Sat, "09:30", "6")
            .expect("a second session");
        let too_much = answers.study_slots_add_up(&[first.clone(), second], 8.0);
        match too_much {
            Err(Error::Field { message, help, .. }) => {
                assert_eq!(
                    message,
                    "the sessions add up to 9 hours a week, but hours_per_week is 8; they must be equal"
                );
                assert_eq!(
                    help.as_deref(),
                    Some("5 hours of your week are left for this session")
                );
            }
            other => panic!("expected the sum's error, got {other:?}"),
        }
        assert!(answers.study_slots_add_up(&[first], 3.0).is_ok());
    }

    #[test]
    fn a_break_ends_after_it_starts() {
        let catalog = Catalog::builtin().expect("the built-in catalog");
        let answers = Answers::new(&catalog);
        let message = said(answers.break_(1, "2027-04-11", "2027-04-05", ""));
        assert_eq!(
            message,
            "the break ends (2027-04-05) before it starts (2027-04-11)"
        );
        let easter = answers
            .break_(1, "2027-04-05", "2027-04-11", " Easter ")
            .expect("a break");
        assert_eq!(easter.note.as_deref(), Some("Easter"));
        assert_eq!(
            answers
                .break_(2, "2027-08-02", "2027-08-08", "")
                .expect("a break")
                .note,
            None
        );
    }
}
