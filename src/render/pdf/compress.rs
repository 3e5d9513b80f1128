//! Deflates the streams printpdf writes as they are (each page's content and the embedded font
//! programs, over half of a plan's bytes; printpdf 0.3.4 has no switch for it), by rewriting the
//! file it writes: every stream without a filter is compressed when that makes it smaller, and
//! the cross-reference table is written anew for the objects' new places.
//!
//! The input is the layout lopdf 0.26's writer gives every file (a header line, the objects, a
//! classic `xref` table of 20-byte entries, the trailer, `startxref`); anything that does not
//! match it exactly is reported, never guessed at.

use std::io::Write;
use std::ops::Range;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use memchr::memmem;

use crate::error::Error;

/// Deflate level 1 of 9, with flate2's zlib-rs backend (see `Cargo.toml`), whose level 1 is a
/// quick strategy of its own that finds fewer matches than zlib's classic ones (level 2 is
/// `deflate_fast`). Instructions to deflate, and the file's size, for the software engineer's
/// example planned over six months and over two years, and for a plan from a catalog of 4,000
/// modules:
///
/// | backend, level          | six months    | two years | 4,000 modules   |
/// |-------------------------|---------------|-----------|-----------------|
/// | miniz_oxide, 1 (before) | 16.2 M, 92 KB | 133 KB    | 288 M, 1,122 KB |
/// | zlib-rs, 1              | 9.4 M, 106 KB | 150 KB    | 155 M, 1,273 KB |
/// | zlib-rs, 2              | 15.9 M, 81 KB | 112 KB    | 259 M, 999 KB   |
///
/// Level 1 takes two fifths less time than level 2 for files a seventh larger, still well under
/// the sizes a plan must keep to (120 KB for six months, 200 KB for two years); deflating is a
/// tenth of the work of a cohort's PDFs. The bytes are the same on every machine: zlib-rs uses
/// the processor's vector instructions only to compare bytes and slide its window, never to
/// choose matches differently, and its hash is the same everywhere.
const LEVEL: u32 = 1;

/// One cross-reference entry: 10 digits of offset, 5 of generation, the kind, space, newline.
const ENTRY: usize = 20;

/// What writing a file needs besides the plan, kept from one file to the next by
/// [`super::Fonts`]: the file as printpdf writes it, before compression, and the encoder.
/// Made anew for every file, their memory is fresh pages the system must clear and map: a
/// cohort's largest source of page faults, the encoder's tables first.
pub struct Scratch {
    pub written: Vec<u8>,
    encoder: ZlibEncoder<Vec<u8>>,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            written: Vec::with_capacity(512 * 1024),
            encoder: ZlibEncoder::new(Vec::new(), Compression::new(LEVEL)),
        }
    }
}

/// The file written into `scratch.written` with every unfiltered stream deflated; everything
/// outside the streams, including the trailer, is kept as written.
pub fn compress(scratch: &mut Scratch) -> Result<Vec<u8>, Error> {
    let Scratch { written, encoder } = scratch;
    let bytes = written.as_slice();
    let table = CrossReference::read(bytes)?;
    let mut objects: Vec<(usize, usize)> = table.objects.clone();
    objects.sort_by_key(|&(_, offset)| offset);
    let first = objects.first().map_or(table.start, |&(_, offset)| offset);

    let mut out = Vec::with_capacity(bytes.len() / 3);
    out.extend_from_slice(bytes.get(..first).ok_or_else(|| unexpected("the header"))?);
    let mut offsets = vec![None; table.entries];
    for (index, &(number, offset)) in objects.iter().enumerate() {
        let end = objects
            .get(index + 1)
            .map_or(table.start, |&(_, next)| next);
        let object = bytes
            .get(offset..end)
            .ok_or_else(|| unexpected("an object"))?;
        offsets[number] = Some(out.len());
        write_object(&mut out, object, encoder)?;
    }

    let start = out.len();
    out.extend_from_slice(b"xref\n");
    out.extend_from_slice(format!("0 {}\n", table.entries).as_bytes());
    for (number, offset) in offsets.iter().enumerate() {
        let entry = &bytes[table.entry(number)];
        match offset {
            Some(offset) => {
                out.extend_from_slice(format!("{offset:010}").as_bytes());
                out.extend_from_slice(&entry[10..]);
            }
            None => out.extend_from_slice(entry),
        }
    }
    out.extend_from_slice(&bytes[table.trailer.clone()]);
    out.extend_from_slice(format!("startxref\n{start}\n%%EOF").as_bytes());
    Ok(out)
}

/// Copies one object, deflating its stream if it has one without a filter.
fn write_object(
    out: &mut Vec<u8>,
    object: &[u8],
    encoder: &mut ZlibEncoder<Vec<u8>>,
) -> Result<(), Error> {
    const STREAM: &[u8] = b">>stream\n";
    const END: &[u8] = b"endstream";
    let Some(dictionary_end) = memmem::find(object, STREAM) else {
        out.extend_from_slice(object);
        return Ok(());
    };
    let head = &object[..dictionary_end];
    let content_start = dictionary_end + STREAM.len();
    let length = memmem::find(head, b"/Length ")
        .map(|at| at + b"/Length ".len())
        .map(|at| {
            let digits = head[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            at..at + digits
        })
        .ok_or_else(|| unexpected("a stream's length"))?;
    let content_length: usize = std::str::from_utf8(&head[length.clone()])
        .ok()
        .and_then(|digits| digits.parse().ok())
        .ok_or_else(|| unexpected("a stream's length"))?;
    let content_end = content_start + content_length;
    let content = object
        .get(content_start..content_end)
        .filter(|_| object[content_end..].starts_with(END))
        .ok_or_else(|| unexpected("a stream's end"))?;
    let compressed = (memmem::find(head, b"/Filter").is_none())
        .then(|| deflate(encoder, content))
        .transpose()?
        .filter(|compressed| compressed.len() < content.len());
    let Some(compressed) = compressed else {
        out.extend_from_slice(object);
        return Ok(());
    };
    out.extend_from_slice(&head[..length.start]);
    out.extend_from_slice(compressed.len().to_string().as_bytes());
    out.extend_from_slice(b"/Filter/FlateDecode");
    out.extend_from_slice(&head[length.end..]);
    out.extend_from_slice(STREAM);
    out.extend_from_slice(&compressed);
    // An end of line between the data and `endstream`, as the PDF standard asks (not counted
    // in the length).
    out.push(b'\n');
    out.extend_from_slice(&object[content_end..]);
    Ok(())
}

/// `content` deflated in the zlib format, which PDF's `FlateDecode` filter reads.
fn deflate(encoder: &mut ZlibEncoder<Vec<u8>>, content: &[u8]) -> Result<Vec<u8>, Error> {
    encoder
        .write_all(content)
        .and_then(|()| encoder.reset(Vec::with_capacity(content.len() / 3)))
        .map_err(|err| Error::Render {
            format: "pdf",
            message: format!("cannot compress the file: {err}"),
        })
}

/// The classic cross-reference table lopdf writes, and where the trailer is.
struct CrossReference {
    /// Where `xref` starts, which is where the last object ends.
    start: usize,
    /// Where the first entry starts.
    first_entry: usize,
    /// The number of entries, object 0 (always free) included.
    entries: usize,
    /// Object number and offset of every object in use.
    objects: Vec<(usize, usize)>,
    /// From `trailer` to just before `startxref`.
    trailer: Range<usize>,
}

impl CrossReference {
    fn read(bytes: &[u8]) -> Result<CrossReference, Error> {
        let broken = || unexpected("the cross-reference table");
        let marker = memmem::rfind(bytes, b"startxref\n").ok_or_else(broken)?;
        let start = number(bytes, marker + b"startxref\n".len()).ok_or_else(broken)?;
        let header = bytes
            .get(start..)
            .and_then(|rest| rest.strip_prefix(b"xref\n0 "))
            .ok_or_else(broken)?;
        let entries = number(header, 0).ok_or_else(broken)?;
        let first_entry = start + b"xref\n0 ".len() + entries.to_string().len() + 1;
        let trailer_start = entries
            .checked_mul(ENTRY)
            .and_then(|length| first_entry.checked_add(length))
            .filter(|&end| end <= marker)
            .ok_or_else(broken)?;
        if !bytes[trailer_start..].starts_with(b"trailer\n") {
            return Err(broken());
        }
        let mut table = CrossReference {
            start,
            first_entry,
            entries,
            objects: Vec::with_capacity(entries),
            trailer: trailer_start..marker,
        };
        for index in 0..entries {
            let entry = &bytes[table.entry(index)];
            match &entry[17..] {
                b"n \n" => {
                    let offset = number(entry, 0)
                        .filter(|&offset| offset < start)
                        .ok_or_else(broken)?;
                    table.objects.push((index, offset));
                }
                b"f \n" => {}
                _ => return Err(broken()),
            }
        }
        Ok(table)
    }

    fn entry(&self, index: usize) -> Range<usize> {
        let start = self.first_entry + index * ENTRY;
        start..start + ENTRY
    }
}

/// The decimal number at `at`, which must be followed by a space or a newline.
fn number(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if !matches!(rest.get(digits), Some(b' ' | b'\n')) {
        return None;
    }
    std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()
}

fn unexpected(what: &str) -> Error {
    Error::Render {
        format: "pdf",
        message: format!(
            "the PDF writer produced an unexpected layout near {what}; cannot compress the file"
        ),
    }
}
