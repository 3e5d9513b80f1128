//! One way of writing numbers, hours and titles in every message and document.

/// Plans are made in quarter hours, so hours are given in steps of this.
pub const HOURS_STEP: f64 = 0.25;

/// Why `hours` cannot be used as it is, when it falls between quarter hours, and the two
/// nearest values that can (a value in between would be silently rounded).
pub fn off_quarter(hours: f64) -> Option<(String, String)> {
    let quarters = hours / HOURS_STEP;
    if (quarters - quarters.round()).abs() < 1e-9 {
        return None;
    }
    Some((
        format!(
            "{} is not a whole number of quarter hours; allowed: steps of {HOURS_STEP}, since plans are made in quarter hours",
            short_number(hours)
        ),
        match quarters.floor() {
            0.0 => format!("write {HOURS_STEP}"),
            below => format!(
                "write {} or {}",
                trim_number(below * HOURS_STEP),
                trim_number(quarters.ceil() * HOURS_STEP)
            ),
        },
    ))
}

/// A title as it reads inside a sentence: "Software engineer" becomes "software engineer", but
/// a first word with capitals of its own ("DevOps", "ML", "AI") is left alone.
pub fn in_sentence(title: &str) -> String {
    let first_word = title.split_whitespace().next().unwrap_or_default();
    if first_word.chars().skip(1).any(char::is_uppercase) {
        return title.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Hours in a sentence: "1 hour", "7.5 hours".
pub fn hours_phrase(n: f64) -> String {
    let text = trim_number(n);
    if text == "1" {
        "1 hour".to_string()
    } else {
        format!("{text} hours")
    }
}

/// A number as it reads in a message: as Rust writes it, but in scientific notation when it is
/// huge or tiny (`1e308` has 309 digits written out).
pub fn short_number(n: f64) -> String {
    if n != 0.0 && !(1e-6..1e12).contains(&n.abs()) {
        format!("{n:e}")
    } else {
        n.to_string()
    }
}

/// `10` rather than `10.0`, `7.5` as is.
pub fn trim_number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}
