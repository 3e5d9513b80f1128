//! Reads a generated document back with pulldown-cmark (GitHub tables and task lists on) and
//! checks its shape: one title, no skipped heading levels, intact table rows, no raw HTML but
//! the marks on boxes, Mermaid task lines Mermaid can parse, and the learner's name as plain
//! text.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(
        text,
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Every problem with the document, or `Ok` when there are none.
pub fn check(text: &str, name: &str) -> Result<(), Vec<String>> {
    let mut problems = Vec::new();
    check_headings(text, &mut problems);
    check_tables(text, &mut problems);
    check_no_html(text, &mut problems);
    check_mermaid(text, &mut problems);
    check_name(text, name, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fn check_headings(text: &str, problems: &mut Vec<String>) {
    let mut previous = 0;
    let mut titles = 0;
    for (event, range) in parser(text).into_offset_iter() {
        if let Event::Start(Tag::Heading { level: l, .. }) = event {
            let l = level(l);
            if l == 1 {
                titles += 1;
            }
            if previous == 0 && l != 1 {
                problems.push(format!(
                    "the first heading (line {}) is not a title",
                    line_of(text, range.start)
                ));
            }
            if l > previous + 1 {
                problems.push(format!(
                    "heading at line {} is h{l} after h{previous}: a level is skipped",
                    line_of(text, range.start)
                ));
            }
            previous = l;
        }
    }
    if titles != 1 {
        problems.push(format!(
            "{titles} level-1 headings; a document has one title"
        ));
    }
}

/// Cells in a source row, split at pipes that are not backslash-escaped.
fn source_cells(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = match row.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => row,
    };
    let mut cells = 1;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => cells += 1,
            _ => escaped = false,
        }
    }
    cells
}

fn check_tables(text: &str, problems: &mut Vec<String>) {
    let mut columns = 0;
    let mut rows = 0;
    let mut cells_in_row = 0;
    let mut tables = 0;
    for (event, range) in parser(text).into_offset_iter() {
        let line = line_of(text, range.start);
        match event {
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                columns = alignments.len();
                rows = 0;
            }
            Event::End(TagEnd::Table) => {
                let source_lines = text[range.clone()].trim_end().lines().count();
                if source_lines != rows + 1 {
                    problems.push(format!(
                        "table at line {line}: {source_lines} source lines but {rows} rows and a \
                         delimiter row: a line break or a stray pipe broke a row"
                    ));
                }
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                rows += 1;
                cells_in_row = 0;
                let in_source = source_cells(&text[range.clone()]);
                if in_source != columns {
                    problems.push(format!(
                        "table row at line {line} has {in_source} cells in the source, the header has {columns}"
                    ));
                }
            }
            Event::Start(Tag::TableCell) => cells_in_row += 1,
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow)
                if cells_in_row != columns =>
            {
                problems.push(format!(
                    "table row at line {line} has {cells_in_row} cells, the header has {columns}"
                ));
            }
            _ => {}
        }
    }
    if tables == 0 {
        problems.push("no table found (the resources table is missing)".to_string());
    }
}

/// No HTML, but for the comments that mark a box for `pivot progress`, which every reader hides:
/// inline, at the end of a task-list item's line, and holding no other markup.
fn check_no_html(text: &str, problems: &mut Vec<String>) {
    for (event, range) in parser(text).into_offset_iter() {
        if let Event::InlineHtml(html) = &event {
            let line = text[..range.end].lines().last().unwrap_or_default();
            let inner = html
                .strip_prefix("<!-- pivot item=")
                .and_then(|m| m.strip_suffix(" -->"));
            let at_box_end =
                line.trim_start().starts_with("- [") && text[range.end..].starts_with('\n');
            if inner.is_some_and(|inner| !inner.contains(['<', '>']) && !inner.contains("--"))
                && at_box_end
            {
                continue;
            }
        }
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            problems.push(format!(
                "raw HTML at line {}: {html}",
                line_of(text, range.start)
            ));
        }
    }
}

/// Task lines need exactly one `:` (name, then data) and no `#` or `;`.
fn check_mermaid(text: &str, problems: &mut Vec<String>) {
    let mut in_mermaid = false;
    let mut blocks = 0;
    for event in parser(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "mermaid" => {
                in_mermaid = true;
                blocks += 1;
            }
            Event::End(TagEnd::CodeBlock) => in_mermaid = false,
            Event::Text(body) if in_mermaid => {
                for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let keyword = line.split_whitespace().next().unwrap_or_default();
                    if [
                        "gantt",
                        "dateFormat",
                        "axisFormat",
                        "inclusiveEndDates",
                        "section",
                    ]
                    .contains(&keyword)
                    {
                        continue;
                    }
                    let Some((name, data)) = line.split_once(" :") else {
                        problems.push(format!("mermaid line without task data: {line}"));
                        continue;
                    };
                    if name.contains([':', '#', ';', '%']) || data.contains(['#', ';']) {
                        problems.push(format!("mermaid line Mermaid would misread: {line}"));
                    }
                    if name.chars().count() > 48 {
                        problems.push(format!("mermaid task name is too long: {name}"));
                    }
                }
            }
            _ => {}
        }
    }
    if blocks != 1 {
        problems.push(format!("{blocks} Mermaid blocks; the timeline needs one"));
    }
}

fn check_name(text: &str, name: &str, problems: &mut Vec<String>) {
    let runs = text_runs(text);
    let whole = runs.iter().filter(|run| run.contains(name)).count();
    if whole == 0 {
        problems.push(format!("the name {name:?} never appears as plain text"));
    }
    let first_word = name.split_whitespace().next().unwrap_or(name);
    let pieces = runs.iter().filter(|run| run.contains(first_word)).count();
    if pieces != whole {
        problems.push(format!(
            "the name {name:?} appears broken up by markup ({pieces} runs hold {first_word:?}, {whole} the whole name)"
        ));
    }
}

/// The document's plain text, in runs: text that is not interrupted by any markup (emphasis,
/// links, code, HTML, a new block). Text inside code blocks is left out.
pub fn text_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut in_code_block = false;
    for event in parser(text) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) if !in_code_block => {
                current.push_str(&t);
                continue;
            }
            Event::SoftBreak if !current.is_empty() => {
                current.push(' ');
                continue;
            }
            _ => {}
        }
        if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// The destination of every link in the document, in order.
pub fn link_destinations(text: &str) -> Vec<String> {
    parser(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}
