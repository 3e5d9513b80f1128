//! Structural checks of the PDF, read back with lopdf and pdf-extract: it parses, holds the
//! plan's text, embeds its fonts, survives hostile text, honours the paper size and carries the
//! time it was made; `layout` checks how the pages break.

#[path = "../support/mod.rs"]
mod support;

mod layout;

use std::collections::BTreeMap;

use chrono::Duration;
use pivot::plan::ItemKind;
use pivot::render::pdf::{Fonts, render, render_with_warnings};
use pivot::render::{Paper, RenderOptions};

use support::{TestProfile, options};

fn on(paper: Paper) -> RenderOptions {
    RenderOptions { paper, ..options() }
}

fn text_of(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("text extraction works on our PDF")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the PDF parses")
}

#[test]
fn holds_the_plan_text_on_a_sane_number_of_pages() {
    let plan = support::plan();
    let (bytes, warnings) = render_with_warnings(&plan, &options()).expect("renders");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(bytes.starts_with(b"%PDF-"));
    let count = pages(&bytes).get_pages().len();
    assert!((4..=30).contains(&count), "{count} pages");
    let text = text_of(&bytes);
    for expected in [
        plan.name.as_str(),
        &plan.target_role_title,
        &plan.background_title,
        "Summary",
        "Timeline",
        "Portfolio project",
        "Networking plan",
        "Resources",
        "What to expect in your first AI job",
        "Beyond this plan",
        &format!("Page {count} of {count}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    for month in &plan.months {
        assert!(
            text.contains(&format!("Month {}:", month.index)),
            "missing the heading of month {}",
            month.index
        );
    }
    let squeezed = squeeze(&text);
    assert!(squeezed.contains(&squeeze(&plan.feasibility.message)));
    assert!(squeezed.contains(&squeeze("Matches your interest in nlp.")));
    // Each self-check is listed once, under its month, not repeated under its milestone.
    let modules = plan
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Module);
    for question in modules.filter_map(|item| item.self_check.as_deref()) {
        assert_eq!(
            squeezed.matches(&squeeze(question)).count(),
            1,
            "{question}"
        );
    }
}

#[test]
fn embeds_its_fonts_and_draws_only_with_them() {
    let bytes = render(&support::plan(), &options()).expect("renders");
    let document = pages(&bytes);
    let embedded = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.has(b"FontFile2"))
        .count();
    assert_eq!(
        embedded, 3,
        "the regular, bold and italic faces are embedded"
    );
    let info = document
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| document.get_dictionary(id))
        .expect("document info");
    assert!(
        info.has(b"Title") && !info.has(b"GTS_PDFXVersion"),
        "a title and no PDF/X claim"
    );
    let mut italic_drawn = false;
    for page in document.get_pages().values() {
        let fonts: Vec<Vec<u8>> = document
            .get_page_fonts(*page)
            .expect("page fonts")
            .into_keys()
            .collect();
        assert_eq!(
            fonts,
            vec![b"F0".to_vec(), b"F1".to_vec(), b"F2".to_vec()],
            "only the embedded faces are listed"
        );
        let content = document.get_page_content(*page).expect("page content");
        let text = String::from_utf8_lossy(&content);
        assert!(text.contains(" Tf"), "the page draws text");
        assert!(
            !text.contains("Oblique"),
            "the unembedded bold-italic slot is never drawn with"
        );
        italic_drawn |= text.contains("/F2 ");
    }
    assert!(italic_drawn, "the self-checks are set in italics");
}

#[test]
fn paper_sizes() {
    let plan = support::plan();
    for (paper, width, height) in [(Paper::A4, 595.3, 841.9), (Paper::Letter, 612.0, 792.0)] {
        let bytes = render(&plan, &on(paper)).expect("renders");
        let document = pages(&bytes);
        for page in document.get_pages().values() {
            let dict = document.get_dictionary(*page).expect("page dictionary");
            let media: Vec<f64> = dict
                .get(b"MediaBox")
                .and_then(lopdf::Object::as_array)
                .expect("MediaBox")
                .iter()
                .map(|n| n.as_float().map(f64::from).expect("number"))
                .collect();
            assert!(
                (media[2] - width).abs() < 1.0 && (media[3] - height).abs() < 1.0,
                "{paper:?}: {media:?}"
            );
        }
    }
}

#[test]
fn the_creation_date_is_the_given_now() {
    let plan = support::plan();
    let bytes = render(&plan, &options()).expect("renders");
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("/CreationDate(D:20270101000000"),
        "creation date is the given time"
    );
    let mut later = options();
    later.now += Duration::days(1);
    assert!(
        render(&plan, &later).expect("renders") != bytes,
        "the date is in the file"
    );
}

/// Letters the fonts lack are written in Latin letters, signs they lack become `?`, invisible
/// and control characters are dropped, and one warning names what changed.
#[test]
fn hostile_text_is_transliterated_or_replaced_with_one_warning() {
    let plan = support::hostile();
    let (bytes, warnings) = render_with_warnings(&plan, &options()).expect("renders");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("U+1F600") && warnings[0].contains("U+5317"),
        "{}",
        warnings[0]
    );
    let text = text_of(&bytes);
    assert!(
        text.contains("Wei Bei Jing ? Zhang"),
        "name as written: {:?}",
        text.lines().find(|l| l.contains("Wei"))
    );
    assert!(!text.contains('\u{7}') && !text.contains('\u{200d}'));
}

#[test]
fn a_word_wider_than_the_line_is_broken_not_dropped() {
    let plan = support::hostile();
    // The hostile catalog ends every self-check with the long word; each is listed once.
    let listed: usize = plan.months.iter().map(|m| m.self_checks.len()).sum();
    assert!(listed > 0);
    let text = squeeze(&text_of(&render(&plan, &options()).expect("renders")));
    assert_eq!(
        text.matches(&support::long_word()).count(),
        listed,
        "the long word is there in full, once for each self-check"
    );
}

/// The sparest plan the scheduler makes: no domain, no slots, every module already done.
#[test]
fn a_plan_with_every_module_done_still_renders() {
    let plan = TestProfile {
        domain: None,
        slots: Vec::new(),
        done: vec!["data-handling", "maths", "ml-fundamentals", "deployment"],
        ..TestProfile::default()
    }
    .plan();
    let bytes = render(&plan, &on(Paper::Letter)).expect("renders");
    let count = pages(&bytes).get_pages().len();
    let text = text_of(&bytes);
    assert!(text.contains(&format!("Page {count} of {count}")));
    // Each module done, and each it leaves out as known.
    let done = &plan.progress.as_ref().expect("progress").done;
    assert!(!done.is_empty());
    let squeezed = squeeze(&text);
    for expected in done
        .iter()
        .map(|item| &item.title)
        .chain(plan.skipped.iter().map(|skipped| &skipped.title))
    {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "missing {expected:?}"
        );
    }
}

#[test]
fn a_plan_that_does_not_fit_shows_its_extra_months() {
    let plan = TestProfile {
        hours_per_week: 2.0,
        slots: Vec::new(),
        ..TestProfile::default()
    }
    .plan();
    assert!(!plan.feasibility.fits && plan.months.iter().any(|m| m.overflow));
    let text = text_of(&render(&plan, &options()).expect("renders"));
    assert!(squeeze(&text).contains(&squeeze(&plan.feasibility.message)));
    assert!(text.contains("(after your plan's end)"));
    for month in &plan.months {
        assert!(
            text.contains(&format!("Month {}:", month.index)),
            "missing month {}",
            month.index
        );
    }
}

#[test]
fn each_resource_says_which_part_each_module_asks_for() {
    let plan = support::plan();
    let squeezed = squeeze(&text_of(&render(&plan, &options()).expect("renders")));
    let parts: Vec<(&str, &pivot::plan::ResourcePart)> = plan
        .items
        .iter()
        .flat_map(|item| item.resource_parts.iter().map(|p| (item.title.as_str(), p)))
        .filter(|(_, p)| p.part.is_some())
        .collect();
    assert!(
        !parts.is_empty(),
        "the test plan assigns parts of resources"
    );
    for (title, part) in parts {
        let shown = format!("{title}: {}", part.part.as_deref().unwrap_or_default());
        assert!(squeezed.contains(&squeeze(&shown)), "missing {shown:?}");
    }
}

#[test]
fn the_route_gives_its_hours_costs_total_verdict_and_currency() {
    let plan = TestProfile {
        route: "bootcamp",
        currency: None,
        timezone: Some("America/Los_Angeles"),
        slots: Vec::new(),
        budget: Some(5_000),
        ..TestProfile::default()
    }
    .plan();
    let route = &plan.route;
    assert!(route.currency_note.is_some() && route.hours_message.is_some());
    let squeezed = squeeze(&text_of(&render(&plan, &options()).expect("renders")));
    let texts = route
        .costs
        .iter()
        .map(|c| c.text.as_str())
        .chain(route.total_text.as_deref())
        .chain(route.verdict.as_deref())
        .chain(route.currency_note.as_deref())
        .chain(route.hours_message.as_deref());
    for expected in texts {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "missing {expected:?}"
        );
    }
}

/// A line in the stroke color already set is drawn without setting it again: the timeline's
/// grid draws dozens of lines in one color, and printpdf keeps every operation in memory until
/// the file is written (a plan from a catalog of thousands of modules draws hundreds of
/// thousands of lines).
#[test]
fn a_stroke_color_is_set_only_when_it_changes() {
    let bytes = render(&support::plan(), &options()).expect("renders");
    let document = pages(&bytes);
    let (mut strokes, mut colors) = (0, 0);
    for (number, page) in document.get_pages() {
        let content = document
            .get_and_decode_page_content(page)
            .expect("the page's content decodes");
        let mut current: Option<Vec<lopdf::Object>> = None;
        for operation in content.operations {
            match operation.operator.as_str() {
                "S" => strokes += 1,
                "RG" | "G" => {
                    colors += 1;
                    assert!(
                        current.as_ref() != Some(&operation.operands),
                        "page {number}: the stroke color is set to what it is"
                    );
                    current = Some(operation.operands);
                }
                _ => {}
            }
        }
    }
    assert!(strokes > 50, "{strokes} lines drawn");
    assert!(
        colors * 2 < strokes,
        "{colors} colors set for {strokes} lines"
    );
}

/// The timeline's lines between months are drawn once through the lanes on a page, not once in
/// every lane: printpdf keeps every operation in memory until the file is written, and a plan
/// from a catalog of thousands of modules has thousands of lanes.
#[test]
fn the_timeline_draws_each_month_line_once_through_its_lanes() {
    let bytes = render(&support::plan(), &options()).expect("renders");
    let document = pages(&bytes);
    let mut longest: f32 = 0.0;
    for (number, page) in document.get_pages() {
        let content = document
            .get_and_decode_page_content(page)
            .expect("the page's content decodes");
        // Lines of two points, from `m` to `l` and stroked, that stand upright.
        let mut vertical_at: BTreeMap<i64, usize> = BTreeMap::new();
        let mut path: Vec<(f32, f32)> = Vec::new();
        for operation in content.operations {
            let point = || -> Option<(f32, f32)> {
                match &operation.operands[..] {
                    [x, y] => Some((x.as_float().ok()?, y.as_float().ok()?)),
                    _ => None,
                }
            };
            match operation.operator.as_str() {
                "m" => path = point().into_iter().collect(),
                "l" => path.extend(point()),
                "S" => {
                    if let [(x1, y1), (x2, y2)] = path[..]
                        && x1 == x2
                    {
                        *vertical_at.entry((x1 * 100.0).round() as i64).or_default() += 1;
                        longest = longest.max((y1 - y2).abs());
                    }
                }
                _ => {}
            }
        }
        for (x, count) in vertical_at {
            assert!(
                count <= 2,
                "page {number}: {count} upright lines at x = {:.2}: the header's and one \
                 through the lanes at most",
                x as f64 / 100.0
            );
        }
    }
    // Four lanes of 4.6 mm (13 points) each.
    assert!(
        longest > 4.0 * 13.0,
        "no month line runs through the lanes: the longest is {longest} points"
    );
}

/// The fill color, which text and filled shapes are drawn in, is set only when the next text or
/// shape is drawn in another color than the one before it, not set back to black after every
/// coloured text: printpdf keeps every operation in memory until the file is written.
#[test]
fn a_fill_color_is_set_only_when_what_is_drawn_changes_color() {
    let bytes = render(&support::plan(), &options()).expect("renders");
    let document = pages(&bytes);
    let (mut sets, mut changes) = (0, 0);
    for page in document.get_pages().into_values() {
        let content = document
            .get_and_decode_page_content(page)
            .expect("the page's content decodes");
        let black = vec![0.0f32; 3];
        // The color set, and the color the last text or shape was drawn in (a page starts in
        // black).
        let (mut current, mut drawn) = (black.clone(), black);
        for operation in content.operations {
            let values: Vec<f32> = operation
                .operands
                .iter()
                .filter_map(|operand| operand.as_float().ok())
                .collect();
            match operation.operator.as_str() {
                "rg" => current = values,
                "g" => current = vec![values[0]; 3],
                "Tj" | "TJ" | "f" => {
                    if current != drawn {
                        changes += 1;
                        drawn = current.clone();
                    }
                    continue;
                }
                _ => continue,
            }
            sets += 1;
        }
    }
    assert!(changes > 20, "{changes} changes of color");
    assert_eq!(
        sets, changes,
        "fill colors set for text and shapes in other colors"
    );
}

/// Text sets its font and size, and its line height, only when they change: they outlast a
/// text section, and each operation is held in memory until the file is written.
#[test]
fn a_font_and_a_line_height_are_set_only_when_they_change() {
    let bytes = render(&support::plan(), &options()).expect("renders");
    let document = pages(&bytes);
    let (mut texts, mut sets) = (0, 0);
    for (number, page) in document.get_pages() {
        let content = document
            .get_and_decode_page_content(page)
            .expect("the page's content decodes");
        let mut current: BTreeMap<String, Vec<lopdf::Object>> = BTreeMap::new();
        for operation in content.operations {
            match operation.operator.as_str() {
                "BT" => texts += 1,
                "Tf" | "TL" => {
                    sets += 1;
                    let before = current.insert(operation.operator.clone(), operation.operands);
                    assert!(
                        before.as_ref() != current.get(&operation.operator),
                        "page {number}: {} is set to what it is",
                        operation.operator
                    );
                }
                _ => {}
            }
        }
    }
    assert!(texts > 100, "{texts} texts");
    assert!(
        sets < texts,
        "{sets} fonts and line heights set for {texts} texts"
    );
}

/// A filled rectangle (a bar of the timeline, a table's header, a callout's edge) is one path of
/// four corners, filled, not a zigzag of strokes that covers it: a timeline bar took 18
/// operations, each held in memory until the file is written.
#[test]
fn rectangles_are_filled_as_four_corners() {
    let plan = support::plan();
    let bytes = render(&plan, &options()).expect("renders");
    let document = pages(&bytes);
    let mut filled = 0;
    for (number, page) in document.get_pages() {
        let content = document
            .get_and_decode_page_content(page)
            .expect("the page's content decodes");
        let mut corners = 0;
        for operation in content.operations {
            match operation.operator.as_str() {
                "m" => corners = 1,
                "l" => corners += 1,
                "f" => {
                    assert_eq!(
                        corners, 4,
                        "page {number}: a filled path of {corners} points"
                    );
                    filled += 1;
                }
                _ => {}
            }
        }
    }
    let modules = plan
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Module)
        .count();
    assert!(
        filled > modules,
        "{filled} filled rectangles for the bars of {modules} modules and more"
    );
}

#[test]
fn fonts_kept_for_several_plans_set_each_as_fonts_read_for_it_alone() {
    // `pivot batch` sets every learner's plan with one `Fonts`, which keeps what it learns
    // (which characters the faces draw, their glyph IDs) and the buffers a file is written
    // with; none of it may change a plan's bytes.
    let (plan, hostile) = (support::plan(), support::hostile());
    let alone = |plan| render(plan, &options()).expect("renders");
    let fonts = Fonts::load().expect("the fonts load");
    let kept = |plan| fonts.render(plan, &options()).expect("renders");
    for plan in [&plan, &hostile, &plan, &hostile] {
        assert!(kept(plan) == alone(plan), "{}", plan.name);
    }
    // From several threads at once, as the cohort's workers set them.
    std::thread::scope(|scope| {
        let workers: Vec<_> = [&plan, &hostile, &plan]
            .into_iter()
            .map(|plan| scope.spawn(move || (plan, kept(plan))))
            .collect();
        for worker in workers {
            let (plan, bytes) = worker.join().expect("no worker panics");
            assert!(bytes == alone(plan), "{}", plan.name);
        }
    });
}
