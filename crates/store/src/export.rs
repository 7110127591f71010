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
//!
//! Parquet ([`parquet_columns`]) adds `Date`, the event date as a `Date32` (null when undated),
//! after `SQLDATE`; it is zstd-compressed with dictionary pages for the repeated strings, written
//! in row groups of at most [`ROW_GROUP_ROWS`] rows, into one file or Hive-style partitions
//! ([`export_parquet_partitioned`]).

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

/// Write the events matching `filter` to `out`, newest first. Every format is written as SQLite
/// reads the rows (memory does not grow with the export): CSV and JSON Lines row by row, Parquet
/// (zstd, columns [`parquet_columns`]) row group by row group. Returns the number of rows.
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
        Format::Parquet => n = parquet_out::stream(&each, out)?,
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

/// Rows of one Parquet row group at most (with [`ROW_GROUP_BYTES`]): large enough for fast scans
/// and good compression, small enough that a writer holds a bounded amount in memory.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;
/// Encoded bytes of one Parquet row group at most.
pub const ROW_GROUP_BYTES: usize = 128 << 20;

/// The Parquet export's columns: [`COLUMNS`] with `Date` (an Arrow `Date32`, the event's date as
/// a real date, null when undated) after `SQLDATE`.
pub fn parquet_columns() -> Vec<&'static str> {
    let mut out = Vec::with_capacity(COLUMNS.len() + 1);
    for c in COLUMNS {
        out.push(*c);
        if *c == "SQLDATE" {
            out.push("Date");
        }
    }
    out
}

/// How a partitioned Parquet export splits the events into folders (Hive style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    /// `year=YYYY/part-0.parquet`.
    Year,
    /// `year=YYYY/month=MM/part-0.parquet`.
    Month,
}

/// The folder of undated events in a partitioned export. Its leading underscore keeps it out of
/// a Hive dataset read of the export's folder (pyarrow, pandas, Spark skip `_` paths; DuckDB and
/// polars read the `year=*` glob), so the partition columns stay typed; it is read on its own.
pub const UNDATED_PARTITION: &str = "_undated";

/// The folder (relative, `/`-separated) of an event dated `date` (`YYYY-MM-DD...`, or undated).
pub fn partition_dir(partition: Partition, date: Option<&str>) -> String {
    let ymd = date.and_then(demarche_core::dates::parse_date);
    match ymd {
        None => UNDATED_PARTITION.to_string(),
        Some(d) => {
            use chrono::Datelike;
            match partition {
                Partition::Year => format!("year={:04}", d.year()),
                Partition::Month => format!("year={:04}/month={:02}", d.year(), d.month()),
            }
        }
    }
}

/// What a partitioned export wrote: each file (relative path) with its rows, in writing order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartitionedExport {
    /// `(relative path, rows)` of each file.
    pub files: Vec<(String, usize)>,
}

impl PartitionedExport {
    /// All rows written.
    pub fn rows(&self) -> usize {
        self.files.iter().map(|(_, n)| n).sum()
    }
}

/// Write the events matching `filter` as Hive-partitioned Parquet files: `open` is called with
/// each file's path relative to the export's folder (`year=2024/month=05/part-0.parquet`,
/// `_undated/part-0.parquet`) and returns where to write it; the caller makes the folders. The
/// events are read newest first, so each partition's rows arrive together and one file is open at
/// a time (memory does not grow with the export).
pub fn export_parquet_partitioned(
    store: &Store,
    filter: &EventFilter,
    partition: Partition,
    open: &mut dyn FnMut(&str) -> std::io::Result<Box<dyn Write>>,
) -> Result<PartitionedExport, StoreError> {
    parquet_out::partitioned(&|f| store.for_each_event(filter, f), partition, open)
}

/// Write `events` (coded, not stored: `demarche code --format parquet`) as one Parquet file with
/// the columns and encodings of the export ([`parquet_columns`]). Returns the rows written.
pub fn write_parquet(events: &[StoredEvent], out: &mut dyn Write) -> Result<usize, StoreError> {
    parquet_out::stream(&|f| events.iter().try_for_each(|e| f(e.clone())), out)
}

/// Write `events` as Hive-partitioned Parquet files, as [`export_parquet_partitioned`] does for
/// stored ones: the events are grouped by folder first (in their order within a folder), so each
/// folder gets one file.
pub fn write_parquet_partitioned(
    events: &[StoredEvent],
    partition: Partition,
    open: &mut dyn FnMut(&str) -> std::io::Result<Box<dyn Write>>,
) -> Result<PartitionedExport, StoreError> {
    let mut order: Vec<(String, &StoredEvent)> = events.iter().map(|e| (partition_dir(partition, e.date.as_deref()), e)).collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    parquet_out::partitioned(&|f| order.iter().try_for_each(|(_, e)| f((*e).clone())), partition, open)
}

/// A source of events: calls its argument with each event in turn, stopping at the first error.
type EachEvent<'a> = dyn Fn(&mut dyn FnMut(StoredEvent) -> Result<(), StoreError>) -> Result<(), StoreError> + 'a;

#[cfg(not(feature = "parquet"))]
mod parquet_out {
    use super::*;

    pub(super) fn unavailable() -> StoreError {
        StoreError::Export(
            "this demarche was built without Parquet support; rebuild with `cargo build --release -p demarche --features parquet`".into(),
        )
    }

    pub(super) fn stream(_each: &EachEvent<'_>, _out: &mut dyn Write) -> Result<usize, StoreError> {
        Err(unavailable())
    }

    pub(super) fn partitioned(
        _each: &EachEvent<'_>,
        _partition: Partition,
        _open: &mut dyn FnMut(&str) -> std::io::Result<Box<dyn Write>>,
    ) -> Result<PartitionedExport, StoreError> {
        Err(unavailable())
    }
}

#[cfg(feature = "parquet")]
mod parquet_out {
    use super::*;
    use arrow::array::{ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, StringArray};
    use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
    use arrow::record_batch::RecordBatch;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;
    use parquet::schema::types::ColumnPath;
    use std::sync::Arc;

    fn e(x: impl std::fmt::Display) -> StoreError {
        StoreError::Export(x.to_string())
    }

    /// Rows converted to Arrow at a time before they go to the Parquet writer.
    const BATCH_ROWS: usize = 8192;

    /// Columns of mostly distinct text: no Parquet dictionary (it would only fall back to plain).
    const NO_DICTIONARY: &[&str] = &["Sentence", "Explanation"];

    fn schema() -> SchemaRef {
        let t = |name: &str| match name {
            "GLOBALEVENTID" | "SQLDATE" | "MonthYear" | "Year" | "QuadClass" | "NumMentions" | "Line" => DataType::Int64,
            "Date" => DataType::Date32,
            "FractionDate" | "GoldsteinScale" => DataType::Float64,
            "Negated" => DataType::Boolean,
            _ => DataType::Utf8,
        };
        Arc::new(Schema::new(parquet_columns().into_iter().map(|n| Field::new(n, t(n), true)).collect::<Vec<_>>()))
    }

    /// zstd, dictionary pages for the repeated strings (codes, countries, sections, ids), bounded
    /// row groups.
    fn properties() -> Result<WriterProperties, StoreError> {
        let mut p = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).map_err(e)?))
            .set_dictionary_enabled(true)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES));
        for c in NO_DICTIONARY {
            p = p.set_column_dictionary_enabled(ColumnPath::from(*c), false);
        }
        Ok(p.build())
    }

    /// Days from 1970-01-01 of an event date.
    fn days(date: Option<&str>) -> Option<i32> {
        let d = date.and_then(demarche_core::dates::parse_date)?;
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
        i32::try_from((d - epoch).num_days()).ok()
    }

    /// One Parquet file written as rows come: rows are turned into Arrow batches of
    /// [`BATCH_ROWS`]; the writer's bytes go to `out` as each row group is finished.
    pub(super) struct ParquetStream<'a> {
        writer: ArrowWriter<Vec<u8>>,
        schema: SchemaRef,
        rows: Vec<(Row, Option<i32>)>,
        out: Box<dyn Write + 'a>,
        written: usize,
    }

    impl<'a> ParquetStream<'a> {
        pub(super) fn new(out: Box<dyn Write + 'a>) -> Result<ParquetStream<'a>, StoreError> {
            let schema = schema();
            let writer = ArrowWriter::try_new(Vec::new(), schema.clone(), Some(properties()?)).map_err(e)?;
            Ok(ParquetStream { writer, schema, rows: Vec::with_capacity(BATCH_ROWS), out, written: 0 })
        }

        pub(super) fn push(&mut self, event: &StoredEvent) -> Result<(), StoreError> {
            self.rows.push((Row::from(event), days(event.date.as_deref())));
            if self.rows.len() >= BATCH_ROWS {
                self.write_batch()?;
            }
            Ok(())
        }

        fn write_batch(&mut self) -> Result<(), StoreError> {
            if self.rows.is_empty() {
                return Ok(());
            }
            let batch = batch(&self.schema, &self.rows)?;
            self.written += self.rows.len();
            self.rows.clear();
            self.writer.write(&batch).map_err(e)?;
            self.drain()
        }

        /// Hand the bytes the writer has produced so far to `out`.
        fn drain(&mut self) -> Result<(), StoreError> {
            let buf = self.writer.inner_mut();
            if !buf.is_empty() {
                self.out.write_all(buf)?;
                buf.clear();
            }
            Ok(())
        }

        /// Finish the file (footer included); returns its rows.
        pub(super) fn finish(mut self) -> Result<usize, StoreError> {
            self.write_batch()?;
            let rest = self.writer.into_inner().map_err(e)?;
            self.out.write_all(&rest)?;
            self.out.flush()?;
            Ok(self.written)
        }
    }

    fn batch(schema: &SchemaRef, rows: &[(Row, Option<i32>)]) -> Result<RecordBatch, StoreError> {
        let s = |f: &dyn Fn(&Row) -> Option<&str>| -> ArrayRef { Arc::new(rows.iter().map(|(r, _)| f(r)).collect::<StringArray>()) };
        let i = |f: &dyn Fn(&Row) -> Option<i64>| -> ArrayRef { Arc::new(rows.iter().map(|(r, _)| f(r)).collect::<Int64Array>()) };
        let fl = |f: &dyn Fn(&Row) -> Option<f64>| -> ArrayRef { Arc::new(rows.iter().map(|(r, _)| f(r)).collect::<Float64Array>()) };
        let columns: Vec<ArrayRef> = parquet_columns()
            .into_iter()
            .map(|name| match name {
                "GLOBALEVENTID" => i(&|r| Some(r.GLOBALEVENTID)),
                "SQLDATE" => i(&|r| r.SQLDATE),
                "Date" => Arc::new(rows.iter().map(|(_, d)| *d).collect::<Date32Array>()) as ArrayRef,
                "MonthYear" => i(&|r| r.MonthYear),
                "Year" => i(&|r| r.Year),
                "FractionDate" => fl(&|r| r.FractionDate),
                "Actor1Code" => s(&|r| Some(&r.Actor1Code)),
                "Actor1CountryCode" => s(&|r| Some(&r.Actor1CountryCode)),
                "Actor2Code" => s(&|r| Some(&r.Actor2Code)),
                "Actor2CountryCode" => s(&|r| Some(&r.Actor2CountryCode)),
                "EventCode" => s(&|r| Some(&r.EventCode)),
                "EventBaseCode" => s(&|r| Some(&r.EventBaseCode)),
                "EventRootCode" => s(&|r| Some(&r.EventRootCode)),
                "QuadClass" => i(&|r| Some(r.QuadClass)),
                "GoldsteinScale" => fl(&|r| Some(r.GoldsteinScale)),
                "NumMentions" => i(&|r| Some(r.NumMentions)),
                "SOURCEURL" => s(&|r| r.SOURCEURL.as_deref()),
                "DocId" => s(&|r| Some(&r.DocId)),
                "Line" => i(&|r| Some(r.Line)),
                "Section" => s(&|r| Some(&r.Section)),
                "Provenance" => s(&|r| Some(&r.Provenance)),
                "Speaker" => s(&|r| r.Speaker.as_deref()),
                "DatePrecision" => s(&|r| Some(&r.DatePrecision)),
                "Modality" => s(&|r| Some(&r.Modality)),
                "Negated" => Arc::new(rows.iter().map(|(r, _)| Some(r.Negated)).collect::<BooleanArray>()) as ArrayRef,
                "PLOVER" => s(&|r| Some(&r.PLOVER)),
                "EventName" => s(&|r| Some(&r.EventName)),
                "Sentence" => s(&|r| Some(&r.Sentence)),
                _ => s(&|r| Some(&r.Explanation)),
            })
            .collect();
        RecordBatch::try_new(schema.clone(), columns).map_err(e)
    }

    pub(super) fn stream(each: &EachEvent<'_>, out: &mut dyn Write) -> Result<usize, StoreError> {
        let mut file = ParquetStream::new(Box::new(out))?;
        each(&mut |ev| file.push(&ev))?;
        file.finish()
    }

    pub(super) fn partitioned(
        each: &EachEvent<'_>,
        partition: Partition,
        open: &mut dyn FnMut(&str) -> std::io::Result<Box<dyn Write>>,
    ) -> Result<PartitionedExport, StoreError> {
        let mut done = PartitionedExport::default();
        // Files made per folder: a folder met again (not expected in date order) gets part-1, ...
        let mut parts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        // The open file: its folder, its path, its stream.
        let mut current: Option<(String, String, ParquetStream<'static>)> = None;
        each(&mut |ev| {
            let dir = partition_dir(partition, ev.date.as_deref());
            let same = matches!(&current, Some((d, _, _)) if *d == dir);
            if !same {
                if let Some((_, path, file)) = current.take() {
                    done.files.push((path, file.finish()?));
                }
                let part = parts.entry(dir.clone()).or_insert(0);
                let path = format!("{dir}/part-{part}.parquet");
                *part += 1;
                let sink = open(&path)?;
                current = Some((dir, path, ParquetStream::new(sink)?));
            }
            match &mut current {
                Some((_, _, file)) => file.push(&ev),
                None => Ok(()),
            }
        })?;
        if let Some((_, path, file)) = current.take() {
            done.files.push((path, file.finish()?));
        }
        Ok(done)
    }
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

    /// The Parquet file read back: its metadata and its record batches.
    #[cfg(feature = "parquet")]
    fn read_parquet(buf: Vec<u8>) -> (parquet::file::metadata::ParquetMetaData, Vec<arrow::record_batch::RecordBatch>) {
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        let mut file = tempfile::tempfile().expect("tempfile");
        file.write_all(&buf).expect("write");
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).expect("parquet");
        let meta = builder.metadata().as_ref().clone();
        let batches = builder.build().expect("reader").collect::<Result<Vec<_>, _>>().expect("batches");
        (meta, batches)
    }

    /// zstd, a real date column, dictionary pages for the codes (not for the sentences), and
    /// the rows JSON Lines gives.
    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_round_trip() {
        use arrow::array::{Array, AsArray};
        use arrow::datatypes::{DataType, Date32Type};
        use parquet::basic::{Compression, Encoding};
        let (_d, store) = store();
        let mut buf = Vec::new();
        assert_eq!(export(&store, &EventFilter::default(), Format::Parquet, &mut buf).expect("parquet"), 2);
        let (meta, batches) = read_parquet(buf);
        assert_eq!(meta.file_metadata().num_rows(), 2);
        let schema = batches[0].schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, parquet_columns());
        assert_eq!(schema.field_with_name("Date").expect("Date").data_type(), &DataType::Date32);
        let dates = batches[0].column_by_name("Date").expect("Date").as_primitive::<Date32Type>();
        let want = (chrono::NaiveDate::from_ymd_opt(2025, 1, 22).expect("date") - chrono::NaiveDate::default()).num_days();
        assert_eq!(dates.value(0) as i64, want);
        assert!(!dates.is_null(0));
        let row_group = meta.row_group(0);
        for col in row_group.columns() {
            assert!(matches!(col.compression(), Compression::ZSTD(_)), "{col:?}");
            let name = col.column_path().string();
            let dictionary = col.encodings().any(|e| e == Encoding::RLE_DICTIONARY);
            match name.as_str() {
                "EventCode" | "Actor1Code" | "Actor1CountryCode" | "Section" => assert!(dictionary, "{name}"),
                "Sentence" | "Explanation" => assert!(!dictionary, "{name}"),
                _ => {}
            }
        }
        let codes = batches[0].column_by_name("EventCode").expect("code").as_string::<i32>();
        let mut jsonl = Vec::new();
        export(&store, &EventFilter::default(), Format::Jsonl, &mut jsonl).expect("jsonl");
        let rows: Vec<serde_json::Value> =
            jsonl.split(|b| *b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).expect("json")).collect();
        assert_eq!(
            (0..codes.len()).map(|i| codes.value(i)).collect::<Vec<_>>(),
            rows.iter().map(|r| r["EventCode"].as_str().expect("code")).collect::<Vec<_>>()
        );
    }

    /// A sink the test keeps a handle on.
    #[cfg(feature = "parquet")]
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    #[cfg(feature = "parquet")]
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// `year=YYYY/month=MM/part-0.parquet` per month, `_undated/` for undated events, every
    /// event once.
    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_partitions() {
        use arrow::array::{Array, AsArray};
        use arrow::datatypes::Date32Type;
        let (_d, mut store) = store();
        let coder = demarche_events::Coder::builtin().expect("coder");
        for (id, text, date) in [("x2", "France praised Germany.", Some("2024-05-03")), ("x3", "Iran condemned Israel.", None)] {
            let doc = Document::from_text(id, text, date.and_then(demarche_core::dates::parse_date));
            let coded = coder.code(&doc.id, &doc.text, None, doc.date);
            store.write_batch(&[(&doc, &coded)]).expect("write");
        }
        for (partition, want) in [
            (Partition::Month, vec!["year=2025/month=01/part-0.parquet", "year=2024/month=05/part-0.parquet", "_undated/part-0.parquet"]),
            (Partition::Year, vec!["year=2025/part-0.parquet", "year=2024/part-0.parquet", "_undated/part-0.parquet"]),
        ] {
            let mut files: Vec<(String, Shared)> = Vec::new();
            let done = export_parquet_partitioned(&store, &EventFilter::default(), partition, &mut |path| {
                let sink = Shared::default();
                files.push((path.to_string(), sink.clone()));
                Ok(Box::new(sink))
            })
            .expect("export");
            assert_eq!(done.files.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(), want);
            assert_eq!(done.rows(), 4);
            for ((path, sink), (_, rows)) in files.iter().zip(&done.files) {
                let (meta, batches) = read_parquet(sink.0.borrow().clone());
                assert_eq!(meta.file_metadata().num_rows() as usize, *rows, "{path}");
                let dates = batches[0].column_by_name("Date").expect("Date").as_primitive::<Date32Type>();
                assert_eq!(dates.null_count() == dates.len(), path.starts_with(UNDATED_PARTITION), "{path}");
            }
        }
    }

    #[cfg(not(feature = "parquet"))]
    #[test]
    fn parquet_needs_the_feature() {
        let (_d, store) = store();
        let err = export(&store, &EventFilter::default(), Format::Parquet, &mut Vec::new()).expect_err("no parquet");
        assert!(err.to_string().contains("--features parquet"));
        let err = export_parquet_partitioned(&store, &EventFilter::default(), Partition::Month, &mut |_| Ok(Box::new(Vec::<u8>::new())))
            .expect_err("no parquet");
        assert!(err.to_string().contains("--features parquet"));
    }
}
