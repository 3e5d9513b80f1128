//! `pivot init` as a person at a terminal meets it: the real binary in a pseudo-terminal,
//! answering its questions key by key, and reading what it shows.
#![cfg(unix)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};

/// Long enough for a debug build on a loaded machine: every wait is for something pivot shows.
const TIMEOUT_MS: u64 = 30_000;

/// Runs `script` with `sh` in a pseudo-terminal of 100 columns and 40 rows, in `dir`, with
/// `$PIVOT` the binary under test, a fixed time zone and a fixed "now" (Friday 1 January 2027).
fn terminal(dir: &Path, script: &str) -> PtySession {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("stty cols 100 rows 40 && {script}"))
        .current_dir(dir)
        .env("PIVOT", env!("CARGO_BIN_EXE_pivot"))
        .env("TERM", "xterm-256color")
        .env("TZ", "Europe/London")
        .env("SOURCE_DATE_EPOCH", support::NOW.to_string());
    let options = Options::new()
        .timeout_ms(Some(TIMEOUT_MS))
        .strip_ansi_escape_codes(true);
    spawn_with_options(command, options).expect("pivot starts in a pseudo-terminal")
}

/// Waits for `text` on the screen.
fn see(session: &mut PtySession, text: &str) {
    if let Err(err) = session.exp_string(text) {
        panic!("waiting for {text:?}: {err}");
    }
}

/// Types `keys` (the Enter key is `\r`, as a terminal sends it).
fn press(session: &mut PtySession, keys: &str) {
    session.send(keys).expect("keys are sent");
    session.flush().expect("keys reach pivot");
}

/// Waits for the question, then answers it and presses Enter.
fn answer(session: &mut PtySession, question: &str, typed: &str) {
    see(session, &format!("? {question}"));
    press(session, &format!("{typed}\r"));
}

/// Reads to the end of pivot's output and returns its exit status.
fn finish(mut session: PtySession) -> Option<i32> {
    session.exp_eof().expect("pivot ends");
    match session.process().wait().expect("pivot can be waited for") {
        WaitStatus::Exited(_, code) => Some(code),
        _ => None,
    }
}

fn pivot(dir: &Path, args: &[&str]) -> Output {
    support::run_pivot(dir, args, support::NOW)
}

/// The starter profile as `pivot init` prints it where nobody can answer questions.
fn plain_starter(dir: &Path) -> Vec<u8> {
    let out = pivot(dir, &["init"]);
    assert_eq!(out.status.code(), Some(0));
    out.stdout
}

/// Every question answered as a person would, with one answer the check refuses and that is
/// asked again; the profile written checks, and plans.
#[test]
fn the_questions_write_a_profile_that_checks_and_plans() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut session = terminal(dir.path(), r#"exec "$PIVOT" init"#);
    answer(&mut session, "Your name?", "Priya Sharma");

    // A job title finds its background; the role list starts at the background's usual role.
    see(&mut session, "? Where are you coming from?");
    press(&mut session, "accountant");
    see(&mut session, "> Finance professional: ");
    press(&mut session, "\r");
    see(&mut session, "? Which AI role are you aiming at?");
    see(&mut session, "> Data Scientist: ");
    press(&mut session, "\r");
    see(&mut session, "? Which field do you know well?");
    press(&mut session, "finance");
    see(&mut session, "> Finance: ");
    press(&mut session, "\r");

    // The check's own words, then the same question again.
    answer(
        &mut session,
        "How many hours a week can you really study?",
        "8.3",
    );
    see(
        &mut session,
        "# 8.3 is not a whole number of quarter hours; allowed: steps of 0.25",
    );
    see(
        &mut session,
        "? How many hours a week can you really study?",
    );
    press(&mut session, "\x7f\x7f\x7f8\r");

    // The next Monday and the system's time zone are offered.
    answer(&mut session, "On which day do you start? (2027-01-04)", "");
    answer(
        &mut session,
        "How many months should the plan run? (6)",
        "9",
    );
    answer(&mut session, "Your time zone? (Europe/London)", "");
    answer(
        &mut session,
        "In which currency do you pay for courses? (GBP)",
        "eur",
    );

    answer(
        &mut session,
        "Do you want to set the days and times you study each week?",
        "y",
    );
    see(&mut session, "? Session 1: on which day?");
    press(&mut session, "tue");
    see(&mut session, "> Tuesday");
    press(&mut session, "\r");
    answer(
        &mut session,
        "Session 1: at what time does it start? (19:00)",
        "",
    );
    answer(&mut session, "Session 1: for how many hours? (4)", "5");
    see(&mut session, "? Session 2: on which day?");
    press(&mut session, "sat");
    see(&mut session, "> Saturday");
    press(&mut session, "\r");
    answer(
        &mut session,
        "Session 2: at what time does it start? (09:30)",
        "",
    );
    // What is left of the week is offered.
    answer(&mut session, "Session 2: for how many hours? (3)", "");

    answer(&mut session, "Are there weeks with no study time", "y");
    answer(&mut session, "Break 1: its first day?", "2027-04-05");
    answer(&mut session, "Break 1: its last day? (2027-04-11)", "");
    answer(&mut session, "Break 1: a note?", "Easter");
    answer(&mut session, "Another break?", "");

    let (_, verdict) = session
        .exp_regex(r"At 8 hours a week this takes about \d+ months?\. [^\r\n]+\r\n")
        .expect("the verdict");
    see(
        &mut session,
        "Wrote profile.yaml. Next, write your plan: pivot plan profile.yaml -o plan/",
    );
    assert_eq!(finish(session), Some(0));

    let profile = std::fs::read_to_string(dir.path().join("profile.yaml")).expect("written");
    for line in [
        "name: \"Priya Sharma\"",
        "background: finance-professional",
        "target_role: data-scientist",
        "domain: finance",
        "hours_per_week: 8",
        "start: 2027-01-04",
        "months: 9",
        "timezone: Europe/London",
        "currency: EUR",
        "  - { day: tue, time: \"19:00\", hours: 5 }",
        "  - { day: sat, time: \"09:30\", hours: 3 }",
        "  - { from: 2027-04-05, to: 2027-04-11, note: \"Easter\" }",
    ] {
        assert!(profile.lines().any(|l| l == line), "{line:?} in\n{profile}");
    }
    // The comments that explain each field are there, as in the starter profile.
    assert!(profile.contains("# Hours a week you can really study, from 1 to 60."));

    let check = pivot(dir.path(), &["check", "profile.yaml"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        said.contains("Priya Sharma: from finance professional to data scientist, using what you know of finance."),
        "{said}"
    );
    // The verdict at the end is the plan's own, as `pivot check` gives it.
    let message = verdict.split_once(". ").map(|(_, m)| m).expect("a message");
    assert!(said.contains(message.trim_end()), "{message}\n{said}");

    let plan = pivot(dir.path(), &["plan", "profile.yaml", "-o", "plan/"]);
    assert_eq!(
        plan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    let calendar = std::fs::read_to_string(dir.path().join("plan/plan.ics")).expect("a calendar");
    assert!(calendar.contains("DTSTART;TZID=Europe/London:20270105T190000"));
}

/// Esc or Ctrl-C at a question writes nothing, says so in one line, ends with status 1, and
/// leaves the terminal as it found it (reading lines, Ctrl-C interrupting).
#[test]
fn stopping_the_questions_writes_nothing() {
    for (key, name) in [("\x03", "Ctrl-C"), ("\x1b", "Esc")] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut session = terminal(dir.path(), r#""$PIVOT" init; echo "status $?"; stty -a"#);
        answer(&mut session, "Your name?", "Ann");
        see(&mut session, "? Where are you coming from?");
        press(&mut session, key);
        let said = session.exp_string("status ").expect("pivot ends");
        assert!(
            said.contains(
                "error: no profile was written: the questions were stopped before the end"
            ),
            "{name}: {said}"
        );
        assert!(!said.contains("panicked"), "{name}: {said}");
        let rest = session.exp_eof().expect("the shell ends");
        assert!(rest.starts_with('1'), "{name}: status {rest}");
        for mode in ["icanon", "isig", "opost"] {
            assert!(
                rest.split_whitespace().any(|word| word == mode),
                "{name}: {mode} in {rest}"
            );
        }
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("readable").collect();
        assert!(left.is_empty(), "{name}: {left:?}");
    }
}

/// A profile in the way is refused before the first question, not after the last.
#[test]
fn an_existing_profile_is_refused_before_any_question() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("profile.yaml"), "name: mine\n").expect("a profile");
    let mut session = terminal(dir.path(), r#"exec "$PIVOT" init"#);
    see(
        &mut session,
        "error: profile.yaml: already exists; use --force to replace it",
    );
    let rest = session.exp_eof().expect("pivot ends");
    assert!(!rest.contains("? "), "no question is asked: {rest}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("profile.yaml")).expect("kept"),
        "name: mine\n"
    );
}

/// Where nobody can answer (input from a pipe, output to a file) or the flags say what to
/// write, `pivot init` writes the starter profile as it always has, without a question.
#[test]
fn without_a_terminal_to_answer_on_init_asks_nothing() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let starter = plain_starter(dir.path());
    for (script, file) in [
        (r#"echo | "$PIVOT" init -o piped.yaml"#, "piped.yaml"),
        (r#"exec "$PIVOT" init > redirected.yaml"#, "redirected.yaml"),
        (
            r#"exec "$PIVOT" init --no-questions -o asked-not.yaml"#,
            "asked-not.yaml",
        ),
    ] {
        let session = terminal(dir.path(), script);
        assert_eq!(finish(session), Some(0), "{script}");
        let written = std::fs::read(dir.path().join(file)).expect("written");
        assert_eq!(written, starter, "{script}");
    }
    // `-o -` asks for the starter profile on the terminal itself.
    let mut session = terminal(dir.path(), r#"exec "$PIVOT" init -o -"#);
    let shown = session.exp_eof().expect("pivot ends");
    assert!(shown.contains("\nname: Your Name\r\n"), "{shown}");
    assert!(!shown.contains("? Your name?"), "{shown}");
    let session = terminal(dir.path(), r#"exec "$PIVOT" init --hours 8 -o flags.yaml"#);
    assert_eq!(finish(session), Some(0));
    let written = std::fs::read_to_string(dir.path().join("flags.yaml")).expect("written");
    assert!(written.contains("\nhours_per_week: 8\n"), "{written}");
}
