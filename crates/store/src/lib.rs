//! The event store: every document, sentence, actor mention and event, with provenance, in an
//! embedded SQLite database, and the queries analysts ask of it.
//!
//! - [`Store::open`] opens (or creates) a database in WAL mode and brings its schema up to
//!   [`SCHEMA_VERSION`], or refuses a database from a newer demarche.
//! - [`Store::write_batch`] writes coded documents, each whole or not at all, in one
//!   transaction: an interrupted ingest (even `kill -9`) leaves no half document, and a document
//!   already stored with the same content is skipped ([`Written::Unchanged`]).
//! - [`Store::relations`] is the dyad index: a time series of events, Goldstein sums and means
//!   and QuadClass counts, both directions and each, split by provenance (official, reported,
//!   asked), counting an event reported several times once, with its number of reports, and
//!   the official-versus-reported gap.
//! - [`Store::events`] filters events; [`export`] writes them in GDELT-like columns (CSV, JSON
//!   Lines, and Parquet with the `parquet` feature).
//!
//! ```
//! use demarche_store::{Store, RelationsQuery, Period};
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
//! let coder = demarche_events::Coder::builtin().unwrap();
//! let doc = demarche_documents::Document::from_text("d1", "Russia praised Armenia.", demarche_core::dates::parse_date("2025-01-22"));
//! let coded = coder.code(&doc.id, &doc.text, None, doc.date);
//! store.write_batch(&[(&doc, &coded)]).unwrap();
//! let rel = store.relations(&RelationsQuery::new("RUS", "ARM", Period::Month)).unwrap();
//! assert_eq!(rel.rows[0].period, "2025-01");
//! assert_eq!(rel.rows[0].both.reported.events, 1);
//! ```

pub mod export;
mod places;
mod query;
mod schema;
mod write;

pub use places::{PlaceFilter, StoredPlace};
pub use query::{
    Cell, Cursor, EventFilter, Gap, Period, PeriodRow, ProvenanceSplit, Relations, RelationsQuery, StoredDocument, StoredEvent,
};
pub use schema::SCHEMA_VERSION;
pub use write::{content_hash, content_id, feed_of, provenance_of, Written};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The default database path when neither `--db` nor `DEMARCHE_DB` is given.
pub const DEFAULT_DB: &str = "demarche.db";

/// The database path: the flag, else `$DEMARCHE_DB`, else [`DEFAULT_DB`] in the current folder.
pub fn db_path(flag: Option<&Path>) -> PathBuf {
    flag.map(Path::to_path_buf).or_else(|| std::env::var_os("DEMARCHE_DB").map(PathBuf::from)).unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("{path}: database error: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer demarche.
    #[error("{path}: database schema version {found} is newer than this demarche understands ({supported}); upgrade demarche")]
    TooNew {
        /// The database file.
        path: String,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file is not a demarche database.
    #[error("{path}: not a demarche database ({reason})")]
    NotOurs {
        /// The database file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(String),
    /// Writing an export's bytes failed.
    #[error("export: {0}")]
    Io(#[from] std::io::Error),
    /// A query argument is invalid.
    #[error("{0}")]
    Invalid(String),
}

/// Cancels the running query of a [`Store`] (see [`Store::interrupt_handle`]).
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    /// Interrupt the query running now, if any.
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

impl StoreError {
    /// True when the query was cancelled through an [`Interrupt`].
    pub fn is_interrupted(&self) -> bool {
        matches!(self, StoreError::Sqlite { source: rusqlite::Error::SqliteFailure(f, _), .. } if f.code == rusqlite::ErrorCode::OperationInterrupted)
    }
}

/// How long a connection waits for another connection's lock before giving up (ms): long
/// enough for a concurrent ingest's batch transaction to commit.
pub const BUSY_TIMEOUT_MS: u64 = 60_000;

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Open or create the database at `path` for writing. Writers wait up to
    /// [`BUSY_TIMEOUT_MS`] for another writer's transaction (two ingests into one store both
    /// finish), and the schema is brought up to date inside an immediate transaction.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: p.clone(), source })?;
        let mut store = Store { conn, path: p };
        store.pragmas()?;
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Open an existing database for reading only (queries, exports, the server's readers):
    /// nothing is written, so a store on a read-only disk or owned by another user can be
    /// queried. A database with an older schema is first migrated through a writable
    /// connection when the file allows it; otherwise it is refused with a clear message.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let p = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = || -> Result<Store, StoreError> {
            let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sqlite { path: p.clone(), source })?;
            let store = Store { conn, path: p.clone() };
            store
                .conn
                .execute_batch(&format!("PRAGMA busy_timeout={BUSY_TIMEOUT_MS}; PRAGMA cache_size=-65536;"))
                .map_err(|e| store.err(e))?;
            Ok(store)
        };
        let store = open()?;
        match schema::version(&store.conn, &store.path)? {
            v if v == SCHEMA_VERSION => Ok(store),
            v if v > SCHEMA_VERSION => Err(StoreError::TooNew { path: store.path.clone(), found: v, supported: SCHEMA_VERSION }),
            v => {
                drop(store);
                // An older schema: migrate once (writable), then read.
                Store::open(path).map_err(|e| match e {
                    StoreError::Sqlite { path, source } => StoreError::NotOurs {
                        path,
                        reason: format!("schema version {v} needs migrating to {SCHEMA_VERSION} and the file cannot be written ({source})"),
                    },
                    e => e,
                })?;
                open()
            }
        }
    }

    fn pragmas(&self) -> Result<(), StoreError> {
        self.conn.execute_batch(&format!("PRAGMA busy_timeout={BUSY_TIMEOUT_MS};")).map_err(|e| self.err(e))?;
        // Switching a new database to WAL takes an exclusive lock, and SQLite answers "database
        // is locked" at once, without calling the busy handler, when another process holds a
        // lock at that moment (two ingests starting on one new file). So the switch is retried
        // for as long as the busy timeout allows. WAL is persistent: an existing store is
        // already in it and the pragma then takes no lock.
        let start = std::time::Instant::now();
        let mut pause = std::time::Duration::from_millis(2);
        loop {
            match self.conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && start.elapsed().as_millis() < u128::from(BUSY_TIMEOUT_MS) =>
                {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(100));
                }
                other => {
                    other.map_err(|e| self.err(e))?;
                    break;
                }
            }
        }
        self.conn
            .execute_batch("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=16384;")
            .map_err(|e| self.err(e))
    }

    pub(crate) fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    /// A handle that cancels this connection's running query from another thread (the query
    /// then fails with an error for which [`StoreError::is_interrupted`] is true).
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// The database path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Counts of stored rows: (documents, sentences, mentions, events).
    pub fn counts(&self) -> Result<(u64, u64, u64, u64), StoreError> {
        let n = |t: &str| -> Result<u64, StoreError> {
            self.conn.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).map(|v| v as u64).map_err(|e| self.err(e))
        };
        Ok((n("documents")?, n("sentences")?, n("mentions")?, n("events")?))
    }

    /// SQLite's own integrity check, and demarche's: every document has its sentences, every
    /// sentence, mention and event belongs to a stored document, and the summary tables equal a
    /// recount from the events. Returns the problems.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let ok: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        if ok != "ok" {
            problems.push(format!("integrity_check: {ok}"));
        }
        let q = |sql: &str| -> Result<i64, StoreError> { self.conn.query_row(sql, [], |r| r.get(0)).map_err(|e| self.err(e)) };
        let checks = [
            (
                "documents without their sentences",
                "SELECT COUNT(*) FROM documents d WHERE d.sentences != (SELECT COUNT(*) FROM sentences s WHERE s.document_id = d.id)",
            ),
            (
                "documents without their events",
                "SELECT COUNT(*) FROM documents d WHERE d.events != (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id)",
            ),
            (
                "orphan sentences",
                "SELECT COUNT(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)",
            ),
            ("orphan mentions", "SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.document_id)"),
            ("orphan events", "SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.document_id)"),
        ];
        for (what, sql) in checks {
            let n = q(sql)?;
            if n != 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        for (table, sql) in schema::DRIFT_CHECKS {
            let n = q(sql)?;
            if n != 0 {
                problems.push(format!("{n} rows of {table} differ from a recount"));
            }
        }
        Ok(problems)
    }

    /// A digest of the stored content (documents, sentences, events), independent of row ids
    /// and ingest order: two stores with the same content have the same digest.
    pub fn content_digest(&self) -> Result<String, StoreError> {
        use sha2::{Digest, Sha256};
        let mut rows: Vec<String> = Vec::new();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.feed || '/' || d.doc_key, d.hash, e.sentence_idx, e.source, e.target, e.code, COALESCE(e.date,''), e.section
                 FROM events e JOIN documents d ON d.id = e.document_id",
            )
            .map_err(|e| self.err(e))?;
        let it = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{}|{}|{}|{}|{}|{}|{}|{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?
                ))
            })
            .map_err(|e| self.err(e))?;
        for row in it {
            rows.push(row.map_err(|e| self.err(e))?);
        }
        let mut stmt = self.conn.prepare("SELECT feed || '/' || doc_key, hash, sentences FROM documents").map_err(|e| self.err(e))?;
        let it = stmt
            .query_map([], |r| Ok(format!("doc|{}|{}|{}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))
            .map_err(|e| self.err(e))?;
        for row in it {
            rows.push(row.map_err(|e| self.err(e))?);
        }
        rows.sort();
        let mut h = Sha256::new();
        for r in rows {
            h.update(r.as_bytes());
            h.update(b"\n");
        }
        Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_connections_refuse_writes_and_migrate_old_schemas_first() {
        let dir = tempfile::tempdir().expect("dir");
        let v1 = dir.path().join("v1.db");
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.db"), &v1).expect("copy fixture");
        let store = Store::open_read_only(&v1).expect("open read-only");
        assert_eq!(schema::version(&store.conn, "v1").expect("version"), SCHEMA_VERSION);
        assert_eq!(store.counts().expect("counts").0, 10);
        let e = store.conn.execute("DELETE FROM documents", []).expect_err("read-only");
        assert!(e.to_string().contains("readonly"), "{e}");
        assert!(Store::open_read_only(&dir.path().join("missing.db")).is_err());
        // A negative or garbled version is refused, not a panic.
        for v in ["-1", "x"] {
            let bad = dir.path().join(format!("bad{v}.db"));
            let c = Connection::open(&bad).expect("open");
            c.execute_batch(&format!(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','{v}');"
            ))
            .expect("seed");
            drop(c);
            assert!(matches!(Store::open(&bad), Err(StoreError::NotOurs { .. })), "{v}");
        }
    }

    #[test]
    fn documents_are_keyed_by_feed_and_id() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("k.db")).expect("open");
        let coder = demarche_events::Coder::builtin().expect("coder");
        let date = demarche_core::dates::parse_date("2025-01-22");
        let doc = |source: Option<&str>, text: &str| demarche_documents::Document {
            source: source.map(String::from),
            ..demarche_documents::Document::from_text("7", text, date)
        };
        let (a, b, none) =
            (doc(Some("A"), "Russia praised Armenia."), doc(Some("B"), "Iran condemned Israel."), doc(None, "France visited Germany."));
        let coded: Vec<_> = [&a, &b, &none].iter().map(|d| coder.code(&d.id, &d.text, None, d.date)).collect();
        let w = store.write_batch(&[(&a, &coded[0]), (&b, &coded[1]), (&none, &coded[2])]).expect("write");
        assert_eq!(w, [Written::New, Written::New, Written::New]);
        assert_eq!(store.unchanged(&[&a, &b, &none]).expect("unchanged"), [true, true, true]);
        assert_eq!(store.counts().expect("counts").0, 3);
        // Ids that are only a place in the input get one from the text; real ids stay.
        let mut stdin = demarche_documents::Document::from_text("-", "Russia praised Armenia.", date);
        stdin.origin = "-".into();
        let id = content_id(&stdin).expect("stdin has no id of its own");
        assert!(id.starts_with("sha256:") && id.len() == 7 + 16, "{id}");
        stdin.text = "Iran condemned Israel.".into();
        assert_ne!(content_id(&stdin), Some(id));
        let mut record = stdin.clone();
        (record.origin, record.origin_line, record.id) = ("feed.jsonl".into(), 3, "feed.jsonl:3".into());
        assert!(content_id(&record).is_some());
        record.id = "article-3".into();
        assert_eq!(content_id(&record), None);
        assert_eq!(content_id(&a), None);
    }

    #[test]
    fn interrupt_cancels_a_running_query() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("i.db")).expect("open");
        let handle = store.interrupt_handle();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            handle.interrupt();
        });
        let r = store
            .conn
            .query_row("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) FROM n", [], |r| r.get::<_, i64>(0))
            .map_err(|e| store.err(e));
        t.join().expect("thread");
        assert!(r.expect_err("interrupted").is_interrupted());
        // The connection is usable afterwards.
        assert_eq!(store.counts().expect("counts").0, 0);
    }
}
