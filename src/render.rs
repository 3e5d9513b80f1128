//! Renderers: each turns a finished [`Plan`] into bytes. They never compute schedule facts and
//! never touch the file system; the caller decides where the bytes go.

pub mod ical;
pub mod json;
pub mod markdown;
pub mod pdf;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::plan::Plan;

/// The output formats, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Md,
    Pdf,
    Ics,
    Json,
}

impl Format {
    pub const DEFAULT: [Format; 3] = [Format::Md, Format::Pdf, Format::Ics];
    pub const ALL: [Format; 4] = [Format::Md, Format::Pdf, Format::Ics, Format::Json];

    /// File extension, which is also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Ics => "ics",
            Format::Json => "json",
        }
    }
}

/// Paper size for the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

/// Everything a renderer may need besides the plan.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub paper: Paper,
    /// A folder whose templates replace the built-in ones by name.
    pub templates: Option<PathBuf>,
    /// "Now": DTSTAMP in the calendar, creation date in the PDF. `SOURCE_DATE_EPOCH` when set.
    pub now: DateTime<Utc>,
    /// The calendar this plan was last written to, if any, so that events that moved get a
    /// higher SEQUENCE and clients update them.
    pub previous_calendar: Option<String>,
}

/// Renders `plan` in `format`.
pub fn render(plan: &Plan, format: Format, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    match format {
        Format::Ics => ical::render(plan, options),
        Format::Json => json::render(plan),
        Format::Md => markdown::render(plan, options),
        Format::Pdf => pdf::render(plan, options),
    }
}

/// What rendering needs that is the same for every plan of a run, made once: the Markdown
/// templates compiled and checked, and the PDF's fonts read. Shared by reference, it renders
/// plans on any number of threads at a time (`pivot batch` shares one between its workers).
pub struct Renderer {
    templates: Option<markdown::Templates>,
    fonts: Option<pdf::Fonts>,
}

impl Renderer {
    /// A renderer for `formats`, with any template in `templates` replacing the built-in one of
    /// the same name.
    pub fn new(formats: &[Format], templates: Option<&Path>) -> Result<Renderer, Error> {
        let templates = formats
            .contains(&Format::Md)
            .then(|| markdown::Templates::load(templates))
            .transpose()?;
        let fonts = formats
            .contains(&Format::Pdf)
            .then(pdf::Fonts::load)
            .transpose()?;
        Ok(Renderer { templates, fonts })
    }

    /// A renderer with templates compiled elsewhere (on a thread of their own) and no fonts:
    /// the PDF, if any, is set elsewhere too.
    pub fn with_templates(templates: Option<markdown::Templates>) -> Renderer {
        Renderer {
            templates,
            fonts: None,
        }
    }

    /// Renders `plan` in `format`, as [`render`] does; `options.templates` was read when the
    /// renderer was made.
    pub fn render(
        &self,
        plan: &Plan,
        format: Format,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Error> {
        match (format, &self.templates, &self.fonts) {
            (Format::Md, Some(templates), _) => templates.render(plan),
            (Format::Pdf, _, Some(fonts)) => fonts.render(plan, options),
            _ => render(plan, format, options),
        }
    }
}
