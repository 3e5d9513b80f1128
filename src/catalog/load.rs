//! Loading the catalog: the built-in files, or a `--data` folder's files in their place, each
//! entry remembered with where it was defined so that errors can point at it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::check::Origins;
use super::{
    Background, Catalog, Domain, FILES, Module, Outreach, Place, ProjectKind, Rate, Resource, Role,
    Route, Skill,
};
use crate::error::{Error, SourceSpan};
use crate::yaml;

/// Where an entry was defined, for error messages.
#[derive(Debug, Clone)]
pub(super) struct Origin {
    pub(super) file: PathBuf,
    pub(super) line: u64,
    pub(super) column: u64,
    /// The entry's place in its file's list, from 1.
    pub(super) entry: usize,
}

/// One catalog file's text: the built-in one, or a `--data` folder's in its place.
pub(super) struct Text {
    pub(super) file: PathBuf,
    pub(super) yaml: Cow<'static, str>,
    /// The built-in file's entries as JSON, from `build.rs`.
    json: Option<&'static str>,
}

/// The JSON `build.rs` writes for a built-in file.
#[derive(Deserialize)]
struct Converted<T> {
    /// Each entry's line and column in the YAML.
    places: Vec<(u64, u64)>,
    entries: Vec<T>,
}

/// Loads the entries of one file, remembering where each was defined: from the JSON of a
/// built-in file, or from the YAML when there is no JSON or it does not read as the entries
/// (only a change to `data/` could make it so: reading the YAML then says where and why).
fn parse_list<T: for<'de> Deserialize<'de>>(text: &Text) -> Result<Vec<(T, Origin)>, Error> {
    let placed: Vec<(T, (u64, u64))> = match text.json.and_then(from_json) {
        Some(placed) => placed,
        None => {
            let entries: Vec<Spanned<T>> =
                yaml::from_str(&text.file, &text.yaml, yaml::Kind::Catalog)?;
            entries
                .into_iter()
                .map(|entry| {
                    let place = (entry.referenced.line(), entry.referenced.column());
                    (entry.value, place)
                })
                .collect()
        }
    };
    Ok(placed
        .into_iter()
        .enumerate()
        .map(|(index, (entry, (line, column)))| {
            let origin = Origin {
                file: text.file.clone(),
                line,
                column,
                entry: index + 1,
            };
            (entry, origin)
        })
        .collect())
}

/// The entries of a built-in file's JSON with their lines and columns, if it reads as them.
fn from_json<T: for<'de> Deserialize<'de>>(json: &str) -> Option<Vec<(T, (u64, u64))>> {
    let converted: Converted<T> = serde_json::from_str(json).ok()?;
    (converted.places.len() == converted.entries.len()).then(|| {
        converted
            .entries
            .into_iter()
            .zip(converted.places)
            .collect()
    })
}

/// A YAML file in a `--data` folder whose name pivot does not know would be silently ignored,
/// so it is an error, with the closest known name.
fn check_file_names(dir: &Path) -> Result<(), Error> {
    let known: Vec<&str> = FILES.iter().map(|builtin| builtin.name).collect();
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .filter(|n| !known.contains(&n.as_str()))
        .collect();
    names.sort();
    match names.first() {
        None => Ok(()),
        Some(name) => Err(Error::File {
            file: dir.join(name),
            message: "pivot has no catalog file of this name, so it would be ignored".into(),
            help: Some(match crate::suggest::closest(name, &known) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the catalog files are {}", known.join(", ")),
            }),
        }),
    }
}

/// Whether a `--data` folder holds a file at `path` to use in place of the built-in one. Anything
/// else of that name (a folder, a pipe, a link to nothing or to a device) would be ignored or
/// hang the reading, so it is an error naming what it is.
fn present(path: &Path) -> Result<bool, Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let entry = match std::fs::symlink_metadata(path) {
        Ok(entry) => entry,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(read_err(err)),
    };
    let link = entry
        .is_symlink()
        .then(|| std::fs::read_link(path).ok())
        .flatten()
        .map(|target| format!("is a link to `{}`, which ", target.display()));
    let message = match (std::fs::metadata(path), link) {
        (Ok(target), _) if target.is_file() => return Ok(true),
        (Ok(target), Some(link)) => format!(
            "{link}is {}, not a file",
            crate::input::what_is(target.file_type())
        ),
        (Ok(target), None) => format!(
            "is {}, not a file",
            crate::input::what_is(target.file_type())
        ),
        (Err(err), Some(link)) if err.kind() == std::io::ErrorKind::NotFound => {
            format!("{link}does not exist")
        }
        (Err(err), _) => return Err(read_err(err)),
    };
    Err(Error::File {
        file: path.to_path_buf(),
        message,
        help: Some("make it a YAML file, or remove it to use the built-in one".into()),
    })
}

impl Catalog {
    /// The catalog compiled into the binary.
    pub fn builtin() -> Result<Catalog, Error> {
        Catalog::load(None)
    }

    /// Loads the built-in catalog, with any file present in `dir` replacing the built-in one.
    pub fn load(dir: Option<&Path>) -> Result<Catalog, Error> {
        if let Some(dir) = dir
            && !dir.is_dir()
        {
            return Err(Error::DataDir {
                dir: dir.to_path_buf(),
            });
        }
        if let Some(dir) = dir {
            check_file_names(dir)?;
        }
        let mut texts: Vec<Text> = Vec::with_capacity(FILES.len());
        for builtin in &FILES {
            match dir.map(|d| d.join(builtin.name)) {
                Some(path) if present(&path)? => texts.push(Text {
                    yaml: crate::input::read_yaml_file(&path, yaml::Kind::Catalog)?.into(),
                    file: path,
                    json: None,
                }),
                _ => texts.push(Text {
                    file: PathBuf::from(format!("data/{}", builtin.name)),
                    yaml: builtin.yaml.into(),
                    json: Some(builtin.json),
                }),
            }
        }
        let mut origins = Origins::default();

        // The files are read on two threads, about half of the text on each: nothing links
        // them until the checks. Errors are still reported in the files' order.
        let (roles, backgrounds, domains, resources, routes, places, elsewhere) =
            std::thread::scope(|scope| {
                let elsewhere = scope.spawn(|| {
                    (
                        parse_list::<Skill>(&texts[3]),
                        parse_list::<Module>(&texts[4]),
                        parse_list::<ProjectKind>(&texts[6]),
                        parse_list::<Outreach>(&texts[7]),
                        parse_list::<Rate>(&texts[9]),
                    )
                });
                (
                    parse_list::<Role>(&texts[0]),
                    parse_list::<Background>(&texts[1]),
                    parse_list::<Domain>(&texts[2]),
                    parse_list::<Resource>(&texts[5]),
                    parse_list::<Route>(&texts[8]),
                    parse_list::<Place>(&texts[10]),
                    crate::joined(elsewhere),
                )
            });
        let (skills, modules, projects, outreach, rates) = elsewhere;

        // Entries are known by their `id`, or by the key named last (a rate by its currency).
        macro_rules! load {
            ($entries:expr, $index:expr, $kind:literal) => {
                load!($entries, $index, $kind, id)
            };
            ($entries:expr, $index:expr, $kind:literal, $key:ident) => {{
                let path = &texts[$index].file;
                let entries = $entries?;
                if entries.is_empty() {
                    // An empty replacement would only surface later as unknown ids elsewhere.
                    return Err(Error::File {
                        file: path.clone(),
                        message:
                            "the file holds no entries; a catalog file is a list (`- id: ...`)"
                                .into(),
                        help: Some("remove the file to use the built-in one".into()),
                    });
                }
                let mut list = Vec::with_capacity(entries.len());
                for (entry, origin) in entries {
                    let key = ($kind, entry.$key.to_string());
                    if let Some(first) = origins.entries.get(&key) {
                        return Err(Error::Catalog {
                            at: SourceSpan {
                                file: origin.file.clone(),
                                line: origin.line,
                                column: origin.column,
                            },
                            message: format!(
                                "{} {} `{}` is defined twice (first at line {})",
                                $kind,
                                stringify!($key),
                                entry.$key,
                                first.line
                            ),
                        });
                    }
                    origins.entries.insert(key, origin);
                    list.push(entry);
                }
                list
            }};
        }

        let catalog = Catalog {
            roles: load!(roles, 0, "role"),
            backgrounds: load!(backgrounds, 1, "background"),
            domains: load!(domains, 2, "domain"),
            skills: load!(skills, 3, "skill"),
            modules: load!(modules, 4, "module"),
            resources: load!(resources, 5, "resource"),
            projects: load!(projects, 6, "project"),
            outreach: load!(outreach, 7, "outreach"),
            routes: load!(routes, 8, "route"),
            rates: load!(rates, 9, "rate", currency),
            places: load!(places, 10, "place", zone),
            module_index: HashMap::new(),
        };
        // The built-in files pass the checks: `the_built_in_catalog_passes_its_checks` runs
        // them on the same files. Only a catalog with a file of the user's is checked as it
        // loads.
        if texts.iter().any(|text| text.json.is_none()) {
            origins.texts = texts;
            catalog.check(&origins)?;
        }
        let catalog = catalog.indexed();
        Ok(catalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON of built-in file `index` reads as the entries its YAML holds, at the same places.
    fn same<T: for<'de> Deserialize<'de> + std::fmt::Debug>(index: usize) {
        let builtin = &FILES[index];
        assert!(
            from_json::<T>(builtin.json).is_some(),
            "{}: the JSON does not read",
            builtin.name
        );
        let text = |json| Text {
            file: PathBuf::from(format!("data/{}", builtin.name)),
            yaml: builtin.yaml.into(),
            json,
        };
        let read = |text: Text| -> Vec<(T, Origin)> {
            parse_list(&text).unwrap_or_else(|err| panic!("{}: {err}", builtin.name))
        };
        let from_json = read(text(Some(builtin.json)));
        let from_yaml = read(text(None));
        assert_eq!(from_json.len(), from_yaml.len(), "{}", builtin.name);
        assert!(!from_json.is_empty(), "{}", builtin.name);
        for ((json, at_json), (yaml, at_yaml)) in from_json.iter().zip(&from_yaml) {
            assert_eq!(format!("{json:?}"), format!("{yaml:?}"), "{}", builtin.name);
            assert_eq!(
                (at_json.line, at_json.column, at_json.entry),
                (at_yaml.line, at_yaml.column, at_yaml.entry),
                "{}",
                builtin.name
            );
        }
    }

    #[test]
    fn the_built_in_catalog_passes_its_checks() {
        // The data folder's files, read as a `--data` folder's are, and checked as they are.
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        if let Err(err) = Catalog::load(Some(&data)) {
            panic!("{err}");
        }
    }

    #[test]
    fn the_built_in_files_read_the_same_from_json_as_from_yaml() {
        same::<Role>(0);
        same::<Background>(1);
        same::<Domain>(2);
        same::<Skill>(3);
        same::<Module>(4);
        same::<Resource>(5);
        same::<ProjectKind>(6);
        same::<Outreach>(7);
        same::<Route>(8);
        same::<Rate>(9);
        same::<Place>(10);
    }
}
