//! The command line, as clap parses it. Checking what the arguments mean happens in `app`.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::profile::{FIRST_YEAR, LAST_YEAR};
use crate::render::{Format, Paper};

const AFTER_HELP: &str = "\
Quick start:
  pivot init -o profile.yaml          answer a few questions to write your profile
  pivot check profile.yaml            validate it and see whether the plan fits
  pivot plan profile.yaml -o plan/    write plan/plan.md, plan/plan.pdf and plan/plan.ics";

#[derive(Debug, Parser)]
#[command(
    name = "pivot",
    version,
    about = "An honest, personal six-month plan for moving into an AI role",
    long_about = "pivot turns a short YAML profile into an honest, personal plan for moving into an AI role \
(ML engineer, data scientist, AI researcher, AI product manager, prompt engineer, MLOps engineer), \
written as a printable PDF, a Markdown document and a calendar file for Google, Apple or Outlook.",
    after_help = AFTER_HELP,
    subcommand_value_name = "COMMAND"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the plan for a profile (Markdown, PDF and calendar by default)
    #[command(after_help = "\
Examples:
  pivot plan profile.yaml -o plan/                 plan/plan.md, plan/plan.pdf, plan/plan.ics
  pivot plan profile.yaml --format pdf -o me.pdf   just the PDF
  pivot plan profile.yaml --format json -o -       the plan as JSON on standard output
  pivot plan profile.yaml --format ics --ics-tasks -o plan/   also plan/plan-tasks.ics (to-do items)")]
    Plan(PlanArgs),

    /// Check a profile and say whether the plan fits
    #[command(after_help = "Example:\n  pivot check profile.yaml")]
    Check(CheckArgs),

    /// Plan a whole cohort: one plan per learner of a CSV roster or a folder of profiles
    #[command(after_help = "\
Examples:
  pivot init --roster -o roster.csv     a starter roster: the header and two learners
  pivot batch roster.csv -o cohort/     cohort/<learner>/plan.md, .pdf, .ics and cohort/cohort.csv
  pivot batch profiles/ -o cohort/      a folder of profile files instead of a roster

Roster cells: lists (known_skills, interests) as `python; git`; study_slots as
`tue 19:00 4; sat 09:30 6`; breaks as `2027-04-05 to 2027-04-11 Easter; ...`.")]
    Batch(BatchArgs),
    /// Read the boxes you ticked in the Markdown plan, and print your progress for the profile
    #[command(after_help = "\
Tick boxes (- [x]) in plan.md in any editor, then:
  pivot progress plan/plan.md                           print the progress: block
  pivot progress plan/plan.md --profile profile.yaml    check the boxes against the profile first
  pivot progress plan/plan.md --write profile.yaml      put the block in the profile (keeps a backup)
Then `pivot plan profile.yaml` re-plans from where you are.")]
    Progress(ProgressArgs),

    /// Say where you should be today against where you are: hours behind or ahead, what is overdue, the finish
    #[command(after_help = "\
Examples:
  pivot status profile.yaml                      as of today
  pivot status profile.yaml --today 2027-03-01   as of another day")]
    Status(StatusArgs),

    /// Write your profile: on a terminal by asking a few questions, else a commented starter
    #[command(
        long_about = "Write your profile. On a terminal, with none of --role, --background, --domain and --hours, \
pivot init asks what the profile needs, one question at a time (your name, background, target role, domain, \
hours a week, start, months, time zone, currency, and optional study sessions and breaks), checks each answer \
as pivot check would, says whether the plan fits, and writes the commented profile (profile.yaml unless -o \
names another file). Esc or Ctrl-C stops without writing anything. With any of those four options, with \
--no-questions or -o -, or when input or output is not a terminal, it writes a commented starter profile to \
fill in instead, on standard output unless -o names a file.",
        after_help = "\
Examples:
  pivot init                    answer the questions; writes profile.yaml
  pivot init --no-questions -o profile.yaml
  pivot init --background teacher --role ai-product-manager --domain education --hours 8 -o profile.yaml"
    )]
    Init(InitArgs),

    /// List what the catalog offers: the ids a profile can use, and what a plan is made of
    #[command(after_help = "\
Examples:
  pivot catalog                 an overview of the ids a profile can use
  pivot catalog roles           the six target roles and their paths
  pivot catalog modules --json  every module as JSON")]
    Catalog(CatalogArgs),

    /// Print the JSON Schema of the profile, for editor completion
    #[command(after_help = "Example:\n  pivot schema > pivot-profile.schema.json")]
    Schema,

    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  pivot completions bash > ~/.local/share/bash-completion/completions/pivot"
    )]
    Completions {
        /// The shell to complete for
        shell: Shell,
    },

    /// Work with the Markdown templates
    #[command(subcommand)]
    Templates(TemplatesCommand),

    /// Print the manual page: every command and option, in roff for `man`
    #[command(after_help = "Example:\n  pivot man > pivot.1 && man ./pivot.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The roster: a CSV file, one learner a row, or a folder of profiles (.yaml)
    pub roster: PathBuf,

    /// The folder to write into: one folder per learner, and cohort.csv
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    #[command(flatten)]
    pub render: RenderArgs,

    #[command(flatten)]
    pub data: DataArg,
}

/// What to write and how: the options `plan` and `batch` share.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Formats to write, separated by commas
    #[arg(long, value_delimiter = ',', default_values = ["md", "pdf", "ics"])]
    pub format: Vec<Format>,

    /// A folder of Markdown templates that replace the built-in ones by name
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Paper size for the PDF
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The profile (YAML)
    pub profile: PathBuf,

    /// Where to write: a folder (plan.md, plan.pdf, plan.ics inside), a file (one format), or - for standard output
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub render: RenderArgs,

    #[command(flatten)]
    pub data: DataArg,

    /// Also write the checklist as to-do items (VTODO) in <name>-tasks.ics beside the calendar
    #[arg(long)]
    pub ics_tasks: bool,

    /// The calendar file you imported last, when the new one goes elsewhere: events that moved
    /// are marked as newer and events the new plan drops are cancelled, so your calendar app
    /// updates them instead of keeping both (default: the calendar at the output path)
    #[arg(long, value_name = "FILE.ics")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DataArg {
    /// A folder of catalog files that replace the built-in ones by name (roles.yaml, modules.yaml, ...)
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The profile (YAML)
    pub profile: PathBuf,

    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// The Markdown plan pivot wrote, with the boxes you ticked
    pub plan: PathBuf,

    /// Check the boxes against the plan this profile makes
    #[arg(long, value_name = "PROFILE")]
    pub profile: Option<PathBuf>,

    /// Check the boxes against this profile's plan, then replace the progress block in the
    /// profile, keeping every other line as written and the old file as PROFILE.bak
    #[arg(long, value_name = "PROFILE", conflicts_with = "profile")]
    pub write: Option<PathBuf>,

    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The profile (YAML), with the progress you recorded
    pub profile: PathBuf,

    /// The day to take as today (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    #[command(flatten)]
    pub data: DataArg,
}

/// A date on the command line, YYYY-MM-DD.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|day| text.len() == 10 && day.year() >= FIRST_YEAR && day.year() <= LAST_YEAR)
        .ok_or_else(|| {
            format!(
                "`{text}` is not a date written YYYY-MM-DD between {FIRST_YEAR} and {LAST_YEAR}"
            )
        })
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Write to this file (after the questions, profile.yaml; without them, standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Target role id (see `pivot catalog roles`)
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    /// Background id (see `pivot catalog backgrounds`)
    #[arg(long, value_name = "BACKGROUND")]
    pub background: Option<String>,

    /// Domain id (see `pivot catalog domains`)
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,

    /// Hours a week you can study (1 to 60)
    #[arg(long, value_name = "HOURS")]
    pub hours: Option<f64>,

    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,

    /// Write the commented starter profile without asking questions, even on a terminal
    #[arg(long)]
    pub no_questions: bool,

    /// Write a starter roster for `pivot batch` (CSV) instead of a profile
    #[arg(long, conflicts_with_all = ["role", "background", "domain", "hours"])]
    pub roster: bool,
}

#[derive(Debug, Args)]
pub struct CatalogArgs {
    /// What to list; without it, an overview
    pub section: Option<Section>,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub data: DataArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// The target roles `target_role` takes, and their paths
    Roles,
    /// The backgrounds `background` takes, and the skills each brings
    Backgrounds,
    /// The domains `domain` takes, and their AI applications
    Domains,
    /// The ids `known_skills` takes, and the modules that teach each one
    Skills,
    /// The tags `interests` takes, and what each one favours
    Interests,
    /// The modules a plan is made of: hours, stage and what each requires first
    Modules,
    /// The courses, books and sites the modules use: hours, cost and route
    Resources,
    /// The kinds of portfolio project, with their phases and hours
    Projects,
    /// The learning routes `route` takes: self-study, bootcamp, masters
    Routes,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in Markdown templates to a folder, to start your own from
    #[command(after_help = "\
Example:
  pivot templates export my-templates/
  pivot plan profile.yaml --templates my-templates/ --format md")]
    Export {
        /// The folder to write to (created if missing)
        dir: PathBuf,
        /// Replace template files that already exist there
        #[arg(long)]
        force: bool,
    },
}

// The renderers' choices, as the command line names them; kept here so the renderers do not
// depend on the command line.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.extension()))
    }
}

impl ValueEnum for Paper {
    fn value_variants<'a>() -> &'a [Self] {
        &Paper::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}
