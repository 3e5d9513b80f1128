//! Properties of the scheduler over many generated profiles, and on every background and role
//! pair: capacity, completeness, prerequisites, breaks, milestones, dates and shown sums, the
//! order of the job search, whole events and spare time.

use std::collections::HashMap;

use chrono::{Days, NaiveDate, NaiveTime, Weekday};
use pivot::catalog::RouteKind;
use pivot::plan::{ItemKind, MilestoneKind, Plan};
use pivot::profile::{Break, CurrencyFrom, Partial, Profile, Progress, StudySlot};
use pivot::{Catalog, schedule};
use proptest::prelude::*;

const EPS: f64 = 1e-9;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("built-in catalog"))
}

fn profile_strategy() -> impl Strategy<Value = Profile> {
    let c = catalog();
    let roles: Vec<String> = c.roles.iter().map(|r| r.id.clone()).collect();
    let backgrounds: Vec<String> = c.backgrounds.iter().map(|b| b.id.clone()).collect();
    let modules: Vec<String> = c.modules.iter().map(|m| m.id.clone()).collect();
    let skills: Vec<String> = c.skills.iter().map(|s| s.id.clone()).collect();
    let domains: Vec<Option<String>> = std::iter::once(None)
        .chain(c.domains.iter().map(|d| Some(d.id.clone())))
        .collect();
    (
        (
            proptest::sample::select(roles),
            proptest::sample::select(backgrounds),
            proptest::sample::select(domains),
            1u32..=240, // hours per week, in quarter hours
            3u32..=24,  // months
            0u64..800,  // start, days after 2027-01-01
            proptest::collection::vec((0u8..7, 6u32..20, 1u32..=16), 0..4), // slots: day, hour, quarters
        ),
        (
            proptest::collection::vec((0u64..500, 0u64..40), 0..4), // breaks: offset from start, length
            proptest::sample::subsequence(skills.clone(), 0..=skills.len().min(6)),
            proptest::sample::subsequence(modules.clone(), 0..=modules.len().min(4)),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (role, background, domain, quarters, months, offset, slots),
                (breaks, known, done, use_progress),
            )| {
                let start = NaiveDate::from_ymd_opt(2027, 1, 1).expect("date") + Days::new(offset);
                let mut study_slots: Vec<StudySlot> = Vec::new();
                for (day, hour, q) in slots {
                    let day = Weekday::try_from(day).unwrap_or(Weekday::Mon);
                    if study_slots.iter().any(|s| s.day == day) {
                        continue;
                    }
                    study_slots.push(StudySlot {
                        day,
                        time: NaiveTime::from_hms_opt(hour, 0, 0).expect("time"),
                        hours: f64::from(q) / 4.0,
                    });
                }
                let hours_per_week = if study_slots.is_empty() {
                    f64::from(quarters.max(4)) / 4.0
                } else {
                    study_slots.iter().map(|s| s.hours).sum::<f64>().max(1.0)
                };
                if !study_slots.is_empty() && hours_per_week < 1.0 + EPS {
                    study_slots[0].hours += 1.0 - study_slots.iter().map(|s| s.hours).sum::<f64>();
                }
                let hours_per_week = if study_slots.is_empty() {
                    hours_per_week
                } else {
                    study_slots.iter().map(|s| s.hours).sum()
                };
                Profile {
                    domain,
                    study_slots,
                    known_skills: known,
                    breaks: breaks
                        .into_iter()
                        .map(|(from, len)| Break {
                            from: start + Days::new(from),
                            to: start + Days::new(from + len),
                            note: None,
                        })
                        .collect(),
                    progress: use_progress.then_some(Progress {
                        as_of: start,
                        done,
                        partial: Vec::new(),
                        as_of_at: None,
                    }),
                    ..learner(background, role, hours_per_week, months, start)
                }
            },
        )
}

/// A self-taught learner from `background` to `role` at `hours_per_week` for `months` from
/// `start`, with no known skills, interests, slots, breaks or progress.
fn learner(
    background: String,
    role: String,
    hours_per_week: f64,
    months: u32,
    start: NaiveDate,
) -> Profile {
    Profile {
        name: "Test Learner".into(),
        plan_id: None,
        background,
        target_role: role,
        domain: None,
        hours_per_week,
        start: Some(start),
        months,
        timezone: None,
        study_slots: Vec::new(),
        route: RouteKind::SelfStudy,
        budget: None,
        currency: "GBP".into(),
        currency_from: CurrencyFrom::Profile,
        known_skills: Vec::new(),
        interests: Vec::new(),
        breaks: Vec::new(),
        progress: None,
    }
}

/// The plan made on 1 December 2026, or on the progress date when that is later.
fn plan_for(profile: &Profile) -> Plan {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let today = profile
        .progress
        .as_ref()
        .map_or(today, |p| p.as_of.max(today));
    schedule::schedule(profile, catalog(), today).expect("a valid profile always schedules")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn extras_are_the_roles_optional_modules_the_plan_leaves_out(profile in profile_strategy()) {
        let plan = plan_for(&profile);
        let role = catalog().role(&profile.target_role).expect("role");
        let known = profile.skills(catalog());
        for extra in &plan.extras {
            prop_assert!(role.optional.contains(&extra.id), "{} is optional", extra.id);
            prop_assert!(!plan.items.iter().any(|item| item.id == extra.id), "{} is planned", extra.id);
            let module = catalog().module(&extra.id).expect("module");
            prop_assert!(!module.skills.iter().all(|skill| known.contains(skill)), "{} is known", extra.id);
            // Listed once, and after any other extra it builds on.
            let at = |id: &str| plan.extras.iter().position(|e| e.id == id);
            prop_assert_eq!(plan.extras.iter().filter(|e| e.id == extra.id).count(), 1);
            for required in &module.requires {
                if let Some(before) = at(required) {
                    prop_assert!(before < at(&extra.id).expect("listed"), "{} before {}", required, extra.id);
                }
            }
        }
    }

    #[test]
    fn schedules_are_sound(profile in profile_strategy()) {
        sound(&profile)?;
    }

    /// The plan ends the day before the same date `months` on; no week inside the plan starts
    /// after that day; month reviews fall on each month's last day; and the hours a week shows
    /// add up exactly to what it shows as planned, as the documents write them.
    #[test]
    fn dates_and_shown_hours_add_up(profile in profile_strategy()) {
        dates_add_up(&profile)?;
    }
}

/// Random progress on the plan first made for `profile`: each item done, begun (with the share
/// left), or not, by `picks` (cycled), as of a day `at` thousandths of the way from the start to
/// the last day of work.
fn with_progress(profile: &Profile, picks: &[(u8, u8)], at: u32) -> Profile {
    let first = plan_for(profile);
    let start = first.start;
    let span = (first.feasibility.finish_date - start).num_days().max(0) as u64;
    let as_of = start + Days::new(span * u64::from(at) / 1000);
    let mut done = Vec::new();
    let mut partial = Vec::new();
    for (item, (choice, share)) in first.items.iter().zip(picks.iter().cycle()) {
        let quarters = (item.hours * 4.0).round() as u64;
        match choice % 3 {
            0 => done.push(item.id.clone()),
            1 if quarters >= 2 => {
                let left = (quarters * u64::from(*share) / 255).clamp(1, quarters - 1);
                partial.push(Partial {
                    id: item.id.clone(),
                    left: left as f64 / 4.0,
                });
            }
            _ => {}
        }
    }
    Profile {
        progress: Some(Progress {
            as_of,
            done,
            partial,
            as_of_at: None,
        }),
        ..profile.clone()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Re-planned from random progress: nothing is placed before the as-of date, done items have
    /// no hours, what is left of the rest is placed in full, and prerequisites come first.
    #[test]
    fn replanning_from_progress_is_sound(
        profile in profile_strategy(),
        picks in proptest::collection::vec((any::<u8>(), any::<u8>()), 1..40),
        at in 0u32..=1000,
    ) {
        let profile = Profile { progress: None, ..profile };
        let profile = with_progress(&profile, &picks, at);
        let progress = profile.progress.as_ref().expect("progress");
        let plan = plan_for(&profile);
        let mut allocated: HashMap<&str, f64> = HashMap::new();
        for week in &plan.weeks {
            prop_assert_eq!(week.history, week.end < progress.as_of);
            if week.end < progress.as_of {
                prop_assert!(week.allocations.is_empty(), "work in week {} before {}", week.index, progress.as_of);
            }
            for session in week.sessions.iter().filter(|s| !s.work.is_empty()) {
                prop_assert!(session.date >= progress.as_of);
            }
            for a in &week.allocations {
                *allocated.entry(a.item.as_str()).or_default() += a.hours;
            }
        }
        for id in &progress.done {
            prop_assert!(!allocated.contains_key(id.as_str()), "{} is done", id);
            prop_assert!(!plan.items.iter().any(|item| &item.id == id));
        }
        let by_id: HashMap<&str, _> = plan.items.iter().map(|i| (i.id.as_str(), i)).collect();
        for item in &plan.items {
            prop_assert!(item.start >= progress.as_of, "{} starts {}", item.id, item.start);
            let got = allocated.get(item.id.as_str()).copied().unwrap_or(0.0);
            prop_assert!((got - item.hours).abs() < EPS, "{} gets {got} of {}", item.id, item.hours);
            if let Some(begun) = progress.partial.iter().find(|p| p.id == item.id) {
                prop_assert!((item.hours - begun.left).abs() < EPS, "{} has what is left", item.id);
            }
            for r in &item.requires {
                let pre = by_id.get(r.as_str()).expect("a prerequisite left is an item");
                prop_assert!(pre.finish <= item.start, "{} before {}", r, item.id);
            }
        }
        let report = plan.progress.as_ref().expect("the plan reports progress");
        prop_assert_eq!(report.done.len(), progress.done.len());
        prop_assert_eq!(report.partial.len(), progress.partial.len());
    }
}

/// The software engineer example with `interests` and `known_skills` changed.
fn engineer(interests: &[&str], known_skills: &[&str]) -> Profile {
    let path = std::path::Path::new("examples/software-engineer-to-ml-engineer.yaml");
    let mut profile = Profile::from_file(path, catalog()).expect("the example loads");
    profile.interests = interests.iter().map(|s| s.to_string()).collect();
    profile.known_skills = known_skills.iter().map(|s| s.to_string()).collect();
    profile
}

#[test]
fn extras_matching_an_interest_come_first_and_known_ones_are_left_out() {
    let ids = |plan: &Plan| -> Vec<String> { plan.extras.iter().map(|e| e.id.clone()).collect() };
    let plain = plan_for(&engineer(&[], &[]));
    assert_eq!(
        ids(&plain),
        catalog().role("ml-engineer").expect("role").optional,
        "without interests, the role's order"
    );
    let vision = plan_for(&engineer(&["vision"], &[]));
    assert_eq!(vision.extras[0].id, "computer-vision-theory");
    assert_eq!(vision.extras[0].interests, ["vision"]);
    assert!(vision.extras[1..].iter().all(|e| e.interests.is_empty()));

    // For an MLOps engineer, transformers build on deep learning; both are optional.
    let ops = |known_skills: &[&str]| {
        let mut profile = engineer(&[], known_skills);
        profile.target_role = "mlops-engineer".into();
        plan_for(&profile)
    };
    let transformers = |plan: &Plan| -> Vec<String> {
        plan.extras
            .iter()
            .find(|e| e.id == "transformers-nlp")
            .expect("transformers are an extra")
            .needs
            .clone()
    };
    assert_eq!(transformers(&ops(&[])), ["Deep learning in practice"]);
    let known = ops(&["deep-learning"]);
    assert!(!ids(&known).contains(&"deep-learning".to_string()));
    assert!(
        transformers(&known).is_empty(),
        "deep learning is known, so it is not needed first"
    );
}

#[test]
fn spare_hours_are_offered_only_when_the_months_are_realistic_and_hold_an_extra() {
    let mut asked = engineer(&["nlp"], &[]);
    asked.months = 12;
    let asked = plan_for(&asked);
    let f = &asked.feasibility;
    assert!(
        asked.items.iter().any(|i| i.deepening),
        "twelve months at 12 h leave time to deepen"
    );
    let deepening: f64 = asked
        .items
        .iter()
        .filter(|i| i.deepening)
        .map(|i| i.hours)
        .sum();
    assert_eq!(
        asked.spare_hours_for_extras(),
        Some(f.available_hours - f.required_hours - deepening),
        "what deepening leaves free is offered for the extras left"
    );

    let mut rushed = engineer(&["nlp"], &[]);
    rushed.months = 3;
    rushed.hours_per_week = 40.0;
    rushed.study_slots.clear();
    let rushed = plan_for(&rushed);
    assert!(rushed.feasibility.fits && rushed.feasibility.shorter_than_realistic);
    assert_eq!(
        rushed.spare_hours_for_extras(),
        None,
        "three months is the margin, not spare time"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The job search follows the portfolio project, however long the learning runs: the CV
    /// once the project is built, the portfolio page once it has shipped, applications after
    /// the page; the project after the modules it uses, or what they build on when the learner
    /// knows them; and an event takes one week, never a piece of two.
    #[test]
    fn the_job_search_follows_the_project_and_events_stay_whole(profile in profile_strategy()) {
        job_search_order(&profile)?;
    }
}

/// A learner coming from academic research to an AI researcher role.
fn researcher(interests: &[&str]) -> Profile {
    let mut profile = engineer(interests, &[]);
    profile.background = "academic-researcher".into();
    profile.target_role = "ai-researcher".into();
    profile.domain = None;
    profile
}

#[test]
fn a_researcher_reproduces_a_paper_unless_their_interests_point_elsewhere() {
    let plan = plan_for(&researcher(&[]));
    let project = plan.project.as_ref().expect("a project");
    assert_eq!(project.kind, "paper-reproduction");
    assert!(
        project.why.contains("researcher's daily work"),
        "{}",
        project.why
    );
    // It comes after the modules a reproduction uses, even those the researcher's background
    // covers: then after what those build on.
    let start = plan
        .items
        .iter()
        .find(|i| i.id == project.phases[0])
        .expect("phase")
        .start;
    for id in ["deep-learning", "transformers-nlp"] {
        if let Some(module) = plan.items.iter().find(|i| i.id == id) {
            assert!(
                module.finish <= start,
                "{id} ends {} after the project starts {start}",
                module.finish
            );
        }
    }

    let tabular = plan_for(&researcher(&["tabular"]));
    let project = tabular.project.as_ref().expect("a project");
    assert_eq!(project.kind, "kaggle");
    assert!(
        project.why.starts_with("It matches your interests (tabular), so it was chosen over the role's usual first choice (Reproduce a paper)."),
        "{}",
        project.why
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Spare time is used, and said truthfully: deepening comes only after the core plan and
    /// inside the plan's dates, and no plan leaves more than two weeks in a row empty that were
    /// not asked for as a break; "to spare" is said only when the work ends early.
    #[test]
    fn spare_time_is_used_and_said_truthfully(profile in profile_strategy()) {
        spare_time_truthful(&profile)?;
    }
}

/// The rules `schedules_are_sound` checks on generated profiles, and
/// `every_background_and_role_pair_keeps_the_rules` on every move.
fn sound(profile: &Profile) -> Result<(), TestCaseError> {
    let plan = plan_for(profile);
    let mut allocated: HashMap<&str, f64> = HashMap::new();
    for week in &plan.weeks {
        let used: f64 = week.allocations.iter().map(|a| a.hours).sum();
        prop_assert!(
            used <= week.capacity + EPS,
            "week {} holds {used} of {}",
            week.index,
            week.capacity
        );
        for a in &week.allocations {
            prop_assert!(a.hours > 0.0);
            *allocated.entry(a.item.as_str()).or_default() += a.hours;
        }
        if !week.sessions.is_empty() {
            let in_sessions: f64 = week
                .sessions
                .iter()
                .flat_map(|s| &s.work)
                .map(|a| a.hours)
                .sum();
            prop_assert!(
                (in_sessions - used).abs() < EPS,
                "sessions carry the week's work"
            );
        }
        let fully_in_break = profile
            .breaks
            .iter()
            .any(|b| b.from <= week.start && week.end <= b.to);
        if fully_in_break {
            prop_assert!(
                week.allocations.is_empty(),
                "break week {} is empty",
                week.index
            );
            prop_assert_eq!(week.capacity, 0.0);
        }
    }
    let by_id: HashMap<&str, _> = plan.items.iter().map(|i| (i.id.as_str(), i)).collect();
    for item in &plan.items {
        let got = allocated.get(item.id.as_str()).copied().unwrap_or(0.0);
        prop_assert!(
            (got - item.hours).abs() < EPS,
            "{} gets {got} of {}",
            item.id,
            item.hours
        );
        prop_assert!(item.start <= item.finish);
        for r in &item.requires {
            let pre = by_id.get(r.as_str()).expect("prerequisite is an item");
            prop_assert!(
                pre.finish <= item.start,
                "{} finishes {} after {} starts {}",
                r,
                pre.finish,
                item.id,
                item.start
            );
        }
        for b in &profile.breaks {
            prop_assert!(
                !(b.from <= item.start && item.start <= b.to),
                "{} starts in a break",
                item.id
            );
        }
    }
    let done: Vec<&String> = profile.progress.iter().flat_map(|p| &p.done).collect();
    for id in done {
        prop_assert!(!plan.items.iter().any(|i| &i.id == id), "{id} was done");
    }
    for m in &plan.milestones {
        match m.kind {
            MilestoneKind::Review => {
                let month = plan
                    .months
                    .iter()
                    .find(|x| x.review == m.id)
                    .expect("its month");
                prop_assert!(month.start <= m.date && m.date <= month.end);
            }
            _ => {
                let item = by_id
                    .get(m.item.as_deref().unwrap_or_default())
                    .expect("its item");
                let weeks: Vec<_> = plan
                    .weeks
                    .iter()
                    .filter(|w| w.allocations.iter().any(|a| a.item == item.id))
                    .collect();
                let first = weeks.first().expect("allocated");
                let last = weeks.last().expect("allocated");
                prop_assert!(
                    first.start <= m.date && m.date <= last.end,
                    "milestone {} on {} outside its weeks",
                    m.id,
                    m.date
                );
            }
        }
    }
    let f = &plan.feasibility;
    prop_assert_eq!(f.fits, f.finish_date <= plan.end);
    // Deepening only fills what time is left, so the verdict weighs the rest.
    let required: f64 = plan
        .items
        .iter()
        .filter(|i| !i.deepening)
        .map(|i| i.hours)
        .sum();
    prop_assert!((f.required_hours - required).abs() < EPS);
    prop_assert!(plan.items.iter().any(|i| i.kind == ItemKind::Module) || !plan.skipped.is_empty());
    Ok(())
}

/// The rules `dates_and_shown_hours_add_up` checks on generated profiles, and
/// `every_background_and_role_pair_keeps_the_rules` on every move.
fn dates_add_up(profile: &Profile) -> Result<(), TestCaseError> {
    let plan = plan_for(profile);
    let same_date_on = plan
        .start
        .checked_add_months(chrono::Months::new(plan.months_requested))
        .expect("in range");
    prop_assert_eq!(plan.end, same_date_on.pred_opt().expect("a day before"));
    for week in plan.weeks.iter().filter(|w| !w.overflow) {
        prop_assert!(
            week.start <= plan.end && week.end <= plan.end,
            "week {} runs {}..{}",
            week.index,
            week.start,
            week.end
        );
    }
    for month in plan.months.iter().filter(|m| !m.overflow) {
        let next = plan
            .start
            .checked_add_months(chrono::Months::new(month.index))
            .expect("in range");
        prop_assert_eq!(month.end, next.pred_opt().expect("a day before"));
        let review = plan
            .milestones
            .iter()
            .find(|m| m.id == month.review)
            .expect("a review");
        prop_assert_eq!(review.date, month.end);
    }
    let shown = |hours: f64| {
        pivot::words::trim_number(hours)
            .parse::<f64>()
            .expect("a number")
    };
    for week in &plan.weeks {
        let parts: f64 = week.allocations.iter().map(|a| shown(a.hours)).sum();
        let whole: f64 = week.allocations.iter().map(|a| a.hours).sum();
        prop_assert!(
            (parts - shown(whole)).abs() < EPS,
            "week {}: {parts} shown for {whole}",
            week.index
        );
        prop_assert!(shown(whole) <= shown(week.capacity) + EPS);
    }
    Ok(())
}

/// The rules `the_job_search_follows_the_project_and_events_stay_whole` checks on generated profiles, and
/// `every_background_and_role_pair_keeps_the_rules` on every move.
fn job_search_order(profile: &Profile) -> Result<(), TestCaseError> {
    let plan = plan_for(profile);
    let item = |id: &str| plan.items.iter().find(|i| i.id == id);
    if let Some(project) = &plan.project {
        let phases: Vec<_> = project.phases.iter().map(|id| item(id)).collect();
        if phases.iter().all(Option::is_some) {
            let phases: Vec<_> = phases.into_iter().flatten().collect();
            let built = phases[(phases.len() - 1) / 2].finish;
            let shipped = phases.last().expect("a phase").finish;
            if let Some(cv) = item("cv") {
                prop_assert!(
                    cv.start >= built,
                    "CV {} before the project is built {}",
                    cv.start,
                    built
                );
            }
            if let Some(page) = item("portfolio-page") {
                prop_assert!(
                    page.start >= shipped,
                    "page {} before the project ships {}",
                    page.start,
                    shipped
                );
                for application in plan
                    .items
                    .iter()
                    .filter(|i| i.id.starts_with("applications"))
                {
                    prop_assert!(
                        application.start >= page.finish,
                        "{} before the page",
                        application.id
                    );
                }
            }
            let role = catalog().role(&profile.target_role).expect("role");
            let mut uses: Vec<&str> = role.project_after.iter().map(String::as_str).collect();
            while let Some(id) = uses.pop() {
                match item(id) {
                    Some(module) => prop_assert!(
                        module.finish <= phases[0].start,
                        "{} after the project starts",
                        id
                    ),
                    None if plan.skipped.iter().any(|s| s.id == id) => {
                        uses.extend(
                            catalog()
                                .module(id)
                                .expect("module")
                                .requires
                                .iter()
                                .map(String::as_str),
                        );
                    }
                    None => {}
                }
            }
        }
    }
    let applications: Vec<_> = plan
        .items
        .iter()
        .filter(|i| i.id.starts_with("applications"))
        .collect();
    prop_assert_eq!(
        plan.feasibility.applications_start,
        applications.iter().map(|a| a.start).min()
    );
    if let Some(day) = plan.feasibility.applications_start {
        let said = format!(
            "You start applying for roles on {}",
            pivot::words::long_date(day)
        );
        prop_assert!(
            plan.feasibility.message.contains(&said),
            "{}",
            plan.feasibility.message
        );
    }
    for event in plan
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Outreach && i.hours <= profile.hours_per_week)
    {
        let weeks = plan
            .weeks
            .iter()
            .filter(|w| w.allocations.iter().any(|a| a.item == event.id))
            .count();
        prop_assert_eq!(weeks, 1, "{} is spread over {} weeks", &event.id, weeks);
    }
    // Two occurrences of one task never share a week.
    for week in &plan.weeks {
        let mut series: Vec<&str> = week
            .allocations
            .iter()
            .filter_map(|a| {
                item(&a.item)
                    .and_then(|i| i.series.as_ref())
                    .map(|s| s.task.as_str())
            })
            .collect();
        let all = series.len();
        series.sort_unstable();
        series.dedup();
        prop_assert_eq!(
            series.len(),
            all,
            "week {} holds one task twice",
            week.index
        );
    }
    Ok(())
}

/// The rules `spare_time_is_used_and_said_truthfully` checks on generated profiles, and
/// `every_background_and_role_pair_keeps_the_rules` on every move.
fn spare_time_truthful(profile: &Profile) -> Result<(), TestCaseError> {
    let plan = plan_for(profile);
    let f = &plan.feasibility;
    let core_finish = plan
        .items
        .iter()
        .filter(|i| !i.deepening && i.kind != ItemKind::Outreach)
        .map(|i| i.finish)
        .max();
    prop_assert_eq!(f.core_finish, core_finish);
    let deepening: Vec<_> = plan.items.iter().filter(|i| i.deepening).collect();
    for item in &deepening {
        prop_assert!(
            !item.overflow && item.finish <= plan.end,
            "{} runs past the end",
            item.id
        );
        prop_assert!(
            core_finish.is_none_or(|core| item.start >= core),
            "{} before the core is done",
            item.id
        );
        if item.kind == ItemKind::Module {
            let role = catalog().role(&profile.target_role).expect("role");
            prop_assert!(role.optional.contains(&item.id));
            let module = catalog().module(&item.id).expect("module");
            prop_assert!(
                module
                    .interests
                    .iter()
                    .any(|t| profile.interests.contains(t)),
                "{} matches no interest",
                item.id
            );
        }
    }
    if let Some(second) = &plan.second_project {
        prop_assert!(plan.project.as_ref().is_some_and(|p| p.kind != second.kind));
        prop_assert!(
            second
                .phases
                .iter()
                .all(|id| deepening.iter().any(|i| &i.id == id))
        );
    }
    if !deepening.is_empty() {
        prop_assert!(
            f.message.contains("The core plan is done by"),
            "{}",
            f.message
        );
    }
    // The finish the verdict gives is the finish of the work the plan needs.
    let needed = plan.items.iter().filter(|i| !i.deepening);
    prop_assert_eq!(Some(f.finish_date), needed.map(|i| i.finish).max());
    // Whatever the plan's length and pace: no more than two weeks in a row with study time
    // and nothing in them, from the first week to the last.
    let mut empty_run = 0;
    for week in plan
        .weeks
        .iter()
        .filter(|w| !w.overflow && w.capacity > 0.0)
    {
        if week.allocations.is_empty() {
            empty_run += 1;
            prop_assert!(
                empty_run <= 2,
                "week {} is the third empty week in a row",
                week.index
            );
        } else {
            empty_run = 0;
        }
    }
    if f.message.contains("to spare") {
        prop_assert!(
            f.fits && (plan.end - f.finish_date).num_days() >= 7,
            "{}",
            f.message
        );
    }
    Ok(())
}

/// The rules above on every background and role pair of the catalog, not only the pairs the
/// generator draws: from no known skills, at a slow, a usual and a fast pace, over plans that
/// run long, fit, or leave much time over.
#[test]
fn every_background_and_role_pair_keeps_the_rules() {
    let c = catalog();
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
    let paces = [
        (3.0, 6),
        (3.0, 24),
        (10.0, 6),
        (10.0, 12),
        (40.0, 3),
        (40.0, 9),
    ];
    for background in &c.backgrounds {
        for role in &c.roles {
            for (hours_per_week, months) in paces {
                let profile = learner(
                    background.id.clone(),
                    role.id.clone(),
                    hours_per_week,
                    months,
                    start,
                );
                for rules in [sound, dates_add_up, job_search_order, spare_time_truthful] {
                    if let Err(err) = rules(&profile) {
                        panic!(
                            "{} to {} at {hours_per_week} h a week over {months} months: {err}",
                            background.id, role.id
                        );
                    }
                }
            }
        }
    }
}
