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
    #[cfg(test)]
    fn add(&mut self, goldstein: f64, quad: u8, reports: u64) {
        self.events += 1;
        self.reports += reports;
        self.goldstein_sum += goldstein;
        if (1..=4).contains(&quad) {
            self.quad[(quad - 1) as usize] += 1;
        }
    }

    /// Add a pre-aggregated day: `events` distinct events, their reports, Goldstein sum and
    /// QuadClass counts.
    fn add_day(&mut self, d: &DayAggregate) {
        self.events += d.events;
        self.reports += d.reports;
        self.goldstein_sum += d.goldstein_sum;
        for (q, n) in self.quad.iter_mut().zip(d.quad) {
            *q += n;
        }
    }

    fn finish(&mut self) {
        // `+ 0.0` turns a -0.0 (a sum whose terms cancel) into 0.0.
        self.goldstein_sum = (self.goldstein_sum * 1000.0).round() / 1000.0 + 0.0;
        self.goldstein_mean = (self.events > 0).then(|| ((self.goldstein_sum / self.events as f64) * 1000.0).round() / 1000.0 + 0.0);
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

/// One row of `dyad_days`: the distinct events of a (source country, target country, day,
/// provenance).
struct DayAggregate {
    events: u64,
    reports: u64,
    goldstein_sum: f64,
    quad: [u64; 4],
}

impl ProvenanceSplit {
    #[cfg(test)]
    fn add(&mut self, provenance: &str, goldstein: f64, quad: u8, reports: u64) {
        self.all.add(goldstein, quad, reports);
        match provenance {
            "official" => self.official.add(goldstein, quad, reports),
            "reported" => self.reported.add(goldstein, quad, reports),
            "asked" => self.asked.add(goldstein, quad, reports),
            _ => {}
        }
    }

    fn add_day(&mut self, provenance: &str, d: &DayAggregate) {
        self.all.add_day(d);
        match provenance {
            "official" => self.official.add_day(d),
            "reported" => self.reported.add_day(d),
            "asked" => self.asked.add_day(d),
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
    /// Keyset pagination: only events after this one in the listing order (date descending,
    /// then id descending, undated last). Cheaper than `offset` on deep pages.
    pub cursor: Option<Cursor>,
}

/// A position in the event listing (date descending, id descending, undated last): the last
/// event of a page. Written `DATE:ID` (`2025-01-22:1234`, `:1234` when undated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The event's date (`None` when undated).
    pub date: Option<String>,
    /// The event's row id.
    pub id: i64,
}

impl Cursor {
    /// The cursor that continues after `e`.
    pub fn after(e: &StoredEvent) -> Cursor {
        Cursor { date: e.date.clone(), id: e.id }
    }

    /// Parse `DATE:ID` as written by [`Cursor`]'s `Display`.
    pub fn parse(s: &str) -> Result<Cursor, StoreError> {
        let bad =
            || StoreError::Invalid(format!("cursor expects DATE:ID as returned in next_cursor (such as 2025-01-22:1234), found {s:?}"));
        let (date, id) = s.rsplit_once(':').ok_or_else(bad)?;
        let id: i64 = id.parse().map_err(|_| bad())?;
        let date = match date {
            "" => None,
            d if demarche_core::dates::parse_date(d).is_some() || d.bytes().all(|b| b.is_ascii_digit() || b == b'-') => Some(d.to_string()),
            _ => return Err(bad()),
        };
        Ok(Cursor { date, id })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.date.as_deref().unwrap_or(""), self.id)
    }
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

impl StoredEvent {
    /// A coded event as the store would hold it (codes upper case, provenance from the section),
    /// for writers shared by `code` and `export`: `id` is its row number in the output, `url`
    /// its document's, `reports` how many events of the output share its date, source, target
    /// and code.
    pub fn from_coded(e: &demarche_events::Event, id: i64, url: Option<&str>, reports: i64) -> StoredEvent {
        let l = &e.location;
        StoredEvent {
            id,
            doc: e.doc.clone(),
            url: url.map(str::to_string),
            line: e.line as i64,
            date: e.date.clone(),
            date_precision: e.date_precision.to_string(),
            source: e.source.to_uppercase(),
            source_country: e.source_country.clone(),
            target: e.target.to_uppercase(),
            target_country: e.target_country.clone(),
            code: e.code.clone(),
            root: e.root.clone(),
            name: e.name.clone(),
            goldstein: e.goldstein,
            quad_class: e.quad_class as i64,
            plover: e.plover.clone(),
            section: e.section.to_string(),
            provenance: crate::write::provenance_of(e.section).to_string(),
            speaker: e.speaker.clone(),
            negated: e.negated,
            modality: e.modality.to_string(),
            sentence: e.sentence.to_string(),
            explanation: e.explanation.clone(),
            reports,
            location: crate::StoredPlace {
                place: l.place.clone(),
                place_country: l.place_country.clone(),
                adm1: l.adm1.clone(),
                lat: l.lat,
                lon: l.lon,
                geo_precision: l.geo_precision.map(str::to_string),
                geo_source: l.geo_source.map(str::to_string),
            },
        }
    }
}

impl Store {
    /// The dyad's time series and gap, read from the `dyad_days` aggregates (one row per
    /// direction, day and provenance; never the events themselves).
    pub fn relations(&self, q: &RelationsQuery) -> Result<Relations, StoreError> {
        let (a, b) = (q.a.to_uppercase(), q.b.to_uppercase());
        let mut stmt = self.conn.prepare_cached(RELATIONS_SQL).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params![a, b, q.from, q.to], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    DayAggregate {
                        events: r.get::<_, i64>(3)?.max(0) as u64,
                        reports: r.get::<_, i64>(4)?.max(0) as u64,
                        goldstein_sum: r.get(5)?,
                        quad: [
                            r.get::<_, i64>(6)?.max(0) as u64,
                            r.get::<_, i64>(7)?.max(0) as u64,
                            r.get::<_, i64>(8)?.max(0) as u64,
                            r.get::<_, i64>(9)?.max(0) as u64,
                        ],
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut series: std::collections::BTreeMap<String, PeriodRow> = std::collections::BTreeMap::new();
        let mut total = PeriodRow { period: "total".into(), ..PeriodRow::default() };
        let mut undated = 0;
        for row in rows {
            let (day, src, prov, agg) = row.map_err(|e| self.err(e))?;
            if day.is_empty() {
                undated += agg.events;
                continue;
            }
            let bucket = q.by.bucket(&day);
            let entry = series.entry(bucket.clone()).or_insert_with(|| PeriodRow { period: bucket, ..PeriodRow::default() });
            for r in [&mut *entry, &mut total] {
                r.both.add_day(&prov, &agg);
                if src == a {
                    r.a_to_b.add_day(&prov, &agg);
                } else {
                    r.b_to_a.add_day(&prov, &agg);
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
        let mut v = Vec::new();
        self.for_each_event(f, |e| {
            v.push(e);
            Ok(())
        })?;
        // Where each event happened (one indexed lookup for the page).
        self.attach_places(&mut v)?;
        Ok(v)
    }

    /// Events matching a filter, newest first, handed over one at a time as SQLite reads them
    /// (nothing is collected: memory does not grow with the number of rows).
    pub fn for_each_event(&self, f: &EventFilter, each: impl FnMut(StoredEvent) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let (sql, args) = events_sql(f)?;
        self.stream_events(&sql, &args, each)
    }

    /// The rows of the event listing of `f` (newest first), as SQLite reads them, for writers
    /// that take the columns straight from SQLite's buffers (the CSV export).
    pub(crate) fn for_each_row(
        &self,
        f: &EventFilter,
        each: impl FnMut(&rusqlite::Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (sql, args) = events_sql(f)?;
        self.stream_rows(&sql, &args, each)
    }

    /// [`Store::for_each_event_stored`]'s rows, as [`Store::for_each_row`] hands them over.
    pub(crate) fn for_each_row_stored(
        &self,
        f: &EventFilter,
        each: impl FnMut(&rusqlite::Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (sql, args) = stored_sql(f)?;
        self.stream_rows(&sql, &args, each)
    }

    fn stream_rows(
        &self,
        sql: &str,
        args: &[Value],
        mut each: impl FnMut(&rusqlite::Row) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter())).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            each(r)?;
        }
        Ok(())
    }

    /// Runs an event query and hands over each row as it is read.
    fn stream_events(
        &self,
        sql: &str,
        args: &[Value],
        mut each: impl FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter())).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let e = stored_event(r).map_err(|e| self.err(e))?;
            each(e)?;
        }
        Ok(())
    }

    /// Events matching a filter in stored order (id ascending: a sequential read of the
    /// events table, the fastest way through a large store), one at a time. Limit, offset
    /// and cursor are ignored.
    pub fn for_each_event_stored(
        &self,
        f: &EventFilter,
        each: impl FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let (sql, args) = stored_sql(f)?;
        self.stream_events(&sql, &args, each)
    }

    /// How many events match a filter (ignoring its limit, offset and cursor).
    pub fn count_events(&self, f: &EventFilter) -> Result<u64, StoreError> {
        Ok(self.count_events_capped(f, u64::MAX)?.0)
    }

    /// How many events match a filter, counting at most `cap` (an index range count, bounded
    /// in time however large the store); the flag is true when the count reached the cap.
    pub fn count_events_capped(&self, f: &EventFilter, cap: u64) -> Result<(u64, bool), StoreError> {
        let f = EventFilter { limit: 0, offset: 0, cursor: None, ..f.clone() };
        let (branches, args) = branches_sql(&f, "SELECT 1 FROM events e WHERE 1=1")?;
        let sql = if cap == u64::MAX {
            format!("SELECT COUNT(*) FROM ({})", branches.join(" UNION ALL "))
        } else {
            format!("SELECT COUNT(*) FROM ({} LIMIT {cap})", branches.join(" UNION ALL "))
        };
        let n = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))?;
        Ok((n, n >= cap))
    }

    /// The query plan SQLite chooses for the listing of `f` (`EXPLAIN QUERY PLAN`, one detail
    /// line per step), for tests and `--explain-plan`-style diagnostics.
    pub fn events_plan(&self, f: &EventFilter) -> Result<Vec<String>, StoreError> {
        let (sql, args) = events_sql(f)?;
        self.plan(&sql, &args)
    }

    /// The query plan of `relations`.
    pub fn relations_plan(&self) -> Result<Vec<String>, StoreError> {
        let args: Vec<Value> = vec![Value::Text("RUS".into()), Value::Text("ARM".into()), Value::Null, Value::Null];
        self.plan(RELATIONS_SQL, &args)
    }

    fn plan(&self, sql: &str, args: &[Value]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, String>(3)).map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }
}

/// The relations aggregates of a dyad, both directions (the second arm is empty when A = B).
const RELATIONS_SQL: &str = "
    SELECT day, source_country, provenance, events, reports, goldstein_sum, q1, q2, q3, q4 FROM dyad_days
     WHERE source_country = ?1 AND target_country = ?2
       AND (?3 IS NULL OR day >= ?3) AND (?4 IS NULL OR (day <= ?4 AND day != ''))
    UNION ALL
    SELECT day, source_country, provenance, events, reports, goldstein_sum, q1, q2, q3, q4 FROM dyad_days
     WHERE source_country = ?2 AND target_country = ?1 AND ?1 != ?2
       AND (?3 IS NULL OR day >= ?3) AND (?4 IS NULL OR (day <= ?4 AND day != ''))";

const EVENT_SELECT: &str =
    "SELECT e.id, d.doc_key, d.url, e.line, e.date, e.date_precision, e.source, e.source_country, e.target, e.target_country,
        e.code, e.root, e.name, e.goldstein, e.quad_class, e.plover, e.section, e.provenance, e.speaker, e.negated,
        e.modality, e.sentence, e.explanation, COALESCE(c.reports, 1)";
const EVENT_JOINS: &str = "JOIN documents d ON d.id = e.document_id LEFT JOIN dedup_counts c ON c.dedup_key = e.dedup_key";

fn stored_event(r: &rusqlite::Row) -> rusqlite::Result<StoredEvent> {
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
}

/// The query of [`Store::for_each_event_stored`]: id ascending, limit, offset and cursor
/// ignored.
fn stored_sql(f: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let f = EventFilter { limit: 0, offset: 0, cursor: None, ..f.clone() };
    let plain = format!("{EVENT_SELECT} FROM events e {EVENT_JOINS} WHERE 1=1");
    let (arms, args) = branches_sql(&f, &plain)?;
    Ok((format!("{} ORDER BY 1", arms.join(" UNION ALL ")), args))
}

/// The listing query of a filter: one arm per index range (a dyad's two directions, an
/// actor as source or as target; the cursor's dated and undated parts), merged by SQLite in
/// (date DESC, id DESC) order, each arm read lazily from its index.
fn events_sql(f: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let plain = format!("{EVENT_SELECT} FROM events e {EVENT_JOINS} WHERE 1=1");
    let (mut arms, args) = branches_sql(f, &plain)?;
    if f.limit > 0 && f.dyad.is_none() && (f.actor.is_some() || f.code.is_some()) {
        // An actor or code range is not in date order: sort its keys (id, date) from a
        // covering index, then read only the page's rows.
        let (keys, _) = branches_sql(f, "SELECT e.id AS kid FROM events e WHERE 1=1")?;
        let n = f.limit + f.offset;
        arms = keys
            .into_iter()
            .map(|k| {
                format!("{EVENT_SELECT} FROM ({k} ORDER BY e.date DESC, e.id DESC LIMIT {n}) k JOIN events e ON e.id = k.kid {EVENT_JOINS}")
            })
            .collect();
    }
    // Result columns: 1 = id, 5 = date.
    let mut sql = arms.join(" UNION ALL ");
    sql.push_str(" ORDER BY 5 DESC, 1 DESC");
    if f.limit > 0 {
        sql.push_str(&format!(" LIMIT {} OFFSET {}", f.limit, f.offset));
    } else if f.offset > 0 {
        sql.push_str(&format!(" LIMIT -1 OFFSET {}", f.offset));
    }
    Ok((sql, args))
}

/// `select` (ending in a WHERE clause) once per arm, with the filter's conditions.
fn branches_sql(f: &EventFilter, select: &str) -> Result<(Vec<String>, Vec<Value>), StoreError> {
    let (common, mut args) = filter_sql(f)?;
    let mut push = |v: Value| {
        args.push(v);
        format!("?{}", args.len())
    };
    // Arms that split the rows by index range; disjoint, so UNION ALL is exact.
    let mut split: Vec<String> = Vec::new();
    if let Some((x, y)) = &f.dyad {
        let (x, y) = (x.to_uppercase(), y.to_uppercase());
        let (px, py) = (push(Value::Text(x.clone())), push(Value::Text(y.clone())));
        split.push(format!(" AND e.source_country = {px} AND e.target_country = {py}"));
        if x != y {
            split.push(format!(" AND e.source_country = {py} AND e.target_country = {px}"));
        }
    } else if let Some(a) = &f.actor {
        let a = a.to_uppercase();
        let (lo, hi) = (push(Value::Text(a.clone())), push(Value::Text(prefix_end(&a))));
        split.push(format!(" AND e.source >= {lo} AND e.source < {hi}"));
        split.push(format!(" AND e.target >= {lo} AND e.target < {hi} AND NOT (e.source >= {lo} AND e.source < {hi})"));
    } else {
        split.push(String::new());
    }
    if f.dyad.is_some() {
        if let Some(a) = &f.actor {
            // Dyad and actor together: the actor is one more condition.
            let a = a.to_uppercase();
            let (lo, hi) = (push(Value::Text(a.clone())), push(Value::Text(prefix_end(&a))));
            for s in &mut split {
                s.push_str(&format!(" AND ((e.source >= {lo} AND e.source < {hi}) OR (e.target >= {lo} AND e.target < {hi}))"));
            }
        }
    }
    let mut pages: Vec<String> = vec![String::new()];
    if let Some(c) = &f.cursor {
        let id = push(Value::Integer(c.id));
        pages = match &c.date {
            Some(d) => {
                let d = push(Value::Text(d.clone()));
                vec![format!(" AND e.date <= {d} AND (e.date < {d} OR e.id < {id})"), " AND e.date IS NULL".to_string()]
            }
            None => vec![format!(" AND e.date IS NULL AND e.id < {id}")],
        };
    }
    let mut arms = Vec::new();
    for s in &split {
        for p in &pages {
            arms.push(format!("{select}{common}{s}{p}"));
        }
    }
    Ok((arms, args))
}

/// The smallest string above every string that starts with `prefix` (for `>= prefix AND <
/// end` range scans: exact, index-friendly, and `%` or `_` in the prefix are plain characters).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// The WHERE conditions (each starting with " AND") and arguments of a filter, but for the
/// dyad and actor, which [`branches_sql`] turns into index ranges.
fn filter_sql(f: &EventFilter) -> Result<(String, Vec<Value>), StoreError> {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: String| {
        args.push(Value::Text(v));
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(c) = &f.code {
        if !c.bytes().all(|b| b.is_ascii_digit()) || c.is_empty() || c.len() > 4 {
            return Err(StoreError::Invalid(format!("--code expects a CAMEO code or root such as 04 or 043, found {c:?}")));
        }
        arg(&mut sql, " AND e.code >= ?", c.clone());
        arg(&mut sql, " AND e.code < ?", prefix_end(c));
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
pub(crate) mod tests {
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

    /// `relations` as version 1 computed it, from the events: the reference for the aggregates.
    fn relations_from_events(store: &Store, q: &RelationsQuery) -> Relations {
        let (a, b) = (q.a.to_uppercase(), q.b.to_uppercase());
        let mut stmt = store
            .conn
            .prepare(
                "SELECT date, source_country, goldstein, quad_class, provenance, COUNT(*) FROM events
                 WHERE ((source_country = ?1 AND target_country = ?2) OR (source_country = ?2 AND target_country = ?1))
                   AND (?3 IS NULL OR date >= ?3) AND (?4 IS NULL OR date <= ?4) AND negated = 0
                 GROUP BY dedup_key, provenance",
            )
            .expect("prepare");
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
            .expect("query");
        let mut series: std::collections::BTreeMap<String, PeriodRow> = std::collections::BTreeMap::new();
        let mut total = PeriodRow { period: "total".into(), ..PeriodRow::default() };
        let mut undated = 0;
        for row in rows {
            let (date, src, g, quad, prov, reports) = row.expect("row");
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
        Relations { a, b, by: q.by, rows, total, undated_events: undated, gap }
    }

    /// Every dyad of the store, every period and a date range: aggregates equal the events.
    pub(crate) fn assert_aggregates_match(store: &Store) {
        let mut stmt = store.conn.prepare("SELECT DISTINCT source_country, target_country FROM events").expect("prepare");
        let dyads: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("q").collect::<Result<_, _>>().expect("rows");
        assert!(!dyads.is_empty());
        for (a, b) in dyads {
            for by in [Period::Day, Period::Week, Period::Month, Period::Year] {
                for (from, to) in
                    [(None, None), (Some("2025-01-01"), None), (None, Some("2025-01-21")), (Some("2024-12-01"), Some("2025-01-31"))]
                {
                    let q = RelationsQuery { from: from.map(String::from), to: to.map(String::from), ..RelationsQuery::new(&a, &b, by) };
                    assert_eq!(store.relations(&q).expect("rel"), relations_from_events(store, &q), "{a}-{b} {by:?} {from:?} {to:?}");
                }
            }
        }
        let reports: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM events e WHERE (SELECT COUNT(*) FROM events x WHERE x.dedup_key = e.dedup_key) != (SELECT reports FROM dedup_counts c WHERE c.dedup_key = e.dedup_key)", [], |r| r.get(0))
            .expect("reports");
        assert_eq!(reports, 0, "dedup_counts out of step");
    }

    #[test]
    fn aggregates_follow_inserts_replacements_and_negations() {
        let (_d, mut store) = store_with(&[
            ("a", "2025-01-22", "Talks\nQuestion: And Armenia?\nSergey Lavrov: Yesterday Russia praised Armenia.\n"),
            ("b", "2025-01-22", "Russia criticized Armenia yesterday.\n"),
            ("c", "2025-01-22", "Russia criticized Armenia yesterday. Russia did not criticize Armenia on Monday.\n"),
            ("d", "2025-02-10", "Armenia thanked Russia. Russia thanked Russia.\n"),
            ("e", "", "Armenia thanked Russia.\n"),
        ]);
        assert_aggregates_match(&store);
        // Replacing a document (cascade delete of its events) keeps the aggregates exact.
        let coder = demarche_events::Coder::builtin().expect("coder");
        let doc = Document::from_text("c", "Armenia criticized Russia.\n", demarche_core::dates::parse_date("2025-01-25"));
        let coded = coder.code(&doc.id, &doc.text, None, doc.date);
        assert_eq!(store.write_batch(&[(&doc, &coded)]).expect("w"), [crate::Written::Replaced]);
        assert_aggregates_match(&store);
        assert!(store.check().expect("check").is_empty());
    }

    #[test]
    fn batched_aggregates_equal_a_recount() {
        // Batches of several documents (repeated events across documents and provenances, a
        // negated one, an undated one), a document replaced within the batch that first wrote
        // it, a re-ingest, and replacements in a later batch: after each, the summary tables
        // equal their recount from the events (`check`) and `relations` equals a count of events.
        let coder = demarche_events::Coder::builtin().expect("coder");
        let doc = |id: &str, date: &str, text: &str| {
            let d = Document::from_text(id, text, demarche_core::dates::parse_date(date));
            let c = coder.code(&d.id, &d.text, None, d.date);
            (d, c)
        };
        let first = [
            doc("a", "2025-01-22", "Talks\nQuestion: And Armenia?\nSergey Lavrov: Yesterday Russia praised Armenia.\n"),
            doc("b", "2025-01-22", "Russia criticized Armenia yesterday. Russia praised Armenia yesterday.\n"),
            doc("c", "2025-01-22", "Russia criticized Armenia yesterday. Russia did not criticize Armenia on Monday.\n"),
            doc("d", "", "Armenia thanked Russia. Armenia thanked Russia.\n"),
            doc("b", "2025-01-22", "Russia criticized Armenia yesterday. Armenia thanked Russia.\n"),
            doc("e", "2025-02-10", "Armenia thanked Russia. Iran condemned Israel.\n"),
        ];
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("b.db")).expect("open");
        let pairs: Vec<(&Document, &demarche_events::Coded)> = first.iter().map(|(d, c)| (d, c)).collect();
        let written = store.write_batch(&pairs).expect("write");
        assert_eq!(written[4], crate::Written::Replaced);
        assert_eq!(store.check().expect("check"), Vec::<String>::new());
        assert_aggregates_match(&store);
        let before = store.content_digest().expect("digest");
        let last: Vec<(&Document, &demarche_events::Coded)> = pairs.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, p)| *p).collect();
        assert!(store.write_batch(&last).expect("rewrite").iter().all(|w| *w == crate::Written::Unchanged));
        assert_eq!(store.content_digest().expect("digest"), before);
        let second = [
            doc("c", "2025-01-25", "Armenia criticized Russia.\n"),
            doc("a", "2025-01-22", "Russia criticized Armenia yesterday.\n"),
            doc("f", "2025-01-22", "Russia praised Armenia yesterday.\n"),
        ];
        let pairs: Vec<(&Document, &demarche_events::Coded)> = second.iter().map(|(d, c)| (d, c)).collect();
        store.write_batch(&pairs).expect("write");
        assert_eq!(store.check().expect("check"), Vec::<String>::new());
        assert_aggregates_match(&store);
        // And `check` sees a summary that drifted.
        store
            .conn
            .execute_batch("UPDATE dyad_days SET reports = reports + 1 WHERE day = (SELECT MIN(day) FROM dyad_days)")
            .expect("corrupt");
        assert!(store.check().expect("check").iter().any(|p| p.contains("dyad_days differ from a recount")));
    }

    #[test]
    fn keyset_pages_equal_offset_pages() {
        let (_d, store) = store_with(&[
            ("a", "2025-01-22", "Russia praised Armenia. Iran condemned Israel. France visited Germany.\n"),
            ("b", "2025-01-20", "Armenia thanked Russia. Russia criticized Armenia.\n"),
            ("c", "", "Armenia thanked Russia. Russia accused Armenia.\n"),
            ("d", "2025-01-22", "Russia urged Armenia. Armenia blamed Russia.\n"),
        ]);
        for base in [
            EventFilter::default(),
            EventFilter { dyad: Some(("rus".into(), "ARM".into())), ..EventFilter::default() },
            EventFilter { actor: Some("arm".into()), ..EventFilter::default() },
        ] {
            let all = store.events(&base).expect("all");
            assert!(all.len() >= 3);
            let mut keyset = Vec::new();
            let mut cursor: Option<Cursor> = None;
            loop {
                let page = store.events(&EventFilter { limit: 2, cursor: cursor.clone(), ..base.clone() }).expect("page");
                let Some(last) = page.last() else { break };
                cursor = Some(Cursor::parse(&Cursor::after(last).to_string()).expect("cursor"));
                keyset.extend(page);
            }
            assert_eq!(keyset, all);
            let offset: Vec<StoredEvent> = (0..all.len())
                .step_by(2)
                .flat_map(|o| store.events(&EventFilter { limit: 2, offset: o, ..base.clone() }).expect("page"))
                .collect();
            assert_eq!(offset, all);
            assert_eq!(store.count_events(&base).expect("count"), all.len() as u64);
            assert_eq!(store.count_events_capped(&base, 2).expect("count"), (2, true));
        }
        assert!(Cursor::parse("nonsense").is_err());
        // Undated events come last.
        let all = store.events(&EventFilter::default()).expect("all");
        assert!(all.last().expect("last").date.is_none());
        assert!(all.first().expect("first").date.is_some());
    }

    #[test]
    fn patterns_are_literal_prefixes() {
        let (_d, store) = store_with(&[("a", "2025-01-22", "Russia praised Armenia. Iran condemned Israel.\n")]);
        for actor in ["%", "_", "R%", "RU_"] {
            let f = EventFilter { actor: Some(actor.into()), ..EventFilter::default() };
            assert!(store.events(&f).expect("actor").is_empty(), "{actor}");
        }
        let f = EventFilter { actor: Some("ru".into()), ..EventFilter::default() };
        assert_eq!(store.events(&f).expect("actor").len(), 1);
        let f = EventFilter { code: Some("1".into()), ..EventFilter::default() };
        assert_eq!(store.events(&f).expect("code")[0].source, "IRN");
    }

    /// The listed queries never scan the events table: each step reads an index range.
    #[test]
    fn query_plans_use_indexes() {
        let (_d, store) = store_with(&[("a", "2025-01-22", "Russia praised Armenia. Iran condemned Israel.\n")]);
        let cursor = Some(Cursor { date: Some("2025-01-22".into()), id: 5 });
        let filters = [
            ("all, first page", EventFilter { limit: 100, ..EventFilter::default() }),
            ("all, next page", EventFilter { limit: 100, cursor: cursor.clone(), ..EventFilter::default() }),
            ("dyad page", EventFilter { dyad: Some(("RUS".into(), "ARM".into())), limit: 100, ..EventFilter::default() }),
            ("dyad next page", EventFilter { dyad: Some(("RUS".into(), "ARM".into())), limit: 100, cursor, ..EventFilter::default() }),
            (
                "dyad dates",
                EventFilter { dyad: Some(("RUS".into(), "ARM".into())), from: Some("2025-01-01".into()), ..EventFilter::default() },
            ),
            ("actor", EventFilter { actor: Some("RUS".into()), limit: 100, ..EventFilter::default() }),
            ("code", EventFilter { code: Some("04".into()), limit: 100, ..EventFilter::default() }),
            ("document", EventFilter { document: Some(1), ..EventFilter::default() }),
        ];
        for (what, f) in &filters {
            let plan = store.events_plan(f).expect("plan");
            for step in &plan {
                assert!(
                    !(step.starts_with("SCAN e") || step.starts_with("SCAN events")) || step.contains("USING"),
                    "{what}: {step}\n{plan:#?}"
                );
                assert!(!step.starts_with("SCAN d") && !step.starts_with("SCAN c"), "{what}: {step}\n{plan:#?}");
            }
            // Pages come straight from an index in order: no sort of the matching rows.
            if f.limit > 0 && f.actor.is_none() && f.code.is_none() {
                assert!(!plan.iter().any(|s| s.contains("TEMP B-TREE")), "{what}: sorts\n{plan:#?}");
            }
        }
        for step in store.relations_plan().expect("plan") {
            assert!(!step.contains("events") && !step.starts_with("SCAN"), "relations: {step}");
        }
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
            .query_row("SELECT id, date, source, url, title, text FROM documents WHERE doc_key = ?1 ORDER BY id LIMIT 1", [key], |r| {
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
