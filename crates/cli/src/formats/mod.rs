//! The formats analysts' tools already read, shared by `code` and `export`: GDELT 2.0 event
//! rows (`gdelt`) and PLOVER/POLECAT JSON Lines (`plover`). Pure functions from an
//! [`EventView`] (borrowed from a coded `Event` or a stored row) to a row; the columns and fields
//! are documented in docs/formats.md.

pub mod actor;
pub mod gdelt;
pub mod plover;

use demarche_events::Event;
use demarche_store::StoredEvent;

/// What the formats need of one event, whichever way it came.
#[derive(Debug, Clone)]
pub struct EventView<'a> {
    /// The stored row id (`export`), else none (`code`: a stable hash is used instead).
    pub stored_id: Option<i64>,
    pub doc: &'a str,
    pub url: Option<&'a str>,
    pub line: usize,
    /// Byte offsets of the sentence, when known (`code`).
    pub span: Option<(usize, usize)>,
    pub sentence: &'a str,
    pub section: &'a str,
    pub speaker: Option<&'a str>,
    pub source: &'a str,
    pub source_country: &'a str,
    pub source_text: &'a str,
    pub target: &'a str,
    pub target_country: &'a str,
    pub target_text: &'a str,
    pub code: &'a str,
    pub root: &'a str,
    pub goldstein: f64,
    pub quad_class: i64,
    pub date: Option<&'a str>,
    pub date_precision: &'a str,
    pub negated: bool,
    pub modality: &'a str,
    pub event_text: &'a str,
}

impl<'a> EventView<'a> {
    /// A coded event (`url`: the document's, when it has one).
    pub fn coded(e: &'a Event, url: Option<&'a str>) -> EventView<'a> {
        EventView {
            stored_id: None,
            doc: &e.doc,
            url,
            line: e.line,
            span: Some((e.start, e.end)),
            sentence: &e.sentence,
            section: e.section,
            speaker: e.speaker.as_deref(),
            source: &e.source,
            source_country: &e.source_country,
            source_text: &e.source_text,
            target: &e.target,
            target_country: &e.target_country,
            target_text: &e.target_text,
            code: &e.code,
            root: &e.root,
            goldstein: e.goldstein,
            quad_class: e.quad_class.into(),
            date: e.date.as_deref(),
            date_precision: e.date_precision,
            negated: e.negated,
            modality: e.modality,
            event_text: &e.event_text,
        }
    }

    /// A stored event (the store keeps no actor or event words: those fields are empty).
    pub fn stored(e: &'a StoredEvent) -> EventView<'a> {
        EventView {
            stored_id: Some(e.id),
            doc: &e.doc,
            url: e.url.as_deref(),
            line: usize::try_from(e.line).unwrap_or(0),
            span: None,
            sentence: &e.sentence,
            section: &e.section,
            speaker: e.speaker.as_deref(),
            source: &e.source,
            source_country: &e.source_country,
            source_text: "",
            target: &e.target,
            target_country: &e.target_country,
            target_text: "",
            code: &e.code,
            root: &e.root,
            goldstein: e.goldstein,
            quad_class: e.quad_class,
            date: e.date.as_deref(),
            date_precision: &e.date_precision,
            negated: e.negated,
            modality: &e.modality,
            event_text: "",
        }
    }

    /// The event's id in both formats: the stored id, else a stable 53-bit hash of document,
    /// sentence span (or line), actors and code, so the same input gives the same ids.
    pub fn id(&self) -> i64 {
        if let Some(id) = self.stored_id {
            return id;
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let (a, b) = self.span.unwrap_or((self.line, 0));
        for part in [self.doc, &a.to_string(), &b.to_string(), self.source, self.target, self.code] {
            for byte in part.bytes().chain([0]) {
                h ^= u64::from(byte);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        // 53 bits: exact in every JSON reader and in float columns; never 0.
        ((h & ((1 << 53) - 1)) | 1) as i64
    }
}

/// The time rows are written, as GDELT's `DATEADDED` (`YYYYMMDDHHMMSS`, UTC): now, or
/// `$SOURCE_DATE_EPOCH` for reproducible output.
pub fn date_added() -> String {
    let at = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    at.format("%Y%m%d%H%M%S").to_string()
}
