//! "Did you mean ...?" for ids and keys.

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
pub fn closest<'a, S: AsRef<str>>(input: &str, candidates: &'a [S]) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .iter()
        .map(|c| c.as_ref())
        .map(|c| {
            (
                strsim::damerau_levenshtein(&input_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|&(distance, c)| {
            let limit = (c.chars().count().max(input.chars().count()) / 3).max(2);
            distance <= limit || c.starts_with(&input_lower) && input_lower.len() >= 3
        })
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_prefixes() {
        let ids = ["ml-engineer", "mlops-engineer", "data-scientist"];
        assert_eq!(closest("ml-enginer", &ids), Some("ml-engineer"));
        assert_eq!(closest("data-sci", &ids), Some("data-scientist"));
        assert_eq!(closest("Data-Scientist", &ids), Some("data-scientist"));
        assert_eq!(closest("astronaut", &ids), None);
    }
}
