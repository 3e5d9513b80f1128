//! How long each renderer takes to write a finished plan: the software engineer's example,
//! planned over 6 and over 24 months, as Markdown, PDF and iCalendar.
//!
//! Run with `cargo bench --bench render`. Loading and scheduling are left out (the scheduler
//! has its own benchmark, `schedule`); bench/run.sh times the whole command.

use std::hint::black_box;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pivot::render::{self, Format, Paper, RenderOptions};
use pivot::{Catalog, Plan, Profile, schedule};

fn plan(months: u32) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("software-engineer-to-ml-engineer.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{err}"));
    let text = text.replace("\nmonths: 6\n", &format!("\nmonths: {months}\n"));
    let catalog = Catalog::builtin().unwrap_or_else(|err| panic!("{err}"));
    let profile = Profile::from_str(&path, &text, &catalog).unwrap_or_else(|err| panic!("{err}"));
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    schedule::schedule(&profile, &catalog, today).unwrap_or_else(|err| panic!("{err}"))
}

fn bench(c: &mut Criterion) {
    let options = RenderOptions {
        paper: Paper::A4,
        templates: None,
        now: Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .unwrap_or_default(),
        previous_calendar: None,
    };
    let plans = [(6, plan(6)), (24, plan(24))];
    for format in [Format::Md, Format::Pdf, Format::Ics] {
        let mut group = c.benchmark_group(format!("render/{}", format.extension()));
        group.sample_size(30);
        for (months, plan) in &plans {
            group.bench_with_input(BenchmarkId::new("months", months), plan, |b, plan| {
                b.iter(|| render::render(black_box(plan), format, &options))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
