//! `pivot catalog`: what the catalog holds, as readable tables or JSON.

use clap::ValueEnum;
use serde::Serialize;
use serde_json::json;

use crate::catalog::Catalog;
use crate::cli::Section;
use crate::words::trim_number;

/// Text columns aligned to the widest cell; the last column runs free.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate().take(columns - 1) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header_row: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header_row).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < columns {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            } else {
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn hours(h: f64) -> String {
    format!("{} h", trim_number(h))
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

pub fn render(catalog: &Catalog, section: Option<Section>, as_json: bool) -> String {
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
            let line = |label: &str, ids: Vec<&str>| {
                format!("{label} ({}):\n  {}\n", ids.len(), ids.join(", "))
            };
            [
                line("Target roles (target_role)", catalog.role_ids()),
                line("Backgrounds (background)", catalog.background_ids()),
                line("Domains (domain)", catalog.domain_ids()),
                line("Skills (known_skills)", catalog.skill_ids()),
                line(
                    "Interests (interests)",
                    catalog.interest_tags().into_iter().collect(),
                ),
                format!("More: pivot catalog {}\n", section_names().join("|")),
            ]
            .join("\n")
        }
        Some(Section::Roles) => table(
            &["ID", "TITLE", "PATH", "TYPICAL BACKGROUND"],
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
        ),
        Some(Section::Backgrounds) => table(
            &["ID", "TITLE", "SKILLS IT BRINGS"],
            catalog
                .backgrounds
                .iter()
                .map(|b| vec![b.id.clone(), b.title.clone(), b.skills.join(", ")])
                .collect(),
        ),
        Some(Section::Domains) => table(
            &["ID", "TITLE", "AI APPLICATIONS"],
            catalog
                .domains
                .iter()
                .map(|d| vec![d.id.clone(), d.title.clone(), d.applications.join(", ")])
                .collect(),
        ),
        Some(Section::Skills) => table(
            &["ID", "TITLE", "TAUGHT IN"],
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
        ),
        Some(Section::Interests) => table(
            &["TAG", "WHAT IT FAVOURS"],
            interests(catalog)
                .iter()
                .map(|i| vec![i.tag.to_string(), i.favours()])
                .collect(),
        ),
        Some(Section::Modules) => table(
            &["ID", "HOURS", "STAGE", "REQUIRES", "TITLE"],
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
        ),
        Some(Section::Resources) => table(
            &["ID", "HOURS", "COST", "ROUTE", "TITLE (PROVIDER)"],
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
        ),
        Some(Section::Projects) => table(
            &["ID", "PHASES", "HOURS", "TITLE"],
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
        ),
        Some(Section::Routes) => table(
            &["ID", "TITLE", "TYPICAL LENGTH", "TYPICAL COST"],
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
