//! The catalog's integrity, checked once at load: every reference resolves, every figure is
//! in range and says where it comes from, ids do not collide, prerequisites are acyclic.

use std::collections::{BTreeSet, HashMap};

use super::load::{Origin, Text};
use super::{
    BASE_CURRENCY, Catalog, MAX_ITEM_HOURS, Module, OutreachKind, Provenance, RouteKind,
    WeeklyHours,
};
use crate::error::{Error, SourceSpan};
use crate::words::{HOURS_STEP, off_quarter, short_number};
use crate::yaml;

/// What an outreach task may wait for besides an earlier task: the portfolio project built
/// (its building phases done) or shipped (all its phases done).
pub const OUTREACH_AFTER: [&str; 2] = ["project-built", "project-done"];

/// Collects origins by id while loading, and the files' text, so integrity errors can point at
/// the definition, or at the value in it that is wrong.
#[derive(Default)]
pub(super) struct Origins {
    pub(super) entries: HashMap<(&'static str, String), Origin>,
    pub(super) texts: Vec<Text>,
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
        let problem = match (in_range, off_quarter(hours)) {
            (true, Some((message, help))) => Some((format!("{what}: {message}"), help)),
            (true, None) if hours >= HOURS_STEP => None,
            _ => Some((
                format!(
                    "{what} takes {} hours; allowed: {HOURS_STEP} to {MAX_ITEM_HOURS} hours, in steps of {HOURS_STEP}",
                    short_number(hours)
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
            .find(|text| text.file == origin.file)
            .and_then(|text| yaml::place_of(&text.yaml, &list, &path))
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

/// The hours a week of one form of a route (`pace.full_time`): more than none, at most a
/// week's, with where they come from.
fn check_weekly_hours(
    origins: &Origins,
    id: &str,
    what: &str,
    field: &str,
    weekly: &WeeklyHours,
) -> Result<(), Error> {
    const HOURS_IN_A_WEEK: f64 = 168.0;
    if !(weekly.hours > 0.0 && weekly.hours <= HOURS_IN_A_WEEK) {
        return Err(origins.field_error(
            "route",
            id,
            &format!("{field}.hours"),
            format!(
                "{what} takes {} hours a week; allowed: more than 0, at most {HOURS_IN_A_WEEK}",
                short_number(weekly.hours)
            ),
            "give the hours a week a learner spends on it, such as `hours: 40`",
        ));
    }
    origins.check_provenance(
        "route",
        id,
        &format!("{field}.hours"),
        what,
        &weekly.provenance,
    )
}

/// The ids each kind of entry may be referred to by.
struct Known<'a> {
    skills: BTreeSet<&'a str>,
    modules: BTreeSet<&'a str>,
    roles: BTreeSet<&'a str>,
    backgrounds: BTreeSet<&'a str>,
    resources: BTreeSet<&'a str>,
    projects: BTreeSet<&'a str>,
}

/// The error for a reference to an entry that does not exist.
fn missing(
    origins: &Origins,
    kind: &'static str,
    id: &str,
    field: &str,
    what: &str,
    target: &str,
) -> Error {
    origins.error(
        kind,
        id,
        format!("{kind} `{id}`: {field} names unknown {what} `{target}`"),
    )
}

impl Catalog {
    /// Integrity: every reference resolves, efforts are positive, prerequisites are acyclic.
    pub(super) fn check(&self, origins: &Origins) -> Result<(), Error> {
        let known = Known {
            skills: self.skill_ids().into_iter().collect(),
            modules: self.module_ids().into_iter().collect(),
            roles: self.role_ids().into_iter().collect(),
            backgrounds: self.background_ids().into_iter().collect(),
            resources: self.resources.iter().map(|r| r.id.as_str()).collect(),
            projects: self.projects.iter().map(|p| p.id.as_str()).collect(),
        };
        self.check_roles(origins, &known)?;
        self.check_backgrounds(origins, &known)?;
        self.check_modules(origins, &known)?;
        self.check_projects(origins)?;
        self.check_outreach(origins)?;
        self.check_rates(origins)?;
        self.check_places(origins)?;
        self.check_resources(origins)?;
        self.check_routes(origins)?;
        self.check_route_kinds()?;
        self.check_plan_ids(origins)?;
        self.check_acyclic(origins)
    }

    /// Roles name modules, backgrounds and project kinds that exist, each module once.
    fn check_roles(&self, origins: &Origins, known: &Known<'_>) -> Result<(), Error> {
        for role in &self.roles {
            let module_lists = [
                ("path", &role.path),
                ("optional", &role.optional),
                ("project_after", &role.project_after),
            ];
            for (field, list) in module_lists {
                for m in list {
                    if !known.modules.contains(m.as_str()) {
                        return Err(missing(origins, "role", &role.id, field, "module", m));
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
                if !known.backgrounds.contains(b.as_str()) {
                    return Err(missing(
                        origins,
                        "role",
                        &role.id,
                        "typical_background_ids",
                        "background",
                        b,
                    ));
                }
            }
            for p in &role.project_kinds {
                if !known.projects.contains(p.as_str()) {
                    return Err(missing(
                        origins,
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
        Ok(())
    }

    /// Backgrounds name skills that exist and give a sourced timeline to every role.
    fn check_backgrounds(&self, origins: &Origins, known: &Known<'_>) -> Result<(), Error> {
        // A job title names one background, and never another background's id.
        let mut titles: HashMap<String, &str> = HashMap::new();
        for background in &self.backgrounds {
            for (index, alias) in background.aliases.iter().enumerate() {
                let key = super::alias_key(alias);
                let clash = titles
                    .insert(key.clone(), &background.id)
                    .map(|other| format!("background `{other}` has it too"))
                    .or_else(|| {
                        known
                            .backgrounds
                            .contains(key.replace(' ', "-").as_str())
                            .then(|| "it is the id of a background".to_string())
                    });
                if let Some(clash) = clash {
                    return Err(origins.field_error(
                        "background",
                        &background.id,
                        &format!("aliases[{}]", index + 1),
                        format!("the job title `{alias}` names two backgrounds: {clash}"),
                        "keep each job title under one background",
                    ));
                }
            }
        }
        for background in &self.backgrounds {
            for s in &background.skills {
                if !known.skills.contains(s.as_str()) {
                    return Err(missing(
                        origins,
                        "background",
                        &background.id,
                        "skills",
                        "skill",
                        s,
                    ));
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
                if !known.roles.contains(target.as_str()) {
                    return Err(missing(
                        origins,
                        "background",
                        &background.id,
                        "timelines",
                        "role",
                        target,
                    ));
                }
            }
        }
        Ok(())
    }

    /// Modules take hours in range, say where the figure comes from, and name what exists.
    fn check_modules(&self, origins: &Origins, known: &Known<'_>) -> Result<(), Error> {
        for module in &self.modules {
            let what = format!("module `{}`", module.id);
            origins.check_hours("module", &module.id, "hours", &what, module.hours)?;
            origins.check_provenance("module", &module.id, "hours", &what, &module.provenance)?;
            for s in &module.skills {
                if !known.skills.contains(s.as_str()) {
                    return Err(missing(origins, "module", &module.id, "skills", "skill", s));
                }
            }
            for r in &module.requires {
                if !known.modules.contains(r.as_str()) {
                    return Err(missing(
                        origins, "module", &module.id, "requires", "module", r,
                    ));
                }
            }
            for r in &module.resources {
                if !known.resources.contains(r.id.as_str()) {
                    return Err(missing(
                        origins,
                        "module",
                        &module.id,
                        "resources",
                        "resource",
                        &r.id,
                    ));
                }
            }
            self.check_assigned_hours(origins, module)?;
        }
        Ok(())
    }

    /// A part of a resource says how many of the resource's stated hours it takes, and the
    /// module's hours cover the stated hours of everything it assigns: a learner who follows
    /// the resources must not fall behind the plan by design.
    fn check_assigned_hours(&self, origins: &Origins, module: &Module) -> Result<(), Error> {
        let mut assigned = Vec::new();
        for (index, assignment) in module.resources.iter().enumerate() {
            let Some(resource) = self.resource(&assignment.id) else {
                continue;
            };
            let field = format!("resources[{}]", index + 1);
            let whole = resource.hours;
            let named = format!(
                "module `{}`: part `{}` of resource `{}`",
                module.id,
                assignment.part.as_deref().unwrap_or_default(),
                resource.id
            );
            if assignment
                .part
                .as_deref()
                .is_some_and(|part| part.trim().is_empty())
            {
                return Err(origins.field_error(
                    "module",
                    &module.id,
                    &format!("{field}.part"),
                    format!("{named} is empty; allowed: the part to do, in the resource's terms"),
                    "name the part, such as `part: \"chapters 1-4\"`, or give the resource's id alone to assign all of it",
                ));
            }
            match (assignment.hours, whole) {
                (Some(hours), _) if !(hours > 0.0 && hours.is_finite()) => {
                    return Err(origins.field_error(
                        "module",
                        &module.id,
                        &format!("{field}.hours"),
                        format!(
                            "{named} takes {} hours; allowed: more than 0",
                            short_number(hours)
                        ),
                        "give the stated hours of the part, such as `hours: 12`",
                    ));
                }
                (Some(hours), Some(whole)) if hours > whole => {
                    return Err(origins.field_error(
                        "module",
                        &module.id,
                        &format!("{field}.hours"),
                        format!(
                            "{named} takes {} hours, more than the {} hours of the whole resource; allowed: at most {}",
                            short_number(hours),
                            short_number(whole),
                            short_number(whole)
                        ),
                        &format!(
                            "assign the whole resource by its id alone (`{}`), or correct the part's hours",
                            resource.id
                        ),
                    ));
                }
                (None, Some(whole)) if assignment.part.is_some() => {
                    return Err(origins.field_error(
                        "module",
                        &module.id,
                        &field,
                        format!(
                            "{named} gives no hours, but the resource states {}; allowed: the part's share of them as `hours`",
                            short_number(whole)
                        ),
                        "add `hours:` with the part's share of the stated hours, and the arithmetic to the module's `source`",
                    ));
                }
                _ => {}
            }
            if let Some(hours) = assignment.stated_hours(resource) {
                let what = match &assignment.part {
                    Some(part) => format!("{}, {part}", resource.title),
                    None => resource.title.clone(),
                };
                assigned.push((what, hours));
            }
        }
        let total: f64 = assigned.iter().map(|(_, hours)| hours).sum();
        if module.hours + 1e-9 >= total {
            return Ok(());
        }
        let list: Vec<String> = assigned
            .iter()
            .map(|(what, hours)| format!("{what}: {} h", short_number(*hours)))
            .collect();
        Err(origins.field_error(
            "module",
            &module.id,
            "hours",
            format!(
                "module `{}` takes {} hours, less than the {} stated hours of what it assigns ({}); allowed: at least {}",
                module.id,
                short_number(module.hours),
                short_number(total),
                list.join("; "),
                short_number(total)
            ),
            "raise `hours` to the stated hours plus practice, or assign only a part of a resource: `{ id: ..., part: \"chapters 1-4\", hours: ... }`",
        ))
    }

    /// Project kinds have phases with distinct ids and sourced hours in range.
    fn check_projects(&self, origins: &Origins) -> Result<(), Error> {
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
        Ok(())
    }

    /// Outreach tasks take sourced hours in range within the first six months.
    fn check_outreach(&self, origins: &Origins) -> Result<(), Error> {
        for (index, task) in self.outreach.iter().enumerate() {
            if let Some(after) = &task.after {
                let earlier = self.outreach[..index].iter().any(|t| &t.id == after);
                if !earlier && !OUTREACH_AFTER.contains(&after.as_str()) {
                    let mut allowed: Vec<&str> = OUTREACH_AFTER.to_vec();
                    allowed.extend(self.outreach[..index].iter().map(|t| t.id.as_str()));
                    return Err(origins.field_error(
                        "outreach",
                        &task.id,
                        "after",
                        format!(
                            "outreach `{}`: after `{after}` is not allowed; allowed: {}",
                            task.id,
                            allowed.join(", ")
                        ),
                        "name a task listed above this one, or `project-built` or `project-done` for the portfolio project",
                    ));
                }
            }
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
            if let Some(title) = &task.title_with_city
                && !title.contains("{city}")
            {
                return Err(origins.field_error(
                    "outreach",
                    &task.id,
                    "title_with_city",
                    format!("{what}: `{title}` does not say where the city goes; allowed: a title with `{{city}}` in it"),
                    "write `{city}` where the city's name belongs, such as `Go to a meetup in or near {city}`",
                ));
            }
            if task.kind != OutreachKind::Community {
                continue;
            }
            // A plan sends learners to these places to introduce themselves: each must be a
            // community someone has seen, not a guess.
            for (index, link) in task.links.iter().enumerate() {
                if link.source.as_deref().is_some_and(|s| !s.trim().is_empty()) {
                    continue;
                }
                return Err(origins.field_error(
                    "outreach",
                    &task.id,
                    &format!("links[{}]", index + 1),
                    format!("{what}: the community `{}` has no `source`; allowed: a link that says where it comes from", link.title),
                    "add `source: \"...\"` naming where the community is listed: the lesson, or its own pages",
                ));
            }
        }
        Ok(())
    }

    /// Rates are of three-letter currencies other than the euro, which they are given against,
    /// more than 0, and say where they come from.
    fn check_rates(&self, origins: &Origins) -> Result<(), Error> {
        for rate in &self.rates {
            let code = rate.currency.as_str();
            let what = format!("rate `{code}`");
            let problem = if code == BASE_CURRENCY {
                Some((
                    "currency",
                    format!(
                        "{what}: every rate is given against the euro, which has none of its own; allowed: any other currency"
                    ),
                    "remove this entry: one euro is one euro".to_string(),
                ))
            } else if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                Some((
                    "currency",
                    format!("{what} is not a three-letter currency code in capitals"),
                    "use the ISO 4217 code, such as USD, GBP or INR".to_string(),
                ))
            } else if !(rate.per_euro > 0.0 && rate.per_euro.is_finite()) {
                Some((
                    "per_euro",
                    format!(
                        "{what}: one euro is worth {} of it; allowed: more than 0",
                        short_number(rate.per_euro)
                    ),
                    "give what one euro buys, such as `per_euro: 1.0411` for the US dollar"
                        .to_string(),
                ))
            } else {
                None
            };
            if let Some((field, message, help)) = problem {
                return Err(origins.field_error("rate", code, field, message, &help));
            }
            origins.check_provenance("rate", code, "per_euro", &what, &rate.provenance)?;
        }
        Ok(())
    }

    /// Places are real time zones, named by a city, in a currency the catalog has a rate for.
    fn check_places(&self, origins: &Origins) -> Result<(), Error> {
        for place in &self.places {
            let zone = place.zone.as_str();
            let what = format!("place `{zone}`");
            if zone.parse::<chrono_tz::Tz>().is_err() {
                return Err(origins.field_error(
                    "place",
                    zone,
                    "zone",
                    format!(
                        "{what} is not a time zone; allowed: an IANA time zone name (Area/City)"
                    ),
                    "use the name profiles give as `timezone`, such as America/Los_Angeles",
                ));
            }
            if place.city.trim().is_empty() {
                return Err(origins.field_error(
                    "place",
                    zone,
                    "city",
                    format!("{what} has no city; allowed: the city the zone is named after"),
                    "write it as people do, such as `city: Los Angeles`",
                ));
            }
            if !self.has_rate(&place.currency) {
                return Err(origins.field_error(
                    "place",
                    zone,
                    "currency",
                    format!(
                        "{what}: rates.yaml has no rate for `{}`, so a plan could not say what costs come to in it; allowed: a currency with a rate",
                        place.currency
                    ),
                    "add the currency's rate to rates.yaml, or correct the code",
                ));
            }
        }
        Ok(())
    }

    /// Resources state positive hours and costs, each with where it comes from.
    fn check_resources(&self, origins: &Origins) -> Result<(), Error> {
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
                if !self.has_rate(&cost.currency) {
                    return Err(origins.field_error(
                        "resource",
                        &resource.id,
                        "cost.currency",
                        format!(
                            "{what}: rates.yaml has no rate for `{}`, so a plan could not convert the cost into a learner's currency; allowed: {}",
                            cost.currency,
                            self.currencies().join(", ")
                        ),
                        "add the currency's rate to rates.yaml, or give the cost in a currency it has",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every route says where its typical duration comes from, and the hours a week it takes,
    /// when it says them, are sourced, within a week, and fewer part time than full time.
    fn check_routes(&self, origins: &Origins) -> Result<(), Error> {
        for route in &self.routes {
            let (id, what) = (route.id.id(), format!("route `{}`", route.id));
            let provenance = &route.provenance;
            origins.check_provenance("route", id, "typical_duration", &what, provenance)?;
            let Some(pace) = &route.pace else {
                continue;
            };
            let forms = [
                ("full_time", Some(&pace.full_time)),
                ("part_time", pace.part_time.as_ref()),
            ];
            for (form, weekly) in forms {
                if let Some(weekly) = weekly {
                    check_weekly_hours(origins, id, &what, &format!("pace.{form}"), weekly)?;
                }
            }
            if let Some(part_time) = &pace.part_time
                && part_time.hours >= pace.full_time.hours
            {
                return Err(origins.field_error(
                    "route",
                    id,
                    "pace.part_time.hours",
                    format!(
                        "{what}: part time takes {} hours a week, no fewer than full time ({}); allowed: fewer",
                        short_number(part_time.hours),
                        short_number(pace.full_time.hours)
                    ),
                    "give the hours a week of each form, the part-time one the smaller",
                ));
            }
        }
        Ok(())
    }

    /// Every kind of route has an entry.
    fn check_route_kinds(&self) -> Result<(), Error> {
        for kind in RouteKind::ALL {
            if self.route(kind).is_none() {
                return Err(Error::CatalogGeneral {
                    message: format!("routes.yaml has no entry for route `{kind}`"),
                });
            }
        }
        Ok(())
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
