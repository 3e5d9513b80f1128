//! The Markdown templates: compiled in from `templates/`, and replaceable one by one with a file of
//! the same name in a `--templates DIR` folder.

use std::path::{Path, PathBuf};

use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError};

use crate::error::Error;

/// The template the document starts from; the others are partials it includes by name.
pub const ROOT: &str = "plan";

/// Extension of every template file.
pub const EXTENSION: &str = ".md.hbs";

/// Every template, by name, with its built-in text.
pub const BUILTIN: [(&str, &str); 12] = [
    ("plan", include_str!("../../../templates/plan.md.hbs")),
    ("summary", include_str!("../../../templates/summary.md.hbs")),
    (
        "progress",
        include_str!("../../../templates/progress.md.hbs"),
    ),
    (
        "timeline",
        include_str!("../../../templates/timeline.md.hbs"),
    ),
    ("month", include_str!("../../../templates/month.md.hbs")),
    ("week", include_str!("../../../templates/week.md.hbs")),
    ("honesty", include_str!("../../../templates/honesty.md.hbs")),
    (
        "portfolio",
        include_str!("../../../templates/portfolio.md.hbs"),
    ),
    (
        "networking",
        include_str!("../../../templates/networking.md.hbs"),
    ),
    (
        "resources",
        include_str!("../../../templates/resources.md.hbs"),
    ),
    ("extras", include_str!("../../../templates/extras.md.hbs")),
    ("career", include_str!("../../../templates/career.md.hbs")),
];

/// The file name of template `name`.
pub fn file_name(name: &str) -> String {
    format!("{name}{EXTENSION}")
}

/// Where each registered template came from, so errors can say which file to fix.
#[derive(Debug, Default)]
pub struct Sources(Vec<(&'static str, Option<PathBuf>)>);

impl Sources {
    /// `the built-in template month.md.hbs` or `templates/month.md.hbs`, for messages.
    pub fn describe(&self, name: &str) -> String {
        match self.0.iter().find(|(n, _)| *n == name) {
            Some((_, Some(path))) => path.display().to_string(),
            _ => format!("built-in template {}", file_name(name)),
        }
    }

    /// Whether template `name` comes from a file in the `--templates` folder.
    pub fn is_user_file(&self, name: &str) -> bool {
        self.0.iter().any(|(n, path)| *n == name && path.is_some())
    }
}

/// Registers every template: the built-in text, or the file of the same name in `dir`.
///
/// A missing `dir` is an error, and so is a template file in it whose name pivot does not know
/// (most likely a typo, whose edits would otherwise be silently ignored).
pub fn register(hb: &mut Handlebars<'_>, dir: Option<&Path>) -> Result<Sources, Error> {
    if let Some(dir) = dir {
        check_folder(dir)?;
    }
    let mut sources = Sources::default();
    for (name, builtin) in BUILTIN {
        let override_path = dir
            .map(|d| d.join(file_name(name)))
            .filter(|path| path.is_file());
        let text = match &override_path {
            Some(path) => read_template(path)?,
            None => builtin.to_string(),
        };
        sources.0.push((name, override_path));
        if let Some((line, column, depth)) = super::includes::nests_too_deep(&text) {
            return Err(Error::Template {
                message: format!(
                    "{}:{line}:{column}: {}",
                    sources.describe(name),
                    super::includes::too_deep(depth)
                ),
            });
        }
        hb.register_template_string(name, text)
            .map_err(|err| template_error(&sources, &err))?;
    }
    Ok(sources)
}

/// Longest template file pivot reads. The built-in templates are under 2 KiB each, so 64 KiB
/// leaves room for any real one, and compiling that much takes about a tenth of a second in a
/// debug build.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// Reads the template file at `path`, refusing one longer than [`MAX_TEMPLATE_BYTES`].
fn read_template(path: &Path) -> Result<String, Error> {
    let text = crate::input::read_text_file(path)?;
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(Error::File {
            file: path.to_path_buf(),
            message: format!(
                "the template is {} KiB long; at most {} KiB, far more than any template needs",
                text.len().div_ceil(1024),
                MAX_TEMPLATE_BYTES / 1024
            ),
            help: Some("the built-in templates are under 2 KiB each".into()),
        });
    }
    Ok(text)
}

/// Checks that `dir` is a folder and holds no template files pivot would ignore.
fn check_folder(dir: &Path) -> Result<(), Error> {
    if !dir.is_dir() {
        return Err(Error::Template {
            message: format!(
                "{}: --templates must be a folder holding template files (such as {}); \
                 `pivot templates export {}` writes the built-in ones there",
                dir.display(),
                file_name(ROOT),
                dir.display()
            ),
        });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let known: Vec<String> = BUILTIN.iter().map(|(name, _)| file_name(name)).collect();
    let mut unknown: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|file| file.ends_with(".hbs") && !known.contains(file))
        .collect();
    unknown.sort();
    match unknown.first() {
        None => Ok(()),
        Some(file) => {
            let hint = match crate::suggest::closest(file, &known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the templates are {}", known.join(", ")),
            };
            Err(Error::Template {
                message: format!(
                    "{}: pivot has no template of this name, so it would be ignored; {hint}",
                    dir.join(file).display()
                ),
            })
        }
    }
}

/// A template that does not parse: names the file, line and column.
pub fn template_error(sources: &Sources, err: &TemplateError) -> Error {
    let name = err.name().map_or(ROOT, String::as_str);
    let place = match err.pos() {
        Some((line, column)) => format!(":{line}:{column}"),
        None => String::new(),
    };
    let reason = err.reason().to_string();
    // The parser's own words list its whole grammar; what the author needs is where to look.
    let reason = if reason.contains("invalid handlebars syntax") {
        "check for an unclosed {{#if}} or {{#each}} block, or a stray {{ or }}".to_string()
    } else {
        reason
    };
    Error::Template {
        message: format!(
            "{}{place}: the template does not parse: {reason}",
            sources.describe(name)
        ),
    }
}

/// A template that parses but fails while rendering: names the file, line and column.
pub fn render_error(sources: &Sources, err: &RenderError) -> Error {
    if let RenderErrorReason::TemplateError(inner) = err.reason() {
        return template_error(sources, inner);
    }
    let name = err.template_name.as_deref().unwrap_or(ROOT);
    let place = match (err.line_no, err.column_no) {
        (Some(line), Some(column)) => format!(":{line}:{column}"),
        _ => String::new(),
    };
    let reason = match err.reason() {
        RenderErrorReason::MissingVariable(Some(path)) => format!(
            "`{path}` is not in the plan data (check the spelling; `pivot plan --format json` \
             shows the plan's fields)"
        ),
        RenderErrorReason::MissingVariable(None) => {
            "a value used here is not in the plan data (check the spelling)".to_string()
        }
        RenderErrorReason::HelperNotFound(helper) => format!(
            "there is no helper called `{helper}` (the helpers are date, hours, money, url, link, \
             quote and mermaid)"
        ),
        RenderErrorReason::PartialNotFound(partial) => format!(
            "there is no template called `{partial}` to include (the templates are {})",
            BUILTIN
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        // Only the plan's own writer (`limits`) fails, and its error says why in full.
        RenderErrorReason::IOError(err) => err.to_string(),
        other => other.to_string(),
    };
    Error::Template {
        message: format!("{}{place}: {reason}", sources.describe(name)),
    }
}
