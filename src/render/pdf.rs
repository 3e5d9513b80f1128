//! The printable plan: a PDF laid out for A4 or Letter with the fonts compiled into the binary.
//!
//! genpdf does the PDF writing; layout, pagination, text cleaning and the footer are ours (see
//! `flow`), because genpdf drops words wider than a line, draws missing glyphs as empty boxes,
//! splits table rows without repeating headers and cannot number pages "n of N".

mod compress;
mod content;
mod flow;
mod fonts;
mod metadata;
mod text;
mod timeline;
mod wrap;

use std::sync::Mutex;

use genpdf::fonts::{FontData, FontFamily};
use genpdf::{Document, Margins, SimplePageDecorator, Size};

use super::{Paper, RenderOptions};
use crate::error::Error;
use crate::plan::Plan;
use compress::Scratch;
use content::{Builder, Styles};
use flow::{Flow, Footer};
use text::Sanitizer;

/// Renders the plan as PDF bytes, printing to stderr the one warning about characters the fonts
/// cannot show, if there is one.
pub fn render(plan: &Plan, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    Fonts::load()?.render(plan, options)
}

/// Renders the plan as PDF bytes, and returns the warnings (at most one: the characters the
/// fonts cannot show, and what became of them) for the caller to report.
pub fn render_with_warnings(
    plan: &Plan,
    options: &RenderOptions,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    Fonts::load()?.render_with_warnings(plan, options)
}

/// The fonts read from the binary: read once, they set any number of plans, on any number of
/// threads at a time, and the characters each face has been asked about stay looked up.
pub struct Fonts {
    family: FontFamily<FontData>,
    coverage: fonts::Coverage,
    /// Buffers for writing a file, kept for the next plan when one is written (one for each
    /// plan being set at the same time).
    scratch: Mutex<Vec<Scratch>>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, Error> {
        let family = fonts::family()?;
        Ok(Fonts {
            coverage: fonts::Coverage::new(&family),
            family,
            scratch: Mutex::new(Vec::new()),
        })
    }

    /// [`render`] in these fonts.
    pub fn render(&self, plan: &Plan, options: &RenderOptions) -> Result<Vec<u8>, Error> {
        let (bytes, warnings) = self.render_with_warnings(plan, options)?;
        for warning in warnings {
            eprintln!("warning: {warning}");
        }
        Ok(bytes)
    }

    /// [`render_with_warnings`] in these fonts.
    pub fn render_with_warnings(
        &self,
        plan: &Plan,
        options: &RenderOptions,
    ) -> Result<(Vec<u8>, Vec<String>), Error> {
        let mut scratch = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut kept| kept.pop())
            .unwrap_or_else(Scratch::new);
        let set = set(
            self.family.clone(),
            &self.coverage,
            &mut scratch,
            plan,
            options,
        );
        // Only a plan that was written leaves its encoder ready for the next.
        if set.is_ok()
            && let Ok(mut kept) = self.scratch.lock()
        {
            kept.push(scratch);
        }
        set
    }
}

/// Sets the plan in `family`, whose characters `coverage` knows, writing it with `scratch`.
fn set(
    family: FontFamily<FontData>,
    coverage: &fonts::Coverage,
    scratch: &mut Scratch,
    plan: &Plan,
    options: &RenderOptions,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    let mut clean = Sanitizer::new(coverage);
    let styles = Styles::new();
    let blocks = Builder::new(plan, &mut clean, styles).build();
    let footer = Footer {
        text: clean.line(&format!(
            "{} · {} to {} · {} to {}",
            plan.name,
            plan.background_title,
            plan.target_role_title,
            content::date(plan.start),
            content::date(plan.end),
        )),
        style: styles.small.with_font_size(8),
    };

    let mut document = Document::new(family);
    document.set_title(metadata::title(plan));
    document.set_minimal_conformance();
    document.set_paper_size(match options.paper {
        Paper::A4 => Size::new(210.0, 297.0),
        Paper::Letter => Size::new(215.9, 279.4),
    });
    let mut decorator = SimplePageDecorator::new();
    decorator.set_margins(Margins::trbl(15, 16, 9, 16));
    document.set_page_decorator(decorator);
    document.push(Flow::new(blocks, footer));

    scratch.written.clear();
    document
        .render(&mut scratch.written)
        .map_err(|err| Error::Render {
            format: "pdf",
            message: err.to_string(),
        })?;
    let mut bytes = compress::compress(scratch)?;
    metadata::stamp(&mut bytes, options.now)?;
    Ok((bytes, clean.warning().into_iter().collect()))
}
