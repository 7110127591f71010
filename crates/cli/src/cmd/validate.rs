//! `demarche validate`: run a PETRARCH validation file against TABARI/PETRARCH dictionaries.

use crate::args::{PetrarchMode, ReportFormat, ValidateArgs};
use anyhow::Context;
use demarche_petrarch::{records, validate, Dictionaries, DictionaryFiles, Mode, Options};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn mode(m: PetrarchMode) -> Mode {
    match m {
        PetrarchMode::Tree => Mode::Tree,
        PetrarchMode::Text => Mode::Text,
    }
}

/// A file named by a validation file's <Environment>, confined to the dictionary folder: a
/// plain relative name with no `..`, whose real path (links resolved) lies inside `dir`. A
/// validation file from elsewhere cannot make `validate` read `/etc/passwd` or `../../secret`.
fn confined(dir: &Path, name: &str) -> anyhow::Result<std::path::PathBuf> {
    use std::path::Component;
    let rel = Path::new(name.trim());
    let plain = !name.trim().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain {
        anyhow::bail!("<Environment> names {name:?}: dictionary files must be relative names inside {}", dir.display());
    }
    let path = dir.join(rel);
    if let (Ok(real), Ok(root)) = (path.canonicalize(), dir.canonicalize()) {
        if !real.starts_with(&root) {
            anyhow::bail!("<Environment> names {name:?}, which leads outside {}", dir.display());
        }
    }
    Ok(path)
}

/// The dictionary files a validation file's <Environment> names, in `dir`; files it does not
/// name are discovered in the folder.
fn environment_files(env: &records::Environment, dir: &Path) -> anyhow::Result<DictionaryFiles> {
    let mut files = DictionaryFiles::discover(dir).with_context(|| format!("{}: no dictionaries", dir.display()))?;
    let dir_join = |name: &String| confined(dir, name);
    if let Some(v) = &env.verbfile {
        files.verbs = dir_join(v)?;
    }
    if !env.actorfiles.is_empty() {
        files.actors = env.actorfiles.iter().map(dir_join).collect::<anyhow::Result<_>>()?;
    }
    if let Some(a) = &env.agentfile {
        files.agents = Some(dir_join(a)?);
    }
    if let Some(d) = &env.discardfile {
        files.discards = Some(dir_join(d)?);
    }
    if env.verbfile.is_some() {
        // a validation environment names its own files; do not mix in others
        files.issues = env.issuefile.as_ref().map(dir_join).transpose()?;
        if env.discardfile.is_none() {
            files.discards = None;
        }
        if env.agentfile.is_none() {
            files.agents = None;
        }
    }
    Ok(files)
}

/// Reads the validation file a record at a time (memory holds one record and the dictionaries,
/// whatever the file's size) and writes each record's result as it is judged.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let records = records::open(&args.records)?;
    let files = environment_files(records.environment(), &args.dictionaries)?;
    let dicts = Dictionaries::load(&files)?;
    for w in dicts.verbs.warnings.iter().chain(&dicts.actors.warnings) {
        eprintln!("demarche: warning: {w}");
    }
    let mut run = validate::Run::new(&dicts, records.environment(), mode(args.mode), &Options::default());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let json = matches!(args.report, Some(ReportFormat::Json));
    if json {
        write!(out, "{{\n  \"mode\": {},\n  \"records\": [", serde_json::to_string(&run.mode_name())?)?;
    }
    let mut first = true;
    for item in records {
        let item = item?;
        if let Some(bad) = validate::check_config(&item) {
            eprintln!("demarche: warning: {}: {bad}", args.records.display());
        }
        let Some(r) = run.item(&item) else { continue };
        if json {
            write!(out, "{}\n    {}", if first { "" } else { "," }, serde_json::to_string(&r)?)?;
            first = false;
        } else if !r.pass || args.all {
            let mark = if r.pass { "PASS" } else { "FAIL" };
            writeln!(
                out,
                "{mark} {} [{}] line {}: expected {} | got {}",
                r.id,
                r.category,
                r.line,
                r.expected.join("; "),
                if r.got.is_empty() { "nothing".to_string() } else { r.got.join("; ") }
            )?;
        }
    }
    if json {
        writeln!(out, "\n  ],\n  \"passed\": {},\n  \"failed\": {},\n  \"skipped\": {}\n}}", run.passed, run.failed, run.skipped)?;
    } else {
        writeln!(out, "{} passed, {} failed ({} mode, {} skipped)", run.passed, run.failed, run.mode_name(), run.skipped)?;
    }
    out.flush()?;
    Ok(if run.failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
