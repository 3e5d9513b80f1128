//! One way of writing numbers, hours, money, dates and titles in every message and document.

use chrono::NaiveDate;

/// A date in a sentence: "3 July 2027".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A date with its weekday: "Sat 3 Jul 2027".
pub fn day_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// A date in a table: "3 Jul 2027".
pub fn table_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A day of the plan, short: "Sat 3 Jul".
pub fn short_day(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// About how many months run from `from` to `to`, as "about 9 months" says it: a month taken
/// as 30.44 days (its average length), rounded, and at least one.
pub fn about_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let days = (to - from).num_days().max(0) as f64;
    (days / 30.44).round().max(1.0) as u32
}

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

/// A list in running text: "a", "a and b", "a, b and c".
pub fn join_and(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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

/// Hours as a short label, exactly: "4 h", "7.5 h", "3.75 h". Plans are made in quarter
/// hours, so two decimals are always enough and every shown sum adds up.
pub fn hours_short(value: f64) -> String {
    format!("{} h", trim_number(value))
}

/// An amount of money, one way everywhere: "£1,234.50", "€300", "USD 49" (the code for
/// currencies without a symbol of their own), thousands grouped, pence only when there are any.
pub fn money(amount: f64, currency: &str) -> String {
    let cents = (amount.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = cents - whole * 100.0;
    let digits = format!("{whole:.0}");
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction > 0.0 {
        grouped.push_str(&format!(".{fraction:02.0}"));
    }
    let sign = if amount < 0.0 && cents > 0.0 { "-" } else { "" };
    match currency.trim().to_ascii_uppercase().as_str() {
        "GBP" => format!("{sign}£{grouped}"),
        "EUR" => format!("{sign}€{grouped}"),
        other => format!("{other} {sign}{grouped}"),
    }
}

/// An amount converted at a past day's exchange rate, to the precision it deserves: two
/// significant figures ("about £9,100", "about £39"), never finer than a whole unit.
pub fn approximate(amount: f64) -> f64 {
    let step = approximation_step(amount);
    (amount / step).round() * step
}

/// What [`approximate`] rounds `amount` to a multiple of: 1 below 100, 10 below 1,000, and so on.
pub fn approximation_step(amount: f64) -> f64 {
    if amount == 0.0 || !amount.is_finite() {
        return 1.0;
    }
    let magnitude = amount.abs().log10().floor() as i32;
    10f64.powi((magnitude - 1).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_hours_are_shown_exactly() {
        assert_eq!(hours_short(10.0), "10 h");
        assert_eq!(hours_short(7.5), "7.5 h");
        assert_eq!(hours_short(3.75), "3.75 h");
        assert_eq!(hours_short(0.25), "0.25 h");
        assert_eq!(hours_phrase(6.25), "6.25 hours");
        assert_eq!(hours_phrase(1.0), "1 hour");
        // Shown parts add up to the shown whole.
        let parts = [3.75, 6.25];
        let shown: f64 = parts
            .iter()
            .map(|p| trim_number(*p).parse::<f64>().expect("a number"))
            .sum();
        assert_eq!(trim_number(shown), "10");
    }

    #[test]
    fn money_is_written_one_way() {
        assert_eq!(money(300.0, "GBP"), "£300");
        assert_eq!(money(12345.5, "eur"), "€12,345.50");
        assert_eq!(money(1_000_000.0, "USD"), "USD 1,000,000");
        assert_eq!(money(49.999, "USD"), "USD 50");
        assert_eq!(money(-5.0, "CHF"), "CHF -5");
    }

    #[test]
    fn converted_amounts_keep_two_significant_figures() {
        assert_eq!(approximate(9085.99), 9100.0);
        assert_eq!(approximate(38.88), 39.0);
        assert_eq!(approximate(5.4), 5.0);
        assert_eq!(approximate(0.4), 0.0);
        assert_eq!(approximate(233_389.0), 230_000.0);
        assert_eq!(approximate(-1086.0), -1100.0);
        assert_eq!(approximate(0.0), 0.0);
        assert_eq!(approximation_step(9085.99), 100.0);
        assert_eq!(approximation_step(38.88), 1.0);
    }

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
