//! The drawn six-month timeline: a bar per module and project phase across the months, one lane
//! for networking, and a lane of milestone marks.

use chrono::NaiveDate;
use genpdf::fonts::FontCache;
use genpdf::style::{Color, Style};

use super::flow::{Draw, Drawing, Glue, Row};
use super::wrap::{self, Span};

pub const MODULE: Color = Color::Rgb(52, 101, 164);
pub const PROJECT: Color = Color::Rgb(56, 142, 60);
pub const OUTREACH: Color = Color::Rgb(230, 145, 30);
pub const MILESTONE: Color = Color::Rgb(40, 40, 40);
pub const PLAN_END: Color = Color::Rgb(200, 40, 40);
const GRID: Color = Color::Greyscale(205);

const LANE_HEIGHT: f64 = 4.6;
const BAR_HEIGHT: f64 = 2.6;
const HEADER_HEIGHT: f64 = 8.5;

pub struct MonthColumn {
    /// Labels from the longest to the shortest; the first that fits the column is drawn.
    pub titles: [String; 2],
    pub subtitles: [String; 2],
    pub start: NaiveDate,
    pub overflow: bool,
}

pub struct Lane {
    pub label: String,
    pub color: Color,
    /// Inclusive first and last day of each bar.
    pub bars: Vec<(NaiveDate, NaiveDate)>,
    /// Days marked with a diamond.
    pub marks: Vec<NaiveDate>,
}

pub struct Timeline {
    /// First day drawn.
    pub start: NaiveDate,
    /// Day after the last day drawn.
    pub end: NaiveDate,
    /// The day the plan is meant to be done by, drawn as a line when work runs past it.
    pub plan_end: Option<NaiveDate>,
    pub months: Vec<MonthColumn>,
    pub lanes: Vec<Lane>,
    pub label_style: Style,
    pub small_style: Style,
}

impl Timeline {
    fn x(&self, label_width: f64, bars_width: f64, date: NaiveDate) -> f64 {
        let total = (self.end - self.start).num_days().max(1) as f64;
        let days = (date - self.start).num_days() as f64;
        label_width + bars_width * (days / total).clamp(0.0, 1.0)
    }

    fn grid(&self, label_width: f64, bars_width: f64, height: f64) -> Vec<Draw> {
        let mut draws: Vec<Draw> = self
            .months
            .iter()
            .map(|month| month.start)
            .chain(std::iter::once(self.end))
            .map(|date| {
                let x = self.x(label_width, bars_width, date);
                Draw::Line {
                    points: vec![(x, 0.0), (x, height)],
                    color: GRID,
                }
            })
            .collect();
        if let Some(plan_end) = self.plan_end {
            let x = self.x(label_width, bars_width, plan_end);
            draws.push(Draw::Line {
                points: vec![(x, 0.0), (x, height)],
                color: PLAN_END,
            });
        }
        draws
    }

    fn header_row(&self, cache: &FontCache, label_width: f64, bars_width: f64) -> Row {
        let mut draws = self.grid(label_width, bars_width, HEADER_HEIGHT);
        let ends = self
            .months
            .iter()
            .skip(1)
            .map(|month| month.start)
            .chain(std::iter::once(self.end));
        for (month, end) in self.months.iter().zip(ends) {
            let left = self.x(label_width, bars_width, month.start);
            let right = self.x(label_width, bars_width, end);
            let title_style = if month.overflow {
                self.label_style.bold().with_color(PLAN_END)
            } else {
                self.label_style.bold()
            };
            for (texts, style, y) in [
                (&month.titles, title_style, 0.4),
                (&month.subtitles, self.small_style, 4.3),
            ] {
                let room = right - left - 1.0;
                let text = texts
                    .iter()
                    .find(|text| wrap::width(cache, style, text) <= room)
                    .cloned()
                    .unwrap_or_else(|| fit(cache, style, &texts[1], room));
                let w = wrap::width(cache, style, &text);
                draws.push(Draw::Text {
                    x: left + ((right - left) - w) / 2.0,
                    y,
                    span: Span::new(text, style),
                });
            }
        }
        draws.push(Draw::Line {
            points: vec![
                (0.0, HEADER_HEIGHT),
                (label_width + bars_width, HEADER_HEIGHT),
            ],
            color: Color::Greyscale(120),
        });
        Row::new(HEADER_HEIGHT, draws)
    }

    fn lane_row(&self, cache: &FontCache, lane: &Lane, label_width: f64, bars_width: f64) -> Row {
        let mut draws = self.grid(label_width, bars_width, LANE_HEIGHT);
        let label = fit(cache, self.label_style, &lane.label, label_width - 2.0);
        draws.push(Draw::Text {
            x: 0.0,
            y: 0.5,
            span: Span::new(label, self.label_style),
        });
        let top = (LANE_HEIGHT - BAR_HEIGHT) / 2.0;
        for (first, last) in &lane.bars {
            let left = self.x(label_width, bars_width, *first);
            let right = self.x(label_width, bars_width, last.succ_opt().unwrap_or(*last));
            draws.push(Draw::Fill {
                x: left,
                y: top,
                w: (right - left).max(0.8),
                h: BAR_HEIGHT,
                color: lane.color,
            });
        }
        for date in &lane.marks {
            let centre = self.x(label_width, bars_width, *date)
                + bars_width / (self.end - self.start).num_days().max(1) as f64 / 2.0;
            draws.extend(diamond(centre, LANE_HEIGHT / 2.0, 1.5, MILESTONE));
        }
        Row::new(LANE_HEIGHT, draws)
    }

    fn legend_row(&self, cache: &FontCache) -> Row {
        let mut draws = Vec::new();
        let mut x = 0.0;
        let mut entries = vec![
            (MODULE, "Learning module"),
            (PROJECT, "Portfolio project"),
            (OUTREACH, "Networking"),
        ];
        if self.plan_end.is_some() {
            entries.push((PLAN_END, "Your plan's end"));
        }
        for (color, text) in entries {
            if color == PLAN_END {
                draws.push(Draw::Line {
                    points: vec![(x + 2.0, 1.5), (x + 2.0, 4.5)],
                    color,
                });
            } else {
                draws.push(Draw::Fill {
                    x,
                    y: 1.7,
                    w: 5.0,
                    h: 2.4,
                    color,
                });
            }
            x += 6.5;
            draws.push(Draw::Text {
                x,
                y: 1.0,
                span: Span::new(text, self.small_style),
            });
            x += wrap::width(cache, self.small_style, text) + 5.0;
        }
        draws.extend(diamond(x + 1.5, 2.9, 1.5, MILESTONE));
        draws.push(Draw::Text {
            x: x + 4.5,
            y: 1.0,
            span: Span::new("Milestone", self.small_style),
        });
        Row::new(6.5, draws)
    }
}

impl Drawing for Timeline {
    fn rows(&self, cache: &FontCache, width: f64) -> (Vec<Row>, Option<usize>) {
        let label_width = (width * 0.3).min(58.0);
        let bars_width = width - label_width;
        let mut rows = vec![self.header_row(cache, label_width, bars_width)];
        rows.extend(
            self.lanes
                .iter()
                .map(|lane| self.lane_row(cache, lane, label_width, bars_width)),
        );
        rows.push(self.legend_row(cache));
        // The flow keeps the whole on one page when it fits; otherwise it continues under a
        // repeated header, which never ends a page.
        rows[0].glue = Glue::Lines;
        (rows, Some(0))
    }
}

/// A filled diamond: one zigzag of horizontal strokes.
fn diamond(x: f64, y: f64, radius: f64, color: Color) -> Vec<Draw> {
    let mut points = Vec::new();
    let mut dy = -radius + 0.15;
    let mut left_to_right = true;
    while dy < radius {
        let half = (radius - dy.abs()).max(0.05);
        let (from, to) = if left_to_right {
            (x - half, x + half)
        } else {
            (x + half, x - half)
        };
        points.push((from, y + dy));
        points.push((to, y + dy));
        left_to_right = !left_to_right;
        dy += 0.25;
    }
    vec![Draw::Line { points, color }]
}

/// `text` cut with an ellipsis to fit `width` millimetres.
pub fn fit(cache: &FontCache, style: Style, text: &str, width: f64) -> String {
    if wrap::width(cache, style, text) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if wrap::width(cache, style, &candidate) <= width {
            return candidate;
        }
    }
    String::new()
}
