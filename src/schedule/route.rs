//! The learning route against the learner's means: what its paid resources come to in their
//! currency over the months the plan uses them, against their budget, and whether the hours a
//! week it takes fit theirs.

use chrono::{Months, NaiveDate};

use crate::catalog::{Catalog, Cost, CostPeriod, Rate, Route, WeeklyHours};
use crate::plan::{Item, ResourceEntry, RouteCost, RouteSummary};
use crate::profile::{CurrencyFrom, Profile};
use crate::words::{
    about_months, approximate, approximation_step, hours_phrase, in_sentence, long_date, money,
};

/// Exchange rates this many months older than the plan's start are said to be old.
const OLD_RATES_MONTHS: u32 = 6;

/// The route of `profile`, its costs in the learner's currency against their budget, and its
/// hours against theirs. `items` are the placed items, so that a monthly price is paid for the
/// months the plan really uses it; `start` is the plan's first day, when the learner pays.
pub(super) fn summary(
    profile: &Profile,
    catalog: &Catalog,
    resources: &[ResourceEntry],
    items: &[Item],
    start: NaiveDate,
) -> RouteSummary {
    let route = catalog.route(profile.route);
    let currency = profile.currency.as_str();
    let mut costs = Vec::new();
    let mut rates: Vec<&Rate> = Vec::new();
    let mut unconvertible: Vec<&str> = Vec::new();
    // The total is as precise as its least precise converted part.
    let mut step: f64 = 0.0;
    for entry in resources {
        let Some(cost) = catalog.resource(&entry.id).and_then(|r| r.cost.as_ref()) else {
            continue;
        };
        let months = match cost.per {
            CostPeriod::Once => None,
            CostPeriod::Month => Some(months_used(entry, items, profile.months)),
        };
        let whole = cost.amount * f64::from(months.unwrap_or(1));
        let conversion = catalog.convert(whole, &cost.currency, currency);
        let converted = cost.currency != currency;
        match &conversion {
            Some(conversion) => {
                if converted {
                    step = step.max(approximation_step(conversion.amount));
                }
                for rate in &conversion.rates {
                    if !rates.iter().any(|r| r.currency == rate.currency) {
                        rates.push(rate);
                    }
                }
            }
            None => {
                let missing = [cost.currency.as_str(), currency]
                    .into_iter()
                    .filter(|c| !catalog.has_rate(c));
                for code in missing {
                    if !unconvertible.contains(&code) {
                        unconvertible.push(code);
                    }
                }
            }
        }
        let amount = conversion.map(|c| {
            if converted {
                approximate(c.amount)
            } else {
                c.amount
            }
        });
        costs.push(RouteCost {
            resource: entry.id.clone(),
            title: entry.title.clone(),
            stated: stated(cost),
            months,
            amount,
            converted,
            text: cost_line(&entry.title, cost, months, amount, currency),
        });
    }
    let converted = costs.iter().any(|c| c.converted && c.amount.is_some());
    let total = unconvertible.is_empty().then(|| {
        let sum: f64 = costs.iter().filter_map(|c| c.amount).sum();
        if converted {
            (sum / step).round() * step
        } else {
            sum
        }
    });
    let mut rates_of: Vec<NaiveDate> = rates.iter().map(|r| r.date).collect();
    rates_of.sort();
    rates_of.dedup();
    let total_text = (!costs.is_empty()).then(|| match total {
        Some(total) if converted => format!(
            "Total: about {}, converted at the exchange rates of {}{}{}",
            money(total, currency),
            rates_of
                .iter()
                .map(|d| long_date(*d))
                .collect::<Vec<_>>()
                .join(" and "),
            estimated(&rates),
            rates_of
                .first()
                .map(|oldest| about_months(*oldest, start))
                .filter(|&age| age >= OLD_RATES_MONTHS)
                .map(|age| format!(
                    ", about {age} months before your plan starts: rates move, so check today's before you pay"
                ))
                .unwrap_or_default()
        ),
        Some(total) => format!("Total: {}", money(total, currency)),
        None => format!(
            "No total: pivot has no exchange rate for {}, so these costs cannot be added up in {currency}",
            unconvertible.join(" or ")
        ),
    });
    let verdict = verdict(profile.budget, currency, costs.is_empty(), total, converted);
    RouteSummary {
        id: profile.route.id().to_string(),
        title: route.map_or_else(|| profile.route.id().to_string(), |r| r.title.clone()),
        summary: route.map_or_else(String::new, |r| r.summary.clone()),
        typical_duration: route.map_or_else(String::new, |r| r.typical_duration.clone()),
        typical_cost: route.map_or_else(String::new, |r| r.typical_cost.clone()),
        currency: currency.to_string(),
        currency_note: (profile.budget.is_some() || !costs.is_empty())
            .then(|| currency_note(profile, catalog))
            .flatten(),
        budget: profile.budget,
        costs,
        total,
        converted,
        rates_of,
        total_text,
        verdict,
        hours_message: route.and_then(|r| hours_message(r, profile.hours_per_week)),
    }
}

/// The months a monthly price is paid for: from the first day an item that uses the resource
/// starts to the last day one finishes, counted as a subscription counts them (a month from
/// 5 January runs to 4 February). A resource no item uses is paid for the plan's months.
fn months_used(entry: &ResourceEntry, items: &[Item], plan_months: u32) -> u32 {
    let using: Vec<&Item> = items
        .iter()
        .filter(|item| entry.used_by.contains(&item.id))
        .collect();
    let first = using.iter().map(|item| item.start).min();
    let last = using.iter().map(|item| item.finish).max();
    let (Some(first), Some(last)) = (first, last) else {
        return plan_months;
    };
    (1u32..)
        .find(|&m| {
            first
                .checked_add_months(Months::new(m))
                .is_none_or(|paid_to| paid_to > last)
        })
        .unwrap_or(1)
}

/// A price as its source states it: "USD 49 a month".
pub(super) fn stated(cost: &Cost) -> String {
    let amount = money(cost.amount, &cost.currency);
    match cost.per {
        CostPeriod::Once => amount,
        CostPeriod::Month => format!("{amount} a month"),
    }
}

/// One paid resource in words: "Machine Learning Specialization: USD 49 a month for 3 months,
/// USD 147 in all, about £120".
fn cost_line(
    title: &str,
    cost: &Cost,
    months: Option<u32>,
    amount: Option<f64>,
    currency: &str,
) -> String {
    let mut line = format!("{title}: {}", stated(cost));
    match months {
        Some(1) => line.push_str(" for 1 month"),
        Some(months) => line.push_str(&format!(
            " for {months} months, {} in all",
            money(cost.amount * f64::from(months), &cost.currency)
        )),
        None => {}
    }
    match amount {
        Some(amount) if cost.currency != currency => {
            line.push_str(&format!(", about {}", money(amount, currency)));
        }
        Some(_) => {}
        None => line.push_str(&format!(
            " (with no exchange rate between {} and {currency}, it is not in the total)",
            cost.currency
        )),
    }
    line
}

/// Which of the rates used are estimates, as the end of a sentence: " (the rate for NGN is an
/// estimate)".
fn estimated(rates: &[&Rate]) -> String {
    let mut codes: Vec<&str> = rates
        .iter()
        .filter(|r| r.provenance.estimate)
        .map(|r| r.currency.as_str())
        .collect();
    codes.sort_unstable();
    match codes.as_slice() {
        [] => String::new(),
        [one] => format!(" (the rate for {one} is an estimate)"),
        more => format!(" (the rates for {} are estimates)", more.join(" and ")),
    }
}

/// The costs against the budget, in plain words; `total` is the sum as shown (rounded when
/// `converted`), so that the margin given is the difference of the figures the learner sees, and
/// `None` when it cannot be made.
fn verdict(
    budget: Option<f64>,
    currency: &str,
    free: bool,
    total: Option<f64>,
    converted: bool,
) -> Option<String> {
    let Some(budget) = budget else {
        return free.then(|| "Every resource in this plan is free.".to_string());
    };
    let yours = money(budget, currency);
    if free {
        return Some(format!(
            "Every resource in this plan is free, so your budget of {yours} stays untouched."
        ));
    }
    let Some(total) = total else {
        return Some(format!(
            "Convert the costs above into {currency} to compare them with your budget of {yours}."
        ));
    };
    let cheaper = "look for free alternatives, financial aid or a cheaper programme, and audit \
                   courses for free before you pay for them";
    if !converted {
        return Some(if total <= budget {
            format!(
                "It fits your budget of {yours}, with {} to spare.",
                money(budget - total, currency)
            )
        } else {
            format!(
                "It comes to {} more than your budget of {yours}: {cheaper}.",
                money(total - budget, currency)
            )
        });
    }
    let check = format!("Exchange rates move, so check the price in {currency} before you pay.");
    let margin = (budget - total).round();
    Some(if margin > 0.0 {
        format!(
            "It fits your budget of {yours}, with about {} to spare. {check}",
            money(margin, currency)
        )
    } else if margin < 0.0 {
        format!(
            "It comes to about {} more than your budget of {yours}: {cheaper}. {check}",
            money(-margin, currency)
        )
    } else {
        format!("It comes to about your budget of {yours}, with no margin. {check}")
    })
}

/// What the plan assumed about the currency, when the profile does not give it.
fn currency_note(profile: &Profile, catalog: &Catalog) -> Option<String> {
    let currency = &profile.currency;
    let add = "add `currency:` with its three-letter code to your profile";
    match (profile.currency_from, profile.timezone) {
        (CurrencyFrom::Profile, _) => None,
        (CurrencyFrom::TimeZone, Some(zone)) => {
            let city = catalog.place(zone).map_or(zone.name(), |p| p.city.as_str());
            Some(format!(
                "Your profile gives no `currency`, so amounts are in {currency}, the currency of \
                 {city} ({}), your time zone. To use another, {add}.",
                zone.name()
            ))
        }
        (_, Some(zone)) => Some(format!(
            "Your profile gives no `currency`, and pivot does not know the currency of your time \
             zone ({}), so amounts are in {currency}, its default. To use yours, {add}.",
            zone.name()
        )),
        (_, None) => Some(format!(
            "Your profile gives no `currency` and no `timezone`, so amounts are in {currency}, \
             pivot's default. To use yours, {add}."
        )),
    }
}

/// Whether the hours a week the route takes fit the learner's, and what to do when they do
/// not; `None` for a route the learner paces.
fn hours_message(route: &Route, hours_per_week: f64) -> Option<String> {
    let pace = route.pace.as_ref()?;
    let name = in_sentence(&route.title);
    let weekly = |w: &WeeklyHours| {
        format!(
            "about {} a week{}",
            hours_phrase(w.hours),
            if w.provenance.estimate {
                " (an estimate)"
            } else {
                ""
            }
        )
    };
    let full = weekly(&pace.full_time);
    let yours = hours_phrase(hours_per_week);
    if hours_per_week >= pace.full_time.hours {
        return Some(format!(
            "A full-time {name} takes {full}, and your {yours} a week leave room for it."
        ));
    }
    let instead = format!(
        "Follow the self-study route instead (`route: self-study` in your profile), which goes at \
         the pace you set, or find more hours a week before you enrol in a {name}."
    );
    Some(match &pace.part_time {
        Some(part) if hours_per_week >= part.hours => format!(
            "A full-time {name} takes {full}, more than your {yours} a week: choose a part-time \
             one, which takes {}.",
            weekly(part)
        ),
        Some(part) => format!(
            "A full-time {name} takes {full}, and a part-time one {}: your {yours} a week fit \
             neither. {instead}",
            weekly(part)
        ),
        None => {
            format!("A full-time {name} takes {full}, more than your {yours} a week. {instead}")
        }
    })
}
