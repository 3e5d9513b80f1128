//! `pivot catalog`: what the catalog holds, as JSON or as tables that fit the terminal.

use clap::ValueEnum;
use serde::Serialize;
use serde_json::json;

use crate::catalog::Catalog;
use crate::cli::Section;
use crate::words::trim_number;
use Column::{Whole, Wraps};

/// A table's column. Ids, numbers and costs stay whole so that they can be copied as written;
/// text may wrap onto more lines so that the table fits the terminal.
#[derive(Clone, Copy)]
enum Column {
    Whole(&'static str),
    Wraps(&'static str),
}

/// The space between two columns.
const GAP: usize = 2;

fn width_of(text: &str) -> usize {
    text.chars().count()
}

/// Text columns aligned to the widest cell, narrowed to fit `width` by wrapping the cells of
/// the columns that may wrap, widest first (see [`wrap`]). A table is wider than `width` only
/// when its whole columns and the longest parts of its words leave no room.
fn table(columns: &[Column], rows: Vec<Vec<String>>, width: usize) -> String {
    let header: Vec<String> = columns
        .iter()
        .map(|c| match c {
            Column::Whole(h) | Column::Wraps(h) => h.to_string(),
        })
        .collect();
    let widest = |i: usize, measure: &dyn Fn(&str) -> usize| {
        rows.iter()
            .map(|row| measure(&row[i]))
            .fold(width_of(&header[i]), usize::max)
    };
    let natural: Vec<usize> = (0..columns.len()).map(|i| widest(i, &width_of)).collect();
    // The narrowest a column may be: whole columns keep their width; the others the longest
    // word in them, or, when that is still too wide, the longest part of a word after a hyphen.
    let least = |longest_part: &dyn Fn(&str) -> usize| -> Vec<usize> {
        columns
            .iter()
            .enumerate()
            .map(|(i, column)| match column {
                Column::Whole(_) => natural[i],
                Column::Wraps(_) => widest(i, &|cell| {
                    cell.split(' ').map(longest_part).max().unwrap_or_default()
                }),
            })
            .collect()
    };
    let words = least(&width_of);
    let parts = least(&|word| {
        hyphen_parts(word)
            .into_iter()
            .map(width_of)
            .max()
            .unwrap_or(0)
    });
    let room = width.saturating_sub(GAP * (columns.len() - 1));
    // Every column that may wrap is capped at the same width, the largest that fits.
    let fitted = |least: &[usize]| -> Option<Vec<usize>> {
        (0..=natural.iter().copied().max().unwrap_or_default())
            .rev()
            .map(|cap| -> Vec<usize> {
                (0..columns.len())
                    .map(|i| natural[i].min(cap).max(least[i]))
                    .collect()
            })
            .find(|widths| widths.iter().sum::<usize>() <= room)
    };
    let widths = fitted(&words).or_else(|| fitted(&parts)).unwrap_or(parts);

    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| wrap(cell, w))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            let mut line = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let text = cell.get(n).map_or("", String::as_str);
                line.push_str(text);
                if i + 1 < cells.len() {
                    line.push_str(&" ".repeat(widths[i] - width_of(text) + GAP));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `text` in lines of at most `width` characters, broken at spaces. A word longer than `width` is
/// broken after its hyphens, as print does, and a part still longer has a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let parts = if width_of(word) > width {
            hyphen_parts(word)
        } else {
            vec![word]
        };
        for (k, part) in parts.into_iter().enumerate() {
            let space = if k == 0 { " " } else { "" };
            match lines.last_mut() {
                Some(line) if width_of(line) + space.len() + width_of(part) <= width => {
                    line.push_str(space);
                    line.push_str(part);
                }
                _ => lines.push(part.to_string()),
            }
        }
    }
    lines
}

/// "statistics-experimentation," as "statistics-" and "experimentation,".
fn hyphen_parts(word: &str) -> Vec<&str> {
    word.split_inclusive('-').collect()
}

fn hours(h: f64) -> String {
    crate::words::hours_short(h)
}

/// Sum of a role's path, counting every module once.
fn path_hours(catalog: &Catalog, path: &[String]) -> f64 {
    path.iter()
        .filter_map(|m| catalog.module(m))
        .map(|m| m.hours)
        .sum()
}

/// What an interest tag steers: interest tags have no entry of their own in the catalog, so they
/// are described by the modules, project kinds and domains' project ideas that name them.
#[derive(Serialize)]
struct Interest<'c> {
    tag: &'c str,
    /// Modules suggested as extras first, for a learner with this interest.
    modules: Vec<&'c str>,
    /// Project kinds favoured for a learner with this interest.
    projects: Vec<&'c str>,
    /// Domains with a project idea that matches this interest.
    domains: Vec<&'c str>,
}

fn interests(catalog: &Catalog) -> Vec<Interest<'_>> {
    catalog
        .interest_tags()
        .into_iter()
        .map(|tag| {
            let names = |tags: &[String]| tags.iter().any(|t| t == tag);
            Interest {
                tag,
                modules: catalog
                    .modules
                    .iter()
                    .filter(|m| names(&m.interests))
                    .map(|m| m.id.as_str())
                    .collect(),
                projects: catalog
                    .projects
                    .iter()
                    .filter(|p| names(&p.interests))
                    .map(|p| p.id.as_str())
                    .collect(),
                domains: catalog
                    .domains
                    .iter()
                    .filter(|d| d.project_ideas.iter().any(|i| names(&i.interests)))
                    .map(|d| d.id.as_str())
                    .collect(),
            }
        })
        .collect()
}

impl Interest<'_> {
    /// The modules, project kinds and domains, in words.
    fn favours(&self) -> String {
        [
            ("extra modules", &self.modules),
            ("project kinds", &self.projects),
            ("project ideas in", &self.domains),
        ]
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(label, ids)| format!("{label}: {}", ids.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
    }
}

/// The modules that teach a skill: the ones a learner skips when they list it in `known_skills`
/// (once they know every skill such a module teaches).
fn taught_in<'c>(catalog: &'c Catalog, skill: &str) -> Vec<&'c str> {
    catalog
        .modules
        .iter()
        .filter(|m| m.skills.iter().any(|s| s == skill))
        .map(|m| m.id.as_str())
        .collect()
}

fn or_dash(ids: Vec<&str>) -> String {
    if ids.is_empty() {
        "-".into()
    } else {
        ids.join(", ")
    }
}

/// The catalog as `pivot catalog` prints it: JSON, or text fitted to `width` columns.
pub fn render(catalog: &Catalog, section: Option<Section>, as_json: bool, width: usize) -> String {
    if as_json {
        let value = match section {
            None => json!({
                "roles": catalog.role_ids(),
                "backgrounds": catalog.background_ids(),
                "domains": catalog.domain_ids(),
                "skills": catalog.skill_ids(),
                "interests": catalog.interest_tags(),
                "modules": catalog.module_ids(),
                "resources": catalog.resources.iter().map(|r| &r.id).collect::<Vec<_>>(),
                "projects": catalog.projects.iter().map(|p| &p.id).collect::<Vec<_>>(),
            }),
            Some(Section::Roles) => json!(catalog.roles),
            Some(Section::Backgrounds) => json!(catalog.backgrounds),
            Some(Section::Domains) => json!(catalog.domains),
            Some(Section::Skills) => json!(catalog.skills),
            Some(Section::Interests) => json!(interests(catalog)),
            Some(Section::Modules) => json!(catalog.modules),
            Some(Section::Resources) => json!(catalog.resources),
            Some(Section::Projects) => json!(catalog.projects),
            Some(Section::Routes) => json!(catalog.routes),
        };
        return serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    }
    match section {
        None => {
            let list = |items: &[&str]| -> String {
                wrap(&items.join(", "), width.saturating_sub(2))
                    .iter()
                    .map(|l| format!("  {l}\n"))
                    .collect()
            };
            let line =
                |label: &str, ids: Vec<&str>| format!("{label} ({}):\n{}", ids.len(), list(&ids));
            let sections = section_names();
            [
                line("Target roles (target_role)", catalog.role_ids()),
                line("Backgrounds (background)", catalog.background_ids()),
                line("Domains (domain)", catalog.domain_ids()),
                line("Skills (known_skills)", catalog.skill_ids()),
                line(
                    "Interests (interests)",
                    catalog.interest_tags().into_iter().collect(),
                ),
                format!(
                    "More: pivot catalog SECTION, where SECTION is one of\n{}",
                    list(&sections.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            ]
            .join("\n")
        }
        Some(Section::Roles) => table(
            &[
                Whole("ID"),
                Wraps("TITLE"),
                Wraps("PATH"),
                Wraps("TYPICAL BACKGROUND"),
            ],
            catalog
                .roles
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.title.clone(),
                        format!(
                            "{} modules, {}",
                            r.path.len(),
                            hours(path_hours(catalog, &r.path))
                        ),
                        r.typical_background.clone(),
                    ]
                })
                .collect(),
            width,
        ),
        Some(Section::Backgrounds) => table(
            &[Whole("ID"), Wraps("TITLE"), Wraps("SKILLS IT BRINGS")],
            catalog
                .backgrounds
                .iter()
                .map(|b| vec![b.id.clone(), b.title.clone(), b.skills.join(", ")])
                .collect(),
            width,
        ),
        Some(Section::Domains) => table(
            &[Whole("ID"), Wraps("TITLE"), Wraps("AI APPLICATIONS")],
            catalog
                .domains
                .iter()
                .map(|d| vec![d.id.clone(), d.title.clone(), d.applications.join(", ")])
                .collect(),
            width,
        ),
        Some(Section::Skills) => table(
            &[Whole("ID"), Wraps("TITLE"), Wraps("TAUGHT IN")],
            catalog
                .skills
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        s.title.clone(),
                        or_dash(taught_in(catalog, &s.id)),
                    ]
                })
                .collect(),
            width,
        ),
        Some(Section::Interests) => table(
            &[Whole("TAG"), Wraps("WHAT IT FAVOURS")],
            interests(catalog)
                .iter()
                .map(|i| vec![i.tag.to_string(), i.favours()])
                .collect(),
            width,
        ),
        Some(Section::Modules) => table(
            &[
                Whole("ID"),
                Whole("HOURS"),
                Whole("STAGE"),
                Wraps("REQUIRES"),
                Wraps("TITLE"),
            ],
            catalog
                .modules
                .iter()
                .map(|m| {
                    vec![
                        m.id.clone(),
                        hours(m.hours),
                        format!("{:?}", m.stage).to_lowercase(),
                        if m.requires.is_empty() {
                            "-".into()
                        } else {
                            m.requires.join(", ")
                        },
                        m.title.clone(),
                    ]
                })
                .collect(),
            width,
        ),
        Some(Section::Resources) => table(
            &[
                Whole("ID"),
                Whole("HOURS"),
                Whole("COST"),
                Whole("ROUTE"),
                Wraps("TITLE (PROVIDER)"),
            ],
            catalog
                .resources
                .iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.hours.map_or_else(|| "-".into(), hours),
                        r.cost.as_ref().map_or_else(
                            || "free".into(),
                            |c| format!("{} {}", c.currency, trim_number(c.amount)),
                        ),
                        r.route.id().to_string(),
                        format!("{} ({})", r.title, r.provider),
                    ]
                })
                .collect(),
            width,
        ),
        Some(Section::Projects) => table(
            &[Whole("ID"), Whole("PHASES"), Whole("HOURS"), Wraps("TITLE")],
            catalog
                .projects
                .iter()
                .map(|p| {
                    vec![
                        p.id.clone(),
                        p.phases.len().to_string(),
                        hours(p.phases.iter().map(|ph| ph.hours).sum()),
                        p.title.clone(),
                    ]
                })
                .collect(),
            width,
        ),
        Some(Section::Routes) => table(
            &[
                Whole("ID"),
                Wraps("TITLE"),
                Wraps("TYPICAL LENGTH"),
                Wraps("TYPICAL COST"),
            ],
            catalog
                .routes
                .iter()
                .map(|r| {
                    vec![
                        r.id.id().to_string(),
                        r.title.clone(),
                        r.typical_duration.clone(),
                        r.typical_cost.clone(),
                    ]
                })
                .collect(),
            width,
        ),
    }
}

/// The sections as the command line names them.
fn section_names() -> Vec<String> {
    Section::value_variants()
        .iter()
        .filter_map(|s| s.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "a-long-module-id".into(),
                "10 h".into(),
                "A title that is far too long to stay on one line of a narrow table".into(),
            ],
            vec!["short".into(), "2.5 h".into(), "Short".into()],
        ]
    }

    const COLUMNS: [Column; 3] = [Whole("ID"), Whole("HOURS"), Wraps("TITLE")];

    #[test]
    fn a_table_that_fits_is_not_wrapped() {
        let text = table(&COLUMNS, rows(), 200);
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(
            text.starts_with("ID                HOURS  TITLE\n"),
            "{text}"
        );
    }

    #[test]
    fn a_wide_table_wraps_its_text_to_the_width_and_keeps_ids_whole() {
        let text = table(&COLUMNS, rows(), 40);
        for line in text.lines() {
            assert!(width_of(line) <= 40, "`{line}` is wider than 40:\n{text}");
        }
        assert!(
            text.contains("a-long-module-id  10 h   A title that is"),
            "{text}"
        );
        let title_lines: Vec<&str> = text.lines().skip(1).map(|l| l[25..].trim()).collect();
        assert_eq!(
            title_lines.join(" "),
            "A title that is far too long to stay on one line of a narrow table Short",
            "{text}"
        );
        assert!(
            text.ends_with("\nshort             2.5 h  Short\n"),
            "{text}"
        );
    }

    #[test]
    fn a_word_too_long_for_its_column_breaks_after_a_hyphen_only() {
        assert_eq!(
            wrap("ml-fundamentals, statistics-experimentation", 16),
            ["ml-fundamentals,", "statistics-", "experimentation"]
        );
        assert_eq!(
            wrap("unbreakable and more", 5),
            ["unbreakable", "and", "more"]
        );
        let rows = vec![vec![
            "id".into(),
            "1 h".into(),
            "unbreakable and more".into(),
        ]];
        let text = table(&COLUMNS, rows, 10);
        assert!(text.lines().any(|l| l.ends_with("unbreakable")), "{text}");
        assert!(text.lines().any(|l| l.ends_with("and more")), "{text}");
    }

    #[test]
    fn every_section_fits_a_narrow_terminal() {
        let catalog = Catalog::builtin().expect("built-in catalog");
        for section in std::iter::once(None).chain(Section::value_variants().iter().map(Some)) {
            let text = render(&catalog, section.copied(), false, 80);
            for line in text.lines() {
                assert!(width_of(line) <= 80, "{section:?}: `{line}`");
            }
        }
    }
}
