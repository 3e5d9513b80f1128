//! The plan's JSON contract: every key of `--format json` and the type of its value, as a
//! reviewed snapshot. The words and numbers in a plan change with the catalog and the scheduler;
//! the shape changes only when the contract does, and then the snapshot shows how.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use support::TestProfile;

/// Records the type of `value` under `path`, and of everything inside it.
fn walk(path: String, value: &Value, shape: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
            "date (YYYY-MM-DD)"
        }
        Value::String(s) if chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok() => "time (HH:MM)",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                walk(format!("{path}[]"), item, shape);
            }
            "list"
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(inner, field, shape);
            }
            "object"
        }
    };
    shape.entry(path).or_default().insert(kind);
}

/// The shape of the plans of several profiles, so that a field that may be empty or null shows
/// every type it takes.
#[test]
fn the_plan_json_has_the_reviewed_shape() {
    let plans = [
        support::plan(),
        // Without a domain, a time zone, study slots, breaks, interests or a budget.
        TestProfile {
            domain: None,
            timezone: None,
            slots: Vec::new(),
            breaks: Vec::new(),
            interests: Vec::new(),
            budget: None,
            ..TestProfile::default()
        }
        .plan(),
        // A Sunday session in the hour London's clocks skip in March, so it moves.
        TestProfile {
            hours_per_week: 2.0,
            slots: vec![support::Slot {
                day: "sun",
                time: "01:30",
                hours: 2.0,
            }],
            ..TestProfile::default()
        }
        .plan(),
        // Work that does not fit, and every module already done.
        TestProfile {
            hours_per_week: 1.0,
            slots: Vec::new(),
            ..TestProfile::default()
        }
        .plan(),
        TestProfile {
            background: "career-changer",
            done: vec![
                "python-basics",
                "data-handling",
                "maths",
                "ml-fundamentals",
                "deployment",
            ],
            ..TestProfile::default()
        }
        .plan(),
        // Re-planned in February, with a module done before the one it builds on, and one
        // begun.
        TestProfile {
            background: "career-changer",
            done: vec!["data-handling"],
            partial: vec![("maths", 3.0)],
            as_of: Some("2027-02-10"),
            ..TestProfile::default()
        }
        .plan(),
        // A bootcamp, in the currency of the time zone, and in a currency with no rate.
        TestProfile {
            route: "bootcamp",
            currency: None,
            timezone: Some("America/Mexico_City"),
            ..TestProfile::default()
        }
        .plan(),
        TestProfile {
            currency: Some("VND"),
            ..TestProfile::default()
        }
        .plan(),
    ];
    let mut shape = BTreeMap::new();
    for plan in &plans {
        let bytes = pivot::render::json::render(plan).expect("the plan serialises");
        let value: Value = serde_json::from_slice(&bytes).expect("the output is JSON");
        walk(String::new(), &value, &mut shape);
    }
    let text: String = shape
        .iter()
        .map(|(path, kinds)| {
            let kinds: Vec<&str> = kinds.iter().copied().collect();
            format!(
                "{}: {}\n",
                if path.is_empty() { "." } else { path },
                kinds.join(" | ")
            )
        })
        .collect();
    insta::assert_snapshot!("plan-shape", text);
}
