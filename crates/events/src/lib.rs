//! Event coding from raw text: who did what to whom, and when.
//!
//! A [`Coder`] holds the verb dictionary ([`VerbDictionary`], `data/verbs/`), the actor
//! knowledge base and the CAMEO table. [`Coder::code`] takes a document's text and date and
//! runs the whole pipeline: segmentation → actor recognition → for each sentence, clause
//! analysis, pattern matching, source/target assignment, modality and dates → [`Event`]s, each
//! one flat record with its provenance (section, speaker) and an explanation.
//!
//! Nothing here needs an external parser: the clause analysis is shallow (clause boundaries,
//! prepositional objects, passives, coordination, reported speech) and runs on tokens.
//!
//! ```
//! use demarche_events::Coder;
//! let coder = Coder::builtin().unwrap();
//! let date = demarche_core::dates::parse_date("2025-01-22");
//! let coded = coder.code("demo", "Yesterday Sergey Lavrov held talks with Ararat Mirzoyan in Moscow.", None, date);
//! let e = &coded.events[0];
//! assert_eq!((e.source.as_str(), e.target.as_str(), e.root.as_str()), ("RUSGOV", "ARMGOV", "04"));
//! assert_eq!(e.date.as_deref(), Some("2025-01-21"));
//! ```

mod clause;
mod code;
pub mod coders;
mod dictionary;
mod limits;
mod matching;
mod petrarch;
pub mod temporal;

pub use clause::Modality;
pub use coders::{load, BuiltinSpec, CoderSpec, DictionarySource, EventCoder, Input, Loaded, Merged, PetrarchSpec, Record};
pub use demarche_geo::Location;
pub use dictionary::{Pattern, VerbDictionary};
pub use petrarch::PetrarchCoder;

use demarche_actors::{KnowledgeBase, SentenceActors};
use demarche_core::CameoTable;
use demarche_segment::Sentence;
use serde::Serialize;
use std::sync::Arc;

/// Errors loading the coder's dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// A dictionary line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What was expected.
        message: String,
    },
    /// A file could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
    /// The actor knowledge base failed to load.
    #[error(transparent)]
    Actors(#[from] demarche_actors::ActorError),
    /// TABARI/PETRARCH dictionaries failed to load (the message names file and line).
    #[error(transparent)]
    Petrarch(#[from] demarche_petrarch::PetrarchError),
    /// A PETRARCH option has an unknown value (`require_dyad=maybe`).
    #[error("{0}")]
    Option(String),
}

/// The longest sentence coded as one, in bytes. A longer "sentence" (a list of thousands of
/// names, a page without punctuation) is split before actor recognition into pieces of at most
/// this size, cut after `;` or `,`, else at a space, else at a character boundary, and each
/// piece is coded as a sentence of its own (same section, speaker and line numbering); a note
/// says so ([`Coded::notes`]). Real sentences of diplomatic text stay far below it.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// The most events one sentence (or piece) yields; the rest are dropped with a note.
pub const MAX_EVENTS_PER_SENTENCE: usize = 64;

/// The default work budget of one document, in work units (one unit per token coded, plus one
/// per (match, mention) pair examined). Coding stops at the sentence that exhausts it and a
/// note says how many sentences were left uncoded. Ordinary documents of many megabytes stay
/// far below it; it bounds what a hostile document can cost.
pub const DEFAULT_WORK_BUDGET: u64 = 200_000_000;

/// Options for coding.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoderOptions {
    /// Keep events with a source but no target (PETRARCH's `require_dyad = false`).
    pub allow_one_sided: bool,
    /// Keep events even when no actor at all is found (event-type evaluation).
    pub allow_actorless: bool,
    /// Keep negated and hypothetical events (marked `negated: true`) instead of dropping them.
    pub include_negated: bool,
    /// Code boilerplate and reader comments too (normally skipped).
    pub include_excluded: bool,
    /// Work budget per document ([`DEFAULT_WORK_BUDGET`] when `None`).
    pub work_budget: Option<u64>,
}

/// One coded event: a flat record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Document id.
    pub doc: String,
    /// 1-based line of the sentence.
    pub line: usize,
    /// Byte span of the sentence.
    pub start: usize,
    /// End of the sentence's span.
    pub end: usize,
    /// The sentence's text, shared by every event of the sentence (serialized as a string).
    #[serde(serialize_with = "serialize_shared_str")]
    pub sentence: Arc<str>,
    /// Section label of the sentence.
    pub section: &'static str,
    /// Speaker of the sentence, if any.
    pub speaker: Option<String>,
    /// Source actor code.
    pub source: String,
    /// Source country (or international actor code).
    pub source_country: String,
    /// Target actor code (empty for a one-sided event).
    pub target: String,
    /// Target country (empty for a one-sided event).
    pub target_country: String,
    /// CAMEO event code.
    pub code: String,
    /// CAMEO root (two digits).
    pub root: String,
    /// CAMEO name of the code.
    pub name: String,
    /// Goldstein weight (GDELT).
    pub goldstein: f64,
    /// GDELT QuadClass 1–4.
    pub quad_class: u8,
    /// PLOVER event type.
    pub plover: String,
    /// Event date, `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    /// `day`, `month`, `year` or `document`.
    pub date_precision: &'static str,
    /// True when the event is negated, refused or hypothetical.
    pub negated: bool,
    /// `realized`, `intent`, `negated`, `refused` or `hypothetical`.
    pub modality: &'static str,
    /// Why: pattern, and the words that gave source, event, target and date.
    pub explanation: String,
    /// The pattern that matched, as written.
    pub pattern: String,
    /// Where the pattern is defined (`file:line`).
    pub pattern_location: String,
    /// The words of the event.
    pub event_text: String,
    /// The words that gave the source.
    pub source_text: String,
    /// The words that gave the target.
    pub target_text: String,
    /// The words that gave the date, if any.
    pub date_text: Option<String>,
    /// PETRARCH issues of the sentence (`CODE,count;CODE,count`, from the issues dictionary of
    /// `--dictionaries`); empty for the built-in patterns. Not part of the flat record: only
    /// PETRARCH's own output (`--format petrarch`, and `issues` in its JSON Lines) shows it.
    #[serde(skip)]
    pub issues: String,
    /// Where it happened (`place`, `place_country`, `adm1`, `lat`, `lon`, `geo_precision`,
    /// `geo_source`), set by the geocoding pass of [`Coder::code`]; null fields when unknown.
    #[serde(flatten)]
    pub location: demarche_geo::Location,
}

fn serialize_shared_str<S: serde::Serializer>(s: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(s)
}

/// The result of coding one document.
#[derive(Debug, Clone)]
pub struct Coded {
    /// Sentences with sections and speakers.
    pub sentences: Vec<Sentence>,
    /// Tokens and actor mentions per sentence.
    pub actors: Vec<SentenceActors>,
    /// Events in text order.
    pub events: Vec<Event>,
    /// What was not coded as usual: over-long sentences split, events over the per-sentence
    /// limit dropped, the work budget exhausted, a PETRARCH dateline not coded (`line N: ...`).
    /// Empty for ordinary documents.
    pub notes: Vec<String>,
    /// Sentences a coder refused as bad input (a PETRARCH record's malformed parse): `LINE: id
    /// (kind): why`, to follow the file's name. The built-in coder refuses nothing; a batch that had refusals fails.
    pub refused: Vec<String>,
    /// Sentences not coded because a PETRARCH discard phrase was found in them.
    pub discarded: usize,
}

/// The event coder.
#[derive(Debug, Clone)]
pub struct Coder {
    /// Verb patterns.
    pub dictionary: VerbDictionary,
    /// Actors.
    pub kb: KnowledgeBase,
    /// Code table.
    pub table: &'static CameoTable,
    /// Options.
    pub options: CoderOptions,
}

impl Coder {
    /// A coder with the built-in dictionaries.
    pub fn builtin() -> Result<Coder, EventError> {
        Ok(Coder::new(VerbDictionary::builtin()?, KnowledgeBase::builtin()?))
    }

    /// A coder with the given dictionaries.
    pub fn new(dictionary: VerbDictionary, kb: KnowledgeBase) -> Coder {
        Coder { dictionary, kb, table: CameoTable::builtin(), options: CoderOptions::default() }
    }

    /// Code a document: its id, text, optional title and date.
    pub fn code(&self, doc: &str, text: &str, title: Option<&str>, date: Option<chrono::NaiveDate>) -> Coded {
        self.code_with(doc, text, &demarche_segment::Context { title, ..Default::default() }, date)
    }

    /// Code a document with what is known about it: title, author and author's state (see
    /// [`demarche_segment::Context`]).
    pub fn code_with(&self, doc: &str, text: &str, ctx: &demarche_segment::Context, date: Option<chrono::NaiveDate>) -> Coded {
        self.code_within(doc, text, ctx, date, None)
    }

    /// [`Coder::code_with`] that stops coding sentences once `deadline` has passed (a note says
    /// how many were left), so that a caller with a time limit (the server) does not keep a
    /// thread busy for a client it has already answered.
    pub fn code_within(
        &self,
        doc: &str,
        text: &str,
        ctx: &demarche_segment::Context,
        date: Option<chrono::NaiveDate>,
        deadline: Option<std::time::Instant>,
    ) -> Coded {
        let mut notes = Vec::new();
        let sentences = limits::split_long(text, demarche_segment::segment_document(text, ctx).sentences, &mut notes);
        let actors = demarche_actors::analyze_with(&self.kb, text, &sentences, date, ctx);
        let mut events = code::code_sentences(self, doc, text, &sentences, &actors, date, deadline, &mut notes);
        locate_events(text, &sentences, &actors, &mut events);
        Coded { sentences, actors, events, notes, refused: Vec::new(), discarded: 0 }
    }
}

/// The geocoding pass: each event gets its sentence's place, else the dateline's, else its
/// actors' country, and its explanation says which. A visit (042) and material conflict (roots
/// 18–20: assault, fight, mass violence) happen on the target's ground: their fallback is the
/// target's country, before the dateline unless the dateline is in that country.
pub fn locate_events(text: &str, sentences: &[Sentence], actors: &[SentenceActors], events: &mut [Event]) {
    let Ok(g) = demarche_geo::builtin() else { return };
    if events.is_empty() {
        return;
    }
    let places = demarche_geo::DocumentPlaces::analyze(g, text, sentences, actors);
    for e in events {
        // Sentences are in text order: a binary search, not a scan per event (a scan made long
        // documents quadratic in their events).
        let si = sentences.partition_point(|s| s.span.start < e.start);
        if sentences.get(si).is_none_or(|s| s.span.start != e.start) {
            continue;
        }
        let venue = if e.code == "042" || matches!(e.root.as_str(), "18" | "19" | "20") {
            demarche_geo::Venue::Target
        } else {
            demarche_geo::Venue::Source
        };
        e.location = places.locate_at(si, &e.source_country, &e.target_country, venue);
        e.explanation.push_str("; ");
        e.explanation.push_str(&e.location.explain());
    }
}
