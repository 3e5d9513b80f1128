//! Choosing the work: the modules the learner still needs, the portfolio project that suits
//! them, outreach on its cadence, and the facts around them (resources, route, networking).

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::capacity::{month_start, week_of};

use crate::catalog::{
    Cadence, Catalog, Family, Module, OutreachKind, ProjectIdea, ProjectKind, Role, RouteKind,
    Stage,
};
use crate::error::Error;
use crate::plan::{
    DomainAdvantage, DoneItem, Extra, ItemKind, Link, Networking, PartialItem, PortfolioProject,
    ResourceEntry, ResourcePart, Series, SkippedModule,
};
use crate::profile::{Profile, catalog_item};
use crate::words::in_sentence;

/// A unit of work before placement.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    pub hours: f64,
    pub stage: Stage,
    pub requires: Vec<String>,
    /// (stage, kind rank, sequence): lower goes first among ready items.
    pub priority: (u8, u8, usize),
    /// Outreach only: the 0-based week from which it may be done.
    pub release_week: Option<usize>,
    /// A later occurrence of a task that waits for something: it keeps this many weeks after
    /// the occurrence before it (its first requirement), so the cadence moves with the wait.
    pub gap_weeks: Option<usize>,
    /// Deepening work for spare time: placed only after the core plan, spread over the weeks
    /// left.
    pub deepening: bool,
    pub outcome: Option<String>,
    pub self_check: Option<String>,
    pub resources: Vec<String>,
    pub resource_parts: Vec<ResourcePart>,
    pub skills: Vec<String>,
    pub details: Option<String>,
    pub links: Vec<String>,
    pub series: Option<Series>,
}

/// Everything chosen for the plan, before it is placed in weeks.
pub struct Work {
    pub items: Vec<WorkItem>,
    pub background_title: String,
    pub role_title: String,
    pub domain_title: Option<String>,
    pub skipped: Vec<SkippedModule>,
    pub extras: Vec<Extra>,
    pub project: Option<PortfolioProject>,
    /// What spare time may hold, best first: the role's optional modules that match the
    /// learner's interests, then a second project's phases. None is in `items` yet.
    pub deepening: Vec<WorkItem>,
    /// The second project the deepening phases belong to.
    pub second_project: Option<PortfolioProject>,
    pub networking: Networking,
    pub resources: Vec<ResourceEntry>,
    pub domain_advantage: Option<DomainAdvantage>,
    pub first_job: Vec<String>,
    pub notes: Vec<String>,
    /// Items the learner has marked done, taken out of `items`.
    pub done: Vec<DoneItem>,
    /// Items the learner has begun; `items` holds what is left of them.
    pub partial: Vec<PartialItem>,
}

fn stage_rank(stage: Stage) -> u8 {
    match stage {
        Stage::Foundation => 0,
        Stage::Building => 1,
        Stage::Polish => 2,
    }
}

fn unknown(what: &str, id: &str) -> Error {
    Error::CatalogGeneral {
        message: format!(
            "the catalog has no {what} `{id}`; does --data hold an older catalog than the profile expects?"
        ),
    }
}

pub fn select_work(
    profile: &Profile,
    catalog: &Catalog,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Work, Error> {
    let role = catalog
        .role(&profile.target_role)
        .ok_or_else(|| unknown("role", &profile.target_role))?;
    let background = catalog
        .background(&profile.background)
        .ok_or_else(|| unknown("background", &profile.background))?;
    let domain = match &profile.domain {
        Some(id) => Some(catalog.domain(id).ok_or_else(|| unknown("domain", id))?),
        None => None,
    };

    let mut notes = Vec::new();
    let (modules, skipped) = select_modules(profile, catalog, role, &background.title);
    let included: HashSet<&str> = modules.iter().map(|m| m.id.as_str()).collect();
    let mut items: Vec<WorkItem> = modules
        .iter()
        .enumerate()
        .map(|(seq, m)| {
            let requires = m
                .requires
                .iter()
                .filter(|r| included.contains(r.as_str()))
                .cloned()
                .collect();
            module_work(
                profile,
                catalog,
                m,
                requires,
                stage_rank(m.stage),
                seq,
                false,
            )
        })
        .collect();

    let project = choose_project(profile, catalog, role, domain);
    let portfolio = project.map(|(kind, idea, why)| {
        let after = project_after(catalog, role, &included);
        let (phases, portfolio) = project_work(kind, idea, why, domain, after, false);
        items.extend(phases);
        portfolio
    });

    let marks = portfolio.as_ref().map(|p| ProjectMarks {
        built: items
            .iter()
            .rfind(|w| w.kind == ItemKind::Project && w.stage == Stage::Building)
            .map(|w| w.id.clone())
            .unwrap_or_else(|| p.phases[0].clone()),
        done: p.phases.last().cloned().unwrap_or_default(),
    });
    let (outreach_items, networking) = select_outreach(
        profile,
        catalog,
        role,
        background.title.as_str(),
        domain.map(|d| d.title.as_str()),
        marks.as_ref(),
        (start, end),
    );
    items.extend(outreach_items);

    let (mut done, mut partial) =
        take_progress(profile, catalog, role, &skipped, &mut items, &mut notes);
    let extras = select_extras(profile, catalog, role, &included);
    let spare = deepening(
        profile,
        catalog,
        role,
        domain,
        &extras,
        &items,
        portfolio.as_ref(),
    );
    done.extend(spare.done);
    partial.extend(spare.partial);
    let resources = select_resources(profile, catalog, &items);
    Ok(Work {
        items,
        background_title: background.title.clone(),
        role_title: role.title.clone(),
        domain_title: domain.map(|d| d.title.clone()),
        extras,
        skipped,
        project: portfolio,
        deepening: spare.items,
        second_project: spare.project,
        networking,
        resources,
        domain_advantage: domain.map(|d| DomainAdvantage {
            domain: d.id.clone(),
            title: d.title.clone(),
            applications: d.applications.clone(),
            why: d.advantage.clone(),
        }),
        first_job: role.first_job.clone(),
        notes,
        done,
        partial,
    })
}

/// Takes the items the learner has marked done out of `items` (what required one of them
/// requires what it required instead, so order holds through work done early), and leaves
/// what is still to do of those begun. Says in `notes` what was done or begun out of order and
/// what was done that this plan does not hold.
fn take_progress(
    profile: &Profile,
    catalog: &Catalog,
    role: &Role,
    skipped: &[SkippedModule],
    items: &mut Vec<WorkItem>,
    notes: &mut Vec<String>,
) -> (Vec<DoneItem>, Vec<PartialItem>) {
    let Some(progress) = &profile.progress else {
        return (Vec::new(), Vec::new());
    };
    let is_done = |id: &str| progress.done.iter().any(|d| d == id);
    let (finished, left): (Vec<WorkItem>, Vec<WorkItem>) = std::mem::take(items)
        .into_iter()
        .partition(|w| is_done(&w.id));
    let requires: HashMap<&str, &[String]> = finished
        .iter()
        .map(|w| (w.id.as_str(), w.requires.as_slice()))
        .collect();
    // What a requirement stands for once done items are set aside: itself, or what the done
    // item required, and so on (the catalog's prerequisites are acyclic).
    let resolve = |id: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![id.to_string()];
        while let Some(current) = stack.pop() {
            match requires.get(current.as_str()) {
                Some(further) => stack.extend(further.iter().rev().cloned()),
                None if !out.contains(&current) => out.push(current),
                None => {}
            }
        }
        out
    };
    *items = left
        .into_iter()
        .map(|mut w| {
            w.requires =
                w.requires
                    .iter()
                    .flat_map(|r| resolve(r))
                    .fold(Vec::new(), |mut all, r| {
                        if !all.contains(&r) {
                            all.push(r);
                        }
                        all
                    });
            w
        })
        .collect();
    let title_of = |id: &str| {
        items
            .iter()
            .find(|w| w.id == id)
            .map(|w| w.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let begun: Vec<&WorkItem> = items
        .iter()
        .filter(|w| progress.partial.iter().any(|p| p.id == w.id))
        .collect();
    for (w, verb) in finished
        .iter()
        .map(|w| (w, "marked"))
        .chain(begun.iter().map(|w| (*w, "have begun")))
    {
        let missing: Vec<String> = w
            .requires
            .iter()
            .flat_map(|r| resolve(r))
            .filter(|r| items.iter().any(|left| &left.id == r))
            .map(|r| title_of(&r))
            .collect();
        if !missing.is_empty() {
            notes.push(format!(
                "You {verb} {}{}, but not finished {}, which it builds on: {} the plan. If you \
                 learnt it along the way, add it to progress.done too.",
                w.title,
                if verb == "marked" { " done" } else { "" },
                missing.join("; "),
                if missing.len() == 1 {
                    "that stays in"
                } else {
                    "those stay in"
                }
            ));
        }
    }
    // Work done or begun that this plan would not have held anyway: on no path it follows, a
    // phase of another project, a task it does not set; the role's optional modules just drop
    // out of the extras, and modules already known are listed as skipped.
    let outside: Vec<String> = progress
        .done
        .iter()
        .chain(progress.partial.iter().map(|p| &p.id))
        .filter(|id| {
            !items.iter().any(|w| &w.id == *id)
                && !finished.iter().any(|w| &w.id == *id)
                && !skipped.iter().any(|s| &s.id == *id)
                && !role.optional.contains(id)
                && !role.project_kinds.iter().any(|kind| {
                    catalog.project(kind).is_some_and(|k| {
                        k.phases
                            .iter()
                            .any(|p| **id == format!("{}-{}", k.id, p.id))
                    })
                })
        })
        .map(|id| {
            catalog_item(catalog, id).map_or_else(|| id.clone(), |(title, _)| title.to_string())
        })
        .collect();
    if !outside.is_empty() {
        let verb = if outside.len() == 1 { "is" } else { "are" };
        notes.push(format!(
            "{} {verb} not part of this plan for {}, so your progress on {} changes nothing here.",
            outside.join("; "),
            role.title,
            if outside.len() == 1 { "it" } else { "them" },
        ));
    }
    let mut partial = Vec::new();
    for w in items.iter_mut() {
        if let Some(left) = progress.partial.iter().find(|p| p.id == w.id) {
            partial.push(cut_to_left(w, left.left));
        }
    }
    let done = finished.into_iter().map(done_item).collect();
    (done, partial)
}

/// An item the learner has done, as the progress report lists it.
fn done_item(w: WorkItem) -> DoneItem {
    DoneItem {
        id: w.id,
        kind: w.kind,
        title: w.title,
        hours: w.hours,
    }
}

/// An item the learner has begun with `left` hours to go: the report's entry, and the item cut
/// to what is left.
fn cut_to_left(w: &mut WorkItem, left: f64) -> PartialItem {
    let entry = PartialItem {
        id: w.id.clone(),
        kind: w.kind,
        title: w.title.clone(),
        hours: w.hours,
        hours_done: w.hours - left,
        hours_left: left,
    };
    w.hours = left;
    entry
}

/// A module as work: `rank` and `seq` order it among ready modules.
fn module_work(
    profile: &Profile,
    catalog: &Catalog,
    module: &Module,
    requires: Vec<String>,
    rank: u8,
    seq: usize,
    deepening: bool,
) -> WorkItem {
    let parts = resource_parts(profile, catalog, module);
    WorkItem {
        id: module.id.clone(),
        kind: ItemKind::Module,
        title: module.title.clone(),
        hours: module.hours,
        stage: module.stage,
        requires,
        priority: (rank, 0, seq),
        release_week: None,
        gap_weeks: None,
        deepening,
        outcome: Some(module.outcome.clone()),
        self_check: Some(module.self_check.clone()),
        resources: parts.iter().map(|p| p.resource.clone()).collect(),
        resource_parts: parts,
        skills: module.skills.clone(),
        details: Some(module.summary.clone()),
        links: Vec::new(),
        series: None,
    }
}

/// What to study for a module: the resources of the learner's route (and free self-study
/// ones), each whole or the part the module assigns.
fn resource_parts(profile: &Profile, catalog: &Catalog, module: &Module) -> Vec<ResourcePart> {
    module
        .resources
        .iter()
        .filter_map(|assignment| {
            let resource = catalog.resource(&assignment.id)?;
            let on_route =
                resource.route == RouteKind::SelfStudy || resource.route == profile.route;
            on_route.then(|| ResourcePart {
                resource: resource.id.clone(),
                title: resource.title.clone(),
                part: assignment.part.clone(),
                hours: assignment.stated_hours(resource),
            })
        })
        .collect()
}

/// The role's path with any prerequisites it lacks pulled in ahead of their users, minus what
/// the learner already knows (what they have done is taken out later, with the rest of the
/// work done).
fn select_modules<'c>(
    profile: &Profile,
    catalog: &'c Catalog,
    role: &Role,
    background_title: &str,
) -> (Vec<&'c Module>, Vec<SkippedModule>) {
    let order = prerequisites_first(role.path.iter().map(String::as_str), |id| {
        catalog.module(id)
    });
    let known = profile.skills(catalog);
    let background_skills: BTreeSet<&str> = catalog
        .background(&profile.background)
        .map(|b| b.skills.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut keep = Vec::new();
    let mut skipped = Vec::new();
    for module in order {
        let reason = if knows_all(&known, module) {
            let from_background = module
                .skills
                .iter()
                .all(|s| background_skills.contains(s.as_str()));
            Some(if from_background {
                format!(
                    "your background as a {} already covers it",
                    in_sentence(background_title)
                )
            } else {
                "you already know its skills (known_skills)".to_string()
            })
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(SkippedModule {
                id: module.id.clone(),
                title: module.title.clone(),
                hours: module.hours,
                reason,
            }),
            None => keep.push(module),
        }
    }
    (keep, skipped)
}

/// The role's optional modules that the plan does not hold and the learner has neither done nor
/// covered by known skills, each once: those matching the learner's interests first, then in
/// the role's order, but never ahead of another extra they build on.
fn select_extras(
    profile: &Profile,
    catalog: &Catalog,
    role: &Role,
    included: &HashSet<&str>,
) -> Vec<Extra> {
    let known = profile.skills(catalog);
    let done = done_ids(profile);
    let has = |module: &Module| {
        included.contains(module.id.as_str())
            || done.contains(module.id.as_str())
            || knows_all(&known, module)
    };
    let mut seen = HashSet::new();
    let mut modules: Vec<&Module> = role
        .optional
        .iter()
        .filter_map(|id| catalog.module(id))
        .filter(|module| !has(module) && seen.insert(module.id.as_str()))
        .collect();
    let matches = |module: &Module| overlap(&module.interests, &profile.interests) > 0;
    modules.sort_by_key(|module| !matches(module));

    // Each after the extras it builds on.
    prerequisites_first(modules.iter().map(|m| m.id.as_str()), |id| {
        modules.iter().copied().find(|m| m.id == id)
    })
    .into_iter()
    .map(|module| Extra {
        id: module.id.clone(),
        title: module.title.clone(),
        summary: module.summary.clone(),
        hours: module.hours,
        needs: module
            .requires
            .iter()
            .filter_map(|id| catalog.module(id))
            .filter(|required| !has(required))
            .map(|required| required.title.clone())
            .collect(),
        interests: profile
            .interests
            .iter()
            .filter(|interest| module.interests.contains(interest))
            .cloned()
            .collect(),
    })
    .collect()
}

/// The modules named by `roots`, in order, each after the prerequisites of it that `lookup`
/// finds (an iterative post-order walk; each module once; the catalog's prerequisites are
/// acyclic).
fn prerequisites_first<'r, 'c>(
    roots: impl IntoIterator<Item = &'r str>,
    lookup: impl Fn(&str) -> Option<&'c Module>,
) -> Vec<&'c Module> {
    let mut order: Vec<&Module> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for root in roots {
        let mut stack: Vec<(&str, bool)> = vec![(root, false)];
        while let Some((current, expanded)) = stack.pop() {
            let Some(module) = lookup(current) else {
                continue;
            };
            if expanded {
                if seen.insert(module.id.as_str()) {
                    order.push(module);
                }
                continue;
            }
            if seen.contains(current) {
                continue;
            }
            stack.push((current, true));
            for r in module.requires.iter().rev() {
                if !seen.contains(r.as_str()) {
                    stack.push((r.as_str(), false));
                }
            }
        }
    }
    order
}

/// Modules the profile marks done.
fn done_ids(profile: &Profile) -> HashSet<&str> {
    profile
        .progress
        .as_ref()
        .map(|p| p.done.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The phases of a project of `kind` as work, the first waiting for `after`, and the project
/// as the plan describes it. Deepening phases come after all core work.
fn project_work(
    kind: &ProjectKind,
    idea: Option<&ProjectIdea>,
    why: String,
    domain: Option<&crate::catalog::Domain>,
    after: Vec<String>,
    deepening: bool,
) -> (Vec<WorkItem>, PortfolioProject) {
    let n = kind.phases.len();
    let mut previous: Option<String> = None;
    let mut items = Vec::with_capacity(n);
    for (i, phase) in kind.phases.iter().enumerate() {
        let id = format!("{}-{}", kind.id, phase.id);
        let stage = if i * 2 < n {
            Stage::Building
        } else {
            Stage::Polish
        };
        let rank = if deepening {
            DEEPENING_RANK
        } else {
            stage_rank(stage)
        };
        items.push(WorkItem {
            id: id.clone(),
            kind: ItemKind::Project,
            title: phase.title.clone(),
            hours: phase.hours,
            stage,
            requires: previous.clone().map_or_else(|| after.clone(), |p| vec![p]),
            priority: (rank, 1, i),
            release_week: None,
            gap_weeks: None,
            deepening,
            outcome: Some(phase.outcome.clone()),
            self_check: None,
            resources: Vec::new(),
            resource_parts: Vec::new(),
            skills: Vec::new(),
            details: Some(phase.details.clone()),
            links: Vec::new(),
            series: None,
        });
        previous = Some(id);
    }
    let portfolio = PortfolioProject {
        kind: kind.id.clone(),
        title: kind.title.clone(),
        summary: kind.summary.clone(),
        idea: match (idea, domain) {
            (Some(i), _) if kind.domain_idea => format!("{}: {}", i.title, i.description),
            (_, Some(d)) => format!(
                "{} Choose one close to {}: {}.",
                kind.summary,
                in_sentence(&d.title),
                d.applications.join(", ")
            ),
            _ => kind.summary.clone(),
        },
        why,
        deploy_targets: kind.deploy_targets.clone(),
        phases: items.iter().map(|w| w.id.clone()).collect(),
        checklist: kind.checklist.clone(),
    };
    (items, portfolio)
}

/// Deepening work sorts after every stage of the core plan.
const DEEPENING_RANK: u8 = 3;

/// What spare time may hold once the core plan is done, best first: the role's optional
/// modules that match the learner's interests (each after those it builds on), then a second
/// project of another kind the role suits, the one matching most interests. Each waits for all
/// the core learning; what the learner has done is left out, what they have begun counts only
/// what is left.
fn deepening(
    profile: &Profile,
    catalog: &Catalog,
    role: &Role,
    domain: Option<&crate::catalog::Domain>,
    extras: &[Extra],
    core: &[WorkItem],
    first: Option<&PortfolioProject>,
) -> Deepening {
    let learning: Vec<String> = core
        .iter()
        .filter(|w| w.kind != ItemKind::Outreach)
        .map(|w| w.id.clone())
        .collect();
    let done = done_ids(profile);
    let left = |id: &str| {
        profile
            .progress
            .as_ref()
            .and_then(|p| p.partial.iter().find(|partial| partial.id == id))
            .map(|partial| partial.left)
    };
    let mut items: Vec<WorkItem> = Vec::new();
    for extra in extras
        .iter()
        .filter(|e| !e.interests.is_empty() && e.needs.is_empty())
    {
        let Some(module) = catalog.module(&extra.id) else {
            continue;
        };
        let seq = items.len();
        let mut requires = learning.clone();
        requires.extend(
            module
                .requires
                .iter()
                .filter(|r| items.iter().any(|w| &w.id == *r))
                .cloned(),
        );
        items.push(module_work(
            profile,
            catalog,
            module,
            requires,
            DEEPENING_RANK,
            seq,
            true,
        ));
    }
    let matching = |k: &ProjectKind| overlap(&k.interests, &profile.interests);
    let second = role
        .project_kinds
        .iter()
        .filter(|id| first.is_none_or(|p| &p.kind != *id))
        .filter_map(|id| catalog.project(id))
        .enumerate()
        .max_by_key(|(i, k)| (matching(k), std::cmp::Reverse(*i)))
        .map(|(_, k)| k);
    let second = second.map(|kind| {
        let shared = shared_interests(profile, &kind.interests);
        let why = if shared.is_empty() {
            "A second project of another kind shows range: the lesson lists it among the ways to build a portfolio without work experience.".to_string()
        } else {
            format!(
                "A second project of another kind shows range, and this one matches your interests ({}).",
                shared.join(", ")
            )
        };
        // Another idea than the first project's, where the domain has one.
        let idea = domain.and_then(|d| {
            d.project_ideas
                .iter()
                .filter(|i| i.family == role.family)
                .filter(|i| first.is_none_or(|p| !p.idea.starts_with(&i.title)))
                .max_by_key(|i| overlap(&i.interests, &profile.interests))
        });
        let mut after = learning.clone();
        after.extend(items.iter().map(|w| w.id.clone()));
        project_work(kind, idea, why, domain, after, true)
    });
    let second_project = second.map(|(phases, project)| {
        items.extend(phases);
        project
    });
    let (finished, mut items): (Vec<WorkItem>, Vec<WorkItem>) = items
        .into_iter()
        .partition(|w| done.contains(w.id.as_str()));
    let mut partial = Vec::new();
    for w in &mut items {
        w.requires.retain(|r| !done.contains(r.as_str()));
        if let Some(left) = left(&w.id) {
            partial.push(cut_to_left(w, left));
        }
    }
    Deepening {
        items,
        project: second_project,
        done: finished.into_iter().map(done_item).collect(),
        partial,
    }
}

/// What spare time may hold, and the learner's progress on it.
struct Deepening {
    items: Vec<WorkItem>,
    project: Option<PortfolioProject>,
    done: Vec<DoneItem>,
    partial: Vec<PartialItem>,
}

/// The modules the portfolio project waits for: the role's `project_after` that the plan holds,
/// and for one the learner skips (known already), the nearest prerequisites of it the plan
/// does hold, so the project never comes before the learning it uses.
fn project_after(catalog: &Catalog, role: &Role, included: &HashSet<&str>) -> Vec<String> {
    let mut after: Vec<String> = Vec::new();
    let mut stack: Vec<&str> = role
        .project_after
        .iter()
        .rev()
        .map(String::as_str)
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        if included.contains(id) {
            after.push(id.to_string());
        } else if let Some(module) = catalog.module(id) {
            stack.extend(module.requires.iter().rev().map(String::as_str));
        }
    }
    after
}

/// The project phases that job-search tasks may wait for.
struct ProjectMarks {
    /// The last of the building phases: the project has something to show.
    built: String,
    /// The last phase: the project has shipped.
    done: String,
}

/// Whether the learner already knows every skill a module teaches (a module that names none
/// is never known).
fn knows_all(known: &BTreeSet<String>, module: &Module) -> bool {
    !module.skills.is_empty() && module.skills.iter().all(|s| known.contains(s))
}

fn overlap(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
}

/// The learner's interests that `interests` names, in the learner's order.
fn shared_interests<'p>(profile: &'p Profile, interests: &[String]) -> Vec<&'p str> {
    profile
        .interests
        .iter()
        .filter(|t| interests.contains(t))
        .map(String::as_str)
        .collect()
}

/// The project kind for the role: its first choice, unless the learner's interests match
/// another kind better; with the concrete idea from their domain (or, without a domain, the
/// idea that best matches their interests), and why it was chosen.
fn choose_project<'c>(
    profile: &Profile,
    catalog: &'c Catalog,
    role: &Role,
    domain: Option<&'c crate::catalog::Domain>,
) -> Option<(&'c ProjectKind, Option<&'c ProjectIdea>, String)> {
    let kinds: Vec<&ProjectKind> = role
        .project_kinds
        .iter()
        .filter_map(|k| catalog.project(k))
        .collect();
    let matching = |k: &ProjectKind| overlap(&k.interests, &profile.interests);
    let first = *kinds.first()?;
    let best = kinds.iter().map(|k| matching(k)).max().unwrap_or(0);
    // The role's first choice stands unless another kind matches more interests; among those
    // that match most, one built on a domain idea suits a learner who brings a domain, then
    // the role's order decides.
    let kind = if matching(first) == best {
        first
    } else {
        kinds
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, k)| matching(k) == best)
            .max_by_key(|(i, k)| (domain.is_some() && k.domain_idea, std::cmp::Reverse(*i)))
            .map(|(_, k)| k)?
    };
    let best_idea = |ideas: Vec<&'c ProjectIdea>| -> Option<&'c ProjectIdea> {
        ideas
            .into_iter()
            .enumerate()
            .max_by_key(|(i, idea)| {
                (
                    overlap(&idea.interests, &profile.interests),
                    std::cmp::Reverse(*i),
                )
            })
            .map(|(_, idea)| idea)
    };
    let family_ideas = |d: &'c crate::catalog::Domain| -> Vec<&'c ProjectIdea> {
        d.project_ideas
            .iter()
            .filter(|i| i.family == role.family)
            .collect()
    };
    let idea = match domain {
        Some(d) => best_idea(family_ideas(d)),
        None => best_idea(catalog.domains.iter().flat_map(family_ideas).collect()),
    };
    let shared = shared_interests(profile, &kind.interests);
    let mut why = if kind.id != first.id {
        format!(
            "It matches your interests ({}), so it was chosen over the role's usual first choice ({}).",
            shared.join(", "),
            first.title
        )
    } else if role.project_why.is_empty() {
        "It is the role's usual first choice.".to_string()
    } else {
        role.project_why.clone()
    };
    if kind.id == first.id && !shared.is_empty() {
        why.push_str(&format!(
            " It also matches your interests ({}).",
            shared.join(", ")
        ));
    }
    match domain {
        Some(d) => why.push_str(&format!(
            " Set in {}, it puts your knowledge to work, which few other applicants can offer. {}",
            in_sentence(&d.title),
            d.advantage
        )),
        None if profile.interests.is_empty() => why.push_str(
            " Add a `domain` to your profile for an idea that uses what you already know.",
        ),
        None => {}
    }
    Some((kind, idea, why))
}

fn family_matches(families: &[Family], family: Family) -> bool {
    families.is_empty() || families.contains(&family)
}

fn fill_template(
    template: &str,
    name: &str,
    role: &str,
    background: &str,
    domain: Option<&str>,
) -> String {
    template
        .replace("{name}", name)
        .replace("{role}", &in_sentence(role))
        .replace("{background}", &in_sentence(background))
        .replace(
            "{domain}",
            &domain.map_or_else(|| "my current field".to_string(), in_sentence),
        )
}

fn select_outreach(
    profile: &Profile,
    catalog: &Catalog,
    role: &Role,
    background_title: &str,
    domain_title: Option<&str>,
    project: Option<&ProjectMarks>,
    (start, end): (NaiveDate, NaiveDate),
) -> (Vec<WorkItem>, Networking) {
    let months = profile.months;
    let city = profile
        .timezone
        .and_then(|zone| catalog.place(zone))
        .map(|place| place.city.as_str());
    let mut occurrences: Vec<(usize, usize, WorkItem)> = Vec::new();
    // Each task's occurrence ids, for the tasks that wait on an earlier one.
    let mut occurrence_ids: HashMap<&str, Vec<String>> = HashMap::new();
    let mut communities = Vec::new();
    let mut open_source = Vec::new();
    let mut message_template = String::new();
    for (order, task) in catalog.outreach.iter().enumerate() {
        if !family_matches(&task.families, role.family) {
            continue;
        }
        let first = (task.window[0] - 1) * months / 6 + 1;
        let last = (task.window[1] * months).div_ceil(6).max(first);
        let window_start = month_start(start, first);
        let window_end = month_start(start, last + 1)
            .pred_opt()
            .unwrap_or(end)
            .min(end);
        let releases: Vec<usize> = match task.cadence {
            Cadence::Once => vec![week_of(start, window_start)],
            Cadence::Monthly => (first..=last)
                .map(|m| week_of(start, month_start(start, m)))
                .collect(),
            // The last occurrence keeps a whole week before the window closes.
            Cadence::Fortnightly => (week_of(start, window_start)
                ..=week_of(start, (window_end - chrono::Days::new(6)).max(window_start)))
                .step_by(2)
                .collect(),
        };
        let links: Vec<String> = task.links.iter().map(|l| l.url.clone()).collect();
        let as_links = || {
            task.links
                .iter()
                .map(|l| Link {
                    title: l.title.clone(),
                    url: l.url.clone(),
                    note: l.note.clone(),
                })
                .collect::<Vec<_>>()
        };
        match task.kind {
            OutreachKind::Community => communities.extend(as_links()),
            OutreachKind::OpenSource => open_source.extend(as_links()),
            _ => {}
        }
        let mut details = task.details.clone();
        if let Some(template) = &task.template {
            let filled = fill_template(
                template,
                &profile.name,
                &role.title,
                background_title,
                domain_title,
            );
            if message_template.is_empty() {
                message_template = filled.clone();
            }
            details = format!("{details}\n\n{filled}");
        }
        let task_title = match (&task.title_with_city, city) {
            (Some(title), Some(city)) => title.replace("{city}", city),
            _ => task.title.clone(),
        };
        // What the first occurrence waits for; a task waiting on the project has nothing to
        // wait for when the plan holds no project.
        let waits_for: Vec<String> = match task.after.as_deref() {
            None => Vec::new(),
            Some("project-built") => project.map(|p| p.built.clone()).into_iter().collect(),
            Some("project-done") => project.map(|p| p.done.clone()).into_iter().collect(),
            Some(other) => occurrence_ids.get(other).cloned().unwrap_or_default(),
        };
        let n = releases.len();
        let mut ids: Vec<String> = Vec::with_capacity(n);
        for (k, &release) in releases.iter().enumerate() {
            let (id, title, series) = if n == 1 {
                (task.id.clone(), task_title.clone(), None)
            } else {
                (
                    format!("{}-{}", task.id, k + 1),
                    format!("{task_title} ({} of {n})", k + 1),
                    Some(Series {
                        task: task.id.clone(),
                        title: task_title.clone(),
                        number: k as u32 + 1,
                        of: n as u32,
                    }),
                )
            };
            // Later occurrences follow the one before: a waiting task's at the same distance,
            // so its cadence moves with the wait; others at least a week later, so a late one
            // never lands in the same week as the next.
            let (requires, gap_weeks) = match (k, waits_for.is_empty()) {
                (0, _) => (waits_for.clone(), None),
                (_, false) => (vec![ids[k - 1].clone()], Some(release - releases[k - 1])),
                (_, true) => (vec![ids[k - 1].clone()], Some(1)),
            };
            ids.push(id.clone());
            occurrences.push((
                release,
                order,
                WorkItem {
                    id,
                    kind: ItemKind::Outreach,
                    title,
                    hours: task.hours,
                    stage: Stage::Foundation,
                    requires,
                    priority: (0, 2, 0),
                    release_week: Some(release),
                    gap_weeks,
                    deepening: false,
                    outcome: None,
                    self_check: None,
                    resources: Vec::new(),
                    resource_parts: Vec::new(),
                    skills: Vec::new(),
                    details: Some(details.clone()),
                    links: links.clone(),
                    series: series.clone(),
                },
            ));
        }
        occurrence_ids.insert(task.id.as_str(), ids);
    }
    occurrences.sort_by_key(|(release, order, item)| (*release, *order, item.id.clone()));
    let items: Vec<WorkItem> = occurrences
        .into_iter()
        .enumerate()
        .map(|(seq, (_, _, mut item))| {
            item.priority = (0, 2, seq);
            item
        })
        .collect();
    let networking = Networking {
        communities,
        open_source,
        message_template,
        tasks: items.iter().map(|i| i.id.clone()).collect(),
    };
    (items, networking)
}

fn select_resources(
    profile: &Profile,
    catalog: &Catalog,
    items: &[WorkItem],
) -> Vec<ResourceEntry> {
    let mut entries: Vec<ResourceEntry> = Vec::new();
    for item in items {
        for id in &item.resources {
            if let Some(entry) = entries.iter_mut().find(|e| &e.id == id) {
                entry.used_by.push(item.id.clone());
                continue;
            }
            if let Some(r) = catalog.resource(id) {
                entries.push(resource_entry(r, vec![item.id.clone()]));
            }
        }
    }
    if profile.route != RouteKind::SelfStudy {
        for r in catalog
            .resources
            .iter()
            .filter(|r| r.route == profile.route)
        {
            if !entries.iter().any(|e| e.id == r.id) {
                entries.push(resource_entry(r, Vec::new()));
            }
        }
    }
    entries
}

fn resource_entry(r: &crate::catalog::Resource, used_by: Vec<String>) -> ResourceEntry {
    ResourceEntry {
        id: r.id.clone(),
        title: r.title.clone(),
        provider: r.provider.clone(),
        url: r.url.clone(),
        hours: r.hours,
        cost: r
            .cost
            .as_ref()
            .map_or_else(|| "Free".to_string(), super::route::stated),
        estimate: r.provenance.estimate,
        used_by,
    }
}
