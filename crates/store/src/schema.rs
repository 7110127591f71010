//! The schema and its migrations. The version lives in `meta(key='schema_version')`; opening an
//! older database applies the missing migrations in one transaction, a newer one is refused.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 2;

/// Migration `i` takes a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    r#"
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        doc_key TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        format TEXT NOT NULL,
        date TEXT,
        source TEXT,
        url TEXT,
        title TEXT,
        text TEXT NOT NULL,
        hash TEXT NOT NULL,
        sentences INTEGER NOT NULL,
        events INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE sentences (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        line INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        section TEXT NOT NULL,
        speaker TEXT,
        PRIMARY KEY (document_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        code TEXT NOT NULL,
        country TEXT NOT NULL,
        role TEXT,
        kind TEXT NOT NULL,
        resolved_from TEXT
    );
    CREATE INDEX mentions_document ON mentions(document_id);
    CREATE INDEX mentions_code ON mentions(code);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        sentence_idx INTEGER NOT NULL,
        line INTEGER NOT NULL,
        date TEXT,
        date_precision TEXT NOT NULL,
        source TEXT NOT NULL,
        source_country TEXT NOT NULL,
        target TEXT NOT NULL,
        target_country TEXT NOT NULL,
        code TEXT NOT NULL,
        root TEXT NOT NULL,
        name TEXT NOT NULL,
        goldstein REAL NOT NULL,
        quad_class INTEGER NOT NULL,
        plover TEXT NOT NULL,
        section TEXT NOT NULL,
        provenance TEXT NOT NULL,
        speaker TEXT,
        negated INTEGER NOT NULL,
        modality TEXT NOT NULL,
        sentence TEXT NOT NULL,
        explanation TEXT NOT NULL,
        dedup_key TEXT NOT NULL
    );
    CREATE INDEX events_dyad ON events(source_country, target_country, date);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_code ON events(code);
    CREATE INDEX events_document ON events(document_id);
    "#,
    // 1 -> 2: event places (crate::places).
    crate::places::MIGRATION,
];

pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let err = |source| StoreError::Sqlite { path: path.to_string(), source };
    let has_meta: bool = conn
        .query_row("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='meta'", [], |r| r.get::<_, i64>(0))
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                StoreError::NotOurs { path: path.to_string(), reason: "the file is not an SQLite database".into() }
            }
            e => err(e),
        })?
        > 0;
    let version: i64 = if has_meta {
        conn.query_row("SELECT value FROM meta WHERE key='schema_version'", [], |r| r.get::<_, String>(0))
            .optional()
            .map_err(err)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    } else {
        let tables: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE type='table'", [], |r| r.get(0)).map_err(err)?;
        if tables > 0 {
            return Err(StoreError::NotOurs { path: path.to_string(), reason: "it has tables but no demarche schema version".into() });
        }
        0
    };
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_string(), found: version, supported: SCHEMA_VERSION });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction().map_err(err)?;
    for m in &MIGRATIONS[version as usize..] {
        tx.execute_batch(m).map_err(err)?;
    }
    tx.execute(
        "INSERT INTO meta(key, value) VALUES('schema_version', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION.to_string()],
    )
    .map_err(err)?;
    tx.commit().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoreError};

    #[test]
    fn creates_upgrades_and_refuses() {
        let dir = tempfile::tempdir().expect("dir");
        // A version-0 database (meta table only) is upgraded on open.
        let old = dir.path().join("old.db");
        {
            let c = rusqlite::Connection::open(&old).expect("open");
            c.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','0');")
                .expect("seed");
        }
        let s = Store::open(&old).expect("upgrade");
        assert_eq!(s.counts().expect("counts"), (0, 0, 0, 0));
        // A newer database is refused with a clear message.
        let new = dir.path().join("new.db");
        {
            let c = rusqlite::Connection::open(&new).expect("open");
            c.execute_batch("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','99');")
                .expect("seed");
        }
        match Store::open(&new) {
            Err(e @ StoreError::TooNew { .. }) => assert!(e.to_string().contains("schema version 99 is newer")),
            other => panic!("expected TooNew, got {:?}", other.err()),
        }
        // Not a database at all.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"this is not sqlite, just text that goes on for a while............").expect("write");
        assert!(Store::open(&junk).is_err());
    }
}
