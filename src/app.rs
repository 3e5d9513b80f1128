//! What each command does: the only place that reads the clock and the environment, and hands
//! checked values to the pure parts (profile, schedule, render).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::thread::ScopedJoinHandle;

use chrono::{DateTime, NaiveDate, Utc};
use clap::CommandFactory;

use crate::catalog::Catalog;
use crate::cli::{
    BatchArgs, CatalogArgs, CheckArgs, Cli, Command, InitArgs, PlanArgs, ProgressArgs, StatusArgs,
    TemplatesCommand,
};
use crate::error::{Error, SourceSpan};
use crate::input::read_text_file;
use crate::output::{self, Target};
use crate::plan::{ItemKind, Plan};
use crate::profile::{MAX_HOURS, MIN_HOURS, Profile, catalog_item};
use crate::render::{self, Format, RenderOptions, Renderer};
use crate::starter::Starter;
use crate::words::{hours_phrase, in_sentence, off_quarter, trim_number};
use crate::{batch, catalog_view, joined, manual, questions, schedule, schema, suggest};

const GUIDE: &str = "\
pivot makes an honest, personal plan for moving into an AI role.

  pivot init -o profile.yaml          answer a few questions to write your profile
  pivot check profile.yaml            validate it and see whether the plan fits
  pivot plan profile.yaml -o plan/    write plan/plan.md, plan/plan.pdf and plan/plan.ics
  pivot catalog                       the roles, backgrounds and domains to choose from

Run `pivot help` for every command, or `pivot help plan` for one.
";

/// The last moment `SOURCE_DATE_EPOCH` may stand for: the end of 2099, the same bound as the
/// profile's dates ([`crate::profile::LAST_YEAR`]), so every date a plan computes from it stays
/// in range.
const LAST_EPOCH: i64 = 4_102_444_799;

/// "Now" and today's date: `SOURCE_DATE_EPOCH` when set (reproducible output; today is then the
/// UTC date), else the clock and the local date.
struct Clock {
    now: DateTime<Utc>,
    today: NaiveDate,
}

fn clock() -> Result<Clock, Error> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        let now = Utc::now();
        return Ok(Clock {
            now,
            today: now.with_timezone(&chrono::Local).date_naive(),
        });
    };
    let now = text
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|secs| (0..=LAST_EPOCH).contains(secs))
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .ok_or_else(|| Error::Usage {
            message: format!(
                "SOURCE_DATE_EPOCH must be a number of seconds since 1970 that falls before 2100, not `{text}`"
            ),
            help: None,
        })?;
    Ok(Clock {
        now,
        today: now.date_naive(),
    })
}

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        None => {
            print!("{GUIDE}");
            Ok(())
        }
        Some(Command::Plan(args)) => plan(args),
        Some(Command::Check(args)) => check(args),
        Some(Command::Batch(args)) => batch(args),
        Some(Command::Progress(args)) => progress(args),
        Some(Command::Status(args)) => status(args),
        Some(Command::Init(args)) => init(args),
        Some(Command::Catalog(args)) => catalog(args),
        Some(Command::Schema) => {
            let catalog = Catalog::builtin()?;
            let text =
                serde_json::to_string_pretty(&schema::profile_schema(&catalog)).unwrap_or_default();
            print_stdout(&format!("{text}\n"))
        }
        Some(Command::Completions { shell }) => {
            let mut buffer = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "pivot", &mut buffer);
            print_stdout(&String::from_utf8_lossy(&buffer))
        }
        Some(Command::Templates(TemplatesCommand::Export { dir, force })) => {
            let written = export_templates(&dir, force)?;
            eprintln!(
                "Wrote {} templates to {}. Edit any of them, then: pivot plan PROFILE --templates {}",
                written.len(),
                dir.display(),
                dir.display()
            );
            Ok(())
        }
        Some(Command::Man) => {
            let page = manual::page().map_err(|source| Error::Write {
                path: "standard output".into(),
                source,
            })?;
            print_stdout(&page)
        }
    }
}

/// Writes the built-in Markdown templates into `dir` (creating it), all or none, refusing to
/// replace an existing file unless `force`.
pub fn export_templates(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<(PathBuf, &[u8])> = render::markdown::template_files(dir)
        .into_iter()
        .map(|(path, text)| (path, text.as_bytes()))
        .collect();
    let replace = if force {
        output::Replace::Yes
    } else {
        output::Replace::No
    };
    output::write_files(&files, replace, output::Staging::Together)
}

fn print_stdout(text: &str) -> Result<(), Error> {
    output::write_stdout(text.as_bytes())
}

/// Loads the catalog and the profile, and schedules the plan.
fn load_plan(profile_path: &Path, data: Option<&Path>, today: NaiveDate) -> Result<Plan, Error> {
    let catalog = Catalog::load(data)?;
    let profile = Profile::from_file(profile_path, &catalog)?;
    schedule::schedule(&profile, &catalog, today)
}

fn plan(args: PlanArgs) -> Result<(), Error> {
    let mut formats = args.render.format.clone();
    formats.sort();
    formats.dedup();
    let targets = output::resolve(&formats, args.output.as_deref(), args.ics_tasks)?;
    output::guard_profile(&targets, &args.profile)?;
    let Clock { now, today } = clock()?;
    // The templates are compiled and the fonts read on threads of their own while the catalog
    // loads and the plan is made; their errors come after the profile's, as they always have.
    let (plan, rendered) = std::thread::scope(|scope| {
        let templates = formats.contains(&Format::Md).then(|| {
            scope.spawn(|| render::markdown::Templates::load(args.render.templates.as_deref()))
        });
        let fonts = formats
            .contains(&Format::Pdf)
            .then(|| scope.spawn(render::pdf::Fonts::load));
        let plan = load_plan(&args.profile, args.data.data.as_deref(), today)?;
        let previous = args
            .previous
            .as_deref()
            .map(output::read_previous_calendar)
            .transpose()?;

        let options = |previous_calendar| RenderOptions {
            paper: args.render.paper,
            templates: args.render.templates.clone(),
            now,
            previous_calendar,
        };
        let mut jobs: Vec<(Format, Target, RenderOptions)> = Vec::new();
        for (format, target) in &targets.outputs {
            let previous_calendar = match (format, target) {
                (Format::Ics, _) if previous.is_some() => previous.clone(),
                (Format::Ics, Target::File(path)) => output::previous_calendar(path),
                _ => None,
            };
            jobs.push((*format, target.clone(), options(previous_calendar)));
        }
        let tasks = targets
            .tasks
            .as_ref()
            .map(|path| (path.clone(), options(output::previous_calendar(path))));
        let rendered = render_all(&plan, templates, fonts, &jobs, tasks)?;
        Ok::<_, Error>((plan, rendered))
    })?;
    let written = output::write_all(&rendered)?;
    if !written.is_empty() {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!("Wrote {}.", names.join(", "));
        eprintln!("{}", plan.feasibility.message);
        if let Some(progress) = &plan.progress {
            eprintln!("{}", progress.message);
        }
    }
    Ok(())
}

fn check(args: CheckArgs) -> Result<(), Error> {
    let plan = load_plan(&args.profile, args.data.data.as_deref(), clock()?.today)?;
    let count = |kind: ItemKind| plan.items.iter().filter(|i| i.kind == kind).count();
    let domain = plan.domain_title.as_ref().map_or_else(String::new, |d| {
        format!(", using what you know of {}", in_sentence(d))
    });
    // The feasibility message starts with the verdict ("It fits: ...", "It does not fit: ...").
    let text = format!(
        "{file} is valid.\n\
         {name}: from {background} to {role}{domain}.\n\
         {hours} a week for {months} months, {start} to {end}.\n\
         Work: {required} hours ({modules} modules, {phases} project phases, {outreach} networking tasks); \
         available: {available} hours.\n\
         {message}\n{progress}",
        file = args.profile.display(),
        progress = plan
            .progress
            .as_ref()
            .map_or_else(String::new, |p| format!("Progress: {}\n", p.message)),
        name = plan.name,
        background = in_sentence(&plan.background_title),
        role = in_sentence(&plan.target_role_title),
        hours = hours_phrase(plan.hours_per_week),
        months = plan.months_requested,
        start = crate::words::day_date(plan.start),
        end = crate::words::day_date(plan.end),
        required = trim_number(plan.feasibility.required_hours),
        modules = count(ItemKind::Module),
        phases = count(ItemKind::Project),
        outreach = count(ItemKind::Outreach),
        available = trim_number(plan.feasibility.available_hours),
        message = plan.feasibility.message,
    );
    print_stdout(&text)
}

/// Reads the ticked boxes of a Markdown plan into a `progress:` block, as of today: checked
/// against the catalog, and against the plan of `--profile` when given.
fn progress(args: ProgressArgs) -> Result<(), Error> {
    let today = clock()?.today;
    let catalog = Catalog::load(args.data.data.as_deref())?;
    let text = read_text_file(&args.plan)?;
    let boxes = crate::progress::read_boxes(&args.plan, &text)?;
    if boxes.is_empty() {
        return Err(Error::File {
            file: args.plan.clone(),
            message: "no box in it carries pivot's marks, so none can be matched to an item of \
                      your plan; allowed: a Markdown plan written by `pivot plan`"
                .into(),
            help: Some(
                "the marks are invisible comments at the end of each box's line, and some \
                 programs drop them when copying: write the plan again with `pivot plan` and \
                 tick the boxes there"
                    .into(),
            ),
        });
    }
    let unknown: Vec<&crate::progress::MarkedBox> = boxes
        .iter()
        .filter(|b| catalog_item(&catalog, &b.item).is_none())
        .collect();
    unmatched(
        &args.plan,
        &unknown,
        ("names an item", "name items", "the catalog does not have"),
        "was the plan made by an older pivot, or with another --data? write it again with \
         `pivot plan`",
    )?;
    // `--write` checks the boxes against the profile's plan as `--profile` does, and reads the
    // profile only once, so the text it edits is the text it checked.
    let edit = match &args.write {
        Some(path) => Some(crate::progress::Edit::open(path, &catalog)?),
        None => None,
    };
    let against = match (&edit, &args.profile) {
        (Some(edit), _) => Some((edit.path.clone(), edit.profile.clone())),
        (None, Some(path)) => Some((path.clone(), Profile::from_file(path, &catalog)?)),
        (None, None) => None,
    };
    if let Some((profile_path, profile)) = &against {
        let held = schedule::item_ids(profile, &catalog, today)?;
        let foreign: Vec<&crate::progress::MarkedBox> =
            boxes.iter().filter(|b| !held.contains(&b.item)).collect();
        unmatched(
            &args.plan,
            &foreign,
            (
                "names an item",
                "name items",
                &format!("the plan of {} does not hold", profile_path.display()),
            ),
            "is this another learner's plan, or one made before the profile changed? give the \
             profile the plan was made from, or write the plan again with `pivot plan`",
        )?;
    }
    let ticked = crate::progress::ticked(&boxes);
    let Some(edit) = edit else {
        return print_stdout(&crate::progress::block(&ticked, today));
    };
    let name = edit.path.display();
    let replan = format!("run `pivot plan {}` to re-plan", name);
    match edit.write(&ticked, today, &catalog)? {
        crate::progress::Written::Changed { backup } => eprintln!(
            "Wrote the progress block to {name} (backup: {}); {replan}",
            backup.display()
        ),
        crate::progress::Written::Unchanged => {
            eprintln!(
                "The progress block in {name} already says this, so nothing was written; {replan}"
            )
        }
    }
    Ok(())
}

/// Where the learner should be today against where they are, in a few lines: the profile's
/// progress is taken as all there is by today (work since goes into a new progress block), so
/// the plan is re-made from today and compared with the plan as first made.
fn status(args: StatusArgs) -> Result<(), Error> {
    let today = match args.today {
        Some(day) => day,
        None => clock()?.today,
    };
    let catalog = Catalog::load(args.data.data.as_deref())?;
    let mut profile = Profile::from_file(&args.profile, &catalog)?;
    let start = profile
        .start
        .unwrap_or_else(|| schedule::default_start(today));
    let recorded = profile.progress.as_ref().map(|p| p.as_of);
    if let Some(as_of) = recorded.filter(|as_of| today < *as_of) {
        return Err(Error::Usage {
            message: format!(
                "--today: {} is before your progress date, {}; allowed: that day or later",
                crate::words::long_date(today),
                crate::words::long_date(as_of)
            ),
            help: None,
        });
    }
    if today < start {
        return print_stdout(&format!(
            "{}: your plan starts on {}, so nothing is due yet.\n",
            profile.name,
            crate::words::day_date(start)
        ));
    }
    let mut progress = profile.progress.take().unwrap_or(crate::profile::Progress {
        as_of: today,
        done: Vec::new(),
        partial: Vec::new(),
        as_of_at: None,
    });
    progress.as_of = today;
    profile.progress = Some(progress);
    let plan = schedule::schedule(&profile, &catalog, today)?;
    let Some(report) = &plan.progress else {
        return Ok(());
    };
    let mut text = match recorded {
        Some(as_of) => format!(
            "{} on {}, from the progress you recorded on {}:\n",
            plan.name,
            crate::words::day_date(today),
            crate::words::long_date(as_of)
        ),
        None => format!(
            "{} on {}, with no progress recorded yet (tick the boxes of your plan, then run \
             `pivot progress`):\n",
            plan.name,
            crate::words::day_date(today)
        ),
    };
    let had = format!(
        "the plan as first made had {} done by today, and you have recorded {}",
        hours_phrase(report.hours_planned),
        hours_phrase(report.hours_done)
    );
    text.push_str(&if report.hours_ahead <= -schedule::ON_TRACK_HOURS {
        format!("Behind by {}: {had}.\n", hours_phrase(-report.hours_ahead))
    } else if report.hours_ahead >= schedule::ON_TRACK_HOURS {
        format!("Ahead by {}: {had}.\n", hours_phrase(report.hours_ahead))
    } else {
        format!("On track: {had}.\n")
    });
    let overdue: Vec<&str> = report
        .overdue
        .iter()
        .filter_map(|id| plan.items.iter().find(|item| &item.id == id))
        .map(|item| item.title.as_str())
        .collect();
    if overdue.is_empty() {
        text.push_str("Overdue: nothing.\n");
    } else {
        text.push_str(&format!("Overdue: {}.\n", overdue.join("; ")));
    }
    let f = &plan.feasibility;
    let finish = crate::words::day_date(f.finish_date);
    text.push_str(&if f.fits {
        format!(
            "Finish: {finish}, within the {} months you asked for.\n",
            plan.months_requested
        )
    } else if f.hours_per_week_needed > MAX_HOURS || f.available_hours <= 0.0 {
        format!(
            "Finish: {finish}, after your planned end ({}); no pace you could keep up would \
             bring it back, so plan for more months.\n",
            crate::words::day_date(plan.end)
        )
    } else {
        format!(
            "Finish: {finish}, after your planned end ({}); about {} a week from today would \
             bring it back.\n",
            crate::words::day_date(plan.end),
            hours_phrase(f.hours_per_week_needed)
        )
    });
    print_stdout(&text)
}

/// The error for boxes that cannot be matched to items, naming their lines, if there are any.
fn unmatched(
    plan: &Path,
    boxes: &[&crate::progress::MarkedBox],
    (one, many, what): (&str, &str, &str),
    help: &str,
) -> Result<(), Error> {
    let Some(first) = boxes.first() else {
        return Ok(());
    };
    let lines: Vec<String> = boxes.iter().map(|b| b.line.to_string()).collect();
    let mut ids: Vec<String> = Vec::new();
    for b in boxes {
        let id = format!("`{}`", b.item);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let (count, which, verb) = match boxes.len() {
        1 => ("the box".to_string(), format!("line {}", lines[0]), one),
        n => (
            format!("{n} boxes"),
            format!("lines {}", lines.join(", ")),
            many,
        ),
    };
    Err(Error::Syntax {
        at: SourceSpan {
            file: plan.to_path_buf(),
            line: first.line,
            column: first.column,
        },
        message: crate::yaml::escape_controls(&format!(
            "{count} on {which} {verb} {what}: {}; allowed: the boxes of a plan pivot made \
             from your profile",
            ids.join(", ")
        )),
        help: Some(help.into()),
    })
}

/// The plan in each format of `jobs`, and the to-do calendar of `tasks`, in the jobs' order:
/// the PDF, the longest to make, on a thread of its own from when the fonts are read, the others
/// on this one, the Markdown once its templates are compiled. Errors come in the same order as
/// when everything was made one after the other: the templates', the fonts', then the outputs'.
fn render_all<'scope>(
    plan: &Plan,
    templates: Option<ScopedJoinHandle<'scope, Result<render::markdown::Templates, Error>>>,
    fonts: Option<ScopedJoinHandle<'scope, Result<render::pdf::Fonts, Error>>>,
    jobs: &[(Format, Target, RenderOptions)],
    tasks: Option<(PathBuf, RenderOptions)>,
) -> Result<Vec<(Target, Vec<u8>)>, Error> {
    std::thread::scope(|scope| {
        let pdf = jobs
            .iter()
            .find(|(format, _, _)| *format == Format::Pdf)
            .zip(fonts)
            .map(|((_, _, options), fonts)| {
                scope.spawn(move || joined(fonts).map(|fonts| fonts.render(plan, options)))
            });
        let renderer = Renderer::with_templates(templates.map(joined).transpose()?);
        let others: Vec<Result<Vec<u8>, Error>> = jobs
            .iter()
            .filter(|(format, _, _)| *format != Format::Pdf)
            .map(|(format, _, options)| renderer.render(plan, *format, options))
            .collect();
        let tasks = tasks
            .map(|(path, options)| {
                render::ical::render_tasks(plan, &options).map(|bytes| (path, bytes))
            })
            .transpose();
        // A font that cannot be read is reported before any output that could not be made.
        let mut pdf = pdf.map(joined).transpose()?;
        let mut others = others.into_iter();
        let mut rendered = Vec::with_capacity(jobs.len() + 1);
        for (format, target, _) in jobs {
            let bytes = match format {
                Format::Pdf => pdf.take(),
                _ => others.next(),
            };
            if let Some(bytes) = bytes {
                rendered.push((target.clone(), bytes?));
            }
        }
        if let Some((path, bytes)) = tasks? {
            rendered.push((Target::File(path), bytes));
        }
        Ok(rendered)
    })
}

/// Checks an id given on the command line against the catalog's.
fn flag_id(value: Option<&String>, flag: &str, ids: Vec<&str>) -> Result<(), Error> {
    match value {
        Some(v) if !ids.contains(&v.as_str()) => Err(Error::Usage {
            message: format!("--{flag}: unknown id `{v}`; allowed: {}", ids.join(", ")),
            help: suggest::closest(v, &ids).map(|s| format!("did you mean `{s}`?")),
        }),
        _ => Ok(()),
    }
}

/// Plans a cohort; the exit status says whether any learner's plan could not be made.
fn batch(args: BatchArgs) -> Result<(), Error> {
    let mut formats = args.render.format.clone();
    formats.sort();
    formats.dedup();
    let Clock { now, today } = clock()?;
    let catalog = Catalog::load(args.data.data.as_deref())?;
    let learners = batch::roster::read(&args.roster)?;
    let total = learners.len();
    let renderer = render::Renderer::new(&formats, args.render.templates.as_deref())?;
    let settings = batch::Settings {
        catalog: &catalog,
        renderer: &renderer,
        formats,
        out: args.output.clone(),
        paper: args.render.paper,
        templates: args.render.templates.clone(),
        now,
        today,
    };
    let outcomes = batch::run(learners, &settings)?;
    let failed: Vec<&batch::Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    for outcome in &failed {
        if let Err(err) = &outcome.result {
            eprintln!("error: {err}");
            if let Some(help) = err.help() {
                eprintln!("help: {help}");
            }
        }
    }
    let cohort = args.output.join("cohort.csv");
    eprintln!(
        "Wrote plans for {} of {total} learners in {} ({} lists them all).",
        total - failed.len(),
        args.output.display(),
        cohort.display()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::Batch {
            failed: failed.len(),
            total,
        })
    }
}

fn init(args: InitArgs) -> Result<(), Error> {
    if args.roster {
        return match &args.output {
            None => print_stdout(batch::roster::STARTER),
            Some(path) if path == Path::new("-") => print_stdout(batch::roster::STARTER),
            Some(path) => {
                output::write_new(path, batch::roster::STARTER.as_bytes(), args.force)?;
                eprintln!(
                    "Wrote {}. Fill in one row per learner, then run: pivot batch {} -o cohort/",
                    path.display(),
                    path.display()
                );
                Ok(())
            }
        };
    }
    let flags = args.role.is_some()
        || args.background.is_some()
        || args.domain.is_some()
        || args.hours.is_some();
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    let on_terminal = std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal();
    if on_terminal && !flags && !to_stdout && !args.no_questions {
        let path = args.output.unwrap_or_else(|| PathBuf::from("profile.yaml"));
        return interview(&path, args.force);
    }
    let catalog = Catalog::builtin()?;
    flag_id(args.role.as_ref(), "role", catalog.role_ids())?;
    if let Some(meant) = args
        .background
        .as_deref()
        .and_then(|title| catalog.background_by_alias(title))
    {
        return Err(Error::Usage {
            message: format!(
                "--background: unknown id `{}`; allowed: {}",
                args.background.as_deref().unwrap_or_default(),
                catalog.background_ids().join(", ")
            ),
            help: Some(format!(
                "did you mean `{}`? (it is one of its job titles)",
                meant.id
            )),
        });
    }
    flag_id(
        args.background.as_ref(),
        "background",
        catalog.background_ids(),
    )?;
    flag_id(args.domain.as_ref(), "domain", catalog.domain_ids())?;
    if let Some(h) = args.hours
        && !(MIN_HOURS..=MAX_HOURS).contains(&h)
    {
        return Err(Error::Usage {
            message: format!("--hours: {h} is out of range; allowed: {MIN_HOURS} to {MAX_HOURS}"),
            help: None,
        });
    }
    if let Some((message, help)) = args.hours.and_then(off_quarter) {
        return Err(Error::Usage {
            message: format!("--hours: {message}"),
            help: Some(help),
        });
    }
    let defaults = Starter::default();
    let starter = Starter {
        now: clock()?.now,
        background: args.background.as_deref().unwrap_or(defaults.background),
        target_role: args.role.as_deref().unwrap_or(defaults.target_role),
        domain: args.domain.as_deref(),
        hours_per_week: args.hours.unwrap_or(defaults.hours_per_week),
        ..defaults
    };
    let text = starter.render();
    match &args.output {
        None => print_stdout(&text),
        Some(path) if path == Path::new("-") => print_stdout(&text),
        Some(path) => {
            output::write_new(path, text.as_bytes(), args.force)?;
            eprintln!(
                "Wrote {}. Edit it, then run: pivot check {}",
                path.display(),
                path.display()
            );
            Ok(())
        }
    }
}

/// `init` on a terminal: asks the questions, says whether the plan the answers make fits, and
/// writes the commented profile with the answers in it. A file in the way is refused before the
/// first question, and nothing is written unless every question was answered.
fn interview(path: &Path, force: bool) -> Result<(), Error> {
    output::check_new(path, force)?;
    let Clock { now, today } = clock()?;
    let catalog = Catalog::builtin()?;
    let setting = questions::Setting {
        catalog: &catalog,
        next_monday: schedule::default_start(today),
        system_zone: system_timezone(),
        width: terminal_size::terminal_size_of(std::io::stderr())
            .map_or(80, |(width, _)| usize::from(width.0)),
    };
    let answered = questions::ask(&setting)?;
    let text = answered.starter(now).render();
    let profile = Profile::from_str(path, &text, &catalog)?;
    let plan = schedule::schedule(&profile, &catalog, today)?;
    eprintln!("\n{}\n", questions::verdict(&plan));
    output::write_new(path, text.as_bytes(), force)?;
    eprintln!(
        "Wrote {}. Next, write your plan: pivot plan {} -o plan/",
        path.display(),
        path.display()
    );
    Ok(())
}

/// The system's time zone as an IANA name (`Europe/London`): `TZ` when it names one, else the
/// zone `/etc/localtime` leads to.
fn system_timezone() -> Option<String> {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| zone_name(&tz))
        .or_else(|| {
            let link = std::fs::read_link("/etc/localtime").ok()?;
            zone_name(&link.to_string_lossy())
        })
}

/// The IANA zone that `TZ` or a link into the zone files names: `Europe/London`,
/// `:Europe/London` or `/usr/share/zoneinfo/Europe/London`; `None` for anything else (a POSIX
/// rule such as `CET-1CEST`).
fn zone_name(text: &str) -> Option<String> {
    let name = text.trim().trim_start_matches(':');
    let name = name.split_once("zoneinfo/").map_or(name, |(_, name)| name);
    name.parse::<chrono_tz::Tz>()
        .ok()
        .map(|tz| tz.name().to_string())
}

fn catalog(args: CatalogArgs) -> Result<(), Error> {
    let catalog = Catalog::load(args.data.data.as_deref())?;
    let text = catalog_view::render(&catalog, args.section, args.json, text_width());
    print_stdout(&text)
}

/// The width text is fitted to: the terminal's when standard output is one, else `COLUMNS` (as
/// clap's help reads it), else 100 columns, which reads well in a file or a pager.
fn text_width() -> usize {
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(width, _)| usize::from(width.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&width| width > 0)
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_zone_is_read_as_tz_and_the_zone_files_name_it() {
        for text in [
            "Europe/London",
            ":Europe/London",
            "/usr/share/zoneinfo/Europe/London",
            "../usr/share/zoneinfo/Europe/London",
        ] {
            assert_eq!(zone_name(text).as_deref(), Some("Europe/London"), "{text}");
        }
        assert_eq!(zone_name("CET-1CEST").as_deref(), None);
        assert_eq!(zone_name("").as_deref(), None);
    }
}
