//! The schema and its migrations. The version lives in `meta(key='schema_version')`; opening an
//! older database applies the missing migrations in one transaction, a newer one is refused.

use crate::StoreError;
use rusqlite::{Connection, OptionalExtension};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 6;

/// The summary tables recounted from what they summarise: `dedup_counts` and `event_groups`
/// from `events`, `dyad_days` from `event_groups`. Migration 1 -> 2 fills the tables with them
/// and [`Store::check`](crate::Store::check) compares the tables with them.
macro_rules! recount_dedup_counts {
    () => {
        "SELECT dedup_key, COUNT(*) FROM events GROUP BY dedup_key"
    };
}
macro_rules! recount_event_groups {
    () => {
        "SELECT dedup_key, provenance, MIN(source_country), MIN(target_country), COALESCE(MIN(date), ''), MIN(goldstein), MIN(quad_class), COUNT(*)
        FROM events WHERE negated = 0 GROUP BY dedup_key, provenance"
    };
}
macro_rules! recount_dyad_days {
    () => {
        "SELECT source_country, target_country, day, provenance, COUNT(*), SUM(reports), SUM(goldstein),
               SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
        FROM event_groups GROUP BY source_country, target_country, day, provenance"
    };
}

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
    // 1 -> 2: the store at scale. Maintained by triggers, so every write path (and the cascade
    // when a document is replaced) keeps them exact:
    // - `dedup_counts`: reports per (date, source, target, code) key, read by a join (was a
    //   correlated subquery over an unindexed column, for every output row);
    // - `event_groups`: one row per distinct non-negated event and provenance (what `relations`
    //   counts once), with its number of reports;
    // - `dyad_days`: those groups summed by (source country, target country, day, provenance),
    //   so `relations` reads aggregates, not events (`day` is '' for undated events);
    // - indexes for actor and code range scans (`source`, `target`, `code`, each with the
    //   date so a page's keys are sorted from the index alone).
    concat!(
        r#"
    CREATE TABLE dedup_counts (
        dedup_key TEXT PRIMARY KEY,
        reports INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE event_groups (
        dedup_key TEXT NOT NULL,
        provenance TEXT NOT NULL,
        source_country TEXT NOT NULL,
        target_country TEXT NOT NULL,
        day TEXT NOT NULL,
        goldstein REAL NOT NULL,
        quad_class INTEGER NOT NULL,
        reports INTEGER NOT NULL,
        PRIMARY KEY (dedup_key, provenance)
    ) WITHOUT ROWID;
    CREATE TABLE dyad_days (
        source_country TEXT NOT NULL,
        target_country TEXT NOT NULL,
        day TEXT NOT NULL,
        provenance TEXT NOT NULL,
        events INTEGER NOT NULL,
        reports INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        q1 INTEGER NOT NULL,
        q2 INTEGER NOT NULL,
        q3 INTEGER NOT NULL,
        q4 INTEGER NOT NULL,
        PRIMARY KEY (source_country, target_country, day, provenance)
    ) WITHOUT ROWID;
    CREATE INDEX events_source ON events(source, date);
    CREATE INDEX events_target ON events(target, date);
    DROP INDEX events_code;
    CREATE INDEX events_code ON events(code, date);

    INSERT INTO dedup_counts(dedup_key, reports) "#,
        recount_dedup_counts!(),
        r#";
    INSERT INTO event_groups(dedup_key, provenance, source_country, target_country, day, goldstein, quad_class, reports)
        "#,
        recount_event_groups!(),
        r#";
    INSERT INTO dyad_days(source_country, target_country, day, provenance, events, reports, goldstein_sum, q1, q2, q3, q4)
        "#,
        recount_dyad_days!(),
        r#";

    CREATE TRIGGER events_insert AFTER INSERT ON events BEGIN
        INSERT INTO dedup_counts(dedup_key, reports) VALUES (NEW.dedup_key, 1)
            ON CONFLICT(dedup_key) DO UPDATE SET reports = reports + 1;
        INSERT INTO event_groups(dedup_key, provenance, source_country, target_country, day, goldstein, quad_class, reports)
            SELECT NEW.dedup_key, NEW.provenance, NEW.source_country, NEW.target_country, COALESCE(NEW.date, ''), NEW.goldstein, NEW.quad_class, 1
            WHERE NEW.negated = 0
            ON CONFLICT(dedup_key, provenance) DO UPDATE SET reports = reports + 1;
    END;
    CREATE TRIGGER events_delete AFTER DELETE ON events BEGIN
        UPDATE dedup_counts SET reports = reports - 1 WHERE dedup_key = OLD.dedup_key;
        DELETE FROM dedup_counts WHERE dedup_key = OLD.dedup_key AND reports <= 0;
        UPDATE event_groups SET reports = reports - 1
            WHERE OLD.negated = 0 AND dedup_key = OLD.dedup_key AND provenance = OLD.provenance;
        DELETE FROM event_groups WHERE dedup_key = OLD.dedup_key AND provenance = OLD.provenance AND reports <= 0;
    END;
    CREATE TRIGGER groups_insert AFTER INSERT ON event_groups BEGIN
        INSERT INTO dyad_days(source_country, target_country, day, provenance, events, reports, goldstein_sum, q1, q2, q3, q4)
            VALUES (NEW.source_country, NEW.target_country, NEW.day, NEW.provenance, 1, NEW.reports, NEW.goldstein,
                    NEW.quad_class = 1, NEW.quad_class = 2, NEW.quad_class = 3, NEW.quad_class = 4)
            ON CONFLICT(source_country, target_country, day, provenance) DO UPDATE SET
                events = events + 1, reports = reports + excluded.reports, goldstein_sum = goldstein_sum + excluded.goldstein_sum,
                q1 = q1 + excluded.q1, q2 = q2 + excluded.q2, q3 = q3 + excluded.q3, q4 = q4 + excluded.q4;
    END;
    CREATE TRIGGER groups_reports AFTER UPDATE OF reports ON event_groups BEGIN
        UPDATE dyad_days SET reports = reports + NEW.reports - OLD.reports
            WHERE source_country = NEW.source_country AND target_country = NEW.target_country AND day = NEW.day AND provenance = NEW.provenance;
    END;
    CREATE TRIGGER groups_delete AFTER DELETE ON event_groups BEGIN
        UPDATE dyad_days SET events = events - 1, reports = reports - OLD.reports, goldstein_sum = goldstein_sum - OLD.goldstein,
                q1 = q1 - (OLD.quad_class = 1), q2 = q2 - (OLD.quad_class = 2), q3 = q3 - (OLD.quad_class = 3), q4 = q4 - (OLD.quad_class = 4)
            WHERE source_country = OLD.source_country AND target_country = OLD.target_country AND day = OLD.day AND provenance = OLD.provenance;
        DELETE FROM dyad_days
            WHERE source_country = OLD.source_country AND target_country = OLD.target_country AND day = OLD.day AND provenance = OLD.provenance
              AND events <= 0;
    END;
    "#
    ),
    // 2 -> 3: event places (crate::places).
    crate::places::MIGRATION,
    // 3 -> 4: documents keyed by feed (the `source` of a record, '' when it has none) and id,
    // so two feeds that number their records alike no longer overwrite each other. SQLite
    // cannot drop the old UNIQUE(doc_key), so the table is rebuilt (row ids kept: sentences,
    // mentions and events point to them).
    r#"
    CREATE TABLE documents_v4 (
        id INTEGER PRIMARY KEY,
        feed TEXT NOT NULL,
        doc_key TEXT NOT NULL,
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
        ingested_at TEXT NOT NULL,
        UNIQUE (feed, doc_key)
    );
    INSERT INTO documents_v4(id, feed, doc_key, origin, format, date, source, url, title, text, hash, sentences, events, ingested_at)
        SELECT id, COALESCE(source, ''), doc_key, origin, format, date, source, url, title, text, hash, sentences, events, ingested_at FROM documents;
    DROP TABLE documents;
    ALTER TABLE documents_v4 RENAME TO documents;
    CREATE INDEX documents_doc_key ON documents(doc_key);
    "#,
    // 4 -> 5: SQL views for analysts (docs/schema.md).
    VIEWS,
    // 5 -> 6: the writer sums a batch's contributions to the summary tables and upserts each
    // key once (`write::Pending`), instead of three trigger statements per inserted event; the
    // delete triggers stay, so a replaced document's cascade still counts them down.
    // `mentions_code` served no query.
    r#"
    DROP TRIGGER IF EXISTS events_insert;
    DROP TRIGGER IF EXISTS groups_insert;
    DROP INDEX IF EXISTS mentions_code;
    "#,
];

/// Rows of a summary table that differ from its recount (both ways), by table: what
/// `demarche check` reports as drift. Sums of Goldstein weights are compared to 6 decimals
/// (they are added in another order).
pub(crate) const DRIFT_CHECKS: &[(&str, &str)] = &[
    (
        "dedup_counts",
        concat!(
            "SELECT COUNT(*) FROM (SELECT * FROM (SELECT dedup_key, reports FROM dedup_counts EXCEPT ",
            recount_dedup_counts!(),
            ") UNION ALL SELECT * FROM (",
            recount_dedup_counts!(),
            " EXCEPT SELECT dedup_key, reports FROM dedup_counts))"
        ),
    ),
    (
        "event_groups",
        concat!(
            "SELECT COUNT(*) FROM (SELECT * FROM (SELECT dedup_key, provenance, source_country, target_country, day, goldstein, quad_class, reports FROM event_groups EXCEPT ",
            recount_event_groups!(),
            ") UNION ALL SELECT * FROM (",
            recount_event_groups!(),
            " EXCEPT SELECT dedup_key, provenance, source_country, target_country, day, goldstein, quad_class, reports FROM event_groups))"
        ),
    ),
    (
        "dyad_days",
        concat!(
            "WITH recount(a, b, c, d, e, f, g, h, i, j, k) AS (",
            recount_dyad_days!(),
            "), stored AS (SELECT source_country, target_country, day, provenance, events, reports, round(goldstein_sum, 6), q1, q2, q3, q4 FROM dyad_days),
             counted AS (SELECT a, b, c, d, e, f, round(g, 6), h, i, j, k FROM recount)
             SELECT COUNT(*) FROM (SELECT * FROM (SELECT * FROM stored EXCEPT SELECT * FROM counted) UNION ALL SELECT * FROM (SELECT * FROM counted EXCEPT SELECT * FROM stored))"
        ),
    ),
];

/// Views for SQL users (docs/schema.md), dropped and created again so a later step may redefine
/// them:
/// - `events_gdelt`: one row per event in the columns of `demarche export` (GDELT's names where
///   GDELT has the field), the rows `export --format csv` writes;
/// - `events_deduplicated`: one row per distinct non-negated event (date, source, target, code:
///   the `dedup_key`), with how many reports and documents gave it: what `relations` counts once.
const VIEWS: &str = r#"
    DROP VIEW IF EXISTS events_gdelt;
    CREATE VIEW events_gdelt AS
    SELECT e.id AS GLOBALEVENTID,
           CAST(replace(e.date, '-', '') AS INTEGER) AS SQLDATE,
           CAST(substr(replace(e.date, '-', ''), 1, 6) AS INTEGER) AS MonthYear,
           CAST(substr(e.date, 1, 4) AS INTEGER) AS Year,
           round(CAST(substr(e.date, 1, 4) AS INTEGER)
                 + (CAST(substr(e.date, 6, 2) AS INTEGER) * 30 + CAST(substr(e.date, 9, 2) AS INTEGER)) / 365.0, 4) AS FractionDate,
           e.source AS Actor1Code, e.source_country AS Actor1CountryCode,
           e.target AS Actor2Code, e.target_country AS Actor2CountryCode,
           e.code AS EventCode, substr(e.code, 1, 3) AS EventBaseCode, e.root AS EventRootCode,
           e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale,
           COALESCE(c.reports, 1) AS NumMentions,
           d.url AS SOURCEURL,
           d.doc_key AS DocId, e.line AS Line, e.section AS Section, e.provenance AS Provenance, e.speaker AS Speaker,
           e.date_precision AS DatePrecision, e.modality AS Modality, e.negated AS Negated, e.plover AS PLOVER,
           e.name AS EventName, e.sentence AS Sentence, e.explanation AS Explanation
      FROM events e
      JOIN documents d ON d.id = e.document_id
      LEFT JOIN dedup_counts c ON c.dedup_key = e.dedup_key;

    DROP VIEW IF EXISTS events_deduplicated;
    CREATE VIEW events_deduplicated AS
    SELECT e.dedup_key AS dedup_key,
           MIN(e.id) AS first_event_id,
           MIN(e.date) AS date, MIN(e.source) AS source, MIN(e.source_country) AS source_country,
           MIN(e.target) AS target, MIN(e.target_country) AS target_country,
           MIN(e.code) AS code, MIN(e.root) AS root, MIN(e.name) AS name, MIN(e.goldstein) AS goldstein,
           MIN(e.quad_class) AS quad_class, MIN(e.plover) AS plover,
           COUNT(*) AS reports,
           COUNT(DISTINCT e.document_id) AS documents,
           SUM(e.provenance = 'official') AS official_reports,
           SUM(e.provenance = 'reported') AS reported_reports,
           SUM(e.provenance = 'asked') AS asked_reports,
           MIN(d.date) AS first_document_date,
           MAX(d.date) AS last_document_date
      FROM events e
      JOIN documents d ON d.id = e.document_id
     WHERE e.negated = 0
     GROUP BY e.dedup_key;
"#;

/// The schema version of an open database (0 for an empty one).
pub(crate) fn version(conn: &Connection, path: &str) -> Result<i64, StoreError> {
    let err = |source| StoreError::Sqlite { path: path.to_string(), source };
    // Both counts in one statement, so one snapshot: read in two, a store another process is
    // creating could commit its tables between them and look like a foreign database ("tables
    // but no schema version" — seen with two ingests starting on one new file).
    let (meta, tables): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='meta'), \
                    (SELECT COUNT(*) FROM sqlite_master WHERE type='table')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                StoreError::NotOurs { path: path.to_string(), reason: "the file is not an SQLite database".into() }
            }
            e => err(e),
        })?;
    let has_meta = meta > 0;
    if has_meta {
        let v =
            conn.query_row("SELECT value FROM meta WHERE key='schema_version'", [], |r| r.get::<_, String>(0)).optional().map_err(err)?;
        return match v {
            None => Ok(0),
            Some(v) => match v.trim().parse::<i64>() {
                Ok(n) if n >= 0 => Ok(n),
                _ => {
                    Err(StoreError::NotOurs { path: path.to_string(), reason: format!("its schema version {v:?} is not a version number") })
                }
            },
        };
    }
    if tables > 0 {
        return Err(StoreError::NotOurs { path: path.to_string(), reason: "it has tables but no demarche schema version".into() });
    }
    Ok(0)
}

/// Bring the schema up to [`SCHEMA_VERSION`]. The version is read again inside an immediate
/// (write-locked) transaction, so two processes opening a new or old database at once migrate
/// it once: the second waits for the first and then finds nothing to do.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let err = |source| StoreError::Sqlite { path: path.to_string(), source };
    let found = version(conn, path)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.to_string(), found, supported: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // Rebuilding a table (step 3 -> 4) drops the old one: no cascade may run. The pragma is a
    // no-op inside a transaction, so it is set around it.
    conn.execute_batch("PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON;").map_err(err)?;
    let result = (|| {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err)?;
        let version = version(&tx, path)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: path.to_string(), found: version, supported: SCHEMA_VERSION });
        }
        for m in &MIGRATIONS[version as usize..] {
            tx.execute_batch(m).map_err(err)?;
        }
        let broken: i64 = tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).map_err(err)?;
        if broken > 0 {
            return Err(StoreError::NotOurs {
                path: path.to_string(),
                reason: format!("{broken} rows break a foreign key after migrating"),
            });
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES('schema_version', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [SCHEMA_VERSION.to_string()],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    })();
    conn.execute_batch("PRAGMA foreign_keys=ON; PRAGMA legacy_alter_table=OFF;").map_err(err)?;
    result
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
            c.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','0');",
            )
            .expect("seed");
        }
        let s = Store::open(&old).expect("upgrade");
        assert_eq!(s.counts().expect("counts"), (0, 0, 0, 0));
        // A newer database is refused with a clear message.
        let new = dir.path().join("new.db");
        {
            let c = rusqlite::Connection::open(&new).expect("open");
            c.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES('schema_version','99');",
            )
            .expect("seed");
        }
        match Store::open(&new) {
            Err(e @ StoreError::TooNew { .. }) => assert!(e.to_string().contains("schema version 99 is newer")),
            other => panic!("expected TooNew, got {:?}", other.err()),
        }
        // A version-1 database written by demarche 0.1 (tests/fixtures/v1.db: the examples,
        // ingested before the store-at-scale schema) migrates in place.
        let v1 = dir.path().join("v1.db");
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.db"), &v1).expect("copy fixture");
        {
            let c = rusqlite::Connection::open(&v1).expect("open");
            let v: String = c.query_row("SELECT value FROM meta WHERE key='schema_version'", [], |r| r.get(0)).expect("version");
            assert_eq!(v, "1");
        }
        let mut s = Store::open(&v1).expect("migrate");
        let v: String = s.conn.query_row("SELECT value FROM meta WHERE key='schema_version'", [], |r| r.get(0)).expect("version");
        assert_eq!(v, crate::SCHEMA_VERSION.to_string());
        assert_eq!(s.counts().expect("counts"), (10, 80, s.counts().expect("c").2, 35));
        assert!(s.check().expect("check").is_empty());
        crate::query::tests::assert_aggregates_match(&s);
        let rel = s.relations(&crate::RelationsQuery::new("AZE", "KAZ", crate::Period::Month)).expect("rel");
        assert_eq!(rel.total.both.all.reports, 17);
        // And goes on being written: a new document and a replaced one.
        let coder = demarche_events::Coder::builtin().expect("coder");
        let date = demarche_core::dates::parse_date("2025-01-22");
        let doc = demarche_documents::Document::from_text("new", "Kazakhstan praised Azerbaijan.", date);
        let coded = coder.code(&doc.id, &doc.text, None, doc.date);
        s.write_batch(&[(&doc, &coded)]).expect("write");
        crate::query::tests::assert_aggregates_match(&s);
        assert_eq!(s.relations(&crate::RelationsQuery::new("AZE", "KAZ", crate::Period::Month)).expect("rel").total.both.all.reports, 18);
        drop(s);
        // Opening again is a no-op.
        assert!(Store::open(&v1).expect("reopen").check().expect("check").is_empty());
        // Every older version (1..5, made from the version-1 file by the migrations up to it)
        // migrates to this one: the insert triggers and the unused index are gone, the
        // summaries still equal a recount, and writes (new and replaced documents in one
        // batch) keep them so.
        for from in 1..crate::SCHEMA_VERSION {
            let old = dir.path().join(format!("v{from}-copy.db"));
            std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v1.db"), &old).expect("copy fixture");
            {
                let c = rusqlite::Connection::open(&old).expect("open");
                c.execute_batch("PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON;").expect("pragmas");
                for m in &super::MIGRATIONS[1..from as usize] {
                    c.execute_batch(m).expect("older migration");
                }
                c.execute("UPDATE meta SET value = ?1 WHERE key = 'schema_version'", [from.to_string()]).expect("version");
            }
            let mut s = Store::open(&old).expect("migrate");
            let n = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).expect("count") };
            assert_eq!(
                n("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('events_insert', 'groups_insert', 'mentions_code')"),
                0,
                "{from}"
            );
            assert_eq!(n("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"), 3, "{from}");
            assert_eq!(s.check().expect("check"), Vec::<String>::new(), "from version {from}");
            let coder = demarche_events::Coder::builtin().expect("coder");
            let date = demarche_core::dates::parse_date("2024-06-05");
            let docs = [
                demarche_documents::Document::from_text("new", "Kazakhstan praised Azerbaijan. Azerbaijan thanked Kazakhstan.", date),
                demarche_documents::Document::from_text("new", "Kazakhstan praised Azerbaijan.", date),
            ];
            let coded: Vec<_> = docs.iter().map(|d| coder.code(&d.id, &d.text, None, d.date)).collect();
            s.write_batch(&[(&docs[0], &coded[0]), (&docs[1], &coded[1])]).expect("write");
            assert_eq!(s.check().expect("check"), Vec::<String>::new(), "from version {from}, written");
            crate::query::tests::assert_aggregates_match(&s);
        }
        // Not a database at all.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"this is not sqlite, just text that goes on for a while............").expect("write");
        assert!(Store::open(&junk).is_err());
    }
}
