//! Hand-built plans for the calendar tests: a tiny greedy filler that puts items into weeks and
//! study slots, enough to make items move when the hours change.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use pivot::plan::{
    Allocation, Feasibility, Item, ItemKind, Milestone, MilestoneKind, Networking, Plan,
    RouteSummary, Session, Week,
};
use pivot::render::{Paper, RenderOptions};

pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

/// A weekly study slot: days after Monday, start time, hours.
#[derive(Debug, Clone)]
pub struct Slot {
    pub day: i64,
    pub time: &'static str,
    pub hours: f64,
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub name: String,
    pub timezone: Option<String>,
    /// A Monday.
    pub start: NaiveDate,
    pub weeks: u32,
    pub hours_per_week: f64,
    pub slots: Vec<Slot>,
    /// 1-based indexes of break weeks.
    pub breaks: Vec<u32>,
    pub items: Vec<(String, ItemKind, String, f64)>,
}

impl Spec {
    /// Priya's plan: Tuesday evening and Saturday morning slots, four modules, a project
    /// phase and two outreach tasks, a break in week 6.
    pub fn priya() -> Self {
        Spec {
            name: "Priya Sharma".into(),
            timezone: Some("Europe/London".into()),
            start: day(2027, 1, 4),
            weeks: 26,
            hours_per_week: 5.0,
            slots: vec![
                Slot {
                    day: 1,
                    time: "19:00",
                    hours: 2.0,
                },
                Slot {
                    day: 5,
                    time: "09:30",
                    hours: 3.0,
                },
            ],
            breaks: vec![6],
            items: vec![
                item(
                    "python-engineering",
                    ItemKind::Module,
                    "Python for ML engineering",
                    12.0,
                ),
                item(
                    "join-communities",
                    ItemKind::Outreach,
                    "Join two AI communities",
                    1.0,
                ),
                item(
                    "math-foundations",
                    ItemKind::Module,
                    "Maths for machine learning",
                    20.0,
                ),
                item(
                    "classical-ml",
                    ItemKind::Module,
                    "Classical machine learning",
                    24.0,
                ),
                item(
                    "deep-learning",
                    ItemKind::Module,
                    "Deep learning, in practice",
                    30.0,
                ),
                item(
                    "project-build",
                    ItemKind::Project,
                    "Build the triage model",
                    20.0,
                ),
                item("project-demo", ItemKind::Project, "Deploy a live demo", 8.0),
                item(
                    "cold-outreach",
                    ItemKind::Outreach,
                    "Message five practitioners",
                    2.0,
                ),
            ],
        }
    }
}

pub fn item(id: &str, kind: ItemKind, title: &str, hours: f64) -> (String, ItemKind, String, f64) {
    (id.into(), kind, title.into(), hours)
}

pub fn options(previous: Option<String>) -> RenderOptions {
    RenderOptions {
        paper: Paper::A4,
        templates: None,
        now: DateTime::<Utc>::from_timestamp(1_798_761_600, 0).expect("valid time"),
        previous_calendar: previous,
    }
}

pub fn plan(spec: &Spec) -> Plan {
    let mut remaining: Vec<f64> = spec.items.iter().map(|item| item.3).collect();
    let mut starts: Vec<Option<NaiveDate>> = vec![None; spec.items.len()];
    let mut finishes: Vec<Option<NaiveDate>> = vec![None; spec.items.len()];
    let mut current = 0;
    let mut weeks = Vec::new();
    for index in 1..=spec.weeks {
        let start = spec.start + Duration::weeks(i64::from(index - 1));
        let end = start + Duration::days(6);
        let on_break = spec.breaks.contains(&index);
        let capacity = if on_break { 0.0 } else { spec.hours_per_week };
        let mut left = capacity;
        let mut allocations = Vec::new();
        while left > 1e-9 && current < spec.items.len() {
            let take = left.min(remaining[current]);
            allocations.push(Allocation {
                item: spec.items[current].0.clone(),
                hours: take,
            });
            remaining[current] -= take;
            left -= take;
            starts[current].get_or_insert(start);
            if remaining[current] <= 1e-9 {
                finishes[current] = Some(end);
                current += 1;
            }
        }
        let sessions = if allocations.is_empty() {
            Vec::new()
        } else {
            split(&allocations, &spec.slots, start)
        };
        weeks.push(Week {
            index,
            start,
            end,
            month: (index - 1) / 4 + 1,
            capacity,
            break_note: on_break.then(|| "Family visit".to_string()),
            overflow: false,
            allocations,
            sessions,
        });
    }
    let last_day = spec.start + Duration::weeks(i64::from(spec.weeks)) - Duration::days(1);
    let items: Vec<Item> = spec
        .items
        .iter()
        .enumerate()
        .map(|(at, (id, kind, title, hours))| Item {
            id: id.clone(),
            kind: *kind,
            title: title.clone(),
            hours: *hours,
            start: starts[at].unwrap_or(last_day),
            finish: finishes[at].unwrap_or(last_day),
            requires: if at > 0 && *kind == ItemKind::Module {
                vec![spec.items[0].0.clone()]
            } else {
                vec![]
            },
            outcome: Some(format!("You can show {title}")),
            self_check: Some(format!("Could you explain {title} to a friend?")),
            resources: vec![],
            skills: vec![],
            details: (*kind == ItemKind::Outreach).then(|| {
                "Hi, I am moving into AI;\nmay I ask you, briefly, about your work?".to_string()
            }),
            links: vec![],
            overflow: finishes[at].is_none(),
            series: None,
        })
        .collect();
    let mut milestones: Vec<Milestone> = items
        .iter()
        .filter(|item| item.kind != ItemKind::Outreach)
        .filter(|item| item.id != "project-demo")
        .map(|item| Milestone {
            id: format!("{}-done", item.id),
            date: item.finish,
            title: format!("Finished: {}", item.title),
            kind: if item.kind == ItemKind::Module {
                MilestoneKind::Module
            } else {
                MilestoneKind::Project
            },
            item: Some(item.id.clone()),
            description: format!("{}.", item.outcome.clone().unwrap_or_default()),
        })
        .collect();
    for month in 1..=spec.weeks / 4 {
        milestones.push(Milestone {
            id: format!("month-{month}-review"),
            date: spec.start + Duration::weeks(i64::from(month * 4)) - Duration::days(1),
            title: format!("Month {month} review"),
            kind: MilestoneKind::Review,
            item: None,
            description: "Look back at the month: what did you finish, what slipped?".into(),
        });
    }
    let finish_date = items
        .iter()
        .map(|item| item.finish)
        .max()
        .unwrap_or(last_day);
    Plan {
        name: spec.name.clone(),
        background: "software-engineer".into(),
        background_title: "Software engineer".into(),
        target_role: "ml-engineer".into(),
        target_role_title: "ML Engineer".into(),
        domain: None,
        domain_title: None,
        hours_per_week: spec.hours_per_week,
        start: spec.start,
        end: last_day,
        months_requested: 6,
        timezone: spec
            .timezone
            .as_deref()
            .map(|name| name.parse().expect("a known time zone")),
        generated_on: spec.start,
        feasibility: Feasibility {
            fits: true,
            required_hours: spec.items.iter().map(|item| item.3).sum(),
            available_hours: spec.hours_per_week * f64::from(spec.weeks),
            finish_date,
            hours_per_week_needed: spec.hours_per_week,
            realistic_months: [6, 12],
            realistic_source: "test".into(),
            shorter_than_realistic: false,
            message: "It fits.".into(),
        },
        route: RouteSummary {
            id: "self-study".into(),
            title: "Self-study".into(),
            summary: String::new(),
            typical_duration: String::new(),
            typical_cost: String::new(),
            currency: "GBP".into(),
            budget: None,
            resources_cost: 0.0,
            cost_notes: vec![],
            budget_message: None,
        },
        weeks,
        items,
        milestones,
        months: vec![],
        skipped: vec![],
        extras: vec![],
        project: None,
        networking: Networking {
            communities: vec![],
            open_source: vec![],
            message_template: String::new(),
            tasks: vec![],
        },
        resources: vec![],
        domain_advantage: None,
        first_job: vec![],
        notes: vec![],
    }
}

/// Splits a week's work across its slots, in order.
fn split(allocations: &[Allocation], slots: &[Slot], week_start: NaiveDate) -> Vec<Session> {
    let mut queue: Vec<Allocation> = allocations.to_vec();
    let mut sessions = Vec::new();
    for (index, slot) in slots.iter().enumerate() {
        let mut left = slot.hours;
        let mut work = Vec::new();
        while left > 1e-9 && !queue.is_empty() {
            let take = left.min(queue[0].hours);
            work.push(Allocation {
                item: queue[0].item.clone(),
                hours: take,
            });
            queue[0].hours -= take;
            left -= take;
            if queue[0].hours <= 1e-9 {
                queue.remove(0);
            }
        }
        sessions.push(Session {
            slot: index as u32 + 1,
            date: week_start + Duration::days(slot.day),
            time: chrono::NaiveTime::parse_from_str(slot.time, "%H:%M").expect("a time"),
            hours: slot.hours,
            work,
            moved_from: None,
        });
    }
    sessions
}
