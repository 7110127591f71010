//! Writing coded documents: whole documents per transaction, skipping what is already stored.

use crate::{Store, StoreError};
use demarche_core::Section;
use demarche_documents::Document;
use demarche_events::Coded;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Stored for the first time.
    New,
    /// A document with this id but other content was replaced.
    Replaced,
    /// Already stored with the same content: nothing changed.
    Unchanged,
}

/// The provenance class of a section: `official` (statement, answer), `reported` (narrative,
/// headline), `asked` (question), `other`.
pub fn provenance_of(section: &str) -> &'static str {
    match Section::parse(section) {
        Some(s) if s.is_official() => "official",
        Some(s) if s.is_reported() => "reported",
        Some(Section::Question) => "asked",
        _ => "other",
    }
}

/// The content hash of a document: its id, metadata and text.
pub fn content_hash(doc: &Document) -> String {
    let mut h = Sha256::new();
    for part in [
        doc.id.as_str(),
        &doc.date.map(|d| d.to_string()).unwrap_or_default(),
        doc.source.as_deref().unwrap_or(""),
        doc.url.as_deref().unwrap_or(""),
        doc.title.as_deref().unwrap_or(""),
        doc.text.as_str(),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The feed a document belongs to: its `source` (publisher), or '' when it has none. Stored
/// documents are keyed by feed and id, so two feeds that number their records alike do not
/// overwrite each other.
pub fn feed_of(doc: &Document) -> &str {
    // As stored, untrimmed: the migration to schema 4 keys existing documents by `source` as is.
    doc.source.as_deref().unwrap_or("")
}

/// A stable id for a document whose id is only its place in the input (standard input, or a
/// JSON Lines or PETRARCH XML record without an id, which takes `FILE:LINE`): `sha256:` and
/// the first 16 hex digits of its text's SHA-256, so the same text gets the same id on every
/// run and another text another id. `None` when the document has an id of its own.
pub fn content_id(doc: &Document) -> Option<String> {
    let positional = (doc.origin == "-" && doc.id == "-") || doc.id == format!("{}:{}", doc.origin, doc.origin_line);
    if !positional {
        return None;
    }
    let digest = Sha256::digest(doc.text.as_bytes());
    Some(format!("sha256:{}", digest.iter().take(8).map(|b| format!("{b:02x}")).collect::<String>()))
}

/// A batch's contributions to the summary tables (`dedup_counts`, `event_groups`, `dyad_days`),
/// summed in memory and written with one upsert per key ([`Pending::flush`]), instead of three
/// trigger statements per event. Deletes (a replaced document's cascade) are still counted down
/// by the schema's triggers, so the pending sums are flushed before any delete.
#[derive(Default)]
struct Pending {
    /// Reports per `dedup_key`.
    reports: HashMap<String, i64>,
    /// Non-negated events per (`dedup_key`, provenance).
    groups: HashMap<(String, &'static str), Group>,
}

/// One distinct event and provenance of a batch: the `event_groups` row it adds to.
struct Group {
    source_country: String,
    target_country: String,
    day: String,
    goldstein: f64,
    quad_class: i64,
    reports: i64,
}

/// A (source country, target country, day, provenance) row's increments of `dyad_days`.
#[derive(Default)]
struct DyadDay {
    events: i64,
    reports: i64,
    goldstein_sum: f64,
    q: [i64; 4],
}

impl Pending {
    /// Count one stored event (its `dedup_key` as stored).
    fn add(&mut self, key: &str, e: &demarche_events::Event, provenance: &'static str) {
        *self.reports.entry(key.to_string()).or_insert(0) += 1;
        if e.negated {
            return;
        }
        self.groups
            .entry((key.to_string(), provenance))
            .or_insert_with(|| Group {
                source_country: e.source_country.clone(),
                target_country: e.target_country.clone(),
                day: e.date.clone().unwrap_or_default(),
                goldstein: e.goldstein,
                quad_class: e.quad_class as i64,
                reports: 0,
            })
            .reports += 1;
    }

    /// Add the pending sums to the summary tables and clear them. A group new to the store adds
    /// an event to its `dyad_days` row (summed per row here); a group already stored only gains
    /// reports, which its `groups_reports` trigger carries to `dyad_days`.
    fn flush(&mut self, tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
        if self.reports.is_empty() {
            return Ok(());
        }
        let mut upsert_reports = tx.prepare_cached(
            "INSERT INTO dedup_counts(dedup_key, reports) VALUES (?1, ?2)
             ON CONFLICT(dedup_key) DO UPDATE SET reports = reports + excluded.reports",
        )?;
        // Sorted keys: each upsert lands next to the previous one in the B-tree.
        let mut reports: Vec<(String, i64)> = self.reports.drain().collect();
        reports.sort_unstable();
        for (key, n) in &reports {
            upsert_reports.execute(params![key, n])?;
        }
        let mut upsert_group = tx.prepare_cached(
            "INSERT INTO event_groups(dedup_key, provenance, source_country, target_country, day, goldstein, quad_class, reports)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(dedup_key, provenance) DO UPDATE SET reports = reports + excluded.reports
             RETURNING reports",
        )?;
        let mut groups: Vec<((String, &'static str), Group)> = self.groups.drain().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut days: HashMap<(String, String, String, &'static str), DyadDay> = HashMap::new();
        for ((key, provenance), g) in groups {
            let total: i64 = upsert_group.query_row(
                params![key, provenance, g.source_country, g.target_country, g.day, g.goldstein, g.quad_class, g.reports],
                |r| r.get(0),
            )?;
            if total != g.reports {
                continue; // an existing group: the trigger moved its reports
            }
            let d = days.entry((g.source_country, g.target_country, g.day, provenance)).or_default();
            d.events += 1;
            d.reports += g.reports;
            d.goldstein_sum += g.goldstein;
            if let Some(q) = (g.quad_class as usize).checked_sub(1).and_then(|i| d.q.get_mut(i)) {
                *q += 1;
            }
        }
        let mut upsert_day = tx.prepare_cached(
            "INSERT INTO dyad_days(source_country, target_country, day, provenance, events, reports, goldstein_sum, q1, q2, q3, q4)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(source_country, target_country, day, provenance) DO UPDATE SET
                events = events + excluded.events, reports = reports + excluded.reports,
                goldstein_sum = goldstein_sum + excluded.goldstein_sum,
                q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4",
        )?;
        let mut days: Vec<_> = days.into_iter().collect();
        days.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((sc, tc, day, provenance), d) in days {
            upsert_day.execute(params![sc, tc, day, provenance, d.events, d.reports, d.goldstein_sum, d.q[0], d.q[1], d.q[2], d.q[3]])?;
        }
        Ok(())
    }
}

impl Store {
    /// The documents of `docs` already stored with the same content (by [`content_hash`]): an
    /// ingest skips them before coding. One indexed lookup per document.
    pub fn unchanged(&self, docs: &[&Document]) -> Result<Vec<bool>, StoreError> {
        let mut find = self.conn.prepare_cached("SELECT hash FROM documents WHERE feed = ?1 AND doc_key = ?2").map_err(|e| self.err(e))?;
        docs.iter()
            .map(|d| {
                let h: Option<String> = find.query_row([feed_of(d), &d.id], |r| r.get(0)).optional().map_err(|e| self.err(e))?;
                Ok(h.is_some_and(|h| h == content_hash(d)))
            })
            .collect()
    }

    /// Write a batch of coded documents in one transaction; each document is written whole.
    /// The transaction takes the write lock when it begins (`BEGIN IMMEDIATE`), waiting for
    /// another writer up to the busy timeout, so concurrent ingests take turns and both finish.
    pub fn write_batch(&mut self, batch: &[(&Document, &Coded)]) -> Result<Vec<Written>, StoreError> {
        let path = self.path.clone();
        let err = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err)?;
        let mut out = Vec::with_capacity(batch.len());
        {
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let mut find = tx.prepare_cached("SELECT id, hash FROM documents WHERE feed = ?1 AND doc_key = ?2").map_err(err)?;
            let mut del = tx.prepare_cached("DELETE FROM documents WHERE id = ?1").map_err(err)?;
            let mut ins_doc = tx
                .prepare_cached(
                    "INSERT INTO documents(doc_key, origin, format, date, source, url, title, text, hash, sentences, events, ingested_at, feed)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(err)?;
            let mut ins_sent = tx
                .prepare_cached(
                    "INSERT INTO sentences(document_id, idx, line, start, end, section, speaker) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(err)?;
            let mut ins_mention = tx
                .prepare_cached(
                    "INSERT INTO mentions(document_id, sentence_idx, start, end, code, country, role, kind, resolved_from)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            let mut ins_event = tx
                .prepare_cached(
                    "INSERT INTO events(document_id, sentence_idx, line, date, date_precision, source, source_country, target, target_country,
                        code, root, name, goldstein, quad_class, plover, section, provenance, speaker, negated, modality, sentence, explanation, dedup_key)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                )
                .map_err(err)?;
            let mut pending = Pending::default();
            for (doc, coded) in batch {
                let hash = content_hash(doc);
                let existing: Option<(i64, String)> =
                    find.query_row([feed_of(doc), &doc.id], |r| Ok((r.get(0)?, r.get(1)?))).optional().map_err(err)?;
                let outcome = match &existing {
                    Some((_, h)) if *h == hash => {
                        out.push(Written::Unchanged);
                        continue;
                    }
                    Some((id, _)) => {
                        // The delete triggers count down what is stored: the batch's sums first.
                        pending.flush(&tx).map_err(err)?;
                        del.execute([id]).map_err(err)?;
                        Written::Replaced
                    }
                    None => Written::New,
                };
                ins_doc
                    .execute(params![
                        doc.id,
                        doc.origin,
                        doc.format.as_str(),
                        doc.date.map(|d| d.to_string()),
                        doc.source,
                        doc.url,
                        doc.title,
                        doc.text,
                        hash,
                        coded.sentences.len() as i64,
                        coded.events.len() as i64,
                        now,
                        feed_of(doc)
                    ])
                    .map_err(err)?;
                let doc_id = tx.last_insert_rowid();
                for (i, s) in coded.sentences.iter().enumerate() {
                    ins_sent
                        .execute(params![
                            doc_id,
                            i as i64,
                            s.line as i64,
                            s.span.start as i64,
                            s.span.end as i64,
                            s.section.as_str(),
                            s.speaker
                        ])
                        .map_err(err)?;
                }
                for (i, a) in coded.actors.iter().enumerate() {
                    for m in &a.mentions {
                        ins_mention
                            .execute(params![
                                doc_id,
                                i as i64,
                                m.span.start as i64,
                                m.span.end as i64,
                                m.code,
                                m.country,
                                m.role,
                                format!("{:?}", m.kind).to_lowercase(),
                                m.resolved_from
                            ])
                            .map_err(err)?;
                    }
                }
                // Sentence index by start offset, built once per document (was a linear search
                // per event: O(events × sentences) on one large document).
                let mut by_start: std::collections::HashMap<usize, usize> = std::collections::HashMap::with_capacity(coded.sentences.len());
                for (i, s) in coded.sentences.iter().enumerate() {
                    by_start.entry(s.span.start).or_insert(i);
                }
                for e in &coded.events {
                    let idx = by_start.get(&e.start).copied().unwrap_or(0);
                    // Codes are stored upper case, so filters are exact range scans over indexes.
                    let (source, target) = (e.source.to_uppercase(), e.target.to_uppercase());
                    let key = format!("{}|{}|{}|{}", e.date.as_deref().unwrap_or(""), source, target, e.code);
                    let provenance = provenance_of(e.section);
                    pending.add(&key, e, provenance);
                    ins_event
                        .execute(params![
                            doc_id,
                            idx as i64,
                            e.line as i64,
                            e.date,
                            e.date_precision,
                            source,
                            e.source_country,
                            target,
                            e.target_country,
                            e.code,
                            e.root,
                            e.name,
                            e.goldstein,
                            e.quad_class as i64,
                            e.plover,
                            e.section,
                            provenance,
                            e.speaker,
                            e.negated as i64,
                            e.modality,
                            &*e.sentence,
                            e.explanation,
                            key
                        ])
                        .map_err(err)?;
                    crate::places::insert(&tx, tx.last_insert_rowid(), &e.location).map_err(err)?;
                }
                out.push(outcome);
            }
            pending.flush(&tx).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reingest_changes_nothing_and_edits_replace() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("open");
        let coder = demarche_events::Coder::builtin().expect("coder");
        let date = demarche_core::dates::parse_date("2025-01-22");
        let doc = Document::from_text("d1", "Russia praised Armenia. Iran condemned Israel.", date);
        let coded = coder.code(&doc.id, &doc.text, None, doc.date);
        assert_eq!(store.write_batch(&[(&doc, &coded)]).expect("w"), [Written::New]);
        let before = store.content_digest().expect("digest");
        assert_eq!(store.write_batch(&[(&doc, &coded)]).expect("w"), [Written::Unchanged]);
        assert_eq!(store.content_digest().expect("digest"), before);
        assert_eq!(store.counts().expect("c").3, 2);
        let edited = Document::from_text("d1", "Russia praised Armenia.", date);
        let coded2 = coder.code(&edited.id, &edited.text, None, edited.date);
        assert_eq!(store.write_batch(&[(&edited, &coded2)]).expect("w"), [Written::Replaced]);
        assert_eq!(store.counts().expect("c"), (1, 1, 2, 1));
        assert!(store.check().expect("check").is_empty());
    }

    #[test]
    fn provenance_classes() {
        assert_eq!(provenance_of("answer"), "official");
        assert_eq!(provenance_of("statement"), "official");
        assert_eq!(provenance_of("narrative"), "reported");
        assert_eq!(provenance_of("headline"), "reported");
        assert_eq!(provenance_of("question"), "asked");
    }
}
