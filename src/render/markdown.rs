//! The plan as Markdown, through handlebars templates that users can replace one by one.
//!
//! Text from the profile and the catalog is escaped for Markdown (not HTML) on the way out, so a
//! name like `*Zoë* | <b>` reads back literally and cannot break a table, and strict mode makes a
//! typo in a template an error rather than an empty string. Before anything renders, the
//! templates' includes are checked for loops and depth (`includes`); the render itself is
//! bounded in length and work (`limits`).

mod escape;
mod helpers;
mod includes;
mod limits;
mod templates;
mod view;

use std::path::{Path, PathBuf};

use handlebars::Handlebars;

use super::RenderOptions;
use crate::error::Error;
use crate::plan::Plan;

pub use templates::BUILTIN as TEMPLATES;

/// Renders `plan` as Markdown, with any template in `options.templates` replacing the built-in
/// one of the same name.
pub fn render(plan: &Plan, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    Templates::load(options.templates.as_deref())?.render(plan)
}

/// The templates compiled and checked, which takes longer than rendering a plan with them: made
/// once, they render any number of plans, on any number of threads at a time.
pub struct Templates {
    hb: Handlebars<'static>,
    sources: templates::Sources,
}

impl Templates {
    /// The built-in templates, with any template in `dir` replacing the one of the same name.
    pub fn load(dir: Option<&Path>) -> Result<Templates, Error> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(escape::text);
        helpers::register(&mut hb);
        let sources = templates::register(&mut hb, dir)?;
        let sizes = includes::check(&hb, &sources)?;
        limits::count_parts(&mut hb, &sizes)
            .map_err(|err| templates::template_error(&sources, &err))?;
        Ok(Templates { hb, sources })
    }

    /// Renders `plan` as Markdown.
    pub fn render(&self, plan: &Plan) -> Result<Vec<u8>, Error> {
        let data = view::build(plan);
        let mut text = limits::render(&self.hb, &data, limits::max_bytes(plan.items.len()))
            .map_err(|err| templates::render_error(&self.sources, &err))?;
        tidy(&mut text);
        Ok(text.into_bytes())
    }
}

/// The built-in templates as files in `dir`, for users to edit and pass back with
/// `--templates DIR`.
pub fn template_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    templates::BUILTIN
        .iter()
        .map(|(name, text)| (dir.join(templates::file_name(name)), *text))
        .collect()
}

/// Collapses the blank lines that conditional template sections leave behind: at most one blank
/// line in a row outside fenced code, none at the start, and exactly one newline at the end.
fn tidy(text: &mut String) {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    let mut in_fence = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    *text = out;
}
