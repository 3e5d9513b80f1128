//! A cohort's roster: a CSV file with one learner a row (columns named as the profile's keys),
//! or a folder of profile files. Each row becomes the profile text a learner would have
//! written, with a map from its lines back to the row's cells, so that every error names the
//! roster's row and column.

use std::path::{Path, PathBuf};

use crate::error::{Error, SourceSpan};
use crate::suggest;

/// The columns a roster may have, in the order their lines are written.
pub const COLUMNS: [&str; 15] = [
    "name",
    "background",
    "target_role",
    "domain",
    "hours_per_week",
    "start",
    "months",
    "timezone",
    "study_slots",
    "route",
    "budget",
    "currency",
    "known_skills",
    "interests",
    "breaks",
];

/// Columns whose cell is a number, written into the profile as it is.
const NUMBERS: [&str; 3] = ["hours_per_week", "months", "budget"];
/// Columns whose cell is a list, items separated by `;`.
const LISTS: [&str; 2] = ["known_skills", "interests"];
const REQUIRED: [&str; 4] = ["name", "background", "target_role", "hours_per_week"];

/// One learner of the roster.
#[derive(Debug)]
pub struct Learner {
    /// Where the learner comes from, for messages: `roster.csv row 3`, or a profile's path.
    pub label: String,
    pub source: Source,
}

#[derive(Debug)]
pub enum Source {
    /// A profile file in a roster folder.
    File(PathBuf),
    /// A row of a CSV roster, as profile text.
    Row(Row),
    /// A row whose cells could not even be read as a profile.
    Broken(Error),
}

/// A CSV row written as a profile, and where each of its lines came from.
#[derive(Debug, Clone)]
pub struct Row {
    pub roster: PathBuf,
    /// The row's line in the roster file.
    pub line: u64,
    /// The `name` cell, as written.
    pub name: String,
    pub yaml: String,
    /// For each line of `yaml`, the 1-based column of the cell it was written from.
    pub columns: Vec<u64>,
}

impl Row {
    /// `err`, about the profile text of this row, told about the roster: the row's line and the
    /// cell's column.
    pub fn locate(&self, err: Error) -> Error {
        let at = |span: SourceSpan| SourceSpan {
            file: self.roster.clone(),
            line: self.line,
            column: usize::try_from(span.line)
                .ok()
                .and_then(|line| self.columns.get(line.saturating_sub(1)))
                .copied()
                .unwrap_or(1),
        };
        match err {
            Error::Field {
                at: span,
                field,
                message,
                help,
            } => Error::Field {
                at: at(span),
                field,
                message,
                help,
            },
            Error::Syntax {
                at: span,
                message,
                help,
            } => Error::Syntax {
                at: at(span),
                message,
                help,
            },
            other => other,
        }
    }
}

/// Reads the roster at `path`: a folder of `.yaml` profiles (in name order), or a CSV file.
pub fn read(path: &Path) -> Result<Vec<Learner>, Error> {
    if path.is_dir() {
        return read_folder(path);
    }
    let text = crate::input::read_text_file(path)?;
    read_csv(path, &text)
}

fn read_folder(dir: &Path) -> Result<Vec<Learner>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::File {
            file: dir.to_path_buf(),
            message: "holds no profiles (.yaml files)".into(),
            help: Some("give a folder of profiles, or a CSV roster".into()),
        });
    }
    Ok(files
        .into_iter()
        .map(|file| Learner {
            label: file.display().to_string(),
            source: Source::File(file),
        })
        .collect())
}

/// Reads a CSV roster: a header of known columns, then one learner a row.
pub fn read_csv(path: &Path, text: &str) -> Result<Vec<Learner>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| csv_error(path, &err))?
        .iter()
        .map(str::to_owned)
        .collect();
    check_headers(path, &headers)?;
    let mut learners = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| csv_error(path, &err))?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let label = format!("{} row {line}", path.display());
        let source = if record.len() != headers.len() {
            Source::Broken(Error::Syntax {
                at: SourceSpan {
                    file: path.to_path_buf(),
                    line,
                    column: 1,
                },
                message: format!(
                    "this row has {} cells, the header {}",
                    record.len(),
                    headers.len()
                ),
                help: Some(
                    "leave a cell empty rather than out, and put a cell holding a comma in double quotes"
                        .into(),
                ),
            })
        } else {
            match profile_text(path, line, &headers, &record) {
                Ok(row) => Source::Row(row),
                Err(err) => Source::Broken(err),
            }
        };
        learners.push(Learner { label, source });
    }
    if learners.is_empty() {
        return Err(Error::File {
            file: path.to_path_buf(),
            message: "holds a header but no learners".into(),
            help: Some("add one row per learner under the header".into()),
        });
    }
    Ok(learners)
}

fn csv_error(path: &Path, err: &csv::Error) -> Error {
    let line = err.position().map_or(1, csv::Position::line);
    Error::Syntax {
        at: SourceSpan {
            file: path.to_path_buf(),
            line,
            column: 1,
        },
        message: match err.kind() {
            csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".into(),
            _ => "the row cannot be read as CSV".into(),
        },
        help: Some("save the roster as CSV (UTF-8) from your spreadsheet".into()),
    }
}

fn check_headers(path: &Path, headers: &[String]) -> Result<(), Error> {
    let at = |index: usize| SourceSpan {
        file: path.to_path_buf(),
        line: 1,
        column: index as u64 + 1,
    };
    for (index, header) in headers.iter().enumerate() {
        if !COLUMNS.contains(&header.as_str()) {
            return Err(Error::Field {
                at: at(index),
                field: header.clone(),
                message: format!("unknown column; allowed: {}", COLUMNS.join(", ")),
                help: suggest::closest(header, &COLUMNS).map(|s| format!("did you mean `{s}`?")),
            });
        }
        if headers[..index].contains(header) {
            return Err(Error::Field {
                at: at(index),
                field: header.clone(),
                message: "this column appears twice".into(),
                help: Some("keep one of them".into()),
            });
        }
    }
    if let Some(missing) = REQUIRED.iter().find(|r| !headers.iter().any(|h| h == *r)) {
        return Err(Error::Field {
            at: at(0),
            field: (*missing).to_string(),
            message: "a roster needs this column".into(),
            help: Some(format!(
                "the header must name at least {}",
                REQUIRED.join(", ")
            )),
        });
    }
    Ok(())
}

/// The profile a row stands for, as YAML, one key a line (a list of slots or breaks takes a
/// line an item), each line remembering its cell.
fn profile_text(
    path: &Path,
    line: u64,
    headers: &[String],
    record: &csv::StringRecord,
) -> Result<Row, Error> {
    let mut yaml = String::new();
    let mut columns = Vec::new();
    let mut push = |text: String, column: usize| {
        yaml.push_str(&text);
        yaml.push('\n');
        columns.push(column as u64 + 1);
    };
    for key in COLUMNS {
        let Some(index) = headers.iter().position(|h| h == key) else {
            continue;
        };
        let cell = record.get(index).unwrap_or_default();
        if cell.is_empty() {
            continue;
        }
        let cell_error = |message: String, help: &str| Error::Field {
            at: SourceSpan {
                file: path.to_path_buf(),
                line,
                column: index as u64 + 1,
            },
            field: key.to_string(),
            message,
            help: Some(help.to_string()),
        };
        match key {
            _ if NUMBERS.contains(&key) => {
                let value = if cell.parse::<f64>().is_ok() {
                    cell.to_string()
                } else {
                    quoted(cell)
                };
                push(format!("{key}: {value}"), index);
            }
            _ if LISTS.contains(&key) => {
                let items: Vec<String> = items(cell).map(quoted).collect();
                push(format!("{key}: [{}]", items.join(", ")), index);
            }
            "study_slots" => {
                push(format!("{key}:"), index);
                for slot in items(cell) {
                    let parts: Vec<&str> = slot.split_whitespace().collect();
                    let [day, time, hours] = parts[..] else {
                        return Err(cell_error(
                            format!("`{slot}` is not a study slot"),
                            "write each slot as `day HH:MM hours`, such as `tue 19:00 4`, separated by `;`",
                        ));
                    };
                    let hours = if hours.parse::<f64>().is_ok() {
                        hours.to_string()
                    } else {
                        quoted(hours)
                    };
                    push(
                        format!(
                            "  - {{ day: {}, time: {}, hours: {hours} }}",
                            quoted(day),
                            quoted(time)
                        ),
                        index,
                    );
                }
            }
            "breaks" => {
                push(format!("{key}:"), index);
                for item in items(cell) {
                    let mut words = item.splitn(4, char::is_whitespace);
                    let (Some(from), Some("to"), Some(to)) =
                        (words.next(), words.next(), words.next())
                    else {
                        return Err(cell_error(
                            format!("`{item}` is not a break"),
                            "write each break as `YYYY-MM-DD to YYYY-MM-DD note`, separated by `;`",
                        ));
                    };
                    let note = words
                        .next()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map_or_else(String::new, |n| format!(", note: {}", quoted(n)));
                    push(
                        format!("  - {{ from: {}, to: {}{note} }}", quoted(from), quoted(to)),
                        index,
                    );
                }
            }
            _ => push(format!("{key}: {}", quoted(cell)), index),
        }
    }
    let name = headers
        .iter()
        .position(|h| h == "name")
        .and_then(|index| record.get(index))
        .unwrap_or_default()
        .to_string();
    Ok(Row {
        roster: path.to_path_buf(),
        line,
        name,
        yaml,
        columns,
    })
}

/// The items of a list cell: separated by `;`, blanks dropped.
fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// `text` as a YAML double-quoted scalar (JSON's escaping is YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A starter roster: the header and two learners, for `pivot init --roster`.
pub const STARTER: &str = "\
name,background,target_role,domain,hours_per_week,start,months,timezone,study_slots,known_skills,interests,breaks,budget,currency,route
Priya Sharma,software-engineer,ml-engineer,healthcare,10,2027-01-04,6,Europe/London,tue 19:00 4; sat 09:30 6,python; git,nlp,2027-04-05 to 2027-04-11 Easter,300,GBP,self-study
Sam Okafor,teacher,ai-product-manager,education,8,2027-01-04,9,,,,,,,,
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_becomes_the_profile_a_learner_would_write() {
        let learners = read_csv(Path::new("roster.csv"), STARTER).expect("the starter roster");
        assert_eq!(learners.len(), 2);
        let Source::Row(row) = &learners[0].source else {
            panic!("a row");
        };
        assert_eq!(row.line, 2);
        assert!(
            row.yaml.starts_with("name: \"Priya Sharma\"\n"),
            "{}",
            row.yaml
        );
        assert!(row.yaml.contains("hours_per_week: 10\n"));
        assert!(
            row.yaml
                .contains("  - { day: \"tue\", time: \"19:00\", hours: 4 }\n")
        );
        assert!(row.yaml.contains("known_skills: [\"python\", \"git\"]\n"));
        assert!(
            row.yaml
                .contains("  - { from: \"2027-04-05\", to: \"2027-04-11\", note: \"Easter\" }\n")
        );
        assert_eq!(row.yaml.lines().count(), row.columns.len());
        assert_eq!(row.columns[0], 1, "name is the first column");
    }

    #[test]
    fn a_bad_cell_is_named_by_its_row_and_column() {
        let text = "name,background,target_role,hours_per_week,study_slots\nA,teacher,ml-engineer,5,tue 19:00\n";
        let learners = read_csv(Path::new("r.csv"), text).expect("readable");
        let Source::Broken(err) = &learners[0].source else {
            panic!("a broken row");
        };
        assert!(
            err.to_string()
                .starts_with("r.csv:2:5: study_slots: `tue 19:00` is not a study slot"),
            "{err}"
        );
        let err = read_csv(Path::new("r.csv"), "name,backgroud\n").expect_err("a typo");
        assert!(
            err.to_string()
                .starts_with("r.csv:1:2: backgroud: unknown column"),
            "{err}"
        );
        assert_eq!(err.help(), Some("did you mean `background`?"));
    }
}
