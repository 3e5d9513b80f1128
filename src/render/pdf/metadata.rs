//! Final touches to the bytes printpdf writes, all made in place at the same length (so the
//! cross-reference offsets stay valid and nothing has to be parsed):
//!
//! - reproducible: printpdf writes the wall clock into the creation and modification dates and
//!   random strings into the file identifier;
//! - whole: printpdf writes the title's bytes into a literal string, which readers take for
//!   PDFDocEncoding, so it is given the hexadecimal digits of the title's UTF-16 and the literal
//!   around them becomes a hexadecimal string, which holds a title in any script;
//! - honest: it writes an empty `GTS_PDFXVersion`, which readers take for a PDF/X claim, and it
//!   lists the never-drawn base font of the bold-italic slot (see `fonts`) in the pages' font
//!   resources, where preflight tools count it as a font that is not embedded. Both entries are
//!   blanked out with spaces, which PDF dictionaries allow between entries.

use chrono::{DateTime, Utc};
use memchr::memmem;

use crate::error::Error;
use crate::plan::Plan;

/// The document title for the PDF's metadata, as written, in the hexadecimal digits of its
/// UTF-16 after a byte order mark (PDF's own way to write text beyond ASCII); [`stamp`] makes
/// the literal string printpdf writes them into a hexadecimal string.
pub fn title(plan: &Plan) -> String {
    let title = format!(
        "Plan for {}: {} to {}",
        plan.name, plan.background_title, plan.target_role_title
    );
    std::iter::once(BYTE_ORDER_MARK)
        .chain(title.encode_utf16())
        .map(|unit| format!("{unit:04X}"))
        .collect()
}

const BYTE_ORDER_MARK: u16 = 0xFEFF;

/// Sets both dates to `now` and the file identifier to a hash of the document, so the same plan
/// and the same `now` give the same bytes.
pub fn stamp(bytes: &mut [u8], now: DateTime<Utc>) -> Result<(), Error> {
    let date = now.format("D:%Y%m%d%H%M%S+00'00'").to_string();
    for key in [&b"/CreationDate("[..], &b"/ModDate("[..]] {
        let value = literal_after(bytes, key, Position::First)?;
        overwrite(bytes, value, date.as_bytes())?;
    }
    let title = literal_after(bytes, b"/Title(", Position::First)?;
    let digits = &bytes[title.clone()];
    if !digits.starts_with(format!("{BYTE_ORDER_MARK:04X}").as_bytes())
        || !digits.iter().all(u8::is_ascii_hexdigit)
    {
        return Err(unexpected("the title"));
    }
    bytes[title.start - 1] = b'<';
    bytes[title.end] = b'>';
    let first = literal_after(bytes, b"/ID[(", Position::Last)?;
    let second_start = first.end + 2;
    if bytes.get(first.end..second_start) != Some(&b")("[..]) {
        return Err(unexpected("the file identifier"));
    }
    let second = literal_after(bytes, b")(", Position::At(first.end))?;
    bytes[first.clone()].fill(b'0');
    bytes[second.clone()].fill(b'0');
    blank_entries(bytes);
    let id = identifier(bytes, first.len());
    overwrite(bytes, first, id.as_bytes())?;
    overwrite(bytes, second, id.as_bytes())?;
    Ok(())
}

/// Replaces with spaces `/GTS_PDFXVersion()` and every `/Helvetica-BoldOblique N 0 R` (a
/// dictionary entry; the font object itself spells the name as `/BaseFont/Helvetica-BoldOblique/`,
/// which is not followed by a space and stays).
fn blank_entries(bytes: &mut [u8]) {
    blank_all(bytes, b"/GTS_PDFXVersion()", |_| Some(0));
    blank_all(bytes, b"/Helvetica-BoldOblique ", reference_length);
}

/// Blanks each occurrence of `key` plus the `extra(rest)` bytes after it, when `extra` accepts.
fn blank_all(bytes: &mut [u8], key: &[u8], extra: impl Fn(&[u8]) -> Option<usize>) {
    let mut at = 0;
    while let Some(found) = memmem::find(&bytes[at..], key) {
        let start = at + found;
        let end = start + key.len();
        match extra(&bytes[end..]) {
            Some(length) => {
                bytes[start..end + length].fill(b' ');
                at = end + length;
            }
            None => at = end,
        }
    }
}

/// Length of `N 0 R` at the start of `rest`, if it is there.
fn reference_length(rest: &[u8]) -> Option<usize> {
    let digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    (digits > 0 && rest[digits..].starts_with(b" 0 R")).then_some(digits + 4)
}

enum Position {
    First,
    Last,
    At(usize),
}

/// The range of the literal string that starts right after `key` (which ends with `(`).
fn literal_after(
    bytes: &[u8],
    key: &[u8],
    position: Position,
) -> Result<std::ops::Range<usize>, Error> {
    let found = match position {
        Position::First => memmem::find(bytes, key),
        Position::Last => memmem::rfind(bytes, key),
        Position::At(at) => bytes
            .get(at..)
            .filter(|rest| rest.starts_with(key))
            .map(|_| at),
    };
    let start = found.ok_or_else(|| unexpected(&String::from_utf8_lossy(key)))? + key.len();
    let length = bytes[start..]
        .iter()
        .position(|byte| *byte == b')')
        .ok_or_else(|| unexpected(&String::from_utf8_lossy(key)))?;
    Ok(start..start + length)
}

fn overwrite(bytes: &mut [u8], range: std::ops::Range<usize>, value: &[u8]) -> Result<(), Error> {
    if range.len() != value.len() {
        return Err(unexpected("a metadata value of a different length"));
    }
    bytes[range].copy_from_slice(value);
    Ok(())
}

/// `length` hexadecimal digits of two FNV-1a hashes of the document (an identifier, not a
/// security measure).
fn identifier(bytes: &[u8], length: usize) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    // Both in one pass: each byte's step waits for the last one's multiplication, so two
    // hashes side by side take about the time of one.
    let (first, second) = bytes.iter().fold(
        (0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64),
        |(first, second), byte| {
            let byte = u64::from(*byte);
            (
                (first ^ byte).wrapping_mul(PRIME),
                (second ^ byte).wrapping_mul(PRIME),
            )
        },
    );
    let digits = format!("{first:016X}{second:016X}");
    digits.chars().cycle().take(length).collect()
}

fn unexpected(what: &str) -> Error {
    Error::Render {
        format: "pdf",
        message: format!(
            "the PDF writer produced an unexpected layout near {what}; cannot make the file reproducible"
        ),
    }
}
