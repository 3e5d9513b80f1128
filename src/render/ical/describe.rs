//! The words of calendar entries: titles of the work, lists of hours, what an item asks for.

use std::borrow::Cow;
use std::collections::HashMap;

use super::writer::{one_line, push_one_line};
use crate::plan::{Allocation, Item};

/// The plan's items by id, each with what a work list says about it: made once, since the same
/// work comes back in session after session.
pub(super) struct Items<'a> {
    by_id: HashMap<&'a str, Listed<'a>>,
}

struct Listed<'a> {
    item: &'a Item,
    /// The title on one line (the id when the title is empty).
    heading: String,
    /// The lines under the heading: what the work should lead to and what to study.
    notes: String,
}

impl<'a> Items<'a> {
    pub(super) fn new(items: &'a [Item]) -> Self {
        let by_id = items
            .iter()
            .map(|item| {
                let mut notes = String::new();
                if let Some(outcome) = item.outcome.as_deref() {
                    notes.push_str("\n  Aim: ");
                    push_one_line(&mut notes, outcome);
                }
                if let Some(study) = study(item) {
                    notes.push_str("\n  Study: ");
                    notes.push_str(&study);
                }
                let listed = Listed {
                    item,
                    heading: one_line(&item.title, &item.id),
                    notes,
                };
                (item.id.as_str(), listed)
            })
            .collect();
        Items { by_id }
    }

    pub(super) fn get(&self, id: &str) -> Option<&'a Item> {
        self.by_id.get(id).map(|listed| listed.item)
    }

    /// The titles of the work, each once, in the plan's order.
    pub(super) fn titles(&self, work: &[Allocation]) -> String {
        let mut seen: Vec<&str> = Vec::new();
        let mut text = String::new();
        for allocation in work.iter().filter(|allocation| allocation.hours > 0.0) {
            let id = allocation.item.as_str();
            let title = self.get(id).map_or(id, |item| item.title.as_str());
            if seen.contains(&title) {
                continue;
            }
            if !seen.is_empty() {
                text.push_str(", ");
            }
            text.push_str(title);
            seen.push(title);
        }
        text
    }

    /// Appends one line per piece of work with its hours, and what it should lead to.
    pub(super) fn push_work_list(&self, text: &mut String, work: &[Allocation]) {
        for allocation in work.iter().filter(|allocation| allocation.hours > 0.0) {
            let id = allocation.item.as_str();
            let (heading, notes) = match self.by_id.get(id) {
                Some(listed) => (Cow::from(listed.heading.as_str()), listed.notes.as_str()),
                None => (Cow::from(one_line(id, id)), ""),
            };
            text.push_str("\n- ");
            text.push_str(&heading);
            text.push_str(" (");
            text.push_str(&hours(allocation.hours));
            text.push(')');
            text.push_str(notes);
        }
    }
}

pub(super) fn has_work(work: &[Allocation]) -> bool {
    work.iter().any(|allocation| allocation.hours > 0.0)
}

/// What to study for an item, each resource with the part of it to do, on one line.
fn study(item: &Item) -> Option<String> {
    let parts: Vec<String> = item
        .resource_parts
        .iter()
        .map(|part| one_line(&part.label(), &part.resource))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// What an item asks for: its outcome, self-check, guidance and links.
pub(super) fn item_description(item: &Item) -> String {
    let mut text = String::new();
    if let Some(outcome) = &item.outcome {
        push_paragraph(&mut text, &format!("What to have done: {}", outcome.trim()));
    }
    if let Some(check) = &item.self_check {
        push_paragraph(&mut text, &format!("Self-check: {}", check.trim()));
    }
    if let Some(details) = &item.details {
        push_paragraph(&mut text, details.trim());
    }
    if let Some(study) = study(item) {
        push_paragraph(&mut text, &format!("Study: {study}."));
    }
    if !item.links.is_empty() {
        push_paragraph(&mut text, &item.links.join("\n"));
    }
    if item.overflow {
        push_paragraph(
            &mut text,
            "This falls after the end of your plan: the work did not fit in the months you asked for.",
        );
    }
    text
}

pub(super) fn push_paragraph(text: &mut String, paragraph: &str) {
    if paragraph.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(paragraph);
}

/// Hours as people say them: `2 hours`, `1 hour`, `0.25 hours`.
pub(super) use crate::words::hours_phrase as hours;

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::plan::{ItemKind, ResourcePart};

    fn item(
        id: &str,
        title: &str,
        outcome: Option<&str>,
        parts: &[(&str, &str, Option<&str>)],
    ) -> Item {
        let day = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");
        Item {
            id: id.to_owned(),
            kind: ItemKind::Module,
            title: title.to_owned(),
            hours: 10.0,
            start: day,
            finish: day,
            requires: Vec::new(),
            outcome: outcome.map(str::to_owned),
            self_check: None,
            resources: Vec::new(),
            resource_parts: parts
                .iter()
                .map(|(resource, title, part)| ResourcePart {
                    resource: (*resource).to_owned(),
                    title: (*title).to_owned(),
                    part: part.map(str::to_owned),
                    hours: None,
                })
                .collect(),
            skills: Vec::new(),
            details: None,
            links: Vec::new(),
            overflow: false,
            series: None,
            deepening: false,
        }
    }

    fn work(pieces: &[(&str, f64)]) -> Vec<Allocation> {
        pieces
            .iter()
            .map(|(item, hours)| Allocation {
                item: (*item).to_owned(),
                hours: *hours,
            })
            .collect()
    }

    #[test]
    fn a_work_list_names_each_piece_with_its_hours_aim_and_study() {
        let plan_items = [
            item(
                "stats",
                "Statistics\n basics",
                Some(" Explain  a p-value\r\n"),
                &[
                    ("think-stats", "Think Stats", Some("chapters 1-3")),
                    ("untitled-notes", " ", None),
                ],
            ),
            item("untitled", " ", None, &[]),
        ];
        let items = Items::new(&plan_items);
        let work = work(&[
            ("stats", 2.0),
            ("untitled", 1.5),
            ("gone", 1.0),
            ("stats", 0.0),
        ]);
        let mut text = String::from("Week 1.");
        items.push_work_list(&mut text, &work);
        assert_eq!(
            text,
            "Week 1.\n- Statistics basics (2 hours)\n  Aim: Explain a p-value\n  \
             Study: Think Stats, chapters 1-3; untitled-notes\n- untitled (1.5 hours)\n- gone (1 hour)"
        );
    }

    #[test]
    fn titles_name_each_piece_of_work_once() {
        let plan_items = [item("a", "Alpha", None, &[]), item("b", "Beta", None, &[])];
        let items = Items::new(&plan_items);
        let work = work(&[("a", 1.0), ("b", 0.0), ("gone", 1.0), ("a", 2.0)]);
        assert_eq!(items.titles(&work), "Alpha, gone");
    }

    #[test]
    fn hours_read_naturally() {
        assert_eq!(hours(2.0), "2 hours");
        assert_eq!(hours(1.0), "1 hour");
        assert_eq!(hours(1.5), "1.5 hours");
        assert_eq!(hours(0.25), "0.25 hours");
        assert_eq!(hours(10.0), "10 hours");
        assert_eq!(hours(1.0 / 3.0), "0.33 hours");
    }
}
