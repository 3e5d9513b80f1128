//! The catalog: roles, backgrounds, domains, modules, resources, portfolio projects, outreach and
//! learning routes, compiled in from `data/` and replaceable file by file with `--data DIR`.
//!
//! Everything is checked once at load (unique ids, references resolve, prerequisites acyclic,
//! efforts positive), so the scheduler can trust it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::error::{Error, SourceSpan};
use crate::profile::HOURS_STEP;
use crate::yaml;

/// A role family groups roles that share project ideas and outreach.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Engineering,
    Data,
    Research,
    Product,
    Prompt,
    Ops,
}

/// When in the plan a module belongs: months 1-2, 3-4 or 5-6 of a six-month plan.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Foundation,
    Building,
    Polish,
}

/// Where a figure comes from: a stated source, or an estimate.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Where the number comes from (a provider's page, the lesson, a derivation).
    #[serde(default)]
    pub source: Option<String>,
    /// True when the number is a reasoned estimate rather than a stated figure.
    #[serde(default)]
    pub estimate: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub family: Family,
    pub core_skills: Vec<String>,
    pub typical_background: String,
    /// Catalog background ids that the lesson's typical background means, the closest first.
    #[serde(default)]
    pub typical_background_ids: Vec<String>,
    /// The ordered learning path: module ids.
    pub path: Vec<String>,
    /// Modules worth doing if time allows; never scheduled automatically.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Portfolio project kinds that suit the role, best first.
    pub project_kinds: Vec<String>,
    /// Modules that must be done before the portfolio project starts.
    pub project_after: Vec<String>,
    /// What the first job in this role is really like.
    pub first_job: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// Realistic range in months, `[low, high]`.
    pub months: [u32; 2],
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Background {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Skill ids this background already brings.
    pub skills: Vec<String>,
    /// Realistic transition time to each target role id.
    pub timelines: BTreeMap<String, Timeline>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectIdea {
    pub family: Family,
    pub title: String,
    pub description: String,
    /// Interest tags (`nlp`, `vision`, ...) that make this idea a better match.
    #[serde(default)]
    pub interests: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub title: String,
    /// AI application areas the domain opens.
    pub applications: Vec<String>,
    /// Why the learner's expertise matters there.
    pub advantage: String,
    pub project_ideas: Vec<ProjectIdea>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub skills: Vec<String>,
    /// Interest tags the module answers: a role's optional modules that match the learner's
    /// interests are suggested first.
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(deserialize_with = "yaml::number")]
    pub hours: f64,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub stage: Stage,
    #[serde(default)]
    pub requires: Vec<String>,
    pub resources: Vec<String>,
    pub outcome: String,
    pub self_check: String,
}

/// The learning route a resource belongs to.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum RouteKind {
    SelfStudy,
    Bootcamp,
    Masters,
}

impl RouteKind {
    pub const ALL: [RouteKind; 3] = [
        RouteKind::SelfStudy,
        RouteKind::Bootcamp,
        RouteKind::Masters,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RouteKind::SelfStudy => "self-study",
            RouteKind::Bootcamp => "bootcamp",
            RouteKind::Masters => "masters",
        }
    }
}

impl fmt::Display for RouteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How a cost recurs.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum CostPeriod {
    Once,
    Month,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    #[serde(deserialize_with = "yaml::number")]
    pub amount: f64,
    pub currency: String,
    pub per: CostPeriod,
    #[serde(flatten)]
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub title: String,
    pub provider: String,
    pub url: String,
    /// Stated hours, if the provider states any.
    #[serde(default, deserialize_with = "yaml::optional_number")]
    pub hours: Option<f64>,
    #[serde(flatten)]
    pub provenance: Provenance,
    /// `None` means free.
    #[serde(default)]
    pub cost: Option<Cost>,
    pub route: RouteKind,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Unique within the project; the plan's item id is `<project>-<phase>`.
    pub id: String,
    pub title: String,
    #[serde(deserialize_with = "yaml::number")]
    pub hours: f64,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub outcome: String,
    pub details: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectKind {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Role families it suits.
    pub families: Vec<Family>,
    /// True when the project is built around the learner's domain idea (an end-to-end project,
    /// a real problem); false when it brings its own problem (a competition, a paper).
    #[serde(default)]
    pub domain_idea: bool,
    /// Interest tags that favour this kind.
    #[serde(default)]
    pub interests: Vec<String>,
    pub deploy_targets: Vec<String>,
    /// What a finished project has (a polished repo, a clear README, ...).
    pub checklist: Vec<String>,
    /// Phases in order; each needs the one before.
    pub phases: Vec<Phase>,
}

/// The kind of an outreach task.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum OutreachKind {
    Community,
    Meetup,
    Post,
    ColdOutreach,
    OpenSource,
    Cv,
    Applications,
}

/// How often an outreach task recurs within its window.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Once,
    Fortnightly,
    Monthly,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outreach {
    pub id: String,
    pub title: String,
    pub kind: OutreachKind,
    /// Hours per occurrence.
    #[serde(deserialize_with = "yaml::number")]
    pub hours: f64,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub cadence: Cadence,
    /// Months of a six-month plan in which it belongs, `[first, last]`, 1-based; scaled for
    /// longer or shorter plans.
    pub window: [u32; 2],
    /// Role families it is for; empty means every family.
    #[serde(default)]
    pub families: Vec<Family>,
    pub details: String,
    #[serde(default)]
    pub links: Vec<LinkDef>,
    /// For cold outreach: the message, with `{name}`, `{role}`, `{background}` and `{domain}`
    /// filled in for the learner.
    #[serde(default)]
    pub template: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDef {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: RouteKind,
    pub title: String,
    pub summary: String,
    pub typical_duration: String,
    pub typical_cost: String,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The whole catalog, checked.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub roles: Vec<Role>,
    pub backgrounds: Vec<Background>,
    pub domains: Vec<Domain>,
    pub skills: Vec<Skill>,
    pub modules: Vec<Module>,
    pub resources: Vec<Resource>,
    pub projects: Vec<ProjectKind>,
    pub outreach: Vec<Outreach>,
    pub routes: Vec<Route>,
    /// Module id to position in `modules`, for constant-time lookups in large catalogs.
    #[serde(skip)]
    module_index: HashMap<String, usize>,
}

/// The catalog files, in load order, with their built-in contents.
pub const FILES: [(&str, &str); 9] = [
    ("roles.yaml", include_str!("../data/roles.yaml")),
    ("backgrounds.yaml", include_str!("../data/backgrounds.yaml")),
    ("domains.yaml", include_str!("../data/domains.yaml")),
    ("skills.yaml", include_str!("../data/skills.yaml")),
    ("modules.yaml", include_str!("../data/modules.yaml")),
    ("resources.yaml", include_str!("../data/resources.yaml")),
    ("projects.yaml", include_str!("../data/projects.yaml")),
    ("outreach.yaml", include_str!("../data/outreach.yaml")),
    ("routes.yaml", include_str!("../data/routes.yaml")),
];

/// The most hours one module, project phase or outreach task may take: more would be more than a
/// year at 10 hours a week, which is better split, and is more likely a slip of the keyboard.
pub const MAX_ITEM_HOURS: f64 = 500.0;

/// Where an entry was defined, for error messages.
#[derive(Debug, Clone)]
struct Origin {
    file: PathBuf,
    line: u64,
    column: u64,
    /// The entry's place in its file's list, from 1.
    entry: usize,
}

/// Loads one file's entries, remembering where each was defined.
fn parse_list<T: for<'de> Deserialize<'de>>(
    file: &Path,
    text: &str,
) -> Result<Vec<(T, Origin)>, Error> {
    let entries: Vec<Spanned<T>> = yaml::from_str(file, text, yaml::Kind::Catalog)?;
    Ok(entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let origin = Origin {
                file: file.to_path_buf(),
                line: entry.referenced.line(),
                column: entry.referenced.column(),
                entry: index + 1,
            };
            (entry.value, origin)
        })
        .collect())
}

/// A YAML file in a `--data` folder whose name pivot does not know would be silently ignored,
/// so it is an error, with the closest known name.
fn check_file_names(dir: &Path) -> Result<(), Error> {
    let known: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
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
            crate::profile::what_is(target.file_type())
        ),
        (Ok(target), None) => format!(
            "is {}, not a file",
            crate::profile::what_is(target.file_type())
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

/// Collects origins by id while loading, and the files' text, so integrity errors can point at
/// the definition, or at the value in it that is wrong.
#[derive(Default)]
struct Origins {
    entries: HashMap<(&'static str, String), Origin>,
    texts: Vec<(PathBuf, String)>,
}

impl Origins {
    fn error(&self, kind: &'static str, id: &str, message: String) -> Error {
        match self.entries.get(&(kind, id.to_string())) {
            Some(origin) => Error::Catalog {
                at: SourceSpan {
                    file: origin.file.clone(),
                    line: origin.line,
                    column: origin.column,
                },
                message,
            },
            None => Error::CatalogGeneral { message },
        }
    }

    /// Hours of work a plan schedules (a module's, a project phase's, an outreach task's) are
    /// more than 0, at most [`MAX_ITEM_HOURS`], and in quarter hours, as a profile's are.
    fn check_hours(
        &self,
        kind: &'static str,
        id: &str,
        field: &str,
        what: &str,
        hours: f64,
    ) -> Result<(), Error> {
        let in_range = hours > 0.0 && hours <= MAX_ITEM_HOURS;
        let problem = match (in_range, crate::profile::off_quarter(hours)) {
            (true, Some((message, help))) => Some((format!("{what}: {message}"), help)),
            (true, None) if hours >= HOURS_STEP => None,
            _ => Some((
                format!(
                    "{what} takes {} hours; allowed: {HOURS_STEP} to {MAX_ITEM_HOURS} hours, in steps of {HOURS_STEP}",
                    crate::profile::short_number(hours)
                ),
                if hours > MAX_ITEM_HOURS {
                    "split it into pieces of a few weeks each".to_string()
                } else {
                    "give the hours it takes, such as `hours: 10`".to_string()
                },
            )),
        };
        match problem {
            None => Ok(()),
            Some((message, help)) => Err(self.field_error(kind, id, field, message, &help)),
        }
    }

    /// Every figure says where it comes from, or that it is an estimate, so the plan can say so.
    fn check_provenance(
        &self,
        kind: &'static str,
        id: &str,
        field: &str,
        what: &str,
        provenance: &Provenance,
    ) -> Result<(), Error> {
        let sourced = provenance
            .source
            .as_deref()
            .is_some_and(|source| !source.trim().is_empty());
        if sourced || provenance.estimate {
            return Ok(());
        }
        Err(self.field_error(
            kind,
            id,
            field,
            format!("{what}: the figure has no `source` and is not marked `estimate: true`; allowed: one of the two"),
            "add `source: \"...\"` beside it saying where the figure comes from, or `estimate: true`",
        ))
    }

    /// An error in `field` (`hours`, `path[2]`) of the entry `id` of `kind`, pointing at the
    /// field's value and naming it by its path (`modules[3].hours`), as profile errors do.
    fn field_error(
        &self,
        kind: &'static str,
        id: &str,
        field: &str,
        message: String,
        help: &str,
    ) -> Error {
        let Some(origin) = self.entries.get(&(kind, id.to_string())) else {
            return Error::CatalogGeneral { message };
        };
        let list = origin
            .file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        let path = format!("{list}[{}].{field}", origin.entry);
        let (line, column) = self
            .texts
            .iter()
            .find(|(file, _)| *file == origin.file)
            .and_then(|(_, text)| yaml::place_of(text, &list, &path))
            .unwrap_or((origin.line, origin.column));
        Error::Field {
            at: SourceSpan {
                file: origin.file.clone(),
                line,
                column,
            },
            field: path,
            message,
            help: Some(help.to_string()),
        }
    }
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
        let mut texts: Vec<(PathBuf, String)> = Vec::with_capacity(FILES.len());
        for (name, builtin) in FILES {
            match dir.map(|d| d.join(name)) {
                Some(path) if present(&path)? => {
                    let text = crate::profile::read_yaml_file(&path, yaml::Kind::Catalog)?;
                    texts.push((path, text));
                }
                _ => texts.push((PathBuf::from(format!("data/{name}")), builtin.to_string())),
            }
        }
        let mut origins = Origins::default();

        macro_rules! load {
            ($index:expr, $kind:literal, $ty:ty) => {{
                let (path, text) = &texts[$index];
                let entries: Vec<($ty, Origin)> = parse_list(path, text)?;
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
                    let key = ($kind, entry.id.to_string());
                    if let Some(first) = origins.entries.get(&key) {
                        return Err(Error::Catalog {
                            at: SourceSpan {
                                file: origin.file.clone(),
                                line: origin.line,
                                column: origin.column,
                            },
                            message: format!(
                                "{} id `{}` is defined twice (first at line {})",
                                $kind, entry.id, first.line
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
            roles: load!(0, "role", Role),
            backgrounds: load!(1, "background", Background),
            domains: load!(2, "domain", Domain),
            skills: load!(3, "skill", Skill),
            modules: load!(4, "module", Module),
            resources: load!(5, "resource", Resource),
            projects: load!(6, "project", ProjectKind),
            outreach: load!(7, "outreach", Outreach),
            routes: load!(8, "route", Route),
            module_index: HashMap::new(),
        };
        origins.texts = texts;
        catalog.check(&origins)?;
        let catalog = catalog.indexed();
        Ok(catalog)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn background(&self, id: &str) -> Option<&Background> {
        self.backgrounds.iter().find(|b| b.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.module_index.get(id).map(|&i| &self.modules[i])
    }

    fn indexed(mut self) -> Catalog {
        self.module_index = self
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
        self
    }

    /// A catalog from parts (for generated catalogs in tests and benchmarks), checked like a
    /// loaded one, without file positions in its errors.
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        roles: Vec<Role>,
        backgrounds: Vec<Background>,
        domains: Vec<Domain>,
        skills: Vec<Skill>,
        modules: Vec<Module>,
        resources: Vec<Resource>,
        projects: Vec<ProjectKind>,
        outreach: Vec<Outreach>,
        routes: Vec<Route>,
    ) -> Result<Catalog, Error> {
        let catalog = Catalog {
            roles,
            backgrounds,
            domains,
            skills,
            modules,
            resources,
            projects,
            outreach,
            routes,
            module_index: HashMap::new(),
        };
        let mut ids = HashSet::new();
        if let Some(m) = catalog.modules.iter().find(|m| !ids.insert(m.id.as_str())) {
            return Err(Error::CatalogGeneral {
                message: format!("module id `{}` is defined twice", m.id),
            });
        }
        catalog.check(&Origins::default())?;
        Ok(catalog.indexed())
    }

    pub fn resource(&self, id: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.id == id)
    }

    pub fn project(&self, id: &str) -> Option<&ProjectKind> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn route(&self, kind: RouteKind) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == kind)
    }

    pub fn role_ids(&self) -> Vec<&str> {
        self.roles.iter().map(|r| r.id.as_str()).collect()
    }

    pub fn background_ids(&self) -> Vec<&str> {
        self.backgrounds.iter().map(|b| b.id.as_str()).collect()
    }

    pub fn domain_ids(&self) -> Vec<&str> {
        self.domains.iter().map(|d| d.id.as_str()).collect()
    }

    pub fn module_ids(&self) -> Vec<&str> {
        self.modules.iter().map(|m| m.id.as_str()).collect()
    }

    pub fn skill_ids(&self) -> Vec<&str> {
        self.skills.iter().map(|s| s.id.as_str()).collect()
    }

    /// Interest tags that project ideas, project kinds and modules respond to.
    pub fn interest_tags(&self) -> BTreeSet<&str> {
        let from_domains = self
            .domains
            .iter()
            .flat_map(|d| d.project_ideas.iter())
            .flat_map(|i| i.interests.iter());
        let from_kinds = self.projects.iter().flat_map(|p| p.interests.iter());
        let from_modules = self.modules.iter().flat_map(|m| m.interests.iter());
        from_domains
            .chain(from_kinds)
            .chain(from_modules)
            .map(String::as_str)
            .collect()
    }

    /// Integrity: every reference resolves, efforts are positive, prerequisites are acyclic.
    fn check(&self, origins: &Origins) -> Result<(), Error> {
        let skills: BTreeSet<&str> = self.skill_ids().into_iter().collect();
        let modules: BTreeSet<&str> = self.module_ids().into_iter().collect();
        let roles: BTreeSet<&str> = self.role_ids().into_iter().collect();
        let backgrounds: BTreeSet<&str> = self.background_ids().into_iter().collect();
        let resources: BTreeSet<&str> = self.resources.iter().map(|r| r.id.as_str()).collect();
        let projects: BTreeSet<&str> = self.projects.iter().map(|p| p.id.as_str()).collect();

        let missing = |kind: &'static str, id: &str, field: &str, what: &str, target: &str| {
            origins.error(
                kind,
                id,
                format!("{kind} `{id}`: {field} names unknown {what} `{target}`"),
            )
        };

        for role in &self.roles {
            let module_lists = [
                ("path", &role.path),
                ("optional", &role.optional),
                ("project_after", &role.project_after),
            ];
            for (field, list) in module_lists {
                for m in list {
                    if !modules.contains(m.as_str()) {
                        return Err(missing("role", &role.id, field, "module", m));
                    }
                }
            }
            // A module listed twice is scheduled once and the second listing silently lost; one
            // in both lists would be offered as optional though the path already schedules it.
            let mut listed: HashMap<&str, String> = HashMap::new();
            for (field, list) in [("path", &role.path), ("optional", &role.optional)] {
                for (index, module) in list.iter().enumerate() {
                    let here = format!("{field}[{}]", index + 1);
                    if let Some(first) = listed.insert(module, here.clone()) {
                        return Err(origins.field_error(
                            "role",
                            &role.id,
                            &here,
                            format!(
                                "role `{}` lists module `{module}` again, first as `{first}`; allowed: each module once, in `path` or in `optional`",
                                role.id
                            ),
                            "remove one of the two",
                        ));
                    }
                }
            }
            for b in &role.typical_background_ids {
                if !backgrounds.contains(b.as_str()) {
                    return Err(missing(
                        "role",
                        &role.id,
                        "typical_background_ids",
                        "background",
                        b,
                    ));
                }
            }
            for p in &role.project_kinds {
                if !projects.contains(p.as_str()) {
                    return Err(missing(
                        "role",
                        &role.id,
                        "project_kinds",
                        "project kind",
                        p,
                    ));
                }
            }
            if role.path.is_empty() {
                return Err(origins.error(
                    "role",
                    &role.id,
                    format!("role `{}` has an empty path", role.id),
                ));
            }
            if role.project_kinds.is_empty() {
                return Err(origins.error(
                    "role",
                    &role.id,
                    format!("role `{}` names no project kinds", role.id),
                ));
            }
        }
        for background in &self.backgrounds {
            for s in &background.skills {
                if !skills.contains(s.as_str()) {
                    return Err(missing("background", &background.id, "skills", "skill", s));
                }
            }
            for role in &self.roles {
                match background.timelines.get(&role.id) {
                    None => {
                        return Err(origins.error(
                            "background",
                            &background.id,
                            format!(
                                "background `{}` has no timeline for role `{}`",
                                background.id, role.id
                            ),
                        ));
                    }
                    Some(t) if t.months[0] == 0 || t.months[0] > t.months[1] => {
                        return Err(origins.error(
                            "background",
                            &background.id,
                            format!(
                                "background `{}`: timeline to `{}` must be [low, high] months with 0 < low <= high",
                                background.id, role.id
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
            for (role, timeline) in &background.timelines {
                origins.check_provenance(
                    "background",
                    &background.id,
                    &format!("timelines.{role}"),
                    &format!("background `{}`", background.id),
                    &timeline.provenance,
                )?;
            }
            for target in background.timelines.keys() {
                if !roles.contains(target.as_str()) {
                    return Err(missing(
                        "background",
                        &background.id,
                        "timelines",
                        "role",
                        target,
                    ));
                }
            }
        }
        for module in &self.modules {
            let what = format!("module `{}`", module.id);
            origins.check_hours("module", &module.id, "hours", &what, module.hours)?;
            origins.check_provenance("module", &module.id, "hours", &what, &module.provenance)?;
            for s in &module.skills {
                if !skills.contains(s.as_str()) {
                    return Err(missing("module", &module.id, "skills", "skill", s));
                }
            }
            for r in &module.requires {
                if !modules.contains(r.as_str()) {
                    return Err(missing("module", &module.id, "requires", "module", r));
                }
            }
            for r in &module.resources {
                if !resources.contains(r.as_str()) {
                    return Err(missing("module", &module.id, "resources", "resource", r));
                }
            }
        }
        for project in &self.projects {
            if project.phases.is_empty() {
                return Err(origins.error(
                    "project",
                    &project.id,
                    format!("project `{}` has no phases", project.id),
                ));
            }
            let mut seen = BTreeSet::new();
            for (index, phase) in project.phases.iter().enumerate() {
                let what = format!("phase `{}` of project `{}`", phase.id, project.id);
                let field = format!("phases[{}].hours", index + 1);
                origins.check_hours("project", &project.id, &field, &what, phase.hours)?;
                origins.check_provenance(
                    "project",
                    &project.id,
                    &field,
                    &what,
                    &phase.provenance,
                )?;
                if !seen.insert(phase.id.as_str()) {
                    return Err(origins.error(
                        "project",
                        &project.id,
                        format!(
                            "project `{}`: phase id `{}` is used twice",
                            project.id, phase.id
                        ),
                    ));
                }
            }
        }
        for task in &self.outreach {
            let what = format!("outreach `{}`", task.id);
            origins.check_hours("outreach", &task.id, "hours", &what, task.hours)?;
            origins.check_provenance("outreach", &task.id, "hours", &what, &task.provenance)?;
            if task.window[0] == 0 || task.window[0] > task.window[1] || task.window[1] > 6 {
                return Err(origins.error(
                    "outreach",
                    &task.id,
                    format!(
                        "outreach `{}`: window must be [first, last] months with 1 <= first <= last <= 6",
                        task.id
                    ),
                ));
            }
        }
        for resource in &self.resources {
            if let Some(hours) = resource.hours
                && !(hours > 0.0 && hours.is_finite())
            {
                return Err(origins.error(
                    "resource",
                    &resource.id,
                    format!("resource `{}`: hours must be more than 0", resource.id),
                ));
            }
            if let Some(cost) = &resource.cost
                && !(cost.amount > 0.0 && cost.amount.is_finite())
            {
                return Err(origins.error(
                    "resource",
                    &resource.id,
                    format!(
                        "resource `{}`: a cost must be more than 0 (leave `cost` out for a free resource)",
                        resource.id
                    ),
                ));
            }
            let what = format!("resource `{}`", resource.id);
            if resource.hours.is_some() {
                let provenance = &resource.provenance;
                origins.check_provenance("resource", &resource.id, "hours", &what, provenance)?;
            }
            if let Some(cost) = &resource.cost {
                let provenance = &cost.provenance;
                origins.check_provenance("resource", &resource.id, "cost", &what, provenance)?;
            }
        }
        for route in &self.routes {
            let (id, what) = (route.id.id(), format!("route `{}`", route.id));
            let provenance = &route.provenance;
            origins.check_provenance("route", id, "typical_duration", &what, provenance)?;
        }
        for kind in RouteKind::ALL {
            if self.route(kind).is_none() {
                return Err(Error::CatalogGeneral {
                    message: format!("routes.yaml has no entry for route `{kind}`"),
                });
            }
        }
        self.check_plan_ids(origins)?;
        self.check_acyclic(origins)
    }

    /// Modules, project phases (`<project>-<phase>`) and outreach occurrences (`<task>` and
    /// `<task>-<n>`) share one namespace in a plan; two of them with one id would be confused.
    fn check_plan_ids(&self, origins: &Origins) -> Result<(), Error> {
        // Enough occurrences for a fortnightly task over the longest plan (24 months).
        const MAX_OCCURRENCES: usize = 60;
        let mut owners: HashMap<String, (&'static str, String)> = HashMap::new();
        let mut claim = |id: String, kind: &'static str, owner: &str| -> Result<(), Error> {
            match owners.get(&id) {
                Some((other_kind, other)) if (*other_kind, other.as_str()) != (kind, owner) => Err(origins.error(
                    kind,
                    owner,
                    format!(
                        "{kind} `{owner}` gives plan items the id `{id}`, which {other_kind} `{other}` uses too; rename one of them"
                    ),
                )),
                _ => {
                    owners.insert(id, (kind, owner.to_string()));
                    Ok(())
                }
            }
        };
        for module in &self.modules {
            claim(module.id.clone(), "module", &module.id)?;
        }
        for project in &self.projects {
            for phase in &project.phases {
                claim(
                    format!("{}-{}", project.id, phase.id),
                    "project",
                    &project.id,
                )?;
            }
        }
        for task in &self.outreach {
            claim(task.id.clone(), "outreach", &task.id)?;
            for n in 1..=MAX_OCCURRENCES {
                claim(format!("{}-{n}", task.id), "outreach", &task.id)?;
            }
        }
        Ok(())
    }

    /// Depth-first search over `requires`; reports the first cycle found, in id order.
    fn check_acyclic(&self, origins: &Origins) -> Result<(), Error> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let index: HashMap<&str, usize> = self
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i))
            .collect();
        let mut marks = vec![Mark::New; self.modules.len()];
        for root in 0..self.modules.len() {
            if marks[root] != Mark::New {
                continue;
            }
            // Iterative DFS so a long chain of prerequisites cannot overflow the stack.
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            marks[root] = Mark::Active;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let requires = &self.modules[node].requires;
                if *next < requires.len() {
                    let Some(&child) = index.get(requires[*next].as_str()) else {
                        *next += 1;
                        continue;
                    };
                    *next += 1;
                    match marks[child] {
                        Mark::New => {
                            marks[child] = Mark::Active;
                            stack.push((child, 0));
                        }
                        Mark::Active => {
                            let start = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                            let mut cycle: Vec<&str> = stack[start..]
                                .iter()
                                .map(|&(n, _)| self.modules[n].id.as_str())
                                .collect();
                            cycle.push(self.modules[child].id.as_str());
                            let id = &self.modules[child].id;
                            return Err(origins.error(
                                "module",
                                id,
                                format!(
                                    "module `{id}`: prerequisites form a cycle: {}",
                                    cycle.join(" -> ")
                                ),
                            ));
                        }
                        Mark::Done => {}
                    }
                } else {
                    marks[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_loads() {
        let catalog = Catalog::builtin().expect("built-in catalog is consistent");
        assert!(catalog.role("ml-engineer").is_some());
    }
}
