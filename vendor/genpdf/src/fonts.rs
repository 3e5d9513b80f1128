// SPDX-FileCopyrightText: 2020 Robin Krahl <robin.krahl@ireas.org>
// SPDX-License-Identifier: Apache-2.0 or MIT

//! Fonts, font families and a font cache.
//!
//! Before you can use a font in a PDF document, you have to load the [`FontData`][] for it, either
//! from a file ([`FontData::load`][]) or from bytes ([`FontData::new`][]).  See the [`rusttype`][]
//! crate for the supported data formats.  Use the [`from_files`][] function to load a font family
//! from a set of files following the default naming conventions.
//!
//! The [`FontCache`][] caches all loaded fonts.  A [`Font`][] is a reference to a cached font in
//! the [`FontCache`][].  A [`FontFamily`][] is a collection of a regular, a bold, an italic and a
//! bold italic font (raw data or cached).
//!
//! Add fonts to a document’s font cache by calling [`Document::add_font_family`][].  This method
//! returns a reference to the cached data that you then can use with the [`Style`][] struct to
//! change the font family of an element.
//!
//! There are two methods for using fonts in a PDF font:  You can either embed the font data into
//! the PDF file.  Or you can use one of the three built-in font families ([`Builtin`][]) that PDF
//! viewers are expected to support.  You can choose between the two methods when loading the font
//! ([`from_files`][], [`FontData::load`][], [`FontData::new`][]).
//!
//! If you choose a built-in font family, you still have to provide the font data so that `genpdf`
//! has access to its glyph metrics.  Note that it is sufficient to use a font that is metrically
//! identical to the built-in font.  For example, you can use the Liberation fonts instad of the
//! proprietary Helvetica, Times and Courier fonts.
//!
//! Built-in fonts can only be used with characters that are supported by the [Windows-1252][]
//! encoding.
//!
//! **Note:**  The [`Font`][] and [`FontFamily<Font>`][`FontFamily`] structs are only valid for the
//! [`FontCache`][] they have been created with.  If you dont use the low-level [`render`][] module
//! directly, only use the [`Document::add_font_family`][] method to add fonts!
//!
//! # Internals
//!
//! There are two types of font data: A [`FontData`][] instance stores information about the glyph
//! metrics that is used to calculate the text size.  It can be loaded at any time using the
//! [`FontData::load`][] and [`FontData::new`][] methods.  Once the PDF document is rendered, a
//! [`printpdf::IndirectFontRef`][] is used to draw text in the PDF document.  Before a font can be
//! used in a PDF document, it has to be prepared using the [`FontCache::load_pdf_fonts`][] method,
//! and once everything is drawn, embedded (reduced to the glyphs drawn) using the
//! [`FontCache::embed_pdf_fonts`][] method.
//!
//! If you use the high-level interface provided by [`Document`][] to generate a PDF document, these
//! steps are done automatically.  You only have to manually populate the font cache if you use the
//! low-level interface in the [`render`][] module.
//!
//! [`render`]: ../render/
//! [`Document`]: ../struct.Document.html
//! [`Document::add_font_family`]: ../struct.Document.html#method.add_font_family
//! [`Style`]: ../style/struct.Style.html
//! [`from_files`]: fn.from_files.html
//! [`Builtin`]: enum.Builtin.html
//! [`FontCache`]: struct.FontCache.html
//! [`FontCache::load_pdf_fonts`]: struct.FontCache.html#method.load_pdf_fonts
//! [`FontCache::embed_pdf_fonts`]: struct.FontCache.html#method.embed_pdf_fonts
//! [`FontData`]: struct.FontData.html
//! [`FontData::new`]: struct.FontData.html#method.new
//! [`FontData::load`]: struct.FontData.html#method.load
//! [`Font`]: struct.Font.html
//! [`FontFamily`]: struct.FontFamily.html
//! [`rusttype`]: https://docs.rs/rusttype
//! [`rusttype::Font`]: https://docs.rs/rusttype/0.8.3/rusttype/struct.Font.html
//! [`printpdf`]: https://docs.rs/printpdf
//! [`printpdf::IndirectFontRef`]: https://docs.rs/printpdf/0.3.2/printpdf/types/plugins/graphics/two_dimensional/font/struct.IndirectFontRef.html
//! [Windows-1252]: https://en.wikipedia.org/wiki/Windows-1252

use std::cell::RefCell;
use std::sync::Arc;
use std::fmt;
use std::fs;
use std::path;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::{Context as _, Error, ErrorKind};
use crate::render;
use crate::style::Style;
use crate::Mm;

/// Stores font data that can be referenced by a [`Font`][] or [`FontFamily`][].
///
/// If you use the high-level interface provided by [`Document`][], you don’t have to access this
/// type.  See the [module documentation](index.html) for details on the internals.
///
/// [`Document`]: ../struct.Document.html
/// [`Font`]: struct.Font.html
/// [`FontFamily`]: struct.FontFamily.html
#[derive(Debug)]
pub struct FontCache {
    fonts: Vec<FontData>,
    pdf_fonts: Vec<printpdf::IndirectFontRef>,
    // The glyphs drawn with each font so far (indexed by glyph ID), so that only those are
    // embedded.
    drawn_glyphs: RefCell<Vec<Vec<bool>>>,
    // We have to use an option because we first have to construct the FontCache before we can load
    // a font, but the default font is always loaded in new, so this options is always some
    // (outside of new).
    default_font_family: Option<FontFamily<Font>>,
    /// Every family added, for styles, which know a family by its regular font's index.
    families: Vec<FontFamily<Font>>,
}

impl FontCache {
    /// Creates a new font cache with the given default font family.
    pub fn new(default_font_family: FontFamily<FontData>) -> FontCache {
        let mut font_cache = FontCache {
            fonts: Vec::new(),
            pdf_fonts: Vec::new(),
            drawn_glyphs: RefCell::new(Vec::new()),
            default_font_family: None,
            families: Vec::new(),
        };
        font_cache.default_font_family = Some(font_cache.add_font_family(default_font_family));
        font_cache
    }

    /// Adds the given font to the cache and returns a reference to it.
    pub fn add_font(&mut self, font_data: FontData) -> Font {
        let is_builtin = match &font_data.raw_data {
            RawFontData::Builtin(_) => true,
            RawFontData::Embedded { .. } => false,
        };
        let font = Font::new(self.fonts.len(), is_builtin, &font_data.rt_font);
        self.fonts.push(font_data);
        self.drawn_glyphs.get_mut().push(Vec::new());
        font
    }

    /// Adds the given font family to the cache and returns a reference to it.
    pub fn add_font_family(&mut self, family: FontFamily<FontData>) -> FontFamily<Font> {
        let family = FontFamily {
            regular: self.add_font(family.regular),
            bold: self.add_font(family.bold),
            italic: self.add_font(family.italic),
            bold_italic: self.add_font(family.bold_italic),
        };
        self.families.push(family);
        family
    }

    /// The family added to this cache whose regular font has the given index.
    pub(crate) fn family(&self, regular: u32) -> Option<FontFamily<Font>> {
        self.families
            .iter()
            .find(|family| family.regular.index() == regular)
            .copied()
    }

    /// Prepares the PDF fonts for all loaded fonts, so that text can be drawn with them.
    ///
    /// The fonts are only added to the document by [`embed_pdf_fonts`][], once everything has
    /// been drawn, so that an embedded font holds only the glyphs the document uses.  Until then,
    /// text is drawn with the names printpdf will give the fonts: `F` and the number of fonts
    /// added before for an embedded font, the PostScript name for a built-in font (which is
    /// added once, however often it is loaded).
    ///
    /// [`embed_pdf_fonts`]: #method.embed_pdf_fonts
    pub fn load_pdf_fonts(&mut self) {
        self.pdf_fonts.clear();
        let mut names: Vec<String> = Vec::new();
        for font in &self.fonts {
            let name = match &font.raw_data {
                RawFontData::Builtin(builtin) => {
                    let name: &str = (*builtin).into();
                    name.to_owned()
                }
                RawFontData::Embedded { .. } => format!("F{}", names.len()),
            };
            if !names.contains(&name) {
                names.push(name.clone());
            }
            self.pdf_fonts.push(printpdf::IndirectFontRef::new(name));
        }
        for glyphs in self.drawn_glyphs.get_mut() {
            glyphs.clear();
        }
    }

    /// Adds all loaded fonts to the document generated by the given renderer, each embedded
    /// font reduced to the glyphs drawn with it since [`load_pdf_fonts`][].  Call it once, after
    /// drawing and before writing the document.
    ///
    /// [`load_pdf_fonts`]: #method.load_pdf_fonts
    pub fn embed_pdf_fonts(&self, renderer: &render::Renderer) -> Result<(), Error> {
        let drawn_glyphs = self.drawn_glyphs.borrow();
        for ((font, expected), drawn) in self.fonts.iter().zip(&self.pdf_fonts).zip(&*drawn_glyphs) {
            let pdf_font = match &font.raw_data {
                RawFontData::Builtin(builtin) => renderer.add_builtin_font(*builtin)?,
                RawFontData::Embedded { program, tables } => {
                    let glyphs: Vec<u16> = (0..=u16::MAX)
                        .zip(drawn)
                        .filter_map(|(glyph, drawn)| if *drawn { Some(glyph) } else { None })
                        .collect();
                    renderer.add_subset_font(program, &font.rt_font, tables, &glyphs)?
                }
            };
            if &pdf_font != expected {
                return Err(Error::new(
                    format!(
                        "The PDF font was named {:?}, but the text was drawn with {:?}",
                        pdf_font, expected
                    ),
                    ErrorKind::Internal,
                ));
            }
        }
        Ok(())
    }

    /// Notes that the given glyphs were drawn with the given font.
    pub(crate) fn note_drawn_glyphs(&self, font: Font, glyphs: &[u16]) {
        if let Some(drawn) = self.drawn_glyphs.borrow_mut().get_mut(font.idx) {
            for &glyph in glyphs {
                let glyph = usize::from(glyph);
                if drawn.len() <= glyph {
                    drawn.resize(glyph + 1, false);
                }
                drawn[glyph] = true;
            }
        }
    }

    /// Returns the default font family for this font cache.
    pub fn default_font_family(&self) -> FontFamily<Font> {
        self.default_font_family
            .expect("Invariant violated: no default font family for FontCache")
    }

    /// Returns a reference to the emebdded PDF font for the given font, if available.
    ///
    /// This method may only be called with [`Font`][] instances that have been created by this
    /// font cache.  PDF fonts are only avaiable if [`load_pdf_fonts`][] has been called.
    ///
    /// [`Font`]: struct.Font.html
    /// [`load_pdf_fonts`]: #method.load_pdf_fonts
    pub fn get_pdf_font(&self, font: Font) -> Option<&printpdf::IndirectFontRef> {
        self.pdf_fonts.get(font.idx)
    }

    /// Returns a reference to the Rusttype font for the given font, if available.
    ///
    /// This method may only be called with [`Font`][] instances that have been created by this
    /// font cache.
    ///
    /// [`Font`]: struct.Font.html
    pub fn get_rt_font(&self, font: Font) -> &rusttype::Font<'static> {
        &self.fonts[font.idx].rt_font
    }
}

/// The data for a font that is cached by a [`FontCache`][].
///
/// Everything it holds besides the scale is shared between its clones (a document's font
/// cache takes its fonts by value), and so is what it learns: the glyph IDs it looks up.
///
/// [`FontCache`]: struct.FontCache.html
#[derive(Clone, Debug)]
pub struct FontData {
    rt_font: rusttype::Font<'static>,
    raw_data: RawFontData,
    glyph_ids: Arc<GlyphIdCache>,
    kerned: Arc<KernedGlyphs>,
    /// The scale every [`Font`] of this data measures at (`Font::scale_of`).
    scale: rusttype::Scale,
    /// Each glyph's advance width at `scale`, indexed by glyph ID: measuring text asked
    /// rusttype for it once for every character it measured.
    advances: Arc<[f32]>,
    /// The kerning of each of `kerned.pairs`, in its order, at that scale, as rusttype gives
    /// it: looked up there, not in the font's table through a scale computed anew each time.
    kernings: Option<Arc<[f32]>>,
}

impl FontData {
    /// Loads a font from the given data.
    ///
    /// The provided data must by readable by [`rusttype`][].  If `builtin` is set, a built-in PDF
    /// font is used instead of embedding the font in the PDF file (see the [module
    /// documentation](index.html) for more information).  In this case, the given font must be
    /// metrically identical to the built-in font.
    ///
    /// [`rusttype`]: https://docs.rs/rusttype
    pub fn new(data: Vec<u8>, builtin: Option<printpdf::BuiltinFont>) -> Result<FontData, Error> {
        let kerned = KernedGlyphs::read(&data);
        let rt_font =
            rusttype::Font::from_bytes(data.clone()).context("Failed to read rusttype font")?;
        if rt_font.units_per_em() == 0 {
            Err(Error::new(
                "The font is not scalable",
                ErrorKind::InvalidFont,
            ))
        } else {
            let scale = Font::scale_of(&rt_font);
            // Computed as `Font::char_width` computed each one, so every width is the same to
            // the last bit.
            let advances = (0..rt_font.glyph_count())
                .map(|id| {
                    let id = rusttype::GlyphId(id as u32);
                    rt_font.glyph(id).scaled(scale).h_metrics().advance_width
                })
                .collect();
            // A pair the table does not hold is kerned by 0 times a positive factor: 0.0.
            let kernings = kerned.pairs.as_ref().filter(|_| scale.y > 0.0).map(|pairs| {
                pairs
                    .iter()
                    .map(|&pair| {
                        let first = rusttype::GlyphId(pair >> 16);
                        let second = rusttype::GlyphId(pair & 0xFFFF);
                        rt_font.pair_kerning(scale, first, second)
                    })
                    .collect()
            });
            let raw_data = match builtin {
                Some(builtin) => RawFontData::Builtin(builtin),
                None => RawFontData::Embedded {
                    tables: Arc::new(render::EmbeddingTables::read(&data, &rt_font)),
                    program: Arc::new(data),
                },
            };
            Ok(FontData {
                rt_font,
                raw_data,
                glyph_ids: Arc::new(GlyphIdCache::new()),
                kerned: Arc::new(kerned),
                scale,
                advances,
                kernings,
            })
        }
    }

    /// Returns the glyph ID the font's character map gives the character (0 if it has none).
    pub fn glyph_id(&self, c: char) -> rusttype::GlyphId {
        self.glyph_ids.get(&self.rt_font, c)
    }

    /// The advance width of glyph `id` at `scale`, from the table when `scale` is the one it
    /// holds (always, for a [`Font`] of this data).
    fn advance_width(&self, scale: rusttype::Scale, id: rusttype::GlyphId) -> f32 {
        match self.advances.get(id.0 as usize) {
            Some(&width) if scale == self.scale => width,
            _ => self.rt_font.glyph(id).scaled(scale).h_metrics().advance_width,
        }
    }

    /// The kerning between two glyphs at the given scale, as rusttype gives it.
    fn pair_kerning(
        &self,
        scale: rusttype::Scale,
        first: rusttype::GlyphId,
        second: rusttype::GlyphId,
    ) -> f32 {
        if !self.kerned.may_kern(first) {
            return 0.0;
        }
        match (&self.kerned.pairs, &self.kernings) {
            (Some(pairs), Some(kernings))
                if scale == self.scale && first.0 <= 0xFFFF && second.0 <= 0xFFFF =>
            {
                self.kerned
                    .find(pairs, first.0, second.0)
                    .map_or(0.0, |at| kernings[at])
            }
            _ => self.rt_font.pair_kerning(scale, first, second),
        }
    }

    /// Loads the font at the given path.
    ///
    /// The path must point to a file that can be read by [`rusttype`][].  If `builtin` is set, a
    /// built-in PDF font is used instead of embedding the font in the PDF file (see the [module
    /// documentation](index.html) for more information).  In this case, the given font must be
    /// metrically identical to the built-in font.
    ///
    /// [`rusttype`]: https://docs.rs/rusttype
    pub fn load(
        path: impl AsRef<path::Path>,
        builtin: Option<printpdf::BuiltinFont>,
    ) -> Result<FontData, Error> {
        let data = fs::read(path.as_ref())
            .with_context(|| format!("Failed to open font file {}", path.as_ref().display()))?;
        FontData::new(data, builtin)
    }
}

/// The glyph IDs of the characters looked up so far.
///
/// Measuring and drawing text asks for the glyph of each character several times, and each
/// answer costs a binary search through the font's character map.  The characters of most text
/// are in the first few thousand code points, so their answers are kept in a table.  Its
/// entries are atomic, so that fonts can still be shared between threads; relaxed loads and
/// stores cost what plain ones do, and a race only looks a character up twice.
struct GlyphIdCache {
    // Indexed by code point; `UNKNOWN` until looked up.
    table: Vec<AtomicU32>,
}

impl GlyphIdCache {
    /// The code points below this (Latin, Greek, Cyrillic, punctuation, currency signs and
    /// arrows) are kept.
    const SIZE: usize = 0x2200;
    /// Not a glyph ID: a font has at most 65,535 glyphs, numbered from 0.
    const UNKNOWN: u32 = u32::MAX;

    fn new() -> GlyphIdCache {
        GlyphIdCache {
            table: (0..Self::SIZE)
                .map(|_| AtomicU32::new(Self::UNKNOWN))
                .collect(),
        }
    }

    fn get(&self, font: &rusttype::Font<'static>, c: char) -> rusttype::GlyphId {
        let slot = match self.table.get(c as usize) {
            Some(slot) => slot,
            None => return font.glyph(c).id(),
        };
        let mut id = slot.load(Ordering::Relaxed);
        if id == Self::UNKNOWN {
            id = font.glyph(c).id().0;
            slot.store(id, Ordering::Relaxed);
        }
        rusttype::GlyphId(id)
    }
}

impl fmt::Debug for GlyphIdCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = self
            .table
            .iter()
            .filter(|slot| slot.load(Ordering::Relaxed) != Self::UNKNOWN)
            .count();
        write!(f, "GlyphIdCache {{ {} characters }}", known)
    }
}

/// The glyphs that are kerned against some glyph after them.
///
/// rusttype (through stb_truetype) kerns with the first subtable of the font's `kern` table, if
/// it is horizontal, and looks every pair of glyphs up in it with a binary search.  A glyph
/// that starts no pair there is never kerned, which holds for most letters, so most lookups can
/// be skipped with the same result.
struct KernedGlyphs {
    // Indexed by glyph ID, up to the last kerned glyph; `None` if the table could not be read
    // (then every pair is looked up).
    first: Option<Vec<bool>>,
    // The pairs the table kerns, as stb_truetype searches for them (the first glyph ID in the
    // high 16 bits), when they are in strictly ascending order, as its binary search needs
    // them to be found; `None` otherwise (then every pair is looked up).
    pairs: Option<Vec<u32>>,
    // Where each first glyph's pairs are in `pairs`, indexed by glyph ID as `first` is.
    runs: Vec<std::ops::Range<usize>>,
}

impl KernedGlyphs {
    fn read(data: &[u8]) -> KernedGlyphs {
        let (first, pairs) = match Self::kerned_pairs(data) {
            Some((first, pairs)) => (Some(first), pairs),
            None => (None, None),
        };
        let mut runs = Vec::new();
        if let Some(pairs) = &pairs {
            for (at, pair) in pairs.iter().enumerate() {
                let glyph = (pair >> 16) as usize;
                if runs.len() <= glyph {
                    runs.resize(glyph + 1, at..at);
                }
                runs[glyph].end = at + 1;
            }
        }
        KernedGlyphs { first, pairs, runs }
    }

    /// Where the pair `first`, `second` is in `pairs`, if it is there.
    fn find(&self, pairs: &[u32], first: u32, second: u32) -> Option<usize> {
        let run = self.runs.get(first as usize)?.clone();
        let start = run.start;
        pairs
            .get(run)?
            .binary_search(&(first << 16 | second))
            .ok()
            .map(|at| start + at)
    }

    fn kerned_pairs(data: &[u8]) -> Option<(Vec<bool>, Option<Vec<u32>>)> {
        let u16_at = |at: usize| {
            data.get(at..at.checked_add(2)?)
                .map(|bytes| u16::from_be_bytes([bytes[0], bytes[1]]))
        };
        let u32_at = |at: usize| {
            data.get(at..at.checked_add(4)?)
                .map(|bytes| u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        };
        // The table directory of a single font (a collection starts with "ttcf").
        if !matches!(u32_at(0)?, 0x0001_0000 | 0x7472_7565 | 0x4F54_544F) {
            return None;
        }
        let mut kerned = Vec::new();
        let mut pairs = Vec::new();
        let record = (0..usize::from(u16_at(4)?))
            .map(|index| 12 + 16 * index)
            .find(|&record| data.get(record..record + 4) == Some(&b"kern"[..]));
        let kern: usize = match record {
            Some(record) => std::convert::TryFrom::try_from(u32_at(record + 8)?).ok()?,
            // No kerning at all.
            None => return Some((kerned, Some(pairs))),
        };
        // The checks stb_truetype makes before it looks a pair up: at least one subtable, and
        // the first horizontal, in format 0.
        if u16_at(kern.checked_add(2)?)? < 1 || u16_at(kern.checked_add(8)?)? != 1 {
            return Some((kerned, Some(pairs)));
        }
        let mut ascending = true;
        for pair in 0..usize::from(u16_at(kern + 10)?) {
            let glyph = usize::from(u16_at(kern + 18 + 6 * pair)?);
            if kerned.len() <= glyph {
                kerned.resize(glyph + 1, false);
            }
            kerned[glyph] = true;
            let key = u32_at(kern + 18 + 6 * pair)?;
            ascending &= pairs.last().is_none_or(|&last| last < key);
            pairs.push(key);
        }
        Some((kerned, ascending.then_some(pairs)))
    }

    /// Whether `glyph` may be kerned against the glyph after it.
    fn may_kern(&self, glyph: rusttype::GlyphId) -> bool {
        match &self.first {
            Some(first) => first.get(glyph.0 as usize).copied().unwrap_or(false),
            None => true,
        }
    }
}

impl fmt::Debug for KernedGlyphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.first {
            Some(first) => {
                let count = first.iter().filter(|kerned| **kerned).count();
                write!(f, "KernedGlyphs {{ {} glyphs }}", count)
            }
            None => f.write_str("KernedGlyphs { unknown }"),
        }
    }
}

#[derive(Clone, Debug)]
enum RawFontData {
    Builtin(printpdf::BuiltinFont),
    /// The font program, and what embedding it in a PDF needs, read once.
    Embedded {
        program: Arc<Vec<u8>>,
        tables: Arc<render::EmbeddingTables>,
    },
}

#[derive(Clone, Copy, Debug)]
enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    fn name(&self) -> &'static str {
        match self {
            FontStyle::Regular => "Regular",
            FontStyle::Bold => "Bold",
            FontStyle::Italic => "Italic",
            FontStyle::BoldItalic => "BoldItalic",
        }
    }
}

impl fmt::Display for FontStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A built-in font family.
///
/// A PDF viewer typically supports three font families that don’t have to be embedded into the PDF
/// file:  Times, Helvetica and Courier.
///
/// See the [module documentation](index.html) for more information.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Builtin {
    /// The Times font family.
    Times,
    /// The Helvetica font family.
    Helvetica,
    /// The Courier font family.
    Courier,
}

impl Builtin {
    fn style(&self, style: FontStyle) -> printpdf::BuiltinFont {
        match self {
            Builtin::Times => match style {
                FontStyle::Regular => printpdf::BuiltinFont::TimesRoman,
                FontStyle::Bold => printpdf::BuiltinFont::TimesBold,
                FontStyle::Italic => printpdf::BuiltinFont::TimesItalic,
                FontStyle::BoldItalic => printpdf::BuiltinFont::TimesBoldItalic,
            },
            Builtin::Helvetica => match style {
                FontStyle::Regular => printpdf::BuiltinFont::Helvetica,
                FontStyle::Bold => printpdf::BuiltinFont::HelveticaBold,
                FontStyle::Italic => printpdf::BuiltinFont::HelveticaOblique,
                FontStyle::BoldItalic => printpdf::BuiltinFont::HelveticaBoldOblique,
            },
            Builtin::Courier => match style {
                FontStyle::Regular => printpdf::BuiltinFont::Courier,
                FontStyle::Bold => printpdf::BuiltinFont::CourierBold,
                FontStyle::Italic => printpdf::BuiltinFont::CourierOblique,
                FontStyle::BoldItalic => printpdf::BuiltinFont::CourierBoldOblique,
            },
        }
    }
}

/// A collection of fonts with different styles.
///
/// See the [module documentation](index.html) for details on the internals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontFamily<T: Clone + fmt::Debug> {
    /// The regular variant of this font family.
    pub regular: T,
    /// The bold variant of this font family.
    pub bold: T,
    /// The italic variant of this font family.
    pub italic: T,
    /// The bold italic variant of this font family.
    pub bold_italic: T,
}

impl<T: Clone + Copy + fmt::Debug + PartialEq> FontFamily<T> {
    /// Returns the font for the given style.
    pub fn get(&self, style: Style) -> T {
        if style.is_bold() && style.is_italic() {
            self.bold_italic
        } else if style.is_bold() {
            self.bold
        } else if style.is_italic() {
            self.italic
        } else {
            self.regular
        }
    }
}

/// A reference to a font cached by a [`FontCache`][].
///
/// See the [module documentation](index.html) for details on the internals.
///
/// [`FontCache`]: struct.FontCache.html
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    idx: usize,
    is_builtin: bool,
    scale: rusttype::Scale,
    line_height: Mm,
    glyph_height: Mm,
}

impl Font {
    /// The font's index in its font cache.
    pub(crate) fn index(&self) -> u32 {
        self.idx as u32
    }

    fn new(idx: usize, is_builtin: bool, rt_font: &rusttype::Font<'static>) -> Font {
        let units_per_em = rt_font.units_per_em();
        assert!(units_per_em != 0);

        let units_per_em = f32::from(units_per_em);
        let v_metrics = rt_font.v_metrics_unscaled();
        let glyph_height = (v_metrics.ascent - v_metrics.descent) / units_per_em;
        let scale = Font::scale_of(rt_font);

        let line_height = glyph_height + v_metrics.line_gap / units_per_em;

        Font {
            idx,
            is_builtin,
            scale,
            line_height: printpdf::Pt(f64::from(line_height)).into(),
            glyph_height: printpdf::Pt(f64::from(glyph_height)).into(),
        }
    }

    /// The scale a font of `rt_font` measures glyphs at: its glyph height in ems.
    fn scale_of(rt_font: &rusttype::Font<'static>) -> rusttype::Scale {
        let units_per_em = f32::from(rt_font.units_per_em());
        let v_metrics = rt_font.v_metrics_unscaled();
        rusttype::Scale::uniform((v_metrics.ascent - v_metrics.descent) / units_per_em)
    }

    /// Returns whether this font is a built-in PDF font.
    pub fn is_builtin(&self) -> bool {
        self.is_builtin
    }

    /// Returns the line height for text with this font and the given font size.
    pub fn get_line_height(&self, font_size: u8) -> Mm {
        self.line_height * f64::from(font_size)
    }

    /// Returns the glyph height for text with this font and the given font size.
    pub fn glyph_height(&self, font_size: u8) -> Mm {
        self.glyph_height * f64::from(font_size)
    }

    /// Returns the width of a character with this font and the given font size.
    ///
    /// The given [`FontCache`][] must be the font cache that loaded this font.
    ///
    /// [`FontCache`]: struct.FontCache.html
    pub fn char_width(&self, font_cache: &FontCache, c: char, font_size: u8) -> Mm {
        let data = &font_cache.fonts[self.idx];
        let advance_width = data.advance_width(self.scale, data.glyph_id(c));
        Mm::from(printpdf::Pt(f64::from(
            advance_width * f32::from(font_size),
        )))
    }

    /// Returns the width of a string with this font and the given font size.
    ///
    /// The given [`FontCache`][] must be the font cache that loaded this font.
    ///
    /// [`FontCache`]: struct.FontCache.html
    pub fn str_width(&self, font_cache: &FontCache, s: &str, font_size: u8) -> Mm {
        let data = &font_cache.fonts[self.idx];
        let to_mm = |width: f32| Mm::from(printpdf::Pt(f64::from(width * f32::from(font_size))));
        // Summed separately, in the order of the characters, as the advances and the kerning
        // always have been, so that widths do not change in the last bit.
        let mut str_width = Mm(0.0);
        let mut kerning_width = Mm(0.0);
        let mut last = None;
        for c in s.chars() {
            let id = data.glyph_id(c);
            str_width += to_mm(data.advance_width(self.scale, id));
            let kerning = match last {
                Some(last) => data.pair_kerning(self.scale, last, id),
                None => 0.0,
            };
            kerning_width += to_mm(kerning);
            last = Some(id);
        }
        str_width + kerning_width
    }

    /// Returns the kerning data for the given sequence of characters.
    ///
    /// The *i*-th value of the returned data is the amount of kerning to insert before the *i*-th
    /// character of the sequence.
    ///
    /// The given [`FontCache`][] must be the font cache that loaded this font.
    ///
    /// [`FontCache`]: struct.FontCache.html
    pub fn kerning<I>(&self, font_cache: &FontCache, iter: I) -> Vec<f32>
    where
        I: IntoIterator<Item = char>,
    {
        let data = &font_cache.fonts[self.idx];
        iter.into_iter()
            .map(|c| data.glyph_id(c))
            .scan(None, |last, id| {
                let pos = if let Some(last) = last {
                    Some(data.pair_kerning(self.scale, *last, id))
                } else {
                    Some(0.0)
                };
                *last = Some(id);
                pos
            })
            .collect()
    }

    /// Returns the glyphs IDs for the given sequence of characters.
    ///
    /// The given [`FontCache`][] must be the font cache that loaded this font.
    ///
    /// [`FontCache`]: struct.FontCache.html
    pub fn glyph_ids<I>(&self, font_cache: &FontCache, iter: I) -> Vec<u16>
    where
        I: IntoIterator<Item = char>,
    {
        let data = &font_cache.fonts[self.idx];
        iter.into_iter()
            .map(|c| data.glyph_id(c).0 as u16)
            .collect()
    }
}

fn from_file(
    dir: impl AsRef<path::Path>,
    name: &str,
    style: FontStyle,
    builtin: Option<Builtin>,
) -> Result<FontData, Error> {
    let builtin = builtin.map(|b| b.style(style));
    FontData::load(
        &dir.as_ref().join(format!("{}-{}.ttf", name, style)),
        builtin,
    )
}

/// Loads the font family at the given path with the given name.
///
/// This method assumes that at the given path, these files exist and are valid font files:
/// - `{name}-Regular.ttf`
/// - `{name}-Bold.ttf`
/// - `{name}-Italic.ttf`
/// - `{name}-BoldItalic.ttf`
///
/// If `builtin` is set, built-in PDF fonts are used instead of embedding the fonts in the PDF file
/// (see the [module documentation](index.html) for more information).  In this case, the given
/// fonts must be metrically identical to the built-in fonts.
pub fn from_files(
    dir: impl AsRef<path::Path>,
    name: &str,
    builtin: Option<Builtin>,
) -> Result<FontFamily<FontData>, Error> {
    let dir = dir.as_ref();
    Ok(FontFamily {
        regular: from_file(dir, name, FontStyle::Regular, builtin)?,
        bold: from_file(dir, name, FontStyle::Bold, builtin)?,
        italic: from_file(dir, name, FontStyle::Italic, builtin)?,
        bold_italic: from_file(dir, name, FontStyle::BoldItalic, builtin)?,
    })
}
