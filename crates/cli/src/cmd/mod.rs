//! One module per subcommand; `run` dispatches.

mod actors;
mod segment;

use crate::args::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Segment(a) => segment::run(&a),
        Command::Actors(a) => actors::run(&a),
    }
}

/// Exit code for a batch: 0 when every input was read, 1 when some were not.
pub fn batch_exit(failed: usize, total_ok: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else if total_ok == 0 {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// Load the actor knowledge base the flags ask for.
pub fn load_kb(args: &crate::args::KbArgs) -> anyhow::Result<demarche_actors::KnowledgeBase> {
    let mut kb = if args.actors_only.is_empty() {
        demarche_actors::KnowledgeBase::builtin()?
    } else {
        demarche_actors::KnowledgeBase::empty()
    };
    for p in args.actors_only.iter().chain(&args.actors) {
        kb.add_path(p)?;
    }
    Ok(kb)
}
