//! The page layout read back, for every example profile at every plan length from three months
//! to twenty-four: no page ends with a heading, lists and weeks stay together or break leaving at
//! least two items on each side, and the timeline labels its months whole.

use std::path::Path;
use std::sync::OnceLock;

use pivot::plan::Plan;
use pivot::render::pdf::render;
use pivot::{Catalog, Profile};

use super::squeeze;
use crate::support;

/// The plan lengths every example is rendered at.
const LENGTHS: [u32; 5] = [3, 6, 9, 12, 24];

/// A list longer than this may break across pages.
const SHORT_LIST: usize = 6;

/// The headings that are not numbered.
const HEADINGS: [&str; 20] = [
    "Summary",
    "Timeline",
    "Route and budget",
    "Left out, because you already have it",
    "Milestones this month",
    "Self-check: answer honestly before you tick",
    "End-of-month review",
    "Portfolio project",
    "Phases",
    "Before you call it done",
    "Networking plan",
    "Communities to join",
    "Open source to contribute to",
    "A message for cold outreach",
    "Outreach tasks",
    "Resources",
    "Beyond this plan",
    "Where AI meets what you know",
    "What to expect in your first AI job",
    "Notes on your profile",
];

struct Rendered {
    /// The example and the plan length, for messages.
    name: String,
    plan: Plan,
    /// Each page's text as pdf-extract reads it, line by line.
    pages: Vec<String>,
}

impl Rendered {
    /// The lines of a page that are not blank and not its footer.
    fn body(&self, page: usize) -> Vec<&str> {
        let mut lines: Vec<&str> = self.pages[page]
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        if lines
            .last()
            .is_some_and(|line| line.contains(&format!("Page {} of ", page + 1)))
        {
            lines.pop();
        }
        lines
    }
}

/// Every example at every length, rendered once for all the tests here.
fn rendered() -> &'static [Rendered] {
    static RENDERED: OnceLock<Vec<Rendered>> = OnceLock::new();
    RENDERED.get_or_init(|| {
        let catalog = Catalog::load(None).expect("the built-in catalog loads");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut examples: Vec<_> = std::fs::read_dir(&dir)
            .expect("the examples folder")
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .collect();
        examples.sort();
        assert!(examples.len() >= 8, "{examples:?}");
        let mut all = Vec::new();
        for path in &examples {
            let text = std::fs::read_to_string(path).expect("an example reads");
            for months in LENGTHS {
                let name = format!(
                    "{} at {months} months",
                    path.file_stem().unwrap_or_default().to_string_lossy()
                );
                let yaml = with_months(&text, months);
                let profile = Profile::from_str(path, &yaml, &catalog)
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                let plan = pivot::schedule::schedule(&profile, &catalog, support::today())
                    .unwrap_or_else(|err| panic!("{name}: {err}"));
                let bytes = render(&plan, &support::options()).expect("renders");
                let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes)
                    .expect("text extraction works on our PDF");
                all.push(Rendered { name, plan, pages });
            }
        }
        all
    })
}

/// The profile with its `months` line replaced, or added when it has none.
fn with_months(yaml: &str, months: u32) -> String {
    let mut lines: Vec<String> = yaml
        .lines()
        .filter(|line| !line.starts_with("months:"))
        .map(str::to_string)
        .collect();
    lines.push(format!("months: {months}"));
    lines.join("\n") + "\n"
}

fn is_heading(line: &str) -> bool {
    let numbered = |word: &str| {
        line.strip_prefix(word).is_some_and(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && rest[digits..].starts_with(':')
        })
    };
    HEADINGS.contains(&line)
        || numbered("Month ")
        || numbered("Week ")
        || line.starts_with("Your domain advantage: ")
        || line.starts_with("Your progress as of ")
}

#[test]
fn a_heading_starts_a_page_or_has_two_lines_after_it() {
    for doc in rendered() {
        for page in 0..doc.pages.len() {
            let body = doc.body(page);
            let last = body.last().copied().unwrap_or_default();
            assert!(
                !is_heading(last),
                "{}: page {} ends with the heading {last:?}",
                doc.name,
                page + 1
            );
            // A heading with one line after it ends a page only when that line is all there is
            // before the next heading.
            let Some(before_last) = body.len().checked_sub(2).map(|index| body[index]) else {
                continue;
            };
            let next_top = (page + 1 < doc.pages.len())
                .then(|| doc.body(page + 1).first().copied())
                .flatten();
            assert!(
                !is_heading(before_last) || next_top.is_none_or(is_heading),
                "{}: page {} ends with the heading {before_last:?} and one line, {last:?}; \
                 page {} goes on with {next_top:?}",
                doc.name,
                page + 1,
                page + 2
            );
        }
    }
}

/// The bulleted lists of the plan, in the order the PDF shows them, each as the text every
/// item's line begins with.
fn bulleted_lists(plan: &Plan) -> Vec<Vec<String>> {
    let mut lists = vec![
        plan.route
            .costs
            .iter()
            .map(|c| c.text.clone())
            .chain(plan.route.total_text.clone())
            .collect(),
        plan.skipped.iter().map(|s| s.title.clone()).collect(),
    ];
    if let Some(progress) = &plan.progress {
        lists.push(
            (progress.done.iter().map(|i| format!("Done: {}", i.title)))
                .chain(
                    progress
                        .partial
                        .iter()
                        .map(|i| format!("Begun: {}", i.title)),
                )
                .collect(),
        );
    }
    lists.extend(plan.months.iter().map(|month| month.self_checks.clone()));
    lists.push(plan.extras.iter().map(|e| e.title.clone()).collect());
    if let Some(advantage) = &plan.domain_advantage {
        lists.push(advantage.applications.clone());
    }
    lists.push(plan.first_job.clone());
    lists.push(plan.notes.clone());
    lists.retain(|list| !list.is_empty());
    lists
}

#[test]
fn short_lists_stay_on_one_page_and_long_ones_leave_two_items_on_each() {
    for doc in rendered() {
        // The page of each bulleted line, in reading order.
        let mut bullets: Vec<(usize, String)> = Vec::new();
        for page in 0..doc.pages.len() {
            for line in doc.body(page) {
                if let Some(text) = line.strip_prefix('•') {
                    bullets.push((page + 1, squeeze(text)));
                }
            }
        }
        let lists = bulleted_lists(&doc.plan);
        let expected: usize = lists.iter().map(Vec::len).sum();
        assert_eq!(bullets.len(), expected, "{}: bulleted items", doc.name);
        let mut shown = bullets.into_iter();
        for list in lists {
            let mut pages: Vec<usize> = Vec::new();
            for item in &list {
                let (page, line) = shown.next().unwrap_or_default();
                let start = squeeze(item);
                assert!(
                    line.starts_with(&start) || start.starts_with(&line),
                    "{}: expected the item {item:?}, found {line:?}",
                    doc.name
                );
                pages.push(page);
            }
            let first = pages[0];
            if list.len() <= SHORT_LIST {
                assert!(
                    pages.iter().all(|page| *page == first),
                    "{}: the short list starting {:?} is split over pages {pages:?}",
                    doc.name,
                    list[0]
                );
            }
            for page in first..=pages[pages.len() - 1] {
                let on_page = pages.iter().filter(|p| **p == page).count();
                assert!(
                    on_page >= 2 || list.len() == 1,
                    "{}: page {page} holds {on_page} item of the list starting {:?} ({pages:?})",
                    doc.name,
                    list[0]
                );
            }
        }
    }
}

#[test]
fn a_week_of_the_schedule_stays_on_one_page() {
    for doc in rendered() {
        let lines: Vec<(usize, &str)> = (0..doc.pages.len())
            .flat_map(|page| doc.body(page).into_iter().map(move |line| (page, line)))
            .collect();
        let mut weeks = 0;
        for (index, (page, line)) in lines.iter().enumerate() {
            if !line.starts_with("Week ") || !is_heading(line) {
                continue;
            }
            weeks += 1;
            // The week's block ends where the next heading begins: on the same page, or at the
            // top of the next.
            let (next_page, next) = lines[index + 1..]
                .iter()
                .find(|(_, line)| is_heading(line))
                .copied()
                .unwrap_or_else(|| panic!("{}: nothing follows {line:?}", doc.name));
            let at_top = doc.body(next_page).first() == Some(&next);
            assert!(
                next_page == *page || (next_page == page + 1 && at_top),
                "{}: {line:?} on page {} is split from its rows (next heading {next:?} on page {})",
                doc.name,
                page + 1,
                next_page + 1
            );
        }
        assert_eq!(weeks, doc.plan.weeks.len(), "{}: week headings", doc.name);
    }
}

/// The month numbers the timeline's header labels, read from page 1: the lines after the
/// "Timeline" heading up to the first blank line hold the month titles and their dates.
fn month_labels(doc: &Rendered) -> (Vec<u32>, String) {
    let header: Vec<&str> = doc.pages[0]
        .lines()
        .skip_while(|line| line.trim() != "Timeline")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect();
    let header = header.join(" ");
    let words: Vec<&str> = header.split_whitespace().collect();
    let mut numbers = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let number: Option<u32> = if *word == "Month" {
            words.get(index + 1).and_then(|next| next.parse().ok())
        } else {
            word.strip_prefix('M').and_then(|rest| rest.parse().ok())
        };
        numbers.extend(number);
    }
    (numbers, header)
}

#[test]
fn the_timeline_labels_its_months_whole_and_evenly() {
    for doc in rendered() {
        let (numbers, header) = month_labels(doc);
        assert!(
            !header.contains('…'),
            "{}: a month label is cut: {header}",
            doc.name
        );
        let months = u32::try_from(doc.plan.months.len()).expect("a few months");
        let step = numbers
            .get(1)
            .map_or(1, |second| second.saturating_sub(numbers[0]).max(1));
        let expected: Vec<u32> = (1..=months).step_by(step as usize).collect();
        assert_eq!(numbers, expected, "{}: {header}", doc.name);
        if step == 1 {
            assert_eq!(numbers.last(), Some(&months), "{}: {header}", doc.name);
        }
    }
}
