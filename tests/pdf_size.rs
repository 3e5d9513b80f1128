//! The PDF stays small without losing anything: its fonts hold the outlines of the glyphs it
//! draws and no others, and every stream is compressed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use lopdf::{Document, Object};
use pivot::render::{self, Format, Paper, RenderOptions};
use pivot::{Catalog, Profile, schedule};

/// The PDF of the software engineer's example, planned over `months`.
fn plan_pdf(months: u32) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("software-engineer-to-ml-engineer.yaml");
    let text = std::fs::read_to_string(&path).expect("the example reads");
    assert!(
        text.contains("\nmonths: 6\n"),
        "the example plans six months"
    );
    let text = text.replace("\nmonths: 6\n", &format!("\nmonths: {months}\n"));
    let catalog = Catalog::builtin().expect("the built-in catalog loads");
    let profile = Profile::from_str(&path, &text, &catalog).expect("the profile is valid");
    let today = NaiveDate::from_ymd_opt(2026, 12, 20).expect("a date");
    let plan = schedule::schedule(&profile, &catalog, today).expect("the plan is made");
    let options = RenderOptions {
        paper: Paper::A4,
        templates: None,
        now: Utc
            .with_ymd_and_hms(2026, 12, 20, 9, 30, 0)
            .single()
            .expect("a time"),
        previous_calendar: None,
    };
    render::render(&plan, Format::Pdf, &options).expect("the PDF renders")
}

/// Each embedded face's resource name in the PDF, with the font file it comes from.
fn faces() -> impl Iterator<Item = (&'static str, Vec<u8>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/fonts");
    [
        ("F0", "PivotSans-Regular.ttf"),
        ("F1", "PivotSans-Bold.ttf"),
        ("F2", "PivotSans-Italic.ttf"),
    ]
    .into_iter()
    .map(move |(name, file)| {
        (
            name,
            std::fs::read(folder.join(file)).expect("the face reads"),
        )
    })
}

#[test]
fn a_six_month_plan_takes_under_120_kb_and_a_two_year_plan_under_200_kb() {
    for (months, limit) in [(6, 120 * 1024), (24, 200 * 1024)] {
        let size = plan_pdf(months).len();
        assert!(size < limit, "{months} months: {size} bytes");
    }
}

#[test]
fn every_stream_is_deflated() {
    let document = Document::load_mem(&plan_pdf(6)).expect("the PDF parses");
    let mut streams = 0;
    for object in document.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        streams += 1;
        assert_eq!(
            stream.dict.get(b"Filter").and_then(Object::as_name).ok(),
            Some(&b"FlateDecode"[..]),
            "{:?}",
            stream.dict
        );
        let plain = stream.decompressed_content().expect("the stream inflates");
        assert!(plain.len() > stream.content.len());
    }
    // Nine pages, and a font program and a ToUnicode map for each of the three faces.
    assert!(streams >= 9 + 3 + 3, "{streams} streams");
}

#[test]
fn each_embedded_font_holds_the_outlines_of_the_glyphs_drawn_with_it_and_no_others() {
    let document = Document::load_mem(&plan_pdf(6)).expect("the PDF parses");
    for (name, face) in faces() {
        let face = Outlines::read(&face);
        let embedded = Outlines::read(&font_program(&document, name));
        assert_eq!(
            embedded.count(),
            face.count(),
            "{name}: every glyph keeps its ID"
        );

        let drawn = drawn_glyphs(&document, name);
        assert!(drawn.len() > 20, "{name}: {} glyphs drawn", drawn.len());
        let mut needed = BTreeSet::from([0]);
        for &glyph in &drawn {
            assert_eq!(
                embedded.outline(glyph),
                face.outline(glyph),
                "{name}: glyph {glyph} is drawn as in the face"
            );
            face.with_components(glyph, &mut needed);
        }
        let kept: BTreeSet<u16> = (0..embedded.count())
            .filter(|&glyph| !embedded.outline(glyph).is_empty())
            .collect();
        let extra: Vec<&u16> = kept.difference(&needed).collect();
        assert!(extra.is_empty(), "{name}: outlines never drawn: {extra:?}");
    }
}

#[test]
fn text_is_written_in_runs_of_glyphs_not_a_string_per_glyph() {
    let document = Document::load_mem(&plan_pdf(6)).expect("the PDF parses");
    let (mut strings, mut glyphs) = (0, 0);
    for page in document.get_pages().values() {
        let content = document
            .get_and_decode_page_content(*page)
            .expect("the page's content decodes");
        for operation in content.operations {
            let operands = match (operation.operator.as_str(), operation.operands.first()) {
                ("TJ", Some(Object::Array(items))) => items.clone(),
                ("Tj", Some(string)) => vec![string.clone()],
                _ => continue,
            };
            for operand in operands {
                if let Object::String(bytes, _) = operand {
                    strings += 1;
                    glyphs += bytes.len() / 2;
                }
            }
        }
    }
    assert!(glyphs > 5000, "{glyphs} glyphs drawn");
    assert!(
        strings * 5 < glyphs,
        "{strings} strings for {glyphs} glyphs"
    );
}

#[test]
fn each_font_lists_the_advance_of_every_glyph_drawn_with_it_and_no_others() {
    let document = Document::load_mem(&plan_pdf(6)).expect("the PDF parses");
    for (name, face) in faces() {
        let widths = descendant_font(&document, name)
            .get(b"W")
            .and_then(Object::as_array)
            .expect("a W array");
        let mut listed = BTreeSet::new();
        for pair in widths.chunks(2) {
            let first = pair[0].as_i64().expect("a first glyph ID");
            let advances = pair[1].as_array().expect("widths");
            for (glyph, written) in (first..).zip(advances) {
                let glyph = u16::try_from(glyph).expect("a glyph ID");
                assert_eq!(
                    written.as_i64().ok(),
                    Some(advance(&face, glyph)),
                    "{name}: glyph {glyph}"
                );
                listed.insert(glyph);
            }
        }
        // printpdf lists the missing glyph (0) in every font.
        let mut drawn = drawn_glyphs(&document, name);
        assert!(drawn.len() > 20, "{name}: {} glyphs drawn", drawn.len());
        drawn.insert(0);
        assert_eq!(listed, drawn, "{name}");
    }
}

#[test]
fn each_glyph_drawn_maps_to_its_character_and_no_other_glyph_is_mapped() {
    // A glyph that several code points reach keeps the last of them, as printpdf's map of the
    // whole font does, so that text copied from the PDF is what it was.
    let document = Document::load_mem(&plan_pdf(6)).expect("the PDF parses");
    for (name, face) in faces() {
        let face = genpdf::fonts::FontData::new(face, None).expect("the face loads");
        let cache = genpdf::fonts::FontCache::new(genpdf::fonts::FontFamily {
            regular: face.clone(),
            bold: face.clone(),
            italic: face.clone(),
            bold_italic: face,
        });
        let face = cache.get_rt_font(cache.default_font_family().regular);
        let mut full = BTreeMap::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let glyph = face.glyph(c).id().0;
            if glyph != 0 {
                full.insert(u16::try_from(glyph).expect("a glyph ID"), u32::from(c));
            }
        }
        let drawn = drawn_glyphs(&document, name);
        let expected: BTreeMap<u16, u32> =
            drawn.iter().map(|glyph| (*glyph, full[glyph])).collect();

        let to_unicode = type0_font(&document, name)
            .get(b"ToUnicode")
            .and_then(Object::as_reference)
            .and_then(|id| document.get_object(id))
            .and_then(Object::as_stream)
            .and_then(|stream| stream.decompressed_content())
            .unwrap_or_else(|_| panic!("{name} has a ToUnicode map"));
        let written: BTreeMap<u16, u32> = String::from_utf8_lossy(&to_unicode)
            .lines()
            .filter_map(|line| {
                let (glyph, unicode) = line.trim().split_once("> <")?;
                let glyph = u16::from_str_radix(glyph.strip_prefix('<')?, 16).ok()?;
                let unicode = u32::from_str_radix(unicode.strip_suffix('>')?, 16).ok()?;
                (glyph != 0).then_some((glyph, unicode))
            })
            .collect();
        assert!(written.len() > 20, "{name}: {} entries", written.len());
        assert_eq!(written, expected, "{name}");
    }
}

/// The advance width of `glyph` in thousandths of an em, as PDF widths are given. printpdf
/// gives the missing glyph (0) an advance of 1,000 font units, whatever the font says.
fn advance(face: &[u8], glyph: u16) -> i64 {
    let u16_at = |at: usize| u16::from_be_bytes([face[at], face[at + 1]]);
    let table = |tag: &[u8]| {
        let record = (0..usize::from(u16_at(4)))
            .map(|index| 12 + 16 * index)
            .find(|&record| &face[record..record + 4] == tag)
            .expect("the table");
        u32::from_be_bytes([
            face[record + 8],
            face[record + 9],
            face[record + 10],
            face[record + 11],
        ]) as usize
    };
    let units_per_em = f64::from(u16_at(table(b"head") + 18));
    let long_metrics = usize::from(u16_at(table(b"hhea") + 34));
    let advance = match glyph {
        0 => 1000,
        _ => u16_at(table(b"hmtx") + 4 * usize::from(glyph).min(long_metrics - 1)),
    };
    (f64::from(advance) * 1000.0 / units_per_em) as i64
}

#[test]
fn the_fonts_can_be_shared_between_threads() {
    // Writing many plans at once shares one parsed family of fonts between threads; the glyph
    // tables the fonts keep must not prevent that.
    fn shared<T: Send + Sync>(_: &T) {}
    let faces = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/fonts");
    let bytes = std::fs::read(faces.join("PivotSans-Regular.ttf")).expect("the face reads");
    let font = genpdf::fonts::FontData::new(bytes, None).expect("the face parses");
    assert_ne!(font.glyph_id('a').0, 0);
    shared(&font);
}

/// The glyph IDs drawn with the font named `name` (`/F0` and so on) on every page.
fn drawn_glyphs(document: &Document, name: &str) -> BTreeSet<u16> {
    let mut drawn = BTreeSet::new();
    for page in document.get_pages().values() {
        let content = document
            .get_and_decode_page_content(*page)
            .expect("the page's content decodes");
        let mut current = Vec::new();
        for operation in content.operations {
            match operation.operator.as_str() {
                "Tf" => {
                    current = operation.operands[0]
                        .as_name()
                        .expect("a font name")
                        .to_vec()
                }
                "TJ" | "Tj" if current == name.as_bytes() => {
                    let strings = match &operation.operands[0] {
                        Object::Array(items) => items.clone(),
                        other => vec![other.clone()],
                    };
                    for item in strings {
                        if let Object::String(bytes, _) = item {
                            drawn.extend(
                                bytes
                                    .chunks(2)
                                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]])),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
    drawn
}

/// The font named `name` (a composite, `Type0`, font, as printpdf embeds a face).
fn type0_font<'d>(document: &'d Document, name: &str) -> &'d lopdf::Dictionary {
    document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .find(|dict| {
            dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0")
                && dict.get(b"BaseFont").and_then(Object::as_name).ok() == Some(name.as_bytes())
        })
        .unwrap_or_else(|| panic!("{name} is a font"))
}

/// The CID font inside the font named `name`.
fn descendant_font<'d>(document: &'d Document, name: &str) -> &'d lopdf::Dictionary {
    type0_font(document, name)
        .get(b"DescendantFonts")
        .and_then(Object::as_array)
        .expect("a descendant font")[0]
        .as_dict()
        .expect("written in place")
}

/// The font program (`FontFile2`) of the font named `name`, inflated if it is compressed.
fn font_program(document: &Document, name: &str) -> Vec<u8> {
    let descriptor = descendant_font(document, name)
        .get(b"FontDescriptor")
        .and_then(Object::as_reference)
        .and_then(|id| document.get_dictionary(id))
        .expect("a font descriptor");
    descriptor
        .get(b"FontFile2")
        .and_then(Object::as_reference)
        .and_then(|id| document.get_object(id))
        .and_then(Object::as_stream)
        .and_then(|stream| stream.get_plain_content())
        .unwrap_or_else(|_| panic!("{name} embeds its font program"))
}

/// The outlines of a TrueType font, by glyph ID (from its `loca` and `glyf` tables).
struct Outlines {
    glyf: Vec<u8>,
    /// Where each glyph's outline starts in `glyf`, and where the last ends.
    offsets: Vec<usize>,
}

impl Outlines {
    fn read(font: &[u8]) -> Outlines {
        let u16_at = |data: &[u8], at: usize| u16::from_be_bytes([data[at], data[at + 1]]);
        let u32_at = |data: &[u8], at: usize| {
            u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
        };
        let table = |tag: &[u8]| {
            let record = (0..usize::from(u16_at(font, 4)))
                .map(|index| 12 + 16 * index)
                .find(|&record| &font[record..record + 4] == tag)
                .unwrap_or_else(|| panic!("a {} table", String::from_utf8_lossy(tag)));
            let start = u32_at(font, record + 8) as usize;
            &font[start..start + u32_at(font, record + 12) as usize]
        };
        let glyphs = usize::from(u16_at(table(b"maxp"), 4));
        let long = u16_at(table(b"head"), 50) == 1;
        let loca = table(b"loca");
        let offsets = (0..=glyphs)
            .map(|index| {
                if long {
                    u32_at(loca, 4 * index) as usize
                } else {
                    2 * usize::from(u16_at(loca, 2 * index))
                }
            })
            .collect();
        Outlines {
            glyf: table(b"glyf").to_vec(),
            offsets,
        }
    }

    fn count(&self) -> u16 {
        u16::try_from(self.offsets.len() - 1).expect("at most 65,535 glyphs")
    }

    /// The outline of `glyph`; empty for a glyph without one, such as the space.
    fn outline(&self, glyph: u16) -> &[u8] {
        let index = usize::from(glyph);
        &self.glyf[self.offsets[index]..self.offsets[index + 1]]
    }

    /// Adds `glyph` to `glyphs`, and the glyphs it is composed of, if it is a composite.
    fn with_components(&self, glyph: u16, glyphs: &mut BTreeSet<u16>) {
        const WORDS: u16 = 0x0001;
        const SCALE: u16 = 0x0008;
        const MORE: u16 = 0x0020;
        const X_AND_Y_SCALE: u16 = 0x0040;
        const TWO_BY_TWO: u16 = 0x0080;
        if !glyphs.insert(glyph) {
            return;
        }
        let outline = self.outline(glyph);
        if outline.len() < 10 || i16::from_be_bytes([outline[0], outline[1]]) >= 0 {
            return;
        }
        let mut at = 10;
        loop {
            let flags = u16::from_be_bytes([outline[at], outline[at + 1]]);
            let component = u16::from_be_bytes([outline[at + 2], outline[at + 3]]);
            self.with_components(component, glyphs);
            at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
            at += if flags & SCALE != 0 {
                2
            } else if flags & X_AND_Y_SCALE != 0 {
                4
            } else if flags & TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
            if flags & MORE == 0 {
                break;
            }
        }
    }
}
