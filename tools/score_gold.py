#!/usr/bin/env python3
"""Score demarche on the project's gold (tests/gold), per split.

usage: tools/score_gold.py [--bin PATH] [--split tune|test|all] [--author] [--verbose]

Runs `demarche segment FILE --format jsonl` on every document with section gold and
`demarche code FILE [--date D] --format jsonl` on every document with event gold (the date
only when docs.tsv gives a full YYYY-MM-DD; with --author also `--author-country` from docs.tsv),
and scores them with ../shared/eval/score_events.py when it exists, else with the copy of its
logic below. Prints one line per document and the totals of each split.
"""
import argparse, json, os, subprocess, sys, tempfile, io, contextlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "tests", "gold")
SCORER_DIR = os.path.join(ROOT, "..", "shared", "eval")


def load_scorer():
    sys.path.insert(0, SCORER_DIR)
    import score_events  # noqa: E402
    return score_events


def docs():
    out = []
    with open(os.path.join(GOLD, "docs.tsv"), encoding="utf-8") as f:
        header = None
        for ln in f:
            if ln.startswith("#") or not ln.strip():
                continue
            cols = ln.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            out.append(dict(zip(header, cols)))
    return out


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "demarche"))
    ap.add_argument("--split", default="all")
    ap.add_argument("--author", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", default="", help="sections|events")
    a = ap.parse_args()
    se = load_scorer()
    totals = {}
    for d in docs():
        if a.split != "all" and d["split"] != a.split:
            continue
        path = os.path.join(GOLD, "corpus", d["file"])
        kinds = d["gold"].split("|")
        t = totals.setdefault(d["split"], {"sec": [0, 0], "ev": [0, 0, 0, 0]})
        if "sections" in kinds and a.only in ("", "sections"):
            gold = os.path.join(GOLD, "sections", d["stem"] + "_sections.tsv")
            if os.path.exists(gold):
                cmd = [a.bin, "segment", path, "--format", "jsonl"]
                if a.author and d["author"]:
                    cmd += ["--author-country", d["author"]]
                with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
                    tmp.write(run(cmd))
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    right, n = se.sections(gold, tmp.name)
                os.unlink(tmp.name)
                if a.verbose:
                    print(buf.getvalue(), end="")
                t["sec"][0] += right
                t["sec"][1] += n
                print("%-5s sections %4d/%-4d %s" % (d["split"], right, n, d["stem"][:90]))
        if "events" in kinds and a.only in ("", "events"):
            gold = os.path.join(GOLD, "events", d["stem"] + "_gold.tsv")
            if os.path.exists(gold):
                cmd = [a.bin, "code", path, "--format", "jsonl"]
                if len(d["date"]) == 10:
                    cmd += ["--date", d["date"]]
                if a.author and d["author"]:
                    cmd += ["--author-country", d["author"]]
                with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
                    tmp.write(run(cmd))
                buf = io.StringIO()
                with contextlib.redirect_stdout(buf):
                    rec, must, fps, n, _, _ = se.events(gold, tmp.name)
                os.unlink(tmp.name)
                if a.verbose:
                    print(buf.getvalue(), end="")
                for i, v in enumerate((rec, must, fps, n)):
                    t["ev"][i] += v
                print("%-5s events   %3d/%-3d fp %3d/%-3d %s" % (d["split"], rec, must, fps, n, d["stem"][:80]))
    for split, t in sorted(totals.items()):
        sr, sn = t["sec"]
        rec, must, fps, n = t["ev"]
        print("%s: sections %d/%d = %.1f%%; events recall %d/%d = %.1f%%, precision %d/%d = %.1f%%" % (
            split, sr, sn, 100.0 * sr / max(sn, 1), rec, must, 100.0 * rec / max(must, 1), n - fps, n,
            100.0 * (n - fps) / max(n, 1)))


if __name__ == "__main__":
    main()
