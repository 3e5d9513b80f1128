//! The words of calendar entries: titles of the work, lists of hours, what an item asks for.

use std::collections::{HashMap, HashSet};

use super::writer::one_line;
use crate::plan::{Allocation, Item, Plan};

pub(super) fn by_id(plan: &Plan) -> HashMap<&str, &Item> {
    plan.items
        .iter()
        .map(|item| (item.id.as_str(), item))
        .collect()
}

pub(super) fn has_work(work: &[Allocation]) -> bool {
    work.iter().any(|allocation| allocation.hours > 0.0)
}

fn title<'a>(items: &HashMap<&str, &'a Item>, id: &'a str) -> &'a str {
    items.get(id).map_or(id, |item| item.title.as_str())
}

/// The titles of the work, each once, in the plan's order.
pub(super) fn titles(items: &HashMap<&str, &Item>, work: &[Allocation]) -> String {
    let mut seen = HashSet::new();
    work.iter()
        .filter(|allocation| allocation.hours > 0.0)
        .map(|allocation| title(items, &allocation.item))
        .filter(|title| seen.insert(*title))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line per piece of work with its hours, and what it should lead to.
pub(super) fn work_list(items: &HashMap<&str, &Item>, work: &[Allocation]) -> String {
    let mut text = String::new();
    for allocation in work.iter().filter(|allocation| allocation.hours > 0.0) {
        text.push_str(&format!(
            "\n- {} ({})",
            one_line(title(items, &allocation.item), &allocation.item),
            hours(allocation.hours)
        ));
        let item = items.get(allocation.item.as_str());
        if let Some(outcome) = item.and_then(|item| item.outcome.as_deref()) {
            text.push_str(&format!("\n  Aim: {}", one_line(outcome, "")));
        }
        if let Some(study) = item.and_then(|item| study(item)) {
            text.push_str(&format!("\n  Study: {study}"));
        }
    }
    text
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
    use super::hours;

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
