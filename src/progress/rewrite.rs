//! Putting a new `progress:` block into a profile as the learner wrote it: only the block's
//! lines change, and every other byte (comments, key order, blank lines, line ends) stays.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde_saphyr::Spanned;

use super::{Ticked, block};
use crate::catalog::Catalog;
use crate::error::{Error, SourceSpan};
use crate::input::read_yaml_file;
use crate::output::{self, Replace};
use crate::profile::Profile;
use crate::yaml;

/// The top-level key the block is written under.
const KEY: &str = "progress";

/// What `--write` did to the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The profile was written, and its old text kept at `backup`.
    Changed { backup: PathBuf },
    /// The profile already held this block, so nothing was written.
    Unchanged,
}

/// The profile at `path`, read and checked with `catalog`, before anything is written.
pub struct Edit {
    pub path: PathBuf,
    pub profile: Profile,
    text: String,
}

impl Edit {
    /// Reads the profile at `path` and refuses it, untouched, when it does not parse or is not a
    /// plain file pivot can replace.
    pub fn open(path: &Path, catalog: &Catalog) -> Result<Edit, Error> {
        let text = read_yaml_file(path, yaml::Kind::Profile)?;
        let profile = Profile::from_str(path, &text, catalog)?;
        // Replacing a link would leave the file it leads to as it was, and a pipe has no file to
        // keep a backup of.
        let plain = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file());
        if !plain {
            return Err(Error::File {
                file: path.to_path_buf(),
                message: "--write updates a profile only when it is a file itself, not a link \
                          or a pipe; allowed: the path of the profile file"
                    .into(),
                help: Some(
                    "give --write the file the link leads to, or print the block with \
                     `pivot progress PLAN.md` and paste it into the profile"
                        .into(),
                ),
            });
        }
        Ok(Edit {
            path: path.to_path_buf(),
            profile,
            text,
        })
    }

    /// Puts the block for `ticked` as of `as_of` in place of the profile's progress block, or
    /// after it when it has none, keeping a backup of the old file. The new text must read, with
    /// `catalog`, as the old profile with that progress and nothing else changed.
    pub fn write(
        &self,
        ticked: &Ticked,
        as_of: NaiveDate,
        catalog: &Catalog,
    ) -> Result<Written, Error> {
        let (new, key) = put_block(&self.path, &self.text, &block(ticked, as_of))?;
        if new == self.text {
            return Ok(Written::Unchanged);
        }
        // The block's end is worked out from the text: a layout that reasoning did not foresee
        // is refused rather than damaged.
        let again = Profile::from_str(&self.path, &new, catalog).ok();
        let fits = again.is_some_and(|again| {
            let progress = again.progress.as_ref().map(|p| {
                let partial: Vec<(String, f64)> =
                    p.partial.iter().map(|x| (x.id.clone(), x.left)).collect();
                (p.as_of, p.done.clone(), partial)
            });
            let expected = (as_of, ticked.done.clone(), ticked.partial.clone());
            progress == Some(expected)
                && Profile {
                    progress: None,
                    ..again
                } == Profile {
                    progress: None,
                    ..self.profile.clone()
                }
        });
        if !fits {
            return Err(cannot_place(
                &self.path,
                key,
                "is laid out in a way pivot does not rewrite",
            ));
        }
        let backup = backup_path(&self.path);
        output::write_files(
            &[
                (backup.clone(), self.text.as_bytes()),
                (self.path.clone(), new.as_bytes()),
            ],
            Replace::Yes,
            output::Staging::InTurn,
        )?;
        Ok(Written::Changed { backup })
    }
}

/// `PROFILE.bak`, or when that exists `PROFILE.bak.1`, `PROFILE.bak.2`, and so on: a backup
/// never replaces an older one.
fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    let mut candidate = PathBuf::from(&name);
    let mut number = 0u32;
    while candidate.symlink_metadata().is_ok() {
        number += 1;
        let mut numbered = name.clone();
        numbered.push(format!(".{number}"));
        candidate = PathBuf::from(numbered);
    }
    candidate
}

/// A top-level key and the place the parser read it at.
struct TopKey {
    name: String,
    line: u64,
    column: u64,
    /// Whether the key is written where it is read, not brought in by an alias or a merge.
    in_place: bool,
}

/// The top-level keys of a profile in the order written.
struct TopKeys(Vec<TopKey>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = TopKeys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a profile's keys")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(TopKey {
                        name: key.value,
                        line: key.referenced.line(),
                        column: key.referenced.column(),
                        in_place: key.referenced == key.defined,
                    });
                }
                Ok(TopKeys(keys))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

/// The lines of `text` as byte ranges, each with its line break, split where YAML ends a line:
/// at `\n`, `\r\n` and a lone `\r`, so that line numbers agree with the parser's.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (index, byte) in bytes.iter().enumerate() {
        let ends = *byte == b'\n' || (*byte == b'\r' && bytes.get(index + 1) != Some(&b'\n'));
        if ends && index + 1 < bytes.len() {
            starts.push(index + 1);
        }
    }
    starts
}

/// The refusal for a profile whose progress block pivot cannot place exactly, at the block's
/// key (line and column) when it has one.
fn cannot_place(path: &Path, key: Option<(u64, u64)>, why: &str) -> Error {
    let (line, column) = key.unwrap_or((1, 1));
    Error::Field {
        at: SourceSpan {
            file: path.to_path_buf(),
            line,
            column,
        },
        field: KEY.into(),
        message: format!(
            "{why}, so pivot cannot tell exactly which lines to replace and left the profile as \
             it was; allowed: `progress:` at the start of a line, its entries indented below it"
        ),
        help: Some(
            "print the block with `pivot progress PLAN.md` and paste it into the profile in \
             place of the old one"
                .into(),
        ),
    }
}

/// `text` (the profile at `path`, already checked) with `block` in place of its top-level
/// progress block, or appended after a blank line when it has none. The block runs from its
/// key's line to the next top-level key or the end of the file, less the blank lines, comments
/// and document markers at its end, which belong to what follows. The block is written with the
/// line ends of the line it replaces, or of the file's first line. Also gives the place of the
/// old block's key.
fn put_block(path: &Path, text: &str, block: &str) -> Result<(String, Option<(u64, u64)>), Error> {
    let keys: TopKeys = yaml::from_str(path, text, yaml::Kind::Profile)?;
    let starts = line_starts(text);
    let start_of = |line: u64| starts.get(line as usize - 1).copied().unwrap_or(text.len());
    let line_text = |line: u64| &text[start_of(line)..start_of(line + 1)];
    let Some(index) = keys.0.iter().position(|key| key.name == KEY) else {
        return Ok((appended(text, block, &starts), None));
    };
    let key = &keys.0[index];
    let place = Some((key.line, key.column));
    let key_line = line_text(key.line);
    let written = key_line.trim_start_matches('\u{feff}');
    let plain_key = [KEY, "\"progress\"", "'progress'"]
        .iter()
        .any(|form| written.starts_with(form));
    if !key.in_place || key.column != 1 || !plain_key {
        return Err(cannot_place(path, place, "does not start its own line"));
    }
    let next = keys.0.get(index + 1).map(|next| next.line);
    let mut end = next.unwrap_or(starts.len() as u64 + 1);
    while end > key.line + 1 && belongs_to_what_follows(line_text(end - 1)) {
        end -= 1;
    }
    if end <= key.line {
        return Err(cannot_place(
            path,
            place,
            "shares its line with another key",
        ));
    }
    let line_end = if key_line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut new = String::with_capacity(text.len() + block.len());
    new.push_str(&text[..start_of(key.line)]);
    new.push_str(&block.replace('\n', line_end));
    new.push_str(&text[start_of(end)..]);
    Ok((new, place))
}

/// Whether a line at the end of a block is one that stays with what follows: blank, a comment
/// or a document marker.
fn belongs_to_what_follows(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "..." || trimmed == "---"
}

/// `text` with `block` after it, a blank line between, ending any last line first; before a
/// closing `...` marker, which ends the document.
fn appended(text: &str, block: &str, starts: &[usize]) -> String {
    let first = &text[..starts.get(1).copied().unwrap_or(text.len())];
    let line_end = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let closing = starts
        .iter()
        .rev()
        .map(|start| (*start, text[*start..].lines().next().unwrap_or_default()))
        .take_while(|(_, line)| belongs_to_what_follows(line))
        .find(|(_, line)| line.trim_end() == "...")
        .map(|(start, _)| start);
    let (before, after) = text.split_at(closing.unwrap_or(text.len()));
    let mut new = before.to_string();
    if !new.is_empty() && !new.ends_with('\n') && !new.ends_with('\r') {
        new.push_str(line_end);
    }
    let ends_in_blank_line = new == line_end || new.ends_with(&line_end.repeat(2));
    if !new.is_empty() && !ends_in_blank_line {
        new.push_str(line_end);
    }
    new.push_str(&block.replace('\n', line_end));
    new.push_str(after);
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "progress:\n  as_of: 2027-02-15\n  done: [a]\n";

    fn put(text: &str) -> String {
        put_block(Path::new("p.yaml"), text, BLOCK)
            .expect("placed")
            .0
    }

    #[test]
    fn lines_end_where_yaml_ends_them_so_the_parser_lines_agree() {
        let text = "name: P\rprogress:\r  as_of: 2027-01-01\r  done: []\rstart: 2027-01-04\r";
        assert_eq!(put(text), format!("name: P\r{BLOCK}start: 2027-01-04\r"));
    }

    #[test]
    fn a_block_goes_before_the_marker_that_ends_the_document() {
        assert_eq!(
            put("---\nname: P\n...\n# after\n"),
            format!("---\nname: P\n\n{BLOCK}...\n# after\n")
        );
        assert_eq!(
            put("name: P\nprogress: {as_of: 2027-01-01, done: []}\n...\n"),
            format!("name: P\n{BLOCK}...\n")
        );
    }

    #[test]
    fn a_key_brought_in_by_a_merge_is_not_rewritten() {
        let text = "name: &n P\n<<: {progress: {as_of: 2027-01-01, done: []}}\n";
        let placed = put_block(Path::new("p.yaml"), text, BLOCK);
        assert!(placed.is_err(), "{placed:?}");
    }
}
