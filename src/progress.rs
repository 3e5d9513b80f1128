//! Ticked boxes as progress: the marks the Markdown plan carries on each box, and reading a plan
//! the learner ticked in any editor back into a profile's `progress:` block.
//!
//! A mark is an HTML comment at the end of a box's line, which GitHub, Obsidian, VS Code and
//! print leave unseen: `<!-- pivot item=ml-fundamentals hours=3 -->`. `item` is the plan item;
//! `hours` says the box stands for those hours of it in one week, `done` that the hours were
//! done before the plan was made (work begun); a box with neither stands for the whole item.
//! Boxes without a mark are the learner's own (self-checks, reviews) and are left alone.

mod rewrite;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, SourceSpan};
use crate::words::{HOURS_STEP, trim_number};

pub use rewrite::{Edit, Written};

/// What opens a mark.
const OPEN: &str = "<!-- pivot ";
const CLOSE: &str = "-->";

/// The mark for a box about item `id`, with its `key=hours` pairs (`hours` or `done`), as
/// written at the end of the box's line (with the space before it). Characters that could end
/// the comment or split the pairs are written as `%XX`.
pub fn mark(id: &str, pairs: &[(&str, f64)]) -> String {
    let mut text = format!(" {OPEN}item={}", encode(id));
    for (key, hours) in pairs {
        let _ = write!(text, " {key}={}", trim_number(*hours));
    }
    text.push(' ');
    text.push_str(CLOSE);
    text
}

fn encode(id: &str) -> String {
    let mut out = String::new();
    let mut previous = None;
    for c in id.chars() {
        let plain = c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-';
        // `--` may not appear inside an HTML comment.
        if plain && !(c == '-' && previous == Some('-')) {
            out.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
        previous = Some(c);
    }
    out
}

fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// One marked box of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkedBox {
    /// 1-based line and column of the mark.
    pub line: u64,
    pub column: u64,
    pub ticked: bool,
    pub item: String,
    /// Hours of the item in one week, when the box stands for those.
    pub hours: Option<f64>,
    /// Hours of the item done before the plan was made.
    pub done: Option<f64>,
}

/// The marked boxes of a Markdown plan, in order. A box is a list item that starts with `[ ]`
/// or `[x]` (`-`, `*`, `+` or a number before it); a mark pivot cannot read on a box is an error
/// naming its place.
pub fn read_boxes(path: &Path, text: &str) -> Result<Vec<MarkedBox>, Error> {
    let mut boxes = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some(ticked) = tick(line) else {
            continue;
        };
        let Some(at) = line.find(OPEN) else {
            continue;
        };
        let column = line[..at].chars().count() as u64 + 1;
        let place = SourceSpan {
            file: path.to_path_buf(),
            line: index as u64 + 1,
            column,
        };
        let body = &line[at + OPEN.len()..];
        let parsed = body.find(CLOSE).and_then(|end| parse_mark(&body[..end]));
        let Some((item, hours, done)) = parsed else {
            return Err(Error::Syntax {
                at: place,
                message: "this box's pivot mark cannot be read; allowed: the mark as pivot wrote \
                          it, `<!-- pivot item=ID -->` with optional hours=H or done=H"
                    .into(),
                help: Some(
                    "write the plan again with `pivot plan`, or put back the mark as it was".into(),
                ),
            });
        };
        boxes.push(MarkedBox {
            line: place.line,
            column,
            ticked,
            item,
            hours,
            done,
        });
    }
    Ok(boxes)
}

/// Whether a line is a task-list item, and if so whether it is ticked.
fn tick(line: &str) -> Option<bool> {
    let rest = line.trim_start();
    let rest = match rest.strip_prefix(['-', '*', '+']) {
        Some(after) => after,
        None => {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                return None;
            }
            rest[digits..].strip_prefix(['.', ')'])?
        }
    };
    let rest = rest.strip_prefix(' ')?.trim_start();
    match rest.get(..3)? {
        "[ ]" => Some(false),
        "[x]" | "[X]" => Some(true),
        _ => None,
    }
}

/// `item=ID hours=H done=H`, in any order, each at most once; `item` is required.
fn parse_mark(body: &str) -> Option<(String, Option<f64>, Option<f64>)> {
    let mut item = None;
    let mut hours = None;
    let mut done = None;
    for pair in body.split_whitespace() {
        let (key, value) = pair.split_once('=')?;
        let slot = match key {
            "item" => {
                if item.replace(decode(value)?).is_some() {
                    return None;
                }
                continue;
            }
            "hours" => &mut hours,
            "done" => &mut done,
            _ => return None,
        };
        let number: f64 = value
            .parse()
            .ok()
            .filter(|n: &f64| n.is_finite() && *n > 0.0)?;
        if slot.replace(number).is_some() {
            return None;
        }
    }
    Some((item.filter(|id| !id.is_empty())?, hours, done))
}

/// What the ticked boxes say: items done, and items begun with the hours still to do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ticked {
    pub done: Vec<String>,
    pub partial: Vec<(String, f64)>,
}

/// Works out from `boxes` which items are done and how much is left of those begun. An item is
/// done when a box for the whole of it is ticked, or when every week's box is; it is begun when
/// some of its hours are ticked or were done before. Items are in the order of their first box.
pub fn ticked(boxes: &[MarkedBox]) -> Ticked {
    #[derive(Default)]
    struct Tally {
        whole: bool,
        total: f64,
        did: f64,
    }
    let mut order: Vec<&str> = Vec::new();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for b in boxes {
        let tally = tallies.entry(&b.item).or_insert_with(|| {
            order.push(&b.item);
            Tally::default()
        });
        match (b.hours, b.done) {
            (None, None) => tally.whole |= b.ticked,
            (hours, done) => {
                // A begun item's box ticked means the rest is done too.
                let before = done.unwrap_or(0.0);
                tally.total += hours.unwrap_or(0.0) + before;
                tally.did += before;
                if b.ticked {
                    tally.did += hours.unwrap_or(0.0);
                    tally.whole |= done.is_some();
                }
            }
        }
    }
    let mut out = Ticked::default();
    for id in order {
        let tally = &tallies[id];
        let quarter = |hours: f64| (hours / HOURS_STEP).round() * HOURS_STEP;
        let left = quarter(tally.total - tally.did);
        if tally.whole || (tally.total > 0.0 && left < HOURS_STEP) {
            out.done.push(id.to_string());
        } else if tally.did > 0.0 {
            out.partial.push((id.to_string(), left));
        }
    }
    out
}

/// The `progress:` block for `ticked` as of `as_of`, as YAML lines ending in a newline.
pub fn block(ticked: &Ticked, as_of: NaiveDate) -> String {
    let mut text = format!("progress:\n  as_of: {}\n", as_of.format("%Y-%m-%d"));
    let _ = writeln!(text, "  done: [{}]", ticked.done.join(", "));
    if !ticked.partial.is_empty() {
        let pairs: Vec<String> = ticked
            .partial
            .iter()
            .map(|(id, left)| format!("{id}: {}", trim_number(*left)))
            .collect();
        let _ = writeln!(text, "  partial: {{ {} }}", pairs.join(", "));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(text: &str) -> Vec<MarkedBox> {
        read_boxes(Path::new("plan.md"), text).expect("the boxes read")
    }

    #[test]
    fn marks_round_trip_any_id_and_never_close_the_comment_early() {
        for id in ["ml-fundamentals", "a--b", "x -->y", "北京 ml", "%41"] {
            let line = format!("- [x] Title{}", mark(id, &[("hours", 2.5)]));
            assert_eq!(line.matches("--").count(), 2, "{line}");
            let read = boxes(&line);
            assert_eq!(read[0].item, id);
            assert_eq!(read[0].hours, Some(2.5));
            assert!(read[0].ticked);
        }
    }

    #[test]
    fn only_list_items_with_a_box_count() {
        let m = mark("a", &[]);
        let text = format!(
            "- [ ] a{m}\n* [X] a{m}\n  + [x] a{m}\n12. [x] a{m}\n- not a box{m}\n[x] a{m}\n-[x] a{m}\n- [x] own box\n"
        );
        let read = boxes(&text);
        let lines: Vec<(u64, bool)> = read.iter().map(|b| (b.line, b.ticked)).collect();
        assert_eq!(lines, [(1, false), (2, true), (3, true), (4, true)]);
        assert_eq!(read[0].column, 9);
    }

    #[test]
    fn a_broken_mark_on_a_box_is_an_error_naming_its_place() {
        for bad in [
            "<!-- pivot item=a hours=x -->",
            "<!-- pivot hours=2 -->",
            "<!-- pivot item=a colour=red -->",
            "<!-- pivot item=a item=b -->",
            "<!-- pivot item=a",
        ] {
            let err = read_boxes(
                Path::new("plan.md"),
                &format!("text\n  - [x] Title {bad}\n"),
            )
            .expect_err(bad);
            assert!(err.to_string().starts_with("plan.md:2:15: "), "{err}");
        }
    }

    #[test]
    fn whole_boxes_week_boxes_and_work_begun_add_up() {
        let text = [
            format!("- [x] A{}", mark("a", &[])),
            format!("- [x] B{}", mark("b", &[("hours", 2.0)])),
            format!("- [x] B{}", mark("b", &[("hours", 3.0)])),
            format!("- [x] C{}", mark("c", &[("hours", 2.0)])),
            format!("- [ ] C{}", mark("c", &[("hours", 1.5)])),
            format!("- [ ] D{}", mark("d", &[("done", 4.0)])),
            format!("- [ ] D{}", mark("d", &[("hours", 6.0)])),
            format!("- [x] E{}", mark("e", &[("done", 1.0)])),
            format!("- [ ] E{}", mark("e", &[("hours", 6.0)])),
            format!("- [ ] F{}", mark("f", &[("hours", 6.0)])),
            format!("- [ ] F{}", mark("f", &[])),
        ]
        .join("\n");
        let result = ticked(&boxes(&text));
        assert_eq!(result.done, ["a", "b", "e"]);
        assert_eq!(
            result.partial,
            [("c".to_string(), 1.5), ("d".to_string(), 6.0)]
        );
        let as_of = NaiveDate::from_ymd_opt(2027, 3, 1).expect("a date");
        assert_eq!(
            block(&result, as_of),
            "progress:\n  as_of: 2027-03-01\n  done: [a, b, e]\n  partial: { c: 1.5, d: 6 }\n"
        );
    }
}
