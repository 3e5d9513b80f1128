//! Text safety: every string of the plan passes through here before it reaches genpdf, so that
//! no control character, line break or character the fonts lack is handed to it raw.

use std::collections::BTreeSet;

use super::fonts::Coverage;

/// How many characters one warning names before it says "and N more".
const NAMED_IN_WARNING: usize = 12;

/// Cleans text for the embedded fonts and remembers what it had to change.
pub struct Sanitizer<'c> {
    coverage: &'c Coverage,
    transliterated: BTreeSet<char>,
    replaced: BTreeSet<char>,
}

impl<'c> Sanitizer<'c> {
    pub fn new(coverage: &'c Coverage) -> Sanitizer<'c> {
        Sanitizer {
            coverage,
            transliterated: BTreeSet::new(),
            replaced: BTreeSet::new(),
        }
    }

    /// One line of text: line breaks and tabs become spaces, runs of spaces collapse.
    pub fn line(&mut self, text: &str) -> String {
        let mut out = Collapsed::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii_graphic() && self.coverage.covers(c) {
                out.push(c);
            } else if c != '\u{a0}' && c.is_whitespace() {
                out.push(' ');
            } else {
                // Anything else may become text with spaces of its own (a transliteration).
                let mut cleaned = String::new();
                self.push_char(&mut cleaned, c);
                cleaned.chars().for_each(|c| out.push(c));
            }
        }
        out.finish()
    }

    /// Text whose line breaks matter (a message template): one cleaned string per line, blank
    /// lines kept as empty strings so paragraphs stay apart.
    pub fn lines(&mut self, text: &str) -> Vec<String> {
        text.split('\n').map(|line| self.line(line)).collect()
    }

    fn push_char(&mut self, out: &mut String, c: char) {
        if c == '\u{a0}' {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else if is_invisible(c) {
            // Zero-width joiners, bidi marks, variation selectors, soft hyphens: nothing to see.
        } else if self.coverage.covers(c) {
            out.push(c);
        } else if let Some(ascii) = self.transliteration(c) {
            out.push_str(ascii);
            self.transliterated.insert(c);
        } else {
            out.push('?');
            self.replaced.insert(c);
        }
    }

    /// A transliteration the fonts can show: letters of other scripts become their Latin
    /// spelling; symbols only when the result is a sign rather than a word (an emoji's name in
    /// the middle of a sentence would read as text the learner never wrote).
    fn transliteration(&self, c: char) -> Option<&'static str> {
        let ascii = deunicode::deunicode_char(c)?;
        let is_word = ascii.trim().chars().any(char::is_alphabetic) && ascii.ends_with(' ');
        let usable = if c.is_alphanumeric() {
            true
        } else {
            !ascii.trim().is_empty() && !is_word
        };
        (usable && ascii.chars().all(|a| self.coverage.covers(a) || a == ' ')).then_some(ascii)
    }

    /// The one warning for this document, naming the characters the fonts could not show.
    pub fn warning(&self) -> Option<String> {
        if self.transliterated.is_empty() && self.replaced.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.transliterated.is_empty() {
            parts.push(format!(
                "{} (written in Latin letters)",
                name_chars(&self.transliterated)
            ));
        }
        if !self.replaced.is_empty() {
            parts.push(format!("{} (shown as ?)", name_chars(&self.replaced)));
        }
        Some(format!(
            "the PDF font has no glyph for {}",
            parts.join(" and ")
        ))
    }
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}')
}

/// Text built a character at a time, with runs of spaces collapsed and none at either end.
struct Collapsed {
    text: String,
    last_space: bool,
}

impl Collapsed {
    fn with_capacity(capacity: usize) -> Collapsed {
        Collapsed {
            text: String::with_capacity(capacity),
            last_space: true,
        }
    }

    fn push(&mut self, c: char) {
        if c != ' ' {
            self.text.push(c);
        } else if !self.last_space {
            self.text.push(' ');
        }
        self.last_space = c == ' ';
    }

    fn finish(mut self) -> String {
        if self.text.ends_with(' ') {
            self.text.pop();
        }
        self.text
    }
}

fn name_chars(chars: &BTreeSet<char>) -> String {
    let mut named: Vec<String> = chars
        .iter()
        .take(NAMED_IN_WARNING)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    if chars.len() > NAMED_IN_WARNING {
        named.push(format!("{} more", chars.len() - NAMED_IN_WARNING));
    }
    named.join(", ")
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;
    use crate::render::pdf::fonts;

    /// What `line` gives, made the slow way: each character cleaned, then runs of spaces
    /// collapsed and the ends trimmed.
    fn line_by_the_rules(clean: &mut Sanitizer<'_>, text: &str) -> String {
        let mut cleaned = String::new();
        for c in text.chars() {
            clean.push_char(&mut cleaned, c);
        }
        cleaned
            .split(' ')
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #[test]
        fn a_line_is_its_characters_cleaned_with_runs_of_spaces_collapsed(
            text in "([a-z ]|\\PC|\\s|[\u{a0}\u{ad}\u{200b}\u{4e2d}\u{1f600}\u{416}\u{3b1}]){0,40}"
        ) {
            static COVERAGE: OnceLock<fonts::Coverage> = OnceLock::new();
            let coverage = COVERAGE.get_or_init(|| {
                fonts::Coverage::new(&fonts::family().expect("the fonts load"))
            });
            let mut fast = Sanitizer::new(coverage);
            let mut slow = Sanitizer::new(coverage);
            prop_assert_eq!(fast.line(&text), line_by_the_rules(&mut slow, &text));
            prop_assert_eq!(fast.warning(), slow.warning());
        }
    }
}
