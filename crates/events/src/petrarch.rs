//! Coding with TABARI/PETRARCH dictionaries (`demarche-petrarch`) behind [`EventCoder`]: a
//! PETRARCH record is coded as its one sentence (tree mode reads its parse), any other document
//! sentence by sentence as the segmenter cuts it (boilerplate and reader comments skipped), and
//! each PETRARCH event becomes the flat [`Event`] record (CAMEO name, Goldstein, QuadClass and
//! PLOVER type from the CAMEO table).

use crate::coders::{DictionarySource, EventCoder, Input, PetrarchSpec};
use crate::{Coded, Event, EventError};
use demarche_actors::KnowledgeBase;
use demarche_core::{CameoTable, Section, Span};
use demarche_petrarch::{CodedEvent, Dictionaries, DictionaryFiles, Mode, Options, Outcome};
use demarche_segment::Sentence;
use std::sync::Arc;
use std::time::Instant;

/// TABARI/PETRARCH dictionaries with their options.
#[derive(Debug)]
pub struct PetrarchCoder {
    /// The dictionaries.
    pub dictionaries: Dictionaries,
    /// PETRARCH's options.
    pub options: Options,
    /// Tree or text mode; `None`: tree mode for a record with a parse, text mode otherwise.
    pub mode: Option<Mode>,
    table: &'static CameoTable,
}

impl PetrarchCoder {
    /// A coder over loaded dictionaries.
    pub fn new(dictionaries: Dictionaries, options: Options, mode: Option<Mode>) -> PetrarchCoder {
        PetrarchCoder { dictionaries, options, mode, table: CameoTable::builtin() }
    }

    /// Read the dictionaries and options `spec` names; returns the coder and the dictionaries'
    /// warnings (`file:line: why`).
    pub fn load(spec: &PetrarchSpec) -> Result<(PetrarchCoder, Vec<String>), EventError> {
        let files = match &spec.source {
            DictionarySource::Folder(dir) => DictionaryFiles::discover(dir)?,
            DictionarySource::Config(cfg) => DictionaryFiles::from_config(cfg, cfg.parent().unwrap_or(std::path::Path::new(".")))?,
        };
        let dictionaries = Dictionaries::load(&files)?;
        let warnings = dictionaries.verbs.warnings.iter().chain(&dictionaries.actors.warnings).cloned().collect();
        let mut options = Options::default();
        for (name, value) in &spec.options {
            options.set(name, value).map_err(EventError::Option)?;
        }
        Ok((PetrarchCoder::new(dictionaries, options, spec.mode), warnings))
    }

    /// The units to code: a record's one sentence, else the segmenter's sentences.
    fn sentences(input: &Input<'_>, notes: &mut Vec<String>) -> Vec<Sentence> {
        match input.record {
            Some(r) => vec![Sentence { span: Span::new(0, input.text.len()), line: r.line, section: Section::Narrative, speaker: None }],
            None => crate::limits::split_long(input.text, demarche_segment::segment_document(input.text, &input.context).sentences, notes),
        }
    }
}

impl EventCoder for PetrarchCoder {
    fn code_input(&self, input: &Input<'_>, deadline: Option<Instant>) -> Coded {
        let date = input.date.map(|d| d.format("%Y%m%d").to_string().parse().unwrap_or(0)).unwrap_or(0);
        let parse = input.record.map(|r| r.parse);
        let mode = self.mode.unwrap_or(if parse.is_some() { Mode::Tree } else { Mode::Text });
        let mut notes = Vec::new();
        let sentences = PetrarchCoder::sentences(input, &mut notes);
        let mut out = Coded { sentences: Vec::new(), actors: Vec::new(), events: Vec::new(), notes, refused: Vec::new(), discarded: 0 };
        let coded: Vec<&Sentence> = sentences.iter().filter(|s| !s.section.is_excluded()).collect();
        for (k, s) in coded.iter().enumerate() {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                out.notes.push(format!(
                    "line {}: time limit reached: {} of {} sentences left uncoded",
                    s.line,
                    coded.len() - k,
                    coded.len()
                ));
                break;
            }
            let text = s.span.slice(input.text);
            if std::env::var_os("DEMARCHE_PETRARCH_TRACE").is_some() {
                eprint!("{}:{}\n{}", input.id, s.line, self.dictionaries.analysis_report(text, parse, date, mode, &self.options));
            }
            match self.dictionaries.code(text, parse, date, mode, &self.options) {
                Outcome::Events(evs) => {
                    let shared: Arc<str> = text.into();
                    out.events.extend(evs.iter().map(|ce| self.event(input, s, &shared, ce)));
                }
                Outcome::Discarded { .. } => out.discarded += 1,
                // a dateline is PETRARCH's "not a sentence": noted, not a failure
                Outcome::Refused { kind, message } if kind == "dateline" => {
                    out.notes.push(format!("line {}: {}: not coded: {message}", s.line, input.id))
                }
                Outcome::Refused { kind, message } => out.refused.push(format!("{}: {} ({kind}): {message}", s.line, input.id)),
            }
        }
        out.actors =
            sentences.iter().map(|_| demarche_actors::SentenceActors { tokens: Vec::new(), mentions: Vec::new(), voice: None }).collect();
        out.sentences = sentences;
        out
    }

    fn knowledge_base(&self) -> Option<&KnowledgeBase> {
        None
    }

    fn pattern_count(&self) -> usize {
        self.dictionaries.verbs.pattern_count()
    }

    fn describe(&self) -> &'static str {
        "PETRARCH dictionaries"
    }
}

impl PetrarchCoder {
    /// One PETRARCH event as the flat record.
    fn event(&self, input: &Input<'_>, s: &Sentence, sentence: &Arc<str>, ce: &CodedEvent) -> Event {
        let entry = self.table.get(&ce.code);
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
            doc: input.id.to_string(),
            line: s.line,
            start: s.span.start,
            end: s.span.end,
            sentence: Arc::clone(sentence),
            section: s.section.as_str(),
            speaker: s.speaker.clone(),
            source_country: country(&ce.source),
            source: ce.source.clone(),
            target_country: country(&target),
            target,
            code: ce.code.clone(),
            root: ce.code.chars().take(2).collect(),
            name: entry.map(|e| e.name.clone()).unwrap_or_default(),
            goldstein: entry.map(|e| e.goldstein).unwrap_or(0.0),
            quad_class: entry.map(|e| e.quad_class).unwrap_or(0),
            plover: self.table.plover_of(&ce.code).to_string(),
            date: input.date.map(|d| d.to_string()),
            date_precision: if input.date.is_some() { "document" } else { "none" },
            negated: false,
            modality: "realized",
            explanation: why,
            pattern: ce.pattern.clone().unwrap_or_default(),
            pattern_location: String::new(),
            event_text: ce.verb.to_lowercase(),
            source_text: ce.source_text.to_lowercase(),
            target_text: ce.target_text.to_lowercase(),
            date_text: None,
            issues: ce.issues.iter().map(|(c, n)| format!("{c},{n}")).collect::<Vec<_>>().join(";"),
            location: Default::default(),
        }
    }
}

/// The country of a PETRARCH actor code: its first three characters when they are upper-case
/// letters (`AVAGOV` → `AVA`); none for `---`, a new actor's `"PHRASE"` or an agent alone.
fn country(code: &str) -> String {
    let c: String = code.chars().take(3).collect();
    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) {
        c
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_of_petrarch_codes() {
        assert_eq!(country("AVAGOV"), "AVA");
        assert_eq!(country("---"), "");
        assert_eq!(country("\"THE MINISTRY\""), "");
        assert_eq!(country("ÄBCGOV"), "", "never a slice inside a character");
    }
}
