//! Queries: the dyad relations index (time series split by direction and provenance, with the
//! official-versus-reported gap) and event filters.

use crate::{Store, StoreError};
use chrono::Datelike;
use rusqlite::types::Value;
use serde::Serialize;

/// The time bucket of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// `2025-01-21`
    Day,
    /// ISO week, `2025-W04`
    Week,
    /// `2025-01`
    Month,
    /// `2025`
    Year,
}

impl Period {
    /// Parse `day|week|month|year`.
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            "year" => Period::Year,
            _ => return None,
        })
    }

    fn bucket(self, date: &str) -> String {
        match self {
            Period::Day => date.to_string(),
            Period::Month => date.get(..7).unwrap_or(date).to_string(),
            Period::Year => date.get(..4).unwrap_or(date).to_string(),
            Period::Week => match demarche_core::dates::parse_date(date) {
                Some(d) => {
                    let w = d.iso_week();
                    format!("{}-W{:02}", w.year(), w.week())
                }
                None => date.to_string(),
            },
        }
    }
}

/// A relations query.
#[derive(Debug, Clone)]
pub struct RelationsQuery {
    /// First party (country code such as `RUS`, or an international actor code).
    pub a: String,
    /// Second party.
    pub b: String,
    /// Bucket size.
    pub by: Period,
    /// First date, inclusive (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Last date, inclusive.
    pub to: Option<String>,
}

impl RelationsQuery {
    /// All of the dyad's history by `by`.
    pub fn new(a: &str, b: &str, by: Period) -> RelationsQuery {
        RelationsQuery { a: a.to_uppercase(), b: b.to_uppercase(), by, from: None, to: None }
    }
}

/// Aggregates of a set of events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    /// Distinct events (an event reported by several documents counts once).
    pub events: u64,
    /// Reports: every stored occurrence.
    pub reports: u64,
    /// Sum of Goldstein over distinct events.
    pub goldstein_sum: f64,
    /// Mean Goldstein over distinct events (null when there is none).
    pub goldstein_mean: Option<f64>,
    /// Distinct events per GDELT QuadClass 1..4.
    pub quad: [u64; 4],
}

impl Cell {
    fn add(&mut self, goldstein: f64, quad: u8, reports: u64) {
        self.events += 1;
        self.reports += reports;
        self.goldstein_sum += goldstein;
        if (1..=4).contains(&quad) {
            self.quad[(quad - 1) as usize] += 1;
        }
    }

    fn finish(&mut self) {
        self.goldstein_sum = (self.goldstein_sum * 1000.0).round() / 1000.0;
        self.goldstein_mean = (self.events > 0).then(|| ((self.goldstein_sum / self.events as f64) * 1000.0).round() / 1000.0);
    }
}

/// A cell per provenance class.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProvenanceSplit {
    /// Everything.
    pub all: Cell,
    /// Statements and answers.
    pub official: Cell,
    /// Narrative and headlines.
    pub reported: Cell,
    /// Questions.
    pub asked: Cell,
}

impl ProvenanceSplit {
    fn add(&mut self, provenance: &str, goldstein: f64, quad: u8, reports: u64) {
        self.all.add(goldstein, quad, reports);
        match provenance {
            "official" => self.official.add(goldstein, quad, reports),
            "reported" => self.reported.add(goldstein, quad, reports),
            "asked" => self.asked.add(goldstein, quad, reports),
            _ => {}
        }
    }

    fn finish(&mut self) {
        for c in [&mut self.all, &mut self.official, &mut self.reported, &mut self.asked] {
            c.finish();
        }
    }
}

/// One period of the series.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PeriodRow {
    /// The bucket (`2025-01`).
    pub period: String,
    /// Both directions together.
    pub both: ProvenanceSplit,
    /// A → B.
    pub a_to_b: ProvenanceSplit,
    /// B → A.
    pub b_to_a: ProvenanceSplit,
}

/// Is the official record more cooperative than the reporting?
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// Mean Goldstein of official events.
    pub official_mean: Option<f64>,
    /// Their number.
    pub official_events: u64,
    /// Mean Goldstein of reported events.
    pub reported_mean: Option<f64>,
    /// Their number.
    pub reported_events: u64,
    /// official_mean − reported_mean.
    pub difference: Option<f64>,
    /// `official`, `reported`, `equal`, or `unknown` when a side has no events.
    pub more_cooperative: &'static str,
    /// The comparison in words.
    pub statement: String,
}

/// The answer to a relations query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relations {
    /// First party.
    pub a: String,
    /// Second party.
    pub b: String,
    /// Bucket size.
    pub by: Period,
    /// The series, in time order.
    pub rows: Vec<PeriodRow>,
    /// The whole range.
    pub total: PeriodRow,
    /// Events of the dyad with no date (not in the series).
    pub undated_events: u64,
    /// Official versus reported over the whole range.
    pub gap: Gap,
}

/// A filter over stored events.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// `(A, B)`: events between A and B in either direction.
    pub dyad: Option<(String, String)>,
    /// Events with this actor (country code or code prefix) on either side.
    pub actor: Option<String>,
    /// Code prefix (`04` for the root, `043` for the code).
    pub code: Option<String>,
    /// First date, inclusive.
    pub from: Option<String>,
    /// Last date, inclusive.
    pub to: Option<String>,
    /// Section label.
    pub section: Option<String>,
    /// Maximum rows (0 = all).
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
    /// Events of one stored document (its row id).
    pub document: Option<i64>,
    /// Where the events happened (`--near`, `--place-country`).
    pub place: crate::PlaceFilter,
}

/// A stored event with its document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Row id (stable within a database).
    pub id: i64,
    /// Document id.
    pub doc: String,
    /// Document URL.
    pub url: Option<String>,
    /// Line of the sentence.
    pub line: i64,
    /// Date.
    pub date: Option<String>,
    /// Date precision.
    pub date_precision: String,
    /// Source code.
    pub source: String,
    /// Source country.
    pub source_country: String,
    /// Target code.
    pub target: String,
    /// Target country.
    pub target_country: String,
    /// CAMEO code.
    pub code: String,
    /// Root.
    pub root: String,
    /// Name.
    pub name: String,
    /// Goldstein.
    pub goldstein: f64,
    /// QuadClass.
    pub quad_class: i64,
    /// PLOVER.
    pub plover: String,
    /// Section.
    pub section: String,
    /// Provenance class.
    pub provenance: String,
    /// Speaker.
    pub speaker: Option<String>,
    /// Negated.
    pub negated: bool,
    /// Modality.
    pub modality: String,
    /// Sentence.
    pub sentence: String,
    /// Explanation.
    pub explanation: String,
    /// How many stored events share this one's date, source, target and code (reports).
    pub reports: i64,
    /// Where it happened.
    #[serde(flatten)]
    pub location: crate::StoredPlace,
}

impl Store {
    /// The dyad's time series and gap.
    pub fn relations(&self, q: &RelationsQuery) -> Result<Relations, StoreError> {
        let (a, b) = (q.a.to_uppercase(), q.b.to_uppercase());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT date, source_country, goldstein, quad_class, provenance, COUNT(*)
                 FROM events
                 WHERE ((source_country = ?1 AND target_country = ?2) OR (source_country = ?2 AND target_country = ?1))
                   AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date <= ?4)
                   AND negated = 0
                 GROUP BY dedup_key, provenance",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params![a, b, q.from, q.to], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, f64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut series: std::collections::BTreeMap<String, PeriodRow> = std::collections::BTreeMap::new();
        let mut total = PeriodRow { period: "total".into(), ..PeriodRow::default() };
        let mut undated = 0;
        for row in rows {
            let (date, src, g, quad, prov, reports) = row.map_err(|e| self.err(e))?;
            let Some(date) = date else {
                undated += 1;
                continue;
            };
            let bucket = q.by.bucket(&date);
            let entry = series.entry(bucket.clone()).or_insert_with(|| PeriodRow { period: bucket, ..PeriodRow::default() });
            for r in [&mut *entry, &mut total] {
                r.both.add(&prov, g, quad as u8, reports as u64);
                if src == a {
                    r.a_to_b.add(&prov, g, quad as u8, reports as u64);
                } else {
                    r.b_to_a.add(&prov, g, quad as u8, reports as u64);
                }
            }
        }
        let mut rows: Vec<PeriodRow> = series.into_values().collect();
        for r in rows.iter_mut().chain(std::iter::once(&mut total)) {
            r.both.finish();
            r.a_to_b.finish();
            r.b_to_a.finish();
        }
        let gap = gap(&a, &b, &total.both);
        Ok(Relations { a, b, by: q.by, rows, total, undated_events: undated, gap })
    }

    /// Events matching a filter, newest first.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let (cond, args) = filter_sql(f)?;
        let mut sql = String::from(
            "SELECT e.id, d.doc_key, d.url, e.line, e.date, e.date_precision, e.source, e.source_country, e.target, e.target_country,
                    e.code, e.root, e.name, e.goldstein, e.quad_class, e.plover, e.section, e.provenance, e.speaker, e.negated,
                    e.modality, e.sentence, e.explanation,
                    (SELECT COUNT(*) FROM events x WHERE x.dedup_key = e.dedup_key)
             FROM events e JOIN documents d ON d.id = e.document_id WHERE 1=1",
        );
        sql.push_str(&cond);
        sql.push_str(" ORDER BY e.date DESC, e.id DESC");
        if f.limit > 0 {
            sql.push_str(&format!(" LIMIT {} OFFSET {}", f.limit, f.offset));
        }
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(StoredEvent {
                    id: r.get(0)?,
                    doc: r.get(1)?,
                    url: r.get(2)?,
                    line: r.get(3)?,
                    date: r.get(4)?,
                    date_precision: r.get(5)?,
                    source: r.get(6)?,
                    source_country: r.get(7)?,
                    target: r.get(8)?,
                    target_country: r.get(9)?,
                    code: r.get(10)?,
                    root: r.get(11)?,
                    name: r.get(12)?,
                    goldstein: r.get(13)?,
                    quad_class: r.get(14)?,
                    plover: r.get(15)?,
                    section: r.get(16)?,
                    provenance: r.get(17)?,
                    speaker: r.get(18)?,
                    negated: r.get::<_, i64>(19)? != 0,
                    modality: r.get(20)?,
                    sentence: r.get(21)?,
                    explanation: r.get(22)?,
                    reports: r.get(23)?,
                    location: Default::default(),
                })
            })
            .map_err(|e| self.err(e))?;
        let mut rows = rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))?;
        self.attach_places(&mut rows)?;
        Ok(rows)
    }
}

impl Store {
    /// How many events match a filter (ignoring its limit and offset).
    pub fn count_events(&self, f: &EventFilter) -> Result<u64, StoreError> {
        let (cond, args) = filter_sql(f)?;
        let sql = format!("SELECT COUNT(*) FROM events e WHERE 1=1{cond}");
        self.conn
            .query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }
}

/// The WHERE conditions (each starting with " AND") and arguments of a filter.
fn filter_sql(f: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: String| {
        args.push(Value::Text(v));
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some((x, y)) = &f.dyad {
        arg(&mut sql, " AND ((e.source_country = ? ", x.to_uppercase());
        arg(&mut sql, "AND e.target_country = ?)", y.to_uppercase());
        arg(&mut sql, " OR (e.source_country = ? ", y.to_uppercase());
        arg(&mut sql, "AND e.target_country = ?))", x.to_uppercase());
    }
    if let Some(a) = &f.actor {
        let a = a.to_uppercase();
        arg(&mut sql, " AND (e.source LIKE ? ", format!("{a}%"));
        arg(&mut sql, "OR e.target LIKE ?)", format!("{a}%"));
    }
    if let Some(c) = &f.code {
        if !c.bytes().all(|b| b.is_ascii_digit()) || c.is_empty() || c.len() > 4 {
            return Err(StoreError::Invalid(format!("--code expects a CAMEO code or root such as 04 or 043, found {c:?}")));
        }
        arg(&mut sql, " AND e.code LIKE ?", format!("{c}%"));
    }
    if let Some(d) = &f.from {
        arg(&mut sql, " AND e.date >= ?", d.clone());
    }
    if let Some(d) = &f.to {
        arg(&mut sql, " AND e.date <= ?", d.clone());
    }
    if let Some(s) = &f.section {
        arg(&mut sql, " AND e.section = ?", s.clone());
    }
    if let Some(d) = f.document {
        arg(&mut sql, " AND e.document_id = CAST(? AS INTEGER)", d.to_string());
    }
    crate::places::filter_sql(&f.place, &mut sql, &mut args)?;
    Ok((sql, args))
}

fn gap(a: &str, b: &str, both: &ProvenanceSplit) -> Gap {
    let (o, r) = (&both.official, &both.reported);
    let difference = match (o.goldstein_mean, r.goldstein_mean) {
        (Some(x), Some(y)) => Some(((x - y) * 1000.0).round() / 1000.0),
        _ => None,
    };
    let more = match difference {
        None => "unknown",
        Some(d) if d > 0.0 => "official",
        Some(d) if d < 0.0 => "reported",
        Some(_) => "equal",
    };
    let fmt = |m: Option<f64>| m.map(|v| format!("{v:+.2}")).unwrap_or_else(|| "n/a".into());
    let statement = match difference {
        None if o.events == 0 && r.events == 0 => format!("No official or reported events between {a} and {b} in this range."),
        None if o.events == 0 => format!("No official events between {a} and {b} in this range: the gap cannot be measured ({} reported events, mean Goldstein {}).", r.events, fmt(r.goldstein_mean)),
        None => format!("No reported events between {a} and {b} in this range: the gap cannot be measured ({} official events, mean Goldstein {}).", o.events, fmt(o.goldstein_mean)),
        Some(d) => format!(
            "The official record is {} than the reporting by {:.2} Goldstein points: official mean {} over {} events, reported mean {} over {} events.",
            match more {
                "official" => "more cooperative",
                "reported" => "less cooperative",
                _ => "as cooperative",
            },
            d.abs(),
            fmt(o.goldstein_mean),
            o.events,
            fmt(r.goldstein_mean),
            r.events
        ),
    };
    Gap {
        official_mean: o.goldstein_mean,
        official_events: o.events,
        reported_mean: r.goldstein_mean,
        reported_events: r.events,
        difference,
        more_cooperative: more,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use demarche_documents::Document;

    fn store_with(docs: &[(&str, &str, &str)]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("q.db")).expect("open");
        let coder = demarche_events::Coder::builtin().expect("coder");
        for (id, date, text) in docs {
            let doc = Document::from_text(*id, *text, demarche_core::dates::parse_date(date));
            let coded = coder.code(&doc.id, &doc.text, None, doc.date);
            store.write_batch(&[(&doc, &coded)]).expect("write");
        }
        (dir, store)
    }

    #[test]
    fn series_dedup_and_gap() {
        let (_d, store) = store_with(&[
            ("a", "2025-01-22", "Talks\nQuestion: And Armenia?\nSergey Lavrov: Yesterday Russia praised Armenia.\n"),
            ("b", "2025-01-22", "Russia criticized Armenia yesterday.\n"),
            ("c", "2025-01-22", "Russia criticized Armenia yesterday.\n"),
            ("d", "2025-02-10", "Armenia thanked Russia.\n"),
        ]);
        let rel = store.relations(&RelationsQuery::new("RUS", "ARM", Period::Month)).expect("rel");
        assert_eq!(rel.rows.len(), 2);
        let jan = &rel.rows[0];
        assert_eq!(jan.period, "2025-01");
        assert_eq!(jan.both.official.events, 1);
        // The same criticism in two documents counts once, with two reports.
        assert_eq!(jan.both.reported.events, 1);
        assert_eq!(jan.both.reported.reports, 2);
        assert_eq!(jan.a_to_b.all.events, 2);
        assert_eq!(rel.rows[1].b_to_a.all.events, 1);
        assert_eq!(rel.gap.more_cooperative, "official");
        assert!(rel.gap.statement.starts_with("The official record is more cooperative"), "{}", rel.gap.statement);
        let week = store.relations(&RelationsQuery::new("ARM", "RUS", Period::Week)).expect("rel");
        assert_eq!(week.rows[0].period, "2025-W04");
    }

    #[test]
    fn event_filters() {
        let (_d, store) = store_with(&[("a", "2025-01-22", "Russia praised Armenia. Iran condemned Israel. France visited Germany.\n")]);
        let all = store.events(&EventFilter::default()).expect("all");
        assert_eq!(all.len(), 3);
        let f = EventFilter { dyad: Some(("ARM".into(), "RUS".into())), ..EventFilter::default() };
        assert_eq!(store.events(&f).expect("dyad").len(), 1);
        let f = EventFilter { code: Some("11".into()), ..EventFilter::default() };
        assert_eq!(store.events(&f).expect("code")[0].source, "IRN");
        let f = EventFilter { actor: Some("FRA".into()), ..EventFilter::default() };
        assert_eq!(store.events(&f).expect("actor")[0].code, "042");
        let f = EventFilter { code: Some("4x".into()), ..EventFilter::default() };
        assert!(store.events(&f).is_err());
        let doc = store.document("a").expect("doc").expect("found");
        assert_eq!(doc.events.len(), 3);
        assert_eq!(doc.sentences.len(), 3);
        assert!(doc.mentions.len() >= 6);
        assert!(store.document("missing").expect("query").is_none());
    }

    #[test]
    fn count_matches_filter() {
        let (_d, store) = store_with(&[("a", "2025-01-22", "Russia praised Armenia. Iran condemned Israel.\n")]);
        assert_eq!(store.count_events(&EventFilter::default()).expect("count"), 2);
    }
}

/// A stored document with its sentences, mentions and events, for display.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    /// Document id.
    pub id: String,
    /// Date.
    pub date: Option<String>,
    /// Source name.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Text all spans point into.
    pub text: String,
    /// Sentences: (line, start, end, section, speaker).
    pub sentences: Vec<serde_json::Value>,
    /// Mentions: (sentence, start, end, code, kind, resolved_from).
    pub mentions: Vec<serde_json::Value>,
    /// Events of the document.
    pub events: Vec<StoredEvent>,
}

impl Store {
    /// A document by id, or `None`.
    pub fn document(&self, key: &str) -> Result<Option<StoredDocument>, StoreError> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn
            .query_row("SELECT id, date, source, url, title, text FROM documents WHERE doc_key = ?1", [key], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, date, source, url, title, text)) = row else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare("SELECT idx, line, start, end, section, speaker FROM sentences WHERE document_id = ?1 ORDER BY idx")
            .map_err(|e| self.err(e))?;
        let sentences = stmt
            .query_map([id], |r| {
                Ok(serde_json::json!({
                    "index": r.get::<_, i64>(0)?, "line": r.get::<_, i64>(1)?, "start": r.get::<_, i64>(2)?,
                    "end": r.get::<_, i64>(3)?, "section": r.get::<_, String>(4)?, "speaker": r.get::<_, Option<String>>(5)?
                }))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare("SELECT sentence_idx, start, end, code, kind, resolved_from FROM mentions WHERE document_id = ?1 ORDER BY start")
            .map_err(|e| self.err(e))?;
        let mentions = stmt
            .query_map([id], |r| {
                Ok(serde_json::json!({
                    "sentence": r.get::<_, i64>(0)?, "start": r.get::<_, i64>(1)?, "end": r.get::<_, i64>(2)?,
                    "code": r.get::<_, String>(3)?, "kind": r.get::<_, String>(4)?, "resolved_from": r.get::<_, Option<String>>(5)?
                }))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let events = self.events_by_document(id)?;
        Ok(Some(StoredDocument { id: key.to_string(), date, source, url, title, text, sentences, mentions, events }))
    }

    fn events_by_document(&self, document_id: i64) -> Result<Vec<StoredEvent>, StoreError> {
        let f = EventFilter { document: Some(document_id), ..EventFilter::default() };
        let mut v = self.events(&f)?;
        v.sort_by_key(|e| e.id);
        Ok(v)
    }
}
