//! Bounds on the work a render may do, so that templates that repeat themselves out of hand
//! (an `{{#each}}` over every item inside another, say) stop within seconds with an error
//! instead of running for minutes and filling memory: the plan may be at most [`MAX_BYTES`]
//! long, and may render at most [`MAX_PARTS`] parts.
//!
//! Only `{{#each}}` repeats: everything else renders once each time what holds it does, which
//! `includes` has counted. So the content of every `{{#each}}` starts with a call to [`COUNT`]
//! that charges, at each entry, the parts that content renders, includes and all. Another
//! helper in place of `each` could not do it: handlebars keeps its own `each` private.

use std::cell::Cell;
use std::io::{self, Write};

use handlebars::template::{Template, TemplateElement, TemplateMapping};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, TemplateError,
};
use serde::Serialize;

use super::includes::{MAX_PARTS, Sizes, max_parts_in_words, written_name};
use super::templates::{BUILTIN, ROOT};

/// Longest plan a render may write, besides [`BYTES_PER_ITEM`] for each item. The longest
/// shipped example is 30 KiB and a 24-month plan at one hour a week 120 KiB; 4 MiB is more than
/// 30 times that, and writing it takes well under a second.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Room for each item of the plan: a plan from a catalog of thousands of modules takes about
/// half a kilobyte an item (4.5 MiB for ten thousand), twice that is allowed.
const BYTES_PER_ITEM: usize = 1024;

/// The longest a plan of `items` items may be.
pub fn max_bytes(items: usize) -> usize {
    MAX_BYTES.saturating_add(items.saturating_mul(BYTES_PER_ITEM))
}

/// The helper that charges an `{{#each}}`'s entries. The name cannot clash with a helper of
/// pivot's, and a template that calls it only spends its own allowance.
const COUNT: &str = "pivot-count-parts";

/// Puts a charge at the start of every `{{#each}}`'s content in the registered templates, and
/// registers the helper that keeps the count, starting from the root template's own parts.
pub fn count_parts(hb: &mut Handlebars<'_>, sizes: &Sizes) -> Result<(), TemplateError> {
    for (name, _) in BUILTIN {
        if let Some(mut template) = hb.get_template(name).cloned() {
            charge_loops(&mut template, sizes)?;
            hb.register_template(name, template);
        }
    }
    hb.register_helper(COUNT, Box::new(Counter { root: sizes.root }));
    Ok(())
}

/// Adds the charge to every `{{#each}}` in `template`, however deep.
fn charge_loops(template: &mut Template, sizes: &Sizes) -> Result<(), TemplateError> {
    for (element, at) in template.elements.iter_mut().zip(&template.mapping) {
        match element {
            TemplateElement::HelperBlock(helper) => {
                let repeats = written_name(&helper.name).as_deref() == Some("each");
                if let Some(content) = &mut helper.template {
                    charge_loops(content, sizes)?;
                    if repeats {
                        // An entry is a part of its own, even with nothing in it.
                        let parts = sizes.of(content).saturating_add(1);
                        start_with_charge(content, parts, at)?;
                    }
                }
                if let Some(otherwise) = &mut helper.inverse {
                    charge_loops(otherwise, sizes)?;
                }
            }
            TemplateElement::DecoratorBlock(decorator) => {
                if let Some(content) = &mut decorator.template {
                    charge_loops(content, sizes)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Makes `content` start with `{{pivot-count-parts PARTS}}`, placed where its `{{#each}}` is
/// (`at`), so that running out of parts is reported at the loop.
fn start_with_charge(
    content: &mut Template,
    parts: u64,
    at: &TemplateMapping,
) -> Result<(), TemplateError> {
    let mut charge = Template::compile(&format!("{{{{{COUNT} {parts}}}}}"))?;
    for mapping in &mut charge.mapping {
        (mapping.0, mapping.1) = (at.0, at.1);
    }
    content.elements.splice(0..0, charge.elements);
    content.mapping.splice(0..0, charge.mapping);
    Ok(())
}

thread_local! {
    /// The parts the loops of the render under way on this thread have charged: a render runs
    /// on one thread from start to end, and templates compiled once may render plans on many
    /// threads at a time.
    static SPENT: Cell<u64> = const { Cell::new(0) };
}

/// Keeps the count of parts rendered, and stops the render past [`MAX_PARTS`].
struct Counter {
    /// The parts the templates render outside their loops.
    root: u64,
}

impl HelperDef for Counter {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        _: &mut dyn Output,
    ) -> HelperResult {
        let parts = h
            .param(0)
            .and_then(|param| param.value().as_u64())
            .unwrap_or(0);
        let spent = SPENT.get().saturating_add(parts);
        SPENT.set(spent);
        if self.root.saturating_add(spent) > MAX_PARTS {
            return Err(RenderErrorReason::Other(format!(
                "this {{{{#each}}}} makes the templates render more than {} parts, far more than \
                 any real plan needs; check for an {{{{#each}}}} inside another that repeats a \
                 whole list",
                max_parts_in_words()
            ))
            .into());
        }
        Ok(())
    }
}

/// Renders the root template, stopping with an error past `max_bytes` (and, once
/// [`count_parts`] has run, past [`MAX_PARTS`]).
pub fn render<T: Serialize>(
    hb: &Handlebars<'_>,
    data: &T,
    max_bytes: usize,
) -> Result<String, RenderError> {
    let mut out = Capped {
        bytes: Vec::new(),
        limit: max_bytes,
    };
    SPENT.set(0);
    hb.render_to_write(ROOT, data, &mut out)?;
    String::from_utf8(out.bytes).map_err(|err| RenderErrorReason::Utf8Error(err).into())
}

/// The plan as it is written, refusing to grow past `limit` bytes. Its error is the only I/O
/// error a render can meet, so its text is what the user reads.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            return Err(io::Error::other(format!(
                "the plan would be longer than {} MiB, far longer than any real plan; check for \
                 an {{{{#each}}}} inside another {{{{#each}}}} that repeats a whole list",
                self.limit / (1024 * 1024)
            )));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_may_grow_to_the_limit_and_no_further() {
        let mut out = Capped {
            bytes: Vec::new(),
            limit: MAX_BYTES,
        };
        out.write_all(&vec![b'x'; MAX_BYTES - 1])
            .expect("room left");
        out.write_all(b"y").expect("exactly the limit");
        let err = out.write_all(b"z").expect_err("past the limit");
        assert!(err.to_string().contains("longer than 4 MiB"), "{err}");
        assert_eq!(out.bytes.len(), MAX_BYTES);
    }

    /// Ten thousand modules make a plan of about 4.5 MiB.
    #[test]
    fn a_plan_of_many_items_has_room_for_them() {
        assert_eq!(max_bytes(0), MAX_BYTES);
        assert!(max_bytes(10_000) > 9 * 1024 * 1024);
        let mut out = Capped {
            bytes: Vec::new(),
            limit: max_bytes(10_000),
        };
        out.write_all(&vec![b'x'; 9 * 1024 * 1024])
            .expect("a plan of ten thousand modules");
        let err = out
            .write_all(&vec![b'x'; 6 * 1024 * 1024])
            .expect_err("past the limit");
        assert!(err.to_string().contains("longer than 13 MiB"), "{err}");
    }
}
