#!/usr/bin/env python3
"""Score event locations against tests/gold/places.tsv.

Usage: python3 tools/score_places.py [path/to/demarche]   (default: target/release/demarche)

For each gold row (doc, line, event_id, place, place_country), the produced events of that line
whose source and target countries fit the gold event (events/<doc>_gold.tsv: src, tgt, sym) are
the candidates; the row counts as found when there is one, and is right when the first has the
gold place (place) or the gold country (place_country). Printed per split: rows, found, and the
shares of found rows with the right place and the right country.

The coder finds only some gold events, so the geoparser is also scored alone (`demarche places`):
for every gold row, the location a sentence starting on that line would give its events.
"""
import csv
import json
import os
import subprocess
import sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "tests", "gold")
exe = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "target", "release", "demarche")


def tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#") and l.strip()]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


docs = {r[0]: r for r in tsv(os.path.join(root, "docs.tsv")) if r[0] != "stem"}
gold = [r for r in tsv(os.path.join(root, "places.tsv")) if r[0] != "doc"]


def fits(code, alts):
    return alts == "*" or any(a == "*" or code == a or (a == "IGO" and code.startswith("IGO")) for a in alts.split("|"))


by_split = defaultdict(lambda: [0, 0, 0, 0])
alone = defaultdict(lambda: [0, 0, 0])
misses = []
for stem in sorted({r[0] for r in gold}):
    d = list(docs[stem])
    if len(d[3]) == 4:  # UN General Debate speeches: the year only; the debate opens in September
        d[3] += "-09-15"
    path = os.path.join(root, "corpus", d[1])
    out = subprocess.run([exe, "code", path, "--date", d[3]], capture_output=True, text=True).stdout
    events = [json.loads(l) for l in out.splitlines() if l.strip()]
    ev_gold = {r[0]: r for r in tsv(os.path.join(root, "events", f"{stem}_gold.tsv"))}
    out = subprocess.run([exe, "places", path, "--date", d[3]], capture_output=True, text=True).stdout
    located = defaultdict(list)
    for l in out.splitlines():
        if l.strip():
            p = json.loads(l)
            located[p["line"]].append(p)
    for g in (r for r in gold if r[0] == stem):
        a = alone[d[5]]
        a[0] += 1
        got = located.get(int(g[1]), [])
        a[1] += any((p["place"] or "").lower() == g[3].lower() for p in got)
        a[2] += any(p["place_country"] == g[4] for p in got)
        if not any((p["place"] or "").lower() == g[3].lower() for p in got):
            misses.append(f"alone {d[5]} {stem[:50]}:{g[1]} {g[2]} gold {g[3]}/{g[4]} got {[(p['place'], p['place_country'], p['geo_source']) for p in got]}")
    for g in (r for r in gold if r[0] == stem):
        _, line, eid, place, country = g[:5]
        ge = ev_gold[eid]
        src, tgt, sym = ge[3], ge[4], ge[5] == "1"
        cands = [
            e for e in events
            if e["line"] == int(line)
            and ((fits(e["source_country"], src) and fits(e["target_country"] or "-", tgt))
                 or (sym and fits(e["target_country"] or "-", src) and fits(e["source_country"], tgt)))
        ]
        s = by_split[d[5]]
        s[0] += 1
        if not cands:
            continue
        s[1] += 1
        e = cands[0]
        ok_place = (e.get("place") or "").lower() == place.lower()
        ok_country = e.get("place_country") == country
        s[2] += ok_place
        s[3] += ok_country
        if not (ok_place and ok_country):
            misses.append(f"{d[5]} {stem[:50]}:{line} {eid} gold {place}/{country} got {e.get('place')}/{e.get('place_country')} ({e.get('geo_source')})")
for m in misses:
    print("miss:", m)
for split in ("tune", "test"):
    n, p, c = alone[split]
    if n:
        print(f"{split} (geoparser alone): {n} gold events with a place; right place {p}/{n} = {p / n:.1%}, right country {c}/{n} = {c / n:.1%}")
for split in ("tune", "test"):
    n, found, p, c = by_split[split]
    if found:
        print(f"{split}: {n} gold events with a place, {found} coded; right place {p}/{found} = {p / found:.1%}, right country {c}/{found} = {c / found:.1%}")
