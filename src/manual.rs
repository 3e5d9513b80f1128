//! `pivot man`: one manual page with every command and each of its options, made from the
//! command line's definition so that it cannot fall behind it.

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::Roff;

use crate::cli::Cli;

/// One of clap_mangen's section renderers.
type Render = fn(&Man, &mut dyn Write) -> std::io::Result<()>;

/// A section as clap_mangen renders it, without its `.SH` heading and the string definitions
/// every rendering starts with, so that it can go anywhere in this page.
fn body(man: &Man, render: Render) -> std::io::Result<String> {
    let mut buffer = Vec::new();
    render(man, &mut buffer)?;
    let text = String::from_utf8_lossy(&buffer);
    let preamble = Roff::new().render();
    Ok(text
        .strip_prefix(&preamble)
        .unwrap_or(&text)
        .lines()
        .filter(|line| !line.starts_with(".SH "))
        .map(|line| format!("{line}\n"))
        .collect())
}

/// A command's examples (its text after the help), line for line as `--help` shows them.
fn examples(man: &Man) -> std::io::Result<String> {
    let text = body(man, Man::render_extra_section)?;
    Ok(if text.is_empty() {
        text
    } else {
        format!(".PP\n.nf\n{text}.fi\n")
    })
}

/// The page: the usual sections for `pivot` itself, then a COMMANDS section with, for each
/// command, what it does, its synopsis, its options and its examples.
pub fn page() -> std::io::Result<String> {
    let mut cli = Cli::command();
    // Building names every command as it is typed (`pivot templates export`).
    cli.build();
    let man = Man::new(cli.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    for (heading, render) in [
        ("NAME", Man::render_name_section as Render),
        ("SYNOPSIS", Man::render_synopsis_section),
        ("DESCRIPTION", Man::render_description_section),
        ("OPTIONS", Man::render_options_section),
    ] {
        page.push_str(&format!(".SH {heading}\n{}", body(&man, render)?));
    }
    page.push_str(".SH COMMANDS\n");
    // Depth first, in the order `pivot help` lists them: a stack of the commands still to
    // write, the next one last.
    let mut commands: Vec<clap::Command> = cli.get_subcommands().cloned().collect();
    commands.reverse();
    while let Some(command) = commands.pop() {
        if command.is_hide_set() {
            continue;
        }
        // A group such as `pivot templates` is documented by its commands, less its own `help`,
        // which does what `pivot help` does; `pivot help` takes the other commands' names,
        // which are documented already.
        if command.has_subcommands() && command.get_name() != "help" {
            let mut group: Vec<clap::Command> = command
                .get_subcommands()
                .filter(|c| c.get_name() != "help")
                .cloned()
                .collect();
            group.reverse();
            commands.extend(group);
            continue;
        }
        let name = command
            .get_bin_name()
            .unwrap_or_else(|| command.get_name())
            .to_string();
        let man = Man::new(command);
        let mut heading = Roff::new();
        heading.control("SS", [name.as_str()]);
        page.push_str(&heading.to_roff());
        page.push_str(&body(&man, Man::render_description_section)?);
        page.push_str(".PP\n");
        page.push_str(&body(&man, Man::render_synopsis_section)?);
        page.push_str(&body(&man, Man::render_options_section)?);
        page.push_str(&examples(&man)?);
    }
    page.push_str(&format!(".SH EXAMPLES\n{}", examples(&man)?));
    page.push_str(&format!(
        ".SH VERSION\n{}",
        body(&man, Man::render_version_section)?
    ));
    Ok(page)
}
