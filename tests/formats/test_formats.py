"""`--format gdelt` loads with a GDELT 2.0 reader; `--format plover` validates against the PLOVER
JSON Schema; `export` gives the same rows from the store."""

import json
import os
import pathlib
import subprocess

import pytest

from gdelt_reader import COLUMNS, read

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ["examples/press-conference.txt", "examples/briefing.txt", "examples/news-story.txt"]


@pytest.fixture(scope="module")
def cli():
    path = os.environ.get("DEMARCHE_BIN", str(ROOT / "target" / "release" / "demarche"))
    if not pathlib.Path(path).exists():
        pytest.fail(f"the demarche binary is needed at {path} (set DEMARCHE_BIN)")
    return path


def run(cli, *args, env=None):
    return subprocess.run([cli, *args], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})}).stdout


def test_gdelt_output_loads_with_a_gdelt_2_reader(cli):
    out = run(cli, "code", *EXAMPLES, "--date", "2025-01-22", "--format", "gdelt", env={"SOURCE_DATE_EPOCH": "1737504000"})
    rows = read(out)
    events = [json.loads(l) for l in run(cli, "code", *EXAMPLES, "--date", "2025-01-22").splitlines()]
    assert len(rows) == len(events) > 10
    for r, e in zip(rows, events):
        assert (r["Actor1Code"], r["Actor2Code"], r["EventCode"], r["QuadClass"]) == (e["source"], e["target"], e["code"], e["quad_class"])
        assert r["GoldsteinScale"] == pytest.approx(e["goldstein"])
        assert r["SQLDATE"] == (int(e["date"].replace("-", "")) if e["date"] else None)
        assert r["EventRootCode"] == e["root"] and r["EventBaseCode"] == e["code"][:3]
        assert r["NumMentions"] >= 1 and r["NumArticles"] >= 1
        assert r["IsRootEvent"] in (0, 1)
        assert r["DATEADDED"] == 20250122000000
        assert r["SOURCEURL"] == e["doc"]
        # International actors (country IGO, NGO, IMG) have no country in GDELT: their type
        # and group codes carry them.
        if e["source_country"] and len(e["source_country"]) == 3 and e["source_country"] not in ("IGO", "NGO", "IMG"):
            assert r["Actor1CountryCode"] == e["source_country"]
    assert any(r["Actor1Type1Code"] == "GOV" for r in rows)
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    # pandas reads it with GDELT's column names, as GDELT users do.
    pd = pytest.importorskip("pandas")
    import io
    frame = pd.read_csv(io.StringIO(out), sep="\t", header=None, names=[c for c, _ in COLUMNS], dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert frame.shape == (len(rows), 61)


def test_plover_output_validates_against_the_schema(cli):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "plover.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    out = run(cli, "code", *EXAMPLES, "--date", "2025-01-22", "--format", "plover", "--include-negated")
    records = [json.loads(l) for l in out.splitlines()]
    assert len(records) > 10
    for r in records:
        errors = [e.message for e in validator.iter_errors(r)]
        assert not errors, (r, errors)
    assert {"CONSULT", "ACCUSE"} & {r["event"] for r in records}
    assert any(r["source"]["sector"] for r in records)
    # A record the schema must refuse.
    bad = dict(records[0], event="DISAPPROVE")
    assert list(validator.iter_errors(bad))


def test_export_gives_the_same_shapes_from_the_store(cli, tmp_path):
    db = str(tmp_path / "x.db")
    run(cli, "ingest", *EXAMPLES, "--date", "2025-01-22", "--db", db)
    rows = read(run(cli, "export", "--format", "gdelt", "--db", db))
    coded = read(run(cli, "code", *EXAMPLES, "--date", "2025-01-22", "--format", "gdelt"))
    key = lambda r: (r["SQLDATE"] or 0, r["Actor1Code"], r["Actor2Code"], r["EventCode"])
    assert sorted(map(key, rows)) == sorted(map(key, coded))
    out = tmp_path / "p.jsonl"
    run(cli, "export", "--format", "plover", "--db", db, "-o", str(out))
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "plover.schema.json").read_text(encoding="utf-8")))
    for line in out.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))
