//! Where plans are written, as users and scripts point `-o`: pipes, devices and `/dev/stdout`
//! are written into and never replaced; replaced files never widen permissions; a folder
//! always holds one run's complete set; interrupted and killed runs leave nothing behind.
//!
//! Device nodes are made with `mknod` inside a temporary folder, never under `/dev`. Those
//! cases need root (as CI runs) and say they were skipped otherwise.

#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn profile(name: &str) -> String {
    format!(
        "name: {name}\nbackground: software-engineer\ntarget_role: ml-engineer\nhours_per_week: 10\nstart: 2027-01-04\n"
    )
}

fn pivot(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pivot"));
    command
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1798761600")
        .stdin(Stdio::null());
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    pivot(dir)
        .args(args)
        .output()
        .expect("the pivot binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        let case = Case {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        case.write("p.yaml", profile("Priya Sharma").as_bytes());
        case
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        run(self.dir.path(), args)
    }

    /// Names in the folder that a run should never leave behind.
    fn leftovers(&self, folder: &str) -> Vec<String> {
        std::fs::read_dir(self.path(folder))
            .expect("readable folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".pivot-"))
            .collect()
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn mknod(path: &Path, kind: &str, major: u32, minor: u32) {
    let status = Command::new("mknod")
        .arg(path)
        .args([kind, &major.to_string(), &minor.to_string()])
        .status()
        .expect("mknod runs");
    assert!(status.success(), "mknod {}", path.display());
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn file_type(path: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path)
        .expect("still there")
        .file_type()
}

/// The mode a new file gets here: `0666` less the umask.
fn usual_mode(dir: &Path) -> u32 {
    let probe = dir.join("probe");
    std::fs::write(&probe, b"").expect("probe file");
    let mode = std::fs::metadata(&probe)
        .expect("probe")
        .permissions()
        .mode()
        & 0o7777;
    std::fs::remove_file(probe).expect("probe removed");
    mode
}

#[test]
fn a_named_pipe_receives_the_plan_and_stays_a_pipe() {
    let case = Case::new();
    let fifo = case.path("plan.pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read the pipe"))
    };
    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "plan.pipe"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Checked before waiting for the reader, which would wait for ever on a replaced pipe.
    assert!(file_type(&fifo).is_fifo(), "the pipe is still a pipe");
    let received = reader.join().expect("reader");
    assert!(
        received.starts_with(b"# Priya Sharma"),
        "the pipe got the plan"
    );
    assert!(case.leftovers(".").is_empty());
}

#[test]
fn a_dev_stdout_style_path_writes_into_standard_output() {
    let case = Case::new();
    let link = case.path("out.md");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).expect("link");
    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "out.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.starts_with(b"# Priya Sharma"),
        "standard output got the plan"
    );
    assert!(file_type(&link).is_symlink(), "the link is still a link");

    // Standard output redirected to a file: the plan is added to it, the link stays.
    let log = case.write("log.txt", b"before\n");
    let status = pivot(case.dir.path())
        .args(["plan", "p.yaml", "--format", "md", "-o", "out.md"])
        .stdout(
            std::fs::OpenOptions::new()
                .append(true)
                .open(&log)
                .expect("log"),
        )
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(status.success());
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.starts_with("before\n# Priya Sharma"), "{text:.40}");
    assert!(file_type(&link).is_symlink());
}

#[test]
fn devices_are_written_into_never_replaced() {
    if !is_root() {
        eprintln!("skipped: making device nodes needs root");
        return;
    }
    let case = Case::new();
    let null = case.path("null");
    let full = case.path("full");
    let disk = case.path("disk");
    mknod(&null, "c", 1, 3);
    mknod(&full, "c", 1, 7);
    mknod(&disk, "b", 7, 0);

    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "null"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(file_type(&null).is_char_device());

    for args in [
        &["plan", "p.yaml", "--format", "pdf", "-o", "full"][..],
        &["init", "-o", "full", "--force"][..],
    ] {
        let out = case.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("the disk is full"),
            "{}",
            stderr(&out)
        );
        assert!(
            file_type(&full).is_char_device(),
            "{args:?} kept the device"
        );
    }

    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "disk"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("disk device") && text.contains("-o -"),
        "{text}"
    );
    assert!(file_type(&disk).is_block_device());

    let out = case.run(&["templates", "export", "null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("null is a device, not a folder"),
        "{}",
        stderr(&out)
    );
    assert!(case.leftovers(".").is_empty());
}

#[test]
fn a_socket_is_refused() {
    let case = Case::new();
    let _listener = std::os::unix::net::UnixListener::bind(case.path("plan.sock")).expect("socket");
    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "plan.sock"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("socket"), "{}", stderr(&out));
    assert!(file_type(&case.path("plan.sock")).is_socket());
}

#[test]
fn a_file_where_a_folder_belongs_is_named() {
    let case = Case::new();
    let out = case.run(&["plan", "p.yaml", "--format", "md", "-o", "p.yaml/plan.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("p.yaml is a file, not a folder"),
        "{}",
        stderr(&out)
    );
    let out = case.run(&["templates", "export", "p.yaml/mine/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("p.yaml is a file, not a folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(case.path("p.yaml")).expect("profile"),
        profile("Priya Sharma")
    );
}

#[test]
fn replaced_files_never_take_special_modes_or_follow_links() {
    let case = Case::new();
    std::fs::create_dir(case.path("plan")).expect("folder");
    // Another user's file, reached through a link planted where the calendar goes.
    let evil = case.write("evil", b"theirs");
    std::fs::set_permissions(&evil, std::fs::Permissions::from_mode(0o6777)).expect("chmod");
    let evil_mode = std::fs::metadata(&evil).expect("evil").permissions().mode();
    std::os::unix::fs::symlink(&evil, case.path("plan/plan.ics")).expect("link");
    // An old plan with the setuid bit.
    let md = case.write("plan/plan.md", b"old");
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o4755)).expect("chmod");

    let out = case.run(&["plan", "p.yaml", "--format", "md,ics", "-o", "plan/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let ics = std::fs::symlink_metadata(case.path("plan/plan.ics")).expect("calendar");
    assert!(ics.file_type().is_file(), "the link was replaced by a file");
    assert_eq!(
        ics.permissions().mode() & 0o7777,
        usual_mode(case.dir.path())
    );
    assert_eq!(
        std::fs::read(&evil).expect("evil"),
        b"theirs",
        "not written through"
    );
    assert_eq!(
        std::fs::metadata(&evil).expect("evil").permissions().mode(),
        evil_mode
    );
    let md = std::fs::metadata(&md).expect("plan.md");
    assert_eq!(md.permissions().mode() & 0o7777, 0o755, "setuid cleared");
}

#[test]
fn runs_into_one_folder_at_once_each_leave_a_whole_set() {
    let case = Case::new();
    let runs = 20;
    for n in 0..runs {
        case.write(
            &format!("p{n}.yaml"),
            profile(&format!("Learner {n}")).as_bytes(),
        );
    }
    let children: Vec<_> = (0..runs)
        .map(|n| {
            pivot(case.dir.path())
                .args([
                    "plan",
                    &format!("p{n}.yaml"),
                    "--format",
                    "md,ics,json",
                    "-o",
                    "out/",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("waits").success());
    }
    let read = |name: &str| std::fs::read_to_string(case.path("out").join(name)).expect("read");
    let md = read("plan.md");
    let name = md
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# "))
        .and_then(|l| l.split(':').next())
        .expect("title")
        .to_string();
    assert!(
        read("plan.ics").contains(&format!("X-WR-CALNAME:{name}:")),
        "{name}"
    );
    assert!(
        read("plan.json").contains(&format!("\"name\": \"{name}\"")),
        "{name}"
    );
    assert!(case.leftovers("out").is_empty());
}

#[test]
fn leftovers_of_killed_runs_are_swept() {
    let case = Case::new();
    std::fs::create_dir(case.path("out")).expect("folder");
    case.write("out/.pivot-a1B2c3.tmp", b"half a plan");
    case.write("out/.pivot-plan.md-77.old", b"an old plan");
    case.write("out/notes.txt", b"mine");
    let out = case.run(&["plan", "p.yaml", "-o", "out/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(case.leftovers("out").is_empty());
    assert_eq!(
        std::fs::read(case.path("out/notes.txt")).expect("kept"),
        b"mine"
    );
}

#[test]
fn an_interrupted_run_removes_its_temporary_files_and_changes_nothing() {
    let case = Case::new();
    std::fs::create_dir(case.path("out")).expect("folder");
    case.write("out/plan.pdf", b"old pdf");
    // Nobody reads this pipe, so the run waits there with the other files written aside.
    mkfifo(&case.path("out/plan.md"));
    let mut child = pivot(case.dir.path())
        .args(["plan", "p.yaml", "-o", "out/"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(30);
    while case.leftovers("out").len() < 2 {
        assert!(Instant::now() < deadline, "the run never staged its files");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let status = child.wait().expect("waits");
    assert!(!status.success());
    assert!(
        case.leftovers("out").is_empty(),
        "{:?}",
        case.leftovers("out")
    );
    assert_eq!(
        std::fs::read(case.path("out/plan.pdf")).expect("kept"),
        b"old pdf"
    );
    assert!(!case.path("out/plan.ics").exists());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let case = Case::new();
    let mut child = pivot(case.dir.path())
        .args(["plan", "p.yaml", "--format", "pdf", "-o", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}
