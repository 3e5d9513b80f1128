//! The Markdown renderer: golden files, document structure read back by a Markdown parser,
//! escaping of hostile profile text, and template overrides.

mod fixture;
mod structure;

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use pivot::Error;
use pivot::plan::Plan;
use pivot::render::markdown;
use pivot::render::{Format, Paper, RenderOptions};

fn options(templates: Option<&Path>) -> RenderOptions {
    RenderOptions {
        paper: Paper::A4,
        templates: templates.map(Path::to_path_buf),
        now: Utc
            .with_ymd_and_hms(2026, 12, 20, 12, 0, 0)
            .single()
            .expect("valid time"),
        previous_calendar: None,
    }
}

fn render(plan: &Plan, templates: Option<&Path>) -> Result<String, Error> {
    let bytes = markdown::render(plan, &options(templates))?;
    Ok(String::from_utf8(bytes).expect("Markdown output is UTF-8"))
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Shipped examples with a golden file: one that fits (with a break and study sessions) and one
/// that does not (with work after the planned end).
const GOLDEN_EXAMPLES: [&str; 2] = [
    "software-engineer-to-ml-engineer",
    "career-changer-to-ml-engineer",
];

/// Schedules `examples/<name>.yaml` with the built-in catalog on a fixed "today".
fn example_plan(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.yaml"));
    let catalog = pivot::Catalog::builtin().expect("the built-in catalog loads");
    let profile = pivot::Profile::from_file(&path, &catalog).expect("the example is valid");
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("valid date");
    pivot::schedule::schedule(&profile, &catalog, today).expect("the example schedules")
}

/// The golden cases: a name (the folder under `tests/golden`) and the plan it renders.
fn golden_cases() -> Vec<(&'static str, Plan)> {
    let mut cases = vec![("fixture", fixture::plan())];
    cases.extend(GOLDEN_EXAMPLES.map(|name| (name, example_plan(name))));
    cases
}

/// The files a golden case holds: the Markdown always, and for shipped examples the plan as
/// JSON too, so a scheduler change shows up as a reviewable diff.
fn golden_outputs(name: &str, plan: &Plan) -> Vec<(&'static str, String)> {
    let mut outputs = vec![("plan.md", render(plan, None).expect("the plan renders"))];
    if GOLDEN_EXAMPLES.contains(&name) {
        let json = pivot::render::json::render(plan).expect("the plan serialises");
        outputs.push(("plan.json", String::from_utf8(json).expect("JSON is UTF-8")));
    }
    outputs
}

/// Compares each case with `tests/golden/<case>/plan.md` (and `plan.json`); `PIVOT_BLESS=1`
/// rewrites them.
#[test]
fn golden_files() {
    let bless = std::env::var_os("PIVOT_BLESS").is_some_and(|v| v == "1");
    let cases = golden_cases();
    let mut failures = Vec::new();
    for (name, plan) in &cases {
        for (file, actual) in golden_outputs(name, plan) {
            let path = golden_dir().join(name).join(file);
            if bless {
                std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
                std::fs::write(&path, &actual).expect("write golden file");
                continue;
            }
            match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}: differs from the output, first at line {}; run with PIVOT_BLESS=1 to update \
                 if the change is intended",
                path.display(),
                first_difference(&expected, &actual)
            )),
            Err(err) => failures.push(format!(
                "{}: {err}; run with PIVOT_BLESS=1 to create it",
                path.display()
            )),
        }
        }
    }
    let known: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(golden_dir()).expect("tests/golden exists") {
        let entry = entry.expect("readable entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !known.contains(&name.as_str()) {
            failures.push(format!(
                "tests/golden/{name} has no test case; remove it or add a case"
            ));
            continue;
        }
        let expected: Vec<&str> = cases
            .iter()
            .filter(|(case, _)| *case == name)
            .flat_map(|(case, plan)| golden_outputs(case, plan).into_iter().map(|(file, _)| file))
            .collect();
        for file in std::fs::read_dir(entry.path()).expect("readable case folder") {
            let file = file.expect("readable entry").file_name();
            if !expected.iter().any(|e| file == *e) {
                failures.push(format!(
                    "tests/golden/{name}/{} is not compared by any test",
                    file.to_string_lossy()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn first_difference(expected: &str, actual: &str) -> usize {
    expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()))
        + 1
}

#[test]
fn golden_cases_are_well_formed_markdown() {
    for (name, plan) in golden_cases() {
        let text = render(&plan, None).expect("the plan renders");
        structure::check(&text, &plan.name).unwrap_or_else(|problems| {
            panic!("{name}:\n{}", problems.join("\n"));
        });
    }
}

#[test]
fn hostile_text_reads_back_literally_in_headings_cells_and_text() {
    let text = render(&fixture::plan(), None).expect("the plan renders");
    let runs = structure::text_runs(&text);
    for expected in [
        fixture::HOSTILE_NAME,
        "Healthcare | *clinics*",
        "Half term | *holiday* # not a heading",
        "Dentist & <b>rest</b>",
        "Pipes | and newlines *in* a title",
        "A | B",
        "$10 | once",
        "Maths: part #1; basics",
        "Over budget by £934.50 | plan for it.",
    ] {
        assert!(
            runs.iter().any(|run| run.contains(expected)),
            "{expected:?} is not plain text in the output"
        );
    }
    let links = structure::link_destinations(&text);
    assert!(
        links.iter().all(|l| l.starts_with("https://")),
        "only web addresses become links: {links:?}"
    );
    assert!(
        links.contains(&"https://example.com/a_%28b%29%7Cc".to_string()),
        "parentheses and pipes in addresses are percent-encoded: {links:?}"
    );
    assert!(
        runs.iter()
            .any(|run| run.contains("Not a real link (javascript:alert(1))")),
        "an unsafe address stays visible as text"
    );
}

#[test]
fn output_is_deterministic() {
    let plan = fixture::plan();
    let first = render(&plan, None).expect("renders");
    let second = render(&plan, None).expect("renders");
    assert_eq!(first, second);
}

#[test]
fn the_render_entry_point_routes_markdown() {
    let plan = fixture::plan();
    let bytes = pivot::render::render(&plan, Format::Md, &options(None)).expect("renders");
    assert!(bytes.starts_with(b"# Zo"));
}

#[test]
fn exported_templates_render_the_same_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let written = pivot::app::export_templates(dir.path(), false).expect("export");
    assert_eq!(written.len(), markdown::TEMPLATES.len());
    let plan = fixture::plan();
    assert_eq!(
        render(&plan, Some(dir.path())).expect("renders"),
        render(&plan, None).expect("renders")
    );
}

#[test]
fn export_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = dir.path().join("career.md.hbs");
    std::fs::write(&mine, "mine\n").expect("write");
    match pivot::app::export_templates(dir.path(), false) {
        Err(Error::Exists { path }) => assert_eq!(path, mine),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&mine).expect("read"), "mine\n");
    assert!(
        !dir.path().join("plan.md.hbs").exists(),
        "a refused export writes nothing"
    );
    pivot::app::export_templates(dir.path(), true).expect("forced export");
    assert_ne!(std::fs::read_to_string(&mine).expect("read"), "mine\n");
}

#[test]
fn export_creates_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("nested/templates");
    pivot::app::export_templates(&target, false).expect("export");
    assert!(target.join("plan.md.hbs").is_file());
}

#[test]
fn a_partial_override_replaces_only_that_partial() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("career.md.hbs"),
        "## After the plan\n\nGood luck, {{name}}.\n",
    )
    .expect("write");
    let text = render(&fixture::plan(), Some(dir.path())).expect("renders");
    assert!(text.contains("## After the plan\n\nGood luck, Zoë \\*bold\\*"));
    assert!(!text.contains("## Your domain advantage"));
    assert!(
        text.contains("## Summary"),
        "the other templates stay built in"
    );
    assert!(text.contains("## Networking plan"));
}

fn template_error(result: Result<String, Error>) -> String {
    match result {
        Err(Error::Template { message }) => message,
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn a_typo_in_a_template_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("summary.md.hbs");
    std::fs::write(&path, "## Summary\n\n- **Who:** {{nmae}}\n").expect("write");
    let message = template_error(render(&fixture::plan(), Some(dir.path())));
    assert!(
        message.contains(&path.display().to_string()),
        "names the file: {message}"
    );
    assert!(message.contains(":3:12: "), "line and column: {message}");
    assert!(message.contains("`nmae`"), "names the variable: {message}");
}

#[test]
fn a_typo_in_the_root_template_is_reported_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("plan.md.hbs"),
        "# {{name}}\n\n{{> sumary}}\n",
    )
    .expect("write");
    let message = template_error(render(&fixture::plan(), Some(dir.path())));
    assert!(message.contains("plan.md.hbs"), "{message}");
    assert!(message.contains(":3:1: "), "{message}");
    assert!(message.contains("`sumary`"), "{message}");
}

#[test]
fn a_misused_helper_is_reported_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("career.md.hbs"),
        "## Career\n\n{{date name}}\n",
    )
    .expect("write");
    let message = template_error(render(&fixture::plan(), Some(dir.path())));
    assert!(message.contains("career.md.hbs"), "{message}");
    assert!(message.contains(":3:1: "), "{message}");
    assert!(
        message.contains("date: parameter 1 must be a date"),
        "{message}"
    );
}

#[test]
fn a_template_that_does_not_parse_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("month.md.hbs");
    std::fs::write(&path, "### Month {{index}}\n\n{{#if focus}}\nno end\n").expect("write");
    let message = template_error(render(&fixture::plan(), Some(dir.path())));
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("month.md.hbs:5:1: "), "{message}");
    assert!(message.contains("unclosed"), "{message}");
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope");
    let message = template_error(render(&fixture::plan(), Some(&missing)));
    assert!(message.contains("nope"), "{message}");
    assert!(message.contains("must be a folder"), "{message}");
}

#[test]
fn a_misnamed_template_file_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("sumary.md.hbs"), "## Summary\n").expect("write");
    std::fs::write(dir.path().join("README.txt"), "notes\n").expect("write");
    let message = template_error(render(&fixture::plan(), Some(dir.path())));
    assert!(message.contains("sumary.md.hbs"), "{message}");
    assert!(
        message.contains("did you mean `summary.md.hbs`?"),
        "{message}"
    );
}

#[test]
fn a_hostile_profile_renders_safely_end_to_end() {
    let profile_text = format!(
        "name: '{}'\nbackground: software-engineer\ntarget_role: ml-engineer\ndomain: healthcare\n\
         hours_per_week: 7.5\nstart: 2027-01-06\nbreaks:\n  - {{ from: 2027-02-15, to: 2027-02-17, \
         note: '| *half* term <b> [x](y)' }}\n",
        fixture::HOSTILE_NAME
    );
    let catalog = pivot::Catalog::builtin().expect("the built-in catalog loads");
    let profile = pivot::Profile::from_str(Path::new("hostile.yaml"), &profile_text, &catalog)
        .expect("the profile is valid");
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).expect("valid date");
    let plan = pivot::schedule::schedule(&profile, &catalog, today).expect("schedules");
    let text = render(&plan, None).expect("renders");
    structure::check(&text, fixture::HOSTILE_NAME).unwrap_or_else(|problems| {
        panic!("{}", problems.join("\n"));
    });
    let runs = structure::text_runs(&text);
    assert!(
        runs.iter()
            .any(|run| run.contains("| *half* term <b> [x](y)")),
        "the break note reads back literally"
    );
}
