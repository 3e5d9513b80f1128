//! How long scheduling takes: a shipped profile against the built-in catalog, and generated
//! catalogs of growing size with random prerequisites.
//!
//! Run with `cargo bench --bench schedule`.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pivot::catalog::{
    Background, Family, Module, Phase, ProjectKind, Provenance, Resource, Role, Route, RouteKind,
    Skill, Stage, Timeline,
};
use pivot::profile::CurrencyFrom;
use pivot::{Catalog, Profile, schedule};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default()
}

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

fn estimate() -> Provenance {
    Provenance {
        source: None,
        estimate: true,
    }
}

/// A catalog of `n` modules; each requires up to three random earlier ones.
fn synthetic_catalog(n: usize) -> Catalog {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let skills: Vec<Skill> = (0..50)
        .map(|i| Skill {
            id: format!("skill-{i}"),
            title: format!("Skill {i}"),
        })
        .collect();
    let modules: Vec<Module> = (0..n)
        .map(|i| {
            let requires = if i == 0 {
                Vec::new()
            } else {
                let mut r: Vec<String> = (0..rng.next(4))
                    .map(|_| format!("m{}", rng.next(i as u64)))
                    .collect();
                r.sort();
                r.dedup();
                r
            };
            Module {
                id: format!("m{i}"),
                title: format!("Module {i}"),
                summary: "Generated.".into(),
                skills: vec![format!("skill-{}", i % 50)],
                interests: Vec::new(),
                hours: 1.0 + rng.next(4) as f64,
                provenance: estimate(),
                stage: [Stage::Foundation, Stage::Building, Stage::Polish][i * 3 / n],
                requires,
                resources: vec!["r".into()],
                outcome: "Done.".into(),
                self_check: "Can you explain it?".into(),
            }
        })
        .collect();
    let role = Role {
        id: "role".into(),
        title: "Role".into(),
        summary: "Generated.".into(),
        family: Family::Engineering,
        core_skills: Vec::new(),
        typical_background: "Any".into(),
        typical_background_ids: Vec::new(),
        path: modules.iter().map(|m| m.id.clone()).collect(),
        optional: Vec::new(),
        project_kinds: vec!["project".into()],
        project_after: vec!["m0".into()],
        project_why: String::new(),
        first_job: Vec::new(),
    };
    let background = Background {
        id: "background".into(),
        title: "Background".into(),
        aliases: Vec::new(),
        summary: "Generated.".into(),
        skills: Vec::new(),
        timelines: BTreeMap::from([(
            "role".to_string(),
            Timeline {
                months: [6, 12],
                provenance: estimate(),
            },
        )]),
    };
    let phase = |id: &str| Phase {
        id: id.into(),
        title: id.into(),
        hours: 10.0,
        provenance: estimate(),
        outcome: "Done.".into(),
        details: "Generated.".into(),
    };
    let project = ProjectKind {
        id: "project".into(),
        title: "Project".into(),
        summary: "Generated.".into(),
        families: vec![Family::Engineering],
        domain_idea: true,
        interests: Vec::new(),
        deploy_targets: Vec::new(),
        checklist: Vec::new(),
        phases: vec![phase("build"), phase("ship")],
    };
    let resource = Resource {
        id: "r".into(),
        title: "Resource".into(),
        provider: "Provider".into(),
        url: "https://example.org/".into(),
        hours: None,
        provenance: estimate(),
        cost: None,
        route: RouteKind::SelfStudy,
    };
    let routes = RouteKind::ALL
        .iter()
        .map(|&id| Route {
            id,
            title: id.to_string(),
            summary: String::new(),
            typical_duration: String::new(),
            typical_cost: String::new(),
            provenance: estimate(),
            pace: None,
        })
        .collect();
    Catalog::from_parts(
        vec![role],
        vec![background],
        Vec::new(),
        skills,
        modules,
        vec![resource],
        vec![project],
        Vec::new(),
        routes,
        Vec::new(),
        Vec::new(),
    )
    .unwrap_or_else(|err| panic!("generated catalog: {err}"))
}

fn synthetic_profile() -> Profile {
    Profile {
        name: "Bench".into(),
        plan_id: None,
        background: "background".into(),
        target_role: "role".into(),
        domain: None,
        hours_per_week: 60.0,
        start: NaiveDate::from_ymd_opt(2027, 1, 4),
        months: 24,
        timezone: None,
        study_slots: Vec::new(),
        route: RouteKind::SelfStudy,
        budget: None,
        currency: "GBP".into(),
        currency_from: CurrencyFrom::Profile,
        known_skills: Vec::new(),
        interests: Vec::new(),
        breaks: Vec::new(),
        progress: None,
    }
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin().unwrap_or_else(|err| panic!("{err}"));
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let profile = Profile::from_file(
        &examples.join("software-engineer-to-ml-engineer.yaml"),
        &catalog,
    )
    .unwrap_or_else(|err| panic!("{err}"));
    c.bench_function("schedule/example-profile", |b| {
        b.iter(|| schedule::schedule(black_box(&profile), &catalog, today()))
    });

    let mut group = c.benchmark_group("schedule/synthetic");
    group.sample_size(20);
    let profile = synthetic_profile();
    for n in [100, 1_000, 2_500, 5_000, 10_000] {
        let catalog = synthetic_catalog(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &catalog, |b, catalog| {
            b.iter(|| schedule::schedule(black_box(&profile), catalog, today()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
