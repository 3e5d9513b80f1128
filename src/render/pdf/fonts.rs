//! The fonts compiled into the binary (a subset of Liberation Sans, renamed Pivot Sans) and the
//! question of which characters they can show.

use genpdf::fonts::{FontCache, FontData, FontFamily};

use crate::error::Error;

const REGULAR: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../data/fonts/PivotSans-Italic.ttf");
const BOLD_ITALIC: &[u8] = include_bytes!("../../../data/fonts/PivotSans-BoldItalic.ttf");

/// The four faces of the embedded family, ready for a genpdf document.
pub fn family() -> Result<FontFamily<FontData>, Error> {
    let face = |bytes: &[u8], style: &str| {
        FontData::new(bytes.to_vec(), None).map_err(|err| Error::Render {
            format: "pdf",
            message: format!("the embedded {style} font cannot be read: {err}"),
        })
    };
    Ok(FontFamily {
        regular: face(REGULAR, "regular")?,
        bold: face(BOLD, "bold")?,
        italic: face(ITALIC, "italic")?,
        bold_italic: face(BOLD_ITALIC, "bold italic")?,
    })
}

/// Answers "can every face draw this character?" from the fonts' own character maps.
pub struct Coverage {
    cache: FontCache,
}

impl Coverage {
    pub fn new(family: FontFamily<FontData>) -> Coverage {
        Coverage {
            cache: FontCache::new(family),
        }
    }

    pub fn covers(&self, c: char) -> bool {
        let family = self.cache.default_font_family();
        [
            family.regular,
            family.bold,
            family.italic,
            family.bold_italic,
        ]
        .into_iter()
        .all(|font| self.cache.get_rt_font(font).glyph(c).id().0 != 0)
    }
}
