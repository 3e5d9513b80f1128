//! A plan's identity: what its calendar events are known by from one plan to the next, so that
//! a new plan updates the learner's calendar instead of adding every event again.

/// 64-bit FNV-1a: tiny, and the same on every platform and Rust version (unlike std's hasher).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A short plan id for a learner called `name`: the name in lower-case letters, digits and
/// dashes, then four hex digits of a hash of `seed` (when the id is made), so that two learners
/// of the same name who start alike still get different ids.
pub fn suggested_plan_id(name: &str, seed: &str) -> String {
    let mut words = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            words.push(c);
        } else if !words.is_empty() && !words.ends_with('-') {
            words.push('-');
        }
    }
    let words: String = words.chars().take(24).collect();
    let words = words.trim_end_matches('-');
    let words = if words.is_empty() { "plan" } else { words };
    format!("{words}-{:04x}", fnv1a(seed.as_bytes()) as u16)
}
