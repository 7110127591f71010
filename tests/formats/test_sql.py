"""SQL users (docs/schema.md): the store's views, and DuckDB on the SQLite file."""

import csv
import io
import pathlib
import sqlite3

import pytest

from test_formats import EXAMPLES, ROOT, cli, run  # noqa: F401 (cli is a fixture)

UNDATED = "Iran condemned Israel. Turkey praised Azerbaijan.\n"


@pytest.fixture(scope="module")
def store(cli, tmp_path_factory):
    """The examples (dated) and one undated document, ingested."""
    tmp = tmp_path_factory.mktemp("store")
    db = tmp / "x.db"
    run(cli, "ingest", *EXAMPLES, "--date", "2025-01-22", "--db", str(db))
    undated = tmp / "undated.txt"
    undated.write_text(UNDATED, encoding="utf-8")
    run(cli, "ingest", str(undated), "--db", str(db))
    return db


def duckdb_with_sqlite():
    """A DuckDB connection with the sqlite extension, from the `duckdb-extension-sqlite-scanner`
    wheel (no download) or an extension installed before."""
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    try:
        import duckdb_extension_sqlite_scanner as wheel
        ext = next(pathlib.Path(wheel.__file__).parent.glob("extensions/*/sqlite_scanner.duckdb_extension"))
        con.install_extension(str(ext))
        con.load_extension("sqlite_scanner")
        return con
    except Exception:
        pass
    try:
        con.execute("LOAD sqlite")
        return con
    except Exception as e:
        pytest.skip(f"DuckDB's sqlite extension is not available offline: pip install "
                    f"duckdb-extension-sqlite-scanner=={duckdb.__version__} ({e})")


def test_views_give_the_export_and_the_deduplicated_events(cli, store):
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    header, *rows = list(csv.reader(io.StringIO(run(cli, "export", "--format", "csv", "--db", str(store)))))
    cur = con.execute("SELECT * FROM events_gdelt ORDER BY GLOBALEVENTID")
    assert [d[0] for d in cur.description] == header
    viewed = cur.fetchall()
    assert len(viewed) == len(rows) > 0
    for v, r in zip(viewed, rows):
        cells = dict(zip(header, r))
        assert str(v[0]) == cells["GLOBALEVENTID"]
        assert (str(v[1]) if v[1] is not None else "") == cells["SQLDATE"]
        assert v[5:12] == tuple(cells[c] for c in header[5:12])
    # Undated events are there, with no SQLDATE.
    assert con.execute("SELECT COUNT(*) FROM events_gdelt WHERE SQLDATE IS NULL").fetchone()[0] >= 2
    # Each distinct non-negated event once, its reports summing to the non-negated events.
    distinct, reports = con.execute("SELECT COUNT(*), SUM(reports) FROM events_deduplicated").fetchone()
    keys, events = con.execute("SELECT COUNT(DISTINCT dedup_key), COUNT(*) FROM events WHERE negated = 0").fetchone()
    assert (distinct, reports) == (keys, events)


def test_duckdb_reads_the_sqlite_store(store):
    con = duckdb_with_sqlite()
    con.execute(f"ATTACH '{store}' AS store (TYPE sqlite, READ_ONLY)")
    lite = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    # DuckDB scans rowid tables and views (not the WITHOUT ROWID ones: docs/schema.md).
    for table in ["documents", "mentions", "events", "event_places", "events_gdelt", "events_deduplicated"]:
        assert con.sql(f"SELECT COUNT(*) FROM store.{table}").fetchone()[0] == \
            lite.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0], table
    # The recipe's queries (docs/schema.md) run.
    top = con.sql("SELECT code, COUNT(*) AS n FROM store.events GROUP BY code ORDER BY n DESC, code").fetchall()
    assert top and sum(n for _, n in top) == lite.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    by_month = """SELECT substr(date, 1, 7) AS month, COUNT(*), SUM(reports) FROM {}events_deduplicated
                  WHERE date IS NOT NULL GROUP BY month ORDER BY month"""
    months = con.sql(by_month.format("store.")).fetchall()
    assert months and months == lite.execute(by_month.format("")).fetchall()
