//! Hostile profiles: what a profile holds, however odd, never breaks an error over lines nor
//! reaches the terminal or the outputs as control characters.

use std::path::Path;
use std::sync::OnceLock;

use pivot::Catalog;
use pivot::error::Error;
use pivot::profile::Profile;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("built-in catalog"))
}

/// A valid profile, with `line` in place of the line that starts with the same key.
fn profile_with(line: &str) -> String {
    let key = line.split(':').next().unwrap_or_default();
    let mut text: String = "name: Ada\nbackground: teacher\ntarget_role: ai-product-manager\nhours_per_week: 8\nstart: 2027-09-06\n"
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    text.push_str(line);
    text.push('\n');
    text
}

fn error_for(line: &str) -> Error {
    let text = profile_with(line);
    match Profile::from_str(Path::new("profile.yaml"), &text, catalog()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => err,
    }
}

#[test]
fn a_value_over_lines_or_with_terminal_escapes_is_quoted_on_one_line() {
    let err = error_for("hours_per_week: |\n  block");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:3: hours_per_week: expected a number from 1 to 60 hours, found `block\\n`"
    );
    let err = error_for("background: \"x\\ny\\e[31m\"");
    assert!(
        err.to_string()
            .starts_with("profile.yaml:5:13: background: unknown background `x\\ny\\u{1b}[31m`;"),
        "{err}"
    );
    let err = error_for("\"h\\turs\\e\": 11");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:1: h\\turs\\u{1b}: unknown key"
    );
}

#[test]
fn a_control_character_in_a_break_note_is_refused() {
    let err = error_for("breaks: [{from: 2027-10-01, to: 2027-10-02, note: \"a\\e[2Jb\"}]");
    assert_eq!(
        err.to_string(),
        "profile.yaml:6:51: breaks[1].note: holds an invisible control character (U+001B); allowed: plain text"
    );
    let text = profile_with("breaks: [{from: 2027-10-01, to: 2027-10-02, note: \"a\\n\\tb\"}]");
    let profile = Profile::from_str(Path::new("profile.yaml"), &text, catalog()).expect("valid");
    assert_eq!(profile.breaks[0].note.as_deref(), Some("a b"));
}
