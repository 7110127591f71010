"""The Python bindings give the CLI's records, with character offsets and Python exceptions."""

import json
import subprocess

import pytest

import demarche

EXAMPLES = [
    ("examples/press-conference.txt", "2025-01-22"),
    ("examples/briefing.txt", "2024-06-12"),
    ("examples/news-story.txt", "2024-03-15"),
    ("examples/blog-with-comments.txt", "2025-01-22"),
]
# Fields that differ by design: the document id, and offsets (characters here, bytes in the CLI).
BY_DESIGN = {"doc", "start", "end"}


def run_cli(cli, root, *args):
    out = subprocess.run([cli, *args], cwd=root, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def strip(records):
    return [{k: v for k, v in r.items() if k not in BY_DESIGN} for r in records]


@pytest.mark.parametrize("path,date", EXAMPLES)
def test_code_matches_the_cli(cli, root, path, date):
    text = (root / path).read_text(encoding="utf-8")
    ours = demarche.code(text, date=date, doc=path)
    theirs = run_cli(cli, root, "code", path, "--date", date)
    assert strip(ours) == strip(theirs)
    assert [r["doc"] for r in ours] == [r["doc"] for r in theirs]
    for e in ours:
        assert text[e["start"]:e["end"]] == e["sentence"], "character offsets point at the sentence"


def test_code_many_and_code_arrow_match_the_cli(cli, root):
    texts = [(root / p).read_text(encoding="utf-8") for p, _ in EXAMPLES]
    dates, docs = [d for _, d in EXAMPLES], [p for p, _ in EXAMPLES]
    theirs = [e for p, d in EXAMPLES for e in run_cli(cli, root, "code", p, "--date", d)]
    coder = demarche.Coder()
    for threads in (0, 1, 2):
        ours = coder.code_many(texts, dates, docs, threads=threads)
        assert strip(ours) == strip(theirs)
        assert [r["doc"] for r in ours] == [r["doc"] for r in theirs]
    batch = coder.code_arrow(texts, dates, docs)
    assert batch.schema.names == list(theirs[0].keys())
    assert strip(batch.to_pylist()) == strip(theirs)


@pytest.mark.parametrize("path,date", EXAMPLES)
def test_segment_and_actors_match_the_cli(cli, root, path, date):
    text = (root / path).read_text(encoding="utf-8")
    assert strip(demarche.segment(text, doc=path)) == strip(run_cli(cli, root, "segment", path))
    ours = demarche.actors(text, date=date, doc=path)
    assert strip(ours) == strip(run_cli(cli, root, "actors", path, "--date", date))
    for m in ours:
        assert text[m["start"]:m["end"]] == m["text"]


def test_errors_are_python_exceptions_with_the_cli_message():
    with pytest.raises(demarche.DemarcheError, match='"yesterday" is not a date in YYYY-MM-DD form'):
        demarche.code("Russia praised Armenia.", date="yesterday")
    assert issubclass(demarche.DemarcheError, ValueError)


def test_user_actor_files(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("phrase\tcode\tfrom\tto\tsource\nthe Blue Palace\tRUTGOV\t\t\ttest entry\n", encoding="utf-8")
    events = demarche.Coder(actors=[str(mine)]).code("The Blue Palace praised Armenia.", date="2025-01-22")
    assert [(e["source"], e["target"]) for e in events] == [("RUTGOV", "ARM")]
    bad = tmp_path / "bad.tsv"
    bad.write_text("phrase\tcode\tfrom\tto\tsource\nthe Palace\tnot a code\t\t\tx\n", encoding="utf-8")
    with pytest.raises(demarche.DemarcheError, match=r"bad.tsv:2: expected an upper-case CAMEO code"):
        demarche.Coder(actors=[str(mine), str(bad)])
    # The old meaning of ``dictionaries=``: a demarche actor file, or a folder of them, adds to
    # the built-in knowledge (a PETRARCH folder holds no ``.tsv``).
    assert demarche.Coder(str(mine)).describe() == "built-in patterns"
    events = demarche.Coder(str(tmp_path / "mine.tsv")).code("The Blue Palace praised Armenia.", date="2025-01-22")
    assert [(e["source"], e["target"]) for e in events] == [("RUTGOV", "ARM")]
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "mine.tsv").write_text(mine.read_text(encoding="utf-8"), encoding="utf-8")
    events = demarche.Coder(str(folder)).code("The Blue Palace praised Armenia.", date="2025-01-22")
    assert [(e["source"], e["target"]) for e in events] == [("RUTGOV", "ARM")]


def test_petrarch_dictionaries_use_the_cli_loader(cli, root):
    """``dictionaries`` is ``--dictionaries DIR``: TABARI/PETRARCH dictionaries, the CLI's events."""
    dicts, news = root / "tests/fixtures/petrarch", "tests/fixtures/petrarch/news.txt"
    coder = demarche.Coder(str(dicts))
    assert coder.describe() == "PETRARCH dictionaries"
    text = (root / news).read_text(encoding="utf-8")
    ours = coder.code(text, date="2015-03-01", doc=news)
    theirs = run_cli(cli, root, "code", news, "--dictionaries", str(dicts), "--date", "2015-03-01")
    assert [(e["source"], e["target"], e["code"]) for e in ours][:2] == [("AVA", "BRW", "122"), ("AVAGOV", "CEN", "042")]
    assert strip(ours) == [{k: v for k, v in r.items() if k != "issues"} for r in strip(theirs)]
    # options, mode and the merge with the built-in coder, as the CLI's flags
    assert demarche.Coder(str(dicts), options={"require_dyad": False}).code("Avalon condemned.", date="2015-03-01")[0]["target"] == ""
    both = demarche.Coder(str(dicts), with_builtin=True)
    assert both.describe() == "PETRARCH dictionaries + built-in"
    assert [e["code"] for e in both.code("Avalon condemned Brightwater. Russia praised Armenia.", date="2015-03-01")] == ["122", "051"]
    with pytest.raises(demarche.DemarcheError, match="actors\\(\\) needs demarche's knowledge base"):
        coder.actors("Avalon condemned Brightwater.")
    with pytest.raises(demarche.DemarcheError, match="require_dyad: expected True or False"):
        demarche.Coder(str(dicts), options={"require_dyad": "maybe"})
    with pytest.raises(demarche.DemarcheError, match="expected auto, tree or text"):
        demarche.Coder(str(dicts), mode="parse")


def test_reusable_coder_and_pandas(root):
    pd = pytest.importorskip("pandas")
    coder = demarche.Coder()
    assert coder.code("Iran condemned Israel.", date="2025-01-22")[0]["code"] == "111"
    frame = demarche.to_pandas(coder.code((root / "examples/press-conference.txt").read_text(encoding="utf-8"), date="2025-01-22"))
    assert {"source", "target", "code", "goldstein", "quad_class", "section", "date"} <= set(frame.columns)
    df = pd.DataFrame({"id": ["a", "b"], "text": ["Russia praised Armenia.", "Iran condemned Israel."], "date": ["2025-01-22", "2025-01-23"]})
    events = demarche.code_frame(df, "text", "date", id_col="id")
    assert list(events["doc"]) == ["a", "b"]
    assert list(events["date"]) == ["2025-01-22", "2025-01-23"]


def test_code_many_equals_per_document_calls(root):
    texts = [(root / p).read_text(encoding="utf-8") for p, _ in EXAMPLES] + [None, "Iran condemned Israel."]
    dates = [d for _, d in EXAMPLES] + [None, None]
    docs = [p for p, _ in EXAMPLES] + ["none", "undated"]
    coder = demarche.Coder()
    want = [e for t, d, i in zip(texts, dates, docs) if t is not None for e in coder.code(t, date=d, doc=i)]
    for threads in (0, 1, 2):
        assert coder.code_many(texts, dates, docs, threads=threads) == want
    assert [e["doc"] for e in coder.code_many(["Iran condemned Israel."] * 2)] == ["0", "1"]
    assert want[-1]["date"] is None
    with pytest.raises(demarche.DemarcheError, match="dates has 1 items, texts has 2"):
        coder.code_many(["a", "b"], ["2025-01-01"])
    with pytest.raises(demarche.DemarcheError, match="is not a date"):
        coder.code_many(["Iran condemned Israel."], ["soon"])


def test_code_many_keeps_document_order_when_documents_finish_out_of_order(root):
    # Long documents between short ones finish after the short ones that follow them on the
    # thread pool: the records must still come back in document order, in every interface.
    long_text = (root / EXAMPLES[0][0]).read_text(encoding="utf-8")
    texts = [long_text if i % 7 == 0 else "Iran condemned Israel. Russia praised Armenia." for i in range(300)]
    dates = ["2025-01-%02d" % (1 + i % 28) for i in range(300)]
    coder = demarche.Coder()
    want = coder.code_many(texts, dates, threads=1)
    assert len(want) > 600
    for threads in (0, 2, 4):
        assert coder.code_many(texts, dates, threads=threads) == want
        columns = coder.code_columns(texts, dates, threads=threads)
        assert columns["doc"] == [e["doc"] for e in want]
        assert columns["code"] == [e["code"] for e in want]


def test_arrow_and_polars(root):
    pa = pytest.importorskip("pyarrow")
    text = (root / "examples/press-conference.txt").read_text(encoding="utf-8")
    records = demarche.code(text, date="2025-01-22")
    table = demarche.to_arrow(records)
    assert table.num_rows == len(records)
    assert table.schema.field("line").type == pa.int64() and table.schema.field("quad_class").type == pa.int32()
    assert table.schema.field("negated").type == pa.bool_()
    assert table.to_pylist() == records
    batch = demarche.Coder().code_arrow([text], ["2025-01-22"], ["text"])
    assert batch.to_pylist() == records
    empty = demarche.Coder().code_arrow(["Nothing happened.", None])
    assert empty.num_rows == 0 and empty.schema == demarche.to_arrow([]).schema
    assert batch.schema == table.schema, "the native batch has the types of EVENT_COLUMNS"
    assert demarche.to_arrow([]).schema.names == [n for n, _ in demarche.EVENT_COLUMNS]
    pl = pytest.importorskip("polars")
    frame = demarche.to_polars(records)
    assert frame.height == len(records) and frame["code"].to_list() == [r["code"] for r in records]


def test_code_frame_is_vectorised_and_handles_missing_values():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "id": [10, 11, 12, 13],
        "text": ["Russia praised Armenia.", None, "Iran condemned Israel.", "Iran condemned Israel."],
        "date": pd.to_datetime(["2025-01-22", "2025-01-23", None, "2025-01-24"]),
    })
    events = demarche.code_frame(df, "text", "date", id_col="id")
    assert list(events["doc"]) == ["10", "12", "13"]
    dates = lambda frame: [None if pd.isna(d) else d for d in frame["date"]]  # pandas 3 shows missing strings as NaN
    assert dates(events) == ["2025-01-22", None, "2025-01-24"]
    as_text = df.assign(date=["2025-01-22", None, float("nan"), "2025-01-24"])
    assert dates(demarche.code_frame(as_text, "text", "date", id_col="id")) == ["2025-01-22", None, "2025-01-24"]
    empty = demarche.code_frame(pd.DataFrame({"text": ["Nothing happened."]}))
    assert len(empty) == 0 and "code" in empty.columns
