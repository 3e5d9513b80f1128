//! The fonts compiled into the binary (a subset of Liberation Sans, renamed Pivot Sans) and the
//! question of which characters they can show.
//!
//! Regular, bold and italic are embedded. Nothing is set in bold italic, so genpdf's bold-italic
//! slot holds a PDF base font that costs nothing and is never drawn (embedding an unused face
//! would add 50 KB to every file).

use std::sync::atomic::{AtomicU8, Ordering};

use genpdf::fonts::{FontData, FontFamily};
use printpdf::BuiltinFont;

use crate::error::Error;

const REGULAR: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Italic.ttf");

/// The family for a genpdf document: three embedded faces, bold italic unused.
pub fn family() -> Result<FontFamily<FontData>, Error> {
    let face = |bytes: &[u8], builtin: Option<BuiltinFont>, style: &str| {
        FontData::new(bytes.to_vec(), builtin).map_err(|err| Error::Render {
            format: "pdf",
            message: format!("the embedded {style} font cannot be read: {err}"),
        })
    };
    Ok(FontFamily {
        regular: face(REGULAR, None, "regular")?,
        bold: face(BOLD, None, "bold")?,
        italic: face(ITALIC, None, "italic")?,
        bold_italic: face(BOLD, Some(BuiltinFont::HelveticaBoldOblique), "bold")?,
    })
}

/// Answers "can every embedded face draw this character?" from their own character maps.
pub struct Coverage {
    faces: [FontData; 3],
    /// The answer for each character below [`TABLE_END`] once asked ([`NOT_ASKED`], [`DRAWN`]
    /// or [`NOT_DRAWN`]), so that a character is looked up in the three faces once for all the
    /// plans these fonts set, not every time it appears. Atomic, so that plans on several
    /// threads share it.
    table: Vec<AtomicU8>,
}

const NOT_ASKED: u8 = 0;
const NOT_DRAWN: u8 = 1;
const DRAWN: u8 = 2;

/// The characters [`Coverage`] keeps its answer for: Latin, Greek, Cyrillic, punctuation,
/// currency signs and arrows, nearly every character a plan holds.
const TABLE_END: usize = 0x2200;

impl Coverage {
    pub fn new(family: &FontFamily<FontData>) -> Coverage {
        Coverage {
            faces: [
                family.regular.clone(),
                family.bold.clone(),
                family.italic.clone(),
            ],
            table: (0..TABLE_END).map(|_| AtomicU8::new(NOT_ASKED)).collect(),
        }
    }

    pub fn covers(&self, c: char) -> bool {
        let Some(known) = self.table.get(c as usize) else {
            return self.looked_up(c);
        };
        match known.load(Ordering::Relaxed) {
            NOT_ASKED => {
                let covered = self.looked_up(c);
                known.store(if covered { DRAWN } else { NOT_DRAWN }, Ordering::Relaxed);
                covered
            }
            answer => answer == DRAWN,
        }
    }

    fn looked_up(&self, c: char) -> bool {
        self.faces.iter().all(|face| face.glyph_id(c).0 != 0)
    }
}
