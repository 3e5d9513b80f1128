//! Every profile in `examples/` checks, and plans in every format, end to end.

use std::path::{Path, PathBuf};
use std::process::Command;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn pivot(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1798761600")
        .output()
        .expect("pivot runs")
}

fn assert_succeeded(out: &std::process::Output, example: &Path) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        example.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn there_are_at_least_eight_examples() {
    assert!(examples().len() >= 8, "{:?}", examples());
}

#[test]
fn every_example_checks() {
    for example in examples() {
        let out = pivot(&["check", &example.to_string_lossy()]);
        assert_succeeded(&out, &example);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let verdict = stdout.lines().last().unwrap_or_default();
        assert!(
            verdict.starts_with("It fits: ") || verdict.starts_with("It does not fit: "),
            "{}: {stdout}",
            example.display()
        );
    }
}

#[test]
fn every_example_plans_in_every_format() {
    let out_dir = tempfile::tempdir().expect("temporary folder");
    for example in examples() {
        let stem = example
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = out_dir.path().join(&stem);
        let out = pivot(&[
            "plan",
            &example.to_string_lossy(),
            "--format",
            "md,pdf,ics,json",
            "--ics-tasks",
            "-o",
            &format!("{}/", dir.display()),
        ]);
        assert_succeeded(&out, &example);
        for name in [
            "plan.md",
            "plan.pdf",
            "plan.ics",
            "plan.json",
            "plan-tasks.ics",
        ] {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_default();
            assert!(
                bytes.len() > 200,
                "{stem}/{name} is missing or nearly empty"
            );
        }
        let plan: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("plan.json")).unwrap_or_default())
                .expect("plan.json");
        let name = plan["name"].as_str().unwrap_or_default().to_string();
        let markdown = std::fs::read_to_string(dir.join("plan.md")).unwrap_or_default();
        assert!(
            markdown.contains(&name),
            "{stem}: the Markdown names {name}"
        );
    }
}

/// `pivot plan` renders its formats at the same time, on two threads; what it writes is, byte
/// for byte, what each renderer gives on its own for the same plan.
#[test]
fn the_files_written_are_what_each_renderer_gives() {
    use pivot::render::{self, Format, Paper, RenderOptions};

    let epoch = 1_798_761_600;
    let now = chrono::DateTime::from_timestamp(epoch, 0).expect("a valid time");
    let catalog = pivot::Catalog::builtin().expect("the built-in catalog loads");
    let out_dir = tempfile::tempdir().expect("temporary folder");
    for example in examples() {
        let dir = out_dir.path().join(example.file_stem().unwrap_or_default());
        let out = pivot(&[
            "plan",
            &example.to_string_lossy(),
            "--format",
            "md,pdf,ics,json",
            "-o",
            &format!("{}/", dir.display()),
        ]);
        assert_succeeded(&out, &example);
        let profile = pivot::Profile::from_file(&example, &catalog).expect("a valid example");
        let plan = pivot::schedule::schedule(&profile, &catalog, now.date_naive())
            .expect("the example schedules");
        let options = RenderOptions {
            paper: Paper::A4,
            templates: None,
            now,
            previous_calendar: None,
        };
        for format in [Format::Md, Format::Pdf, Format::Ics, Format::Json] {
            let expected = render::render(&plan, format, &options).expect("renders");
            let name = format!("plan.{}", format.extension());
            let written = std::fs::read(dir.join(&name)).unwrap_or_default();
            assert!(
                written == expected,
                "{}: {name} differs from the renderer's bytes",
                example.display()
            );
        }
    }
}
