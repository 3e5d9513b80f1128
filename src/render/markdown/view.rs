//! The data the templates see, built from a [`Plan`] in one function, [`build`].
//!
//! It only regroups what the plan says (weeks under their month, item titles beside their ids,
//! milestones under the month they fall in) so the templates stay simple; it computes no schedule
//! facts. Dates are ISO strings and numbers are plain, for the helpers to format.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::plan::{
    Allocation, DomainAdvantage, Extra, Feasibility, Index, Item, ItemKind, Link, Milestone, Month,
    Plan, PortfolioProject, ProgressReport, ResourceEntry, RouteSummary, SkippedModule, Week,
};

#[derive(Debug, Serialize)]
pub struct View<'a> {
    pub name: &'a str,
    pub background: &'a str,
    pub background_title: &'a str,
    pub target_role: &'a str,
    pub target_role_title: &'a str,
    pub domain: Option<&'a str>,
    pub domain_title: Option<&'a str>,
    pub hours_per_week: f64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub months_requested: u32,
    pub timezone: Option<&'a str>,
    pub generated_on: NaiveDate,
    pub feasibility: &'a Feasibility,
    pub route: &'a RouteSummary,
    /// The months asked for.
    pub months: Vec<MonthView<'a>>,
    /// Months after the plan's end, holding work that did not fit; empty when everything fits.
    pub overflow_months: Vec<MonthView<'a>>,
    pub timeline: Timeline<'a>,
    pub skipped: &'a [SkippedModule],
    pub extras: &'a [Extra],
    /// Hours the plan leaves free, when worth offering for the extras; `None` otherwise.
    pub spare_hours: Option<f64>,
    pub notes: &'a [String],
    /// What the learner has done as of their progress date, when the profile says.
    pub progress: Option<ProgressView<'a>>,
    pub project: Option<ProjectView<'a>>,
    /// A second project for spare time after the core plan.
    pub second_project: Option<ProjectView<'a>>,
    pub networking: NetworkingView<'a>,
    pub resources: Vec<ResourceView<'a>>,
    pub domain_advantage: Option<&'a DomainAdvantage>,
    pub first_job: &'a [String],
    /// Every item and milestone as the plan has them, for templates that want more.
    pub items: &'a [Item],
    pub milestones: &'a [Milestone],
}

#[derive(Debug, Serialize)]
pub struct MonthView<'a> {
    pub index: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub focus: &'a str,
    pub overflow: bool,
    pub weeks: Vec<WeekView<'a>>,
    /// Module and project milestones dated within the month (the review is separate).
    pub milestones: Vec<MilestoneView<'a>>,
    pub self_checks: &'a [String],
    /// The end-of-month review.
    pub review: Option<&'a Milestone>,
}

#[derive(Debug, Serialize)]
pub struct WeekView<'a> {
    pub index: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub capacity: f64,
    /// Hours of work placed in the week (the sum of its tasks).
    pub planned: f64,
    pub break_note: Option<&'a str>,
    /// True when the week has no study time at all.
    pub is_break: bool,
    pub overflow: bool,
    /// True when the week ended before the progress date: history, with no work.
    pub history: bool,
    pub tasks: Vec<TaskView<'a>>,
    pub sessions: Vec<SessionView<'a>>,
    /// True when the week's study sessions (day, time, length) differ from those of the last
    /// week that had any, so a document can list them only when they change.
    pub sessions_changed: bool,
}

/// A milestone, with the outcome of the item it marks.
#[derive(Debug, Serialize)]
pub struct MilestoneView<'a> {
    #[serde(flatten)]
    pub milestone: &'a Milestone,
    /// What to have to show: the item's outcome, or the milestone's description when it marks
    /// no item (the description also repeats the self-check, listed separately).
    pub outcome: &'a str,
}

/// Hours of one item in a week or a session.
#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    pub item: &'a str,
    pub title: &'a str,
    pub kind: &'static str,
    pub hours: f64,
    /// True when this week holds the last hours of an item that started in an earlier week.
    pub finishes: bool,
}

#[derive(Debug, Serialize)]
pub struct SessionView<'a> {
    pub date: NaiveDate,
    pub time: String,
    /// The slot's usual time, when a change of the clocks moved this session.
    pub moved_from: Option<String>,
    pub hours: f64,
    pub work: Vec<TaskView<'a>>,
}

/// What the Mermaid chart draws.
#[derive(Debug, Serialize)]
pub struct Timeline<'a> {
    pub modules: Vec<Bar>,
    pub portfolio: Vec<Bar>,
    /// One bar per outreach task, from its first to its last occurrence, to keep the chart
    /// light.
    pub outreach: Vec<Bar>,
    pub milestones: &'a [Milestone],
}

#[derive(Debug, Serialize)]
pub struct Bar {
    /// The item's title; for repeated outreach, the title without its `(1 of 5)` count and with
    /// the number of times instead.
    pub title: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub overflow: bool,
}

/// The progress report, with the titles of what is overdue.
#[derive(Debug, Serialize)]
pub struct ProgressView<'a> {
    #[serde(flatten)]
    pub report: &'a ProgressReport,
    /// Titles of the items the plan as first made had finished by the progress date that are
    /// not done.
    pub overdue_titles: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ProjectView<'a> {
    pub kind: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub idea: &'a str,
    pub why: &'a str,
    pub deploy_targets: &'a [String],
    pub checklist: &'a [String],
    pub phases: Vec<&'a Item>,
    /// Hours of all the phases together.
    pub hours: f64,
}

#[derive(Debug, Serialize)]
pub struct NetworkingView<'a> {
    pub communities: &'a [Link],
    pub open_source: &'a [Link],
    pub message_template: &'a str,
    pub tasks: Vec<OutreachTask<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OutreachTask<'a> {
    #[serde(flatten)]
    pub item: &'a Item,
    /// True when an earlier task had the same details, so a document need not repeat them.
    pub repeat: bool,
}

#[derive(Debug, Serialize)]
pub struct ResourceView<'a> {
    #[serde(flatten)]
    pub resource: &'a ResourceEntry,
    /// Titles of the items that use it.
    pub used_for: Vec<&'a str>,
    /// The items that use it, each with the part of the resource it asks for.
    pub uses: Vec<UseView<'a>>,
}

/// One item's use of a resource.
#[derive(Debug, Serialize)]
pub struct UseView<'a> {
    /// The item's title.
    pub title: &'a str,
    /// The part of the resource to do; `None` for all of it.
    pub part: Option<&'a str>,
    /// The stated hours of the part, if any are stated.
    pub hours: Option<f64>,
}

/// Builds the template data for `plan`.
pub fn build(plan: &Plan) -> View<'_> {
    let lookup = Lookup::new(plan);
    let (overflow_months, months): (Vec<_>, Vec<_>) = plan.months.iter().partition(|m| m.overflow);
    View {
        name: &plan.name,
        background: &plan.background,
        background_title: &plan.background_title,
        target_role: &plan.target_role,
        target_role_title: &plan.target_role_title,
        domain: plan.domain.as_deref(),
        domain_title: plan.domain_title.as_deref(),
        hours_per_week: plan.hours_per_week,
        start: plan.start,
        end: plan.end,
        months_requested: plan.months_requested,
        timezone: plan.timezone.map(|tz| tz.name()),
        generated_on: plan.generated_on,
        feasibility: &plan.feasibility,
        route: &plan.route,
        months: months.into_iter().map(|m| month(&lookup, m)).collect(),
        overflow_months: overflow_months
            .into_iter()
            .map(|m| month(&lookup, m))
            .collect(),
        timeline: timeline(plan),
        skipped: &plan.skipped,
        extras: &plan.extras,
        spare_hours: plan.spare_hours_for_extras(),
        notes: &plan.notes,
        progress: plan.progress.as_ref().map(|report| ProgressView {
            report,
            overdue_titles: report
                .overdue
                .iter()
                .map(|id| lookup.item(id).map_or(id.as_str(), |i| i.title.as_str()))
                .collect(),
        }),
        project: plan.project.as_ref().map(|p| project(&lookup, p)),
        second_project: plan.second_project.as_ref().map(|p| project(&lookup, p)),
        networking: NetworkingView {
            communities: &plan.networking.communities,
            open_source: &plan.networking.open_source,
            message_template: &plan.networking.message_template,
            tasks: outreach_tasks(&lookup),
        },
        resources: plan
            .resources
            .iter()
            .map(|r| ResourceView {
                resource: r,
                used_for: r
                    .used_by
                    .iter()
                    .map(|id| lookup.item(id).map_or(id.as_str(), |i| i.title.as_str()))
                    .collect(),
                uses: r
                    .used_by
                    .iter()
                    .map(|id| use_of(&lookup, id, &r.id))
                    .collect(),
            })
            .collect(),
        domain_advantage: plan.domain_advantage.as_ref(),
        first_job: &plan.first_job,
        items: &plan.items,
        milestones: &plan.milestones,
    }
}

/// The plan with its items, milestones and weeks found by id in one step: the views look one
/// up for every task of every week, and a plan from a large catalog holds thousands of each.
struct Lookup<'a> {
    plan: &'a Plan,
    index: Index<'a>,
    /// Whether each week's sessions differ from the last earlier week that had sessions.
    sessions_changed: HashMap<u32, bool>,
}

impl<'a> Lookup<'a> {
    fn new(plan: &'a Plan) -> Lookup<'a> {
        let mut sessions_changed = HashMap::with_capacity(plan.weeks.len());
        let mut previous: Option<Vec<_>> = None;
        for w in &plan.weeks {
            let current = session_pattern(w);
            if current.is_empty() {
                sessions_changed.entry(w.index).or_insert(false);
                continue;
            }
            let changed = previous.as_ref().is_none_or(|p| *p != current);
            sessions_changed.entry(w.index).or_insert(changed);
            previous = Some(current);
        }
        Lookup {
            plan,
            index: Index::new(plan),
            sessions_changed,
        }
    }

    fn item(&self, id: &str) -> Option<&'a Item> {
        self.index.item(id)
    }

    fn milestone(&self, id: &str) -> Option<&'a Milestone> {
        self.index.milestone(id)
    }

    fn week(&self, index: u32) -> Option<&'a Week> {
        self.index.week(index)
    }
}

/// How the item `id` uses the resource `resource`: all of it, or which part.
fn use_of<'a>(lookup: &Lookup<'a>, id: &'a str, resource: &str) -> UseView<'a> {
    let found = lookup.item(id);
    let part = found
        .and_then(|i| i.resource_parts.iter().find(|p| p.resource == resource))
        .filter(|p| p.part.is_some());
    UseView {
        title: found.map_or(id, |i| i.title.as_str()),
        part: part.and_then(|p| p.part.as_deref()),
        hours: part.and_then(|p| p.hours),
    }
}

/// `week` is the week the hours fall in, if they belong to a week.
fn task<'a>(lookup: &Lookup<'a>, allocation: &'a Allocation, week: Option<&Week>) -> TaskView<'a> {
    let found = lookup.item(&allocation.item);
    TaskView {
        item: &allocation.item,
        title: found.map_or(allocation.item.as_str(), |i| i.title.as_str()),
        kind: found.map_or("", |i| i.kind.as_str()),
        hours: allocation.hours,
        finishes: week.is_some_and(|w| w.finishing.contains(&allocation.item)),
    }
}

fn outreach_tasks<'a>(lookup: &Lookup<'a>) -> Vec<OutreachTask<'a>> {
    let mut seen: Vec<&Option<String>> = Vec::new();
    lookup
        .plan
        .networking
        .tasks
        .iter()
        .filter_map(|id| lookup.item(id))
        .map(|i| {
            let repeat = seen.contains(&&i.details);
            if !repeat {
                seen.push(&i.details);
            }
            OutreachTask { item: i, repeat }
        })
        .collect()
}

/// The study sessions of a week as a pattern: weekday, time and length.
fn session_pattern(week: &Week) -> Vec<(chrono::Weekday, chrono::NaiveTime, f64)> {
    week.sessions
        .iter()
        .map(|s| (s.date.weekday(), s.time, s.hours))
        .collect()
}

fn milestone<'a>(lookup: &Lookup<'a>, m: &'a Milestone) -> MilestoneView<'a> {
    MilestoneView {
        milestone: m,
        outcome: m.outcome(m.item.as_deref().and_then(|id| lookup.item(id))),
    }
}

fn week<'a>(lookup: &Lookup<'a>, w: &'a Week) -> WeekView<'a> {
    WeekView {
        index: w.index,
        start: w.start,
        end: w.end,
        capacity: w.capacity,
        planned: w.allocations.iter().map(|a| a.hours).sum(),
        break_note: w.break_note.as_deref(),
        is_break: w.capacity <= 0.0,
        overflow: w.overflow,
        history: w.history,
        tasks: w
            .allocations
            .iter()
            .map(|a| task(lookup, a, Some(w)))
            .collect(),
        sessions: w
            .sessions
            .iter()
            .map(|s| SessionView {
                date: s.date,
                time: s.time.format("%H:%M").to_string(),
                moved_from: s.moved_from.map(|t| t.format("%H:%M").to_string()),
                hours: s.hours,
                work: s.work.iter().map(|a| task(lookup, a, None)).collect(),
            })
            .collect(),
        sessions_changed: lookup
            .sessions_changed
            .get(&w.index)
            .copied()
            .unwrap_or(false),
    }
}

fn month<'a>(lookup: &Lookup<'a>, m: &'a Month) -> MonthView<'a> {
    MonthView {
        index: m.index,
        start: m.start,
        end: m.end,
        focus: &m.focus,
        overflow: m.overflow,
        weeks: m
            .weeks
            .iter()
            .filter_map(|&index| lookup.week(index))
            .map(|w| week(lookup, w))
            .collect(),
        milestones: m
            .milestones
            .iter()
            .filter_map(|id| lookup.milestone(id))
            .map(|ms| milestone(lookup, ms))
            .collect(),
        self_checks: &m.self_checks,
        review: lookup.milestone(&m.review),
    }
}

fn project<'a>(lookup: &Lookup<'a>, p: &'a PortfolioProject) -> ProjectView<'a> {
    let phases: Vec<&Item> = p.phases.iter().filter_map(|id| lookup.item(id)).collect();
    ProjectView {
        kind: &p.kind,
        title: &p.title,
        summary: &p.summary,
        idea: &p.idea,
        why: &p.why,
        deploy_targets: &p.deploy_targets,
        checklist: &p.checklist,
        hours: phases.iter().map(|i| i.hours).sum(),
        phases,
    }
}

/// The chart's bars: modules and project phases as they are, outreach merged by task.
fn timeline(plan: &Plan) -> Timeline<'_> {
    let bars = |kind: ItemKind| -> Vec<Bar> {
        plan.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| Bar {
                title: i.title.clone(),
                start: i.start,
                finish: i.finish,
                overflow: i.overflow,
            })
            .collect()
    };
    let mut outreach: Vec<(&str, usize, Bar)> = Vec::new();
    for i in plan.items.iter().filter(|i| i.kind == ItemKind::Outreach) {
        let (task, title) = i
            .series
            .as_ref()
            .map_or((i.id.as_str(), i.title.as_str()), |s| {
                (s.task.as_str(), s.title.as_str())
            });
        match outreach.iter_mut().find(|(t, _, _)| *t == task) {
            Some((_, times, bar)) => {
                *times += 1;
                bar.start = bar.start.min(i.start);
                bar.finish = bar.finish.max(i.finish);
                bar.overflow |= i.overflow;
            }
            None => outreach.push((
                task,
                1,
                Bar {
                    title: title.to_string(),
                    start: i.start,
                    finish: i.finish,
                    overflow: i.overflow,
                },
            )),
        }
    }
    Timeline {
        modules: bars(ItemKind::Module),
        portfolio: bars(ItemKind::Project),
        outreach: outreach
            .into_iter()
            .map(|(_, times, mut bar)| {
                if times > 1 {
                    bar.title = format!("{} ({times} times)", bar.title);
                }
                bar
            })
            .collect(),
        milestones: &plan.milestones,
    }
}
