//! `demarche code --dictionaries DIR`: coding documents with TABARI/PETRARCH dictionaries, and
//! PETRARCH2's tab-separated event output.

use crate::args::{CodeMode, PetrarchArgs};
use anyhow::Context;
use demarche_core::CameoTable;
use demarche_documents::Document;
use demarche_events::Event;
use demarche_petrarch::{CodedEvent, Dictionaries, DictionaryFiles, Mode, Options, Outcome};
use std::io::Write;

/// The loaded dictionaries and options.
pub struct PetrarchCoder {
    pub dicts: Dictionaries,
    pub options: Options,
    pub mode: CodeMode,
}

/// One event with what PETRARCH's output adds.
pub struct PetrarchEvent {
    pub event: Event,
    /// `CODE,count;CODE,count`.
    pub issues: String,
    /// The document's source (news agency).
    pub agency: String,
}

/// What coding one document gave.
pub struct DocResult {
    pub events: Vec<PetrarchEvent>,
    pub sentences: usize,
    /// Refused sentences (`origin:line: why`): bad input.
    pub refused: Vec<String>,
    /// Sentences not coded by PETRARCH's rules (datelines).
    pub skipped: Vec<String>,
    pub discarded: usize,
}

pub fn load(args: &PetrarchArgs) -> anyhow::Result<Option<PetrarchCoder>> {
    let files = match (&args.dictionaries, &args.dictionary_config) {
        (Some(dir), _) => DictionaryFiles::discover(dir)?,
        (None, Some(cfg)) => DictionaryFiles::from_config(cfg, cfg.parent().unwrap_or(std::path::Path::new(".")))?,
        (None, None) => return Ok(None),
    };
    let dicts = Dictionaries::load(&files).context("loading PETRARCH dictionaries")?;
    for w in dicts.verbs.warnings.iter().chain(&dicts.actors.warnings) {
        eprintln!("demarche: warning: {w}");
    }
    let mut options = Options::default();
    for o in &args.options {
        let (k, v) = o.split_once('=').with_context(|| format!("--option {o}: expected NAME=VALUE"))?;
        options.set(k, v).map_err(anyhow::Error::msg)?;
    }
    Ok(Some(PetrarchCoder { dicts, options, mode: args.mode }))
}

fn yyyymmdd(doc: &Document) -> u32 {
    doc.date.map(|d| d.format("%Y%m%d").to_string().parse().unwrap_or(0)).unwrap_or(0)
}

impl PetrarchCoder {
    /// Codes a document: a PETRARCH record as one sentence (with its parse), any other document
    /// sentence by sentence (boilerplate and reader comments skipped).
    pub fn code(&self, doc: &Document) -> DocResult {
        let date = yyyymmdd(doc);
        let table = CameoTable::builtin();
        let mut out = DocResult { events: Vec::new(), sentences: 0, refused: Vec::new(), skipped: Vec::new(), discarded: 0 };
        let units: Vec<(usize, usize, usize, &'static str, Option<String>)> = if doc.parse.is_some() {
            vec![(doc.origin_line, 0, doc.text.len(), "narrative", None)]
        } else {
            demarche_segment::segment(&doc.text, doc.title.as_deref())
                .into_iter()
                .filter(|s| !s.section.is_excluded())
                .map(|s| (s.line, s.span.start, s.span.end, s.section.as_str(), s.speaker))
                .collect()
        };
        for (line, start, end, section, speaker) in units {
            out.sentences += 1;
            let text = &doc.text[start..end];
            let mode = match self.mode {
                CodeMode::Tree => Mode::Tree,
                CodeMode::Text => Mode::Text,
                CodeMode::Auto => {
                    if doc.parse.is_some() {
                        Mode::Tree
                    } else {
                        Mode::Text
                    }
                }
            };
            if std::env::var_os("DEMARCHE_PETRARCH_TRACE").is_some() {
                eprint!("{}:{line}\n{}", doc.origin, self.dicts.analysis_report(text, doc.parse.as_deref(), date, mode, &self.options));
            }
            match self.dicts.code(text, doc.parse.as_deref(), date, mode, &self.options) {
                Outcome::Events(evs) => {
                    for ce in evs {
                        let event = to_event(doc, table, line, start, end, section, speaker.clone(), &ce);
                        let issues = ce.issues.iter().map(|(c, n)| format!("{c},{n}")).collect::<Vec<_>>().join(";");
                        out.events.push(PetrarchEvent { event, issues, agency: doc.source.clone().unwrap_or_default() });
                    }
                }
                Outcome::Discarded { .. } => out.discarded += 1,
                // a dateline is PETRARCH's "not a sentence": noted, not a failure
                Outcome::Refused { kind, message } if kind == "dateline" => {
                    out.skipped.push(format!("{}:{line}: {}: not coded: {message}", doc.origin, doc.id))
                }
                Outcome::Refused { kind, message } => out.refused.push(format!("{}:{line}: {} ({kind}): {message}", doc.origin, doc.id)),
            }
        }
        out
    }
}

fn country(code: &str) -> String {
    let c: String = code.chars().take(3).collect();
    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) {
        c
    } else {
        String::new()
    }
}

#[allow(clippy::too_many_arguments)]
fn to_event(
    doc: &Document,
    table: &CameoTable,
    line: usize,
    start: usize,
    end: usize,
    section: &'static str,
    speaker: Option<String>,
    ce: &CodedEvent,
) -> Event {
    let entry = table.get(&ce.code);
    let target = if ce.target == "---" { String::new() } else { ce.target.clone() };
    let why = format!(
        "PETRARCH dictionaries: verb '{}'{}; source '{}' → {}; target '{}' → {}",
        ce.verb.to_lowercase(),
        ce.pattern.as_ref().map(|p| format!(", pattern '- {p}'")).unwrap_or_else(|| ", the verb's default code".to_string()),
        ce.source_text.to_lowercase(),
        ce.source,
        ce.target_text.to_lowercase(),
        ce.target
    );
    Event {
        doc: doc.id.clone(),
        line,
        start,
        end,
        sentence: doc.text[start..end].into(),
        section,
        speaker,
        source_country: country(&ce.source),
        source: ce.source.clone(),
        target_country: country(&target),
        target,
        code: ce.code.clone(),
        root: ce.code.chars().take(2).collect(),
        name: entry.map(|e| e.name.clone()).unwrap_or_default(),
        goldstein: entry.map(|e| e.goldstein).unwrap_or(0.0),
        quad_class: entry.map(|e| e.quad_class).unwrap_or(0),
        plover: table.plover_of(&ce.code).to_string(),
        date: doc.date.map(|d| d.to_string()),
        date_precision: if doc.date.is_some() { "document" } else { "none" },
        negated: false,
        modality: "realized",
        explanation: why,
        pattern: ce.pattern.clone().unwrap_or_default(),
        pattern_location: String::new(),
        event_text: ce.verb.to_lowercase(),
        source_text: ce.source_text.to_lowercase(),
        target_text: ce.target_text.to_lowercase(),
        date_text: None,
        location: Default::default(),
    }
}

/// PETRARCH2's event line: date, source, target, code, issues, id, source name, source text,
/// target text, verb text.
pub fn write_petrarch(out: &mut impl Write, e: &PetrarchEvent) -> std::io::Result<()> {
    let ev = &e.event;
    let date = ev.date.as_deref().map(|d| d.replace('-', "")).unwrap_or_default();
    let target = if ev.target.is_empty() { "---" } else { &ev.target };
    let cells =
        [date.as_str(), &ev.source, target, &ev.code, &e.issues, &ev.doc, &e.agency, &ev.source_text, &ev.target_text, &ev.event_text];
    let cells: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n', '\r'], " ")).collect();
    writeln!(out, "{}", cells.join("\t"))
}
