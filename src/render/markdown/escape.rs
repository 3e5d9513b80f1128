//! Escaping for the three places text from a profile or the catalog can land in the Markdown:
//! running text and table cells, link destinations, and Mermaid task names.
//!
//! Running text is escaped so that it reads back literally: no emphasis, code, links, HTML,
//! headings, list markers, math or table breaks, whatever the text holds.

/// Escapes `text` for Markdown running text and table cells.
///
/// Line breaks and runs of white space become one space (a line break would end a table row or
/// start a new block), and the result is trimmed. ASCII punctuation that Markdown or its common
/// extensions give a meaning is backslash-escaped; characters that only matter at the start of a
/// line (`#`, `-`, `+`, `=`, `1.`) are escaped there, since a value may be placed at the start of
/// one. Bare `www.` and `scheme://` text, which GitHub would turn into links, and `:name:` emoji
/// shortcodes are broken up the same way.
pub fn text(text: &str) -> String {
    if is_plain(text) {
        return text.to_string();
    }
    escaped(&collapse_whitespace(text))
}

/// [`text`]'s escaping of text whose white space is collapsed.
fn escaped(collapsed: &str) -> String {
    let chars: Vec<char> = collapsed.chars().collect();
    let mut out = String::with_capacity(collapsed.len() + collapsed.len() / 4);
    let list_number_end = ordered_list_marker_end(&chars);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '^' | '$' | '{' | '}'
            | '@' => true,
            '#' | '-' | '+' | '=' => i == 0,
            '.' | ')' => Some(i) == list_number_end || (c == '.' && follows_www(&chars, i)),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            ':' => next == Some('/') || starts_shortcode(&chars[i + 1..]),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// True when [`text`] would return `text` as it is: printable ASCII with single spaces between
/// words, none of the characters it escapes anywhere, none of those it escapes at the start,
/// not starting with a digit (a list number), no `www.`, no `&` or `:`. Most values are such
/// text, and are then copied without the character-by-character pass.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' || first.is_ascii_digit() {
        return false;
    }
    if matches!(first, b'#' | b'-' | b'+' | b'=') {
        return false;
    }
    bytes.iter().enumerate().all(|(i, &b)| match b {
        b' ' => bytes[i - 1] != b' ',
        b'.' => i < 3 || !bytes[i - 3..i].eq_ignore_ascii_case(b"www"),
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'^' | b'$'
        | b'{' | b'}' | b'@' | b'&' | b':' => false,
        _ => b.is_ascii_graphic(),
    })
}

/// Turns every run of white space and control characters into one space, and trims the ends.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The index of the `.` or `)` that would make the text start an ordered list (`2027. ...`).
fn ordered_list_marker_end(chars: &[char]) -> Option<usize> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker = chars.get(digits)?;
    ((1..=9).contains(&digits) && (*marker == '.' || *marker == ')')).then_some(digits)
}

/// True when the text after a `:` reads as the rest of an emoji shortcode (`fire:`), which
/// GitHub would turn into a picture.
fn starts_shortcode(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        .count();
    name > 0 && rest.get(name) == Some(&':')
}

/// True when the `.` at `i` ends a `www` that starts a word (GitHub's bare-link trigger).
fn follows_www(chars: &[char], i: usize) -> bool {
    if i < 3 {
        return false;
    }
    let word_start = i == 3 || !chars[i - 4].is_alphanumeric();
    word_start && chars[i - 3..i].iter().all(|c| c.eq_ignore_ascii_case(&'w'))
}

/// Schemes that are safe to make clickable.
const LINK_SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// The URL prepared as a Markdown link destination or autolink, or `None` when it is not a
/// web or mail address (a `javascript:` link or a bare path is never made clickable).
///
/// Characters that would end or break the destination, a table row or an autolink (white space,
/// `<`, `>`, parentheses, `|`, backslash and the like) are percent-encoded, as is an `&` that
/// would otherwise be read as an HTML entity.
pub fn link_destination(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme = LINK_SCHEMES.iter().find(|s| lower.starts_with(*s))?;
    if url.len() == scheme.len() {
        return None;
    }
    let chars: Vec<char> = url.chars().collect();
    let mut out = String::with_capacity(url.len());
    for (i, &c) in chars.iter().enumerate() {
        let encode = c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' | '(' | ')'
            )
            || (c == '&' && looks_like_entity(&chars[i + 1..]));
        if encode {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// True when the text after an `&` reads as an HTML entity (`amp;`, `#38;`, `#x26;`).
fn looks_like_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Longest Mermaid task name, in characters, before it is shortened with an ellipsis.
const MERMAID_NAME_MAX: usize = 48;

/// Words that Mermaid's gantt grammar reads as a statement when a line starts with them.
const MERMAID_KEYWORDS: [&str; 20] = [
    "accdescr",
    "acctitle",
    "axisformat",
    "call",
    "click",
    "dateformat",
    "displaymode",
    "excludes",
    "gantt",
    "href",
    "includes",
    "inclusiveenddates",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "vert",
    "weekday",
    "weekend",
];

/// A short task name that Mermaid's gantt grammar accepts as it is.
///
/// Mermaid ends a name at `:`, reads `#` as an entity and `;` as the end of a statement, and some
/// other characters as markup, so only letters, digits, spaces and plain punctuation are kept.
/// Long names are cut at a word boundary; a name that would start with a gantt keyword gets a
/// neutral prefix.
pub fn mermaid_name(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric()
                || matches!(
                    c,
                    '-' | '.' | ',' | '\'' | '(' | ')' | '/' | '+' | '?' | '!'
                )
            {
                c
            } else {
                ' '
            }
        })
        .collect();
    let mut name = collapse_whitespace(&kept);
    if name.chars().count() > MERMAID_NAME_MAX {
        let cut: String = name.chars().take(MERMAID_NAME_MAX - 1).collect();
        let cut = match cut.rfind(' ') {
            Some(space) if space > MERMAID_NAME_MAX / 2 => cut[..space].to_string(),
            _ => cut,
        };
        name = format!("{}…", cut.trim_end_matches([' ', ',', '.', '-', '/', '+']));
    }
    if name.is_empty() {
        return "Untitled".to_string();
    }
    let first_word: String = name
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let leading_punctuation = !name.starts_with(|c: char| c.is_alphanumeric() || c == '(');
    if MERMAID_KEYWORDS.contains(&first_word.as_str()) || leading_punctuation {
        name = format!("Task {name}");
    }
    name
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn plain_text_is_what_escaping_gives(
            text in prop_oneof![
                r#"([a-zA-Z0-9 .,;!?'"()/%=+#-]|www|WwW|  |[\\`*_<>|~^$@&:\[\]{}]|\t|\n|\u{a0}|é){0,24}"#,
                // Short texts of the characters whose escaping depends on their neighbours.
                "[a1w.):/&# -]{1,8}",
            ]
        ) {
            if is_plain(&text) {
                prop_assert_eq!(&text, &escaped(&collapse_whitespace(&text)));
            }
        }
    }

    #[test]
    fn most_values_are_plain_text() {
        for plain in [
            "Learn Python in 3 weeks",
            "Week 12",
            "Andrew Ng's course (free)",
            "a.b",
        ] {
            assert!(is_plain(plain), "{plain}");
        }
        for escaped in [
            "2027. A year",
            "- item",
            "a  b",
            " a",
            "a_b",
            "see: this",
            "www.x",
        ] {
            assert!(!is_plain(escaped), "{escaped}");
        }
    }

    #[test]
    fn text_escapes_inline_markup() {
        assert_eq!(
            text("Zoë *bold* <script> | pipe [x](y) `code` # heading"),
            r"Zoë \*bold\* \<script\> \| pipe \[x\](y) \`code\` # heading"
        );
        assert_eq!(
            text("a_b ~~c~~ $x$ ^s^ {.c}"),
            r"a\_b \~\~c\~\~ \$x\$ \^s\^ \{.c\}"
        );
        assert_eq!(text(r"back\slash"), r"back\\slash");
    }

    #[test]
    fn text_escapes_line_starts() {
        assert_eq!(text("# heading"), r"\# heading");
        assert_eq!(text("- item"), r"\- item");
        assert_eq!(text("+ item"), r"\+ item");
        assert_eq!(text("==="), r"\===");
        assert_eq!(text("2027. A year"), r"2027\. A year");
        assert_eq!(text("3) three"), r"3\) three");
        assert_eq!(text("1234567890. not a list"), "1234567890. not a list");
        assert_eq!(text("a - b + c = d"), "a - b + c = d");
    }

    #[test]
    fn text_collapses_line_breaks_and_controls() {
        assert_eq!(
            text("  one\n\n# two\r\n\tthree\u{0}four  "),
            "one # two three four"
        );
        assert_eq!(text("\n\n"), "");
    }

    #[test]
    fn text_breaks_bare_links_entities_and_emoji() {
        assert_eq!(
            text("see https://evil.example"),
            r"see https\://evil.example"
        );
        assert_eq!(text("www.evil.example"), r"www\.evil.example");
        assert_eq!(text("go to WWW.x.y"), r"go to WWW\.x.y");
        assert_eq!(text("awww.x"), "awww.x");
        assert_eq!(text("a@b.c"), r"a\@b.c");
        assert_eq!(text("R&D &amp; &#35;"), r"R\&D \&amp; \&#35;");
        assert_eq!(text("Tom & Jerry"), "Tom & Jerry");
        assert_eq!(
            text(":fire: at 10:30. Note: fine"),
            r"\:fire: at 10:30. Note: fine"
        );
        assert_eq!(text("10:30:45"), r"10\:30:45");
    }

    #[test]
    fn link_destinations_are_encoded_and_limited_to_web_and_mail() {
        assert_eq!(
            link_destination(" https://example.com/a (b)|c<d> "),
            Some("https://example.com/a%20%28b%29%7Cc%3Cd%3E".to_string())
        );
        assert_eq!(
            link_destination("https://x.y/?a=1&b=2&amp;c"),
            Some("https://x.y/?a=1&b=2%26amp;c".to_string())
        );
        assert_eq!(
            link_destination("HTTPS://x.y/é"),
            Some("HTTPS://x.y/é".to_string())
        );
        assert_eq!(link_destination("javascript:alert(1)"), None);
        assert_eq!(link_destination("www.example.com"), None);
        assert_eq!(link_destination("https://"), None);
        assert_eq!(
            link_destination("mailto:a@b.c"),
            Some("mailto:a@b.c".to_string())
        );
    }

    #[test]
    fn mermaid_names_keep_only_safe_characters() {
        assert_eq!(
            mermaid_name("Zoë *bold* <script> | pipe [x](y) `code` # heading"),
            "Zoë bold script pipe x (y) code heading"
        );
        assert_eq!(mermaid_name("a:b;c#d%%e"), "a b c d e");
        assert_eq!(
            mermaid_name("title of the thing"),
            "Task title of the thing"
        );
        assert_eq!(mermaid_name("Section 2"), "Task Section 2");
        assert_eq!(mermaid_name("- dash"), "Task - dash");
        assert_eq!(mermaid_name("***"), "Untitled");
        let long = mermaid_name(
            "Join the MLOps Community Slack, the Kaggle forums and the Hugging Face Discord",
        );
        assert!(long.chars().count() <= MERMAID_NAME_MAX, "{long}");
        assert!(long.ends_with('…'), "{long}");
        assert_eq!(long, "Join the MLOps Community Slack, the Kaggle…");
    }
}
