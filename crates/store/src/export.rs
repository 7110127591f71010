//! Export: one event per row in columns close to GDELT's event table, as CSV, JSON Lines, or
//! (with the `parquet` feature) Parquet, so the data loads into pandas, R, DuckDB or Spark as is.
//!
//! Columns (GDELT's names where GDELT has the field):
//!
//! | column | meaning |
//! |---|---|
//! | `GLOBALEVENTID` | event row id |
//! | `SQLDATE` | date as `YYYYMMDD` integer (null when undated) |
//! | `MonthYear`, `Year`, `FractionDate` | as GDELT (`FractionDate`: year + (month × 30 + day) / 365) |
//! | `Actor1Code`, `Actor1CountryCode` | source |
//! | `Actor2Code`, `Actor2CountryCode` | target |
//! | `EventCode`, `EventBaseCode`, `EventRootCode` | CAMEO code, its 3-digit base, its root |
//! | `QuadClass`, `GoldsteinScale` | GDELT QuadClass and Goldstein |
//! | `NumMentions` | reports of the same (date, source, target, code) in the store |
//! | `SOURCEURL` | the document's URL |
//! | `DocId`, `Line`, `Section`, `Provenance`, `Speaker` | demarche provenance |
//! | `DatePrecision`, `Modality`, `Negated`, `PLOVER`, `EventName`, `Sentence`, `Explanation` | demarche detail |

use crate::{EventFilter, Store, StoreError, StoredEvent};
use std::io::Write;

/// Column names, in order.
pub const COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2CountryCode",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "SOURCEURL",
    "DocId",
    "Line",
    "Section",
    "Provenance",
    "Speaker",
    "DatePrecision",
    "Modality",
    "Negated",
    "PLOVER",
    "EventName",
    "Sentence",
    "Explanation",
];

/// One exported row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[allow(non_snake_case, missing_docs)]
pub struct Row {
    pub GLOBALEVENTID: i64,
    pub SQLDATE: Option<i64>,
    pub MonthYear: Option<i64>,
    pub Year: Option<i64>,
    pub FractionDate: Option<f64>,
    pub Actor1Code: String,
    pub Actor1CountryCode: String,
    pub Actor2Code: String,
    pub Actor2CountryCode: String,
    pub EventCode: String,
    pub EventBaseCode: String,
    pub EventRootCode: String,
    pub QuadClass: i64,
    pub GoldsteinScale: f64,
    pub NumMentions: i64,
    pub SOURCEURL: Option<String>,
    pub DocId: String,
    pub Line: i64,
    pub Section: String,
    pub Provenance: String,
    pub Speaker: Option<String>,
    pub DatePrecision: String,
    pub Modality: String,
    pub Negated: bool,
    pub PLOVER: String,
    pub EventName: String,
    pub Sentence: String,
    pub Explanation: String,
}

impl From<&StoredEvent> for Row {
    fn from(e: &StoredEvent) -> Row {
        let ymd = e.date.as_deref().and_then(demarche_core::dates::parse_date);
        use chrono::Datelike;
        Row {
            GLOBALEVENTID: e.id,
            SQLDATE: ymd.map(|d| (d.year() * 10000 + d.month() as i32 * 100 + d.day() as i32) as i64),
            MonthYear: ymd.map(|d| (d.year() * 100 + d.month() as i32) as i64),
            Year: ymd.map(|d| d.year() as i64),
            FractionDate: ymd.map(demarche_core::dates::fraction_date),
            Actor1Code: e.source.clone(),
            Actor1CountryCode: e.source_country.clone(),
            Actor2Code: e.target.clone(),
            Actor2CountryCode: e.target_country.clone(),
            EventCode: e.code.clone(),
            EventBaseCode: e.code.get(..3).unwrap_or(&e.code).to_string(),
            EventRootCode: e.root.clone(),
            QuadClass: e.quad_class,
            GoldsteinScale: e.goldstein,
            NumMentions: e.reports,
            SOURCEURL: e.url.clone(),
            DocId: e.doc.clone(),
            Line: e.line,
            Section: e.section.clone(),
            Provenance: e.provenance.clone(),
            Speaker: e.speaker.clone(),
            DatePrecision: e.date_precision.clone(),
            Modality: e.modality.clone(),
            Negated: e.negated,
            PLOVER: e.plover.clone(),
            EventName: e.name.clone(),
            Sentence: e.sentence.clone(),
            Explanation: e.explanation.clone(),
        }
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated, with a header.
    Csv,
    /// One JSON object a line.
    Jsonl,
    /// Apache Parquet (needs the `parquet` feature).
    Parquet,
}

/// True when this build can write Parquet.
pub const PARQUET_AVAILABLE: bool = cfg!(feature = "parquet");

/// Write the events matching `filter` to `out`, newest first. CSV and JSON Lines are written
/// row by row as SQLite reads them (memory does not grow with the export); Parquet is built in
/// memory. Returns the number of rows.
pub fn export(store: &Store, filter: &EventFilter, format: Format, out: &mut dyn Write) -> Result<usize, StoreError> {
    export_in(store, filter, format, Order::Newest, out)
}

/// The order of exported rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Date descending, then id descending (the `events` listing; honours limit and cursor).
    Newest,
    /// `GLOBALEVENTID` ascending: the store read sequentially, the fastest order for a full
    /// export (what `demarche export` writes).
    Stored,
}

/// [`export`] in a chosen [`Order`].
pub fn export_in(store: &Store, filter: &EventFilter, format: Format, order: Order, out: &mut dyn Write) -> Result<usize, StoreError> {
    let io = StoreError::Io;
    let mut n = 0;
    let each = |f: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>| match order {
        Order::Newest => store.for_each_event(filter, f),
        Order::Stored => store.for_each_event_stored(filter, f),
    };
    match format {
        Format::Jsonl => {
            each(&mut |e| {
                serde_json::to_writer(&mut *out, &Row::from(&e)).map_err(|e| StoreError::Export(e.to_string()))?;
                out.write_all(b"\n")?;
                n += 1;
                Ok(())
            })?;
        }
        Format::Csv => {
            writeln!(out, "{}", COLUMNS.join(",")).map_err(io)?;
            // Straight from SQLite's row buffers into one reused line: no event or row struct,
            // no string per field (the rows of a full export are the store read once).
            let mut line: Vec<u8> = Vec::with_capacity(4096);
            let write = |r: &rusqlite::Row| -> Result<(), StoreError> {
                line.clear();
                csv_line(&mut line, r).map_err(|e| store.err(e))?;
                out.write_all(&line)?;
                n += 1;
                Ok(())
            };
            match order {
                Order::Newest => store.for_each_row(filter, write)?,
                Order::Stored => store.for_each_row_stored(filter, write)?,
            }
        }
        Format::Parquet => {
            let mut rows = Vec::new();
            each(&mut |e| {
                rows.push(Row::from(&e));
                Ok(())
            })?;
            n = rows.len();
            write_parquet(&rows, out)?;
        }
    }
    out.flush().map_err(io)?;
    Ok(n)
}

/// One CSV line (with its newline) in [`COLUMNS`] order, from a row of the event listing
/// query (the columns of [`StoredEvent`], see `query::EVENT_SELECT`). The same cells as
/// [`Row`] gives (tested against it).
fn csv_line(line: &mut Vec<u8>, r: &rusqlite::Row) -> rusqlite::Result<()> {
    use rusqlite::types::ValueRef;
    fn text<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a [u8]> {
        Ok(match r.get_ref(i)? {
            ValueRef::Text(t) | ValueRef::Blob(t) => t,
            _ => b"",
        })
    }
    fn cell(line: &mut Vec<u8>, s: &[u8]) {
        if s.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            line.push(b'"');
            for &b in s {
                if b == b'"' {
                    line.push(b'"');
                }
                line.push(b);
            }
            line.push(b'"');
        } else {
            line.extend_from_slice(s);
        }
        line.push(b',');
    }
    fn int(line: &mut Vec<u8>, v: i64) {
        let _ = write!(line, "{v},");
    }
    fn float(line: &mut Vec<u8>, v: f64) {
        // As serde_json writes a float (what the CSV has always held).
        let _ = serde_json::to_writer(&mut *line, &v);
        line.push(b',');
    }
    int(line, r.get(0)?);
    let date = text(r, 4)?;
    match std::str::from_utf8(date).ok().and_then(demarche_core::dates::parse_date) {
        Some(d) => {
            use chrono::Datelike;
            let (y, m) = (d.year() as i64, d.month() as i64);
            int(line, y * 10000 + m * 100 + d.day() as i64);
            int(line, y * 100 + m);
            int(line, y);
            float(line, demarche_core::dates::fraction_date(d));
        }
        None => line.extend_from_slice(b",,,,"),
    }
    for i in [6, 7, 8, 9] {
        cell(line, text(r, i)?);
    }
    let code = text(r, 10)?;
    cell(line, code);
    cell(line, code.get(..3).unwrap_or(code));
    cell(line, text(r, 11)?);
    int(line, r.get(14)?);
    float(line, r.get(13)?);
    int(line, r.get(23)?);
    cell(line, text(r, 2)?);
    cell(line, text(r, 1)?);
    int(line, r.get(3)?);
    cell(line, text(r, 16)?);
    cell(line, text(r, 17)?);
    cell(line, text(r, 18)?);
    cell(line, text(r, 5)?);
    cell(line, text(r, 20)?);
    line.extend_from_slice(if r.get::<_, i64>(19)? != 0 { b"true," } else { b"false," });
    cell(line, text(r, 15)?);
    cell(line, text(r, 12)?);
    cell(line, text(r, 21)?);
    cell(line, text(r, 22)?);
    line.pop();
    line.push(b'\n');
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_rows: &[Row], _out: &mut dyn Write) -> Result<(), StoreError> {
    Err(StoreError::Export(
        "this demarche was built without Parquet support; rebuild with `cargo build --release -p demarche --features parquet`".into(),
    ))
}

#[cfg(feature = "parquet")]
fn write_parquet(rows: &[Row], out: &mut dyn Write) -> Result<(), StoreError> {
    use arrow::array::{ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray};
    use arrow::datatypes::{DataType, Field, Schema};
    use arrow::record_batch::RecordBatch;
    use std::sync::Arc;
    let e = |x: &dyn std::fmt::Display| StoreError::Export(x.to_string());
    let s = |f: &dyn Fn(&Row) -> Option<String>| -> ArrayRef { Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>())) };
    let i = |f: &dyn Fn(&Row) -> Option<i64>| -> ArrayRef { Arc::new(Int64Array::from(rows.iter().map(f).collect::<Vec<_>>())) };
    let fl = |f: &dyn Fn(&Row) -> Option<f64>| -> ArrayRef { Arc::new(Float64Array::from(rows.iter().map(f).collect::<Vec<_>>())) };
    let columns: Vec<(&str, DataType, ArrayRef)> = vec![
        ("GLOBALEVENTID", DataType::Int64, i(&|r| Some(r.GLOBALEVENTID))),
        ("SQLDATE", DataType::Int64, i(&|r| r.SQLDATE)),
        ("MonthYear", DataType::Int64, i(&|r| r.MonthYear)),
        ("Year", DataType::Int64, i(&|r| r.Year)),
        ("FractionDate", DataType::Float64, fl(&|r| r.FractionDate)),
        ("Actor1Code", DataType::Utf8, s(&|r| Some(r.Actor1Code.clone()))),
        ("Actor1CountryCode", DataType::Utf8, s(&|r| Some(r.Actor1CountryCode.clone()))),
        ("Actor2Code", DataType::Utf8, s(&|r| Some(r.Actor2Code.clone()))),
        ("Actor2CountryCode", DataType::Utf8, s(&|r| Some(r.Actor2CountryCode.clone()))),
        ("EventCode", DataType::Utf8, s(&|r| Some(r.EventCode.clone()))),
        ("EventBaseCode", DataType::Utf8, s(&|r| Some(r.EventBaseCode.clone()))),
        ("EventRootCode", DataType::Utf8, s(&|r| Some(r.EventRootCode.clone()))),
        ("QuadClass", DataType::Int64, i(&|r| Some(r.QuadClass))),
        ("GoldsteinScale", DataType::Float64, fl(&|r| Some(r.GoldsteinScale))),
        ("NumMentions", DataType::Int64, i(&|r| Some(r.NumMentions))),
        ("SOURCEURL", DataType::Utf8, s(&|r| r.SOURCEURL.clone())),
        ("DocId", DataType::Utf8, s(&|r| Some(r.DocId.clone()))),
        ("Line", DataType::Int64, i(&|r| Some(r.Line))),
        ("Section", DataType::Utf8, s(&|r| Some(r.Section.clone()))),
        ("Provenance", DataType::Utf8, s(&|r| Some(r.Provenance.clone()))),
        ("Speaker", DataType::Utf8, s(&|r| r.Speaker.clone())),
        ("DatePrecision", DataType::Utf8, s(&|r| Some(r.DatePrecision.clone()))),
        ("Modality", DataType::Utf8, s(&|r| Some(r.Modality.clone()))),
        ("Negated", DataType::Boolean, Arc::new(BooleanArray::from(rows.iter().map(|r| Some(r.Negated)).collect::<Vec<_>>()))),
        ("PLOVER", DataType::Utf8, s(&|r| Some(r.PLOVER.clone()))),
        ("EventName", DataType::Utf8, s(&|r| Some(r.EventName.clone()))),
        ("Sentence", DataType::Utf8, s(&|r| Some(r.Sentence.clone()))),
        ("Explanation", DataType::Utf8, s(&|r| Some(r.Explanation.clone()))),
    ];
    let schema = Arc::new(Schema::new(columns.iter().map(|(n, t, _)| Field::new(*n, t.clone(), true)).collect::<Vec<_>>()));
    let batch = RecordBatch::try_new(schema.clone(), columns.into_iter().map(|(_, _, a)| a).collect()).map_err(|x| e(&x))?;
    let mut buf = Vec::new();
    {
        let mut w = parquet::arrow::ArrowWriter::try_new(&mut buf, schema, None).map_err(|x| e(&x))?;
        w.write(&batch).map_err(|x| e(&x))?;
        w.close().map_err(|x| e(&x))?;
    }
    out.write_all(&buf).map_err(|x| e(&x))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use demarche_documents::Document;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("x.db")).expect("open");
        let coder = demarche_events::Coder::builtin().expect("coder");
        let doc = Document::from_text(
            "x1",
            "Russia praised Armenia, \"warmly\". Iran condemned Israel.",
            demarche_core::dates::parse_date("2025-01-22"),
        );
        let coded = coder.code(&doc.id, &doc.text, None, doc.date);
        store.write_batch(&[(&doc, &coded)]).expect("write");
        (dir, store)
    }

    #[test]
    fn csv_and_jsonl() {
        let (_d, store) = store();
        let mut csv = Vec::new();
        assert_eq!(export(&store, &EventFilter::default(), Format::Csv, &mut csv).expect("csv"), 2);
        let text = String::from_utf8(csv).expect("utf8");
        assert!(text.starts_with("GLOBALEVENTID,SQLDATE,MonthYear"));
        assert!(text.contains(",20250122,202501,2025,"), "{text}");
        let mut jsonl = Vec::new();
        export(&store, &EventFilter::default(), Format::Jsonl, &mut jsonl).expect("jsonl");
        let first: serde_json::Value = serde_json::from_slice(jsonl.split(|b| *b == b'\n').next().expect("line")).expect("json");
        assert!(first["EventRootCode"].is_string());
    }

    /// A CSV line's cells, quotes undone.
    fn split_csv(line: &str) -> Vec<String> {
        let (mut cells, mut cur, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        cells.push(cur);
        cells
    }

    /// Every CSV cell, written from SQLite's row buffers, equals the field of [`Row`] (what
    /// JSON Lines writes), in both orders and for quoted, empty and null cells.
    #[test]
    fn csv_cells_equal_the_rows() {
        let (_d, mut store) = store();
        let coder = demarche_events::Coder::builtin().expect("coder");
        let doc = Document::from_text("undated, \"quoted\"", "Armenia thanked Russia.\nFrance visited Germany.", None);
        let coded = coder.code(&doc.id, &doc.text, None, doc.date);
        store.write_batch(&[(&doc, &coded)]).expect("write");
        for order in [Order::Newest, Order::Stored] {
            let (mut csv, mut jsonl) = (Vec::new(), Vec::new());
            let n = export_in(&store, &EventFilter::default(), Format::Csv, order, &mut csv).expect("csv");
            assert_eq!(n, export_in(&store, &EventFilter::default(), Format::Jsonl, order, &mut jsonl).expect("jsonl"));
            assert!(n >= 4, "{n}");
            let csv = String::from_utf8(csv).expect("utf8");
            let jsonl = String::from_utf8(jsonl).expect("utf8");
            for (line, json) in csv.lines().skip(1).zip(jsonl.lines()) {
                let cells = split_csv(line);
                let row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).expect("json");
                assert_eq!(cells.len(), COLUMNS.len(), "{line}");
                for (cell, col) in cells.iter().zip(COLUMNS) {
                    let want = match &row[*col] {
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::String(s) => s.clone(),
                        v => v.to_string(),
                    };
                    assert_eq!(cell, &want, "{col} in {line}");
                }
            }
        }
    }

    /// The `events_gdelt` view (docs/schema.md) gives the rows `export` writes, column for column,
    /// and `events_deduplicated` counts each distinct non-negated event once.
    #[test]
    fn sql_views_match_the_export() {
        let (_d, mut store) = store();
        // A second report of one event, in another document, and an undated one.
        let coder = demarche_events::Coder::builtin().expect("coder");
        for (id, text, date) in [("x2", "Russia praised Armenia.", Some("2025-01-22")), ("x3", "Iran condemned Israel.", None)] {
            let doc = Document::from_text(id, text, date.and_then(demarche_core::dates::parse_date));
            let coded = coder.code(&doc.id, &doc.text, None, doc.date);
            store.write_batch(&[(&doc, &coded)]).expect("write");
        }
        let mut rows = Vec::new();
        store
            .for_each_event_stored(&EventFilter::default(), &mut |e| {
                rows.push(serde_json::to_value(Row::from(&e)).expect("json"));
                Ok(())
            })
            .expect("rows");
        assert_eq!(rows.len(), 4);
        let mut stmt = store.conn.prepare("SELECT * FROM events_gdelt ORDER BY GLOBALEVENTID").expect("view");
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        assert_eq!(names, COLUMNS);
        let viewed: Vec<Vec<rusqlite::types::Value>> = stmt
            .query_map([], |r| (0..names.len()).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect())
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(viewed.len(), rows.len());
        use rusqlite::types::Value as V;
        for (row, cells) in rows.iter().zip(&viewed) {
            for (name, cell) in names.iter().zip(cells) {
                let want = &row[name.as_str()];
                let same = match (cell.clone(), want.clone()) {
                    (V::Null, w) => w.is_null(),
                    (V::Integer(i), serde_json::Value::Bool(b)) => (i != 0) == b,
                    (V::Integer(i), w) => w.as_i64() == Some(i),
                    (V::Real(f), w) => w.as_f64().is_some_and(|w| (w - f).abs() < 1e-9),
                    (V::Text(t), w) => w.as_str() == Some(t.as_str()),
                    (V::Blob(_), _) => false,
                };
                assert!(same, "{name}: view {cell:?}, export {want}");
            }
        }
        let (distinct, reports, docs): (i64, i64, i64) = store
            .conn
            .query_row("SELECT COUNT(*), SUM(reports), MAX(documents) FROM events_deduplicated", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("dedup");
        assert_eq!((distinct, reports, docs), (3, 4, 2), "RUS-ARM twice (two documents), IRN-ISR dated and undated");
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_round_trip() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let (_d, store) = store();
        let mut buf = Vec::new();
        export(&store, &EventFilter::default(), Format::Parquet, &mut buf).expect("parquet");
        let file = tempfile::tempfile().expect("tempfile");
        {
            use std::io::Write;
            (&file).write_all(&buf).expect("write");
        }
        let reader = SerializedFileReader::new(file).expect("reader");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let schema = reader.metadata().file_metadata().schema_descr();
        assert_eq!(schema.num_columns(), COLUMNS.len());
    }

    #[cfg(not(feature = "parquet"))]
    #[test]
    fn parquet_needs_the_feature() {
        let (_d, store) = store();
        let err = export(&store, &EventFilter::default(), Format::Parquet, &mut Vec::new()).expect_err("no parquet");
        assert!(err.to_string().contains("--features parquet"));
    }
}
