//! `demarche completions SHELL` and `demarche man`: generated from the clap definitions, so they
//! never drift from the flags.

use crate::args::{Cli, CompletionsArgs, ManArgs};
use anyhow::Context;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    // Generated into memory first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "demarche", &mut script);
    let mut out = crate::output::open(args.output.as_deref())?;
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: &ManArgs) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        clap_mangen::generate_to(Cli::command(), dir).with_context(|| format!("{}: cannot write the pages", dir.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = crate::output::open(args.output.as_deref())?;
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
