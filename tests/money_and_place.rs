//! What the learner's route costs in their currency against their budget, whether its hours fit
//! theirs, and what their time zone says of where they are: the currency, when the profile gives
//! none, and the city of the meetup task.
//!
//! The test catalog's rates are round: one euro is 0.8 pounds, 1.25 US dollars and 20 Mexican
//! pesos, so a pound is 1.5625 dollars or 25 pesos.

mod support;

use chrono::{Months, NaiveDate};
use pivot::plan::{Plan, RouteCost};
use pivot::words::money;
use support::TestProfile;

fn cost<'p>(plan: &'p Plan, resource: &str) -> &'p RouteCost {
    plan.route
        .costs
        .iter()
        .find(|c| c.resource == resource)
        .unwrap_or_else(|| panic!("a cost for `{resource}` in {:#?}", plan.route.costs))
}

fn bootcamp_in_dollars(budget: u32) -> Plan {
    TestProfile {
        route: "bootcamp",
        currency: Some("USD"),
        budget: Some(budget),
        ..TestProfile::default()
    }
    .plan()
}

#[test]
fn a_bootcamp_priced_in_pounds_is_converted_into_the_learners_dollars() {
    let plan = bootcamp_in_dollars(10_000);
    let bootcamp = cost(&plan, "bootcamp-course");
    // 5,000 pounds are 7,812.50 dollars, shown to two significant figures.
    assert_eq!(bootcamp.amount, Some(7_800.0));
    assert!(bootcamp.converted);
    assert_eq!(
        bootcamp.text,
        "A bootcamp's own course: £5,000, about USD 7,800"
    );
    // A cost in the learner's own currency is exact.
    let course = cost(&plan, "ml-course");
    assert!(!course.converted);
    let months = course.months.expect("a monthly price");
    assert_eq!(course.amount, Some(49.0 * f64::from(months)));

    let route = &plan.route;
    let total = route.total.expect("every cost converts");
    // As precise as its least precise part, the bootcamp's hundreds.
    let parts: f64 = route.costs.iter().filter_map(|c| c.amount).sum();
    assert_eq!(total, (parts / 100.0).round() * 100.0);
    assert!(route.converted);
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).expect("a date");
    assert_eq!(route.rates_of, [day]);
    assert_eq!(
        route.total_text.as_deref(),
        Some(
            format!(
                "Total: about {}, converted at the exchange rates of 2 November 2026",
                money(total, "USD")
            )
            .as_str()
        )
    );
    assert_eq!(
        route.verdict.as_deref(),
        Some(
            format!(
                "It fits your budget of USD 10,000, with about {} to spare. Exchange rates move, \
                 so check the price in USD before you pay.",
                money(10_000.0 - total, "USD")
            )
            .as_str()
        )
    );
}

#[test]
fn rates_much_older_than_the_start_are_said_to_be_old() {
    // The test catalog's rates are of 2 November 2026: two months before the default start
    // they go unremarked (above), seven months before this one they do not.
    let plan = TestProfile {
        route: "bootcamp",
        currency: Some("USD"),
        budget: Some(10_000),
        start: "2027-06-07",
        ..TestProfile::default()
    }
    .plan();
    let text = plan.route.total_text.expect("a total");
    assert!(
        text.ends_with(
            "converted at the exchange rates of 2 November 2026, about 7 months before your \
             plan starts: rates move, so check today's before you pay"
        ),
        "{text}"
    );
}

#[test]
fn a_bootcamp_over_the_budget_says_by_how_much() {
    let plan = bootcamp_in_dollars(5_000);
    let total = plan.route.total.expect("every cost converts");
    let verdict = plan.route.verdict.expect("a verdict");
    assert!(
        verdict.starts_with(&format!(
            "It comes to about {} more than your budget of USD 5,000: ",
            money(total - 5_000.0, "USD")
        )),
        "{verdict}"
    );
}

#[test]
fn a_monthly_price_is_paid_for_the_months_the_plan_uses_it() {
    let plan = support::plan();
    let course = cost(&plan, "ml-course");
    let months = course.months.expect("a monthly price");
    let using: Vec<_> = plan
        .items
        .iter()
        .filter(|i| i.resources.iter().any(|r| r == "ml-course"))
        .collect();
    let first = using.iter().map(|i| i.start).min().expect("items use it");
    let last = using.iter().map(|i| i.finish).max().expect("items use it");
    let paid_to = |m: u32| first.checked_add_months(Months::new(m)).expect("a date");
    assert!(
        paid_to(months) > last,
        "{months} months from {first} end by {last}"
    );
    assert!(
        paid_to(months - 1) <= last,
        "{months} months are one too many"
    );
    // 49 dollars a month are 31.36 pounds.
    assert_eq!(
        course.amount,
        Some(pivot::words::approximate(31.36 * f64::from(months))),
        "{}",
        course.text
    );
}

#[test]
fn a_currency_with_no_rate_gives_no_total_and_says_why() {
    let plan = TestProfile {
        currency: Some("VND"),
        ..TestProfile::default()
    }
    .plan();
    let route = &plan.route;
    assert_eq!(route.total, None);
    assert!(route.costs.iter().all(|c| c.amount.is_none()));
    assert_eq!(
        route.total_text.as_deref(),
        Some(
            "No total: pivot has no exchange rate for VND, so these costs cannot be added up in VND"
        )
    );
    assert!(
        route
            .verdict
            .as_deref()
            .is_some_and(|v| v.contains("your budget of VND 300")),
        "{:?}",
        route.verdict
    );
}

#[test]
fn without_a_currency_the_time_zone_gives_it_and_the_plan_says_so() {
    let plan = TestProfile {
        currency: None,
        timezone: Some("America/Mexico_City"),
        ..TestProfile::default()
    }
    .plan();
    let route = &plan.route;
    assert_eq!(route.currency, "MXN");
    assert_eq!(
        route.currency_note.as_deref(),
        Some(
            "Your profile gives no `currency`, so amounts are in MXN, the currency of Mexico City \
             (America/Mexico_City), your time zone. To use another, add `currency:` with its \
             three-letter code to your profile."
        )
    );
    // 40 pounds are 1,000 pesos, at a rate the catalog marks as an estimate.
    assert_eq!(cost(&plan, "maths-book").amount, Some(1_000.0));
    let total = route.total_text.as_deref().expect("a total");
    assert!(
        total.ends_with("(the rate for MXN is an estimate)"),
        "{total}"
    );
    // The budget is read in that currency too.
    assert!(
        route
            .verdict
            .as_deref()
            .is_some_and(|v| v.contains("your budget of MXN 300")),
        "{:?}",
        route.verdict
    );
}

#[test]
fn a_time_zone_pivot_does_not_know_keeps_the_default_and_says_so() {
    let plan = TestProfile {
        currency: None,
        timezone: Some("Pacific/Chatham"),
        slots: Vec::new(),
        ..TestProfile::default()
    }
    .plan();
    assert_eq!(plan.route.currency, "GBP");
    assert_eq!(
        plan.route.currency_note.as_deref(),
        Some(
            "Your profile gives no `currency`, and pivot does not know the currency of your time \
             zone (Pacific/Chatham), so amounts are in GBP, its default. To use yours, add \
             `currency:` with its three-letter code to your profile."
        )
    );
}

#[test]
fn a_currency_the_profile_gives_needs_no_note() {
    let plan = TestProfile {
        currency: Some("USD"),
        timezone: Some("Europe/London"),
        ..TestProfile::default()
    }
    .plan();
    assert_eq!(plan.route.currency, "USD");
    assert_eq!(plan.route.currency_note, None);
}

#[test]
fn a_full_time_bootcamp_does_not_fit_five_hours_a_week() {
    let message = |hours: f64| {
        TestProfile {
            route: "bootcamp",
            hours_per_week: hours,
            slots: Vec::new(),
            ..TestProfile::default()
        }
        .plan()
        .route
        .hours_message
        .expect("a bootcamp takes hours a week")
    };
    assert_eq!(
        message(5.0),
        "A full-time bootcamp takes about 40 hours a week, and a part-time one about 15 hours a \
         week (an estimate): your 5 hours a week fit neither. Follow the self-study route instead \
         (`route: self-study` in your profile), which goes at the pace you set, or find more \
         hours a week before you enrol in a bootcamp."
    );
    assert_eq!(
        message(20.0),
        "A full-time bootcamp takes about 40 hours a week, more than your 20 hours a week: \
         choose a part-time one, which takes about 15 hours a week (an estimate)."
    );
    assert_eq!(
        message(40.0),
        "A full-time bootcamp takes about 40 hours a week, and your 40 hours a week leave room \
         for it."
    );
    // Self-study goes at the pace the plan sets.
    assert_eq!(support::plan().route.hours_message, None);
}

#[test]
fn the_meetup_is_near_the_city_of_the_time_zone() {
    let titles = |timezone: Option<&'static str>| -> Vec<String> {
        TestProfile {
            timezone,
            slots: Vec::new(),
            ..TestProfile::default()
        }
        .plan()
        .items
        .into_iter()
        .filter(|i| i.id.starts_with("meetup"))
        .map(|i| i.title)
        .collect()
    };
    let near = titles(Some("America/Los_Angeles"));
    assert!(!near.is_empty());
    for title in &near {
        assert!(
            title.starts_with("Go to an ML meetup in or near Los Angeles ("),
            "{title}"
        );
    }
    // Without a time zone, or in one pivot does not know, the task keeps its own words.
    for timezone in [None, Some("Pacific/Chatham")] {
        for title in titles(timezone) {
            assert!(title.starts_with("Go to an ML meetup ("), "{title}");
        }
    }
}

#[test]
fn the_markdown_plan_gives_the_costs_the_total_and_the_verdict() {
    let plan = bootcamp_in_dollars(5_000);
    let markdown =
        pivot::render::markdown::render(&plan, &support::options()).expect("the plan renders");
    let markdown = String::from_utf8(markdown).expect("UTF-8");
    for line in plan.route.costs.iter().map(|c| c.text.as_str()) {
        assert!(
            markdown.contains(&format!("- {line}\n")),
            "{line}\n{markdown}"
        );
    }
    let total = plan.route.total_text.as_deref().expect("a total");
    assert!(markdown.contains(&format!("- **{total}**\n")), "{markdown}");
    let verdict = plan.route.verdict.as_deref().expect("a verdict");
    assert!(markdown.contains(verdict), "{markdown}");
    let hours = plan.route.hours_message.as_deref().expect("hours");
    assert!(markdown.contains(&hours.replace('`', "\\`")), "{markdown}");
    assert!(!markdown.contains("convert to"), "{markdown}");
}
