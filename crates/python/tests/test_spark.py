"""demarche.spark on a local[2] Spark on loopback gives the single-process result."""

import os
import sys

import pytest

pyspark = pytest.importorskip("pyspark")

import demarche  # noqa: E402
from demarche.spark import EVENT_SCHEMA, code_dataframe  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("demarche-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def texts(root, n=300):
    lines = []
    for path in ["press-conference.txt", "news-story.txt", "blog-with-comments.txt", "briefing.txt"]:
        lines += [l for l in (root / "examples" / path).read_text(encoding="utf-8").splitlines() if l.strip()]
    return [(f"t{i}", lines[i % len(lines)] + f" Russia praised Armenia on day {i}.", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(n)]


def key(e):
    return (e["doc"], e["start"], e["source"], e["target"], e["code"], e["date"])


def test_spark_matches_single_process(spark, root):
    rows = texts(root)
    df = spark.createDataFrame(rows, "id string, text string, date string").repartition(6)
    events = code_dataframe(df, text_col="text", date_col="date", id_col="id")
    assert events.schema.simpleString().startswith("struct<doc:string,line:bigint")
    got = sorted((r.asDict() for r in events.collect()), key=key)
    want = sorted((e for i, t, d in rows for e in demarche.code(t, date=d, doc=i)), key=key)
    assert len(got) == len(want) > len(rows)
    assert [key(e) for e in got] == [key(e) for e in want]
    assert [e["explanation"] for e in got] == [e["explanation"] for e in want]
    assert set(c.split(" ")[0] for c in EVENT_SCHEMA.split(", ")) == set(events.columns)


def test_spark_missing_dates_and_texts(spark):
    import datetime

    rows = [("a", "Russia praised Armenia.", datetime.date(2025, 1, 22)), ("b", "Iran condemned Israel.", None),
            ("c", None, datetime.date(2025, 1, 22)), ("d", "Nothing happened.", None)]
    df = spark.createDataFrame(rows, "id string, text string, date date").repartition(2)
    got = sorted((r.doc, r.code, r.date) for r in code_dataframe(df, "text", "date", "id").collect())
    assert got == [("a", "051", "2025-01-22"), ("b", "111", None)]
    # Timestamps and string dates with nulls too.
    ts = spark.createDataFrame([("x", "Iran condemned Israel.", None), ("y", "Iran condemned Israel.", "2025-01-23")],
                               "id string, text string, date string")
    assert sorted((r.doc, r.date) for r in code_dataframe(ts, "text", "date", "id").collect()) == [("x", None), ("y", "2025-01-23")]
