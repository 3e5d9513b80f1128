//! The template helpers: one small function each, all registered in [`register`]. Each checks its
//! parameters and fails with a message that names the helper. They write their own output, so
//! each escapes what it writes for the place it is meant for.

use chrono::NaiveDate;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use serde_json::Value;

use super::escape;

/// Registers every helper.
pub fn register(hb: &mut Handlebars<'_>) {
    hb.register_helper("date", Box::new(date));
    hb.register_helper("hours", Box::new(hours));
    hb.register_helper("money", Box::new(money));
    hb.register_helper("url", Box::new(url));
    hb.register_helper("link", Box::new(link));
    hb.register_helper("quote", Box::new(quote));
    hb.register_helper("mermaid", Box::new(mermaid));
    hb.register_helper("mark", Box::new(mark));
}

/// `{{mark id}}` gives the invisible mark that lets `pivot progress` match a box to item `id`;
/// `{{mark id hours=h}}` says the box stands for `h` hours of it in one week, and
/// `{{mark id done=h}}` that `h` hours of it were done before. It goes at the end of the box's
/// line.
fn mark(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 1, 1, "an item id, and optionally hours=H or done=H")?;
    let id = string_param(h, 0, "an item id")?;
    let mut pairs = Vec::new();
    for key in ["hours", "done"] {
        if let Some(value) = h.hash_get(key) {
            let hours = value.value().as_f64().ok_or_else(|| {
                failure(format!(
                    "mark: {key} must be a number of hours, not {}",
                    describe(value.value())
                ))
            })?;
            pairs.push((key, hours));
        }
    }
    if let Some(other) = h.hash().keys().find(|key| !["hours", "done"].contains(key)) {
        return Err(failure(format!(
            "mark: unknown option {other}; allowed: hours=H or done=H"
        )));
    }
    out.write(&crate::progress::mark(id, &pairs))?;
    Ok(())
}

fn failure(message: String) -> RenderError {
    RenderErrorReason::Other(message).into()
}

/// Checks the number of parameters of `helper`, which takes `usage`.
fn arity(h: &Helper<'_>, min: usize, max: usize, usage: &str) -> Result<(), RenderError> {
    let given = h.params().len();
    if given < min || given > max {
        return Err(failure(format!(
            "{}: expects {usage}, but was given {given} parameter{}",
            h.name(),
            if given == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// Parameter `index`, which must be present in the plan data.
fn param<'a>(h: &'a Helper<'_>, index: usize) -> Result<&'a Value, RenderError> {
    let Some(p) = h.param(index) else {
        return Err(failure(format!(
            "{}: parameter {} is missing",
            h.name(),
            index + 1
        )));
    };
    if p.is_value_missing() {
        return Err(failure(format!(
            "{}: `{}` is not in the plan data (check the spelling)",
            h.name(),
            p.relative_path().map_or("the value", String::as_str)
        )));
    }
    Ok(p.value())
}

fn string_param<'a>(h: &'a Helper<'_>, index: usize, what: &str) -> Result<&'a str, RenderError> {
    let value = param(h, index)?;
    value.as_str().ok_or_else(|| {
        failure(format!(
            "{}: parameter {} must be {what}, not {}",
            h.name(),
            index + 1,
            describe(value)
        ))
    })
}

fn number_param(h: &Helper<'_>, index: usize, what: &str) -> Result<f64, RenderError> {
    let value = param(h, index)?;
    value.as_f64().ok_or_else(|| {
        failure(format!(
            "{}: parameter {} must be {what}, not {}",
            h.name(),
            index + 1,
            describe(value)
        ))
    })
}

/// A value as a message shows it.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty (null)".to_string(),
        Value::String(s) => format!("the text {s:?}"),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
        other => other.to_string(),
    }
}

/// `{{date d}}` gives `Mon 4 Jan 2027`; `{{date d "short"}}` gives `Mon 4 Jan`; `{{date d "iso"}}`
/// gives `2027-01-04`, for Mermaid.
fn date(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(
        h,
        1,
        2,
        "a date and an optional format (\"long\", \"short\" or \"iso\")",
    )?;
    let text = string_param(h, 0, "a date like 2027-01-04")?;
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        failure(format!(
            "date: parameter 1 must be a date like 2027-01-04, not {text:?}"
        ))
    })?;
    let format = if h.params().len() > 1 {
        string_param(h, 1, "a format name")?
    } else {
        "long"
    };
    let text = match format {
        "long" => crate::words::day_date(day),
        "short" => crate::words::short_day(day),
        "iso" => day.to_string(),
        other => {
            return Err(failure(format!(
                "date: unknown format {other:?}; use \"long\", \"short\" or \"iso\""
            )));
        }
    };
    out.write(&text)?;
    Ok(())
}

/// `{{hours 7.5}}` gives `7.5 h`.
fn hours(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 1, 1, "a number of hours")?;
    let value = number_param(h, 0, "a number of hours")?;
    out.write(&crate::words::hours_short(value))?;
    Ok(())
}

/// `{{money 300 "GBP"}}` gives `£300`; other currencies are written as `CHF 49.50`.
fn money(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 2, 2, "an amount and a currency code")?;
    let amount = number_param(h, 0, "an amount")?;
    let currency = string_param(h, 1, "a currency code like \"GBP\"")?;
    out.write(&escape::text(&crate::words::money(amount, currency)))?;
    Ok(())
}

/// `{{url u}}` gives a clickable `<https://...>`, or the address as plain text when it is not a
/// web or mail address.
fn url(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 1, 1, "an address")?;
    let address = string_param(h, 0, "an address")?;
    match escape::link_destination(address) {
        Some(destination) => out.write(&format!("<{destination}>"))?,
        None => out.write(&escape::text(address))?,
    }
    Ok(())
}

/// `{{link title u}}` gives `[title](u)`, or the title and the address as plain text when the
/// address is not a web or mail address.
fn link(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 2, 2, "a title and an address")?;
    let title = escape::text(string_param(h, 0, "a title")?);
    let address = string_param(h, 1, "an address")?;
    let written = match (escape::link_destination(address), title.is_empty()) {
        (Some(destination), false) => format!("[{title}]({destination})"),
        (Some(destination), true) => format!("<{destination}>"),
        (None, false) => format!("{title} ({})", escape::text(address)),
        (None, true) => escape::text(address),
    };
    out.write(&written)?;
    Ok(())
}

/// `{{quote text}}` gives the text as a blockquote, one `> ` line per line of text.
fn quote(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 1, 1, "the text to quote")?;
    let text = string_param(h, 0, "text")?;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let escaped = escape::text(line);
            if escaped.is_empty() {
                ">".to_string()
            } else {
                format!("> {escaped}")
            }
        })
        .collect();
    let first = lines.iter().position(|l| l != ">").unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| l != ">")
        .map_or(first, |i| i + 1);
    out.write(&lines[first..last.max(first)].join("\n"))?;
    Ok(())
}

/// `{{mermaid title}}` gives a short task name that Mermaid's gantt chart accepts.
fn mermaid(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    arity(h, 1, 1, "a task name")?;
    let name = string_param(h, 0, "a task name")?;
    out.write(&escape::mermaid_name(name))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn registry() -> Handlebars<'static> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        register(&mut hb);
        hb
    }

    fn render(template: &str, data: Value) -> Result<String, String> {
        registry()
            .render_template(template, &data)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn date_formats() {
        let data = json!({"d": "2027-01-04"});
        assert_eq!(
            render("{{date d}}", data.clone()).as_deref(),
            Ok("Mon 4 Jan 2027")
        );
        assert_eq!(
            render("{{date d \"short\"}}", data.clone()).as_deref(),
            Ok("Mon 4 Jan")
        );
        assert_eq!(
            render("{{date d \"iso\"}}", data).as_deref(),
            Ok("2027-01-04")
        );
    }

    #[test]
    fn helpers_name_themselves_when_misused() {
        let data = json!({"d": "2027-01-04", "n": null, "bad": "soon", "x": 3});
        let cases = [
            ("{{date}}", "date: expects a date"),
            ("{{date d \"weird\"}}", "date: unknown format"),
            (
                "{{date bad}}",
                "date: parameter 1 must be a date like 2027-01-04",
            ),
            (
                "{{date n}}",
                "date: parameter 1 must be a date like 2027-01-04, not empty",
            ),
            (
                "{{date missing}}",
                "date: `missing` is not in the plan data",
            ),
            (
                "{{hours d}}",
                "hours: parameter 1 must be a number of hours",
            ),
            (
                "{{hours x x}}",
                "hours: expects a number of hours, but was given 2",
            ),
            (
                "{{money x}}",
                "money: expects an amount and a currency code",
            ),
            ("{{url x}}", "url: parameter 1 must be an address, not 3"),
            ("{{link d}}", "link: expects a title and an address"),
            ("{{quote x}}", "quote: parameter 1 must be text"),
            ("{{mermaid}}", "mermaid: expects a task name"),
        ];
        for (template, expected) in cases {
            let err = render(template, data.clone()).expect_err(template);
            assert!(err.contains(expected), "{template}: {err}");
        }
    }

    #[test]
    fn links_and_quotes() {
        let data = json!({
            "t": "Docs [x]", "u": "https://e.com/a_(b)", "js": "javascript:alert(1)",
            "q": "\nHi *there*,\n\n# not a heading\n"
        });
        assert_eq!(
            render("{{link t u}}", data.clone()).as_deref(),
            Ok(r"[Docs \[x\]](https://e.com/a_%28b%29)")
        );
        assert_eq!(
            render("{{url u}}", data.clone()).as_deref(),
            Ok("<https://e.com/a_%28b%29>")
        );
        assert_eq!(
            render("{{link t js}}", data.clone()).as_deref(),
            Ok(r"Docs \[x\] (javascript:alert(1))")
        );
        assert_eq!(
            render("{{quote q}}", data).as_deref(),
            Ok("> Hi \\*there\\*,\n>\n> \\# not a heading")
        );
    }
}
