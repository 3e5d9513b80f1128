//! The document as one genpdf element that lays out its own blocks: it wraps text with the real
//! font widths, paginates up front (so it knows the page count for the footer), keeps headings
//! with what follows, repeats table headers after a page break, and draws the footer.

use genpdf::fonts::FontCache;
use genpdf::render::Area;
use genpdf::style::{Color, Style};
use genpdf::{Context, Element, Mm, Position, RenderResult};

use super::wrap::{self, Span};

/// Height reserved at the bottom of each page for the footer, in millimetres.
const FOOTER_BAND: f64 = 9.0;
/// Side of a tick box, in millimetres.
const BOX: f64 = 3.2;
/// Horizontal room taken by a tick box or a bullet before the text.
const MARKER_WIDTH: f64 = 6.0;
/// Padding inside table cells.
const CELL_PAD: f64 = 1.4;

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
    /// A filled rectangle (genpdf only strokes, so it is hatched with touching lines).
    Fill {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        color: Color,
    },
}

/// An unbreakable strip of the page.
#[derive(Debug, Clone)]
pub struct Row {
    pub height: f64,
    pub draws: Vec<Draw>,
    /// Keep this row on the same page as the next one.
    pub keep_with_next: bool,
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
            keep_with_next: false,
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
    /// A block that draws itself (the timeline).
    Drawn(Box<dyn Drawing>),
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
            for (y, row) in &page {
                paint(cache, &area, *y, row)?;
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
    let mut rows: Vec<Row> = Vec::new();
    let mut headers: Vec<Row> = Vec::new();
    for block in blocks {
        match block {
            Block::Text {
                spans,
                indent,
                keep,
            } => {
                let mut text_rows = text_rows(cache, &spans, indent, width - indent, None);
                if keep {
                    text_rows
                        .iter_mut()
                        .for_each(|row| row.keep_with_next = true);
                }
                rows.extend(text_rows);
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
                    .for_each(|row| row.keep_with_next = true);
                rows.extend(item);
            }
            Block::Bullet { spans, indent } => {
                rows.extend(text_rows(
                    cache,
                    &spans,
                    indent + MARKER_WIDTH * 0.7,
                    width - indent - MARKER_WIDTH * 0.7,
                    Some(Marker::Bullet(indent)),
                ));
            }
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
                    row.keep_with_next = index < last;
                }
                rows.extend(callout);
            }
            Block::Table(table) => {
                table_rows(cache, table, width, body_height, &mut rows, &mut headers)
            }
            Block::Drawn(drawing) => {
                let (drawn, header) = drawing.rows(cache, width);
                let header_index = header.map(|index| {
                    headers.push(drawn[index].clone());
                    headers.len() - 1
                });
                for (index, mut row) in drawn.into_iter().enumerate() {
                    if Some(index) != header {
                        row.header = header_index;
                    }
                    rows.push(row);
                }
            }
            Block::Space(height) => {
                let mut row = Row::new(height, Vec::new());
                row.spacer = true;
                row.keep_with_next = true;
                rows.push(row);
            }
            Block::Rule => rows.push(Row::new(
                2.0,
                vec![Draw::Line {
                    points: vec![(0.0, 1.0), (width, 1.0)],
                    color: Color::Greyscale(190),
                }],
            )),
        }
    }
    (rows, headers)
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
        row.keep_with_next = count <= 3 || index == 0 || index + 2 == count;
        if index + 1 == count {
            row.keep_with_next = false;
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
    rows: &mut Vec<Row>,
    headers: &mut Vec<Row>,
) {
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
    header.keep_with_next = true;
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
            row.keep_with_next = part + 1 < parts || index == 0 || index + 2 == count;
            if index + 1 == count && part + 1 == parts {
                row.keep_with_next = false;
            }
            rows.push(row);
        }
    }
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

/// Places rows on pages of `body_height` millimetres, moving each row to its page (a plan of
/// thousands of modules has hundreds of thousands of rows).
fn paginate(rows: Vec<Row>, headers: &[Row], body_height: f64) -> Vec<Vec<(f64, Row)>> {
    let mut pages: Vec<Vec<(f64, Row)>> = vec![Vec::new()];
    let mut y = 0.0;
    let mut rows = rows.into_iter();
    while let Some(first) = rows.next() {
        let mut group = vec![first];
        while group.last().is_some_and(|row| row.keep_with_next) {
            match rows.next() {
                Some(row) => group.push(row),
                None => break,
            }
        }
        let group_height: f64 = group.iter().map(|row| row.height).sum();
        if y > 0.0 && y + group_height > body_height && group_height <= body_height {
            pages.push(Vec::new());
            y = 0.0;
        }
        for row in group {
            if y > 0.0 && y + row.height > body_height {
                pages.push(Vec::new());
                y = 0.0;
            }
            if y == 0.0 {
                if row.spacer {
                    continue;
                }
                if let Some(header) = row.header.and_then(|h| headers.get(h)) {
                    if let Some(page) = pages.last_mut() {
                        page.push((0.0, header.clone()));
                    }
                    y += header.height;
                }
            }
            let height = row.height;
            if let Some(page) = pages.last_mut() {
                page.push((y, row));
            }
            y += height;
        }
    }
    pages.retain(|page| !page.is_empty());
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    pages
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
                // genpdf only strokes, with the default 1 pt (0.35 mm) line: one zigzag path of
                // horizontal strokes 0.3 mm apart covers the rectangle without gaps.
                let mut points = Vec::new();
                let mut line_y = y + 0.15;
                let mut left_to_right = true;
                while line_y < y + h - 0.1 {
                    let (from, to) = if left_to_right {
                        (*x, x + w)
                    } else {
                        (x + w, *x)
                    };
                    points.push(Position::new(Mm::from(from), Mm::from(top + line_y)));
                    points.push(Position::new(Mm::from(to), Mm::from(top + line_y)));
                    left_to_right = !left_to_right;
                    line_y += 0.3;
                }
                if !points.is_empty() {
                    area.draw_line(points, Style::new().with_color(*color));
                }
            }
        }
    }
    Ok(())
}
