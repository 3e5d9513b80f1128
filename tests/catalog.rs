//! The built-in catalog's content and integrity, and the errors a broken `--data` folder gives.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use pivot::Profile;
use pivot::catalog::{Catalog, FILES, Family, OutreachKind, Provenance, RouteKind};
use pivot::plan::Plan;

fn builtin() -> Catalog {
    match Catalog::builtin() {
        Ok(catalog) => catalog,
        Err(err) => panic!("the built-in catalog must load: {err}"),
    }
}

fn builtin_text(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|file| file.name == name)
        .map(|file| file.yaml)
        .unwrap_or_else(|| panic!("{name} is a catalog file"))
}

fn has_provenance(p: &Provenance) -> bool {
    p.estimate || p.source.as_deref().is_some_and(|s| !s.trim().is_empty())
}

#[test]
fn builtin_catalog_has_the_required_content() {
    let c = builtin();
    let expect = |have: Vec<&str>, want: &[&str], what: &str| {
        for id in want {
            assert!(have.contains(id), "missing {what} `{id}`");
        }
    };
    expect(
        c.role_ids(),
        &[
            "ml-engineer",
            "data-scientist",
            "ai-researcher",
            "ai-product-manager",
            "prompt-engineer",
            "mlops-engineer",
        ],
        "role",
    );
    expect(
        c.background_ids(),
        &[
            "software-engineer",
            "data-analyst",
            "product-manager",
            "career-changer",
            "teacher",
            "healthcare-professional",
            "mechanical-engineer",
            "journalist",
            "devops-engineer",
            "academic-researcher",
            "designer",
            "finance-professional",
        ],
        "background",
    );
    expect(
        c.domain_ids(),
        &[
            "healthcare",
            "education",
            "robotics",
            "journalism",
            "finance",
            "retail",
            "manufacturing",
            "law",
            "climate",
            "public-sector",
            "marketing",
            "logistics",
        ],
        "domain",
    );
    expect(
        c.projects.iter().map(|p| p.id.as_str()).collect(),
        &["end-to-end", "kaggle", "paper-reproduction", "real-problem"],
        "project kind",
    );
    let tags = c.interest_tags();
    assert!(
        tags.contains("nlp") && tags.contains("vision"),
        "interest tags: {tags:?}"
    );

    let families = [
        Family::Engineering,
        Family::Data,
        Family::Research,
        Family::Product,
        Family::Prompt,
        Family::Ops,
    ];
    for domain in &c.domains {
        assert!(
            !domain.applications.is_empty(),
            "domain `{}` lists no applications",
            domain.id
        );
        for family in families {
            assert!(
                domain.project_ideas.iter().any(|i| i.family == family),
                "domain `{}` has no project idea for the {family:?} family",
                domain.id
            );
        }
    }
    for role in &c.roles {
        assert!(
            !role.typical_background_ids.is_empty(),
            "role `{}` names no typical background id",
            role.id
        );
        assert!(
            !role.first_job.is_empty(),
            "role `{}` says nothing about the first job",
            role.id
        );
        let families_with_kind = role
            .project_kinds
            .iter()
            .filter_map(|k| c.project(k))
            .all(|k| k.families.contains(&role.family));
        assert!(
            families_with_kind,
            "role `{}` lists a project kind not meant for its family",
            role.id
        );
    }
    for route in [RouteKind::Bootcamp, RouteKind::Masters] {
        assert!(
            c.resources
                .iter()
                .any(|r| r.route == route && r.cost.is_some()),
            "no costed resource for the {route} route"
        );
    }
}

/// Months from the start of a plan to its finish date, as the verdict counts them.
fn months_taken(plan: &Plan) -> f64 {
    (plan.feasibility.finish_date - plan.start).num_days() as f64 / 30.44
}

/// The plan a learner gets who moves from `background` to `role` at `hours` a week, knowing only
/// what the background brings, with the default length of plan, from Monday 4 January 2027.
fn plan_move(catalog: &Catalog, background: &str, role: &str, hours: f64) -> Plan {
    let yaml = format!(
        "name: Test Learner\nbackground: {background}\ntarget_role: {role}\nhours_per_week: {hours}\nstart: 2027-01-04\n"
    );
    let profile = Profile::from_str(Path::new("profile.yaml"), &yaml, catalog)
        .unwrap_or_else(|err| panic!("{background} to {role}: {err}"));
    let today = NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date");
    pivot::schedule::schedule(&profile, catalog, today)
        .unwrap_or_else(|err| panic!("{background} to {role}: {err}"))
}

/// The lesson's realistic ranges are a check on the catalog's hours, not decoration: every move
/// the catalog takes from the lesson (each timeline not marked as an estimate), planned at 10
/// and at 15 hours a week, finishes within the lesson's range. When one does not, the catalog's
/// hours are wrong, or the range does not apply to the move: change the catalog, with a source.
/// The estimated ranges are printed beside them, for comparison.
#[test]
fn every_move_the_lesson_gives_a_range_for_takes_as_long_as_the_lesson_says() {
    let c = builtin();
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    println!();
    println!("| Background | Role | Range (months) | At 10 h | At 15 h | Range from |");
    println!("|---|---|---|---:|---:|---|");
    for background in &c.backgrounds {
        for (role, timeline) in &background.timelines {
            let [low, high] = timeline.months;
            let taken: Vec<f64> = [10.0, 15.0]
                .into_iter()
                .map(|hours| months_taken(&plan_move(&c, &background.id, role, hours)))
                .collect();
            let from_lesson = !timeline.provenance.estimate;
            println!(
                "| {} | {role} | {low}-{high} | {:.1} | {:.1} | {} |",
                background.id,
                taken[0],
                taken[1],
                if from_lesson { "lesson" } else { "estimate" }
            );
            if !from_lesson {
                continue;
            }
            checked.push((background.id.as_str(), role.as_str()));
            for (hours, months) in [10, 15].into_iter().zip(taken) {
                if !(f64::from(low)..=f64::from(high)).contains(&months) {
                    failures.push(format!(
                        "{} to {role} at {hours} h a week takes {months:.1} months; the lesson says {low}-{high}",
                        background.id
                    ));
                }
            }
        }
    }
    for lesson_move in [
        ("software-engineer", "ml-engineer"),
        ("data-analyst", "data-scientist"),
        ("product-manager", "ai-product-manager"),
        ("career-changer", "ml-engineer"),
        ("career-changer", "data-scientist"),
        ("career-changer", "mlops-engineer"),
    ] {
        assert!(
            checked.contains(&lesson_move),
            "{lesson_move:?} is a move the lesson gives a range for"
        );
    }
    assert!(
        failures.is_empty(),
        "plans outside the lesson's ranges: {failures:#?}"
    );
}

#[test]
fn path_prerequisites_come_before_the_modules_that_need_them() {
    let c = builtin();
    for role in &c.roles {
        for (i, id) in role.path.iter().enumerate() {
            let module = c.module(id).expect("path modules resolve");
            for r in &module.requires {
                assert!(
                    role.path[..i].contains(r),
                    "role `{}`: `{id}` needs `{r}`, which is not earlier in the path",
                    role.id
                );
            }
        }
        for id in &role.project_after {
            assert!(
                role.path.contains(id),
                "role `{}`: project_after `{id}` is not on the path",
                role.id
            );
        }
        for id in &role.optional {
            assert!(
                !role.path.contains(id),
                "role `{}`: `{id}` is both on the path and optional",
                role.id
            );
            let module = c.module(id).expect("optional modules resolve");
            for r in &module.requires {
                assert!(
                    role.path.contains(r) || role.optional.contains(r),
                    "role `{}`: optional `{id}` needs `{r}`, which the role never schedules",
                    role.id
                );
            }
        }
    }
}

#[test]
fn every_module_has_a_resource_an_outcome_and_a_self_check() {
    let c = builtin();
    for module in &c.modules {
        assert!(
            !module.resources.is_empty(),
            "module `{}` has no resource",
            module.id
        );
        assert!(
            !module.skills.is_empty(),
            "module `{}` teaches no skill",
            module.id
        );
        assert!(
            module.outcome.trim().len() > 20,
            "module `{}` has no concrete outcome",
            module.id
        );
        assert!(
            module.self_check.starts_with("Can you") && module.self_check.ends_with('?'),
            "module `{}`: the self-check should be a question starting `Can you`",
            module.id
        );
    }
    let used: BTreeSet<&str> = c
        .modules
        .iter()
        .flat_map(|m| m.resources.iter().map(|r| r.id.as_str()))
        .collect();
    for resource in &c.resources {
        assert!(
            resource.url.starts_with("https://"),
            "resource `{}` has no https URL",
            resource.id
        );
        assert!(
            resource.route != RouteKind::SelfStudy || used.contains(resource.id.as_str()),
            "self-study resource `{}` is used by no module",
            resource.id
        );
    }
}

#[test]
fn every_figure_has_a_source_or_is_marked_an_estimate() {
    let c = builtin();
    let mut missing = Vec::new();
    for m in &c.modules {
        if !has_provenance(&m.provenance) {
            missing.push(format!("module `{}` hours", m.id));
        }
    }
    for r in &c.resources {
        if r.hours.is_some() && !has_provenance(&r.provenance) {
            missing.push(format!("resource `{}` hours", r.id));
        }
        if let Some(cost) = &r.cost {
            if !has_provenance(&cost.provenance) {
                missing.push(format!("resource `{}` cost", r.id));
            }
            assert_eq!(
                cost.currency, "USD",
                "resource `{}`: the sources give prices in USD",
                r.id
            );
            assert!(
                cost.amount > 0.0,
                "resource `{}`: a cost must be positive (free has no cost)",
                r.id
            );
        }
    }
    for b in &c.backgrounds {
        for (role, t) in &b.timelines {
            if !has_provenance(&t.provenance) {
                missing.push(format!("background `{}` timeline to `{role}`", b.id));
            }
        }
    }
    for p in &c.projects {
        for phase in &p.phases {
            if !has_provenance(&phase.provenance) {
                missing.push(format!("project `{}` phase `{}`", p.id, phase.id));
            }
        }
    }
    for o in &c.outreach {
        if !has_provenance(&o.provenance) {
            missing.push(format!("outreach `{}`", o.id));
        }
    }
    for r in &c.routes {
        if !has_provenance(&r.provenance) {
            missing.push(format!("route `{}`", r.id));
        }
    }
    assert!(
        missing.is_empty(),
        "figures without a source or estimate: {missing:?}"
    );
}

#[test]
fn lesson_timelines_are_stated_not_estimated() {
    let c = builtin();
    for (background, role, months) in [
        ("software-engineer", "ml-engineer", [6, 12]),
        ("data-analyst", "data-scientist", [4, 8]),
        ("product-manager", "ai-product-manager", [3, 6]),
        ("career-changer", "ml-engineer", [12, 24]),
    ] {
        let t = &c
            .background(background)
            .expect("background exists")
            .timelines[role];
        assert_eq!(t.months, months, "{background} to {role}");
        assert!(
            !t.provenance.estimate,
            "{background} to {role} comes from the lesson"
        );
        assert!(
            t.provenance
                .source
                .as_deref()
                .is_some_and(|s| s.starts_with("lesson"))
        );
    }
}

#[test]
fn outreach_covers_the_lesson_and_the_template_has_every_placeholder() {
    let c = builtin();
    let kinds: BTreeSet<OutreachKind> = c.outreach.iter().map(|o| o.kind).collect();
    for kind in [
        OutreachKind::Community,
        OutreachKind::Meetup,
        OutreachKind::Post,
        OutreachKind::ColdOutreach,
        OutreachKind::OpenSource,
        OutreachKind::Cv,
        OutreachKind::Applications,
    ] {
        assert!(kinds.contains(&kind), "no outreach task of kind {kind:?}");
    }
    let cold = c
        .outreach
        .iter()
        .find(|o| o.kind == OutreachKind::ColdOutreach)
        .and_then(|o| o.template.as_deref())
        .expect("cold outreach has a template");
    assert!(cold.contains("I read your blog post about X and I would love to ask about Y"));
    for placeholder in ["{name}", "{role}", "{background}", "{domain}"] {
        assert!(
            cold.contains(placeholder),
            "the template lacks {placeholder}"
        );
    }
    let links: Vec<&str> = c
        .outreach
        .iter()
        .flat_map(|o| o.links.iter().map(|l| l.url.as_str()))
        .collect();
    for url in [
        "https://go.mlops.community/slack",
        "https://hf.co/join/discord",
        "https://www.kaggle.com/discussions",
    ] {
        assert!(links.contains(&url), "no link to {url}");
    }
}

// ---------------------------------------------------------------------------------------------
// A `--data` folder: partial overrides and the errors a broken one gives.

/// A folder holding `files` (name, contents).
/// A plan writes a route's typical length and cost in one sentence ("Typically: 3-6 months; GBP
/// 5,000-15,000 ..."), so neither may hold a semicolon of its own or end a sentence.
#[test]
fn route_lengths_and_costs_read_as_parts_of_one_sentence() {
    for route in &builtin().routes {
        for (field, text) in [
            ("typical_duration", &route.typical_duration),
            ("typical_cost", &route.typical_cost),
        ] {
            let id = route.id;
            assert!(!text.contains(';'), "{id}.{field}: `{text}`");
            assert!(!text.ends_with('.'), "{id}.{field}: `{text}`");
        }
    }
}

fn data_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, text) in files {
        fs::write(dir.path().join(name), text).expect("write a catalog file");
    }
    dir
}

/// The built-in file with `extra` appended, and the 1-based line where `extra` starts.
fn builtin_plus(name: &str, extra: &str) -> (String, u64) {
    let base = builtin_text(name);
    let separator = if base.ends_with('\n') { "" } else { "\n" };
    let first_line = base.lines().count() as u64 + 1;
    (format!("{base}{separator}{extra}"), first_line)
}

fn load_error(dir: &Path) -> String {
    match Catalog::load(Some(dir)) {
        Ok(_) => panic!("the catalog in {} should not load", dir.display()),
        Err(err) => err.to_string(),
    }
}

/// Loads the built-in modules plus `extra` from a `--data` folder, checks the error names the
/// file, the line of the first added module and `id`, and returns the message.
fn modules_error(extra: &str, id: &str) -> String {
    let (text, line) = builtin_plus("modules.yaml", extra);
    let dir = data_dir(&[("modules.yaml", &text)]);
    let message = load_error(dir.path());
    assert_names(&message, &dir.path().join("modules.yaml"), line, id);
    message
}

fn assert_names(message: &str, file: &Path, line: u64, id: &str) {
    let place = format!("{}:{line}:", file.display());
    assert!(
        message.starts_with(&place),
        "`{message}` should start with `{place}`"
    );
    assert!(
        message.contains(&format!("`{id}`")),
        "`{message}` should name `{id}`"
    );
}

const MODULE: &str = "\
- id: ID
  title: A test module
  summary: A module added by a test.
  skills: [python]
  hours: HOURS
  estimate: true
  stage: foundation
  requires: [REQUIRES]
  resources: [python-tutorial]
  outcome: Something concrete.
  self_check: Can you explain it?
";

fn module(id: &str, hours: &str, requires: &str) -> String {
    MODULE
        .replace("ID", id)
        .replace("HOURS", hours)
        .replace("REQUIRES", requires)
}

/// Four thousand modules (about 1.4 MiB and 110,000 nodes), each after the one before, all on
/// the ML engineer's path: more than a profile may hold, and well within a catalog file's limits.
#[test]
fn a_catalog_of_thousands_of_modules_loads() {
    const COUNT: usize = 4_000;
    let modules: String = (1..=COUNT)
        .map(|i| {
            let requires = if i == 1 {
                "programming-foundations".to_string()
            } else {
                format!("many-{}", i - 1)
            };
            module(&format!("many-{i}"), "1", &requires)
        })
        .collect();
    let (modules, _) = builtin_plus("modules.yaml", &modules);
    let path: Vec<String> = (1..=COUNT).map(|i| format!("many-{i}")).collect();
    let roles = builtin_text("roles.yaml").replacen(
        "  path: [",
        &format!("  path: [{}, ", path.join(", ")),
        1,
    );
    let dir = data_dir(&[("modules.yaml", &modules), ("roles.yaml", &roles)]);
    let catalog = Catalog::load(Some(dir.path())).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(catalog.modules.len(), builtin().modules.len() + COUNT);
    assert_eq!(
        catalog.roles[0].path.len(),
        builtin().roles[0].path.len() + COUNT
    );
}

#[test]
fn an_empty_data_folder_gives_the_builtin_catalog() {
    let dir = data_dir(&[]);
    let catalog = Catalog::load(Some(dir.path())).expect("an empty folder is fine");
    assert_eq!(catalog.modules.len(), builtin().modules.len());
}

#[test]
fn a_data_folder_may_replace_one_file() {
    let outreach = "\
- id: only-task
  title: The only task
  kind: meetup
  hours: 2
  estimate: true
  cadence: monthly
  window: [1, 6]
  details: Go to a meetup.
";
    let dir = data_dir(&[("outreach.yaml", outreach)]);
    let catalog = Catalog::load(Some(dir.path())).expect("a partial folder loads");
    assert_eq!(catalog.outreach.len(), 1);
    assert_eq!(catalog.outreach[0].id, "only-task");
    assert_eq!(
        catalog.roles.len(),
        builtin().roles.len(),
        "roles still come from the built-in catalog"
    );
}

#[test]
fn a_duplicate_id_names_the_file_line_and_id() {
    let message = modules_error(&module("ml-fundamentals", "10", ""), "ml-fundamentals");
    assert!(message.contains("defined twice"), "{message}");
}

#[test]
fn an_unknown_reference_names_the_file_line_and_id() {
    let message = modules_error(&module("orphan", "10", "no-such-module"), "orphan");
    assert!(
        message.contains("unknown module `no-such-module`"),
        "{message}"
    );
}

#[test]
fn an_unknown_module_in_a_role_path_names_the_role() {
    let text = builtin_text("roles.yaml").replacen(
        "path: [programming-foundations,",
        "path: [programming-fundations,",
        1,
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("- id: "))
        .expect("a role") as u64
        + 1;
    let dir = data_dir(&[("roles.yaml", &text)]);
    let message = load_error(dir.path());
    assert_names(
        &message,
        &dir.path().join("roles.yaml"),
        line,
        "ml-engineer",
    );
    assert!(
        message.contains("path names unknown module `programming-fundations`"),
        "{message}"
    );
}

#[test]
fn a_prerequisite_cycle_names_the_file_line_and_modules() {
    let extra = format!(
        "{}{}",
        module("cycle-a", "5", "cycle-b"),
        module("cycle-b", "5", "cycle-a")
    );
    let message = modules_error(&extra, "cycle-a");
    assert!(
        message.contains("cycle-a -> cycle-b -> cycle-a"),
        "{message}"
    );
}

/// The error (and its help line) for the built-in modules plus `extra`, and the line where
/// `extra` starts.
fn added_module_error(extra: &str) -> (String, u64) {
    let (text, line) = builtin_plus("modules.yaml", extra);
    let dir = data_dir(&[("modules.yaml", &text)]);
    let Err(err) = Catalog::load(Some(dir.path())) else {
        panic!("the added module is refused");
    };
    let message = format!("{err}\nhelp: {}", err.help().unwrap_or(""));
    (message, line)
}

#[test]
fn a_zero_effort_module_names_the_file_line_and_id() {
    let entry = builtin().modules.len() + 1;
    let (message, line) = added_module_error(&module("no-effort", "0", ""));
    let expected = format!(
        ":{}:10: modules[{entry}].hours: module `no-effort` takes 0 hours; allowed: 0.25 to 500 hours",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
}

/// `hours` sits beside the provenance fields that are flattened into a module; the error still
/// points at the `hours` line, not at the module's first line.
#[test]
fn a_negative_module_effort_is_named_at_its_hours() {
    let entry = builtin().modules.len() + 1;
    let (message, line) = added_module_error(&module("backwards", "-5", ""));
    let expected = format!(
        "modules.yaml:{}:10: modules[{entry}].hours: module `backwards` takes -5 hours; allowed: 0.25 to 500 hours",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
}

#[test]
fn a_module_of_a_million_hours_is_named_at_its_hours() {
    let entry = builtin().modules.len() + 1;
    let (message, line) = added_module_error(&module("huge", "1000000", ""));
    let expected = format!(
        "modules.yaml:{}:10: modules[{entry}].hours: module `huge` takes 1000000 hours; allowed: 0.25 to 500 hours, in steps of 0.25\nhelp: split it",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
}

#[test]
fn hours_between_quarter_hours_are_refused_as_in_a_profile() {
    let entry = builtin().modules.len() + 1;
    let (message, line) = added_module_error(&module("tiny", "0.001", ""));
    let expected = format!(
        ":{}:10: modules[{entry}].hours: module `tiny`: 0.001 is not a whole number of quarter hours; allowed: steps of 0.25",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
    assert!(message.ends_with("help: write 0.25"), "{message}");
    let (message, _) = added_module_error(&module("odd", "10.1", ""));
    assert!(message.ends_with("help: write 10 or 10.25"), "{message}");
}

#[test]
fn a_figure_without_a_source_or_an_estimate_is_refused() {
    let entry = builtin().modules.len() + 1;
    let unsourced = module("unsourced", "10", "").replace("  estimate: true\n", "");
    let (message, line) = added_module_error(&unsourced);
    let expected = format!(
        ":{}:10: modules[{entry}].hours: module `unsourced`: the figure has no `source` and is not marked `estimate: true`",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
    let blank = module("blank", "10", "").replace("  estimate: true\n", "  source: \" \"\n");
    let (message, _) = added_module_error(&blank);
    assert!(message.contains("has no `source`"), "{message}");

    let outreach = "\
- id: unsourced
  title: A task
  kind: post
  hours: 1
  cadence: monthly
  window: [1, 6]
  details: Post.
";
    let dir = data_dir(&[("outreach.yaml", outreach)]);
    let message = load_error(dir.path());
    assert!(
        message
            .contains(":4:10: outreach[1].hours: outreach `unsourced`: the figure has no `source`"),
        "{message}"
    );
}

#[test]
fn a_role_lists_each_module_once() {
    let roles = builtin_text("roles.yaml");
    let twice = roles.replacen(
        "path: [programming-foundations, programming-practice,",
        "path: [programming-foundations, programming-practice, programming-foundations,",
        1,
    );
    let both = roles.replacen(
        "optional: [transformers-nlp,",
        "optional: [transformers-nlp, deep-learning,",
        1,
    );
    let line_of = |text: &str, start: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(start))
            .expect("the line")
            + 1
    };
    for (text, expected) in [
        (
            &twice,
            format!(
                ":{}:57: roles[1].path[3]: role `ml-engineer` lists module `programming-foundations` again, first as `path[1]`; allowed: each module once",
                line_of(&twice, "path:")
            ),
        ),
        (
            &both,
            format!(
                ":{}:32: roles[1].optional[2]: role `ml-engineer` lists module `deep-learning` again, first as `path[7]`",
                line_of(&both, "optional:")
            ),
        ),
    ] {
        let dir = data_dir(&[("roles.yaml", text)]);
        let message = load_error(dir.path());
        assert!(message.contains(&expected), "{expected}\n{message}");
    }
}

#[test]
fn a_negative_effort_names_the_file_line_and_id() {
    let outreach = "\
- id: fine
  title: A fine task
  kind: post
  hours: 1
  estimate: true
  cadence: monthly
  window: [1, 6]
  details: Post.
- id: backwards
  title: A task that gives time back
  kind: post
  hours: -1
  estimate: true
  cadence: monthly
  window: [1, 6]
  details: Post.
";
    let dir = data_dir(&[("outreach.yaml", outreach)]);
    let message = load_error(dir.path());
    assert_names(&message, &dir.path().join("outreach.yaml"), 12, "backwards");
    assert!(
        message.contains(":12:10: outreach[2].hours: outreach `backwards` takes -1 hours"),
        "{message}"
    );

    let project = "\
- id: broken-kind
  title: A project kind with a negative phase
  summary: For a test.
  families: [engineering]
  deploy_targets: [Hugging Face Spaces]
  checklist: [A README]
  phases:
    - id: build
      title: Build
      hours: -3
      estimate: true
      outcome: Nothing.
      details: Nothing.
";
    let (text, line) = builtin_plus("projects.yaml", project);
    let dir = data_dir(&[("projects.yaml", &text)]);
    let message = load_error(dir.path());
    assert_names(
        &message,
        &dir.path().join("projects.yaml"),
        line + 9,
        "broken-kind",
    );
    let entry = builtin().projects.len() + 1;
    assert!(
        message.contains(&format!(
            ":{}:14: projects[{entry}].phases[1].hours: phase `build` of project `broken-kind` takes -3 hours",
            line + 9
        )),
        "{message}"
    );
}

#[test]
fn a_yaml_syntax_error_names_the_file_and_line() {
    let roles = "\
- id: ml-engineer
  title: [ML Engineer
  summary: unterminated list above
";
    let dir = data_dir(&[("roles.yaml", roles)]);
    let message = load_error(dir.path());
    let file = dir.path().join("roles.yaml");
    let prefix = format!("{}:", file.display());
    assert!(
        message.starts_with(&prefix),
        "`{message}` should name {}",
        file.display()
    );
    let line: u64 = message[prefix.len()..]
        .split(':')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("`{message}` should give a line number"));
    assert!(
        (2..=4).contains(&line),
        "`{message}` should point near line 2"
    );
}

#[test]
fn a_wrong_type_names_the_file_line_and_field() {
    let (text, line) = builtin_plus("modules.yaml", &module("wordy", "lots", ""));
    let dir = data_dir(&[("modules.yaml", &text)]);
    let message = load_error(dir.path());
    let hours_line = line + 4;
    let place = format!(
        "{}:{hours_line}:",
        dir.path().join("modules.yaml").display()
    );
    assert!(
        message.starts_with(&place),
        "`{message}` should start with `{place}`"
    );
}

#[test]
fn a_misspelt_key_names_the_entry_and_the_key() {
    let roles = builtin_text("roles.yaml").replacen("  title:", "  titel:", 1);
    let dir = data_dir(&[("roles.yaml", &roles)]);
    let message = load_error(dir.path());
    assert!(
        message.contains(": roles[1].titel: unknown key"),
        "{message}"
    );

    let extra = module("misspelt", "10", "").replace("  hours:", "  effort_hours:");
    let (text, _) = builtin_plus("modules.yaml", &extra);
    let dir = data_dir(&[("modules.yaml", &text)]);
    let message = load_error(dir.path());
    let entry = builtin().modules.len() + 1;
    assert!(
        message.contains(&format!(": modules[{entry}].hours: is required here")),
        "{message}"
    );
}

#[test]
fn an_unknown_key_beside_the_provenance_is_pointed_at() {
    let extra = format!("{}  efort: 3\n", module("extra-key", "10", ""));
    let (text, line) = builtin_plus("modules.yaml", &extra);
    let dir = data_dir(&[("modules.yaml", &text)]);
    let message = load_error(dir.path());
    let place = format!(
        "{}:{}:3: modules[{}].efort: unknown key",
        dir.path().join("modules.yaml").display(),
        line + 11,
        builtin().modules.len() + 1
    );
    assert!(
        message.starts_with(&place),
        "`{message}` should start with `{place}`"
    );
}

#[test]
fn a_wrong_value_in_an_added_module_is_named_by_its_path() {
    let entry = builtin().modules.len() + 1;
    // (the message with its help line, the line where the added module starts)
    let error_for = |extra: String| {
        let (text, line) = builtin_plus("modules.yaml", &extra);
        let dir = data_dir(&[("modules.yaml", &text)]);
        let err = Catalog::load(Some(dir.path())).expect_err("the added module is refused");
        (format!("{err}\nhelp: {}", err.help().unwrap_or("")), line)
    };

    let (message, line) =
        error_for(module("staged", "10", "").replace("foundation", "foundationx"));
    assert!(
        message.contains(&format!(
            ":{}:10: modules[{entry}].stage: `foundationx` is not allowed; allowed: foundation, building, polish",
            line + 6
        )),
        "{message}"
    );
    assert!(message.contains("did you mean `foundation`?"), "{message}");

    let (message, line) =
        error_for(module("listed", "10", "").replace("stage: foundation", "stage: [foundation]"));
    assert!(
        message.contains(&format!(
            ":{}:10: modules[{entry}].stage: expected a single value",
            line + 6
        )),
        "{message}"
    );

    let (message, line) = error_for(module("counted", "ten", ""));
    assert!(
        message.contains(&format!(
            ":{}:10: modules[{entry}].hours: expected a number",
            line + 4
        )),
        "{message}"
    );

    let (message, line) = error_for(module("titled", "10", "").replace("A test module", "[a, b]"));
    assert!(
        message.contains(&format!(
            ":{}:10: modules[{entry}].title: expected a single value",
            line + 1
        )),
        "{message}"
    );
}

#[test]
fn a_data_entry_that_is_not_a_file_is_named_not_ignored() {
    let dir = data_dir(&[]);
    let path = |name: &str| dir.path().join(name);
    fs::create_dir(path("roles.yaml")).expect("a folder");
    let made = std::process::Command::new("mkfifo")
        .arg(path("backgrounds.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo makes a pipe");
    std::os::unix::fs::symlink("nowhere.yaml", path("domains.yaml")).expect("a link");
    std::os::unix::fs::symlink("/dev/zero", path("skills.yaml")).expect("a link");
    let expected = [
        ("roles.yaml", "is a folder, not a file".to_string()),
        ("backgrounds.yaml", "is a pipe, not a file".to_string()),
        (
            "domains.yaml",
            "is a link to `nowhere.yaml`, which does not exist".to_string(),
        ),
        (
            "skills.yaml",
            "is a link to `/dev/zero`, which is a device, not a file".to_string(),
        ),
    ];
    // Each is reported in turn, in the order the files load.
    for (name, message) in expected {
        let err = load_error(dir.path());
        assert_eq!(err, format!("{}: {message}", path(name).display()));
        match fs::remove_dir(path(name)) {
            Ok(()) => {}
            Err(_) => fs::remove_file(path(name)).expect("remove it"),
        }
    }
    Catalog::load(Some(dir.path())).expect("the folder is empty again");
}

#[test]
fn a_catalog_file_over_the_size_limit_gets_help_for_a_catalog_file() {
    let dir = data_dir(&[("modules.yaml", &"#".repeat(16 * 1024 * 1024 + 1))]);
    let err = Catalog::load(Some(dir.path())).expect_err("too large");
    assert!(
        err.to_string().ends_with(
            "modules.yaml: the file is 16,385 KiB; pivot reads catalog files of at most 16 MiB"
        ),
        "{err}"
    );
    let help = err.help().unwrap_or_default();
    assert!(
        help.contains("A catalog file is a list of entries"),
        "{help}"
    );
    assert!(!help.contains("profile"), "{help}");
}

#[test]
fn a_number_in_quotes_is_refused_as_in_a_profile() {
    let entry = builtin().modules.len() + 1;
    let (text, line) = builtin_plus("modules.yaml", &module("quoted", "\"10\"", ""));
    let dir = data_dir(&[("modules.yaml", &text)]);
    let Err(err) = Catalog::load(Some(dir.path())) else {
        panic!("a quoted number is refused");
    };
    assert_eq!(
        err.to_string(),
        format!(
            "{}:{}:10: modules[{entry}].hours: expected a number, found the text \"10\" in quotes",
            dir.path().join("modules.yaml").display(),
            line + 4
        )
    );
    assert_eq!(err.help(), Some("write it without quotes: `hours: 10`"));

    let outreach = "\
- id: quoted
  title: A task
  kind: post
  hours: '1.5'
  estimate: true
  cadence: monthly
  window: [1, 6]
  details: Post.
";
    let dir = data_dir(&[("outreach.yaml", outreach)]);
    let message = load_error(dir.path());
    assert!(
        message.ends_with(
            ":4:10: outreach[1].hours: expected a number, found the text \"1.5\" in quotes"
        ),
        "{message}"
    );
}

/// The test module with `resources` in place of its one resource.
fn module_assigning(id: &str, hours: &str, resources: &str) -> String {
    module(id, hours, "").replace(
        "  resources: [python-tutorial]",
        &format!("  resources: {resources}"),
    )
}

#[test]
fn a_module_with_fewer_hours_than_the_resources_it_assigns_is_refused_at_its_hours() {
    let entry = builtin().modules.len() + 1;
    let (message, line) = added_module_error(&module_assigning(
        "behind",
        "50",
        "[ml-specialization, kaggle-sql]",
    ));
    let expected = format!(
        ":{}:10: modules[{entry}].hours: module `behind` takes 50 hours, less than the 111 stated hours of what it assigns (Machine Learning Specialization (3 courses): 108 h; Kaggle Learn, Intro to SQL: 3 h); allowed: at least 111",
        line + 4
    );
    assert!(message.contains(&expected), "{expected}\n{message}");
    assert!(message.contains("help: raise `hours`"), "{message}");
}

#[test]
fn a_part_of_a_resource_counts_its_own_hours() {
    let part = r#"[{ id: ml-specialization, part: "courses 1 and 2", hours: 72 }]"#;
    let (text, _) = builtin_plus("modules.yaml", &module_assigning("enough", "80", part));
    let dir = data_dir(&[("modules.yaml", &text)]);
    let catalog = Catalog::load(Some(dir.path())).expect("80 hours cover a 72-hour part");
    let assigned = &catalog
        .module("enough")
        .expect("the added module")
        .resources[0];
    assert_eq!(assigned.part.as_deref(), Some("courses 1 and 2"));
    assert_eq!(assigned.hours, Some(72.0));

    let (message, _) = added_module_error(&module_assigning("short", "60", part));
    assert!(
        message.contains("takes 60 hours, less than the 72 stated hours of what it assigns (Machine Learning Specialization (3 courses), courses 1 and 2: 72 h)"),
        "{message}"
    );
}

#[test]
fn a_part_must_say_its_hours_within_the_resources_and_name_itself() {
    let entry = builtin().modules.len() + 1;
    for (resources, field, says) in [
        (
            r#"[{ id: ml-specialization, part: "all of it and more", hours: 200 }]"#,
            "resources[1].hours",
            "takes 200 hours, more than the 108 hours of the whole resource; allowed: at most 108",
        ),
        (
            r#"[{ id: ml-specialization, part: "course 1" }]"#,
            "resources[1]",
            "gives no hours, but the resource states 108; allowed: the part's share of them as `hours`",
        ),
        (
            r#"[{ id: ml-specialization, part: " ", hours: 36 }]"#,
            "resources[1].part",
            "is empty; allowed: the part to do",
        ),
        (
            r#"[{ id: ml-specialization, part: "course 1", hours: 0 }]"#,
            "resources[1].hours",
            "takes 0 hours; allowed: more than 0",
        ),
    ] {
        let (message, line) = added_module_error(&module_assigning("parted", "300", resources));
        let place = format!(":{}:", line + 8);
        let field = format!(" modules[{entry}].{field}: module `parted`: part ");
        assert!(
            message.contains(&place) && message.contains(&field) && message.contains(says),
            "{place} {field} {says}\n{message}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Money and place: exchange rates, the places of time zones, and the communities of each role.

/// The 1-based line and column of the first `needle` in `text`.
fn place_in(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is in the text"));
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, column)
}

#[test]
fn a_cost_in_a_currency_without_a_rate_is_refused_at_its_currency() {
    let text = builtin_text("resources.yaml").replacen("currency: USD", "currency: CHX", 1);
    let dir = data_dir(&[("resources.yaml", &text)]);
    let message = load_error(dir.path());
    let (line, column) = place_in(&text, "CHX");
    let entry = text[..text.find("CHX").expect("the code")]
        .matches("\n- id: ")
        .count();
    let file = dir.path().join("resources.yaml");
    let expected = format!(
        "{}:{line}:{column}: resources[{entry}].cost.currency: resource `ml-specialization`: \
         rates.yaml has no rate for `CHX`",
        file.display()
    );
    assert!(message.starts_with(&expected), "{expected}\n{message}");
    assert!(message.contains("allowed: EUR, USD,"), "{message}");
}

#[test]
fn a_rate_is_of_another_currency_than_the_euro_more_than_nothing_and_sourced() {
    let refused = |rates: &str| {
        let dir = data_dir(&[("rates.yaml", rates)]);
        let message = load_error(dir.path());
        let file = dir.path().join("rates.yaml").display().to_string();
        message
            .strip_prefix(&file)
            .unwrap_or_else(|| panic!("`{message}` names {file}"))
            .to_string()
    };
    let nothing = refused("- { currency: USD, per_euro: 0, date: 2025-02-28, source: \"ECB\" }\n");
    assert!(
        nothing.starts_with(
            ":1:30: rates[1].per_euro: rate `USD`: one euro is worth 0 of it; allowed: more than 0"
        ),
        "{nothing}"
    );
    let unsourced = refused("- { currency: USD, per_euro: 1.1, date: 2025-02-28 }\n");
    assert!(
        unsourced.starts_with(":1:30: rates[1].per_euro: rate `USD`: the figure has no `source`"),
        "{unsourced}"
    );
    let euro = refused("- { currency: EUR, per_euro: 1, date: 2025-02-28, source: \"ECB\" }\n");
    assert!(
        euro.starts_with(
            ":1:15: rates[1].currency: rate `EUR`: every rate is given against the euro"
        ),
        "{euro}"
    );
    let twice = refused(
        "- { currency: USD, per_euro: 1.1, date: 2025-02-28, source: \"ECB\" }\n\
         - { currency: USD, per_euro: 1.2, date: 2025-02-28, source: \"ECB\" }\n",
    );
    assert!(
        twice.contains("rate currency `USD` is defined twice (first at line 1)"),
        "{twice}"
    );
}

#[test]
fn a_place_is_a_real_time_zone_with_a_city_and_a_currency_that_has_a_rate() {
    let refused = |places: &str| {
        let dir = data_dir(&[("places.yaml", places)]);
        load_error(dir.path())
    };
    let nowhere = refused("- { zone: Mars/Olympus_Mons, city: Olympus, currency: USD }\n");
    assert!(
        nowhere.contains(
            ":1:11: places[1].zone: place `Mars/Olympus_Mons` is not a time zone; allowed: an IANA time zone name"
        ),
        "{nowhere}"
    );
    let no_city = refused("- { zone: Europe/Paris, city: \" \", currency: EUR }\n");
    assert!(no_city.contains(":1:31: places[1].city:"), "{no_city}");
    let no_rate = refused("- { zone: Europe/Paris, city: Paris, currency: XYZ }\n");
    assert!(
        no_rate.contains(
            ":1:48: places[1].currency: place `Europe/Paris`: rates.yaml has no rate for `XYZ`"
        ),
        "{no_rate}"
    );
}

#[test]
fn every_community_says_where_it_comes_from() {
    let source = "source: \"lesson: Networking Strategies (Kaggle forums)\" ";
    let text = builtin_text("outreach.yaml").replacen(&format!(", {source}"), " ", 1);
    let dir = data_dir(&[("outreach.yaml", &text)]);
    let message = load_error(dir.path());
    assert!(
        message.contains(
            "outreach[1].links[2]: outreach `join-communities`: the community `Kaggle discussion forums` has no `source`"
        ),
        "{message}"
    );
}

#[test]
fn a_title_with_a_city_says_where_the_city_goes() {
    let text = builtin_text("outreach.yaml").replacen("in or near {city}", "nearby", 1);
    let dir = data_dir(&[("outreach.yaml", &text)]);
    let message = load_error(dir.path());
    let (line, column) = place_in(&text, "Go to an AI or ML meetup nearby");
    assert!(
        message.contains(&format!(
            ":{line}:{column}: outreach[5].title_with_city: outreach `local-meetup`: `Go to an AI or ML meetup nearby` does not say where the city goes"
        )),
        "{message}"
    );
}

#[test]
fn a_route_takes_fewer_hours_part_time_than_full_time() {
    let text = builtin_text("routes.yaml").replacen("hours: 15,", "hours: 45,", 1);
    let dir = data_dir(&[("routes.yaml", &text)]);
    let message = load_error(dir.path());
    let (line, column) = place_in(&text, "45,");
    assert!(
        message.contains(&format!(
            ":{line}:{column}: routes[2].pace.part_time.hours: route `bootcamp`: part time takes 45 hours a week, no fewer than full time (40)"
        )),
        "{message}"
    );
}

/// The lesson's three communities where they fit, and communities of their own for AI product
/// managers and prompt engineers.
#[test]
fn each_role_joins_communities_that_fit_it() {
    let c = builtin();
    let communities = |background: &str, role: &str| -> Vec<String> {
        plan_move(&c, background, role, 10.0)
            .networking
            .communities
            .into_iter()
            .map(|link| link.title)
            .collect()
    };
    let lesson = [
        "MLOps Community Slack",
        "Kaggle discussion forums",
        "Hugging Face Discord",
    ];
    for (background, role) in [
        ("software-engineer", "ml-engineer"),
        ("data-analyst", "data-scientist"),
        ("software-engineer", "mlops-engineer"),
    ] {
        assert_eq!(communities(background, role), lesson, "{role}");
    }
    assert_eq!(
        communities("product-manager", "ai-product-manager"),
        [
            "Hugging Face Discord",
            "Mind the Product Slack",
            "DeepLearning.AI Community"
        ]
    );
    assert_eq!(
        communities("journalist", "prompt-engineer"),
        [
            "Hugging Face Discord",
            "Learn Prompting Discord",
            "OpenAI Developer Forum, prompting category"
        ]
    );
}

/// Every example profile's time zone is a place pivot knows, so each example shows its city
/// and, without a `currency`, the currency that goes with it.
#[test]
fn every_example_time_zone_is_a_known_place() {
    let c = builtin();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in fs::read_dir(&examples).expect("the examples folder") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let profile = Profile::from_file(&path, &c).expect("the example is valid");
        if let Some(zone) = profile.timezone {
            assert!(c.place(zone).is_some(), "{}: {zone}", path.display());
        }
    }
}

#[test]
fn an_outreach_task_waits_only_for_the_project_or_a_task_above_it() {
    // `applications` waits for `portfolio-page`, above it; waiting for one below is refused at
    // the `after` line, naming what is allowed.
    let text = builtin_text("outreach.yaml").replace("after: project-built", "after: applications");
    let line = text
        .lines()
        .position(|l| l.contains("after: applications"))
        .expect("the changed line") as u64
        + 1;
    let dir = data_dir(&[("outreach.yaml", &text)]);
    let message = load_error(dir.path());
    let place = format!("{}:{line}:", dir.path().join("outreach.yaml").display());
    assert!(message.starts_with(&place), "{message}");
    assert!(
        message.contains("after `applications` is not allowed; allowed: project-built, project-done, join-communities"),
        "{message}"
    );
}

#[test]
fn of_several_broken_files_the_first_in_the_catalogs_order_is_named() {
    // roles.yaml is read first and on the main thread, modules.yaml on the other: the error
    // must not depend on which thread finishes first.
    let broken = "- id: [unclosed\n";
    let dir = data_dir(&[("modules.yaml", broken), ("roles.yaml", broken)]);
    let message = load_error(dir.path());
    assert!(message.contains("roles.yaml"), "{message}");
    let dir = data_dir(&[("modules.yaml", broken), ("rates.yaml", broken)]);
    let message = load_error(dir.path());
    assert!(message.contains("modules.yaml"), "{message}");
}
