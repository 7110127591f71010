"""SQL users (docs/schema.md): the store's views, and DuckDB on the SQLite file."""

import csv
import io
import pathlib
import sqlite3
import subprocess

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


@pytest.fixture(scope="module")
def parquet_export(cli, store, tmp_path_factory):
    """The store exported to Parquet: one file, and partitions by month; skipped when this
    demarche was built without the `parquet` feature (.ci/run builds it with it)."""
    tmp = tmp_path_factory.mktemp("parquet")
    one = tmp / "events.parquet"
    try:
        run(cli, "export", "--db", str(store), "--format", "parquet", "-o", str(one))
    except subprocess.CalledProcessError as e:
        if "--features parquet" in e.stderr:
            pytest.skip("demarche built without --features parquet")
        raise
    parts = tmp / "events"
    run(cli, "export", "--db", str(store), "--format", "parquet", "--partition", "month", "-o", str(parts))
    header, *rows = list(csv.reader(io.StringIO(run(cli, "export", "--format", "csv", "--db", str(store)))))
    return one, parts, [dict(zip(header, r)) for r in rows]


def sqldate(d):
    """The `Date` column's value as GDELT's SQLDATE text."""
    return "" if d is None else d.strftime("%Y%m%d")


def test_parquet_has_a_date_column_and_zstd(parquet_export):
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    one, _, rows = parquet_export
    table = pq.read_table(one)
    assert table.schema.field("Date").type == pa.date32()
    assert table.num_rows == len(rows)
    by_id = {r["GLOBALEVENTID"]: r for r in rows}
    for i, d in zip(table.column("GLOBALEVENTID").to_pylist(), table.column("Date").to_pylist()):
        assert sqldate(d) == by_id[str(i)]["SQLDATE"]
    meta = pq.ParquetFile(one).metadata
    chunks = {meta.schema.column(j).name: meta.row_group(0).column(j) for j in range(meta.num_columns)}
    assert {c.compression for c in chunks.values()} == {"ZSTD"}
    assert "RLE_DICTIONARY" in chunks["EventCode"].encodings and "RLE_DICTIONARY" in chunks["Actor1CountryCode"].encodings


def test_duckdb_pandas_polars_read_the_partitions(parquet_export):
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    _, parts, rows = parquet_export
    dated = [r for r in rows if r["SQLDATE"]]
    undated = [r for r in rows if not r["SQLDATE"]]
    assert dated and undated
    months = {(int(r["SQLDATE"][:4]), int(r["SQLDATE"][4:6])) for r in dated}
    assert sorted(p.relative_to(parts).as_posix() for p in parts.rglob("*.parquet")) == sorted(
        [f"year={y:04d}/month={m:02d}/part-0.parquet" for y, m in months] + ["_undated/part-0.parquet"])
    want = sorted((int(r["GLOBALEVENTID"]), r["SQLDATE"]) for r in dated)

    # DuckDB (docs/schema.md): hive_partitioning adds the folder columns, hive_types types them.
    con = duckdb.connect()
    rel = con.sql(f"""SELECT GLOBALEVENTID, Date, year, month FROM read_parquet('{parts}/year=*/**/*.parquet',
                      hive_partitioning = true, hive_types = {{'year': INTEGER, 'month': INTEGER}})""")
    assert dict(zip(rel.columns, rel.types))["Date"] == "DATE"
    got = rel.fetchall()
    assert sorted((i, sqldate(d)) for i, d, _, _ in got) == want
    assert all((y, m) == (d.year, d.month) for _, d, y, m in got)
    assert con.sql(f"SELECT COUNT(*), COUNT(Date) FROM read_parquet('{parts}/_undated/*.parquet')").fetchone() == (len(undated), 0)

    # pandas: the folder is a dataset (pyarrow skips `_undated`); the partition columns are integers.
    frame = pd.read_parquet(parts)
    assert sorted((int(i), sqldate(d)) for i, d in zip(frame["GLOBALEVENTID"], frame["Date"])) == want
    assert all((int(y), int(m)) == (d.year, d.month) for y, m, d in zip(frame["year"], frame["month"], frame["Date"]))
    assert len(pd.read_parquet(parts / "_undated")) == len(undated)

    # polars: the same glob as DuckDB.
    lf = pl.read_parquet(f"{parts}/year=*/**/*.parquet", hive_partitioning=True)
    assert lf.schema["Date"] == pl.Date
    assert sorted((i, sqldate(d)) for i, d in zip(lf["GLOBALEVENTID"].to_list(), lf["Date"].to_list())) == want
    assert lf["month"].to_list() == [d.month for d in lf["Date"].to_list()]
    assert pl.read_parquet(f"{parts}/_undated/*.parquet").height == len(undated)


def test_code_writes_the_parquet_of_export(cli, store, parquet_export, tmp_path):
    """`code --format parquet` writes the export's columns: the events the store holds for the
    same documents, with the same values (GLOBALEVENTID numbers the run's own rows), one file or
    Hive partitions."""
    pq = pytest.importorskip("pyarrow.parquet")
    one, _, _ = parquet_export
    out = tmp_path / "coded.parquet"
    run(cli, "code", *EXAMPLES, "--date", "2025-01-22", "--format", "parquet", "-o", str(out))
    coded, stored = pq.read_table(out), pq.read_table(one)
    assert coded.schema == stored.schema
    assert coded.column("GLOBALEVENTID").to_pylist() == list(range(1, coded.num_rows + 1))
    same = ["SQLDATE", "Date", "Actor1Code", "Actor1CountryCode", "Actor2Code", "Actor2CountryCode", "EventCode",
            "EventRootCode", "QuadClass", "GoldsteinScale", "Line", "Section", "Provenance", "Speaker", "PLOVER",
            "Sentence", "Explanation"]
    undated = set(UNDATED.split(". "))
    rows = lambda t: sorted(tuple(str(r[c]) for c in same) for r in t.select(same).to_pylist())
    assert rows(coded) == [r for r in rows(stored) if not any(r[-2].rstrip(".") == u.strip().rstrip(".") for u in undated)]
    parts = tmp_path / "coded"
    run(cli, "code", *EXAMPLES, "--date", "2025-01-22", "--format", "parquet", "--partition", "year", "-o", str(parts))
    files = sorted(p.relative_to(parts).as_posix() for p in parts.rglob("*.parquet"))
    years = {f"year={r['SQLDATE'] // 10000:04d}/part-0.parquet" if r["SQLDATE"] else "_undated/part-0.parquet"
             for r in coded.select(["SQLDATE"]).to_pylist()}
    assert files == sorted(years)
    assert sum(pq.read_metadata(p).num_rows for p in parts.rglob("*.parquet")) == coded.num_rows
