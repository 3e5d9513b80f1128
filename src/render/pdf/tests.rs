//! Structural checks of the PDF: it parses, holds the plan's text, embeds its fonts, survives
//! hostile text, honours the paper size and is the same bytes for the same plan and "now".

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use genpdf::fonts::FontCache;

use super::*;
use crate::plan::*;
use crate::render::{Paper, RenderOptions};

/// Builds a realistic plan by filling weeks in order, as a scheduler would.
pub(crate) fn fixture(name: &str, hours_per_week: f64) -> Plan {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("valid date");
    let months_requested = 6;
    let end = add_months(start, months_requested);
    let modules = [
        (
            "math-foundations",
            "Maths for machine learning: linear algebra, calculus, probability",
            24.0,
        ),
        (
            "ml-fundamentals",
            "Machine learning fundamentals with scikit-learn",
            40.0,
        ),
        ("deep-learning", "Deep learning with PyTorch", 40.0),
        (
            "mlops-basics",
            "MLOps: packaging, serving and monitoring models",
            24.0,
        ),
        (
            "llm-apps",
            "Building applications on large language models",
            20.0,
        ),
    ];
    let phases = [
        ("project-scope", "Scope the project and find the data", 6.0),
        ("project-pipeline", "Data pipeline and baseline model", 16.0),
        ("project-model", "Better model and honest evaluation", 20.0),
        ("project-deploy", "Deploy a live demo", 12.0),
        ("project-writeup", "Write-up, README and demo video", 6.0),
    ];
    let outreach = [
        (
            "join-communities",
            "Join two AI communities and introduce yourself",
            2.0,
            1,
        ),
        ("meetup-1", "Go to a local or online ML meetup", 2.0, 6),
        ("post-1", "Post what you learned this month", 1.5, 9),
        (
            "meetup-2",
            "Go to a second meetup and follow up with one person",
            2.0,
            14,
        ),
        (
            "open-source",
            "Make a first open-source contribution (docs or a good first issue)",
            4.0,
            16,
        ),
        (
            "cold-outreach",
            "Send five cold messages to ML engineers in healthcare",
            3.0,
            19,
        ),
        (
            "applications",
            "Apply to ten roles with a tailored CV",
            10.0,
            22,
        ),
    ];

    let mut queue: Vec<(String, ItemKind, String, f64, Option<u32>)> = Vec::new();
    for (id, title, hours) in modules {
        queue.push((id.into(), ItemKind::Module, title.into(), hours, None));
    }
    for (id, title, hours) in phases {
        queue.push((id.into(), ItemKind::Project, title.into(), hours, None));
    }
    let mut weeks: Vec<Week> = Vec::new();
    let mut remaining: Vec<f64> = queue.iter().map(|q| q.3).collect();
    let mut outreach_left: Vec<f64> = outreach.iter().map(|o| o.2).collect();
    let mut index = 0;
    while remaining.iter().any(|r| *r > 0.0) || outreach_left.iter().any(|r| *r > 0.0) {
        index += 1;
        let week_start = start + Duration::weeks(i64::from(index - 1));
        let on_break = index == 14;
        let capacity = if on_break { 0.0 } else { hours_per_week };
        let mut left = capacity;
        let mut allocations = Vec::new();
        for (o, task) in outreach.iter().enumerate() {
            if index >= task.3 && outreach_left[o] > 0.0 && left > 0.0 {
                let take = outreach_left[o].min(left).min(3.0);
                outreach_left[o] -= take;
                left -= take;
                allocations.push(Allocation {
                    item: task.0.into(),
                    hours: take,
                });
            }
        }
        for (q, item) in queue.iter().enumerate() {
            if left <= 0.0 {
                break;
            }
            if remaining[q] > 0.0 {
                let take = remaining[q].min(left);
                remaining[q] -= take;
                left -= take;
                allocations.push(Allocation {
                    item: item.0.clone(),
                    hours: take,
                });
            }
        }
        let month = month_of(start, week_start);
        weeks.push(Week {
            index,
            start: week_start,
            end: week_start + Duration::days(6),
            month,
            capacity,
            break_note: on_break.then(|| "Easter with family".to_string()),
            overflow: week_start >= end,
            allocations,
            sessions: Vec::new(),
        });
    }

    let span_of = |id: &str| {
        let used: Vec<&Week> = weeks
            .iter()
            .filter(|w| w.allocations.iter().any(|a| a.item == id))
            .collect();
        let first = used.first().map_or(start, |w| w.start);
        let last = used.last().map_or(start, |w| w.end);
        (first, last)
    };
    let mut items = Vec::new();
    for (id, kind, title, hours, _) in &queue {
        let (first, last) = span_of(id);
        items.push(Item {
            id: id.clone(),
            kind: *kind,
            title: title.clone(),
            hours: *hours,
            start: first,
            finish: last,
            requires: Vec::new(),
            outcome: Some(format!("A notebook that shows you can do {title}")),
            self_check: Some(format!(
                "Could you explain {title} to a colleague without notes?"
            )),
            resources: vec!["fast-ai".into()],
            skills: Vec::new(),
            details: None,
            links: Vec::new(),
            overflow: last >= end,
            series: None,
        });
    }
    for (id, title, hours, _) in outreach {
        let (first, last) = span_of(id);
        items.push(Item {
            id: id.into(),
            kind: ItemKind::Outreach,
            title: title.into(),
            hours,
            start: first,
            finish: last,
            requires: Vec::new(),
            outcome: None,
            self_check: None,
            resources: Vec::new(),
            skills: Vec::new(),
            details: None,
            links: Vec::new(),
            overflow: last >= end,
            series: None,
        });
    }
    let mut milestones: Vec<Milestone> = items
        .iter()
        .filter(|item| item.kind != ItemKind::Outreach)
        .map(|item| Milestone {
            id: format!("done-{}", item.id),
            date: item.finish,
            title: format!("Done: {}", item.title),
            kind: if item.kind == ItemKind::Module {
                MilestoneKind::Module
            } else {
                MilestoneKind::Project
            },
            item: Some(item.id.clone()),
            // As the scheduler writes it: the outcome, then the self-check.
            description: format!(
                "{} Self-check: {}",
                item.outcome.clone().unwrap_or_default(),
                item.self_check.clone().unwrap_or_default()
            ),
        })
        .collect();
    let last_week_month = weeks.last().map_or(months_requested, |w| w.month);
    let mut months = Vec::new();
    for m in 1..=last_week_month.max(months_requested) {
        let month_start = add_months(start, m - 1);
        let month_end = add_months(start, m) - Duration::days(1);
        let review = format!("review-month-{m}");
        milestones.push(Milestone {
            id: review.clone(),
            date: month_end,
            title: format!("Month {m} review"),
            kind: MilestoneKind::Review,
            item: None,
            description:
                "Look back: what did you finish, what slipped, and what will you change next month?"
                    .into(),
        });
        let month_weeks: Vec<&Week> = weeks.iter().filter(|w| w.month == m).collect();
        let mut month_items: Vec<String> = Vec::new();
        for week in &month_weeks {
            for allocation in &week.allocations {
                if !month_items.contains(&allocation.item) {
                    month_items.push(allocation.item.clone());
                }
            }
        }
        months.push(Month {
            index: m,
            start: month_start,
            end: month_end,
            focus: match m {
                1 | 2 => {
                    "Foundations: the maths and the core ideas, little by little every week.".into()
                }
                3 | 4 => {
                    "Building: models of your own, and the first phases of your portfolio project."
                        .into()
                }
                _ => "Portfolio polish and the job search.".into(),
            },
            weeks: month_weeks.iter().map(|w| w.index).collect(),
            items: month_items,
            self_checks: items
                .iter()
                .filter(|i| {
                    i.kind == ItemKind::Module && i.finish >= month_start && i.finish <= month_end
                })
                .filter_map(|i| i.self_check.clone())
                .collect(),
            milestones: items
                .iter()
                .filter(|i| {
                    i.kind != ItemKind::Outreach && i.finish >= month_start && i.finish <= month_end
                })
                .map(|i| format!("done-{}", i.id))
                .collect(),
            review,
            overflow: month_start >= end,
        });
    }
    milestones.sort_by_key(|m| m.date);
    let required: f64 =
        queue.iter().map(|q| q.3).sum::<f64>() + outreach.iter().map(|o| o.2).sum::<f64>();
    let available = hours_per_week * 25.0;
    let finish_date = items.iter().map(|i| i.finish).max().unwrap_or(end);
    let fits = finish_date < end;
    Plan {
        name: name.into(),
        background: "software-engineer".into(),
        background_title: "Software Engineer".into(),
        target_role: "ml-engineer".into(),
        target_role_title: "Machine Learning Engineer".into(),
        domain: Some("healthcare".into()),
        domain_title: Some("Healthcare".into()),
        hours_per_week,
        start,
        end,
        months_requested,
        timezone: Some(chrono_tz::Europe::London),
        generated_on: NaiveDate::from_ymd_opt(2026, 12, 20).expect("valid date"),
        feasibility: Feasibility {
            fits,
            required_hours: required,
            available_hours: available,
            finish_date,
            hours_per_week_needed: required / 25.0,
            realistic_months: [6, 12],
            realistic_source: "from the lesson on career transitions".into(),
            shorter_than_realistic: false,
            message: if fits {
                format!("Your {required} hours of work fit in the {available} hours you have; you should finish by {finish_date}.")
            } else {
                format!("Your {required} hours of work do not fit in the {available} hours you have: at {hours_per_week} hours a week you would finish on {finish_date}. Either study {:.1} hours a week or give it more months.", required / 25.0)
            },
        },
        route: RouteSummary {
            id: "self-study".into(),
            title: "Self-study".into(),
            summary: "Free and paid online courses, books and your own projects, at your own pace.".into(),
            typical_duration: "6 to 12 months".into(),
            typical_cost: "free to a few hundred pounds".into(),
            currency: "GBP".into(),
            budget: Some(300.0),
            resources_cost: 120.0,
            cost_notes: vec!["Coursera Plus is USD 59 a month while you use it.".into()],
            budget_message: Some("The paid resources fit your budget of GBP 300 with GBP 180 to spare.".into()),
        },
        weeks,
        items,
        milestones,
        months,
        skipped: vec![SkippedModule {
            id: "python-engineering".into(),
            title: "Python for data work".into(),
            hours: 20.0,
            reason: "you already know python and git".into(),
        }],
        extras: vec![
            Extra {
                id: "transformers-nlp".into(),
                title: "Transformers and NLP".into(),
                summary: "Fine-tune pretrained transformers with the Hugging Face libraries.".into(),
                hours: 30.0,
                needs: vec![],
                interests: vec!["nlp".into()],
            },
            Extra {
                id: "ml-monitoring".into(),
                title: "Monitoring models in production".into(),
                summary: "Drift, data-quality checks and alerts.".into(),
                hours: 15.0,
                needs: vec!["Model deployment and serving".into()],
                interests: vec![],
            },
        ],
        project: Some(PortfolioProject {
            kind: "end-to-end".into(),
            title: "End-to-end project with a live demo".into(),
            summary: "A small but complete system: data in, model, a live demo anyone can try, and an honest write-up.".into(),
            idea: "Predict hospital readmission risk from a public de-identified data set (MIMIC-IV demo or the UCI diabetes data) and explain each prediction.".into(),
            why: "You know how clinical data is recorded and where it lies; that is what most ML engineers lack.".into(),
            deploy_targets: vec!["Hugging Face Spaces".into(), "Streamlit Community Cloud".into()],
            phases: phases.iter().map(|p| p.0.to_string()).collect(),
            checklist: vec![
                "A README that says what it does, how well, and where it fails".into(),
                "A live demo link that works on a phone".into(),
                "Tests for the data pipeline".into(),
            ],
        }),
        networking: Networking {
            communities: vec![
                Link { title: "Hugging Face Discord".into(), url: "https://hf.co/join/discord".into(), note: "Friendly to newcomers; ask and answer in #learning.".into() },
                Link { title: "MLOps Community".into(), url: "https://mlops.community/".into(), note: "Talks and a Slack full of working ML engineers.".into() },
            ],
            open_source: vec![Link { title: "scikit-learn".into(), url: "https://github.com/scikit-learn/scikit-learn/labels/good%20first%20issue".into(), note: "Documentation fixes are welcome and reviewed kindly.".into() }],
            message_template: "Hi {name},\n\nI'm a software engineer moving into ML engineering, with a background in healthcare software. I enjoyed your talk on model monitoring.\n\nWould you have 15 minutes for a call in the next few weeks?\n\nThanks,\nPriya".into(),
            tasks: outreach.iter().map(|o| o.0.to_string()).collect(),
        },
        resources: vec![
            ResourceEntry { id: "fast-ai".into(), title: "Practical Deep Learning for Coders".into(), provider: "fast.ai".into(), url: "https://course.fast.ai/".into(), hours: Some(40.0), cost: "Free".into(), estimate: false, used_by: vec!["deep-learning".into()] },
            ResourceEntry { id: "mml".into(), title: "Mathematics for Machine Learning".into(), provider: "Cambridge University Press".into(), url: "https://mml-book.github.io/".into(), hours: Some(30.0), cost: "Free online; GBP 40 in print".into(), estimate: true, used_by: vec!["math-foundations".into()] },
            ResourceEntry { id: "coursera-mlops".into(), title: "Machine Learning Engineering for Production (MLOps)".into(), provider: "Coursera".into(), url: "https://www.coursera.org/specializations/machine-learning-engineering-for-production-mlops".into(), hours: None, cost: "USD 59 a month".into(), estimate: false, used_by: vec!["mlops-basics".into()] },
        ],
        domain_advantage: Some(DomainAdvantage {
            domain: "healthcare".into(),
            title: "Healthcare".into(),
            applications: vec!["Readmission and deterioration risk".into(), "Medical imaging triage".into(), "Clinical note summarisation".into()],
            why: "Teams building clinical AI need people who know how care is delivered and how data is recorded; you bring that from day one.".into(),
        }),
        first_job: vec![
            "Most of the work is data: finding it, cleaning it, and checking it is what you think it is.".into(),
            "You will ship smaller models than you studied, and spend more time on evaluation and monitoring.".into(),
            "Expect a junior or mid-level title at first, even with years of engineering behind you.".into(),
        ],
        notes: vec!["Your study slots add up to 9 hours, not the 10 you gave as hours per week.".into()],
    }
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(chrono::Months::new(months))
        .expect("date in range")
}

fn month_of(start: NaiveDate, day: NaiveDate) -> u32 {
    let mut month = 1;
    while add_months(start, month) <= day {
        month += 1;
    }
    let _ = day.day();
    month
}

pub(crate) fn options(paper: Paper) -> RenderOptions {
    RenderOptions {
        paper,
        templates: None,
        now: Utc
            .with_ymd_and_hms(2026, 12, 20, 9, 30, 0)
            .single()
            .expect("valid time"),
        previous_calendar: None,
    }
}

fn text_of(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("text extraction works on our PDF")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the PDF parses")
}

#[test]
fn holds_the_plan_text_on_a_sane_number_of_pages() {
    let plan = fixture("Priya Sharma", 10.0);
    let (bytes, warnings) = render_with_warnings(&plan, &options(Paper::A4)).expect("renders");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(bytes.starts_with(b"%PDF-"));
    let count = pages(&bytes).get_pages().len();
    assert!((4..=30).contains(&count), "{count} pages");
    let text = text_of(&bytes);
    for expected in [
        "Priya Sharma",
        "Machine Learning Engineer",
        "Software Engineer",
        "Summary",
        "Timeline",
        "Portfolio project",
        "Networking plan",
        "Resources",
        "What to expect in your first AI job",
        "Beyond this plan",
        &format!("Page {count} of {count}"),
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    for month in &plan.months {
        assert!(
            text.contains(&format!("Month {}:", month.index)),
            "missing the heading of month {}",
            month.index
        );
    }
    assert!(text.contains(&plan.feasibility.message[..40]));
    // Each self-check is listed once, under its month, not repeated under its milestone.
    let squeezed = squeeze(&text);
    assert!(squeezed.contains(&squeeze("Matches your interest in nlp.")));
    let modules = plan
        .items
        .iter()
        .filter(|item| item.kind == ItemKind::Module);
    for question in modules.filter_map(|item| item.self_check.as_deref()) {
        assert_eq!(
            squeezed.matches(&squeeze(question)).count(),
            1,
            "{question}"
        );
    }
}

#[test]
fn embeds_its_fonts_and_draws_only_with_them() {
    let bytes = render(&fixture("Priya Sharma", 10.0), &options(Paper::A4)).expect("renders");
    let document = pages(&bytes);
    let embedded = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.has(b"FontFile2"))
        .count();
    assert_eq!(
        embedded, 3,
        "the regular, bold and italic faces are embedded"
    );
    let info = document
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| document.get_dictionary(id))
        .expect("document info");
    assert!(
        info.has(b"Title") && !info.has(b"GTS_PDFXVersion"),
        "a title and no PDF/X claim"
    );
    let mut italic_drawn = false;
    for page in document.get_pages().values() {
        let fonts: Vec<Vec<u8>> = document
            .get_page_fonts(*page)
            .expect("page fonts")
            .into_keys()
            .collect();
        assert_eq!(
            fonts,
            vec![b"F0".to_vec(), b"F1".to_vec(), b"F2".to_vec()],
            "only the embedded faces are listed"
        );
        let content = document.get_page_content(*page).expect("page content");
        let text = String::from_utf8_lossy(&content);
        assert!(text.contains(" Tf"), "the page draws text");
        assert!(
            !text.contains("Oblique"),
            "the unembedded bold-italic slot is never drawn with"
        );
        italic_drawn |= text.contains("/F2 ");
    }
    assert!(italic_drawn, "the self-checks are set in italics");
}

#[test]
fn every_glyph_a_character_reaches_has_that_character_in_the_file() {
    // printpdf writes a ToUnicode entry (and a width) for each glyph that a code point maps
    // to. The patched genpdf (vendor/genpdf) looks up only the code points the fonts'
    // character maps cover; the result must be what a lookup of every code point gives.
    let bytes = render(&fixture("Priya Sharma", 10.0), &options(Paper::A4)).expect("renders");
    let document = pages(&bytes);
    let cache = FontCache::new(fonts::family().expect("the embedded fonts load"));
    let family = cache.default_font_family();
    for (name, font) in [
        ("F0", family.regular),
        ("F1", family.bold),
        ("F2", family.italic),
    ] {
        let face = cache.get_rt_font(font);
        let mut expected = std::collections::BTreeMap::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let glyph = face.glyph(c).id().0;
            if glyph != 0 {
                expected.insert(glyph, u32::from(c));
            }
        }
        let to_unicode = document
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .find(|dict| {
                dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Type0")
                    && dict.get(b"BaseFont").and_then(lopdf::Object::as_name).ok()
                        == Some(name.as_bytes())
            })
            .and_then(|dict| dict.get(b"ToUnicode").ok())
            .and_then(|object| object.as_reference().ok())
            .and_then(|id| document.get_object(id).ok())
            .and_then(|object| object.as_stream().ok())
            .and_then(|stream| stream.get_plain_content().ok())
            .unwrap_or_else(|| panic!("{name} has a ToUnicode map"));
        let written: std::collections::BTreeMap<u32, u32> = String::from_utf8_lossy(&to_unicode)
            .lines()
            .filter_map(|line| {
                let (glyph, unicode) = line.trim().split_once("> <")?;
                let glyph = u32::from_str_radix(glyph.strip_prefix('<')?, 16).ok()?;
                let unicode = u32::from_str_radix(unicode.strip_suffix('>')?, 16).ok()?;
                (glyph != 0).then_some((glyph, unicode))
            })
            .collect();
        assert_eq!(written.len(), expected.len(), "{name}: one entry per glyph");
        assert!(
            written.iter().eq(expected.iter()),
            "{name}: the entries are those of a full lookup"
        );
    }
}

#[test]
fn paper_sizes() {
    let plan = fixture("Priya Sharma", 10.0);
    for (paper, width, height) in [(Paper::A4, 595.3, 841.9), (Paper::Letter, 612.0, 792.0)] {
        let bytes = render(&plan, &options(paper)).expect("renders");
        let document = pages(&bytes);
        for page in document.get_pages().values() {
            let dict = document.get_dictionary(*page).expect("page dictionary");
            let media: Vec<f64> = dict
                .get(b"MediaBox")
                .and_then(lopdf::Object::as_array)
                .expect("MediaBox")
                .iter()
                .map(|n| n.as_float().map(f64::from).expect("number"))
                .collect();
            assert!(
                (media[2] - width).abs() < 1.0 && (media[3] - height).abs() < 1.0,
                "{paper:?}: {media:?}"
            );
        }
    }
}

#[test]
fn same_plan_and_time_give_the_same_bytes() {
    let plan = fixture("Priya Sharma", 10.0);
    let first = render(&plan, &options(Paper::A4)).expect("renders");
    let second = render(&plan, &options(Paper::A4)).expect("renders");
    assert!(first == second, "two renders differ");
    let text = String::from_utf8_lossy(&first);
    assert!(
        text.contains("/CreationDate(D:20261220093000"),
        "creation date is the given time"
    );
    let mut later = options(Paper::A4);
    later.now += Duration::days(1);
    assert!(
        render(&plan, &later).expect("renders") != first,
        "the date is in the file"
    );
}

#[test]
fn the_title_in_the_metadata_is_the_name_as_written() {
    let name = "Tomás (alert) \\ مريم الحسن";
    let plan = fixture(name, 10.0);
    let (bytes, _) = render_with_warnings(&plan, &options(Paper::A4)).expect("renders");
    let document = pages(&bytes);
    let title = document
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| document.get_dictionary(id))
        .and_then(|info| info.get(b"Title"))
        .and_then(lopdf::decode_text_string)
        .expect("a title");
    assert_eq!(
        title,
        format!(
            "Plan for {name}: {} to {}",
            plan.background_title, plan.target_role_title
        )
    );
}

#[test]
fn hostile_text_is_transliterated_or_replaced_with_one_warning() {
    let mut plan = fixture("Wei 北京 😀 Zhang\u{0}\u{7}\r\n\t\u{200d}", 10.0);
    plan.notes
        .push("مرحبا and a tab\there, a bell \u{7}, and ✔ done".into());
    let (bytes, warnings) = render_with_warnings(&plan, &options(Paper::A4)).expect("renders");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("U+1F600") && warnings[0].contains("U+5317"),
        "{}",
        warnings[0]
    );
    let text = text_of(&bytes);
    assert!(
        text.contains("Wei Bei Jing ? Zhang"),
        "name as written: {:?}",
        text.lines().find(|l| l.contains("Wei"))
    );
    assert!(!text.contains('\u{0}') && !text.contains('\u{7}'));
}

#[test]
fn a_word_wider_than_the_line_is_broken_not_dropped() {
    let mut plan = fixture("Priya Sharma", 10.0);
    let long: String = "https://example.org/"
        .chars()
        .chain((0..280).map(|i| char::from(b'a' + (i % 26) as u8)))
        .collect();
    assert_eq!(long.chars().count(), 300);
    plan.notes.push(format!("See {long} for more."));
    plan.resources[0].url = long.clone();
    let text = squeeze(&text_of(
        &render(&plan, &options(Paper::A4)).expect("renders"),
    ));
    assert_eq!(
        text.matches(&long).count(),
        2,
        "the long word is there in full, twice"
    );
}

#[test]
fn an_empty_plan_still_renders() {
    let mut plan = fixture("", 10.0);
    plan.weeks.clear();
    plan.items.clear();
    plan.milestones.clear();
    plan.months.clear();
    plan.project = None;
    plan.resources.clear();
    plan.first_job.clear();
    plan.notes.clear();
    plan.skipped.clear();
    plan.domain_advantage = None;
    plan.networking = Networking {
        communities: Vec::new(),
        open_source: Vec::new(),
        message_template: String::new(),
        tasks: Vec::new(),
    };
    let bytes = render(&plan, &options(Paper::Letter)).expect("renders");
    assert_eq!(pages(&bytes).get_pages().len(), 1);
}

#[test]
fn a_plan_that_does_not_fit_shows_its_extra_months() {
    let plan = fixture("Sam Okafor", 4.0);
    assert!(!plan.feasibility.fits && plan.months.iter().any(|m| m.overflow));
    let text = text_of(&render(&plan, &options(Paper::A4)).expect("renders"));
    assert!(squeeze(&text).contains(&squeeze(&plan.feasibility.message)));
    assert!(text.contains("(after your plan's end)"));
    for month in &plan.months {
        assert!(
            text.contains(&format!("Month {}:", month.index)),
            "missing month {}",
            month.index
        );
    }
}

/// With `PIVOT_PDF_SAMPLES=DIR`, writes sample plans there to look at (`pdftoppm -png`).
#[test]
fn write_samples_when_asked() {
    let Some(dir) = std::env::var_os("PIVOT_PDF_SAMPLES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let samples = [
        ("fits-a4.pdf", fixture("Priya Sharma", 10.0), Paper::A4),
        (
            "overflow-letter.pdf",
            fixture("Zoë Ångström-Nguyễn 😀", 4.0),
            Paper::Letter,
        ),
    ];
    for (file, plan, paper) in samples {
        let bytes = render(&plan, &options(paper)).expect("renders");
        std::fs::write(dir.join(file), bytes).expect("writes the sample");
    }
}
