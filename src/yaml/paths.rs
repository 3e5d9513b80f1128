//! Where a value sits in a YAML file, as a path a person can read (`study_slots[2].time`),
//! from the parser's own events, so errors can name the field even in broken files.

use serde_saphyr::granit_parser::{Event, Parser};

/// Every node of a YAML document in order, read with serde-saphyr's own parser so the places
/// match its errors, and each node's path (`study_slots[2].time`) built on demand: built in
/// advance, a long key would be copied into every path below it.
pub(super) struct Document {
    nodes: Vec<Node>,
    /// What to call a list at the top, so catalog entries read `modules[3].hours`.
    list_name: String,
}

struct Node {
    /// Line and column from 1, as in serde-saphyr's errors.
    at: (u64, u64),
    /// The mapping or list holding this node, as an index into the nodes.
    parent: Option<usize>,
    step: Step,
    is_mapping: bool,
    is_list: bool,
}

/// How a node hangs from its parent.
enum Step {
    Document,
    Key(String),
    Value(String),
    Item(usize),
}

/// A mapping or list the walk is inside, by its index into the nodes.
enum Open {
    /// Holds the key whose value comes next, if any.
    Mapping(usize, Option<String>),
    /// Holds the number of items so far.
    List(usize, usize),
}

impl Document {
    /// Walks `text` once. The walk ends at the first syntax error; what came before it holds.
    pub(super) fn read(text: &str, list_name: &str) -> Document {
        let mut nodes = Vec::new();
        let mut open: Vec<Open> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            match event {
                Event::Scalar(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
                | Event::Alias(_) => {}
                Event::SequenceEnd | Event::MappingEnd => {
                    open.pop();
                    continue;
                }
                _ => continue,
            }
            let (parent, step) = match open.last_mut() {
                None => (None, Step::Document),
                Some(Open::List(list, items)) => {
                    *items += 1;
                    (Some(*list), Step::Item(*items))
                }
                Some(Open::Mapping(mapping, key)) => match key.take() {
                    Some(key) => (Some(*mapping), Step::Value(key)),
                    None => {
                        // A key that is itself a list or mapping has no name; pivot uses none.
                        let name = match &event {
                            Event::Scalar(name, ..) => name.to_string(),
                            _ => String::new(),
                        };
                        *key = Some(name.clone());
                        (Some(*mapping), Step::Key(name))
                    }
                },
            };
            let index = nodes.len();
            let is_mapping = matches!(event, Event::MappingStart(..));
            let is_list = matches!(event, Event::SequenceStart(..));
            match event {
                Event::SequenceStart(..) => open.push(Open::List(index, 0)),
                Event::MappingStart(..) => open.push(Open::Mapping(index, None)),
                _ => {}
            }
            let at = (span.start.line() as u64, span.start.col() as u64 + 1);
            nodes.push(Node {
                at,
                parent,
                step,
                is_mapping,
                is_list,
            });
        }
        Document {
            nodes,
            list_name: list_name.to_string(),
        }
    }

    /// The path of node `index`; empty for the document itself.
    pub(super) fn path(&self, index: usize) -> String {
        let mut steps = Vec::new();
        let mut next = Some(index);
        while let Some(node) = next.and_then(|i| self.nodes.get(i)) {
            steps.push(&node.step);
            next = node.parent;
        }
        let mut path = String::new();
        for step in steps.into_iter().rev() {
            match step {
                Step::Document => {}
                Step::Key(name) | Step::Value(name) if path.is_empty() => path.push_str(name),
                Step::Key(name) | Step::Value(name) => path.push_str(&format!(".{name}")),
                Step::Item(n) if path.is_empty() => {
                    path.push_str(&format!("{}[{n}]", self.list_name));
                }
                Step::Item(n) => path.push_str(&format!("[{n}]")),
            }
        }
        path
    }

    /// The key starting at `at`, else the last one before it: serde-saphyr reports unknown and
    /// duplicate keys where the key starts.
    pub(super) fn last_key(&self, at: (u64, u64)) -> Option<usize> {
        self.nodes
            .iter()
            .rposition(|n| matches!(n.step, Step::Key(_)) && n.at <= at)
    }

    pub(super) fn key_path(&self, at: (u64, u64)) -> Option<String> {
        self.last_key(at).map(|i| self.path(i))
    }

    /// The path of the first node starting at `at`, else of the last key before it: serde-saphyr
    /// reports a wrong shape where the value starts, or at its key when a key's value is a list.
    /// A block mapping starts where its first key does and comes before it; so does the
    /// document, which has no path, and is skipped unless `document_too`.
    pub(super) fn value_path(&self, at: (u64, u64), document_too: bool) -> Option<String> {
        // Reported at the key: a nested block mapping starts at its first key too, so the key
        // is the better answer.
        let key = (!document_too)
            .then(|| {
                self.nodes
                    .iter()
                    .position(|n| n.at == at && matches!(n.step, Step::Key(_)))
            })
            .flatten();
        let first = key.or_else(|| {
            self.nodes
                .iter()
                .position(|n| n.at == at && (document_too || !matches!(n.step, Step::Document)))
        });
        match first {
            Some(i) => Some(self.path(i)).filter(|p| !p.is_empty()),
            None => self.key_path(at),
        }
    }

    /// Where the value of the key starting at `at` starts, if a key starts there.
    pub(super) fn value_of_key(&self, at: (u64, u64)) -> Option<(u64, u64)> {
        let key = self
            .nodes
            .iter()
            .position(|n| n.at == at && matches!(n.step, Step::Key(_)))?;
        let value = self.nodes.get(key + 1)?;
        matches!(value.step, Step::Value(_)).then_some(value.at)
    }

    /// Whether a list starts at `at` (serde-saphyr reports a wrong shape where the value starts).
    pub(super) fn list_at(&self, at: (u64, u64)) -> bool {
        self.nodes.iter().any(|n| n.at == at && n.is_list)
    }

    /// Where the key `name` of the mapping starting at `at` is, and its path. serde names an
    /// unknown key of a struct with a `#[serde(flatten)]` part only in words, at the mapping.
    pub(super) fn key_named(&self, at: (u64, u64), name: &str) -> Option<((u64, u64), String)> {
        let mapping = self.nodes.iter().position(|n| n.at == at && n.is_mapping)?;
        let key = self.nodes.iter().position(|n| {
            n.parent == Some(mapping) && matches!(&n.step, Step::Key(key) if key == name)
        })?;
        Some((self.nodes[key].at, self.path(key)))
    }

    /// The path of `field` in the mapping that `at` is in: serde-saphyr reports a missing key at
    /// the last key of its mapping, or at the mapping when it has none.
    pub(super) fn sibling_path(&self, at: (u64, u64), field: &str) -> String {
        let last = self
            .nodes
            .iter()
            .rposition(|n| n.at <= at && (n.is_mapping || matches!(n.step, Step::Key(_))));
        let mapping = last.and_then(|i| match &self.nodes[i] {
            node if node.is_mapping => Some(i),
            key => key.parent,
        });
        match mapping.map(|i| self.path(i)).filter(|p| !p.is_empty()) {
            Some(mapping) => format!("{mapping}.{field}"),
            None => field.to_string(),
        }
    }
}

/// Where the value at `path` (`modules[3].hours`) starts in `text`, a file whose top-level list
/// is called `list_name`.
pub fn place_of(text: &str, list_name: &str, path: &str) -> Option<(u64, u64)> {
    let document = Document::read(text, list_name);
    (0..document.nodes.len())
        .find(|&i| !matches!(document.nodes[i].step, Step::Key(_)) && document.path(i) == path)
        .map(|i| document.nodes[i].at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLOTS: &str = "\
name: A
study_slots:
  - { day: tue, time: \"19:00\", hours: 4, hours: 4 }
  - { day: thu, tme: [19], hours: 4 }
  - day: fri
    time:
      at: 19
";

    fn key(text: &str, line: u64, column: u64) -> Option<String> {
        Document::read(text, "profile").key_path((line, column))
    }

    fn value(text: &str, line: u64, column: u64) -> Option<String> {
        Document::read(text, "profile").value_path((line, column), true)
    }

    #[test]
    fn keys_in_flow_mappings_have_their_full_path() {
        assert_eq!(key(SLOTS, 4, 7).as_deref(), Some("study_slots[2].day"));
        assert_eq!(key(SLOTS, 4, 17).as_deref(), Some("study_slots[2].tme"));
        // The second `hours` on a line, not the first key on it.
        assert_eq!(key(SLOTS, 3, 45).as_deref(), Some("study_slots[1].hours"));
        // Between keys, the key before.
        assert_eq!(key(SLOTS, 4, 23).as_deref(), Some("study_slots[2].tme"));
    }

    #[test]
    fn keys_in_block_mappings_have_their_full_path() {
        assert_eq!(key(SLOTS, 5, 5).as_deref(), Some("study_slots[3].day"));
        assert_eq!(key(SLOTS, 6, 5).as_deref(), Some("study_slots[3].time"));
        assert_eq!(key(SLOTS, 7, 7).as_deref(), Some("study_slots[3].time.at"));
        assert_eq!(key(SLOTS, 1, 1).as_deref(), Some("name"));
        assert_eq!(key(SLOTS, 2, 1).as_deref(), Some("study_slots"));
    }

    #[test]
    fn a_value_is_named_by_its_key() {
        // A block mapping starts at its first key, but the mapping is the value in question.
        assert_eq!(value(SLOTS, 7, 7).as_deref(), Some("study_slots[3].time"));
        assert_eq!(value(SLOTS, 4, 22).as_deref(), Some("study_slots[2].tme"));
        assert_eq!(value(SLOTS, 3, 13).as_deref(), Some("study_slots[1].day"));
        // The document starts where its first key does, and has no name.
        assert_eq!(value(SLOTS, 1, 1), None);
        let document = Document::read(SLOTS, "profile");
        assert_eq!(document.value_path((1, 1), false).as_deref(), Some("name"));
    }

    #[test]
    fn lists_in_lists_and_long_lists_count_from_one() {
        let text = "a:\n  - [x, { b: 1 }, [y, { c: 2 }]]\n";
        assert_eq!(value(text, 2, 5).as_deref(), Some("a[1]"));
        assert_eq!(value(text, 2, 9).as_deref(), Some("a[1][2]"));
        assert_eq!(key(text, 2, 11).as_deref(), Some("a[1][2].b"));
        assert_eq!(key(text, 2, 25).as_deref(), Some("a[1][3][2].c"));
        let slots: String = (0..12).map(|_| "  - { day: tue }\n").collect();
        let text = format!("study_slots:\n{slots}");
        assert_eq!(key(&text, 13, 7).as_deref(), Some("study_slots[12].day"));
        assert_eq!(key(&text, 11, 7).as_deref(), Some("study_slots[10].day"));
    }

    #[test]
    fn a_list_at_the_top_is_named_after_the_file() {
        let text = "- id: a\n- id: b\n  hourz: 3\n";
        let document = Document::read(text, "modules");
        assert_eq!(
            document.key_path((3, 3)).as_deref(),
            Some("modules[2].hourz")
        );
        assert_eq!(document.sibling_path((3, 3), "hours"), "modules[2].hours");
        assert_eq!(document.sibling_path((1, 3), "hours"), "modules[1].hours");
        assert_eq!(Document::read("a: 1\n", "x").sibling_path((1, 1), "b"), "b");
        let document = Document::read("- { id: a }\n- {}\n", "skills");
        assert_eq!(document.sibling_path((2, 3), "id"), "skills[2].id");
    }

    #[test]
    fn a_key_is_found_by_name_in_the_mapping_at_a_place() {
        let document = Document::read("- id: a\n- id: b\n  hourz: 3\n", "modules");
        let found = document.key_named((2, 3), "hourz");
        assert_eq!(found, Some(((3, 3), "modules[2].hourz".to_string())));
        assert_eq!(document.key_named((1, 3), "hourz"), None);
        assert_eq!(document.key_named((3, 3), "hourz"), None);
    }

    #[test]
    fn invalid_yaml_keeps_the_paths_before_the_error() {
        let text = "name: A\nstudy_slots:\n  - { day: tue, tme: x }\n  - { day: [\n";
        assert_eq!(key(text, 3, 17).as_deref(), Some("study_slots[1].tme"));
        for text in [
            "", "[", "{", ": :", "- - -", "*a", "? [a]: b", "{[a]: b}", "\t", "\u{feff}",
        ] {
            let document = Document::read(text, "profile");
            for at in [(0, 0), (1, 1), (1, 2), (9, 9)] {
                let _ = document.key_path(at);
                let _ = document.value_path(at, true);
                let _ = document.sibling_path(at, "f");
                let _ = document.key_named(at, "f");
            }
        }
    }
}
