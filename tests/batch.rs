//! `pivot batch` as a programme coordinator uses it: a roster from a spreadsheet, with a row
//! that is wrong, planned in one command.

use std::path::Path;
use std::process::{Command, Output};

fn pivot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pivot"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1798761600")
        .output()
        .expect("the pivot binary runs")
}

#[test]
fn a_roster_with_a_bad_row_plans_everyone_else_and_says_which_row() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = pivot(dir.path(), &["init", "--roster", "-o", "roster.csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut roster = std::fs::read_to_string(dir.path().join("roster.csv")).expect("roster");
    roster.push_str("Ravi Patel,data-analyst,data-scientist,,ten,,,,,,,,,,\n");
    roster.push_str("Zoë Brown,data-analyst,data-scientist,,6,2027-01-04,,,,sql; python,,,,,\n");
    std::fs::write(dir.path().join("roster.csv"), roster).expect("roster");

    let out = pivot(
        dir.path(),
        &[
            "batch",
            "roster.csv",
            "--format",
            "md,ics,json",
            "-o",
            "cohort/",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: roster.csv:4:5: hours_per_week: expected a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Wrote plans for 3 of 4 learners"),
        "{stderr}"
    );

    let cohort = dir.path().join("cohort");
    for (folder, name) in [
        ("priya-sharma", "Priya Sharma"),
        ("sam-okafor", "Sam Okafor"),
        ("zoe-brown", "Zoë Brown"),
    ] {
        let md = std::fs::read_to_string(cohort.join(folder).join("plan.md")).expect("plan.md");
        assert!(md.starts_with(&format!("# {name}")), "{folder}: {md:.40}");
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(cohort.join(folder).join("plan.json")).expect("plan.json"),
        )
        .expect("JSON");
        assert_eq!(json["name"], name);
        assert!(cohort.join(folder).join("plan.ics").is_file());
    }

    let mut reader = csv::Reader::from_path(cohort.join("cohort.csv")).expect("cohort.csv");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 4, "one row per learner, in roster order");
    let headers = reader.headers().expect("a header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    assert_eq!(&rows[0][column("name")], "Priya Sharma");
    assert_eq!(&rows[3][column("folder")], "zoe-brown");
    assert!(rows[3][column("fits")] == *"yes" || rows[3][column("fits")] == *"no");
    assert!(rows[2][column("error")].starts_with("roster.csv:4:5: hours_per_week"));
    assert!(rows[2][column("folder")].is_empty());
}

#[test]
fn a_folder_of_profiles_is_a_roster_too() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let profiles = dir.path().join("profiles");
    std::fs::create_dir(&profiles).expect("folder");
    for name in ["ann", "bob"] {
        std::fs::write(
            profiles.join(format!("{name}.yaml")),
            format!("name: {name}\nbackground: teacher\ntarget_role: ai-product-manager\nhours_per_week: 8\n"),
        )
        .expect("profile");
    }
    let out = pivot(
        dir.path(),
        &["batch", "profiles", "--format", "md", "-o", "cohort"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("cohort/ann/plan.md").is_file());
    assert!(dir.path().join("cohort/bob/plan.md").is_file());
}

#[test]
fn the_example_roster_plans_every_learner() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cohort-roster.csv");
    let roster = roster.to_str().expect("a UTF-8 path");
    let out = pivot(
        dir.path(),
        &["batch", roster, "--format", "md", "-o", "cohort/"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cohort = std::fs::read_to_string(dir.path().join("cohort/cohort.csv")).expect("cohort.csv");
    assert_eq!(cohort.lines().count(), 5, "a header and four learners");
}
