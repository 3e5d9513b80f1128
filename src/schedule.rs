//! The scheduler: a validated profile and the catalog in, a week-by-week [`Plan`] out.
//!
//! Pure and deterministic: no I/O and no clock ("today" is passed in). Work is placed in
//! quarter hours so that every sum in the plan is exact.

mod capacity;
mod clock;
mod route;
mod select;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::catalog::{Catalog, OutreachKind, Stage};
use crate::error::Error;
use crate::plan::{
    Allocation, Feasibility, Item, ItemKind, Milestone, MilestoneKind, Month, Plan,
    PortfolioProject, Session, Week,
};
use crate::plan::{DoneItem, PartialItem, ProgressReport};
use crate::profile::{LAST_DAY, Profile, Progress, as_of_before_start};
use crate::words::{hours_phrase as hours, in_sentence, trim_number};

use capacity::{WeekFrame, frame_week, month_start};
use select::{Work, select_work};

/// Weeks after which the scheduler gives up: only reachable when breaks cover decades, or a
/// `--data` catalog asks for thousands of hours.
const MAX_WEEKS: usize = 5_200;

/// Quarter hours, the unit of placement.
type Quarters = u64;

fn to_quarters(hours: f64) -> Quarters {
    (hours * 4.0).round().max(0.0) as Quarters
}

fn to_hours(quarters: Quarters) -> f64 {
    quarters as f64 / 4.0
}

/// The plan's first day when the profile does not give one: the next Monday after `today`.
pub fn default_start(today: NaiveDate) -> NaiveDate {
    let days_ahead = 7 - today.weekday().num_days_from_monday() as u64;
    today + Days::new(days_ahead)
}

/// The last day of the plan: the day before the same date `months` on, so a six-month plan
/// from Monday 7 December ends on Sunday 6 June, not with a one-day seventh month.
fn plan_end(profile: &Profile, start: NaiveDate) -> Result<NaiveDate, Error> {
    start
        .checked_add_months(Months::new(profile.months))
        .and_then(|day| day.pred_opt())
        .filter(|end| *end <= LAST_DAY)
        .ok_or_else(|| runs_past_last_day("choose an earlier `start`, or fewer `months`"))
}

/// Builds the plan for `profile` from `catalog`, as of `today`.
pub fn schedule(profile: &Profile, catalog: &Catalog, today: NaiveDate) -> Result<Plan, Error> {
    let start = profile.start.unwrap_or_else(|| default_start(today));
    let end = plan_end(profile, start)?;
    let from = match &profile.progress {
        Some(progress) => progress_from(progress, start, today)?,
        None => start,
    };
    let (mut work, mut placed) = plan_work(profile, catalog, start, end, from)?;
    let done = std::mem::take(&mut work.done);
    let partial = std::mem::take(&mut work.partial);
    if let Some(tz) = profile.timezone {
        clock::place_sessions(&mut placed.weeks, tz);
    }
    let mut plan = assemble(profile, catalog, today, start, end, work, placed);
    if let Some(progress) = &profile.progress {
        let first = first_plan(profile, catalog, start, end, progress.as_of)?;
        plan.progress = Some(report(progress.as_of, done, partial, &first, &plan));
    }
    Ok(plan)
}

/// Spare time a plan must leave to take on deepening: one share in this many stays free.
const SLACK_SHARE: f64 = 1.0 / 3.0;

/// Chooses the work and places it: the core plan first; when its learning and project fit
/// with time over, the deepening that fits into two thirds of the free hours (optional modules
/// matching the learner's interests, then a second project, or its first phases when the
/// whole does not fit), spread over the weeks after the core in proportion to the hours each
/// has free, so spare time is used, real slack is left, and nothing else moves.
fn plan_work(
    profile: &Profile,
    catalog: &Catalog,
    start: NaiveDate,
    end: NaiveDate,
    from: NaiveDate,
) -> Result<(Work, Placed), Error> {
    let mut work = select_work(profile, catalog, start, end)?;
    let candidates = std::mem::take(&mut work.deepening);
    let second_project = work.second_project.take();
    let core = place(profile, &work, start, end, from, &[])?;
    // When the learning and the project end. Outreach that runs past the end (a series whose
    // window falls late) leaves them as they are: spare time is what they leave free.
    let core_end = work
        .items
        .iter()
        .zip(&core.spans)
        .filter(|(w, _)| w.kind != ItemKind::Outreach)
        .map(|(_, &(_, last))| last)
        .max()
        .unwrap_or(start);
    let fits = core_end <= end;
    // The hours the core leaves free in each week of the plan, from the week its learning
    // ends: deepening waits for all of it, and outreach keeps its place.
    let spare: Vec<Quarters> = core
        .weeks
        .iter()
        .filter(|w| !w.overflow)
        .map(|w| {
            if w.end < core_end {
                return 0;
            }
            let used: f64 = w.allocations.iter().map(|a| a.hours).sum();
            to_quarters(w.capacity - used)
        })
        .collect();
    let free: Quarters = spare.iter().sum();
    let budget = ((free as f64) * (1.0 - SLACK_SHARE)).floor() as Quarters;
    if !fits || candidates.is_empty() || budget == 0 {
        return Ok((work, core));
    }
    // Modules one by one while they fit; then the second project, whole or its first phases.
    let mut chosen: Vec<select::WorkItem> = Vec::new();
    let mut taken: Quarters = 0;
    let (modules, phases): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|w| w.kind == ItemKind::Module);
    for module in modules {
        let hours = to_quarters(module.hours).max(1);
        let ready = module
            .requires
            .iter()
            .all(|r| work.items.iter().chain(&chosen).any(|w| &w.id == r));
        if ready && taken + hours <= budget {
            taken += hours;
            chosen.push(module);
        }
    }
    let project_hours: Quarters = phases.iter().map(|w| to_quarters(w.hours).max(1)).sum();
    let mut phases = phases;
    if taken + project_hours > budget {
        // Too little time for the whole second project: rather than leave weeks empty, the
        // spare time holds its first phases, as many as fit into all of it.
        let mut room = free.saturating_sub(taken);
        let fitting = phases
            .iter()
            .take_while(|w| {
                let hours = to_quarters(w.hours).max(1);
                let fits = hours <= room;
                room = room.saturating_sub(hours);
                fits
            })
            .count();
        phases.truncate(fitting);
    }
    // The project's first phase waits for the modules chosen, not those left out.
    let known: HashSet<String> = work
        .items
        .iter()
        .chain(&chosen)
        .chain(&phases)
        .map(|w| w.id.clone())
        .collect();
    chosen.extend(phases.into_iter().map(|mut w| {
        w.requires.retain(|r| known.contains(r));
        w
    }));
    if chosen.is_empty() {
        return Ok((work, core));
    }
    work.items.extend(chosen);
    // Trimmed below to the phases the plan holds.
    work.second_project = second_project;
    loop {
        let placed = place(profile, &work, start, end, from, &spare)?;
        // Spreading keeps deepening inside the plan; should a week's rounding push a piece
        // past the end, the last piece of deepening goes instead.
        let late = work
            .items
            .iter()
            .zip(&placed.spans)
            .any(|(w, &(_, last))| w.deepening && last > end);
        if !late {
            work.extras
                .retain(|extra| !work.items.iter().any(|w| w.id == extra.id));
            // The second project lists the phases the plan holds: its first ones, when only
            // those fit, and none the learner has done.
            if let Some(second) = &mut work.second_project {
                second
                    .phases
                    .retain(|id| work.items.iter().any(|w| w.deepening && &w.id == id));
            }
            if work
                .second_project
                .as_ref()
                .is_some_and(|p| p.phases.is_empty())
            {
                work.second_project = None;
            }
            return Ok((work, placed));
        }
        // A second project keeps its first phases; modules go from the last.
        match work.items.iter().rposition(|w| w.deepening) {
            Some(last) => {
                work.items.remove(last);
            }
            None => return Ok((work, core)),
        }
    }
}

/// The ids of every item the plan for `profile` holds before any progress: what a box of its
/// Markdown plan may name.
pub fn item_ids(
    profile: &Profile,
    catalog: &Catalog,
    today: NaiveDate,
) -> Result<Vec<String>, Error> {
    let start = profile.start.unwrap_or_else(|| default_start(today));
    let end = plan_end(profile, start)?;
    let fresh = Profile {
        progress: None,
        ..profile.clone()
    };
    let (work, _) = plan_work(&fresh, catalog, start, end, start)?;
    Ok(work.items.into_iter().map(|w| w.id).collect())
}

/// What the plan as first made (the same profile without progress) says about a progress
/// date: the hours of work it had placed before it, the items it had finished by then, and
/// when it finished.
struct FirstPlan {
    hours_planned: f64,
    /// Ids of the items it had finished before the progress date.
    finished: Vec<String>,
    finish_date: NaiveDate,
}

fn first_plan(
    profile: &Profile,
    catalog: &Catalog,
    start: NaiveDate,
    end: NaiveDate,
    as_of: NaiveDate,
) -> Result<FirstPlan, Error> {
    let fresh = Profile {
        progress: None,
        ..profile.clone()
    };
    let (work, placed) = plan_work(&fresh, catalog, start, end, start)?;
    let before: Quarters = placed
        .days
        .iter()
        .flatten()
        .filter(|(day, _)| *day < as_of)
        .map(|(_, quarters)| quarters)
        .sum();
    let finished = work
        .items
        .iter()
        .zip(&placed.spans)
        .filter(|(_, (_, last))| *last < as_of)
        .map(|(w, _)| w.id.clone())
        .collect();
    Ok(FirstPlan {
        hours_planned: to_hours(before),
        finished,
        // Deepening fills whatever time is over, so progress is measured against the core.
        finish_date: work
            .items
            .iter()
            .zip(&placed.spans)
            .filter(|(w, _)| !w.deepening)
            .map(|(_, (_, last))| *last)
            .max()
            .unwrap_or(start),
    })
}

/// Less than this many hours apart counts as on track: a quarter of an hour is the unit of
/// placement, and nobody's study time is that exact.
pub const ON_TRACK_HOURS: f64 = 0.5;

/// What the learner has done as of `as_of`, against the plan as first made: hours behind or
/// ahead, what is overdue, the new finish date and whether the months asked for still hold.
fn report(
    as_of: NaiveDate,
    done: Vec<DoneItem>,
    partial: Vec<PartialItem>,
    first: &FirstPlan,
    plan: &Plan,
) -> ProgressReport {
    let hours_done = done
        .iter()
        .map(|d| d.hours)
        .chain(partial.iter().map(|p| p.hours_done))
        .fold(0.0, |sum, hours| sum + hours);
    let hours_ahead = hours_done - first.hours_planned;
    let overdue = first
        .finished
        .iter()
        .filter(|id| plan.items.iter().any(|item| &item.id == *id))
        .cloned()
        .collect();
    let message = verdict(as_of, hours_done, first, plan);
    ProgressReport {
        as_of,
        done,
        partial,
        hours_planned: first.hours_planned,
        hours_done,
        hours_ahead,
        first_finish_date: first.finish_date,
        overdue,
        message,
    }
}

/// The verdict of a progress report, in a few plain sentences.
fn verdict(as_of: NaiveDate, done: f64, first: &FirstPlan, plan: &Plan) -> String {
    let ahead = done - first.hours_planned;
    let feasibility = &plan.feasibility;
    let as_of = crate::words::long_date(as_of);
    let mut message = if ahead <= -ON_TRACK_HOURS {
        format!(
            "As of {as_of} you have done {} of work, and the plan as first made had {} done by \
             then: you are {} behind.",
            hours(done),
            hours(first.hours_planned),
            hours(-ahead)
        )
    } else if ahead >= ON_TRACK_HOURS {
        format!(
            "As of {as_of} you have done {} of work, and the plan as first made had {} done by \
             then: you are {} ahead.",
            hours(done),
            hours(first.hours_planned),
            hours(ahead)
        )
    } else {
        format!(
            "As of {as_of} you have done {} of work, as the plan as first made had: you are on \
             track.",
            hours(done)
        )
    };
    let new = plan
        .items
        .iter()
        .filter(|i| !i.deepening)
        .map(|i| i.finish)
        .max()
        .unwrap_or(feasibility.finish_date);
    let shift = (new - first.finish_date).num_days();
    let moved = match shift.abs() {
        0 => "the day the plan as first made finished".to_string(),
        days if days < 7 => format!(
            "{} {}",
            if days == 1 {
                "1 day".to_string()
            } else {
                format!("{days} days")
            },
            if shift > 0 {
                "later than first planned"
            } else {
                "earlier than first planned"
            }
        ),
        days => {
            let weeks = (days as f64 / 7.0).round() as i64;
            format!(
                "{} {}",
                if weeks == 1 {
                    "about a week".to_string()
                } else {
                    format!("about {weeks} weeks")
                },
                if shift > 0 {
                    "later than first planned"
                } else {
                    "earlier than first planned"
                }
            )
        }
    };
    message.push_str(&format!(
        " You would now finish on {}, {moved}",
        crate::words::long_date(new)
    ));
    if feasibility.fits {
        message.push_str(&format!(
            ", within the {} months you asked for.",
            plan.months_requested
        ));
    } else if feasibility.hours_per_week_needed > crate::profile::MAX_HOURS
        || feasibility.available_hours <= 0.0
    {
        message.push_str(&format!(
            ", after the {} months you asked for (to {}): no pace you could keep up would \
             bring it back, so plan for more months.",
            plan.months_requested,
            crate::words::long_date(plan.end)
        ));
    } else {
        message.push_str(&format!(
            ", after the {} months you asked for (to {}): about {} a week from now on would \
             bring it back.",
            plan.months_requested,
            crate::words::long_date(plan.end),
            hours(feasibility.hours_per_week_needed)
        ));
    }
    message
}

/// The plan would run past [`LAST_DAY`], where the time zone data, and so the calendar's times,
/// end (see [`crate::profile::LAST_YEAR`]).
fn runs_past_last_day(help: &str) -> Error {
    Error::Plan {
        message: format!(
            "the plan would run past {}, the last day pivot plans for: the dates when clocks \
             change for daylight saving time are known only that far",
            crate::words::long_date(LAST_DAY)
        ),
        help: Some(help.into()),
    }
}

/// The day work is placed from for `progress`: its as-of date, which must fall between the
/// plan's start and today.
fn progress_from(
    progress: &Progress,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, Error> {
    if progress.as_of < start {
        return Err(as_of_before_start(
            progress.as_of_at.clone(),
            progress.as_of,
            start,
        ));
    }
    if progress.as_of > today {
        let message = format!(
            "{} is after today ({}); allowed: a day from the plan's start to today",
            crate::words::long_date(progress.as_of),
            crate::words::long_date(today)
        );
        let help =
            Some("write the day your progress refers to: today, or the day you last looked".into());
        return Err(match &progress.as_of_at {
            Some(at) => Error::Field {
                at: at.clone(),
                field: "progress.as_of".into(),
                message,
                help,
            },
            None => Error::Plan {
                message: format!("progress.as_of: {message}"),
                help,
            },
        });
    }
    Ok(progress.as_of)
}

/// One unit of work as the placement loop sees it.
struct Task {
    remaining: Quarters,
    /// Lower sorts first among ready tasks.
    priority: (u8, u8, usize),
    /// Outreach only: the week (0-based) from which it may be done.
    release_week: Option<usize>,
    /// Weeks it keeps after the task before it (its first requirement) is done.
    gap_weeks: Option<usize>,
    /// Spare-time work, spread over the weeks left rather than done at once.
    deepening: bool,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    /// Quarter hours placed on each day, in order.
    days: Vec<(NaiveDate, Quarters)>,
}

struct Placed {
    weeks: Vec<Week>,
    /// Per task: (first day, last day).
    spans: Vec<(NaiveDate, NaiveDate)>,
    /// Per task: the quarter hours placed on each day.
    days: Vec<Vec<(NaiveDate, Quarters)>>,
}

/// Outreach may take at most this share of a week while learning work is waiting (one event
/// longer than the share may still take its whole time, so that events are never split).
const OUTREACH_SHARE: f64 = 0.25;

type ReadyHeap = BinaryHeap<Reverse<((u8, u8, usize), usize)>>;

/// Once the portfolio project is unlocked it may take up to this share of the learning time,
/// so the learner builds while they learn instead of leaving the project to the last weeks.
const PROJECT_SHARE: f64 = 0.5;

/// Which pool of ready work to draw from.
#[derive(Clone, Copy)]
enum Pool {
    Modules,
    Project,
    Outreach,
    Deepening,
}

/// The placement loop's state: what is left, what is ready, and who waits on whom.
struct Queue {
    tasks: Vec<Task>,
    kinds: Vec<ItemKind>,
    dependents: Vec<Vec<usize>>,
    waiting_on: Vec<usize>,
    /// Modules whose prerequisites are done, best first.
    modules: ReadyHeap,
    /// Project phases whose prerequisites are done.
    project: ReadyHeap,
    /// Outreach released and not waiting, earliest first.
    outreach: ReadyHeap,
    /// Deepening whose prerequisites are done: it takes only the time all else leaves.
    deepening: ReadyHeap,
    /// Outreach not yet released, or released but waiting on other work.
    pending: Vec<usize>,
    /// The week being filled (0-based).
    week: usize,
    /// An event up to this long is placed whole, in one week: the learner's weekly hours.
    whole: Quarters,
    /// What deepening work may still take this week.
    deepening_room: Quarters,
    /// Quarter hours of deepening work not yet placed.
    deepening_left: Quarters,
    left: usize,
}

impl Queue {
    fn new(work: &Work, whole: Quarters) -> Queue {
        let index: HashMap<&str, usize> = work
            .items
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.as_str(), i))
            .collect();
        let tasks: Vec<Task> = work
            .items
            .iter()
            .map(|w| Task {
                remaining: to_quarters(w.hours).max(1),
                priority: w.priority,
                release_week: w.release_week,
                gap_weeks: w.gap_weeks,
                deepening: w.deepening,
                first_day: None,
                last_day: None,
                days: Vec::new(),
            })
            .collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
        let mut waiting_on: Vec<usize> = vec![0; tasks.len()];
        for (i, w) in work.items.iter().enumerate() {
            for r in w
                .requires
                .iter()
                .filter_map(|r| index.get(r.as_str()).copied())
            {
                dependents[r].push(i);
                waiting_on[i] += 1;
            }
        }
        let kinds: Vec<ItemKind> = work.items.iter().map(|w| w.kind).collect();
        let mut queue = Queue {
            left: tasks.len(),
            tasks,
            kinds,
            dependents,
            waiting_on,
            modules: ReadyHeap::new(),
            project: ReadyHeap::new(),
            outreach: ReadyHeap::new(),
            deepening: ReadyHeap::new(),
            pending: Vec::new(),
            week: 0,
            whole,
            deepening_room: Quarters::MAX,
            deepening_left: 0,
        };
        queue.deepening_left = queue
            .tasks
            .iter()
            .filter(|t| t.deepening)
            .map(|t| t.remaining)
            .sum();
        for i in 0..queue.tasks.len() {
            match queue.tasks[i].release_week {
                Some(_) => queue.pending.push(i),
                None if queue.waiting_on[i] == 0 => queue.make_ready(i),
                None => {}
            }
        }
        queue
    }

    /// Puts a task whose prerequisites are done into its pool.
    fn make_ready(&mut self, i: usize) {
        let entry = Reverse((self.tasks[i].priority, i));
        if self.tasks[i].deepening {
            self.deepening.push(entry);
            return;
        }
        match self.kinds[i] {
            ItemKind::Module => self.modules.push(entry),
            ItemKind::Project => self.project.push(entry),
            ItemKind::Outreach => self.outreach.push(entry),
        }
    }

    fn heap(&mut self, pool: Pool) -> &mut ReadyHeap {
        match pool {
            Pool::Modules => &mut self.modules,
            Pool::Project => &mut self.project,
            Pool::Outreach => &mut self.outreach,
            Pool::Deepening => &mut self.deepening,
        }
    }

    /// True when work is left but none is ready or still to be released: placement could never
    /// finish. The catalog's checks rule this out; this guards against looping if they miss one.
    fn is_stuck(&self) -> bool {
        self.left > 0
            && self.pending.is_empty()
            && self.modules.is_empty()
            && self.project.is_empty()
            && self.outreach.is_empty()
            && self.deepening.is_empty()
    }

    /// Starts week `week`: outreach due by then whose prerequisites are done becomes ready.
    fn release(&mut self, week: usize) {
        self.week = week;
        let pending = std::mem::take(&mut self.pending);
        for i in pending {
            if self.is_due(i) {
                self.make_ready(i);
            } else {
                self.pending.push(i);
            }
        }
    }

    fn is_due(&self, i: usize) -> bool {
        self.waiting_on[i] == 0 && self.tasks[i].release_week.is_none_or(|r| r <= self.week)
    }

    /// Spends up to `budget` quarter hours on the best ready work of `pool`, appending what it
    /// placed to `sequence`; returns what it spent. Outreach is taken whole (up to the
    /// learner's weekly hours) or left for a later week; the first event taken may run past
    /// `budget`, up to `room`. Deepening takes no more than the week's `deepening_room`.
    fn take(
        &mut self,
        pool: Pool,
        budget: Quarters,
        room: Quarters,
        sequence: &mut Vec<(usize, Quarters)>,
    ) -> Quarters {
        let mut spent = 0;
        let mut set_aside = Vec::new();
        while spent < budget {
            let Some(Reverse((priority, i))) = self.heap(pool).pop() else {
                break;
            };
            let remaining = self.tasks[i].remaining;
            if self.tasks[i].deepening && self.deepening_room == 0 {
                set_aside.push(Reverse((priority, i)));
                break;
            }
            let is_event = matches!(pool, Pool::Outreach) && remaining <= self.whole;
            let limit = if is_event && spent == 0 { room } else { budget };
            if is_event && remaining > limit - spent {
                set_aside.push(Reverse((priority, i)));
                continue;
            }
            let mut amount = remaining.min(budget.max(limit) - spent);
            if self.tasks[i].deepening {
                amount = amount.min(self.deepening_room);
                self.deepening_room -= amount;
                self.deepening_left -= amount;
            }
            self.tasks[i].remaining -= amount;
            spent += amount;
            sequence.push((i, amount));
            if self.tasks[i].remaining > 0 {
                self.heap(pool).push(Reverse((priority, i)));
                break;
            }
            self.finish(i);
        }
        self.heap(pool).extend(set_aside);
        spent
    }

    /// Task `i` is done: what waited only on it becomes ready (or, for outreach not yet due,
    /// waits for its week), and a following occurrence keeps its distance.
    fn finish(&mut self, i: usize) {
        self.left -= 1;
        for k in 0..self.dependents[i].len() {
            let d = self.dependents[i][k];
            self.waiting_on[d] -= 1;
            if let (Some(gap), Some(release)) =
                (self.tasks[d].gap_weeks, self.tasks[d].release_week)
            {
                self.tasks[d].release_week = Some(release.max(self.week + gap));
            }
            if self.waiting_on[d] == 0 && self.tasks[d].release_week.is_none() {
                self.make_ready(d);
            } else if self.waiting_on[d] == 0 && self.is_due(d) {
                self.pending.retain(|&p| p != d);
                self.make_ready(d);
            }
        }
    }
}

/// Places `work` in the weeks from `start`, on days from `from` on (the start, or the progress
/// date: earlier weeks are history). Deepening work is spread over the weeks in proportion to
/// `spare`, the quarter hours each week of the plan has free for it.
fn place(
    profile: &Profile,
    work: &Work,
    start: NaiveDate,
    end: NaiveDate,
    from: NaiveDate,
    spare: &[Quarters],
) -> Result<Placed, Error> {
    let mut queue = Queue::new(work, to_quarters(profile.hours_per_week));
    // For each week, the spare time from it to the end of the plan.
    let mut spare_left = spare.to_vec();
    for w in (0..spare_left.len().saturating_sub(1)).rev() {
        spare_left[w] += spare_left[w + 1];
    }
    let mut weeks = Vec::new();
    let mut week_start = start;
    while queue.left > 0 || week_start <= end {
        let w = weeks.len();
        if w >= MAX_WEEKS {
            return Err(too_long(profile, work));
        }
        queue.release(w);
        if queue.is_stuck() {
            return Err(Error::Plan {
                message: "some work waits on work that can never be done; the catalog's prerequisites do not resolve".into(),
                help: Some("check `requires` and `project_after` in the --data files".into()),
            });
        }
        let frame = frame_week(profile, w as u32 + 1, week_start, from, end);
        if frame.end > LAST_DAY {
            // Only weeks of work that did not fit can get here: `end` is checked before.
            return Err(runs_past_last_day(
                "choose an earlier `start`, or more `hours_per_week` so the work fits sooner",
            ));
        }
        let capacity: Quarters = frame.days.iter().map(|d| d.quarters).sum();
        queue.deepening_room = match (spare.get(w), spare_left.get(w)) {
            (Some(&free), Some(&left)) if left > 0 => {
                let share = (queue.deepening_left as f64 * free as f64 / left as f64).round();
                (share as Quarters).max(Quarters::from(free > 0))
            }
            _ => Quarters::MAX,
        };
        let share = |room: Quarters, fraction: f64| ((room as f64) * fraction).floor() as Quarters;
        let mut sequence: Vec<(usize, Quarters)> = Vec::new();
        // Outreach first, up to its share (one event may take its whole time); then the
        // project, up to its share of the learning time; then modules; then whatever room is
        // left, to anything still waiting.
        let mut used = queue.take(
            Pool::Outreach,
            share(capacity, OUTREACH_SHARE),
            capacity,
            &mut sequence,
        );
        let learning = capacity - used;
        used += queue.take(
            Pool::Project,
            share(learning, PROJECT_SHARE),
            learning,
            &mut sequence,
        );
        used += queue.take(
            Pool::Modules,
            capacity - used,
            capacity - used,
            &mut sequence,
        );
        // Deepening last, so that it never moves the rest of the plan.
        for pool in [
            Pool::Modules,
            Pool::Project,
            Pool::Outreach,
            Pool::Deepening,
        ] {
            used += queue.take(pool, capacity - used, capacity - used, &mut sequence);
        }

        weeks.push(lay_out_week(
            &frame,
            &sequence,
            &mut queue.tasks,
            &work.items,
        ));
        week_start = frame.end + Days::new(1);
    }
    let spans = queue
        .tasks
        .iter()
        .map(|t| {
            let first = t.first_day.unwrap_or(from);
            (first, t.last_day.unwrap_or(first))
        })
        .collect();
    let days = queue.tasks.into_iter().map(|t| t.days).collect();
    Ok(Placed { weeks, spans, days })
}

/// Why the work did not fit into [`MAX_WEEKS`] weeks: more of it than the weeks hold even
/// without breaks, or breaks that leave almost no study time.
fn too_long(profile: &Profile, work: &Work) -> Error {
    let required: f64 = work.items.iter().map(|item| item.hours).sum();
    let years = MAX_WEEKS / 52;
    let most = profile.hours_per_week * MAX_WEEKS as f64;
    if profile.breaks.is_empty() || required > most {
        Error::Plan {
            message: format!(
                "the work takes {}, more than {} a week give in {years} years",
                hours(required),
                hours(profile.hours_per_week)
            ),
            help: Some(
                "check the `hours` of the modules and project phases in the --data files".into(),
            ),
        }
    } else {
        Error::Plan {
            message: format!(
                "the work does not fit into {years} years of weeks: the breaks leave almost no study time"
            ),
            help: Some("check the dates under `breaks`".into()),
        }
    }
}

/// Spreads a week's sequence of work over its days (and sessions), recording each task's first
/// and last day.
fn lay_out_week(
    frame: &WeekFrame,
    sequence: &[(usize, Quarters)],
    tasks: &mut [Task],
    items: &[select::WorkItem],
) -> Week {
    // One run per item, in order of first appearance: an item's prerequisites always appear
    // before it, so merging keeps them first. Outreach goes after the learning: events and
    // job-search tasks wait only on learning or on each other, so order still holds. Deepening
    // goes last, so that it moves nothing else.
    let mut merged: Vec<(usize, Quarters)> = Vec::new();
    for &(i, q) in sequence {
        match merged.iter_mut().find(|(j, _)| *j == i) {
            Some((_, total)) => *total += q,
            None => merged.push((i, q)),
        }
    }
    merged.sort_by_key(|&(i, _)| (items[i].deepening, items[i].kind == ItemKind::Outreach));
    let allocations: Vec<Allocation> = merged
        .iter()
        .map(|&(i, q)| Allocation {
            item: items[i].id.clone(),
            hours: to_hours(q),
        })
        .collect();
    let mut sessions = Vec::new();
    let mut queue = merged.iter().copied().filter(|&(_, q)| q > 0);
    let mut current = queue.next();
    for day in &frame.days {
        let mut room = day.quarters;
        let mut work: Vec<Allocation> = Vec::new();
        while room > 0 {
            let Some((i, q)) = current else { break };
            let amount = q.min(room);
            room -= amount;
            let task = &mut tasks[i];
            task.first_day.get_or_insert(day.date);
            task.last_day = Some(day.date);
            task.days.push((day.date, amount));
            work.push(Allocation {
                item: items[i].id.clone(),
                hours: to_hours(amount),
            });
            current = if amount == q {
                queue.next()
            } else {
                Some((i, q - amount))
            };
        }
        if let Some((slot, time)) = day.session {
            sessions.push(Session {
                slot,
                date: day.date,
                time,
                hours: to_hours(day.quarters),
                work,
                moved_from: None,
            });
        }
    }
    Week {
        index: frame.index,
        start: frame.start,
        end: frame.end,
        month: 0,
        capacity: to_hours(frame.days.iter().map(|d| d.quarters).sum()),
        break_note: frame.break_note.clone(),
        overflow: frame.overflow,
        history: frame.history,
        allocations,
        finishing: Vec::new(),
        sessions,
    }
}

/// The first day of month `index` (1-based) of a plan starting on `start`.
fn assemble(
    profile: &Profile,
    catalog: &Catalog,
    today: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
    work: Work,
    placed: Placed,
) -> Plan {
    let Placed {
        mut weeks, spans, ..
    } = placed;
    // Months run to the last day of work, not to the Sunday of its week, so no month is empty.
    let last_day = spans
        .iter()
        .map(|&(_, last)| last)
        .max()
        .unwrap_or(end)
        .max(end);
    let asked = profile.months;
    // Months of the plan run from its start date; the last asked-for month ends on `end`, and
    // months for work that did not fit follow it.
    let month_first = |m: u32| {
        if m <= asked {
            month_start(start, m)
        } else {
            month_start(start, m).max(end + Days::new(1))
        }
    };
    let month_last = |m: u32| {
        if m == asked {
            end
        } else {
            month_start(start, m + 1).pred_opt().unwrap_or(end)
        }
    };
    let notes = profile_notes(profile, &work.notes, start, last_day);
    let mut month_count = asked;
    while month_first(month_count + 1) <= last_day {
        month_count += 1;
    }
    let firsts: Vec<NaiveDate> = (1..=month_count).map(month_first).collect();
    // The month holding `date`: the last one that starts on or before it.
    let month_of =
        |date: NaiveDate| -> u32 { firsts.partition_point(|first| *first <= date).max(1) as u32 };
    for week in &mut weeks {
        week.month = month_of(week.start);
    }

    let items = items_of(&work, &spans, end);

    let work_index: HashMap<&str, &select::WorkItem> =
        work.items.iter().map(|w| (w.id.as_str(), w)).collect();
    let item_index: HashMap<&str, &Item> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    for week in &mut weeks {
        week.finishing = week
            .allocations
            .iter()
            .filter_map(|a| item_index.get(a.item.as_str()))
            .filter(|i| i.start < week.start && i.finish <= week.end)
            .map(|i| i.id.clone())
            .collect();
    }
    let mut months = Vec::new();
    let mut milestones = Vec::new();
    let mut finishing_in: HashMap<u32, Vec<&Item>> = HashMap::new();
    for item in items.iter().filter(|i| i.kind != ItemKind::Outreach) {
        finishing_in
            .entry(month_of(item.finish))
            .or_default()
            .push(item);
    }
    for m in 1..=month_count {
        let m_start = month_first(m);
        let m_end = if m > asked {
            month_last(m).min(last_day)
        } else {
            month_last(m)
        };
        let week_ids: Vec<u32> = weeks
            .iter()
            .filter(|w| w.month == m)
            .map(|w| w.index)
            .collect();
        let mut month_items: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stage_hours: BTreeMap<Stage, f64> = BTreeMap::new();
        for week in weeks.iter().filter(|w| w.month == m) {
            for a in &week.allocations {
                if seen.insert(a.item.as_str()) {
                    month_items.push(a.item.clone());
                }
                if let Some(w) = work_index.get(a.item.as_str())
                    && w.kind != ItemKind::Outreach
                {
                    *stage_hours.entry(w.stage).or_default() += a.hours;
                }
            }
        }
        let finishing: &[&Item] = finishing_in.get(&m).map_or(&[], Vec::as_slice);
        let self_checks: Vec<String> = finishing
            .iter()
            .filter(|i| i.kind == ItemKind::Module)
            .filter_map(|i| i.self_check.clone())
            .collect();
        let behind = profile.progress.as_ref().is_some_and(|p| m_end < p.as_of);
        let focus = if behind {
            "Behind you: this month ended before your progress date".to_string()
        } else {
            month_focus(m, profile.months, &stage_hours, &month_items, &item_index)
        };
        let review_id = format!("review-month-{m}");
        let done_titles: Vec<&str> = finishing.iter().map(|i| i.title.as_str()).collect();
        let description = if done_titles.is_empty() {
            format!(
                "Look back at month {m}: what took longer than planned, and what helped? Adjust the next month if you need to."
            )
        } else {
            format!(
                "By now you should have finished: {}. Look back at month {m}: what took longer than planned, and what helped? Re-run pivot with your progress if you are behind.",
                done_titles.join("; ")
            )
        };
        milestones.push(Milestone {
            id: review_id.clone(),
            date: m_end,
            title: format!("Month {m} review"),
            kind: MilestoneKind::Review,
            item: None,
            description,
        });
        months.push(Month {
            index: m,
            start: m_start,
            end: m_end,
            focus,
            weeks: week_ids,
            items: month_items,
            self_checks,
            milestones: Vec::new(),
            review: review_id,
            overflow: m > profile.months,
        });
    }
    milestones.extend(item_milestones(&items));
    sort_and_attach(&mut milestones, &mut months);

    // Deepening only fills time the plan leaves over: the work the verdict weighs, and its
    // finish, are the rest.
    let needed = || items.iter().filter(|i| !i.deepening);
    let required: f64 = needed().map(|i| i.hours).sum();
    let available: f64 = weeks
        .iter()
        .filter(|w| !w.overflow)
        .map(|w| w.capacity)
        .sum();
    let finish_date = needed().map(|i| i.finish).max().unwrap_or(start);
    let applications = |item: &Item| {
        let task = item.series.as_ref().map_or(&item.id, |s| &s.task);
        catalog
            .outreach
            .iter()
            .find(|o| &o.id == task && o.kind == OutreachKind::Applications)
    };
    let first_application = items
        .iter()
        .filter_map(|item| applications(item).map(|task| (item.start, task.after.is_some())))
        .min_by_key(|(day, _)| *day);
    let applications_start = first_application.map(|(day, _)| day);
    let mut feasibility = feasibility(
        profile,
        catalog,
        &work,
        required,
        available,
        finish_date,
        start,
        end,
    );
    if let Some((day, waits)) = first_application {
        feasibility.message.push_str(&format!(
            " You start applying for roles on {}{}.",
            crate::words::long_date(day),
            if work.project.is_some() && waits {
                ", once your portfolio is ready to show"
            } else {
                ""
            }
        ));
    }
    feasibility.applications_start = applications_start;
    let deepening: Vec<&Item> = items.iter().filter(|i| i.deepening).collect();
    feasibility.core_finish = items
        .iter()
        .filter(|i| !i.deepening && i.kind != ItemKind::Outreach)
        .map(|i| i.finish)
        .max();
    if let (Some(core_finish), false) = (feasibility.core_finish, deepening.is_empty()) {
        feasibility.message.push_str(&spare_time(
            &deepening,
            work.second_project.as_ref(),
            &weeks,
            core_finish,
        ));
    }
    Plan {
        name: profile.name.clone(),
        plan_id: profile.plan_id.clone(),
        background: profile.background.clone(),
        background_title: work.background_title.clone(),
        target_role: profile.target_role.clone(),
        target_role_title: work.role_title.clone(),
        domain: profile.domain.clone(),
        domain_title: work.domain_title.clone(),
        hours_per_week: profile.hours_per_week,
        start,
        end,
        months_requested: profile.months,
        timezone: profile.timezone,
        generated_on: today,
        feasibility,
        route: route::summary(profile, catalog, &work.resources, &items, start),
        weeks,
        items,
        milestones,
        months,
        skipped: work.skipped,
        extras: work.extras,
        project: work.project,
        second_project: work.second_project,
        networking: work.networking,
        resources: work.resources,
        domain_advantage: work.domain_advantage,
        first_job: work.first_job,
        notes,
        // Filled in by `schedule`, which knows the plan as first made.
        progress: None,
    }
}

/// What the weeks after the core plan hold, for the verdict: the deepening modules and the
/// second project, and about how many hours a week they take.
fn spare_time(
    deepening: &[&Item],
    second_project: Option<&PortfolioProject>,
    weeks: &[Week],
    core_finish: NaiveDate,
) -> String {
    let modules: Vec<&str> = deepening
        .iter()
        .filter(|i| i.kind == ItemKind::Module)
        .map(|i| i.title.as_str())
        .collect();
    let mut holds: Vec<String> = Vec::new();
    if !modules.is_empty() {
        holds.push(format!(
            "{} ({}, matching your interests)",
            crate::words::join_and(&modules),
            if modules.len() == 1 {
                "an optional module"
            } else {
                "optional modules"
            }
        ));
    }
    if let Some(second) = second_project {
        holds.push(format!("a second project ({})", second.title));
    }
    let deepening_hours: f64 = deepening.iter().map(|i| i.hours).sum();
    let weeks_after = weeks
        .iter()
        .filter(|w| !w.overflow && w.start > core_finish && w.capacity > 0.0)
        .count()
        .max(1);
    let per_week = (deepening_hours / weeks_after as f64 * 4.0).round() / 4.0;
    format!(
        " The core plan is done by {}. The weeks after it hold {}: about {} a week, leaving the rest of your hours free for revision, rest and the job search.",
        crate::words::long_date(core_finish),
        crate::words::join_and(&holds.iter().map(String::as_str).collect::<Vec<_>>()),
        hours(per_week.max(0.25))
    )
}

/// Notes on the profile: breaks that change nothing, and how the calendar's events are known.
fn profile_notes(
    profile: &Profile,
    notes: &[String],
    start: NaiveDate,
    last_day: NaiveDate,
) -> Vec<String> {
    let mut notes = notes.to_vec();
    for b in &profile.breaks {
        if b.to < start || b.from > last_day {
            notes.push(format!(
                "The break from {} to {} lies outside the plan's dates, so it changes nothing.",
                crate::words::long_date(b.from),
                crate::words::long_date(b.to)
            ));
        }
    }
    if profile.plan_id.is_none() {
        // The suggestion is made from what a re-plan does not change, so it reads the same on
        // every plan until the learner takes it.
        notes.push(format!(
            "Your calendar events are identified by your name, so correcting it later would add \
             every event again. To keep them when your name changes, add `plan_id: {}` to your \
             profile before you import the calendar.",
            crate::identity::suggested_plan_id(&profile.name, &start.to_string())
        ));
    }
    notes
}

/// The plan's items: the work as chosen, with the days it was placed on.
fn items_of(work: &Work, spans: &[(NaiveDate, NaiveDate)], end: NaiveDate) -> Vec<Item> {
    work.items
        .iter()
        .zip(spans)
        .map(|(w, &(first, last))| Item {
            id: w.id.clone(),
            kind: w.kind,
            title: w.title.clone(),
            hours: to_hours(to_quarters(w.hours).max(1)),
            start: first,
            finish: last,
            requires: w.requires.clone(),
            outcome: w.outcome.clone(),
            self_check: w.self_check.clone(),
            resources: w.resources.clone(),
            resource_parts: w.resource_parts.clone(),
            skills: w.skills.clone(),
            details: w.details.clone(),
            links: w.links.clone(),
            overflow: last > end,
            series: w.series.clone(),
            deepening: w.deepening,
        })
        .collect()
}

/// A milestone for each module and project phase, on the day it is done.
fn item_milestones(items: &[Item]) -> Vec<Milestone> {
    let mut milestones = Vec::new();
    for item in items {
        let (kind, title) = match item.kind {
            ItemKind::Module => (MilestoneKind::Module, format!("Done: {}", item.title)),
            ItemKind::Project => (MilestoneKind::Project, format!("Portfolio: {}", item.title)),
            ItemKind::Outreach => continue,
        };
        let mut description = item.outcome.clone().unwrap_or_default();
        if let Some(check) = &item.self_check {
            description.push_str(&format!(" Self-check: {check}"));
        }
        milestones.push(Milestone {
            id: format!("done-{}", item.id),
            date: item.finish,
            title,
            kind,
            item: Some(item.id.clone()),
            description: description.trim().to_string(),
        });
    }
    milestones
}

/// Milestones in date order (a month's review after what it reviews), and each month told the
/// module and project milestones that fall in it.
fn sort_and_attach(milestones: &mut [Milestone], months: &mut [Month]) {
    milestones.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| (a.kind == MilestoneKind::Review).cmp(&(b.kind == MilestoneKind::Review)))
            .then_with(|| a.id.cmp(&b.id))
    });
    for month in months {
        month.milestones = milestones
            .iter()
            .filter(|ms| ms.kind != MilestoneKind::Review)
            .filter(|ms| ms.date >= month.start && ms.date <= month.end)
            .map(|ms| ms.id.clone())
            .collect();
    }
}

/// What a month leans on, named after the stage with most hours and its main items.
fn month_focus(
    month: u32,
    months: u32,
    stage_hours: &BTreeMap<Stage, f64>,
    month_items: &[String],
    items: &HashMap<&str, &Item>,
) -> String {
    let stage = stage_hours
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| *s);
    let label = match stage {
        Some(Stage::Foundation) => "Foundations",
        Some(Stage::Building) => "Building",
        Some(Stage::Polish) => "Portfolio polish and the job search",
        None if month > months => "Catching up",
        None if month * 3 > months * 2 => "Portfolio polish and the job search",
        None => "Networking and review",
    };
    let names: Vec<&str> = month_items
        .iter()
        .filter_map(|id| items.get(id.as_str()))
        .filter(|i| i.kind != ItemKind::Outreach)
        .map(|i| i.title.as_str())
        .take(3)
        .collect();
    if names.is_empty() {
        label.to_string()
    } else {
        format!("{label}: {}", names.join(", "))
    }
}

#[allow(clippy::too_many_arguments)]
fn feasibility(
    profile: &Profile,
    catalog: &Catalog,
    work: &Work,
    required: f64,
    available: f64,
    finish_date: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Feasibility {
    let (realistic, source) = catalog
        .background(&profile.background)
        .and_then(|b| b.timelines.get(&profile.target_role))
        .map(|t| {
            let source = match (&t.provenance.source, t.provenance.estimate) {
                (Some(s), false) => s.clone(),
                (Some(s), true) => format!("estimate: {s}"),
                (None, _) => "estimate".to_string(),
            };
            (t.months, source)
        })
        .unwrap_or(([profile.months, profile.months], "estimate".to_string()));
    let fits = finish_date <= end;
    let hours_per_week_needed = if available > 0.0 {
        ((required / available * profile.hours_per_week) * 2.0).ceil() / 2.0
    } else {
        required
    };
    let shorter = profile.months < realistic[0];
    let months_taken = crate::words::about_months(start, finish_date);
    let route = format!(
        "from {} to {}, the realistic range is {}-{} months",
        in_sentence(&work.background_title),
        in_sentence(&work.role_title),
        realistic[0],
        realistic[1]
    );
    // After a progress update, only the weeks from its date on are left to study in.
    let pace = match &profile.progress {
        Some(progress) => format!(
            "the weeks from {} at {} a week",
            crate::words::long_date(progress.as_of),
            hours(profile.hours_per_week)
        ),
        None => format!(
            "{} months at {} a week",
            profile.months,
            hours(profile.hours_per_week)
        ),
    };
    let your_pace = match &profile.progress {
        Some(_) => pace.clone(),
        None => format!("your {pace}"),
    };
    let mut message = if fits {
        let spare_weeks = ((end - finish_date).num_days() / 7).max(0);
        format!(
            "It fits: the work takes {} and {your_pace} give {}. You should finish by {}{}.",
            hours(required),
            trim_number(available),
            crate::words::long_date(finish_date),
            if spare_weeks > 1 {
                format!(", with about {spare_weeks} weeks to spare")
            } else if spare_weeks == 1 {
                ", with about a week to spare".to_string()
            } else {
                String::new()
            }
        )
    } else {
        let gap = if available <= 0.0 {
            "Your breaks leave no study time before the plan's end, so plan for more months or fewer breaks.".to_string()
        } else if required <= available {
            "The hours are enough, but some work only comes due near the end and runs past it: start a little earlier or add a month.".to_string()
        } else if hours_per_week_needed > crate::profile::MAX_HOURS {
            format!(
                "Fitting it in by {} would take about {} a week, which is not sustainable alongside a job: plan for more months instead.",
                crate::words::long_date(end),
                hours(hours_per_week_needed)
            )
        } else {
            format!(
                "To finish by {}, study about {} a week, or plan for more months.",
                crate::words::long_date(end),
                hours(hours_per_week_needed)
            )
        };
        format!(
            "It does not fit: the work takes {}, but {pace} give {}. At this pace you would finish on {} (about {months_taken} months). {gap}",
            hours(required),
            trim_number(available),
            crate::words::long_date(finish_date),
        )
    };
    message.push(' ');
    if shorter {
        message.push_str(&format!(
            "Be honest with yourself: {route}, so {} months is shorter than that. Treat this plan as the first stage of a longer transition; rushing leads to impostor syndrome and poor foundations.",
            profile.months
        ));
    } else {
        let mut sentence = route;
        sentence.replace_range(..1, "F");
        message.push_str(&format!("{sentence}."));
    }
    Feasibility {
        fits,
        required_hours: required,
        available_hours: available,
        finish_date,
        hours_per_week_needed,
        realistic_months: realistic,
        realistic_source: source,
        shorter_than_realistic: shorter,
        applications_start: None,
        core_finish: None,
        message,
    }
}
