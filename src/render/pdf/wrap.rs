//! Line breaking with the fonts' real widths. Unlike genpdf's own wrapping, a word wider than
//! the line (a long URL) is broken across lines instead of being dropped.

use genpdf::fonts::FontCache;
use genpdf::style::Style;

/// A run of text in one style.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

/// A span holding only this starts a new line. Cleaned text never contains a line break, so
/// only the layout code can ask for one.
pub const LINE_BREAK: &str = "\n";

/// Width of `text` in `style`, in millimetres.
pub fn width(cache: &FontCache, style: Style, text: &str) -> f64 {
    f64::from(style.str_width(cache, text))
}

/// Breaks `spans` into lines no wider than `max_width` millimetres. Every character of the
/// input (except the spaces where lines break) is in the output.
pub fn wrap(cache: &FontCache, spans: &[Span], max_width: f64) -> Vec<Vec<Span>> {
    let mut lines = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut x = 0.0;
    for span in spans {
        if span.text == LINE_BREAK {
            finish_line(&mut lines, &mut line);
            x = 0.0;
            continue;
        }
        let space = width(cache, span.style, " ");
        let words: Vec<&str> = span.text.split(' ').collect();
        for (index, word) in words.iter().enumerate() {
            let space_after = index + 1 < words.len();
            if !word.is_empty() {
                let mut word_width = width(cache, span.style, word);
                if x > 0.0 && x + word_width > max_width {
                    finish_line(&mut lines, &mut line);
                    x = 0.0;
                }
                let mut rest: &str = word;
                while word_width > max_width {
                    let (head, tail) = split_word(cache, span.style, rest, max_width);
                    push_text(&mut line, head, span.style);
                    finish_line(&mut lines, &mut line);
                    rest = tail;
                    word_width = width(cache, span.style, rest);
                }
                push_text(&mut line, rest, span.style);
                x += word_width;
            }
            if space_after && x > 0.0 {
                push_text(&mut line, " ", span.style);
                x += space;
            }
        }
    }
    finish_line(&mut lines, &mut line);
    lines
}

fn push_text(line: &mut Vec<Span>, text: &str, style: Style) {
    match line.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => line.push(Span::new(text, style)),
    }
}

fn finish_line(lines: &mut Vec<Vec<Span>>, line: &mut Vec<Span>) {
    if let Some(last) = line.last_mut() {
        let trimmed = last.text.trim_end_matches(' ').len();
        last.text.truncate(trimmed);
    }
    line.retain(|span| !span.text.is_empty());
    if !line.is_empty() {
        lines.push(std::mem::take(line));
    }
}

/// Splits a word that is wider than the line: as much as fits, preferring to break after a
/// URL's punctuation when that keeps at least half of the line filled. Always makes progress.
fn split_word<'w>(
    cache: &FontCache,
    style: Style,
    word: &'w str,
    max_width: f64,
) -> (&'w str, &'w str) {
    let mut fit = 0;
    let mut used = 0.0;
    let mut last_break = None;
    for (index, c) in word.char_indices() {
        used += f64::from(style.char_width(cache, c));
        if used > max_width * 0.98 {
            break;
        }
        fit = index + c.len_utf8();
        if matches!(
            c,
            '/' | '-' | '_' | '.' | '?' | '&' | '=' | '#' | ',' | ';' | ':'
        ) {
            last_break = Some(fit);
        }
    }
    if fit == 0 {
        fit = word.chars().next().map_or(word.len(), char::len_utf8);
    }
    let at = match last_break {
        Some(at) if at * 2 >= fit => at,
        _ => fit,
    };
    word.split_at(at)
}
