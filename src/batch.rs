//! `pivot batch`: a whole cohort's plans from one roster, in parallel, each learner's files
//! in a folder of their own, and `cohort.csv` with one row per learner for the coordinator. A
//! learner whose row is wrong is reported with its row and column and does not stop the others.

pub mod roster;

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::error::Error;
use crate::output::{self, Replace, Staging};
use crate::plan::Plan;
use crate::profile::Profile;
use crate::render::{Format, Paper, RenderOptions, Renderer};
use crate::schedule;
use roster::{Learner, Source};

/// What one run of `batch` needs besides the roster: what is the same for every learner is
/// made once (the catalog loaded and checked, the templates compiled, the fonts read).
pub struct Settings<'a> {
    pub catalog: &'a Catalog,
    pub renderer: &'a Renderer,
    pub formats: Vec<Format>,
    pub out: PathBuf,
    pub paper: Paper,
    pub templates: Option<PathBuf>,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

/// What became of one learner.
pub struct Outcome {
    pub label: String,
    /// The learner's folder under the output folder.
    pub folder: String,
    pub result: Result<Plan, Error>,
}

/// Plans, renders and writes every learner of `learners`, in parallel, and then `cohort.csv`.
/// The outcomes come back in roster order, whatever order the work finished in.
pub fn run(learners: Vec<Learner>, settings: &Settings<'_>) -> Result<Vec<Outcome>, Error> {
    let folders = folder_names(&learners);
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(learners.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} learners, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let outcomes: Vec<Outcome> = learners
        .into_par_iter()
        .zip(folders.into_par_iter())
        .map(|(learner, folder)| {
            let label = learner.label.clone();
            let result = one(learner.source, &settings.out.join(&folder), settings);
            progress.inc(1);
            Outcome {
                label,
                folder,
                result,
            }
        })
        .collect();
    progress.finish_and_clear();
    let summary = cohort_csv(&outcomes);
    output::write_files(
        &[(settings.out.join("cohort.csv"), summary.as_bytes())],
        Replace::Yes,
        Staging::InTurn,
    )?;
    Ok(outcomes)
}

/// One learner: their profile, their plan, their files.
fn one(source: Source, folder: &Path, settings: &Settings<'_>) -> Result<Plan, Error> {
    let profile = match source {
        Source::File(path) => Profile::from_file(&path, settings.catalog)?,
        Source::Row(row) => Profile::from_str(&row.roster, &row.yaml, settings.catalog)
            .map_err(|err| row.locate(err))?,
        Source::Broken(err) => return Err(err),
    };
    let plan = schedule::schedule(&profile, settings.catalog, settings.today)?;
    let mut files = Vec::with_capacity(settings.formats.len());
    for format in &settings.formats {
        let path = folder.join(format!("plan.{}", format.extension()));
        let options = RenderOptions {
            paper: settings.paper,
            templates: settings.templates.clone(),
            now: settings.now,
            previous_calendar: match format {
                Format::Ics => output::previous_calendar(&path),
                _ => None,
            },
        };
        files.push((path, settings.renderer.render(&plan, *format, &options)?));
    }
    let files: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.as_slice()))
        .collect();
    // The workers keep the cores busy: each writes its learner's files one after the other.
    output::write_files(&files, Replace::Yes, Staging::InTurn)?;
    Ok(plan)
}

/// A folder name for each learner: their name in plain letters (`priya-sharma`), numbered when
/// two would share one.
fn folder_names(learners: &[Learner]) -> Vec<String> {
    let mut taken = HashSet::new();
    learners
        .iter()
        .map(|learner| {
            let base = match &learner.source {
                Source::Row(row) => slug(&row.name),
                Source::File(path) => slug(
                    &path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                ),
                Source::Broken(_) => String::new(),
            };
            let base = if base.is_empty() {
                "learner".to_string()
            } else {
                base
            };
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            name
        })
        .collect()
}

/// `Zoë O'Brien` as `zoe-o-brien`: letters and digits, in ASCII, joined by single dashes.
fn slug(text: &str) -> String {
    let plain = deunicode::deunicode(text).to_ascii_lowercase();
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut slug = words.join("-");
    slug.truncate(48);
    slug.trim_end_matches('-').to_string()
}

/// One row per learner, in roster order, for a spreadsheet: who, where their files are, and
/// whether the plan fits; or the error that stopped their plan.
fn cohort_csv(outcomes: &[Outcome]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "learner",
        "name",
        "folder",
        "background",
        "target_role",
        "fits",
        "finish_date",
        "hours_per_week",
        "hours_per_week_needed",
        "realistic_months",
        "error",
    ];
    let _ = writer.write_record(header);
    for outcome in outcomes {
        let row: Vec<String> = match &outcome.result {
            Ok(plan) => {
                let f = &plan.feasibility;
                vec![
                    outcome.label.clone(),
                    plan.name.clone(),
                    outcome.folder.clone(),
                    plan.background.clone(),
                    plan.target_role.clone(),
                    if f.fits { "yes" } else { "no" }.to_string(),
                    f.finish_date.to_string(),
                    crate::words::trim_number(plan.hours_per_week),
                    crate::words::trim_number(f.hours_per_week_needed),
                    format!("{}-{}", f.realistic_months[0], f.realistic_months[1]),
                    String::new(),
                ]
            }
            Err(err) => {
                let mut cells = vec![outcome.label.clone()];
                cells.extend(std::iter::repeat_n(String::new(), header.len() - 2));
                cells.push(err.to_string());
                cells
            }
        };
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_plain_and_unique() {
        assert_eq!(slug("Zoë O'Brien"), "zoe-o-brien");
        assert_eq!(slug("  "), "");
        let text = "name,background,target_role,hours_per_week\nAnn,teacher,ml-engineer,5\nAnn,teacher,ml-engineer,5\n,teacher,ml-engineer,5\n";
        let learners = roster::read_csv(Path::new("r.csv"), text).expect("readable");
        assert_eq!(folder_names(&learners), ["ann", "ann-2", "learner"]);
    }
}
