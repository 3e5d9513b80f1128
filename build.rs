//! Writes the built-in catalog (`data/*.yaml`) again as JSON, which pivot reads about twenty
//! times faster than YAML: for each file, `{"places": [[line, column], ...], "entries": [...]}`
//! with each entry's line and column in the YAML, for error messages that point at it.
//!
//! The YAML stays the one source: `src/catalog/load.rs` reads a file's YAML whenever its JSON is
//! missing or does not read as the entries it should be (so an edit to `data/` that breaks a
//! file is reported by pivot itself, with its line and column), and its tests check that the
//! JSON of every file reads as the same entries, at the same places, as its YAML.

use std::path::Path;

use serde_json::Value;
use serde_saphyr::Spanned;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=build.rs");
    let mut names: Vec<String> = std::fs::read_dir("data")
        .expect("the data folder is part of the source")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let yaml_path = Path::new("data").join(&name);
        let json = match std::fs::read_to_string(&yaml_path) {
            Ok(text) => convert(&text).unwrap_or_else(|message| {
                println!(
                    "cargo::warning={}: {message}; pivot reads the YAML instead and says where",
                    yaml_path.display()
                );
                String::new()
            }),
            Err(err) => panic!("cannot read {}: {err}", yaml_path.display()),
        };
        let json_path = Path::new(&out).join(name.replace(".yaml", ".json"));
        std::fs::write(&json_path, json)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", json_path.display()));
    }
}

/// One catalog file's entries and their places, as JSON.
fn convert(text: &str) -> Result<String, String> {
    let entries: Vec<Spanned<Value>> =
        serde_saphyr::from_str(text).map_err(|err| err.to_string())?;
    let places: Vec<Value> = entries
        .iter()
        .map(|entry| Value::from(vec![entry.referenced.line(), entry.referenced.column()]))
        .collect();
    let entries: Vec<Value> = entries.into_iter().map(|entry| entry.value).collect();
    let file = serde_json::json!({ "places": places, "entries": entries });
    serde_json::to_string(&file).map_err(|err| err.to_string())
}
