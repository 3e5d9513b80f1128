//! What the templates include, read from the parsed templates before anything renders: a loop
//! of includes, nesting deep enough to exhaust the stack, or an include the check cannot follow
//! is an error naming the file, line and column; and the size of every template together with
//! all it includes, which bounds the work a render can do (see `limits`).
//!
//! handlebars itself only refuses a template that includes itself directly; two that include
//! each other recurse until the process runs out of stack and aborts.

use std::collections::HashMap;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Handlebars, JsonRender, Path};

use super::templates::{BUILTIN, ROOT, Sources, file_name};
use crate::error::Error;

/// Deepest nesting of blocks, subexpressions and includes along any path through the templates.
/// A level takes about 5 KiB of stack while rendering in a debug build (a nest of 1,600 levels
/// overflows the main thread's 8 MiB), so 40 is safe on any stack, and the built-in templates
/// nest 9 deep.
pub const MAX_DEPTH: usize = 40;

/// Most parts (text between tags, values, blocks, includes) the templates may render. Without
/// loops each part renders once; `limits` charges every entry of an `{{#each}}` the parts of its
/// content as it starts. The built-in templates render 44 thousand for the longest plan (24
/// months at an hour a week) and 7 thousand for the shipped examples; 2 million is more than 40
/// times that, and a runaway reaches it within seconds.
pub const MAX_PARTS: u64 = 2_000_000;

/// [`MAX_PARTS`] in words, for messages.
pub fn max_parts_in_words() -> String {
    format!("{} million", MAX_PARTS / 1_000_000)
}

/// The name handlebars gives the text passed to a partial block; it names no template.
const PARTIAL_BLOCK: &str = "@partial-block";

/// A place in a template file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct At {
    /// The registered template the text is in.
    file: &'static str,
    line: usize,
    column: usize,
}

/// One `{{> name}}`.
#[derive(Debug, Clone)]
struct Include {
    name: String,
    at: At,
    /// Blocks and subexpressions around it, within its own part.
    depth: usize,
}

/// A template's own text, or an inline partial's (`{{#*inline "name"}}`): what it renders
/// before anything it includes.
#[derive(Debug)]
struct Part {
    /// The template name, or the inline partial's.
    name: String,
    /// Where an inline partial is defined; `None` for a template.
    inline_at: Option<At>,
    parts: u64,
    depth: usize,
    /// Where it nests deepest.
    deepest_at: Option<At>,
    includes: Vec<Include>,
}

impl Part {
    fn new(name: &str, inline_at: Option<At>) -> Part {
        Part {
            name: name.to_string(),
            inline_at,
            parts: 0,
            depth: 0,
            deepest_at: None,
            includes: Vec::new(),
        }
    }

    /// `summary.md.hbs`, or `inline partial "row" (week.md.hbs:3:1)`, for a loop's description.
    fn label(&self) -> String {
        match self.inline_at {
            None => file_name(&self.name),
            Some(at) => format!(
                "inline partial \"{}\" ({}:{}:{})",
                self.name,
                file_name(at.file),
                at.line,
                at.column
            ),
        }
    }
}

/// The size of every template and inline partial with all it includes, by name: what an include
/// of that name can cost. Where an inline partial and a template share a name, the larger.
#[derive(Debug)]
pub struct Sizes {
    by_name: HashMap<String, u64>,
    /// The root template's, which renders once.
    pub root: u64,
}

impl Sizes {
    /// The parts `template` renders, the templates it includes counted in full. `template` was
    /// checked with the rest, so it holds no include this cannot name.
    pub fn of(&self, template: &Template) -> u64 {
        // The walk's places are for errors, and a checked template has none to report.
        let mut walk = Walk::new(ROOT);
        let mut part = Part::new(ROOT, None);
        walk.template(template, 0, &mut part, None);
        part.includes
            .iter()
            .map(|include| self.by_name.get(&include.name).copied().unwrap_or(0))
            .fold(part.parts, u64::saturating_add)
    }
}

/// Checks the includes of every registered template, and sizes them.
pub fn check(hb: &Handlebars<'_>, sources: &Sources) -> Result<Sizes, Error> {
    let mut parts = Vec::new();
    for (name, _) in BUILTIN {
        let Some(template) = hb.get_template(name) else {
            continue;
        };
        let mut walk = Walk::new(name);
        let mut part = Part::new(name, None);
        walk.template(template, 0, &mut part, None);
        if let Some((at, problem)) = walk.problem {
            return Err(error(sources, at, &problem));
        }
        parts.push(part);
        parts.append(&mut walk.inlines);
    }
    Graph::new(parts).check(sources)
}

/// Walks one template's elements, recording its parts and the inline partials it defines.
struct Walk {
    file: &'static str,
    inlines: Vec<Part>,
    /// The first thing found that the check cannot allow.
    problem: Option<(At, String)>,
}

impl Walk {
    fn new(file: &'static str) -> Walk {
        Walk {
            file,
            inlines: Vec::new(),
            problem: None,
        }
    }

    fn fail(&mut self, at: At, problem: String) {
        if self.problem.is_none() {
            self.problem = Some((at, problem));
        }
    }

    /// Walks `template`, whose elements sit `depth` blocks deep in `part`. `outer` is where the
    /// block holding it starts, for elements that carry no position of their own.
    fn template(&mut self, template: &Template, depth: usize, part: &mut Part, outer: Option<At>) {
        for (index, element) in template.elements.iter().enumerate() {
            let at = match template.mapping.get(index) {
                Some(mapping) => At {
                    file: self.file,
                    line: mapping.0,
                    column: mapping.1,
                },
                None => outer.unwrap_or(At {
                    file: self.file,
                    line: 1,
                    column: 1,
                }),
            };
            self.element(element, depth, part, at);
        }
    }

    fn element(&mut self, element: &TemplateElement, depth: usize, part: &mut Part, at: At) {
        if self.problem.is_some() {
            return;
        }
        // Checked before going deeper, so that the walk itself stays shallow.
        if depth > MAX_DEPTH {
            return self.fail(at, too_deep(depth));
        }
        part.parts = part.parts.saturating_add(1);
        if part.deepest_at.is_none() || depth > part.depth {
            part.depth = depth;
            part.deepest_at = Some(at);
        }
        match element {
            TemplateElement::Expression(helper)
            | TemplateElement::HtmlExpression(helper)
            | TemplateElement::HelperBlock(helper) => {
                self.parameters(&helper.params, helper.hash.values(), depth, part, at);
                if let Parameter::Subexpression(_) = &helper.name {
                    self.parameter(&helper.name, depth, part, at);
                }
                for block in [&helper.template, &helper.inverse].into_iter().flatten() {
                    self.template(block, depth + 1, part, Some(at));
                }
            }
            TemplateElement::DecoratorExpression(decorator)
            | TemplateElement::DecoratorBlock(decorator) => {
                self.parameters(&decorator.params, decorator.hash.values(), depth, part, at);
                let Some(body) = &decorator.template else {
                    return;
                };
                if written_name(&decorator.name).as_deref() != Some("inline") {
                    // Not a decorator pivot has: rendering will say so. Its content still
                    // counts, wherever it would have gone.
                    return self.template(body, depth + 1, part, Some(at));
                }
                let Some(Parameter::Literal(serde_json::Value::String(name))) =
                    decorator.params.first()
                else {
                    return self.fail(
                        at,
                        "an inline partial's name must be written out in quotes, such as \
                         `{{#*inline \"row\"}}`, so that pivot can check what includes it"
                            .into(),
                    );
                };
                let mut inline = Part::new(name, Some(at));
                self.template(body, 0, &mut inline, Some(at));
                self.inlines.push(inline);
            }
            TemplateElement::PartialExpression(partial) => {
                self.parameters(&partial.params, partial.hash.values(), depth, part, at);
                match written_name(&partial.name) {
                    Some(name) if name == PARTIAL_BLOCK => {}
                    Some(name) => part.includes.push(Include { name, at, depth }),
                    None => self.fail(
                        at,
                        "the name of the template to include is worked out while rendering; \
                         write it out, such as `{{> week}}`, so that pivot can check that no \
                         template includes itself"
                            .into(),
                    ),
                }
            }
            TemplateElement::PartialBlock(partial) => {
                // handlebars renders a partial block's content in memory, out of reach of the
                // limit on the plan's length, before the template it wraps.
                let name = written_name(&partial.name).unwrap_or_else(|| "name".into());
                self.fail(
                    at,
                    format!(
                        "`{{{{#> {name}}}}}` blocks are not supported; include a template with \
                         `{{{{> {name}}}}}`"
                    ),
                );
            }
            _ => {}
        }
    }

    fn parameters<'a>(
        &mut self,
        params: &'a [Parameter],
        hash: impl Iterator<Item = &'a Parameter>,
        depth: usize,
        part: &mut Part,
        at: At,
    ) {
        for param in params.iter().chain(hash) {
            self.parameter(param, depth, part, at);
        }
    }

    /// A subexpression, `(helper ...)`, is an element one level deeper.
    fn parameter(&mut self, param: &Parameter, depth: usize, part: &mut Part, at: At) {
        if let Parameter::Subexpression(inner) = param {
            self.element(&inner.element, depth + 1, part, at);
        }
    }
}

/// The name an include, a helper or a decorator is written with, or `None` when it is computed
/// while rendering (a subexpression). Read the way handlebars reads it.
pub fn written_name(param: &Parameter) -> Option<String> {
    match param {
        Parameter::Name(name) => Some(name.clone()),
        Parameter::Path(Path::Relative((_, raw)) | Path::Local((_, _, raw))) => Some(raw.clone()),
        Parameter::Literal(value) => Some(value.render()),
        _ => None,
    }
}

/// Where `text` first nests blocks, or parentheses within a tag, more than [`MAX_DEPTH`] deep,
/// as (line, column, depth), read from the text before handlebars parses it: handlebars builds
/// nested parentheses by recursion, which a deep enough nest overflows before the parsed
/// template can be checked, and its parser reports a very deep nest of blocks as a syntax
/// error. Only the template's tags count; comments and raw blocks hold none.
pub fn nests_too_deep(text: &str) -> Option<(usize, usize, usize)> {
    let place = |offset: usize| {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    };
    let mut blocks = 0usize;
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let open = from + found;
        let tag = &text[open..];
        let skip_to = |end: &str| tag.find(end).map(|i| open + i + end.len());
        let next = if tag.starts_with("{{{{") {
            // A raw block: what follows its opening tag is text up to its closing tag.
            tag.find("{{{{/")
                .and_then(|close| tag[close..].find("}}}}").map(|i| open + close + i + 4))
        } else if tag.starts_with("{{!--") {
            skip_to("--}}")
        } else if tag.starts_with("{{!") || text[..open].ends_with('\\') {
            skip_to("}}")
        } else {
            let body = tag[2..].trim_start_matches('~');
            match body.chars().next() {
                Some('#') => blocks += 1,
                Some('^') if !body[1..].trim_start_matches('~').starts_with("}}") => blocks += 1,
                Some('/') => blocks = blocks.saturating_sub(1),
                _ => {}
            }
            let (end, parentheses) = tag_end(tag);
            let deepest = blocks.max(parentheses);
            if deepest > MAX_DEPTH {
                let (line, column) = place(open);
                return Some((line, column, deepest));
            }
            end.map(|end| open + end)
        };
        from = next?;
    }
    None
}

/// The byte just past the `}}` that closes `tag` (which starts with `{{`), if any, and the
/// deepest its parentheses nest, outside quoted strings.
fn tag_end(tag: &str) -> (Option<usize>, usize) {
    let mut quote = None;
    let mut depth = 0usize;
    let mut deepest = 0;
    for (i, c) in tag.char_indices().skip(2) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ')') => depth = depth.saturating_sub(1),
            (None, '}') if tag[i..].starts_with("}}") => return (Some(i + 2), deepest),
            _ => {}
        }
    }
    (None, deepest)
}

pub fn too_deep(depth: usize) -> String {
    format!(
        "blocks, includes and helpers in parentheses nest {depth} levels deep here; \
         at most {MAX_DEPTH}"
    )
}

fn too_deep_with_includes(depth: usize) -> String {
    format!(
        "blocks, includes and helpers in parentheses nest {depth} levels deep here, counting \
         the templates that include this one; at most {MAX_DEPTH}"
    )
}

fn error(sources: &Sources, at: At, problem: &str) -> Error {
    Error::Template {
        message: format!(
            "{}:{}:{}: {problem}",
            sources.describe(at.file),
            at.line,
            at.column
        ),
    }
}

/// Who includes whom, by name, checked from the root template: what renders. An include of a
/// name may render the template of that name or any inline partial of that name, since which
/// one applies depends on where it is rendered; so a name stands for all of them at once.
struct Graph {
    parts: Vec<Part>,
    /// The parts of each name.
    named: HashMap<String, Vec<usize>>,
}

/// How far the check has got with a name.
#[derive(Clone, Copy)]
enum Visit {
    /// On the current path from the root: reaching it again is a loop.
    Open,
    Done(Reach),
}

/// What the parts of a name render, with everything they include: the most parts and the
/// deepest nest among them, and where that nest is.
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    parts: u64,
    depth: usize,
    deepest_at: Option<At>,
}

impl Graph {
    fn new(parts: Vec<Part>) -> Graph {
        let mut named: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, part) in parts.iter().enumerate() {
            named.entry(part.name.clone()).or_default().push(i);
        }
        Graph { parts, named }
    }

    fn check(self, sources: &Sources) -> Result<Sizes, Error> {
        let mut visits = HashMap::new();
        let root = self.visit(ROOT, &mut visits, &mut Vec::new(), sources)?;
        // Names the root never reaches cannot render, so their size does not matter.
        let by_name = visits
            .into_iter()
            .filter_map(|(name, visit)| match visit {
                Visit::Done(reach) => Some((name.to_string(), reach.parts)),
                Visit::Open => None,
            })
            .collect();
        Ok(Sizes {
            by_name,
            root: root.parts,
        })
    }

    /// Checks the parts named `name` and all they include (depth first). `path` holds the
    /// parts being checked, each with the include being followed.
    fn visit<'a>(
        &'a self,
        name: &'a str,
        visits: &mut HashMap<&'a str, Visit>,
        path: &mut Vec<(usize, usize)>,
        sources: &Sources,
    ) -> Result<Reach, Error> {
        visits.insert(name, Visit::Open);
        let mut most = Reach::default();
        for &i in self.named.get(name).into_iter().flatten() {
            let part = &self.parts[i];
            let mut reach = Reach {
                parts: part.parts,
                depth: part.depth,
                deepest_at: part.deepest_at,
            };
            for (k, include) in part.includes.iter().enumerate() {
                // Every include is a level deeper, so a path this long is too deep already;
                // stopping here also keeps this walk's own recursion shallow.
                if path.len() >= MAX_DEPTH {
                    let message = too_deep_with_includes(path.len() + 1);
                    return Err(error(sources, include.at, &message));
                }
                path.push((i, k));
                let target = match visits.get(include.name.as_str()) {
                    Some(Visit::Done(target)) => *target,
                    Some(Visit::Open) => return Err(self.cycle(&include.name, path, sources)),
                    None if !self.named.contains_key(&include.name) => Reach::default(),
                    None => self.visit(&include.name, visits, path, sources)?,
                };
                path.pop();
                let depth = include.depth + 1 + target.depth;
                if depth > reach.depth {
                    reach.depth = depth;
                    reach.deepest_at = target.deepest_at.or(Some(include.at));
                }
                if reach.depth > MAX_DEPTH {
                    let at = reach.deepest_at.unwrap_or(include.at);
                    return Err(error(sources, at, &too_deep_with_includes(reach.depth)));
                }
                reach.parts = reach.parts.saturating_add(target.parts);
                if reach.parts > MAX_PARTS {
                    return Err(error(
                        sources,
                        include.at,
                        &format!(
                            "with this include the templates would render more than {} \
                             parts; include fewer templates, or each one fewer times",
                            max_parts_in_words()
                        ),
                    ));
                }
            }
            if reach.depth >= most.depth {
                most.depth = reach.depth;
                most.deepest_at = reach.deepest_at;
            }
            most.parts = most.parts.max(reach.parts);
        }
        visits.insert(name, Visit::Done(most));
        Ok(most)
    }

    /// The loop closed by including `name` again, named from a template file the user wrote
    /// when one is on it (the built-in templates include no loop), at the include leaving it.
    fn cycle(&self, name: &str, path: &[(usize, usize)], sources: &Sources) -> Error {
        let start = path
            .iter()
            .position(|&(i, _)| self.parts[i].name == name)
            .unwrap_or(0);
        let ring = &path[start..];
        let user_file =
            |&(i, k): &(usize, usize)| sources.is_user_file(self.parts[i].includes[k].at.file);
        let first = ring.iter().position(user_file).unwrap_or(0);
        let ordered: Vec<(usize, usize)> = ring[first..]
            .iter()
            .chain(&ring[..first])
            .copied()
            .collect();
        let mut names: Vec<String> = ordered
            .iter()
            .map(|&(i, _)| self.parts[i].label())
            .collect();
        names.push(names[0].clone());
        let (i, k) = ordered[0];
        error(
            sources,
            self.parts[i].includes[k].at,
            &format!(
                "the templates include each other in a loop: {}; a template may include \
                 others, but never itself, directly or through them",
                names.join(" -> ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(depth: usize) -> String {
        "{{#if a}}".repeat(depth)
    }

    fn parentheses(depth: usize) -> String {
        format!("{{{{x {}1{}}}}}", "(f ".repeat(depth), ")".repeat(depth))
    }

    #[test]
    fn the_text_may_nest_blocks_and_parentheses_up_to_the_limit() {
        assert_eq!(nests_too_deep(&blocks(MAX_DEPTH)), None);
        assert_eq!(
            nests_too_deep(&format!("line\n  {}", blocks(MAX_DEPTH + 1))),
            Some((2, 3 + 9 * MAX_DEPTH, MAX_DEPTH + 1))
        );
        assert_eq!(nests_too_deep(&parentheses(MAX_DEPTH)), None);
        assert_eq!(
            nests_too_deep(&parentheses(2000)),
            Some((1, 1, 2000)),
            "reported before handlebars recurses into it"
        );
    }

    #[test]
    fn only_tags_nest() {
        let closed = "{{#if a}}{{^}}{{else}}{{/if}}{{~#if a~}}{{~/if~}}".repeat(50);
        let text = format!(
            "{{{{!-- {deep} --}}}}{{{{! (((( }}}}\
             {{{{{{{{raw}}}}}}}}{deep}{{{{{{{{/raw}}}}}}}}\\{{{{#if a}}}}{closed}",
            deep = blocks(50)
        );
        assert_eq!(nests_too_deep(&text), None);
        let quoted = format!(
            "{{{{link \"{}\" '{}'}}}}",
            "(".repeat(50),
            "}}((".repeat(50)
        );
        assert_eq!(nests_too_deep(&quoted), None);
    }
}
