//! Stable UIDs: made from the learner's name and the item, never random and never dated, so a
//! re-generated plan updates its events instead of duplicating them.

use std::collections::HashSet;

use crate::identity::fnv1a;

/// Hands out UIDs for one calendar and keeps them unique within it (khal merges events that
/// share a UID).
#[derive(Debug)]
pub(super) struct Uids {
    /// Suffix shared by every UID of this learner's calendar.
    suffix: String,
    taken: HashSet<String>,
}

/// The identity part of a learner's UIDs, made from their name: what calendars written before
/// plans could name their own identity used.
pub(super) fn identity_from_name(learner: &str) -> String {
    format!("{:016x}", fnv1a(learner.as_bytes()))
}

impl Uids {
    /// UIDs ending in `.IDENTITY@pivot`.
    pub(super) fn new(identity: &str) -> Self {
        Uids {
            suffix: format!("{identity}@pivot"),
            taken: HashSet::new(),
        }
    }

    /// What every UID handed out ends with, dot included.
    pub(super) fn suffix(&self) -> String {
        format!(".{}", self.suffix)
    }

    /// The UID for `what` (like `milestone`) and `id` (like `math-foundations`).
    pub(super) fn claim(&mut self, what: &str, id: &str) -> String {
        let base = format!("{what}-{}.{}", slug(id), self.suffix);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let mut copy = 2u32;
        loop {
            let candidate = format!("{what}-{}-{copy}.{}", slug(id), self.suffix);
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            copy = copy.saturating_add(1);
        }
    }
}

/// The id as it may appear in a UID. Ids that needed changing get a hash of the original, so
/// `a b` and `a-b` stay apart.
fn slug(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    if cleaned == id && !id.is_empty() {
        cleaned
    } else {
        format!("{cleaned}-{:08x}", fnv1a(id.as_bytes()) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn uids_are_stable_and_unique() {
        let mut first = Uids::new(&identity_from_name("Zoë"));
        let mut second = Uids::new(&identity_from_name("Zoë"));
        let uid = first.claim("milestone", "math-foundations");
        assert_eq!(uid, second.claim("milestone", "math-foundations"));
        assert!(uid.starts_with("milestone-math-foundations."));
        assert!(uid.ends_with("@pivot"));
        assert_ne!(uid, first.claim("milestone", "math-foundations"));
        assert_ne!(
            Uids::new(&identity_from_name("Ann")).claim("milestone", "x"),
            second.claim("milestone", "x")
        );
    }

    #[test]
    fn odd_ids_become_safe_and_stay_apart() {
        let mut uids = Uids::new(&identity_from_name("Ann"));
        let spaced = uids.claim("deadline", "a b");
        let dashed = uids.claim("deadline", "a-b");
        assert_ne!(spaced, dashed);
        assert!(spaced.chars().all(|c| c.is_ascii_graphic()));
        assert!(!uids.claim("deadline", "").is_empty());
    }
}
