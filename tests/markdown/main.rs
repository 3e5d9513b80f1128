//! The Markdown renderer: the layout as a reviewed snapshot, document structure read back by a
//! Markdown parser, escaping of hostile text, and template overrides.

mod structure;
#[path = "../support/mod.rs"]
mod support;

use std::path::Path;

use pivot::Error;
use pivot::plan::Plan;
use pivot::render::markdown;
use pivot::render::{Format, RenderOptions};

use support::TestProfile;

fn options(templates: Option<&Path>) -> RenderOptions {
    RenderOptions {
        templates: templates.map(Path::to_path_buf),
        ..support::options()
    }
}

fn render(plan: &Plan, templates: Option<&Path>) -> Result<String, Error> {
    let bytes = markdown::render(plan, &options(templates))?;
    Ok(String::from_utf8(bytes).expect("Markdown output is UTF-8"))
}

/// The layout of the whole document, for the test plan. A change shows up as a diff to review
/// (`cargo insta review`, or `INSTA_UPDATE=always cargo test --test markdown` and `git diff`).
#[test]
fn the_layout_is_the_reviewed_snapshot() {
    let text = render(&support::plan(), None).expect("the plan renders");
    insta::assert_snapshot!("plan", text);
}

/// Every shipped example, scheduled with the built-in catalog.
fn example_plans() -> Vec<(String, Plan)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the examples folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    let catalog = pivot::Catalog::builtin().expect("the built-in catalog loads");
    paths
        .iter()
        .map(|path| {
            let profile = pivot::Profile::from_file(path, &catalog).expect("the example is valid");
            let plan = pivot::schedule::schedule(&profile, &catalog, support::today())
                .expect("the example schedules");
            (path.display().to_string(), plan)
        })
        .collect()
}

#[test]
fn every_plan_is_well_formed_markdown() {
    let mut plans = vec![
        ("the test plan".to_string(), support::plan()),
        ("the hostile plan".to_string(), support::hostile()),
        (
            "a plan that does not fit".to_string(),
            TestProfile {
                hours_per_week: 2.0,
                slots: Vec::new(),
                ..TestProfile::default()
            }
            .plan(),
        ),
    ];
    plans.extend(example_plans());
    for (name, plan) in plans {
        let text = render(&plan, None).expect("the plan renders");
        structure::check(&text, &plan.name).unwrap_or_else(|problems| {
            panic!("{name}:\n{}", problems.join("\n"));
        });
    }
}

/// Every text the hostile profile and catalog put in the plan reads back from the document as
/// written, with line breaks folded into spaces: no markup, HTML, heading or table cell break
/// comes out of it.
#[test]
fn hostile_text_reads_back_literally_in_headings_cells_and_text() {
    let plan = support::hostile();
    let text = render(&plan, None).expect("the plan renders");
    let runs = structure::text_runs(&text);
    let reads_back = |what: &str, expected: &str| {
        let expected = support::one_line(expected);
        assert!(
            runs.iter().any(|run| run.contains(&expected)),
            "{what} {expected:?} is not plain text in the output"
        );
    };
    reads_back("the name", &plan.name);
    reads_back("the role", &plan.target_role_title);
    reads_back(
        "the domain",
        plan.domain_title.as_deref().unwrap_or_default(),
    );
    for week in &plan.weeks {
        if let Some(note) = &week.break_note {
            reads_back("the break note", note);
        }
    }
    for item in &plan.items {
        let title = item
            .series
            .as_ref()
            .map_or(&item.title, |series| &series.title);
        reads_back("the title", title);
        for text in item.outcome.iter().chain(&item.self_check) {
            reads_back("the text", text);
        }
    }
    for resource in &plan.resources {
        reads_back("the resource", &resource.title);
        reads_back("the provider", &resource.provider);
    }
    for extra in &plan.extras {
        reads_back("the optional module", &extra.title);
    }
    let links = structure::link_destinations(&text);
    assert!(
        links.iter().all(|l| l.starts_with("https://")),
        "only web addresses become links: {links:?}"
    );
    assert!(
        links.iter().any(|l| l.ends_with("/a_%28b%29%7Cc%20d")),
        "parentheses, pipes and spaces in addresses are percent-encoded: {links:?}"
    );
    let unsafe_link = plan
        .networking
        .communities
        .iter()
        .find(|link| link.url.starts_with("javascript:"))
        .expect("the hostile catalog has a javascript: link");
    reads_back(
        "the unsafe address",
        &format!("{} ({})", unsafe_link.title, unsafe_link.url),
    );
}

/// Work past the planned end is shown after it, under its own heading, month by month.
#[test]
fn work_that_does_not_fit_comes_after_the_planned_end() {
    let plan = TestProfile {
        hours_per_week: 2.0,
        slots: Vec::new(),
        ..TestProfile::default()
    }
    .plan();
    let text = render(&plan, None).expect("the plan renders");
    let after = text
        .find("\n## After Sat 3 Apr 2027: work that does not fit\n")
        .expect("a heading for the work past the end");
    let overflow: Vec<_> = plan.months.iter().filter(|month| month.overflow).collect();
    assert!(!overflow.is_empty());
    for month in &plan.months {
        let heading = text
            .find(&format!("\n### Month {}: ", month.index))
            .unwrap_or_else(|| panic!("no heading for month {}", month.index));
        assert_eq!(heading > after, month.overflow, "month {}", month.index);
    }
    let late = plan.items.iter().filter(|item| item.overflow).count();
    assert!(late > 0);
    assert!(text.contains("runs past your planned end"));
}

/// The modules a learner already knows are named with the reason, what they have done is
/// ticked, and the notes on the profile (here: a module done before one it builds on) are
/// listed.
#[test]
fn what_the_plan_leaves_out_what_is_done_and_the_notes_are_listed() {
    let plan = TestProfile {
        done: vec!["maths", "ml-fundamentals"],
        ..TestProfile::default()
    }
    .plan();
    let done = &plan.progress.as_ref().expect("progress").done;
    assert!(!plan.skipped.is_empty() && done.len() == 2 && !plan.notes.is_empty());
    let text = render(&plan, None).expect("the plan renders");
    let runs = structure::text_runs(&text);
    for expected in plan
        .skipped
        .iter()
        .flat_map(|skipped| [&skipped.title, &skipped.reason])
        .chain(&plan.notes)
    {
        assert!(
            runs.iter().any(|run| run.contains(expected.as_str())),
            "{expected:?} is not in the output"
        );
    }
    for item in done {
        assert!(
            text.contains(&format!("- [x] {}", item.title)),
            "{} is not ticked",
            item.title
        );
    }
}

#[test]
fn the_render_entry_point_routes_markdown() {
    let plan = support::plan();
    let bytes = pivot::render::render(&plan, Format::Md, &options(None)).expect("renders");
    assert!(bytes.starts_with(b"# Priya Sharma: "));
}

/// Templates compiled once render every plan as templates compiled for it do, in turn and on
/// several threads at a time, as `pivot batch` uses them.
#[test]
fn templates_compiled_once_render_every_plan_alike() {
    let plans = example_plans();
    let expected: Vec<String> = plans
        .iter()
        .map(|(_, plan)| render(plan, None).expect("renders"))
        .collect();
    let templates = markdown::Templates::load(None).expect("the built-in templates compile");
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                for ((name, plan), expected) in plans.iter().zip(&expected) {
                    let bytes = templates.render(plan).expect("renders");
                    assert_eq!(&String::from_utf8_lossy(&bytes), expected, "{name}");
                }
            });
        }
    });
}

/// The parts a render may take are counted for each render: templates that take well over half
/// of them (three loops over the items, inside one another) render again and again.
#[test]
fn each_render_of_shared_templates_has_all_its_parts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let checks = "{{#if false}}{{/if}}".repeat(30);
    let loops = format!(
        "{}{checks}{}",
        "{{#each @root.items}}".repeat(3),
        "{{/each}}".repeat(3)
    );
    std::fs::write(dir.path().join("career.md.hbs"), loops).expect("write a template");
    let templates = markdown::Templates::load(Some(dir.path())).expect("the templates compile");
    let (_, plan) = example_plans()
        .into_iter()
        .find(|(name, _)| name.ends_with("software-engineer-to-ml-engineer.yaml"))
        .expect("the software engineer's example");
    for _ in 0..2 {
        templates
            .render(&plan)
            .unwrap_or_else(|err| panic!("{err}"));
    }
}

#[test]
fn exported_templates_render_the_same_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let written = pivot::app::export_templates(dir.path(), false).expect("export");
    assert_eq!(written.len(), markdown::TEMPLATES.len());
    let plan = support::plan();
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
    let text = render(&support::hostile(), Some(dir.path())).expect("renders");
    assert!(text.contains("## After the plan\n\nGood luck, Wei 北京 😀 Zhang \\*bold\\*"));
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
    let message = template_error(render(&support::plan(), Some(dir.path())));
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
    let message = template_error(render(&support::plan(), Some(dir.path())));
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
    let message = template_error(render(&support::plan(), Some(dir.path())));
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
    let message = template_error(render(&support::plan(), Some(dir.path())));
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("month.md.hbs:5:1: "), "{message}");
    assert!(message.contains("unclosed"), "{message}");
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope");
    let message = template_error(render(&support::plan(), Some(&missing)));
    assert!(message.contains("nope"), "{message}");
    assert!(message.contains("must be a folder"), "{message}");
}

#[test]
fn a_misnamed_template_file_is_an_error_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("sumary.md.hbs"), "## Summary\n").expect("write");
    std::fs::write(dir.path().join("README.txt"), "notes\n").expect("write");
    let message = template_error(render(&support::plan(), Some(dir.path())));
    assert!(message.contains("sumary.md.hbs"), "{message}");
    assert!(
        message.contains("did you mean `summary.md.hbs`?"),
        "{message}"
    );
}

/// Templates of one's own may include a partial with a hash, with a context of its own, and in
/// the caller's context, at the top and inside an `{{#each}}`, where it reads `@index`, `@first`
/// and, from a block of its own, the field of the context around it (`../`). Each reads what
/// handlebars.js gives it: handlebars.js 4.7.10 in strict mode renders these templates, with the
/// plan's months, weeks and name, to the same text.
#[test]
fn partials_read_their_context_as_handlebars_js_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let templates = [
        (
            "plan",
            "{{#each months}}\n{{> month}}\n{{/each}}\n{{> summary learner=name}}\n\
             {{> progress months.[1]}}\n{{> timeline}}\n",
        ),
        (
            "month",
            "Month {{index}} is entry {{@index}}{{#if @first}}, the first{{/if}}\
             {{#each weeks}}{{#if @last}}; week {{index}} closes month {{../index}}{{/if}}{{/each}}.\n",
        ),
        (
            "summary",
            "{{learner}} starts with month {{months.[0].index}}.\n",
        ),
        (
            "progress",
            "The second month is month {{index}}\
             {{#each weeks}}{{#if @first}}, from week {{index}}{{/if}}{{/each}}.\n",
        ),
        (
            "timeline",
            "{{#each months}}{{@index}}: month {{index}} for {{../name}}.\n{{/each}}",
        ),
    ];
    for (name, text) in templates {
        std::fs::write(dir.path().join(format!("{name}.md.hbs")), text).expect("write a template");
    }
    let text = render(&support::plan(), Some(dir.path())).expect("renders");
    assert_eq!(
        text,
        "Month 1 is entry 0, the first; week 5 closes month 1.\n\
         Month 2 is entry 1; week 9 closes month 2.\n\
         Month 3 is entry 2; week 13 closes month 3.\n\
         Priya Sharma starts with month 1.\n\
         The second month is month 2, from week 6.\n\
         0: month 1 for Priya Sharma.\n\
         1: month 2 for Priya Sharma.\n\
         2: month 3 for Priya Sharma.\n"
    );
}
