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


def test_user_dictionaries(tmp_path):
    (tmp_path / "mine.tsv").write_text("phrase\tcode\tfrom\tto\tsource\nthe Blue Palace\tRUTGOV\t\t\ttest entry\n", encoding="utf-8")
    events = demarche.code("The Blue Palace praised Armenia.", date="2025-01-22", dictionaries=str(tmp_path))
    assert [(e["source"], e["target"]) for e in events] == [("RUTGOV", "ARM")]
    (tmp_path / "bad.tsv").write_text("phrase\tcode\tfrom\tto\tsource\nthe Palace\tnot a code\t\t\tx\n", encoding="utf-8")
    with pytest.raises(demarche.DemarcheError, match=r"bad.tsv:2: expected an upper-case CAMEO code"):
        demarche.Coder(str(tmp_path))


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
