//! A hand-built plan for the Markdown tests: a short plan whose work overflows its end, with a
//! break, and with hostile text wherever text from a profile or a catalog can land.

use chrono::{Duration, NaiveDate};
use pivot::plan::{
    Allocation, DomainAdvantage, Extra, Feasibility, Item, ItemKind, Link, Milestone,
    MilestoneKind, Month, Networking, Plan, PortfolioProject, ResourceEntry, RouteSummary, Session,
    SkippedModule, Week,
};

/// A name that would inject emphasis, HTML, a table break, a link, code and a heading if it were
/// not escaped.
pub const HOSTILE_NAME: &str = "Zoë *bold* <script> | pipe [x](y) `code` # heading";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("fixture dates are valid")
}

/// (id, kind, title, hours, outcome, self-check)
type Work = (
    &'static str,
    ItemKind,
    &'static str,
    f64,
    Option<&'static str>,
    Option<&'static str>,
);

const WORK: [Work; 7] = [
    (
        "join-communities",
        ItemKind::Outreach,
        "Join the MLOps Community Slack, the Kaggle forums and the Hugging Face Discord",
        1.0,
        None,
        None,
    ),
    (
        "math-foundations",
        ItemKind::Module,
        "Maths: part #1; basics",
        15.0,
        Some("Implement gradient descent in NumPy."),
        Some("Can you explain what a gradient is?"),
    ),
    (
        "ml-fundamentals",
        ItemKind::Module,
        "ML fundamentals",
        90.0,
        Some("Train and evaluate a classifier on a public dataset."),
        Some("Can you explain overfitting?"),
    ),
    (
        "cold-outreach-1",
        ItemKind::Outreach,
        "Send one specific message to someone whose path you admire",
        1.0,
        None,
        None,
    ),
    (
        "end-to-end-scope",
        ItemKind::Project,
        "Scope the problem and collect data",
        6.0,
        Some("A one-page problem statement and a dataset."),
        None,
    ),
    (
        "cold-outreach-2",
        ItemKind::Outreach,
        "Send one specific message to someone whose path you admire",
        1.0,
        None,
        None,
    ),
    (
        "end-to-end-build",
        ItemKind::Project,
        "Build and evaluate the model",
        12.0,
        Some("A model that beats a baseline."),
        None,
    ),
];

/// Fills weeks in order with the work above; enough of a schedule for rendering tests.
pub fn plan() -> Plan {
    let start = day("2027-01-04");
    let end = day("2027-04-04");
    let hours_per_week = 10.0;
    let mut weeks: Vec<Week> = (0..15)
        .map(|i| {
            let week_start = start + Duration::weeks(i);
            let (capacity, break_note) = match i {
                6 => (
                    0.0,
                    Some("Half term | *holiday*\n# not a heading".to_string()),
                ),
                7 => (4.0, Some("Dentist & <b>rest</b>".to_string())),
                _ => (hours_per_week, None),
            };
            Week {
                index: i as u32 + 1,
                start: week_start,
                end: week_start + Duration::days(6),
                month: match i {
                    0..=4 => 1,
                    5..=8 => 2,
                    9..=12 => 3,
                    _ => 4,
                },
                capacity,
                break_note,
                overflow: week_start >= end,
                allocations: Vec::new(),
                sessions: Vec::new(),
            }
        })
        .collect();

    let mut items = Vec::new();
    let mut week = 0;
    let mut used = 0.0;
    for (id, kind, title, hours, outcome, self_check) in WORK {
        let mut left = hours;
        let mut first = None;
        let mut last = 0;
        while left > 0.0 && week < weeks.len() {
            let free = weeks[week].capacity - used;
            if free <= 0.0 {
                week += 1;
                used = 0.0;
                continue;
            }
            let take = free.min(left);
            weeks[week].allocations.push(Allocation {
                item: id.to_string(),
                hours: take,
            });
            first.get_or_insert(week);
            last = week;
            used += take;
            left -= take;
        }
        let first = first.unwrap_or(last);
        items.push(Item {
            id: id.to_string(),
            kind,
            title: title.to_string(),
            hours,
            start: weeks[first].start,
            finish: weeks[last].end,
            requires: Vec::new(),
            outcome: outcome.map(str::to_string),
            self_check: self_check.map(str::to_string),
            resources: match id {
                "math-foundations" => vec!["essence".to_string()],
                "ml-fundamentals" => vec!["ml-spec".to_string(), "pipes".to_string()],
                _ => Vec::new(),
            },
            skills: Vec::new(),
            details: match kind {
                ItemKind::Outreach => Some("Be specific: name the post and the question.".into()),
                ItemKind::Project => Some("Start with a baseline.".into()),
                ItemKind::Module => None,
            },
            series: None,
            links: if id == "join-communities" {
                vec![
                    "https://go.mlops.community/slack".to_string(),
                    "https://example.com/a_(b)|c".to_string(),
                ]
            } else {
                Vec::new()
            },
            overflow: weeks[last].overflow,
        });
    }
    weeks[1].sessions = vec![
        Session {
            slot: 1,
            date: day("2027-01-12"),
            time: chrono::NaiveTime::from_hms_opt(19, 0, 0).expect("time"),
            moved_from: None,
            hours: 4.0,
            work: weeks[1].allocations[..1].to_vec(),
        },
        Session {
            slot: 2,
            date: day("2027-01-16"),
            time: chrono::NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
            moved_from: None,
            hours: 6.0,
            work: weeks[1].allocations[1..].to_vec(),
        },
    ];

    let mut milestones: Vec<Milestone> = items
        .iter()
        .filter(|i| i.kind != ItemKind::Outreach)
        .map(|i| Milestone {
            id: format!("done-{}", i.id),
            date: i.finish,
            title: i.outcome.clone().unwrap_or_default(),
            kind: if i.kind == ItemKind::Module {
                MilestoneKind::Module
            } else {
                MilestoneKind::Project
            },
            item: Some(i.id.clone()),
            description: i.self_check.clone().unwrap_or_default(),
        })
        .collect();
    let month_bounds = [
        ("2027-01-04", "2027-02-03", 1, 5),
        ("2027-02-04", "2027-03-03", 6, 9),
        ("2027-03-04", "2027-04-04", 10, 13),
        ("2027-04-05", "2027-05-04", 14, 15),
    ];
    let focus = [
        "Foundations: maths and Python",
        "Foundations, then building",
        "Building the portfolio",
        "Work that did not fit",
    ];
    let months: Vec<Month> = month_bounds
        .iter()
        .zip(focus)
        .enumerate()
        .map(|(i, (&(from, to, first, last), focus))| {
            let index = i as u32 + 1;
            milestones.push(Milestone {
                id: format!("review-{index}"),
                date: day(to),
                title: format!("Month {index} review"),
                kind: MilestoneKind::Review,
                item: None,
                description: "Look back at what you finished, and move what did not fit.".into(),
            });
            Month {
                index,
                start: day(from),
                end: day(to),
                focus: focus.to_string(),
                weeks: (first..=last).collect(),
                items: Vec::new(),
                self_checks: items
                    .iter()
                    .filter(|it| it.finish >= day(from) && it.finish <= day(to))
                    .filter_map(|it| it.self_check.clone())
                    .collect(),
                milestones: Vec::new(),
                review: format!("review-{index}"),
                overflow: index == 4,
            }
        })
        .collect();
    milestones.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let mut months = months;
    for month in &mut months {
        month.milestones = milestones
            .iter()
            .filter(|m| m.kind != MilestoneKind::Review)
            .filter(|m| m.date >= month.start && m.date <= month.end)
            .map(|m| m.id.clone())
            .collect();
    }

    Plan {
        name: HOSTILE_NAME.to_string(),
        background: "software-engineer".into(),
        background_title: "Software engineer".into(),
        target_role: "ml-engineer".into(),
        target_role_title: "ML Engineer".into(),
        domain: Some("healthcare".into()),
        domain_title: Some("Healthcare | *clinics*".into()),
        hours_per_week,
        start,
        end,
        months_requested: 3,
        timezone: Some(chrono_tz::Europe::London),
        generated_on: day("2026-12-20"),
        feasibility: Feasibility {
            fits: false,
            required_hours: 126.0,
            available_hours: 114.0,
            finish_date: day("2027-04-18"),
            hours_per_week_needed: 11.1,
            realistic_months: [6, 12],
            realistic_source: "lesson: Software Engineer to ML Engineer, 6-12 months".into(),
            shorter_than_realistic: true,
            message: "The work does not fit in 3 months: at 10 h a week it finishes on 18 April \
                      2027. 11.1 h a week would fit it; 6-12 months is realistic."
                .into(),
        },
        route: RouteSummary {
            id: "self-study".into(),
            title: "Self-study".into(),
            summary: "Free to low cost.".into(),
            typical_duration: "As long as you need".into(),
            typical_cost: "Free to low cost".into(),
            currency: "GBP".into(),
            budget: Some(300.0),
            resources_cost: 1234.5,
            cost_notes: vec!["Machine Learning Specialization: USD 49 a month".into()],
            budget_message: Some("Over budget by £934.50 | plan for it.".into()),
        },
        weeks,
        items,
        milestones,
        months,
        skipped: vec![SkippedModule {
            id: "python-engineering".into(),
            title: "Python as a software engineer".into(),
            hours: 30.0,
            reason: "You already know Python and software engineering.".into(),
        }],
        extras: vec![
            Extra {
                id: "transformers-nlp".into(),
                title: "Transformers and NLP".into(),
                summary: "Fine-tune pretrained transformers with the Hugging Face libraries."
                    .into(),
                hours: 30.0,
                needs: vec![],
                interests: vec!["nlp".into()],
            },
            Extra {
                id: "ml-monitoring".into(),
                title: "Monitoring models in production".into(),
                summary: "Drift, data-quality checks and alerts.".into(),
                hours: 15.0,
                needs: vec!["Model deployment and serving".into()],
                interests: vec![],
            },
        ],
        project: Some(PortfolioProject {
            kind: "end-to-end".into(),
            title: "End-to-end project with a live demo".into(),
            summary: "From data collection to a deployed demo.".into(),
            idea: "Triage note classifier: classify de-identified triage notes by urgency.".into(),
            why: "You know what a wrong prediction costs a patient.".into(),
            deploy_targets: vec!["Hugging Face Spaces".into(), "Streamlit Cloud".into()],
            phases: vec!["end-to-end-scope".into(), "end-to-end-build".into()],
            checklist: vec![
                "A polished GitHub repository".into(),
                "A clear README".into(),
            ],
        }),
        networking: Networking {
            communities: vec![
                Link {
                    title: "MLOps Community Slack".into(),
                    url: "https://go.mlops.community/slack".into(),
                    note: "Introduce yourself in #introductions".into(),
                },
                Link {
                    title: "Not a real link".into(),
                    url: "javascript:alert(1)".into(),
                    note: String::new(),
                },
            ],
            open_source: vec![Link {
                title: "scikit-learn good first issues".into(),
                url: "https://github.com/scikit-learn/scikit-learn/labels/good first issue".into(),
                note: "Documentation fixes count.".into(),
            }],
            message_template: format!(
                "Hi,\n\nI read your blog post about X and I would love to ask about Y.\n# I am \
                 {HOSTILE_NAME}, a software engineer moving into ML Engineer."
            ),
            tasks: vec![
                "join-communities".into(),
                "cold-outreach-1".into(),
                "cold-outreach-2".into(),
            ],
        },
        resources: vec![
            ResourceEntry {
                id: "essence".into(),
                title: "Essence of Linear Algebra".into(),
                provider: "3Blue1Brown".into(),
                url: "https://www.3blue1brown.com/topics/linear-algebra".into(),
                hours: Some(3.0),
                cost: "Free".into(),
                estimate: true,
                used_by: vec!["math-foundations".into()],
            },
            ResourceEntry {
                id: "ml-spec".into(),
                title: "Machine Learning Specialization".into(),
                provider: "DeepLearning.AI and Stanford (Coursera)".into(),
                url: "https://www.coursera.org/specializations/machine-learning-introduction"
                    .into(),
                hours: Some(108.0),
                cost: "USD 49 a month".into(),
                estimate: false,
                used_by: vec!["ml-fundamentals".into()],
            },
            ResourceEntry {
                id: "pipes".into(),
                title: "Pipes | and\nnewlines *in* a title".into(),
                provider: "A | B".into(),
                url: "https://example.com/path with spaces/(x)".into(),
                hours: None,
                cost: "$10 | once".into(),
                estimate: false,
                used_by: vec!["ml-fundamentals".into(), "unknown-item".into()],
            },
        ],
        domain_advantage: Some(DomainAdvantage {
            domain: "healthcare".into(),
            title: "Healthcare".into(),
            applications: vec![
                "medical AI".into(),
                "clinical NLP".into(),
                "drug discovery".into(),
            ],
            why: "You know how clinical work really happens.".into(),
        }),
        first_job: vec![
            "More data wrangling and infrastructure than model building; that is normal.".into(),
            "Data quality and preprocessing: 60-70% of the work.".into(),
        ],
        notes: vec!["Your study slots add up to 9 h, not the 10 h a week you asked for.".into()],
    }
}
