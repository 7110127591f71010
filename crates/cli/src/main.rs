//! The `demarche` binary: a thin `main` that parses arguments, runs one subcommand and turns its
//! outcome into an exit code. Each subcommand lives in its own module under `cmd/`.

mod args;
mod cmd;
mod formats;
mod input;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("demarche: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
