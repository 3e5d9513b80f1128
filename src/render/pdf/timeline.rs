//! The drawn timeline: a bar per module and project phase across the months, one lane for
//! networking, and a lane of milestone marks. Month labels and marks are measured and placed so
//! that none is cut, none overlaps another and none reaches past the timeline's right edge.

use std::ops::Range;
use std::rc::Rc;

use chrono::NaiveDate;
use genpdf::fonts::FontCache;
use genpdf::style::{Color, Style};

use super::flow::{Draw, Drawing, Glue, Row, Verticals};
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

/// Font sizes of the month titles and their dates, in points, largest first.
const LABEL_SIZES: [(u8, u8); 2] = [(8, 7), (7, 6)];
/// Every month is labelled, or every second, third... month: the first of these that fits.
const LABEL_STEPS: [usize; 6] = [1, 2, 3, 4, 6, 12];
/// Space kept between two month labels, and between a label and a line it does not cross.
const LABEL_GAP: f64 = 1.0;
/// Half the width of a milestone's diamond, and of one that stands for several.
const MARK_RADIUS: f64 = 1.5;
const MERGED_RADIUS: f64 = 2.0;
/// The least distance between the centres of two marks: the wider diamond and a little air.
const MARK_SPACING: f64 = 2.0 * MERGED_RADIUS + 0.4;

pub struct MonthColumn {
    /// Labels from the longest to the shortest; the longest that fits every labelled month is
    /// drawn.
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

    /// Where each month begins, and where the last one ends.
    fn boundaries(&self, label_width: f64, bars_width: f64) -> Vec<f64> {
        self.months
            .iter()
            .map(|month| month.start)
            .chain(std::iter::once(self.end))
            .map(|date| self.x(label_width, bars_width, date))
            .collect()
    }

    /// The lines between months, and the plan's end, through every lane: the flow draws them
    /// once through the lanes on each page.
    fn grid(&self, label_width: f64, bars_width: f64) -> Rc<Verticals> {
        let mut lines: Vec<(f64, Color)> = self
            .boundaries(label_width, bars_width)
            .into_iter()
            .map(|x| (x, GRID))
            .collect();
        if let Some(date) = self.plan_end {
            lines.push((self.x(label_width, bars_width, date), PLAN_END));
        }
        Rc::new(Verticals { lines })
    }

    /// The month titles over their dates, whole: the longest labels at the largest size that
    /// fit side by side for every month, or else for every second, third... month. The lines
    /// between months, and the plan's end, are drawn where no label crosses them.
    fn header_row(&self, cache: &FontCache, label_width: f64, bars_width: f64) -> Row {
        let boundaries = self.boundaries(label_width, bars_width);
        let columns: Vec<(f64, f64)> = boundaries.windows(2).map(|w| (w[0], w[1])).collect();
        let bars = label_width..label_width + bars_width;
        let steps = LABEL_STEPS
            .into_iter()
            .chain(std::iter::once(self.months.len()));
        let labels = steps
            .filter(|step| *step > 0)
            .find_map(|step| {
                let mut titles = self.label_line(cache, &columns, &bars, step, true)?;
                titles.extend(self.label_line(cache, &columns, &bars, step, false)?);
                Some(titles)
            })
            .unwrap_or_default();
        let clear = |x: f64| {
            !labels
                .iter()
                .any(|label| label.x - LABEL_GAP / 2.0 < x && x < label.right() + LABEL_GAP / 2.0)
        };
        let mut draws: Vec<Draw> = boundaries
            .into_iter()
            .filter(|x| clear(*x))
            .map(|x| grid_line(x, HEADER_HEIGHT, GRID))
            .collect();
        if let Some(date) = self.plan_end {
            let x = self.x(label_width, bars_width, date);
            if clear(x) {
                draws.push(grid_line(x, HEADER_HEIGHT, PLAN_END));
            }
        }
        draws.extend(labels.into_iter().map(|label| Draw::Text {
            x: label.x,
            y: label.y,
            span: label.span,
        }));
        draws.push(Draw::Line {
            points: vec![
                (0.0, HEADER_HEIGHT),
                (label_width + bars_width, HEADER_HEIGHT),
            ],
            color: Color::Greyscale(120),
        });
        Row::new(HEADER_HEIGHT, draws)
    }

    /// One line of the header (the titles, or the dates under them) for every `step`-th month,
    /// in the first form and size at which the labels fit inside `bars` and apart from each
    /// other; `None` if they fit in none. A label is centred over its month when every month
    /// is labelled, and otherwise starts where its month starts.
    fn label_line(
        &self,
        cache: &FontCache,
        columns: &[(f64, f64)],
        bars: &Range<f64>,
        step: usize,
        titles: bool,
    ) -> Option<Vec<Label>> {
        let forms = [0, 1];
        let sizes = LABEL_SIZES.map(|(title, date)| if titles { title } else { date });
        forms.into_iter().find_map(|form| {
            sizes.into_iter().find_map(|size| {
                let mut labels: Vec<Label> = Vec::new();
                for (month, (left, right)) in self.months.iter().zip(columns).step_by(step) {
                    let (text, style, y) = if titles {
                        let style = self.label_style.bold().with_font_size(size);
                        let style = if month.overflow {
                            style.with_color(PLAN_END)
                        } else {
                            style
                        };
                        (&month.titles[form], style, 0.4)
                    } else {
                        let style = self.small_style.with_font_size(size);
                        (&month.subtitles[form], style, 4.3)
                    };
                    let width = wrap::width(cache, style, text);
                    let x = if step == 1 {
                        left + (right - left - width) / 2.0
                    } else {
                        left + LABEL_GAP / 2.0
                    };
                    let x = x.min(bars.end - width).max(bars.start);
                    let apart = labels
                        .last()
                        .is_none_or(|before| before.right() + LABEL_GAP <= x);
                    if !apart || x + width > bars.end {
                        return None;
                    }
                    labels.push(Label {
                        x,
                        y,
                        width,
                        span: Span::new(text.clone(), style),
                    });
                }
                Some(labels)
            })
        })
    }

    fn lane_row(
        &self,
        cache: &FontCache,
        lane: &Lane,
        grid: &Rc<Verticals>,
        label_width: f64,
        bars_width: f64,
    ) -> Row {
        let mut draws = Vec::new();
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
        for marker in self.markers(lane, label_width, bars_width) {
            draws.extend(marker.draws(cache, self.small_style, LANE_HEIGHT / 2.0));
        }
        let mut row = Row::new(LANE_HEIGHT, draws);
        row.verticals = Some(Rc::clone(grid));
        row
    }

    /// The lane's marks, each centred on its day, spread apart or merged where they would
    /// overlap.
    fn markers(&self, lane: &Lane, label_width: f64, bars_width: f64) -> Vec<Marker> {
        let half_day = bars_width / (self.end - self.start).num_days().max(1) as f64 / 2.0;
        let days: Vec<f64> = lane
            .marks
            .iter()
            .map(|date| self.x(label_width, bars_width, *date) + half_day)
            .collect();
        place_markers(&days, MARK_SPACING, label_width, label_width + bars_width)
    }

    fn legend_row(&self, cache: &FontCache, width: f64, merged: bool) -> Row {
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
        draws.extend(diamond(x + MARK_RADIUS, 2.9, MARK_RADIUS, MILESTONE));
        draws.push(Draw::Text {
            x: x + 4.5,
            y: 1.0,
            span: Span::new("Milestone", self.small_style),
        });
        x += 4.5 + wrap::width(cache, self.small_style, "Milestone") + 5.0;
        let mut height = 6.5;
        if merged {
            let text = "Milestones close together (the number says how many)";
            let mut y = 0.0;
            if x + 2.0 * MERGED_RADIUS + 1.5 + wrap::width(cache, self.small_style, text) > width {
                x = 0.0;
                y = 5.0;
                height += 5.0;
            }
            let sample = Marker {
                x: x + MERGED_RADIUS,
                count: 2,
            };
            draws.extend(sample.draws(cache, self.small_style, y + 2.9));
            draws.push(Draw::Text {
                x: x + 2.0 * MERGED_RADIUS + 1.5,
                y: y + 1.0,
                span: Span::new(text, self.small_style),
            });
        }
        Row::new(height, draws)
    }
}

impl Drawing for Timeline {
    fn rows(&self, cache: &FontCache, width: f64) -> (Vec<Row>, Option<usize>) {
        let label_width = (width * 0.3).min(58.0);
        let bars_width = width - label_width;
        let mut rows = vec![self.header_row(cache, label_width, bars_width)];
        let grid = self.grid(label_width, bars_width);
        rows.extend(
            self.lanes
                .iter()
                .map(|lane| self.lane_row(cache, lane, &grid, label_width, bars_width)),
        );
        let merged = self.lanes.iter().any(|lane| {
            self.markers(lane, label_width, bars_width)
                .iter()
                .any(|marker| marker.count > 1)
        });
        rows.push(self.legend_row(cache, width, merged));
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

fn grid_line(x: f64, height: f64, color: Color) -> Draw {
    Draw::Line {
        points: vec![(x, 0.0), (x, height)],
        color,
    }
}

/// A month title or date placed in the header.
struct Label {
    x: f64,
    y: f64,
    width: f64,
    span: Span,
}

impl Label {
    fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// A milestone mark: where its centre is, and how many milestones it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Marker {
    x: f64,
    count: usize,
}

impl Marker {
    /// A diamond, larger and with the count in white when it stands for several milestones.
    fn draws(self, cache: &FontCache, style: Style, y: f64) -> Vec<Draw> {
        if self.count < 2 {
            return diamond(self.x, y, MARK_RADIUS, MILESTONE);
        }
        let mut draws = diamond(self.x, y, MERGED_RADIUS, MILESTONE);
        let style = style
            .bold()
            .with_font_size(6)
            .with_color(Color::Rgb(255, 255, 255));
        let text = self.count.to_string();
        let width = wrap::width(cache, style, &text);
        let size = f64::from(style.font_size()) * 25.4 / 72.0;
        // genpdf sets the baseline one glyph height below the given top; a digit stands about
        // 0.72 em above the baseline, so its middle is 0.36 em higher.
        let glyph = f64::from(style.font(cache).glyph_height(style.font_size()));
        draws.push(Draw::Text {
            x: self.x - width / 2.0,
            y: y - glyph + 0.36 * size,
            span: Span::new(text, style),
        });
        draws
    }
}

/// Marks for milestones whose days are centred at `days` (millimetres, in any order), each
/// wholly between `left` and `right` with centres at least `spacing` apart. Milestones whose
/// marks would overlap by more than half share one mark that counts them. Other marks that
/// would overlap are spread apart, as long as that moves none further than `spacing` from its
/// day; where it would, the two closest are merged, until it would not.
fn place_markers(days: &[f64], spacing: f64, left: f64, right: f64) -> Vec<Marker> {
    let low = left + spacing / 2.0;
    let high = (right - spacing / 2.0).max(low);
    let mut days: Vec<f64> = days.iter().map(|day| day.clamp(low, high)).collect();
    days.sort_by(f64::total_cmp);
    // Each mark's milestones, as the sum of their days and how many there are.
    let mut groups: Vec<(f64, usize)> = Vec::new();
    let mut first_day = f64::NEG_INFINITY;
    for day in days {
        match groups.last_mut() {
            Some((sum, count)) if day - first_day < spacing / 2.0 => {
                *sum += day;
                *count += 1;
            }
            _ => {
                groups.push((day, 1));
                first_day = day;
            }
        }
    }
    let centres = loop {
        match spread(&groups, spacing, low, high) {
            Ok(centres) => break centres,
            Err(cluster) => {
                let gap = |index: &usize| centre(groups[index + 1]) - centre(groups[*index]);
                let Some(closest) = (cluster.start..cluster.end.saturating_sub(1))
                    .min_by(|a, b| gap(a).total_cmp(&gap(b)))
                else {
                    break groups.iter().map(|group| centre(*group)).collect();
                };
                let (sum, count) = groups.remove(closest + 1);
                groups[closest].0 += sum;
                groups[closest].1 += count;
            }
        }
    };
    centres
        .into_iter()
        .zip(groups)
        .map(|(x, (_, count))| Marker { x, count })
        .collect()
}

fn centre((sum, count): (f64, usize)) -> f64 {
    sum / count as f64
}

/// The marks' centres, `spacing` apart where they would be closer: each run of marks that
/// would touch is set side by side, centred on their days as nearly as `low` and `high` allow.
/// The error is the range of the first run that does not fit between them or would move a
/// mark further than `spacing`; it holds at least two marks.
fn spread(
    groups: &[(f64, usize)],
    spacing: f64,
    low: f64,
    high: f64,
) -> Result<Vec<f64>, Range<usize>> {
    // Runs of marks set side by side: the first mark, how many, and the first one's centre.
    let mut runs: Vec<(usize, usize, f64)> = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        runs.push((index, 1, centre(*group)));
        while let [.., (start, len, first), (_, next_len, next_first)] = runs[..] {
            if first + len as f64 * spacing <= next_first {
                break;
            }
            runs.pop();
            let len = len + next_len;
            let mean = groups[start..start + len]
                .iter()
                .enumerate()
                .map(|(offset, group)| centre(*group) - offset as f64 * spacing)
                .sum::<f64>()
                / len as f64;
            let first = mean.min(high - (len - 1) as f64 * spacing).max(low);
            if let Some(run) = runs.last_mut() {
                *run = (start, len, first);
            }
        }
    }
    let mut centres = Vec::with_capacity(groups.len());
    for (start, len, first) in runs {
        let placed = (0..len).map(|offset| first + offset as f64 * spacing);
        let fits = first + (len - 1) as f64 * spacing <= high + 1e-9;
        let near = placed
            .clone()
            .zip(&groups[start..start + len])
            .all(|(x, group)| (x - centre(*group)).abs() <= spacing);
        if !fits || !near {
            return Err(start..start + len);
        }
        centres.extend(placed);
    }
    Ok(centres)
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

#[cfg(test)]
mod tests {
    use super::*;

    const LEFT: f64 = 55.0;
    const RIGHT: f64 = 178.0;

    /// Places marks for `days` and checks what every placement must be: each mark wholly inside
    /// the timeline, no two closer than a mark's width, and every milestone counted once.
    fn placed(days: &[f64]) -> Vec<Marker> {
        let markers = place_markers(days, MARK_SPACING, LEFT, RIGHT);
        let counted: usize = markers.iter().map(|marker| marker.count).sum();
        assert_eq!(counted, days.len(), "{days:?}: {markers:?}");
        for marker in &markers {
            assert!(
                marker.x - MERGED_RADIUS >= LEFT - 1e-9 && marker.x + MERGED_RADIUS <= RIGHT + 1e-9,
                "{days:?}: {marker:?} is not inside the timeline"
            );
        }
        for pair in markers.windows(2) {
            assert!(
                pair[1].x - pair[0].x >= MARK_SPACING - 1e-9,
                "{days:?}: {pair:?} overlap"
            );
        }
        markers
    }

    #[test]
    fn marks_of_the_same_days_at_the_right_edge_are_one_mark_inside_it() {
        let markers = placed(&[RIGHT - 0.4, RIGHT - 0.1, RIGHT + 0.2]);
        assert_eq!(markers.len(), 1, "{markers:?}");
        assert_eq!(markers[0].count, 3);
        assert!((markers[0].x - (RIGHT - MARK_SPACING / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn marks_a_few_days_apart_are_spread_around_their_days() {
        let markers = placed(&[100.0, 103.0, 120.0]);
        assert_eq!(
            markers
                .iter()
                .map(|marker| marker.count)
                .collect::<Vec<_>>(),
            [1, 1, 1]
        );
        assert!(
            (markers[0].x + markers[1].x - 203.0).abs() < 1e-9,
            "{markers:?}"
        );
        assert_eq!(markers[2].x, 120.0);
    }

    #[test]
    fn a_crowd_of_marks_is_merged_until_the_rest_can_be_spread() {
        let days: Vec<f64> = (0..14).map(|day| 150.0 + f64::from(day) * 1.5).collect();
        let markers = placed(&days);
        assert!(
            markers.len() > 1 && markers.len() < days.len(),
            "{markers:?}"
        );
    }

    #[test]
    fn no_marks_no_markers() {
        assert!(placed(&[]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_marks_are_placed_inside_and_apart(
            days in proptest::collection::vec(LEFT - 10.0..RIGHT + 10.0, 0..60)
        ) {
            placed(&days);
        }
    }
}
