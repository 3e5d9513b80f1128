use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match pivot::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(err.exit_code().clamp(0, 255) as u8);
        }
    };
    match pivot::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(help) = err.help() {
                eprintln!("help: {help}");
            }
            ExitCode::from(err.code() as u8)
        }
    }
}
