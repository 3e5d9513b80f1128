//! The limits on what pivot reads: the size of a file, and budgets against alias bombs and
//! absurd nesting.

use std::path::Path;

use serde_saphyr::Options;
use serde_saphyr::budget::Budget;
use serde_saphyr::options::DuplicateKeyPolicy;

use crate::error::Error;

/// Profiles and catalog files larger than this are refused before parsing.
pub const MAX_BYTES: usize = 1024 * 1024;

/// Limits that stop alias bombs and absurd nesting long before they cost time or memory. A real
/// profile has a few dozen nodes and a depth of four; the catalog has a few thousand nodes.
fn budget() -> Option<Budget> {
    serde_saphyr::budget! {
        max_depth: 64,
        max_aliases: 256,
        max_anchors: 256,
        max_events: 200_000,
        max_nodes: 100_000,
        max_total_scalar_bytes: MAX_BYTES * 2,
        max_documents: 1,
    }
}

pub(super) fn options() -> Options {
    serde_saphyr::options! {
        budget: budget(),
        duplicate_keys: DuplicateKeyPolicy::Error,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 20_000,
            max_replay_stack_depth: 16,
        },
    }
}

/// A file over the size limit, `size` bytes long if its size is known (a pipe's is not).
pub fn too_large(file: &Path, size: Option<usize>, help: &str) -> Error {
    let size = match size {
        Some(size) => format!("is {} KiB", size.div_ceil(1024)),
        None => format!("holds more than {} KiB", MAX_BYTES / 1024),
    };
    Error::File {
        file: file.to_path_buf(),
        message: format!(
            "the file {size}; pivot reads YAML files of at most {} KiB",
            MAX_BYTES / 1024
        ),
        help: Some(help.into()),
    }
}
