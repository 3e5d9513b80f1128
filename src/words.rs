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

/// A role, background or domain title as it reads inside a sentence, where all of them are
/// written alike: "Data Scientist" becomes "data scientist" and "Software engineer" "software
/// engineer", but a word with capitals of its own ("ML", "AI", "MLOps", "DevOps") is left alone.
pub fn in_sentence(title: &str) -> String {
    title
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) if !chars.clone().any(char::is_uppercase) => {
                    first.to_lowercase().chain(chars).collect()
                }
                _ => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_alike_in_a_sentence() {
        for (title, in_text) in [
            ("Data Scientist", "data scientist"),
            ("Finance professional", "finance professional"),
            ("ML Engineer", "ML engineer"),
            ("AI Product Manager", "AI product manager"),
            ("MLOps Engineer", "MLOps engineer"),
            (
                "DevOps or site reliability engineer",
                "DevOps or site reliability engineer",
            ),
            (
                "Career changer (non-technical)",
                "career changer (non-technical)",
            ),
            ("Éducation", "éducation"),
            ("", ""),
        ] {
            assert_eq!(in_sentence(title), in_text, "{title}");
        }
    }
}
