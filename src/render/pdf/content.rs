//! What the PDF says, section by section: the plan turned into blocks of cleaned text, tables,
//! tick boxes and the timeline. Every string from the plan goes through the sanitizer here.

use chrono::NaiveDate;
use genpdf::style::{Color, Style};

use super::flow::{Block, Table};
use super::text::Sanitizer;
use super::timeline::{self, Lane, MonthColumn, Timeline};
use super::wrap::{LINE_BREAK, Span};
use crate::plan::{Index, Item, ItemKind, Link, MilestoneKind, Month, Plan, PortfolioProject};

const ACCENT: Color = Color::Rgb(31, 78, 121);
const MUTED: Color = Color::Greyscale(95);
const FITS: Color = Color::Rgb(56, 142, 60);
const DOES_NOT_FIT: Color = Color::Rgb(214, 120, 20);

/// The text styles of the document.
#[derive(Clone, Copy)]
pub struct Styles {
    pub body: Style,
    pub small: Style,
    pub table: Style,
    pub title: Style,
    pub h1: Style,
    pub h2: Style,
    pub h3: Style,
}

impl Styles {
    pub fn new() -> Styles {
        let body = Style::new().with_font_size(10).with_line_spacing(1.25);
        Styles {
            body,
            small: body.with_font_size(8).with_color(MUTED),
            table: body.with_font_size(9).with_line_spacing(1.15),
            title: body.with_font_size(22).with_line_spacing(1.1).bold(),
            h1: body
                .with_font_size(15)
                .with_line_spacing(1.2)
                .bold()
                .with_color(ACCENT),
            h2: body
                .with_font_size(12)
                .with_line_spacing(1.2)
                .bold()
                .with_color(ACCENT),
            h3: body.with_font_size(10).bold(),
        }
    }
}

pub struct Builder<'p, 's, 'c> {
    plan: &'p Plan,
    clean: &'s mut Sanitizer<'c>,
    styles: Styles,
    index: Index<'p>,
    blocks: Vec<Block>,
}

impl<'p, 's, 'c> Builder<'p, 's, 'c> {
    pub fn new(plan: &'p Plan, clean: &'s mut Sanitizer<'c>, styles: Styles) -> Self {
        Builder {
            plan,
            clean,
            styles,
            index: Index::new(plan),
            blocks: Vec::new(),
        }
    }

    /// All sections, in reading order.
    pub fn build(mut self) -> Vec<Block> {
        self.title_block();
        self.summary();
        self.timeline();
        self.route_and_skipped();
        self.progress();
        for month in &self.plan.months {
            self.month(month);
        }
        self.portfolio();
        self.networking();
        self.resources();
        self.extras();
        self.domain_advantage();
        self.first_job();
        self.notes();
        self.blocks
    }

    // ----- small helpers

    fn span(&mut self, text: &str, style: Style) -> Span {
        Span::new(self.clean.line(text), style)
    }

    fn text(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Text {
            spans,
            indent: 0.0,
            keep: false,
        });
    }

    fn para(&mut self, text: &str, style: Style) {
        let span = self.span(text, style);
        self.text(vec![span]);
    }

    fn labelled(&mut self, label: &str, text: &str) {
        let spans = vec![
            Span::new(label, self.styles.body.bold()),
            self.span(text, self.styles.body),
        ];
        self.text(spans);
    }

    fn heading(&mut self, text: &str, style: Style, space_before: f64) {
        self.blocks.push(Block::Space(space_before));
        let span = self.span(text, style);
        self.blocks.push(Block::Text {
            spans: vec![span],
            indent: 0.0,
            keep: true,
        });
        self.blocks.push(Block::Space(1.0));
    }

    fn section(&mut self, text: &str) {
        self.heading(text, self.styles.h1, 7.0);
    }

    fn bullet(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Bullet { spans, indent: 0.0 });
    }

    fn bullets(&mut self, lines: &[String]) {
        self.bullets_in(lines, self.styles.body);
    }

    fn bullets_in(&mut self, lines: &[String], style: Style) {
        for line in lines {
            let span = self.span(line, style);
            self.bullet(vec![span]);
        }
    }

    fn check(&mut self, spans: Vec<Span>, indent: f64) {
        self.blocks.push(Block::Check { spans, indent });
    }

    fn space(&mut self, height: f64) {
        self.blocks.push(Block::Space(height));
    }

    fn lookup(&self, ids: &[String]) -> Vec<&'p Item> {
        ids.iter().filter_map(|id| self.index.item(id)).collect()
    }

    fn item_title(&self, id: &str) -> String {
        self.index
            .item(id)
            .map_or_else(|| id.to_string(), |item| item.title.clone())
    }

    // ----- sections

    fn title_block(&mut self) {
        let plan = self.plan;
        let name = if plan.name.trim().is_empty() {
            "Your plan"
        } else {
            plan.name.as_str()
        };
        let title = self.span(name, self.styles.title);
        self.blocks.push(Block::Text {
            spans: vec![title],
            indent: 0.0,
            keep: true,
        });
        let mut move_line = format!(
            "From {} to {}",
            plan.background_title, plan.target_role_title
        );
        if let Some(domain) = &plan.domain_title {
            move_line.push_str(&format!(", in {domain}"));
        }
        self.space(1.5);
        self.para(&move_line, self.styles.h2.with_color(MUTED));
        let dates = format!(
            "A {}-month plan, {} to {}, at {} a week. Made on {}.",
            plan.months_requested,
            date(plan.start),
            date(plan.end),
            hours(plan.hours_per_week),
            date(plan.generated_on),
        );
        self.para(&dates, self.styles.small.with_font_size(9));
        self.space(2.0);
        self.blocks.push(Block::Rule);
    }

    fn summary(&mut self) {
        let plan = self.plan;
        let feasibility = &plan.feasibility;
        self.section("Summary");
        let color = if feasibility.fits { FITS } else { DOES_NOT_FIT };
        // The verdict already says plainly whether the work fits; the bar's colour repeats it.
        let spans = vec![self.span(&feasibility.message, self.styles.body.bold())];
        self.blocks.push(Block::Callout { spans, color });
        self.space(2.5);
        self.labelled(
            "Work: ",
            &format!(
                "{} needed; {} available in the {} months at {} a week.",
                hours(feasibility.required_hours),
                hours(feasibility.available_hours),
                plan.months_requested,
                hours(plan.hours_per_week),
            ),
        );
        self.labelled(
            "Finish: ",
            &format!(
                "the work the plan needs is scheduled to finish on {}; the plan's end is {}.",
                date(feasibility.finish_date),
                date(plan.end)
            ),
        );
        self.labelled(
            "To fit the months you asked for: ",
            &format!("{} a week.", hours(feasibility.hours_per_week_needed)),
        );
        let [low, high] = feasibility.realistic_months;
        let mut realistic = format!(
            "{low} to {high} months for this move ({}).",
            feasibility.realistic_source
        );
        if feasibility.shorter_than_realistic {
            realistic.push_str(
                " You asked for fewer months than that, so expect the plan to feel tight.",
            );
        }
        self.labelled("Realistic range: ", &realistic);
    }

    /// The learning route and its cost, and the modules left out: after the timeline, so the
    /// first page always shows the verdict and the picture of the whole plan.
    fn route_and_skipped(&mut self) {
        let plan = self.plan;
        let route = &plan.route;
        self.heading("Route and budget", self.styles.h2, 3.0);
        let route_title = format!("{}: ", self.clean.line(&route.title));
        self.labelled(&route_title, &route.summary);
        self.labelled(
            "Typically: ",
            &format!("{}; {}.", route.typical_duration, route.typical_cost),
        );
        if let Some(message) = &route.hours_message {
            self.labelled("Your hours: ", message);
        }
        let mut lines: Vec<String> = route.costs.iter().map(|c| c.text.clone()).collect();
        lines.extend(route.total_text.clone());
        self.bullets(&lines);
        for message in [&route.verdict, &route.currency_note].into_iter().flatten() {
            self.para(message, self.styles.body);
        }

        if !plan.skipped.is_empty() {
            self.heading("Left out, because you already have it", self.styles.h2, 3.0);
            for skipped in &plan.skipped {
                let spans = vec![
                    self.span(&skipped.title, self.styles.body.bold()),
                    Span::new(format!(" ({}): ", hours(skipped.hours)), self.styles.body),
                    self.span(&skipped.reason, self.styles.body),
                ];
                self.bullet(spans);
            }
        }
    }

    fn timeline(&mut self) {
        let plan = self.plan;
        self.section("Timeline");
        let start = plan.months.first().map_or(plan.start, |month| month.start);
        let end = plan
            .months
            .last()
            .map_or(plan.end, |month| month.end)
            .max(
                plan.items
                    .iter()
                    .map(|item| item.finish)
                    .max()
                    .unwrap_or(plan.end),
            )
            .succ_opt()
            .unwrap_or(plan.end);
        let months = plan
            .months
            .iter()
            .map(|month| MonthColumn {
                titles: [
                    format!("Month {}", month.index),
                    format!("M{}", month.index),
                ],
                subtitles: [
                    month.start.format("%b %Y").to_string(),
                    month.start.format("%b").to_string(),
                ],
                start: month.start,
                overflow: month.overflow,
            })
            .collect();
        let mut lanes: Vec<Lane> = Vec::new();
        let mut outreach = Lane {
            label: "Networking and job search".into(),
            color: timeline::OUTREACH,
            bars: Vec::new(),
            marks: Vec::new(),
        };
        for item in &plan.items {
            match item.kind {
                ItemKind::Outreach => outreach.bars.push((item.start, item.finish)),
                kind => {
                    let color = if kind == ItemKind::Module {
                        timeline::MODULE
                    } else {
                        timeline::PROJECT
                    };
                    let label = self.clean.line(&item.title);
                    lanes.push(Lane {
                        label,
                        color,
                        bars: vec![(item.start, item.finish)],
                        marks: Vec::new(),
                    });
                }
            }
        }
        if !outreach.bars.is_empty() {
            lanes.push(outreach);
        }
        let marks = plan
            .milestones
            .iter()
            .filter(|m| m.kind != MilestoneKind::Review)
            .map(|m| m.date)
            .collect();
        lanes.push(Lane {
            label: "Milestones".into(),
            color: timeline::MILESTONE,
            bars: Vec::new(),
            marks,
        });
        let overflow = plan.items.iter().any(|item| item.overflow)
            || plan.months.iter().any(|month| month.overflow);
        self.blocks.push(Block::Drawn(Box::new(Timeline {
            start,
            end,
            plan_end: overflow.then_some(plan.end),
            months,
            lanes,
            label_style: self.styles.table.with_font_size(8),
            small_style: self.styles.small.with_font_size(7),
        })));
    }

    /// The work the learner has finished, each marked done, and what they have begun: the weeks
    /// hold only what is left.
    fn progress(&mut self) {
        let Some(progress) = &self.plan.progress else {
            return;
        };
        self.heading(
            &format!("Your progress as of {}", date(progress.as_of)),
            self.styles.h2,
            3.0,
        );
        self.para(&progress.message, self.styles.body);
        for item in &progress.done {
            let spans = vec![
                Span::new("Done: ", self.styles.body.bold()),
                self.span(&item.title, self.styles.body),
                Span::new(
                    format!(" ({})", hours(item.hours)),
                    self.styles.body.with_color(MUTED),
                ),
            ];
            self.bullet(spans);
        }
        for item in &progress.partial {
            let spans = vec![
                Span::new("Begun: ", self.styles.body.bold()),
                self.span(&item.title, self.styles.body),
                Span::new(
                    format!(
                        " ({} of {} done, {} to go)",
                        hours(item.hours_done),
                        hours(item.hours),
                        hours(item.hours_left)
                    ),
                    self.styles.body.with_color(MUTED),
                ),
            ];
            self.bullet(spans);
        }
    }

    fn month(&mut self, month: &Month) {
        let mut title = format!(
            "Month {}: {} to {}",
            month.index,
            date(month.start),
            date(month.end)
        );
        if month.overflow {
            title.push_str(" (after your plan's end)");
        }
        self.heading(&title, self.styles.h1, 7.0);
        let focus = self.span(&month.focus, self.styles.body.with_color(MUTED));
        self.blocks.push(Block::Text {
            spans: vec![focus],
            indent: 0.0,
            keep: true,
        });
        for week_index in &month.weeks {
            let Some(week) = self.index.week(*week_index) else {
                continue;
            };
            let mut line = format!(
                "Week {}: {} to {}, {} available",
                week.index,
                short_date(week.start),
                short_date(week.end),
                hours(week.capacity)
            );
            if let Some(note) = &week.break_note {
                line.push_str(&format!(" (break: {note})"));
            }
            // The week's heading and its rows, kept on one page when they fit on one.
            let week_start = self.blocks.len();
            self.heading(&line, self.styles.h3, 2.5);
            if week.history {
                self.para(
                    "Behind you: this week ended before your progress date.",
                    self.styles.body.with_color(MUTED),
                );
            } else if week.allocations.is_empty() {
                self.para(
                    "No study planned this week.",
                    self.styles.body.with_color(MUTED),
                );
            }
            for allocation in &week.allocations {
                let title = self.item_title(&allocation.item);
                let kind = self.index.item(&allocation.item).map(|item| item.kind);
                let label = match kind {
                    Some(ItemKind::Project) => "portfolio",
                    Some(ItemKind::Outreach) => "networking",
                    _ => "study",
                };
                let spans = vec![
                    self.span(&title, self.styles.body),
                    Span::new(
                        format!("  {}, {label}", hours(allocation.hours)),
                        self.styles.body.with_color(MUTED),
                    ),
                ];
                self.check(spans, 0.0);
            }
            let week_blocks = self.blocks.split_off(week_start);
            self.blocks.push(Block::Together(week_blocks));
        }

        let in_month: Vec<_> = month
            .milestones
            .iter()
            .filter_map(|id| self.index.milestone(id))
            .collect();
        if !in_month.is_empty() {
            self.heading("Milestones this month", self.styles.h3, 3.0);
            for milestone in in_month {
                let mut spans = vec![
                    Span::new(
                        format!("{}  ", short_date(milestone.date)),
                        self.styles.body.bold(),
                    ),
                    self.span(&milestone.title, self.styles.body.bold()),
                ];
                // What to show for it; the self-checks are listed below, not repeated here.
                let item = milestone.item.as_deref().and_then(|id| self.index.item(id));
                let outcome = milestone.outcome(item);
                if !outcome.trim().is_empty() {
                    spans.push(Span::new(LINE_BREAK, self.styles.body));
                    spans.push(self.span(outcome, self.styles.table.with_color(MUTED)));
                }
                self.check(spans, 0.0);
            }
        }
        if !month.self_checks.is_empty() {
            self.heading(
                "Self-check: answer honestly before you tick",
                self.styles.h3,
                3.0,
            );
            self.bullets_in(&month.self_checks, self.styles.body.italic());
        }
        if let Some(review) = self.index.milestone(&month.review) {
            self.heading("End-of-month review", self.styles.h3, 3.0);
            let mut spans = vec![
                Span::new(
                    format!("{}  ", short_date(review.date)),
                    self.styles.body.bold(),
                ),
                self.span(&review.title, self.styles.body.bold()),
            ];
            if !review.description.trim().is_empty() {
                spans.push(Span::new(LINE_BREAK, self.styles.body));
                spans.push(self.span(&review.description, self.styles.table.with_color(MUTED)));
            }
            self.check(spans, 0.0);
        }
    }

    fn portfolio(&mut self) {
        let Some(project) = &self.plan.project else {
            return;
        };
        self.section("Portfolio project");
        self.project(project);
        if let Some(second) = &self.plan.second_project {
            self.section("Second project, for your spare time");
            self.para(
                "The core plan leaves time over, so the weeks after it hold a second project of another kind.",
                self.styles.body,
            );
            self.space(1.5);
            self.project(second);
        }
    }

    fn project(&mut self, project: &PortfolioProject) {
        self.para(&project.title, self.styles.h2);
        self.para(&project.summary, self.styles.body);
        self.space(1.5);
        self.labelled("Your idea: ", &project.idea);
        self.labelled("Why it suits you: ", &project.why);
        if !project.deploy_targets.is_empty() {
            self.labelled("Where to put it live: ", &project.deploy_targets.join(", "));
        }
        if !project.phases.is_empty() {
            self.heading("Phases", self.styles.h3, 3.0);
            let phases = self.lookup(&project.phases);
            let rows = phases
                .into_iter()
                .map(|item| {
                    vec![
                        vec![self.span(&item.title, self.styles.table)],
                        vec![Span::new(hours(item.hours), self.styles.table)],
                        vec![Span::new(
                            format!("{} to {}", short_date(item.start), short_date(item.finish)),
                            self.styles.table,
                        )],
                    ]
                })
                .collect();
            self.table(&["Phase", "Hours", "When"], vec![6.0, 1.5, 3.0], rows, true);
        }
        if !project.checklist.is_empty() {
            self.heading("Before you call it done", self.styles.h3, 3.0);
            for entry in &project.checklist {
                let span = self.span(entry, self.styles.body);
                self.check(vec![span], 0.0);
            }
        }
    }

    fn links_table(&mut self, title: &str, first: &str, links: &[Link]) {
        if links.is_empty() {
            return;
        }
        self.heading(title, self.styles.h2, 3.0);
        let rows = links
            .iter()
            .map(|link| {
                vec![
                    vec![
                        self.span(&link.title, self.styles.table.bold()),
                        Span::new(LINE_BREAK, self.styles.table),
                        self.span(
                            &link.url,
                            self.styles.table.with_font_size(8).with_color(ACCENT),
                        ),
                    ],
                    vec![self.span(&link.note, self.styles.table)],
                ]
            })
            .collect();
        self.table(&[first, "Why"], vec![4.0, 5.0], rows, false);
    }

    fn networking(&mut self) {
        let networking = &self.plan.networking;
        self.section("Networking plan");
        self.links_table("Communities to join", "Community", &networking.communities);
        self.links_table(
            "Open source to contribute to",
            "Project",
            &networking.open_source,
        );
        if !networking.message_template.trim().is_empty() {
            self.heading("A message for cold outreach", self.styles.h2, 3.0);
            let lines = self.clean.lines(&networking.message_template);
            // The message is text to send, set apart as a quotation.
            let quote = self.styles.table.italic();
            let mut spans = Vec::new();
            for line in lines {
                if !spans.is_empty() {
                    spans.push(Span::new(LINE_BREAK, quote));
                }
                // A no-break space keeps a blank line of the message as a blank line.
                let line = if line.is_empty() {
                    "\u{a0}".to_string()
                } else {
                    line
                };
                spans.push(Span::new(line, quote));
            }
            self.blocks.push(Block::Callout {
                spans,
                color: Color::Greyscale(180),
            });
        }
        if !networking.tasks.is_empty() {
            self.heading("Outreach tasks", self.styles.h2, 3.0);
            let tasks = self.lookup(&networking.tasks);
            let rows = tasks
                .into_iter()
                .map(|item| {
                    vec![
                        vec![Span::new(short_date(item.start), self.styles.table)],
                        vec![self.span(&item.title, self.styles.table)],
                        vec![Span::new(hours(item.hours), self.styles.table)],
                    ]
                })
                .collect();
            self.table(&["From", "Task", "Hours"], vec![2.0, 7.0, 1.2], rows, true);
        }
    }

    fn resources(&mut self) {
        let plan = self.plan;
        if plan.resources.is_empty() {
            return;
        }
        self.section("Resources");
        let rows = plan
            .resources
            .iter()
            .map(|resource| {
                // Figures the provider does not state are set in italics.
                let (stated, style) = match resource.hours {
                    Some(value) if resource.estimate => (
                        format!("about {}", hours(value)),
                        self.styles.table.italic(),
                    ),
                    Some(value) => (hours(value), self.styles.table),
                    None => ("not stated".into(), self.styles.table.italic()),
                };
                let mut cell = vec![
                    self.span(&resource.title, self.styles.table.bold()),
                    Span::new(LINE_BREAK, self.styles.table),
                    self.span(
                        &resource.url,
                        self.styles.table.with_font_size(8).with_color(ACCENT),
                    ),
                ];
                // The part each item asks for, so the learner knows where to stop.
                for item in self.lookup(&resource.used_by) {
                    let Some(part) = item
                        .resource_parts
                        .iter()
                        .find(|p| p.resource == resource.id)
                        .and_then(|p| p.part.as_deref().map(|part| (part, p.hours)))
                    else {
                        continue;
                    };
                    let text = match part {
                        (part, Some(stated)) => {
                            format!("{}: {part}, {}", item.title, hours(stated))
                        }
                        (part, None) => format!("{}: {part}", item.title),
                    };
                    cell.push(Span::new(LINE_BREAK, self.styles.table));
                    cell.push(self.span(&text, self.styles.table.with_color(MUTED)));
                }
                vec![
                    cell,
                    vec![self.span(&resource.provider, self.styles.table)],
                    vec![Span::new(stated, style)],
                    vec![self.span(&resource.cost, self.styles.table)],
                ]
            })
            .collect();
        self.table(
            &["Resource", "Provider", "Hours", "Cost"],
            vec![6.0, 2.4, 1.6, 2.0],
            rows,
            false,
        );
    }

    fn extras(&mut self) {
        let plan = self.plan;
        if plan.extras.is_empty() {
            return;
        }
        self.section("Beyond this plan");
        let intro = match plan.spare_hours_for_extras() {
            Some(spare) => format!(
                "Your study weeks hold about {} more than this plan needs. If you finish early, these optional modules go deeper into the role:",
                hours(spare)
            ),
            None => "These optional modules go deeper into the role. They are not in your plan: come back to them once it is done.".to_string(),
        };
        self.para(&intro, self.styles.body);
        for extra in &plan.extras {
            let mut spans = vec![
                self.span(&extra.title, self.styles.body.bold()),
                Span::new(format!(" ({}): ", hours(extra.hours)), self.styles.body),
                self.span(&extra.summary, self.styles.body),
            ];
            // Cleaned text loses its leading space, so the space between sentences is its own.
            if !extra.needs.is_empty() {
                let needs = format!("Builds on {}.", extra.needs.join("; "));
                spans.push(Span::new(" ", self.styles.body));
                spans.push(self.span(&needs, self.styles.body));
            }
            if !extra.interests.is_empty() {
                let interests = format!("Matches your interest in {}.", extra.interests.join(", "));
                spans.push(Span::new(" ", self.styles.body));
                spans.push(self.span(&interests, self.styles.body.italic()));
            }
            self.bullet(spans);
        }
    }

    fn domain_advantage(&mut self) {
        let Some(advantage) = &self.plan.domain_advantage else {
            return;
        };
        self.section(&format!("Your domain advantage: {}", advantage.title));
        self.para(&advantage.why, self.styles.body);
        if !advantage.applications.is_empty() {
            self.heading("Where AI meets what you know", self.styles.h3, 2.0);
            self.bullets(&advantage.applications);
        }
    }

    fn first_job(&mut self) {
        if self.plan.first_job.is_empty() {
            return;
        }
        self.section("What to expect in your first AI job");
        self.bullets(&self.plan.first_job);
    }

    fn notes(&mut self) {
        if self.plan.notes.is_empty() {
            return;
        }
        self.section("Notes on your profile");
        self.bullets(&self.plan.notes);
    }

    fn table(&mut self, header: &[&str], weights: Vec<f64>, rows: Vec<Vec<Vec<Span>>>, tick: bool) {
        if rows.is_empty() {
            return;
        }
        let header = header
            .iter()
            .map(|text| Span::new(*text, self.styles.table.bold()))
            .collect();
        self.blocks.push(Block::Table(Table {
            weights,
            header,
            rows,
            tick,
        }));
    }
}

pub fn date(day: NaiveDate) -> String {
    crate::words::table_date(day)
}

fn short_date(day: NaiveDate) -> String {
    crate::words::short_day(day).to_string()
}

/// "4 h", "3.75 h".
pub fn hours(value: f64) -> String {
    crate::words::hours_short(value)
}
