#!/usr/bin/env python3
"""Score demarche on the project's own gold (tests/gold/) with the shared scorers.

usage: check_gold.py DEMARCHE_BIN SHARED_DIR [--split tune|test|all] [--kind KIND] [--verbose]
                     [--min-recall R] [--min-precision P] [--min-sections S] [--json OUT]

For every document of tests/gold/docs.tsv (in the chosen split) it runs
`demarche code FILE --date DATE --format jsonl` (events gold) and `demarche segment FILE
--format jsonl` (sections gold), scores each with `SHARED_DIR/eval/score_events.py`, and prints
per-document and per-kind figures and the totals per split:

  recall     = must-events found / must-events
  precision  = events matching a gold row (must or optional) / events produced
  sections   = lines whose section (and speaker) is right / gold lines (`segment` writes a
               `"kind": "line"` row for each line that only continues a sentence)
  actors     = gold entities (tests/gold/actors.tsv) recognised with the right country and role,
               from `demarche actors FILE --date DATE --format jsonl`, by SHARED_DIR/eval/score_actors.py

The document's date is passed with --date, as a user would; nothing else (no author flags), so
the figures say what the coder reads from the text itself (`--author` adds the author state of
docs.tsv as `--author-country`, for comparison). Exit 1 when a --min-* floor is not met
on the `test` split (or on the chosen split when --split is given).
"""
import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "gold")


def load_scorer(shared):
    path = os.path.join(shared, "eval", "score_events.py")
    spec = importlib.util.spec_from_file_location("score_events", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def docs():
    out = []
    for ln in open(os.path.join(GOLD, "docs.tsv"), encoding="utf-8"):
        if ln.startswith("#") or ln.startswith("stem\t") or not ln.strip():
            continue
        stem, file, kind, date, author, split, gold = ln.rstrip("\n").split("\t")
        if len(date) == 4:
            # UN General Debate speeches are dated to the year: the debate opens in the second
            # half of September, so the session's date is taken as the 20th.
            date += "-09-20"
        out.append(dict(stem=stem, file=os.path.join(GOLD, "corpus", file), kind=kind, date=date,
                        author=author, split=split, gold=gold.split("|")))
    return out


def run(bin_, args):
    r = subprocess.run([bin_] + args, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit("demarche %s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr[-2000:]))
    return r.stdout


def quiet(fn, *a):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        res = fn(*a)
    return res, buf.getvalue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("shared")
    ap.add_argument("--split", default=None, choices=["tune", "test", "all"])
    ap.add_argument("--kind", default=None)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--author", action="store_true",
                    help="also pass --author-country from docs.tsv (what the coder does when told who speaks)")
    ap.add_argument("--min-recall", type=float, default=None)
    ap.add_argument("--min-precision", type=float, default=None)
    ap.add_argument("--min-sections", type=float, default=None)
    ap.add_argument("--min-actors", type=float, default=None)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    scorer = load_scorer(a.shared)
    tmp = tempfile.mkdtemp()
    totals = {}
    per_kind = {}
    actors_gold = os.path.join(GOLD, "actors.tsv")
    actor_docs = set()
    if os.path.exists(actors_gold):
        actor_docs = {ln.split("\t", 1)[0] for ln in open(actors_gold, encoding="utf-8") if ln.strip() and not ln.startswith("#")}
    rows = []
    for d in docs():
        if a.split not in (None, "all") and d["split"] != a.split:
            continue
        if a.kind and d["kind"] != a.kind:
            continue
        t = totals.setdefault(d["split"], dict(must=0, found=0, fp=0, events=0, lines=0, right=0, docs=0, actor_args=[]))
        k = per_kind.setdefault((d["split"], d["kind"]), dict(must=0, found=0, fp=0, events=0, lines=0, right=0))
        t["docs"] += 1
        gold_ev = os.path.join(GOLD, "events", d["stem"] + "_gold.tsv")
        if "events" in d["gold"] and os.path.exists(gold_ev):
            out = os.path.join(tmp, d["stem"] + ".events.jsonl")
            with open(out, "w", encoding="utf-8") as f:
                extra = ["--author-country", d["author"]] if a.author and d["author"] else []
                f.write(run(a.bin, ["code", d["file"], "--date", d["date"], "--format", "jsonl"] + extra))
            (found, must, fp, n, _, _), detail = quiet(scorer.events, gold_ev, out)
            for x in (t, k):
                x["must"] += must
                x["found"] += found
                x["fp"] += fp
                x["events"] += n
            rows.append((d["split"], d["kind"], d["stem"], "events", "%d/%d must, %d fp of %d" % (found, must, fp, n)))
            if a.verbose:
                print("## %s (%s, %s)\n%s" % (d["stem"], d["kind"], d["split"], detail))
        if d["stem"] in actor_docs:
            out = os.path.join(tmp, d["stem"] + ".actors.jsonl")
            with open(out, "w", encoding="utf-8") as f:
                f.write(run(a.bin, ["actors", d["file"], "--date", d["date"], "--format", "jsonl"]))
            t["actor_args"] += [d["stem"], out]
        gold_sec = os.path.join(GOLD, "sections", d["stem"] + "_sections.tsv")
        if "sections" in d["gold"] and os.path.exists(gold_sec):
            out = os.path.join(tmp, d["stem"] + ".segments.jsonl")
            with open(out, "w", encoding="utf-8") as f:
                f.write(run(a.bin, ["segment", d["file"], "--format", "jsonl"]))
            (right, lines), detail = quiet(scorer.sections, gold_sec, out)
            for x in (t, k):
                x["lines"] += lines
                x["right"] += right
            rows.append((d["split"], d["kind"], d["stem"], "sections", "%d/%d lines" % (right, lines)))
            if a.verbose:
                print("## %s sections\n%s" % (d["stem"], detail))

    def pct(a_, b):
        return 100.0 * a_ / b if b else float("nan")

    for r in sorted(rows):
        print("%-5s %-22s %-9s %s  %s" % (r[0], r[1], r[3], r[4], r[2][:70]))
    print()
    for (split, kind), k in sorted(per_kind.items()):
        print("%-5s %-22s recall %5.1f%% (%d/%d)  precision %5.1f%% (%d fp of %d)  sections %5.1f%% (%d/%d)" % (
            split, kind, pct(k["found"], k["must"]), k["found"], k["must"],
            pct(k["events"] - k["fp"], k["events"]), k["fp"], k["events"],
            pct(k["right"], k["lines"]), k["right"], k["lines"]))
    print()
    summary = {}
    for split, t in sorted(totals.items()):
        args = t.pop("actor_args")
        t["entities"] = t["recognised"] = 0
        if args:
            r = subprocess.run([sys.executable, os.path.join(a.shared, "eval", "score_actors.py"), actors_gold] + args,
                               capture_output=True, text=True)
            last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
            if a.verbose:
                print(r.stdout)
            m = re.search(r"(\d+)/(\d+) entities", last)
            if m:
                t["recognised"], t["entities"] = int(m.group(1)), int(m.group(2))
        s = dict(recall=pct(t["found"], t["must"]), precision=pct(t["events"] - t["fp"], t["events"]),
                 sections=pct(t["right"], t["lines"]), actors=pct(t["recognised"], t["entities"]), **t)
        summary[split] = s
        print("%s: %d documents; recall %.1f%% (%d/%d must-events); precision %.1f%% (%d false positives of %d events); sections %.1f%% (%d/%d lines); actors %.1f%% (%d/%d entities)" % (
            split, t["docs"], s["recall"], t["found"], t["must"], s["precision"], t["fp"], t["events"],
            s["sections"], t["right"], t["lines"], s["actors"], t["recognised"], t["entities"]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=1)
    judged = summary.get(a.split if a.split not in (None, "all") else "test")
    failed = []
    if judged:
        for name, floor in (("recall", a.min_recall), ("precision", a.min_precision), ("sections", a.min_sections),
                            ("actors", a.min_actors)):
            if floor is not None and not (judged[name] >= floor):
                failed.append("%s %.1f%% < %.1f%%" % (name, judged[name], floor))
    if failed:
        print("gold floors not met: " + "; ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
