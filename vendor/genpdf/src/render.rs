// SPDX-FileCopyrightText: 2020 Robin Krahl <robin.krahl@ireas.org>
// SPDX-License-Identifier: Apache-2.0 or MIT

//! Low-level PDF rendering utilities.
//!
//! This module provides low-level abstractions over [`printpdf`][]:  A [`Renderer`][] creates a
//! document with one or more pages with different sizes.  A [`Page`][] has one or more layers, all
//! of the same size.  A [`Layer`][] can be used to access its [`Area`][].
//!
//! An [`Area`][] is a view on a full layer or on a part of a layer.  It can be used to print
//! lines and text.  For more advanced text formatting, you can create a [`TextSection`][] from an
//! [`Area`][].
//!
//! [`printpdf`]: https://docs.rs/printpdf/latest/printpdf
//! [`Renderer`]: struct.Renderer.html
//! [`Page`]: struct.Page.html
//! [`Layer`]: struct.Layer.html
//! [`Area`]: struct.Area.html
//! [`TextSection`]: struct.TextSection.html

use std::cell::Cell;
use std::io;

use printpdf::types::plugins::graphics::two_dimensional::font::{FontMetrics, GlyphMetrics};

use crate::error::{Context as _, Error, ErrorKind};
use crate::fonts;
use crate::style::{Color, Style};
use crate::{Margins, Mm, Position, Size};

#[cfg(feature = "images")]
use crate::{Rotation, Scale};

/// Renders a PDF document with one or more pages.
///
/// This is a wrapper around a [`printpdf::PdfDocumentReference`][].
///
/// [`printpdf::PdfDocumentReference`]: https://docs.rs/printpdf/0.3.2/printpdf/types/pdf_document/struct.PdfDocumentReference.html
pub struct Renderer {
    doc: printpdf::PdfDocumentReference,
    // invariant: pages.len() >= 1
    pages: Vec<Page>,
}

impl Renderer {
    /// Creates a new PDF document renderer with one page of the given size and the given title.
    pub fn new(size: impl Into<Size>, title: impl AsRef<str>) -> Result<Renderer, Error> {
        let size = size.into();
        let (doc, page_idx, layer_idx) = printpdf::PdfDocument::new(
            title.as_ref(),
            size.width.into(),
            size.height.into(),
            "Layer 1",
        );
        let page_ref = doc.get_page(page_idx);
        let layer_ref = page_ref.get_layer(layer_idx);
        let page = Page::new(page_ref, layer_ref, size);

        Ok(Renderer {
            doc,
            pages: vec![page],
        })
    }

    /// Sets the PDF conformance for the generated PDF document.
    pub fn with_conformance(mut self, conformance: printpdf::PdfConformance) -> Self {
        self.doc = self.doc.with_conformance(conformance);
        self
    }

    /// Adds a new page with the given size to the document.
    pub fn add_page(&mut self, size: impl Into<Size>) {
        let size = size.into();
        let (page_idx, layer_idx) =
            self.doc
                .add_page(size.width.into(), size.height.into(), "Layer 1");
        let page_ref = self.doc.get_page(page_idx);
        let layer_ref = page_ref.get_layer(layer_idx);
        self.pages.push(Page::new(page_ref, layer_ref, size))
    }

    /// Returns the number of pages in this document.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Returns a page of this document.
    pub fn get_page(&self, idx: usize) -> Option<&Page> {
        self.pages.get(idx)
    }

    /// Returns a mutable reference to a page of this document.
    pub fn get_page_mut(&mut self, idx: usize) -> Option<&mut Page> {
        self.pages.get_mut(idx)
    }

    /// Returns a mutable reference to the first page of this document.
    pub fn first_page(&self) -> &Page {
        &self.pages[0]
    }

    /// Returns the first page of this document.
    pub fn first_page_mut(&mut self) -> &mut Page {
        &mut self.pages[0]
    }

    /// Returns the last page of this document.
    pub fn last_page(&self) -> &Page {
        &self.pages[self.pages.len() - 1]
    }

    /// Returns a mutable reference to the last page of this document.
    pub fn last_page_mut(&mut self) -> &mut Page {
        let idx = self.pages.len() - 1;
        &mut self.pages[idx]
    }

    /// Loads the font from the given data, adds it to the generated document and returns a
    /// reference to it.
    pub fn add_builtin_font(
        &self,
        builtin: printpdf::BuiltinFont,
    ) -> Result<printpdf::IndirectFontRef, Error> {
        self.doc
            .add_builtin_font(builtin)
            .context("Failed to load PDF font")
    }

    /// Loads the font from the given data, adds it to the generated document and returns a
    /// reference to it.
    pub fn add_embedded_font(&self, data: &[u8]) -> Result<printpdf::IndirectFontRef, Error> {
        self.doc
            .add_external_font(data)
            .context("Failed to load PDF font")
    }

    /// Adds a font that has already been parsed to the generated document, reduced to the given
    /// glyphs, and returns a reference to it.
    ///
    /// The embedded font program keeps only the outlines of the given glyphs (and of the glyphs
    /// they are composed of); every glyph keeps its ID, so text drawn with the IDs of the whole
    /// font shows the same.  A font the subsetter cannot read is embedded whole.
    ///
    /// Unlike [`add_embedded_font`](#method.add_embedded_font), printpdf is only asked to look
    /// up the code points that the font's Unicode character maps cover when it builds the
    /// glyph map it writes for the font (its widths and `ToUnicode` table).  printpdf's own map
    /// asks the font about every Unicode code point, 1.1 million lookups per face, which
    /// dominates the time it takes to write a small document.  The map is the same either way.
    pub(crate) fn add_subset_font(
        &self,
        data: &[u8],
        font: &rusttype::Font<'static>,
        tables: &EmbeddingTables,
        glyphs: &[u16],
    ) -> Result<printpdf::IndirectFontRef, Error> {
        let program = subsetter::subset(data, 0, subsetter::Profile::pdf(glyphs))
            .unwrap_or_else(|_| data.to_vec());
        let all_chars;
        let chars = match &tables.chars {
            Some(chars) => chars,
            None => {
                all_chars = printpdf::FontData::glyph_ids(font);
                &all_chars
            }
        };
        // Only the glyphs drawn: the widths and `ToUnicode` table of the others would never be
        // read.
        let chars = glyphs
            .iter()
            .filter_map(|glyph| Some((*glyph, *chars.get(glyph)?)))
            .collect();
        let font = MappedFont {
            font: font.clone(),
            chars,
            metrics: tables.metrics.clone(),
        };
        self.doc
            .add_external_font_data(program, font)
            .context("Failed to load PDF font")
    }

    /// Writes this PDF document to a writer.
    pub fn write(self, w: impl io::Write) -> Result<(), Error> {
        self.doc
            .save(&mut io::BufWriter::new(w))
            .context("Failed to save document")
    }
}

/// A page of a PDF document.
///
/// This is a wrapper around a [`printpdf::PdfPageReference`][].
///
/// [`printpdf::PdfPageReference`]: https://docs.rs/printpdf/0.3.2/printpdf/types/pdf_page/struct.PdfPageReference.html
pub struct Page {
    page: printpdf::PdfPageReference,
    size: Size,
    // invariant: layers.len() >= 1
    layers: Vec<Layer>,
}

impl Page {
    fn new(
        page: printpdf::PdfPageReference,
        layer: printpdf::PdfLayerReference,
        size: Size,
    ) -> Page {
        Page {
            page,
            size,
            layers: vec![Layer::new(layer, size)],
        }
    }

    /// Adds a new layer with the given name to the page.
    pub fn add_layer(&mut self, name: impl Into<String>) {
        // The layers' contents are drawn one after the other, so the new layer starts with the
        // stroke and fill colors the last one ends with: black, as it assumes.
        self.last_layer().set_outline_color(BLACK);
        self.last_layer().set_fill_color(BLACK);
        let layer = self.page.add_layer(name);
        self.layers.push(Layer::new(layer, self.size));
    }

    /// Returns the number of layers on this page.
    pub fn layer_count(&self) -> usize {
        self.layers.len()
    }

    /// Returns a layer of this page.
    pub fn get_layer(&self, idx: usize) -> Option<&Layer> {
        self.layers.get(idx)
    }

    /// Returns the first layer of this page.
    pub fn first_layer(&self) -> &Layer {
        &self.layers[0]
    }

    /// Returns the last layer of this page.
    pub fn last_layer(&self) -> &Layer {
        &self.layers[self.layers.len() - 1]
    }
}

/// A layer of a page of a PDF document.
///
/// This is a wrapper around a [`printpdf::PdfLayerReference`][].
///
/// [`printpdf::PdfLayerReference`]: https://docs.rs/printpdf/0.3.2/printpdf/types/pdf_layer/struct.PdfLayerReference.html
pub struct Layer {
    layer: printpdf::PdfLayerReference,
    size: Size,
    // The stroke color the layer's content has set so far (black, as a page starts).
    outline_color: Cell<Color>,
    // The fill color, which text is drawn in, likewise.
    fill_color: Cell<Color>,
    // The font and size, and the line height, text has set so far (none as a layer starts).
    // They are part of the text state, which outlasts each text section.
    font: Cell<Option<(fonts::Font, u8)>>,
    line_height: Cell<Option<Mm>>,
}

/// The color lines are drawn in when their style sets none.
const BLACK: Color = Color::Rgb(0, 0, 0);

impl Layer {
    fn new(layer: printpdf::PdfLayerReference, size: Size) -> Layer {
        Layer {
            layer,
            size,
            outline_color: Cell::new(BLACK),
            fill_color: Cell::new(BLACK),
            font: Cell::new(None),
            line_height: Cell::new(None),
        }
    }

    /// Sets the stroke color, unless it is set already.
    fn set_outline_color(&self, color: Color) {
        if self.outline_color.get() != color {
            self.layer.set_outline_color(color.into());
            self.outline_color.set(color);
        }
    }

    /// Sets the fill color, unless it is set already.
    fn set_fill_color(&self, color: Color) {
        if self.fill_color.get() != color {
            self.layer.set_fill_color(color.into());
            self.fill_color.set(color);
        }
    }

    /// Sets the font and its size for text, unless they are set already.
    fn set_font(&self, pdf_font: &printpdf::IndirectFontRef, font: fonts::Font, size: u8) {
        if self.font.get() != Some((font, size)) {
            self.layer.set_font(pdf_font, size.into());
            self.font.set(Some((font, size)));
        }
    }

    /// Sets the distance between lines of text, unless it is set already.
    fn set_line_height(&self, line_height: Mm) {
        if self.line_height.get() != Some(line_height) {
            self.layer.set_line_height(line_height.into());
            self.line_height.set(Some(line_height));
        }
    }

    /// Returns a drawable area for this layer.
    pub fn area(&self) -> Area<'_> {
        Area::new(self, Position::default(), self.size)
    }

    /// Transforms the given position that is relative to the upper left corner of the layer to a
    /// position that is relative to the lower left corner of the layer (as used by `printpdf`).
    fn transform_position(&self, mut position: Position) -> Position {
        position.y = self.size.height - position.y;
        position
    }
}

/// A view on an area of a PDF layer that can be drawn on.
///
/// This struct provides access to the drawing methods of a [`printpdf::PdfLayerReference`][].  It
/// is defined by the layer that is drawn on and the origin and the size of the area.
///
/// [`printpdf::PdfLayerReference`]: https://docs.rs/printpdf/0.3.2/printpdf/types/pdf_layer/struct.PdfLayerReference.html
#[derive(Clone)]
pub struct Area<'a> {
    layer: &'a Layer,
    origin: Position,
    size: Size,
}

impl<'a> Area<'a> {
    fn new(layer: &'a Layer, origin: Position, size: Size) -> Area<'a> {
        Area {
            layer,
            origin,
            size,
        }
    }

    /// Reduces the size of the drawable area by the given margins.
    pub fn add_margins(&mut self, margins: impl Into<Margins>) {
        let margins = margins.into();
        self.origin.x += margins.left;
        self.origin.y += margins.top;
        self.size.width -= margins.left + margins.right;
        self.size.height -= margins.top + margins.bottom;
    }

    /// Returns the size of this area.
    pub fn size(&self) -> Size {
        self.size
    }

    /// Adds the given offset to the area, reducing the drawable area.
    pub fn add_offset(&mut self, offset: impl Into<Position>) {
        let offset = offset.into();
        self.origin.x += offset.x;
        self.origin.y += offset.y;
        self.size.width -= offset.x;
        self.size.height -= offset.y;
    }

    /// Sets the size of this area.
    pub fn set_size(&mut self, size: impl Into<Size>) {
        self.size = size.into();
    }

    /// Sets the width of this area.
    pub fn set_width(&mut self, width: Mm) {
        self.size.width = width;
    }

    /// Sets the height of this area.
    pub fn set_height(&mut self, height: Mm) {
        self.size.height = height;
    }

    /// Splits this area horizontally using the given weights.
    ///
    /// The returned vector has the same number of elements as the provided slice.  The width of
    /// the *i*-th area is *width \* weights[i] / total_weight*, where *width* is the width of this
    /// area, and *total_weight* is the sum of all given weights.
    pub fn split_horizontally(&self, weights: &[usize]) -> Vec<Area<'a>> {
        let total_weight: usize = weights.iter().sum();
        let factor = self.size.width / total_weight as f64;
        let widths = weights.iter().map(|weight| factor * *weight as f64);
        let mut offset = Mm(0.0);
        let mut areas = Vec::new();
        for width in widths {
            let mut area = self.clone();
            area.origin.x += offset;
            area.size.width = width;
            areas.push(area);
            offset += width;
        }
        areas
    }

    /// Inserts an image into the document.
    ///
    /// *Only available if the `images` feature is enabled.*
    ///
    /// The position is assumed to be relative to the upper left hand corner of the area.
    /// Your position will need to compensate for rotation/scale/dpi. Using [`Image`][]’s
    /// render functionality will do this for you and is the recommended way to
    /// insert an image into an Area.
    ///
    /// [`Image`]: ../elements/struct.Image.html
    #[cfg(feature = "images")]
    pub fn add_image(
        &self,
        image: &image::DynamicImage,
        position: Position,
        scale: Scale,
        rotation: Rotation,
        dpi: Option<f64>,
    ) {
        let dynamic_image = printpdf::Image::from_dynamic_image(image);
        let real_position = self.transform_position(position);
        let layer = self.layer().clone();
        dynamic_image.add_to_layer(
            layer,
            Some(real_position.x.into()),
            Some(real_position.y.into()),
            rotation.into(),
            Some(scale.x),
            Some(scale.y),
            dpi,
        );
    }

    /// Draws a line with the given points and the given style.
    ///
    /// Currently, this method only uses the color of the given style as the outline color (if set).
    /// The points are relative to the upper left corner of the area.
    pub fn draw_line(&self, points: Vec<Position>, style: Style) {
        let line_points: Vec<_> = points
            .into_iter()
            .map(|pos| (self.transform_position(pos).into(), false))
            .collect();
        let line = printpdf::Line {
            points: line_points,
            is_closed: false,
            has_fill: false,
            has_stroke: true,
            is_clipping_path: false,
        };
        // The color stays set after the line, so that the lines after it in the same color
        // (a grid, say) do not set it again, each with an operation of its own.
        self.layer.set_outline_color(style.color().unwrap_or(BLACK));
        self.layer().add_shape(line);
    }

    /// Fills the rectangle with the given upper left corner and size in the given color, without
    /// an outline.
    ///
    /// The position is relative to the upper left corner of the area.
    pub fn fill_rect(&self, position: Position, size: Size, color: Color) {
        let corners = [
            position,
            Position::new(position.x + size.width, position.y),
            Position::new(position.x + size.width, position.y + size.height),
            Position::new(position.x, position.y + size.height),
        ];
        let shape = printpdf::Line {
            points: corners
                .iter()
                .map(|corner| (self.transform_position(*corner).into(), false))
                .collect(),
            is_closed: true,
            has_fill: true,
            has_stroke: false,
            is_clipping_path: false,
        };
        // Like text, the fill stays in the color after it.
        self.layer.set_fill_color(color);
        self.layer().add_shape(shape);
    }

    /// Tries to draw the given string at the given position and returns `true` if the area was
    /// large enough to draw the string.
    ///
    /// The font cache must contain the PDF font for the font set in the style.  The position is
    /// relative to the upper left corner of the area.
    pub fn print_str<S: AsRef<str>>(
        &self,
        font_cache: &fonts::FontCache,
        position: Position,
        style: Style,
        s: S,
    ) -> Result<bool, Error> {
        if let Some(mut section) = self.text_section(font_cache, position, style) {
            section.print_str(s, style)?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Creates a new text section at the given position if the text section fits in this area.
    ///
    /// The given style is only used to calculate the line height of the section.  The position is
    /// relative to the upper left corner of the area.  The font cache must contain the PDF font
    /// for all fonts printed with the text section.
    pub fn text_section<'f>(
        &self,
        font_cache: &'f fonts::FontCache,
        position: Position,
        style: Style,
    ) -> Option<TextSection<'_, 'f, 'a>> {
        TextSection::new(font_cache, self, position, style)
    }

    /// Transforms the given position that is relative to the upper left corner of the area to a
    /// position that is relative to the lower left corner of its layer (as used by `printpdf`).
    fn transform_position(&self, mut position: Position) -> Position {
        position += self.origin;
        self.layer.transform_position(position)
    }

    fn layer(&self) -> &printpdf::PdfLayerReference {
        &self.layer.layer
    }
}

/// A text section that is drawn on an area of a PDF layer.
pub struct TextSection<'a, 'f, 'l> {
    font_cache: &'f fonts::FontCache,
    area: &'a Area<'l>,
    line_height: Mm,
    cursor: Position,
}

impl<'a, 'f, 'l> TextSection<'a, 'f, 'l> {
    fn new(
        font_cache: &'f fonts::FontCache,
        area: &'a Area<'l>,
        position: Position,
        style: Style,
    ) -> Option<TextSection<'a, 'f, 'l>> {
        let height = style.font(font_cache).glyph_height(style.font_size());

        if position.y + height > area.size.height {
            return None;
        }

        let line_height = style.line_height(font_cache);
        let section = TextSection {
            font_cache,
            area,
            line_height,
            cursor: position,
        };
        section.layer().begin_text_section();
        area.layer.set_line_height(line_height);
        let cursor = area.transform_position(position);
        section
            .layer()
            .set_text_cursor(cursor.x.into(), (cursor.y - height).into());
        Some(section)
    }

    /// Tries to add a new line and returns `true` if the area was large enough to fit the new
    /// line.
    #[must_use]
    pub fn add_newline(&mut self) -> bool {
        if self.cursor.y + self.line_height > self.area.size.height {
            false
        } else {
            self.layer().add_line_break();
            self.cursor.y += self.line_height;
            true
        }
    }

    /// Prints the given string with the given style.
    ///
    /// The font cache for this text section must contain the PDF font for the given style.
    pub fn print_str(&mut self, s: impl AsRef<str>, style: Style) -> Result<(), Error> {
        let font = style.font(self.font_cache);

        let positions: Vec<i64> = font
            .kerning(self.font_cache, s.as_ref().chars())
            .into_iter()
            // Kerning is measured in 1/1000 em
            .map(|pos| pos * -1000.0)
            .map(|pos| pos as i64)
            .collect();
        let codepoints = if font.is_builtin() {
            // Built-in fonts always use the Windows-1252 encoding
            encode_win1252(s.as_ref())?
        } else {
            let glyph_ids = font.glyph_ids(&self.font_cache, s.as_ref().chars());
            self.font_cache.note_drawn_glyphs(font, &glyph_ids);
            glyph_ids
        };

        let pdf_font = self
            .font_cache
            .get_pdf_font(font)
            .expect("Could not find PDF font in font cache");
        // The color stays set after the text: the text after it in the same color needs no
        // operation of its own to set it.
        self.area.layer.set_fill_color(style.color().unwrap_or(BLACK));
        // The font, like the color, stays set for the text sections after this one.
        self.area.layer.set_font(pdf_font, font, style.font_size());

        // A run of glyphs without kerning between them is shown as one string (`Tj`), and a
        // glyph after kerning with its offset (`TJ`), which draws the same as printpdf's
        // `write_positioned_codepoints` for the whole text, but without a string of its own for
        // every glyph: that made the pages' content half as long again, and slow to write.
        let mut start = 0;
        while start < codepoints.len() {
            let end = (start + 1..codepoints.len())
                .find(|&index| positions.get(index).map_or(false, |&pos| pos != 0))
                .unwrap_or(codepoints.len());
            let mut run = start;
            if let Some(&pos) = positions.get(start).filter(|&&pos| pos != 0) {
                self.layer()
                    .write_positioned_codepoints(std::iter::once((pos, codepoints[start])));
                run += 1;
            }
            if run < end {
                self.layer()
                    .write_codepoints(codepoints[run..end].iter().copied());
            }
            start = end;
        }
        Ok(())
    }

    fn layer(&self) -> &printpdf::PdfLayerReference {
        self.area.layer()
    }
}

impl<'a, 'f, 'l> Drop for TextSection<'a, 'f, 'l> {
    fn drop(&mut self) {
        self.layer().end_text_section();
    }
}

/// Encodes the given string using the Windows-1252 encoding for use with built-in PDF fonts,
/// returning an error if it contains unsupported characters.
fn encode_win1252(s: &str) -> Result<Vec<u16>, Error> {
    let bytes: Vec<_> = lopdf::Document::encode_text(Some("WinAnsiEncoding"), s)
        .into_iter()
        .map(u16::from)
        .collect();

    // Windows-1252 is a single-byte encoding, so one byte is one character.
    if bytes.len() != s.chars().count() {
        Err(Error::new(
            format!(
                "Tried to print a string with characters that are not supported by the \
                Windows-1252 encoding with a built-in font: {}",
                s
            ),
            ErrorKind::UnsupportedEncoding,
        ))
    } else {
        Ok(bytes)
    }
}

/// What embedding a font needs that depends on the font alone, read once when it is loaded
/// and shared by every document that embeds it.
#[derive(Debug)]
pub(crate) struct EmbeddingTables {
    /// The glyph map printpdf builds for a font (each glyph the character maps reach, with the
    /// code point it keeps for it), made from the code points the maps cover, or `None` if
    /// they are not known (then printpdf's own map is made, asking about every code point).
    chars: Option<std::collections::HashMap<u16, char>>,
    /// The glyphs' metrics as printpdf's rusttype backend gives them, read straight from the
    /// font's tables, or `None` if they could not be read (then rusttype is asked).
    metrics: Option<std::sync::Arc<GlyphMetricsTable>>,
}

impl EmbeddingTables {
    pub(crate) fn read(data: &[u8], font: &rusttype::Font<'static>) -> EmbeddingTables {
        let chars = unicode_ranges(data).map(|ranges| {
            // Code points in ascending order, as printpdf's own map visits them, so that a
            // glyph reached from several code points maps to the same one.
            let mut map = std::collections::HashMap::with_capacity(font.glyph_count());
            for (first, last) in ranges {
                for c in (first..=last).filter_map(std::char::from_u32) {
                    if let Some(glyph_id) = printpdf::FontData::glyph_id(font, c) {
                        map.insert(glyph_id, c);
                    }
                }
            }
            map
        });
        EmbeddingTables {
            chars,
            metrics: GlyphMetricsTable::read(data, font).map(std::sync::Arc::new),
        }
    }
}

/// A rusttype font with the glyph map printpdf writes for it: the glyphs a document draws.
#[derive(Clone, Debug)]
struct MappedFont {
    font: rusttype::Font<'static>,
    /// Each glyph drawn, with the code point printpdf's own map would give it.
    chars: std::collections::HashMap<u16, char>,
    metrics: Option<std::sync::Arc<GlyphMetricsTable>>,
}

impl printpdf::FontData for MappedFont {
    fn font_metrics(&self) -> FontMetrics {
        printpdf::FontData::font_metrics(&self.font)
    }

    fn glyph_id(&self, c: char) -> Option<u16> {
        printpdf::FontData::glyph_id(&self.font, c)
    }

    fn glyph_ids(&self) -> std::collections::HashMap<u16, char> {
        self.chars.clone()
    }

    fn glyph_metrics(&self, glyph_id: u16) -> Option<GlyphMetrics> {
        match &self.metrics {
            Some(metrics) => metrics.get(glyph_id),
            None => printpdf::FontData::glyph_metrics(&self.font, glyph_id),
        }
    }
}

/// A glyph's advance and height as printpdf's rusttype backend computes them, from the same
/// tables stb_truetype reads (`hhea`, `hmtx`, `head`, `maxp`, `loca` and `glyf`).  rusttype
/// builds each glyph's whole outline to give its bounding box, which printpdf asks for every
/// glyph of every embedded font; the box is in the outline's header.
struct GlyphMetricsTable {
    data: Vec<u8>,
    hmtx: usize,
    long_metrics: usize,
    loca: usize,
    long_loca: bool,
    glyf: usize,
    glyphs: usize,
    descent: i32,
}

impl GlyphMetricsTable {
    fn read(data: &[u8], font: &rusttype::Font<'static>) -> Option<GlyphMetricsTable> {
        let u16_at = |at: usize| {
            data.get(at..at.checked_add(2)?)
                .map(|bytes| u16::from_be_bytes([bytes[0], bytes[1]]))
        };
        let u32_at = |at: usize| {
            data.get(at..at.checked_add(4)?)
                .map(|bytes| u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        };
        if !matches!(u32_at(0)?, 0x0001_0000 | 0x7472_7565) {
            return None;
        }
        let table = |tag: &[u8]| -> Option<usize> {
            let record = (0..usize::from(u16_at(4)?))
                .map(|index| 12 + 16 * index)
                .find(|&record| data.get(record..record + 4) == Some(tag))?;
            std::convert::TryFrom::try_from(u32_at(record + 8)?).ok()
        };
        let index_to_loc_format = u16_at(table(b"head")?.checked_add(50)?)?;
        if index_to_loc_format >= 2 {
            return None;
        }
        Some(GlyphMetricsTable {
            data: data.to_vec(),
            hmtx: table(b"hmtx")?,
            long_metrics: usize::from(u16_at(table(b"hhea")?.checked_add(34)?)?),
            loca: table(b"loca")?,
            long_loca: index_to_loc_format == 1,
            glyf: table(b"glyf")?,
            glyphs: usize::from(u16_at(table(b"maxp")?.checked_add(4)?)?),
            descent: font.v_metrics_unscaled().descent as i32,
        })
    }

    fn get(&self, glyph_id: u16) -> Option<GlyphMetrics> {
        let glyph = usize::from(glyph_id);
        if glyph >= self.glyphs || self.long_metrics == 0 {
            return None;
        }
        let advance = self.i16_at(self.hmtx + 4 * glyph.min(self.long_metrics - 1))?;
        // No outline (an empty glyph, such as the space): printpdf's height for it.
        let height = match self.outline(glyph)? {
            Some(outline) => {
                let (y_min, y_max) = (self.i16_at(outline + 4)?, self.i16_at(outline + 8)?);
                (i32::from(y_max) - i32::from(y_min) - self.descent) as u32
            }
            None => 1000,
        };
        Some(GlyphMetrics {
            width: advance as f32 as u32,
            height,
        })
    }

    /// Where the outline of `glyph` starts, `Some(None)` if it has none.
    fn outline(&self, glyph: usize) -> Option<Option<usize>> {
        let (start, end) = if self.long_loca {
            (
                self.u32_at(self.loca + 4 * glyph)?,
                self.u32_at(self.loca + 4 * glyph + 4)?,
            )
        } else {
            (
                2 * u32::from(self.u16_at(self.loca + 2 * glyph)?),
                2 * u32::from(self.u16_at(self.loca + 2 * glyph + 2)?),
            )
        };
        let start: usize = std::convert::TryFrom::try_from(start).ok()?;
        Some((start != end as usize).then(|| self.glyf + start))
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        let bytes = self.data.get(at..at + 2)?;
        Some(u16::from_be_bytes([bytes[0], bytes[1]]))
    }

    fn i16_at(&self, at: usize) -> Option<i16> {
        self.u16_at(at).map(|value| value as i16)
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let bytes = self.data.get(at..at + 4)?;
        Some(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }
}

impl std::fmt::Debug for GlyphMetricsTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "GlyphMetricsTable {{ {} glyphs }}", self.glyphs)
    }
}

/// The code point ranges of the character map that rusttype (through stb_truetype) looks
/// characters up in, if it is in format 4 (segments of the Basic Multilingual Plane), the
/// format nearly every font uses, and well formed.  `None` for anything else: another format,
/// a header whose binary-search fields do not match its segments, unsorted segments, a font
/// collection or data that cannot be read.
fn unicode_ranges(data: &[u8]) -> Option<Vec<(u32, u32)>> {
    let u16_at = |at: usize| {
        data.get(at..at.checked_add(2)?)
            .map(|bytes| u16::from_be_bytes([bytes[0], bytes[1]]))
    };
    let u32_at = |at: usize| {
        data.get(at..at.checked_add(4)?)
            .map(|bytes| u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    };
    let offset = |at: usize| -> Option<usize> { std::convert::TryFrom::try_from(u32_at(at)?).ok() };

    // The table directory of a single font (a collection starts with "ttcf").
    if !matches!(u32_at(0)?, 0x0001_0000 | 0x7472_7565 | 0x4F54_544F) {
        return None;
    }
    let cmap = (0..usize::from(u16_at(4)?))
        .map(|index| 12 + 16 * index)
        .find(|&record| data.get(record..record + 4) == Some(&b"cmap"[..]))
        .and_then(|record| offset(record + 8))?;

    // stb_truetype uses the last Unicode subtable listed: platform 0, or platform 3 with
    // encoding 1 (BMP) or 10 (full repertoire).
    let mut chosen = None;
    for index in 0..usize::from(u16_at(cmap.checked_add(2)?)?) {
        let record = cmap.checked_add(4 + 8 * index)?;
        let (platform, encoding) = (u16_at(record)?, u16_at(record + 2)?);
        if platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10)) {
            chosen = Some(record);
        }
    }
    let subtable = cmap.checked_add(offset(chosen? + 4)?)?;
    if u16_at(subtable)? != 4 {
        return None;
    }

    // Its binary search finds the right segment only when the header fields agree with the
    // number of segments and the segments' last codes rise, ending with 0xFFFF.
    let twice_segments = u16_at(subtable.checked_add(6)?)?;
    let segments = usize::from(twice_segments / 2);
    let (search_range, entry_selector, range_shift) = (
        u16_at(subtable.checked_add(8)?)?,
        u16_at(subtable.checked_add(10)?)?,
        u16_at(subtable.checked_add(12)?)?,
    );
    let power = 1_u32 << (31 - (segments.max(1) as u32).leading_zeros());
    if twice_segments % 2 != 0
        || segments == 0
        || u32::from(search_range) != 2 * power
        || u32::from(entry_selector) != power.trailing_zeros()
        || range_shift != twice_segments.wrapping_sub(search_range)
    {
        return None;
    }
    let ends = subtable.checked_add(14)?;
    let starts = ends.checked_add(2 * segments + 2)?;
    let mut ranges = Vec::with_capacity(segments);
    let mut previous_last = None;
    for segment in 0..segments {
        let first = u16_at(starts.checked_add(2 * segment)?)?;
        let last = u16_at(ends.checked_add(2 * segment)?)?;
        if previous_last.map_or(false, |previous| last <= previous) {
            return None;
        }
        previous_last = Some(last);
        if first <= last {
            ranges.push((u32::from(first), u32::from(last)));
        }
    }
    if previous_last != Some(0xFFFF) {
        return None;
    }

    // Segments may overlap; visit each code point once, in ascending order.
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (first, last) in ranges {
        match merged.last_mut() {
            Some(previous) if first <= previous.1.saturating_add(1) => {
                previous.1 = previous.1.max(last)
            }
            _ => merged.push((first, last)),
        }
    }
    Some(merged)
}
