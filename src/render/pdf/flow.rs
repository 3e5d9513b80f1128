//! The document as one genpdf element that lays out its own blocks: it wraps text with the real
//! font widths, paginates up front (so it knows the page count for the footer), keeps headings
//! with what follows and short lists and blocks on one page, repeats table headers after a page
//! break, and draws the footer.

use std::collections::VecDeque;
use std::rc::Rc;

use genpdf::fonts::FontCache;
use genpdf::render::Area;
use genpdf::style::{Color, Style};
use genpdf::{Context, Element, Mm, Position, RenderResult, Size};

use super::wrap::{self, Span};

/// Height reserved at the bottom of each page for the footer, in millimetres.
const FOOTER_BAND: f64 = 9.0;
/// Side of a tick box, in millimetres.
const BOX: f64 = 3.2;
/// Horizontal room taken by a tick box or a bullet before the text.
const MARKER_WIDTH: f64 = 6.0;
/// Padding inside table cells.
const CELL_PAD: f64 = 1.4;
/// A list of up to this many items is kept on one page.
const SHORT_LIST_ITEMS: usize = 6;
/// A list shorter than this part of a page is kept on one page, however many items it has.
const SHORT_LIST_PAGE_SHARE: f64 = 1.0 / 3.0;

/// Something to draw, in millimetres relative to the top-left corner of its row.
#[derive(Debug, Clone)]
pub enum Draw {
    /// Text whose line box starts at `y`.
    Text { x: f64, y: f64, span: Span },
    /// A stroked polyline.
    Line {
        points: Vec<(f64, f64)>,
        color: Color,
    },
    /// A filled rectangle.
    Fill {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        color: Color,
    },
}

/// How firmly a row holds on to the next one. A page ends after the last row that fits, unless
/// a row before it holds on more loosely: then after the last of those (see [`paginate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Glue {
    /// A page may end here.
    Free,
    /// Inside a block that is kept on one page because it fits on one: a short list, a week of
    /// the schedule, the timeline.
    Block,
    /// Lines that belong together: a heading and the two lines after it, a short paragraph, the
    /// first and last two lines of a long one, the first and last two items of a long list.
    Lines,
}

/// Vertical lines through the rows of a block (the timeline's months), drawn once through each
/// run of consecutive rows on a page that share them, from the top of the first row to the
/// bottom of the last, under what the rows draw. Drawn row by row, they were most of a large
/// timeline's operations, and printpdf holds every operation in memory until the file is
/// written.
#[derive(Debug)]
pub struct Verticals {
    /// Where each line is, across the row, and its color, in the order they are drawn.
    pub lines: Vec<(f64, Color)>,
}

/// An unbreakable strip of the page.
#[derive(Debug, Clone)]
pub struct Row {
    pub height: f64,
    pub draws: Vec<Draw>,
    /// Lines the row shares with the rows around it (the same `Rc` for the whole block).
    pub verticals: Option<Rc<Verticals>>,
    /// How firmly this row holds on to the next one.
    pub glue: Glue,
    /// Vertical space only: dropped at the top of a page.
    pub spacer: bool,
    /// The header row to repeat when this row starts a page (tables, the timeline).
    pub header: Option<usize>,
}

impl Row {
    pub fn new(height: f64, draws: Vec<Draw>) -> Row {
        Row {
            height,
            draws,
            verticals: None,
            glue: Glue::Free,
            spacer: false,
            header: None,
        }
    }
}

/// A piece of content, before layout.
pub enum Block {
    /// A paragraph; `keep` keeps it whole and with what follows (headings).
    Text {
        spans: Vec<Span>,
        indent: f64,
        keep: bool,
    },
    /// A paragraph with a tick box before it.
    Check {
        spans: Vec<Span>,
        indent: f64,
    },
    /// A paragraph with a bullet before it.
    Bullet {
        spans: Vec<Span>,
        indent: f64,
    },
    /// A paragraph set off by a coloured bar on its left.
    Callout {
        spans: Vec<Span>,
        color: Color,
    },
    Table(Table),
    /// A block that draws itself (the timeline), kept on one page when it fits on one.
    Drawn(Box<dyn Drawing>),
    /// Blocks kept on one page when they fit on one (a week of the schedule).
    Together(Vec<Block>),
    /// Vertical space that glues to what follows.
    Space(f64),
    /// A thin full-width line.
    Rule,
}

/// A block that lays itself out as rows once the width is known.
pub trait Drawing {
    /// The rows, and which of them (if any) to repeat at the top of a page it continues on.
    fn rows(&self, cache: &FontCache, width: f64) -> (Vec<Row>, Option<usize>);
}

/// A table with a header row; `tick` adds a narrow first column of tick boxes.
pub struct Table {
    pub weights: Vec<f64>,
    pub header: Vec<Span>,
    pub rows: Vec<Vec<Vec<Span>>>,
    pub tick: bool,
}

/// The footer's text: left part, and the page number is added on the right.
pub struct Footer {
    pub text: String,
    pub style: Style,
}

pub struct Flow {
    blocks: Vec<Block>,
    footer: Footer,
    pages: Vec<Vec<(f64, Row)>>,
    next_page: usize,
}

impl Flow {
    pub fn new(blocks: Vec<Block>, footer: Footer) -> Flow {
        Flow {
            blocks,
            footer,
            pages: Vec::new(),
            next_page: 0,
        }
    }
}

impl Element for Flow {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        _style: Style,
    ) -> Result<RenderResult, genpdf::error::Error> {
        let cache = &context.font_cache;
        let size = area.size();
        if self.pages.is_empty() {
            let blocks = std::mem::take(&mut self.blocks);
            let width = f64::from(size.width);
            let body_height = f64::from(size.height) - FOOTER_BAND;
            let (rows, headers) = layout(cache, blocks, width, body_height);
            self.pages = paginate(rows, &headers, body_height);
        }
        let total = self.pages.len();
        let index = self.next_page;
        // A page's rows are dropped once drawn: the drawing holds what they said.
        if let Some(page) = self.pages.get_mut(index).map(std::mem::take) {
            for run in page.chunk_by(|(_, above), (_, below)| share_verticals(above, below)) {
                paint_verticals(cache, &area, run)?;
                for (y, row) in run {
                    paint(cache, &area, *y, row)?;
                }
            }
            self.paint_footer(cache, &area, index + 1, total)?;
        }
        self.next_page += 1;
        Ok(RenderResult {
            size,
            has_more: self.next_page < total,
        })
    }
}

impl Flow {
    fn paint_footer(
        &self,
        cache: &FontCache,
        area: &Area<'_>,
        page: usize,
        total: usize,
    ) -> Result<(), genpdf::error::Error> {
        let width = f64::from(area.size().width);
        let top = f64::from(area.size().height) - FOOTER_BAND + 3.0;
        let number = format!("Page {page} of {total}");
        let number_width = wrap::width(cache, self.footer.style, &number);
        let mut text = self.footer.text.clone();
        let room = width - number_width - 6.0;
        if wrap::width(cache, self.footer.style, &text) > room {
            while !text.is_empty()
                && wrap::width(cache, self.footer.style, &format!("{text}…")) > room
            {
                text.pop();
            }
            text = format!("{}…", text.trim_end());
        }
        let mut draws = vec![Draw::Line {
            points: vec![(0.0, 0.0), (width, 0.0)],
            color: Color::Greyscale(170),
        }];
        draws.push(Draw::Text {
            x: 0.0,
            y: 1.2,
            span: Span::new(text, self.footer.style),
        });
        draws.push(Draw::Text {
            x: width - number_width,
            y: 1.2,
            span: Span::new(number, self.footer.style),
        });
        paint(cache, area, top, &Row::new(FOOTER_BAND - 3.0, draws))
    }
}

/// Turns blocks into rows, and collects the rows to repeat at the top of a page.
fn layout(
    cache: &FontCache,
    blocks: Vec<Block>,
    width: f64,
    body_height: f64,
) -> (Vec<Row>, Vec<Row>) {
    let mut layout = Layout {
        cache,
        width,
        body_height,
        rows: Vec::new(),
        headers: Vec::new(),
        list: None,
        after_heading: AfterHeading::Nothing,
    };
    for block in blocks {
        layout.block(block);
    }
    layout.end_list();
    (layout.rows, layout.headers)
}

/// The rows laid out so far, and what the rows still to come must hold on to.
struct Layout<'c> {
    cache: &'c FontCache,
    width: f64,
    body_height: f64,
    rows: Vec<Row>,
    headers: Vec<Row>,
    /// The list whose items are being laid out.
    list: Option<List>,
    after_heading: AfterHeading,
}

/// A run of bullets, or of tick boxes.
struct List {
    ticked: bool,
    /// The index of each item's first row.
    items: Vec<usize>,
}

/// How many lines came after the last heading, while they are fewer than two.
enum AfterHeading {
    Nothing,
    /// The heading, and no line after it yet.
    Heading,
    /// One line after the heading, starting at this row.
    FirstLine(usize),
}

impl Layout<'_> {
    fn block(&mut self, block: Block) {
        let ticked = match &block {
            Block::Bullet { .. } => Some(false),
            Block::Check { .. } => Some(true),
            _ => None,
        };
        if self.list.as_ref().map(|list| list.ticked) != ticked {
            self.end_list();
        }
        let start = self.rows.len();
        if let Some(ticked) = ticked {
            self.list
                .get_or_insert_with(|| List {
                    ticked,
                    items: Vec::new(),
                })
                .items
                .push(start);
        }
        let heading = matches!(block, Block::Text { keep: true, .. });
        for row in self.rows_of(block) {
            if !heading && !row.spacer {
                self.count_line_after_heading();
            }
            self.rows.push(row);
        }
        if heading {
            self.after_heading = AfterHeading::Heading;
        }
    }

    /// Notes that the next row is a line; when it is the second after a heading, the heading
    /// already holds on to the first, and the first now holds on to it.
    fn count_line_after_heading(&mut self) {
        match self.after_heading {
            AfterHeading::Nothing => {}
            AfterHeading::Heading => self.after_heading = AfterHeading::FirstLine(self.rows.len()),
            AfterHeading::FirstLine(first) => {
                for row in &mut self.rows[first..] {
                    row.glue = row.glue.max(Glue::Lines);
                }
                self.after_heading = AfterHeading::Nothing;
            }
        }
    }

    /// Ends the list being laid out, if any: a short one is kept on one page; a long one may
    /// break, but never leaves its first or its last item alone on a page.
    fn end_list(&mut self) {
        let Some(List { items, .. }) = self.list.take() else {
            return;
        };
        let start = items[0];
        let height: f64 = self.rows[start..].iter().map(|row| row.height).sum();
        if items.len() <= SHORT_LIST_ITEMS || height < self.body_height * SHORT_LIST_PAGE_SHARE {
            keep_together(&mut self.rows[start..], self.body_height);
        } else {
            // The last row of the first item, and of the one before last.
            for end in [items[1] - 1, items[items.len() - 1] - 1] {
                self.rows[end].glue = self.rows[end].glue.max(Glue::Lines);
            }
        }
    }

    /// The rows of one block, to add after the rows laid out so far.
    fn rows_of(&mut self, block: Block) -> Vec<Row> {
        let (cache, width) = (self.cache, self.width);
        match block {
            Block::Text {
                spans,
                indent,
                keep,
            } => {
                let mut rows = text_rows(cache, &spans, indent, width - indent, None);
                if keep {
                    rows.iter_mut().for_each(|row| row.glue = Glue::Lines);
                }
                rows
            }
            Block::Check { spans, indent } => {
                let mut item = text_rows(
                    cache,
                    &spans,
                    indent + MARKER_WIDTH,
                    width - indent - MARKER_WIDTH,
                    Some(Marker::Tick(indent)),
                );
                let last = item.len().saturating_sub(1);
                item.iter_mut()
                    .take(last)
                    .for_each(|row| row.glue = Glue::Lines);
                item
            }
            Block::Bullet { spans, indent } => text_rows(
                cache,
                &spans,
                indent + MARKER_WIDTH * 0.7,
                width - indent - MARKER_WIDTH * 0.7,
                Some(Marker::Bullet(indent)),
            ),
            Block::Callout { spans, color } => {
                let mut callout = text_rows(cache, &spans, 4.0, width - 4.0, None);
                let last = callout.len().saturating_sub(1);
                for (index, row) in callout.iter_mut().enumerate() {
                    // Each row's piece of the bar reaches into the next, so that rounding in
                    // the viewer leaves no hairline gaps between them.
                    let overlap = if index < last { 0.4 } else { 0.0 };
                    row.draws.push(Draw::Fill {
                        x: 0.0,
                        y: 0.0,
                        w: 1.6,
                        h: row.height + overlap,
                        color,
                    });
                    if index < last {
                        row.glue = Glue::Lines;
                    }
                }
                callout
            }
            Block::Table(table) => {
                table_rows(cache, table, width, self.body_height, &mut self.headers)
            }
            Block::Drawn(drawing) => {
                let (mut drawn, header) = drawing.rows(cache, width);
                let header_index = header.map(|index| {
                    self.headers.push(drawn[index].clone());
                    self.headers.len() - 1
                });
                for (index, row) in drawn.iter_mut().enumerate() {
                    if Some(index) != header {
                        row.header = header_index;
                    }
                }
                keep_together(&mut drawn, self.body_height);
                drawn
            }
            Block::Together(blocks) => {
                // Laid out in place, each after the rows before it, so nothing is left to add.
                let start = self.rows.len();
                for block in blocks {
                    self.block(block);
                }
                self.end_list();
                keep_together(&mut self.rows[start..], self.body_height);
                Vec::new()
            }
            Block::Space(height) => {
                let mut row = Row::new(height, Vec::new());
                row.spacer = true;
                row.glue = Glue::Lines;
                vec![row]
            }
            Block::Rule => vec![Row::new(
                2.0,
                vec![Draw::Line {
                    points: vec![(0.0, 1.0), (width, 1.0)],
                    color: Color::Greyscale(190),
                }],
            )],
        }
    }
}

/// Keeps `rows` on one page when they fit on one: each holds on to the next at least as part
/// of a block. A block taller than a page keeps only the glue its rows had.
fn keep_together(rows: &mut [Row], body_height: f64) {
    let height: f64 = rows.iter().map(|row| row.height).sum();
    if height > body_height {
        return;
    }
    if let Some((_, held)) = rows.split_last_mut() {
        for row in held {
            row.glue = row.glue.max(Glue::Block);
        }
    }
}

#[derive(Clone, Copy)]
enum Marker {
    Tick(f64),
    Bullet(f64),
}

/// One row per line. Paragraphs of up to three lines stay whole; longer ones never leave a
/// single line alone at the bottom or the top of a page.
fn text_rows(
    cache: &FontCache,
    spans: &[Span],
    x: f64,
    width: f64,
    marker: Option<Marker>,
) -> Vec<Row> {
    let lines = wrap::wrap(cache, spans, width);
    let count = lines.len();
    let mut rows = Vec::with_capacity(count);
    for (index, line) in lines.into_iter().enumerate() {
        let height = line_height(cache, &line);
        // The marker is drawn first, so that text extraction and screen readers meet it
        // before the line it marks.
        let mut draws = Vec::new();
        if index == 0 {
            match marker {
                Some(Marker::Tick(at)) => draws.extend(tick_box(at + 0.3, (height - BOX) / 2.0)),
                Some(Marker::Bullet(at)) => {
                    if let Some(style) = spans.first().map(|span| span.style) {
                        draws.push(Draw::Text {
                            x: at + 1.0,
                            y: 0.0,
                            span: Span::new("•", style.and(Color::Greyscale(90))),
                        });
                    }
                }
                None => {}
            }
        }
        draws.extend(line_draws(cache, line, x, 0.0));
        let mut row = Row::new(height, draws);
        let last = index + 1 == count;
        if !last && (count <= 3 || index == 0 || index + 2 == count) {
            row.glue = Glue::Lines;
        }
        rows.push(row);
    }
    rows
}

fn line_height(cache: &FontCache, line: &[Span]) -> f64 {
    line.iter()
        .map(|span| f64::from(span.style.line_height(cache)))
        .fold(0.0, f64::max)
}

fn line_draws(cache: &FontCache, line: Vec<Span>, x: f64, y: f64) -> Vec<Draw> {
    let mut draws = Vec::with_capacity(line.len());
    let mut x = x;
    for span in line {
        let advance = wrap::width(cache, span.style, &span.text);
        draws.push(Draw::Text { x, y, span });
        x += advance;
    }
    draws
}

pub fn tick_box(x: f64, y: f64) -> Vec<Draw> {
    vec![Draw::Line {
        points: vec![
            (x, y),
            (x + BOX, y),
            (x + BOX, y + BOX),
            (x, y + BOX),
            (x, y),
        ],
        color: Color::Greyscale(60),
    }]
}

fn table_rows(
    cache: &FontCache,
    table: Table,
    width: f64,
    body_height: f64,
    headers: &mut Vec<Row>,
) -> Vec<Row> {
    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    let tick_width = if table.tick { MARKER_WIDTH + 1.0 } else { 0.0 };
    let total: f64 = table.weights.iter().sum::<f64>().max(f64::EPSILON);
    let mut columns = Vec::with_capacity(table.weights.len());
    let mut x = tick_width;
    for weight in &table.weights {
        let w = (width - tick_width) * weight / total;
        columns.push((x, w));
        x += w;
    }
    let cell_lines = |cells: &[Vec<Span>]| -> Vec<Vec<Vec<Span>>> {
        columns
            .iter()
            .zip(cells.iter().chain(std::iter::repeat(&Vec::new())))
            .map(|((_, w), cell)| wrap::wrap(cache, cell, (w - 2.0 * CELL_PAD).max(1.0)))
            .collect()
    };

    let header_lines = cell_lines(
        &table
            .header
            .iter()
            .map(|span| vec![span.clone()])
            .collect::<Vec<_>>(),
    );
    let header_height = cells_height(cache, &header_lines) + 2.0 * CELL_PAD;
    let mut header = Row::new(
        header_height,
        vec![Draw::Fill {
            x: 0.0,
            y: 0.0,
            w: width,
            h: header_height,
            color: Color::Rgb(228, 234, 242),
        }],
    );
    header
        .draws
        .extend(cells_draws(cache, &columns, header_lines, 0));
    header.glue = Glue::Lines;
    headers.push(header.clone());
    let header_index = headers.len() - 1;
    rows.push(header);

    // A row taller than half a page is cut into parts at line boundaries.
    let max_lines = ((body_height * 0.5) / 5.0).floor().max(1.0) as usize;
    let count = table.rows.len();
    for (index, cells) in table.rows.into_iter().enumerate() {
        let lines = cell_lines(&cells);
        let parts = lines
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .div_ceil(max_lines)
            .max(1);
        for part in 0..parts {
            let slice: Vec<Vec<Vec<Span>>> = lines
                .iter()
                .map(|cell| {
                    cell.iter()
                        .skip(part * max_lines)
                        .take(max_lines)
                        .cloned()
                        .collect()
                })
                .collect();
            let height = cells_height(cache, &slice).max(BOX) + 2.0 * CELL_PAD;
            let mut draws = Vec::new();
            if table.tick && part == 0 {
                draws.extend(tick_box(1.0, CELL_PAD + 0.3));
            }
            draws.extend(cells_draws(cache, &columns, slice, 0));
            if part + 1 == parts {
                draws.push(Draw::Line {
                    points: vec![(0.0, height), (width, height)],
                    color: Color::Greyscale(200),
                });
            }
            let mut row = Row::new(height, draws);
            row.header = Some(header_index);
            let last = index + 1 == count && part + 1 == parts;
            if !last && (part + 1 < parts || index == 0 || index + 2 == count) {
                row.glue = Glue::Lines;
            }
            rows.push(row);
        }
    }
    rows
}

fn cells_height(cache: &FontCache, cells: &[Vec<Vec<Span>>]) -> f64 {
    cells
        .iter()
        .map(|lines| {
            lines
                .iter()
                .map(|line| line_height(cache, line))
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

fn cells_draws(
    cache: &FontCache,
    columns: &[(f64, f64)],
    cells: Vec<Vec<Vec<Span>>>,
    _row: usize,
) -> Vec<Draw> {
    let mut draws = Vec::new();
    for ((x, _), lines) in columns.iter().zip(cells) {
        let mut y = CELL_PAD;
        for line in lines {
            let height = line_height(cache, &line);
            draws.extend(line_draws(cache, line, x + CELL_PAD, y));
            y += height;
        }
    }
    draws
}

/// Places rows on pages of `body_height` millimetres. A page ends after the row that holds on
/// to the next most loosely, of the rows that fit, and of those after the last: so it breaks
/// where it may ([`Glue::Free`]) as late as it can; only when it may not break anywhere does a
/// block that fits on no page give way, and then lines. Space at the top of a page is dropped;
/// a table or the timeline continued on a page starts under its header row again.
fn paginate(rows: Vec<Row>, headers: &[Row], body_height: f64) -> Vec<Vec<(f64, Row)>> {
    // Rows are moved onto their pages, not copied: a plan from a catalog of thousands of
    // modules has hundreds of thousands of them.
    let mut rows: VecDeque<Row> = rows.into();
    let mut pages: Vec<Vec<(f64, Row)>> = Vec::new();
    loop {
        while rows.front().is_some_and(|row| row.spacer) {
            rows.pop_front();
        }
        let Some(first) = rows.front() else {
            break;
        };
        let mut page = Vec::new();
        let mut y = 0.0;
        if let Some(header) = first.header.and_then(|index| headers.get(index)) {
            page.push((0.0, header.clone()));
            y = header.height;
        }
        // The rows that fit, and always the first, however tall.
        let mut end = 1;
        let mut bottom = y + first.height;
        while let Some(row) = rows.get(end)
            && bottom + row.height <= body_height
        {
            bottom += row.height;
            end += 1;
        }
        let last = if end == rows.len() {
            end - 1
        } else {
            // The latest of the loosest: `min_by_key` keeps the first minimum it meets.
            (0..end)
                .rev()
                .min_by_key(|index| rows[*index].glue)
                .unwrap_or(0)
        };
        for row in rows.drain(..=last) {
            let height = row.height;
            page.push((y, row));
            y += height;
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
}

fn share_verticals(above: &Row, below: &Row) -> bool {
    match (&above.verticals, &below.verticals) {
        (Some(above), Some(below)) => Rc::ptr_eq(above, below),
        _ => false,
    }
}

/// The vertical lines of a run of rows that share them, from the run's top to its bottom.
fn paint_verticals(
    cache: &FontCache,
    area: &Area<'_>,
    run: &[(f64, Row)],
) -> Result<(), genpdf::error::Error> {
    let (Some((top, first)), Some((last_top, last))) = (run.first(), run.last()) else {
        return Ok(());
    };
    let Some(verticals) = &first.verticals else {
        return Ok(());
    };
    let height = last_top + last.height - top;
    let draws = verticals
        .lines
        .iter()
        .map(|&(x, color)| Draw::Line {
            points: vec![(x, 0.0), (x, height)],
            color,
        })
        .collect();
    paint(cache, area, *top, &Row::new(height, draws))
}

fn paint(
    cache: &FontCache,
    area: &Area<'_>,
    top: f64,
    row: &Row,
) -> Result<(), genpdf::error::Error> {
    for draw in &row.draws {
        match draw {
            Draw::Text { x, y, span } => {
                let position = Position::new(Mm::from(*x), Mm::from(top + y));
                area.print_str(cache, position, span.style, &span.text)?;
            }
            Draw::Line { points, color } => {
                let points = points
                    .iter()
                    .map(|(x, y)| Position::new(Mm::from(*x), Mm::from(top + y)))
                    .collect();
                area.draw_line(points, Style::new().with_color(*color));
            }
            Draw::Fill { x, y, w, h, color } => {
                let corner = Position::new(Mm::from(*x), Mm::from(top + y));
                area.fill_rect(corner, Size::new(*w, *h), *color);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(glues: &[Glue]) -> Vec<Row> {
        glues
            .iter()
            .map(|glue| {
                let mut row = Row::new(10.0, Vec::new());
                row.glue = *glue;
                row
            })
            .collect()
    }

    /// How many rows each page holds.
    fn counts(pages: &[Vec<(f64, Row)>]) -> Vec<usize> {
        pages.iter().map(Vec::len).collect()
    }

    #[test]
    fn a_page_ends_at_the_last_free_row_that_fits() {
        use Glue::{Block, Free, Lines};
        // Five rows fit; the fourth holds on to the fifth, which holds on as a block.
        let pages = paginate(rows(&[Free, Free, Free, Lines, Block, Free]), &[], 50.0);
        assert_eq!(counts(&pages), [3, 3]);
        // Nowhere free: a block gives way before lines do.
        let pages = paginate(rows(&[Lines, Block, Lines, Lines, Free]), &[], 30.0);
        assert_eq!(counts(&pages), [2, 3]);
        // Nothing but lines: the page is filled.
        let pages = paginate(rows(&[Lines, Lines, Lines, Free]), &[], 30.0);
        assert_eq!(counts(&pages), [3, 1]);
    }

    #[test]
    fn a_continued_table_repeats_its_header_and_space_at_the_top_is_dropped() {
        let mut all = rows(&[Glue::Free; 5]);
        all[2].spacer = true;
        all[3].header = Some(0);
        all[4].header = Some(0);
        let header = Row::new(4.0, Vec::new());
        let pages = paginate(all, std::slice::from_ref(&header), 24.0);
        assert_eq!(counts(&pages), [2, 3]);
        let tops: Vec<f64> = pages[1].iter().map(|(y, _)| *y).collect();
        assert_eq!(tops, [0.0, 4.0, 14.0]);
    }

    #[test]
    fn a_block_is_kept_together_only_when_it_fits_on_a_page() {
        let mut short = rows(&[Glue::Free, Glue::Lines, Glue::Free]);
        keep_together(&mut short, 30.0);
        let glues: Vec<Glue> = short.iter().map(|row| row.glue).collect();
        assert_eq!(glues, [Glue::Block, Glue::Lines, Glue::Free]);
        let mut tall = rows(&[Glue::Free, Glue::Lines, Glue::Free]);
        keep_together(&mut tall, 29.0);
        let glues: Vec<Glue> = tall.iter().map(|row| row.glue).collect();
        assert_eq!(glues, [Glue::Free, Glue::Lines, Glue::Free]);
    }
}
