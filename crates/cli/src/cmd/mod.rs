//! One module per subcommand; `run` dispatches.

mod actors;
mod bench;
mod code;
mod eval;
mod parse;
pub mod petrarch;
mod places;
mod segment;
mod serve;
mod shell;
pub mod store;
mod validate;

use crate::args::{Cli, Command};
use std::process::ExitCode;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Segment(a) => segment::run(&a),
        Command::Actors(a) => actors::run(&a),
        Command::Code(a) => code::run(&a),
        Command::Places(a) => places::run(&a),
        Command::Bench(a) => bench::run(&a),
        Command::Validate(a) => validate::run(&a),
        Command::Ingest(a) => store::ingest(&a),
        Command::Serve(a) => serve::run(&a),
        Command::Relations(a) => store::relations(&a),
        Command::Events(a) => store::events(&a),
        Command::Export(a) => store::export(&a),
        Command::Eval(crate::args::EvalCommand::Quad(a)) => eval::quad(&a),
        Command::Completions(a) => shell::completions(&a),
        Command::Man(a) => shell::man(&a),
        Command::Parse(a) => parse::run(&a),
        Command::Parser(crate::args::ParserCommand::Train(a)) => parse::train(&a),
        Command::Parser(crate::args::ParserCommand::Eval(a)) => parse::eval(&a),
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
    let mut kb =
        if args.actors_only.is_empty() { demarche_actors::KnowledgeBase::builtin()? } else { demarche_actors::KnowledgeBase::empty() };
    for p in args.actors_only.iter().chain(&args.actors) {
        kb.add_path(p)?;
    }
    Ok(kb)
}

/// Build the event coder the flags ask for.
pub fn load_coder(args: &crate::args::CoderArgs) -> anyhow::Result<demarche_events::Coder> {
    use anyhow::Context;
    let kb = load_kb(&args.kb)?;
    let mut dict = if args.verbs_only.is_empty() {
        demarche_events::VerbDictionary::builtin()?
    } else {
        demarche_events::VerbDictionary::without_patterns()?
    };
    for p in args.verbs_only.iter().chain(&args.verbs) {
        let text = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
        dict.add_patterns(&p.display().to_string(), &text)?;
    }
    let mut coder = demarche_events::Coder::new(dict, kb);
    coder.options.allow_one_sided = args.allow_one_sided;
    coder.options.include_negated = args.include_negated;
    coder.options.allow_actorless = args.allow_actorless;
    coder.options.allow_one_sided |= args.allow_actorless;
    Ok(coder)
}

/// Shorten `s` to `n` characters for a table column, marking the cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}
