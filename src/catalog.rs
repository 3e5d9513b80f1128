//! The catalog: roles, backgrounds, domains, modules, resources, portfolio projects, outreach,
//! learning routes, exchange rates and the places of time zones, compiled in from `data/` and
//! replaceable file by file with `--data DIR`.
//!
//! Everything is checked once at load (unique ids, references resolve, prerequisites acyclic,
//! efforts positive), so the scheduler can trust it.

mod check;
mod load;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::yaml;

use check::Origins;

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
    /// Why the first of `project_kinds` suits the role, said to a learner whose interests do
    /// not point elsewhere.
    #[serde(default)]
    pub project_why: String,
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
    /// Job titles people use for this background (`accountant` for `finance-professional`),
    /// lower case, so that an unknown background is pointed to the closest one in meaning.
    #[serde(default)]
    pub aliases: Vec<String>,
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
    /// What to study: each resource whole, or the part of it the module's hours cover.
    pub resources: Vec<Assignment>,
    pub outcome: String,
    pub self_check: String,
}

/// A resource a module assigns: written as its id when the module covers all of it, or as
/// `{ id: ..., part: "courses 1 and 2", hours: 72 }` when it covers only a part, so that the
/// learner knows where to stop and the module's hours can be checked against the part's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assignment {
    pub id: String,
    /// The part to do, in the resource's own terms; `None` for all of it.
    pub part: Option<String>,
    /// The stated hours of the part (derived from the resource's, as the module's `source`
    /// says); `None` for the whole resource or a part whose source states none.
    pub hours: Option<f64>,
}

impl Assignment {
    /// The stated hours of what is assigned: the part's, or the whole resource's.
    pub fn stated_hours(&self, resource: &Resource) -> Option<f64> {
        match &self.part {
            Some(_) => self.hours,
            None => resource.hours,
        }
    }
}

impl From<&str> for Assignment {
    fn from(id: &str) -> Assignment {
        Assignment {
            id: id.to_string(),
            part: None,
            hours: None,
        }
    }
}

/// The written form of a part of a resource.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartOf {
    id: String,
    part: String,
    #[serde(default, deserialize_with = "yaml::optional_number")]
    hours: Option<f64>,
}

impl<'de> Deserialize<'de> for Assignment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;

        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Assignment;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a resource id, or `{ id: ..., part: ..., hours: ... }`")
            }

            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Assignment, E> {
                Ok(Assignment::from(id))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Assignment, A::Error> {
                let written =
                    PartOf::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Assignment {
                    id: written.id,
                    part: Some(written.part),
                    hours: written.hours,
                })
            }
        }

        deserializer.deserialize_any(Either)
    }
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
    /// What must be done first: `project-built` (the portfolio project's building phases),
    /// `project-done` (the project shipped) or the id of an earlier outreach task. A task that
    /// waits moves later with what it waits for, keeping its cadence.
    #[serde(default)]
    pub after: Option<String>,
    pub details: String,
    #[serde(default)]
    pub links: Vec<LinkDef>,
    /// For cold outreach: the message, with `{name}`, `{role}`, `{background}` and `{domain}`
    /// filled in for the learner.
    #[serde(default)]
    pub template: Option<String>,
    /// The title for a learner whose time zone names a city, with `{city}` in it: "Go to an AI
    /// or ML meetup in or near {city}".
    #[serde(default)]
    pub title_with_city: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LinkDef {
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub note: String,
    /// Where the link comes from: the lesson, or the community's own pages. Every community a
    /// plan sends a learner to says so.
    #[serde(default)]
    pub source: Option<String>,
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
    /// The hours a week the route takes; `None` for one the learner paces (self-study).
    #[serde(default)]
    pub pace: Option<Pace>,
}

/// The hours a week a route takes, full time and, where it has one, part time.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pace {
    pub full_time: WeeklyHours,
    #[serde(default)]
    pub part_time: Option<WeeklyHours>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    #[serde(deserialize_with = "yaml::number")]
    pub hours: f64,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The currency every exchange rate is given against.
pub const BASE_CURRENCY: &str = "EUR";

/// What one euro was worth in a currency on a day: the catalog's costs and a learner's budget
/// are compared through these.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// The ISO 4217 code: `USD`.
    pub currency: String,
    #[serde(deserialize_with = "yaml::number")]
    pub per_euro: f64,
    /// The day the rate was published for.
    pub date: NaiveDate,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// The place a time zone stands for: its city, as people write it, and its country's currency.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The IANA name: `America/Los_Angeles`.
    pub zone: String,
    pub city: String,
    pub currency: String,
}

/// An amount in another currency, and the rates it was converted at.
#[derive(Debug, Clone)]
pub struct Conversion<'c> {
    pub amount: f64,
    /// The rates used: none from a currency to itself, one to or from the euro, two otherwise.
    pub rates: Vec<&'c Rate>,
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
    pub rates: Vec<Rate>,
    pub places: Vec<Place>,
    /// Module id to position in `modules`, for constant-time lookups in large catalogs.
    #[serde(skip)]
    module_index: HashMap<String, usize>,
}

/// A built-in catalog file: its YAML, and the same entries as JSON (with each entry's line and
/// column in the YAML) written by `build.rs`, which read about twenty times faster. The JSON is
/// empty when `build.rs` could not read the YAML.
pub struct BuiltinFile {
    pub name: &'static str,
    pub yaml: &'static str,
    pub json: &'static str,
}

macro_rules! builtin {
    ($name:literal) => {
        BuiltinFile {
            name: concat!($name, ".yaml"),
            yaml: include_str!(concat!("../data/", $name, ".yaml")),
            json: include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json")),
        }
    };
}

/// The catalog files, in load order, with their built-in contents.
pub const FILES: [BuiltinFile; 11] = [
    builtin!("roles"),
    builtin!("backgrounds"),
    builtin!("domains"),
    builtin!("skills"),
    builtin!("modules"),
    builtin!("resources"),
    builtin!("projects"),
    builtin!("outreach"),
    builtin!("routes"),
    builtin!("rates"),
    builtin!("places"),
];

/// The most hours one module, project phase or outreach task may take: more would be more than a
/// year at 10 hours a week, which is better split, and is more likely a slip of the keyboard.
pub const MAX_ITEM_HOURS: f64 = 500.0;

impl Catalog {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The background that has `title` (any case, spaces or dashes) among its job titles.
    pub fn background_by_alias(&self, title: &str) -> Option<&Background> {
        let wanted = alias_key(title);
        self.backgrounds
            .iter()
            .find(|b| b.aliases.iter().any(|a| alias_key(a) == wanted))
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
        rates: Vec<Rate>,
        places: Vec<Place>,
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
            rates,
            places,
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

    /// The rate of `currency`; `None` for the euro, which every rate is given against, and for
    /// a currency the catalog has no rate for.
    pub fn rate(&self, currency: &str) -> Option<&Rate> {
        self.rates.iter().find(|r| r.currency == currency)
    }

    /// Whether an amount in `currency` can be converted: it is the euro or has a rate.
    pub fn has_rate(&self, currency: &str) -> bool {
        currency == BASE_CURRENCY || self.rate(currency).is_some()
    }

    /// `amount` in `from`, in `to`, through the euro; `None` when either has no rate.
    pub fn convert(&self, amount: f64, from: &str, to: &str) -> Option<Conversion<'_>> {
        if from == to {
            return Some(Conversion {
                amount,
                rates: Vec::new(),
            });
        }
        let per_euro = |currency: &str| -> Option<(f64, Option<&Rate>)> {
            if currency == BASE_CURRENCY {
                Some((1.0, None))
            } else {
                self.rate(currency).map(|r| (r.per_euro, Some(r)))
            }
        };
        let (from_per_euro, from_rate) = per_euro(from)?;
        let (to_per_euro, to_rate) = per_euro(to)?;
        Some(Conversion {
            amount: amount / from_per_euro * to_per_euro,
            rates: from_rate.into_iter().chain(to_rate).collect(),
        })
    }

    /// The currencies amounts can be converted between: the euro and those with a rate.
    pub fn currencies(&self) -> Vec<&str> {
        std::iter::once(BASE_CURRENCY)
            .chain(self.rates.iter().map(|r| r.currency.as_str()))
            .collect()
    }

    /// The place `zone` stands for, when the catalog knows it.
    pub fn place(&self, zone: chrono_tz::Tz) -> Option<&Place> {
        self.places.iter().find(|p| p.zone == zone.name())
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
}

/// A job title as it is compared: lower case, words joined by single spaces.
pub(crate) fn alias_key(title: &str) -> String {
    title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
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
