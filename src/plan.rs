//! The plan: plain data that every renderer reads and `--format json` dumps as it is.
//!
//! The scheduler computes every fact in here; renderers only lay it out. Field names are part of
//! the stable JSON contract described in the design notes.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

/// A finished, personal plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub name: String,
    /// The profile's `plan_id`: what identifies the plan's calendar events when it is given.
    pub plan_id: Option<String>,
    pub background: String,
    pub background_title: String,
    pub target_role: String,
    pub target_role_title: String,
    pub domain: Option<String>,
    pub domain_title: Option<String>,
    pub hours_per_week: f64,
    /// First day of the plan (a Monday unless the profile chose another day).
    pub start: NaiveDate,
    /// `start` plus the months asked for: the day the plan is meant to be done by.
    pub end: NaiveDate,
    pub months_requested: u32,
    /// IANA time zone for timed calendar events; `None` means floating local time.
    pub timezone: Option<chrono_tz::Tz>,
    /// The day this plan was made ("today" as the caller passed it).
    pub generated_on: NaiveDate,
    pub feasibility: Feasibility,
    pub route: RouteSummary,
    pub weeks: Vec<Week>,
    pub items: Vec<Item>,
    pub milestones: Vec<Milestone>,
    pub months: Vec<Month>,
    /// Modules of the role's path left out because the learner already has their skills, so
    /// the plan can say why they are missing. Work marked done is under `progress`.
    pub skipped: Vec<SkippedModule>,
    /// The role's optional modules that the plan leaves out, for spare time or for later.
    pub extras: Vec<Extra>,
    pub project: Option<PortfolioProject>,
    /// A second project of another kind, when spare time holds one after the core plan.
    pub second_project: Option<PortfolioProject>,
    pub networking: Networking,
    pub resources: Vec<ResourceEntry>,
    pub domain_advantage: Option<DomainAdvantage>,
    pub first_job: Vec<String>,
    /// Things the learner should know about their own profile (slots that do not add up, work
    /// already done that is out of order, and so on). Empty when there is nothing to say.
    pub notes: Vec<String>,
    /// Where the learner really is, when the profile says: the plan is re-planned from it.
    pub progress: Option<ProgressReport>,
}

/// What the learner has done as of a date; the plan holds only what is left.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressReport {
    /// The day the progress refers to: weeks before it are history, and work is placed from it.
    pub as_of: NaiveDate,
    /// Items of the plan that are finished, in the plan's order; they have no hours in any week.
    pub done: Vec<DoneItem>,
    /// Items begun but not finished, in the plan's order; the plan holds what is left of them
    /// (their `hours` in `items`).
    pub partial: Vec<PartialItem>,
    /// Hours of work the plan as first made (the same profile without progress) had placed
    /// before `as_of`.
    pub hours_planned: f64,
    /// Hours of work done by `as_of`: the items done, and what is done of those begun.
    pub hours_done: f64,
    /// `hours_done` less `hours_planned`: more than 0 when ahead of the plan as first made,
    /// less than 0 when behind.
    pub hours_ahead: f64,
    /// The day the plan as first made had its last piece of work finish.
    pub first_finish_date: NaiveDate,
    /// Ids of the items the plan as first made had finished before `as_of` that are not done.
    pub overdue: Vec<String>,
    /// The verdict against the plan as first made, ready to print.
    pub message: String,
}

/// An item of the plan that the learner has begun.
#[derive(Debug, Clone, Serialize)]
pub struct PartialItem {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    /// The whole item.
    pub hours: f64,
    pub hours_done: f64,
    pub hours_left: f64,
}

/// An item of the plan that the learner has finished.
#[derive(Debug, Clone, Serialize)]
pub struct DoneItem {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    pub hours: f64,
}

/// Whether the work fits, and what to do if it does not.
#[derive(Debug, Clone, Serialize)]
pub struct Feasibility {
    pub fits: bool,
    /// The hours of the work the plan needs: everything but deepening, which only fills time
    /// left over.
    pub required_hours: f64,
    pub available_hours: f64,
    /// The day the last piece of the work the plan needs is scheduled to finish.
    pub finish_date: NaiveDate,
    /// Hours per week that would fit all the work into the months asked for.
    pub hours_per_week_needed: f64,
    /// The realistic range, in months, for this background and target role.
    pub realistic_months: [u32; 2],
    /// Where the realistic range comes from (the lesson, or a marked estimate).
    pub realistic_source: String,
    /// True when the months asked for are fewer than the realistic range starts at.
    pub shorter_than_realistic: bool,
    /// The day the first job application is planned, when the plan holds applications.
    pub applications_start: Option<NaiveDate>,
    /// The day the core plan's learning and portfolio project are done; deepening may follow.
    pub core_finish: Option<NaiveDate>,
    /// One plain-language verdict, ready to print.
    pub message: String,
}

/// The plan's items and milestones by id and its weeks by index, for a renderer that looks
/// them up again and again: the first of equal ids, as a search from the start finds it. A plan
/// from a large catalog has thousands of each.
pub struct Index<'p> {
    items: HashMap<&'p str, &'p Item>,
    milestones: HashMap<&'p str, &'p Milestone>,
    weeks: HashMap<u32, &'p Week>,
}

impl<'p> Index<'p> {
    pub fn new(plan: &'p Plan) -> Index<'p> {
        let mut items = HashMap::with_capacity(plan.items.len());
        for item in &plan.items {
            items.entry(item.id.as_str()).or_insert(item);
        }
        let mut milestones = HashMap::with_capacity(plan.milestones.len());
        for milestone in &plan.milestones {
            milestones.entry(milestone.id.as_str()).or_insert(milestone);
        }
        let mut weeks = HashMap::with_capacity(plan.weeks.len());
        for week in &plan.weeks {
            weeks.entry(week.index).or_insert(week);
        }
        Index {
            items,
            milestones,
            weeks,
        }
    }

    pub fn item(&self, id: &str) -> Option<&'p Item> {
        self.items.get(id).copied()
    }

    pub fn milestone(&self, id: &str) -> Option<&'p Milestone> {
        self.milestones.get(id).copied()
    }

    pub fn week(&self, index: u32) -> Option<&'p Week> {
        self.weeks.get(&index).copied()
    }
}

impl Plan {
    /// The hours the plan leaves free, when they are worth offering for the extras: the plan
    /// fits, the months asked are not fewer than is realistic (then the spare time is the
    /// margin), and the spare time holds at least the smallest extra.
    pub fn spare_hours_for_extras(&self) -> Option<f64> {
        let feasibility = &self.feasibility;
        let deepening: f64 = self
            .items
            .iter()
            .filter(|i| i.deepening)
            .map(|i| i.hours)
            .sum();
        let spare = feasibility.available_hours - feasibility.required_hours - deepening;
        let smallest = self
            .extras
            .iter()
            .map(|extra| extra.hours)
            .reduce(f64::min)?;
        (feasibility.fits && !feasibility.shorter_than_realistic && spare >= smallest)
            .then_some(spare)
    }
}

/// The learning route (self-study, bootcamp, master's), what it costs against the budget, and
/// whether its hours fit the learner's.
#[derive(Debug, Clone, Serialize)]
pub struct RouteSummary {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub typical_duration: String,
    pub typical_cost: String,
    /// The learner's currency: every amount below is in it.
    pub currency: String,
    /// What the plan assumed about the currency, when the profile does not give it.
    pub currency_note: Option<String>,
    pub budget: Option<f64>,
    /// The plan's paid resources, each with what it comes to in `currency`.
    pub costs: Vec<RouteCost>,
    /// The sum of `costs` in `currency` (rounded as shown when any is converted); `None` when
    /// one of them has no exchange rate.
    pub total: Option<f64>,
    /// True when an amount was converted from another currency, so `total` is approximate.
    pub converted: bool,
    /// The days of the exchange rates used, oldest first.
    pub rates_of: Vec<NaiveDate>,
    /// The total in words, with the rates it was converted at; `None` when nothing costs money.
    pub total_text: Option<String>,
    /// Plain verdict of the costs against the budget, or that everything is free; `None` when
    /// there are costs and no budget.
    pub verdict: Option<String>,
    /// Whether the hours a week the route takes fit the learner's, and what to do when they do
    /// not; `None` for a route the learner paces (self-study).
    pub hours_message: Option<String>,
}

/// What one paid resource of the plan costs.
#[derive(Debug, Clone, Serialize)]
pub struct RouteCost {
    /// The resource's id (see `Plan::resources`).
    pub resource: String,
    pub title: String,
    /// The price as its source states it: "USD 49 a month".
    pub stated: String,
    /// For a monthly price: the months it is paid for, from the first day the plan uses the
    /// resource to the last.
    pub months: Option<u32>,
    /// What it comes to in the learner's currency; `None` when there is no rate to convert it.
    pub amount: Option<f64>,
    /// True when `amount` was converted from another currency.
    pub converted: bool,
    /// The whole line, ready to print.
    pub text: String,
}

/// One Monday-to-Sunday week of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// 1-based.
    pub index: u32,
    /// First day of the week that belongs to the plan (the plan's start for a partial first week).
    pub start: NaiveDate,
    /// Last day of the week (a Sunday).
    pub end: NaiveDate,
    /// 1-based month of the plan this week falls in (by its start date).
    pub month: u32,
    pub capacity: f64,
    /// Set when a break covers some or all of this week.
    pub break_note: Option<String>,
    /// True when the week lies after the plan's `end` (work that did not fit).
    pub overflow: bool,
    /// True when the week ends before the progress date: it is behind the learner, and holds
    /// no work.
    pub history: bool,
    pub allocations: Vec<Allocation>,
    /// Items whose last hours fall in this week after starting in an earlier one: "finish it
    /// this week".
    pub finishing: Vec<String>,
    /// Timed study sessions (from the profile's study slots), with the week's work split across them.
    pub sessions: Vec<Session>,
}

/// Hours of one item placed in a week or a session.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Allocation {
    pub item: String,
    pub hours: f64,
}

/// One study session on a given day.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// Which weekly study slot this is: 1-based, in the order of the week (day, then time), so
    /// it stays the same from week to week even when a break or a partial week skips another.
    pub slot: u32,
    pub date: NaiveDate,
    /// Local start time, as it really is on the day: in the plan's time zone a start the clocks
    /// skip has moved past the change (see `moved_from`). Written `HH:MM`.
    #[serde(serialize_with = "hours_and_minutes")]
    pub time: NaiveTime,
    pub hours: f64,
    pub work: Vec<Allocation>,
    /// The slot's usual time, when a change of the clocks moved this session off it.
    #[serde(serialize_with = "maybe_hours_and_minutes")]
    pub moved_from: Option<NaiveTime>,
}

fn hours_and_minutes<S: Serializer>(time: &NaiveTime, out: S) -> Result<S::Ok, S::Error> {
    out.collect_str(&time.format("%H:%M"))
}

fn maybe_hours_and_minutes<S: Serializer>(
    time: &Option<NaiveTime>,
    out: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => hours_and_minutes(time, out),
        None => out.serialize_none(),
    }
}

/// What an item is.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Module,
    Project,
    Outreach,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Module => "module",
            ItemKind::Project => "project",
            ItemKind::Outreach => "outreach",
        }
    }
}

/// A piece of work: a learning module, a portfolio phase or an outreach task.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    pub hours: f64,
    /// Day of the first hour of work.
    pub start: NaiveDate,
    /// Day the last hour of work is done (the Sunday of its last week, or the plan's last day).
    pub finish: NaiveDate,
    pub requires: Vec<String>,
    /// What the learner has to show for it; becomes a milestone for modules and project phases.
    pub outcome: Option<String>,
    /// A question to answer honestly before ticking the item off.
    pub self_check: Option<String>,
    /// Resource ids (see `Plan::resources`).
    pub resources: Vec<String>,
    /// What to study in each of `resources`, in the same order: all of it, or which part.
    pub resource_parts: Vec<ResourcePart>,
    /// Skills the item covers (modules only).
    pub skills: Vec<String>,
    /// Longer guidance (an outreach message template, what a phase involves).
    pub details: Option<String>,
    /// Links that belong to the item (a community's invite, an issue label).
    pub links: Vec<String>,
    /// True for work scheduled after the plan's end because it did not fit.
    pub overflow: bool,
    /// For a task done several times (posts, meetups): which time this is.
    pub series: Option<Series>,
    /// Spare-time work after the core plan: an optional module or a second project's phase.
    pub deepening: bool,
}

/// How much of a resource an item asks for.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResourcePart {
    /// The resource's id (see `Plan::resources`).
    pub resource: String,
    /// The resource's title, so the part can be named without a lookup.
    pub title: String,
    /// The part to do ("courses 1 and 2"); `None` means all of it.
    pub part: Option<String>,
    /// The stated hours of what is asked for (the part's, or the whole resource's), if the
    /// source states any.
    pub hours: Option<f64>,
}

impl ResourcePart {
    /// The resource and the part to do, as one phrase: "Machine Learning Specialization,
    /// courses 1 and 2".
    pub fn label(&self) -> String {
        match &self.part {
            Some(part) => format!("{}, {part}", self.title),
            None => self.title.clone(),
        }
    }
}

/// One of several occurrences of the same task.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Series {
    /// The catalog task all occurrences share.
    pub task: String,
    /// The task's title, without the count.
    pub title: String,
    /// 1-based.
    pub number: u32,
    pub of: u32,
}

/// A dated point to celebrate and check against.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    pub kind: MilestoneKind,
    /// The item it marks, if any (month reviews have none).
    pub item: Option<String>,
    /// What to have done, and the self-check, in plain words.
    pub description: String,
}

impl Milestone {
    /// What to show for a milestone: the outcome of `item`, the item it marks (looked up by
    /// the caller), or its own description (which also repeats the self-check) when it marks
    /// none.
    pub fn outcome<'a>(&'a self, item: Option<&'a Item>) -> &'a str {
        item.and_then(|item| item.outcome.as_deref())
            .unwrap_or(&self.description)
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MilestoneKind {
    Module,
    Project,
    Review,
}

/// One month of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// 1-based.
    pub index: u32,
    pub start: NaiveDate,
    /// Last day of the month of the plan (inclusive).
    pub end: NaiveDate,
    /// What this month leans on: foundations, building, or portfolio and the job search.
    pub focus: String,
    /// Indexes of the weeks that start in this month.
    pub weeks: Vec<u32>,
    /// Items with hours in this month, in order of first appearance.
    pub items: Vec<String>,
    /// Self-checks of the modules that finish this month.
    pub self_checks: Vec<String>,
    /// Ids of the module and project milestones that fall in this month, in date order (the
    /// review is `review`).
    pub milestones: Vec<String>,
    /// Id of the end-of-month review milestone.
    pub review: String,
    /// True for months after the plan's end, added only for work that did not fit.
    pub overflow: bool,
}

/// A module of the role's path that the plan leaves out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedModule {
    pub id: String,
    pub title: String,
    pub hours: f64,
    pub reason: String,
}

/// An optional module of the role, not scheduled: for time to spare, or for once in the role.
#[derive(Debug, Clone, Serialize)]
pub struct Extra {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub hours: f64,
    /// Titles of the modules it builds on that neither the plan nor the learner covers.
    pub needs: Vec<String>,
    /// The learner's interests it matches.
    pub interests: Vec<String>,
}

/// The portfolio project chosen for this learner.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioProject {
    /// Project kind id from the catalog (`end-to-end`, `kaggle`, ...).
    pub kind: String,
    pub title: String,
    pub summary: String,
    /// The concrete idea for this domain and role.
    pub idea: String,
    /// Why it suits this learner (domain, interests).
    pub why: String,
    pub deploy_targets: Vec<String>,
    /// Item ids of the project's phases, in order.
    pub phases: Vec<String>,
    pub checklist: Vec<String>,
}

/// Who to reach out to, where, and how.
#[derive(Debug, Clone, Serialize)]
pub struct Networking {
    pub communities: Vec<Link>,
    pub open_source: Vec<Link>,
    /// The cold-outreach message, filled in for this learner.
    pub message_template: String,
    /// Outreach item ids in date order.
    pub tasks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub note: String,
}

/// A resource the plan uses.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceEntry {
    pub id: String,
    pub title: String,
    pub provider: String,
    pub url: String,
    /// Stated or estimated hours (see `estimate`).
    pub hours: Option<f64>,
    /// Cost in words, as stated ("Free", "USD 49 a month").
    pub cost: String,
    pub estimate: bool,
    /// Item ids that use it.
    pub used_by: Vec<String>,
}

/// Why the learner's domain knowledge matters.
#[derive(Debug, Clone, Serialize)]
pub struct DomainAdvantage {
    pub domain: String,
    pub title: String,
    pub applications: Vec<String>,
    pub why: String,
}
