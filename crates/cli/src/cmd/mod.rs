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

/// What the built-in coder's flags ask for.
fn builtin_spec(args: &crate::args::CoderArgs) -> demarche_events::BuiltinSpec {
    demarche_events::BuiltinSpec {
        actors: args.kb.actors.clone(),
        actors_only: args.kb.actors_only.clone(),
        verbs: args.verbs.clone(),
        verbs_only: args.verbs_only.clone(),
        options: demarche_events::CoderOptions {
            allow_one_sided: args.allow_one_sided,
            include_negated: args.include_negated,
            allow_actorless: args.allow_actorless,
            ..Default::default()
        },
    }
}

/// The built-in coder the flags ask for (commands that only know the built-in patterns: `eval`).
pub fn load_builtin(args: &crate::args::CoderArgs) -> anyhow::Result<demarche_events::Coder> {
    Ok(demarche_events::coders::load_builtin(&builtin_spec(args))?)
}

/// The coder the flags ask for — built-in patterns, TABARI/PETRARCH dictionaries, or both — as
/// `code`, `ingest` and `serve` use it (through `demarche_events::load`, as Python does too).
/// Dictionary warnings go to stderr.
pub fn load_coder(
    args: &crate::args::CoderArgs,
    petrarch: &crate::args::PetrarchArgs,
) -> anyhow::Result<Box<dyn demarche_events::EventCoder>> {
    use anyhow::Context;
    let source = match (&petrarch.dictionaries, &petrarch.dictionary_config) {
        (Some(dir), _) => Some(demarche_events::DictionarySource::Folder(dir.clone())),
        (None, Some(cfg)) => Some(demarche_events::DictionarySource::Config(cfg.clone())),
        (None, None) => None,
    };
    let petrarch = match source {
        None => None,
        Some(source) => {
            let mut options = Vec::new();
            for o in &petrarch.options {
                let (k, v) = o.split_once('=').with_context(|| format!("--option {o}: expected NAME=VALUE"))?;
                options.push((k.to_string(), v.to_string()));
            }
            let mode = match petrarch.mode {
                crate::args::CodeMode::Auto => None,
                crate::args::CodeMode::Tree => Some(demarche_petrarch::Mode::Tree),
                crate::args::CodeMode::Text => Some(demarche_petrarch::Mode::Text),
            };
            Some(demarche_events::PetrarchSpec { source, options, mode, with_builtin: petrarch.with_builtin })
        }
    };
    let is_petrarch = petrarch.is_some();
    let loaded = demarche_events::load(&demarche_events::CoderSpec { builtin: builtin_spec(args), petrarch });
    let loaded = if is_petrarch { loaded.context("loading PETRARCH dictionaries")? } else { loaded? };
    for w in &loaded.warnings {
        eprintln!("demarche: warning: {w}");
    }
    Ok(loaded.coder)
}

/// Shorten `s` to `n` characters for a table column, marking the cut.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}
