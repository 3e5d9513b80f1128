//! The limits on what pivot reads, set for each kind of file: the size of a file, and budgets
//! against alias bombs and absurd nesting. A profile is short, so its limits are tight; a
//! catalog file may list thousands of modules, so its limits leave room for ten thousand of
//! them while still stopping a file that could only be a mistake or an attack.

use std::path::Path;

use serde_saphyr::Options;
use serde_saphyr::budget::{Budget, BudgetBreach};
use serde_saphyr::options::DuplicateKeyPolicy;

use super::Kind;
use crate::error::Error;

/// The most anchors (`&name`) and aliases (`*name`) a file may hold. pivot's own files use
/// none; a few hundred let a hand-written catalog share its lists.
const MAX_ALIASES: usize = 256;

/// The deepest lists and mappings may nest. A profile nests four deep, a catalog file five.
const MAX_DEPTH: usize = 64;

/// The limits for one kind of file.
struct Limits {
    /// Longest file, in bytes; a longer one is refused before it is parsed.
    bytes: usize,
    /// Most nodes: every key, value, list and mapping counts one.
    nodes: usize,
}

impl Kind {
    /// A profile has a few dozen nodes; a progress block ticking off every module of a catalog
    /// of ten thousand has as many. pivot's own catalog files have a few thousand nodes each
    /// (modules.yaml about 40 an entry), so ten thousand modules written as fully take about
    /// 400,000 nodes and 10 MiB.
    fn limits(self) -> Limits {
        match self {
            Kind::Profile => Limits {
                bytes: 1024 * 1024,
                nodes: 50_000,
            },
            Kind::Catalog => Limits {
                bytes: 16 * 1024 * 1024,
                nodes: 1_000_000,
            },
        }
    }

    /// The longest file of this kind pivot reads, in bytes.
    pub fn max_bytes(self) -> usize {
        self.limits().bytes
    }
}

fn budget(kind: Kind) -> Option<Budget> {
    let limits = kind.limits();
    serde_saphyr::budget! {
        max_depth: MAX_DEPTH,
        max_aliases: MAX_ALIASES,
        max_anchors: MAX_ALIASES,
        // Each node is one event and each list or mapping one more at its end, so the node
        // limit is always reached first and is the one an error names.
        max_events: 2 * limits.nodes + MAX_ALIASES + 16,
        max_nodes: limits.nodes,
        max_total_scalar_bytes: limits.bytes * 2,
        max_documents: 1,
    }
}

pub(super) fn options(kind: Kind) -> Options {
    serde_saphyr::options! {
        budget: budget(kind),
        duplicate_keys: DuplicateKeyPolicy::Error,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
        },
    }
}

/// A file of `kind` over its size limit, `size` bytes long if its size is known (a pipe's is
/// not).
pub fn too_large(file: &Path, size: Option<usize>, kind: Kind) -> Error {
    let limit = format!("{} MiB", kind.max_bytes() / (1024 * 1024));
    let size = match size {
        Some(size) => format!("is {} KiB", thousands(size.div_ceil(1024))),
        None => format!("holds more than {limit}"),
    };
    Error::File {
        file: file.to_path_buf(),
        message: format!(
            "the file {size}; pivot reads {} of at most {limit}",
            kind.plural()
        ),
        help: Some(kind.too_large_help().into()),
    }
}

/// `1000000` as `1,000,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// What a file of `kind` that went over one of its structure limits did, and what would help,
/// or `None` when `err` is not about a limit.
pub(super) fn breach(kind: Kind, err: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    let mut err = err;
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = err {
        err = error;
    }
    let limits = kind.limits();
    let anchors = "remove the anchors (&name) and aliases (*name), writing the values out instead";
    let (message, help) = match err {
        // Reported in words of its own: a second document is no attack, but a stray `---`.
        E::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        } => return None,
        E::Budget {
            breach: BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. },
            ..
        } => (
            format!(
                "the file holds more than {} keys, values and lists; allowed: at most that many in {}",
                thousands(limits.nodes),
                kind.name()
            ),
            match kind {
                Kind::Profile => {
                    "is this the right file? A profile is a short file (see `pivot init`)".to_string()
                }
                Kind::Catalog => "is this the right file? A catalog file is a list of entries, and ten thousand modules written as fully as pivot's own take about 400,000".to_string(),
            },
        ),
        E::Budget {
            breach: BudgetBreach::ScalarBytes { .. },
            ..
        } => (
            format!(
                "the file's text comes to more than {} KiB with its aliases (*name) written out; allowed: at most that much in {}",
                thousands(limits.bytes * 2 / 1024),
                kind.name()
            ),
            anchors.to_string(),
        ),
        E::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => (
            format!(
                "lists and mappings nest more than {MAX_DEPTH} deep here; allowed: at most {MAX_DEPTH} in {}",
                kind.name()
            ),
            format!(
                "is this the right file? {} nests a few levels deep at most",
                match kind {
                    Kind::Profile => "A profile",
                    Kind::Catalog => "A catalog entry",
                }
            ),
        ),
        E::Budget {
            breach: BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. },
            ..
        } => (
            format!(
                "the file uses more than {MAX_ALIASES} anchors (&name) or aliases (*name); allowed: at most {MAX_ALIASES} of each in {}",
                kind.name()
            ),
            anchors.to_string(),
        ),
        E::Budget { .. }
        | E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => (
            format!(
                "the aliases (*name) here repeat more than pivot reads; allowed: aliases that repeat a few values in {}",
                kind.name()
            ),
            anchors.to_string(),
        ),
        _ => return None,
    };
    Some((message, help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
