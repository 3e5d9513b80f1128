//! The JSON Schema of the profile, for editors with a YAML language server.
//!
//! The documented shape lives in [`ProfileSchema`]; the ids a profile may use come from the
//! catalog, so completion offers exactly what `pivot check` accepts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde_json::{Value, json};

use crate::catalog::Catalog;
use crate::profile::{MAX_HOURS, MAX_MONTHS, MAX_PLAN_ID, MIN_HOURS, MIN_MONTHS};
use crate::words::HOURS_STEP;

/// A pivot profile: who you are, where you are heading, and how much time you have.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ProfileSchema {
    /// Your name, as it should appear on the plan.
    name: String,
    /// What identifies your plan's calendar events, so they stay the same when you correct your
    /// name: letters, digits and dashes, up to 40 characters.
    plan_id: Option<String>,
    /// Where you are coming from (`pivot catalog backgrounds`).
    background: String,
    /// The AI role you are aiming at (`pivot catalog roles`).
    target_role: String,
    /// The field you know well (`pivot catalog domains`).
    domain: Option<String>,
    /// Hours a week you can study, 1 to 60, in quarter hours (7.5 and 7.25 are fine).
    hours_per_week: f64,
    /// First day of the plan, YYYY-MM-DD. Default: the next Monday.
    start: Option<String>,
    /// How many months the plan runs, 3 to 24. Default: 6.
    months: Option<u32>,
    /// IANA time zone name for calendar sessions, such as Europe/London.
    timezone: Option<String>,
    /// Weekly study sessions; their hours must add up to hours_per_week.
    study_slots: Option<Vec<StudySlotSchema>>,
    /// self-study, bootcamp or masters. Default: self-study.
    route: Option<String>,
    /// What you can spend on courses, in `currency`.
    budget: Option<f64>,
    /// Three-letter currency code. Default: the currency of your timezone where pivot knows it,
    /// otherwise GBP.
    currency: Option<String>,
    /// Skills you already have; modules that only teach them are skipped (`pivot catalog skills`).
    known_skills: Option<Vec<String>>,
    /// Topics you enjoy; they steer the portfolio project and the optional extras
    /// (`pivot catalog interests`).
    interests: Option<Vec<String>>,
    /// Periods with no study time.
    breaks: Option<Vec<BreakSchema>>,
    /// Where you really are, to re-plan from.
    progress: Option<ProgressSchema>,
}

/// One weekly study session.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct StudySlotSchema {
    /// mon, tue, wed, thu, fri, sat or sun.
    day: String,
    /// Start time, 24-hour "HH:MM".
    time: String,
    /// Length in hours, 0.25 to 16, in quarter hours.
    hours: f64,
}

/// A period with no study time.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct BreakSchema {
    /// First day, YYYY-MM-DD.
    from: String,
    /// Last day, YYYY-MM-DD.
    to: String,
    /// What the break is for.
    note: Option<String>,
}

/// Progress so far.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct ProgressSchema {
    /// The date the progress refers to, YYYY-MM-DD.
    as_of: String,
    /// Ids of the plan's items already finished: modules, project phases, networking tasks.
    done: Option<Vec<String>>,
    /// Items begun but not finished: `item-id: hours still to do`, or the share still to do
    /// such as `40%`.
    partial: Option<BTreeMap<String, HoursLeft>>,
}

/// Hours still to do, or the share still to do.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
enum HoursLeft {
    Hours(f64),
    Share(String),
}

fn set(schema: &mut Value, pointer: &str, key: &str, value: Value) {
    if let Some(Value::Object(map)) = schema.pointer_mut(pointer) {
        map.insert(key.to_string(), value);
    }
}

/// The schema, with the catalog's ids, ranges and formats filled in.
pub fn profile_schema(catalog: &Catalog) -> Value {
    let mut schema = schemars::schema_for!(ProfileSchema).to_value();
    let ids = |v: Vec<&str>| json!(v);
    let p = "/properties";
    set(&mut schema, "", "title", json!("pivot profile"));
    set(
        &mut schema,
        &format!("{p}/background"),
        "enum",
        ids(catalog.background_ids()),
    );
    set(
        &mut schema,
        &format!("{p}/target_role"),
        "enum",
        ids(catalog.role_ids()),
    );
    let mut domains: Vec<Value> = catalog.domain_ids().into_iter().map(|d| json!(d)).collect();
    domains.push(Value::Null);
    set(
        &mut schema,
        &format!("{p}/domain"),
        "enum",
        Value::Array(domains),
    );
    set(
        &mut schema,
        &format!("{p}/hours_per_week"),
        "minimum",
        json!(MIN_HOURS),
    );
    set(
        &mut schema,
        &format!("{p}/hours_per_week"),
        "maximum",
        json!(MAX_HOURS),
    );
    set(
        &mut schema,
        &format!("{p}/months"),
        "minimum",
        json!(MIN_MONTHS),
    );
    set(
        &mut schema,
        &format!("{p}/months"),
        "maximum",
        json!(MAX_MONTHS),
    );
    set(&mut schema, &format!("{p}/start"), "format", json!("date"));
    set(
        &mut schema,
        &format!("{p}/route"),
        "enum",
        json!(["self-study", "bootcamp", "masters", null]),
    );
    set(
        &mut schema,
        &format!("{p}/plan_id"),
        "pattern",
        json!(format!("^[A-Za-z0-9-]{{1,{MAX_PLAN_ID}}}$")),
    );
    set(
        &mut schema,
        &format!("{p}/currency"),
        "pattern",
        json!("^[A-Za-z]{3}$"),
    );
    set(
        &mut schema,
        &format!("{p}/known_skills/items"),
        "enum",
        ids(catalog.skill_ids()),
    );
    set(
        &mut schema,
        &format!("{p}/interests/items"),
        "enum",
        ids(catalog.interest_tags().into_iter().collect()),
    );
    let defs = "/$defs";
    set(
        &mut schema,
        &format!("{defs}/StudySlotSchema/properties/day"),
        "enum",
        json!(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    );
    set(
        &mut schema,
        &format!("{defs}/StudySlotSchema/properties/time"),
        "pattern",
        json!("^([01]?[0-9]|2[0-3]):[0-5][0-9]$"),
    );
    for pointer in [
        format!("{p}/hours_per_week"),
        format!("{defs}/StudySlotSchema/properties/hours"),
    ] {
        set(&mut schema, &pointer, "multipleOf", json!(HOURS_STEP));
    }
    for field in ["from", "to"] {
        set(
            &mut schema,
            &format!("{defs}/BreakSchema/properties/{field}"),
            "format",
            json!("date"),
        );
    }
    set(
        &mut schema,
        &format!("{defs}/ProgressSchema/properties/as_of"),
        "format",
        json!("date"),
    );
    set(
        &mut schema,
        &format!("{defs}/ProgressSchema/properties/done/items"),
        "anyOf",
        plan_item(catalog),
    );
    set(
        &mut schema,
        &format!("{defs}/ProgressSchema/properties/partial"),
        "propertyNames",
        json!({ "anyOf": plan_item(catalog) }),
    );
    schema
}

/// What names a plan item: a module, a project phase or a networking task by id, or one
/// occurrence of a task done several times (`learning-post-2`).
fn plan_item(catalog: &Catalog) -> Value {
    let tasks: Vec<String> = catalog
        .outreach
        .iter()
        .map(|task| regex_literal(&task.id))
        .collect();
    json!([
        { "enum": crate::profile::plan_item_ids(catalog) },
        { "pattern": format!("^({})-[1-9][0-9]*$", tasks.join("|")) },
    ])
}

/// `text` as a regular expression that matches just it.
fn regex_literal(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\^$.|?*+()[]{}/".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

#[cfg(test)]
mod agreement {
    use std::collections::BTreeSet;

    use serde_json::Value;

    /// The keys of the object schema at `pointer` in `schema`.
    fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
        schema
            .pointer(pointer)
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("no object at {pointer}"))
            .keys()
            .cloned()
            .collect()
    }

    /// The profile's shape is written in the parser's types, the JSON Schema and the starter
    /// profile: all three name the same keys.
    #[test]
    fn the_schema_and_the_starter_name_every_key_the_parser_reads() {
        let catalog = crate::catalog::Catalog::builtin().expect("the built-in catalog");
        let schema = super::profile_schema(&catalog);
        let defs = if schema.get("$defs").is_some() {
            "/$defs"
        } else {
            "/definitions"
        };
        let starter = crate::starter::Starter::default().render();
        for (place, fields) in crate::profile::keys() {
            let parsed: BTreeSet<String> = fields.iter().map(|f| f.to_string()).collect();
            assert!(!parsed.is_empty(), "{place}");
            let pointer = match place {
                "profile" => "/properties".to_string(),
                "study_slots" => format!("{defs}/StudySlotSchema/properties"),
                "breaks" => format!("{defs}/BreakSchema/properties"),
                _ => format!("{defs}/ProgressSchema/properties"),
            };
            assert_eq!(properties(&schema, &pointer), parsed, "{place}");
            if place == "profile" {
                for key in &parsed {
                    assert!(
                        starter.contains(&format!("{key}:")),
                        "the starter profile says nothing of `{key}`"
                    );
                }
            }
        }
    }
}
