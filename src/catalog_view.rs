//! `pivot catalog`: what the catalog holds, as readable tables or JSON.

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
    crate::words::hours_short(h)
}

/// Sum of a role's path, counting every module once.
fn path_hours(catalog: &Catalog, path: &[String]) -> f64 {
    path.iter()
        .filter_map(|m| catalog.module(m))
        .map(|m| m.hours)
        .sum()
}

pub fn render(catalog: &Catalog, section: Option<Section>, as_json: bool) -> String {
    if as_json {
        let value = match section {
            None => json!({
                "roles": catalog.role_ids(),
                "backgrounds": catalog.background_ids(),
                "domains": catalog.domain_ids(),
                "modules": catalog.module_ids(),
                "resources": catalog.resources.iter().map(|r| &r.id).collect::<Vec<_>>(),
                "projects": catalog.projects.iter().map(|p| &p.id).collect::<Vec<_>>(),
            }),
            Some(Section::Roles) => json!(catalog.roles),
            Some(Section::Backgrounds) => json!(catalog.backgrounds),
            Some(Section::Domains) => json!(catalog.domains),
            Some(Section::Modules) => json!(catalog.modules),
            Some(Section::Resources) => json!(catalog.resources),
            Some(Section::Projects) => json!(catalog.projects),
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
                "More: pivot catalog roles|backgrounds|domains|modules|resources|projects\n"
                    .to_string(),
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
    }
}
