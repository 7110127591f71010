#!/usr/bin/env python3
"""Regenerate data/cameo/events.tsv from the shared CAMEO reference table.

Usage: python3 tools/gen_cameo_table.py ../shared/reference/cameo_events.tsv > data/cameo/events.tsv

Only facts are carried over: code, name, GDELT Goldstein value, GDELT quad class, PLOVER mapping.
"""
import sys

src = sys.argv[1]
print("# CAMEO event codes as facts for demarche. One code a line, tab-separated.")
print("# Columns: code, name (CAMEO 1.1b3 manual, ch.6), goldstein (GDELT lookup CAMEO.goldsteinscale.txt),")
print("#   quad_class (GDELT: roots 01-05=1, 06-09=2, 10-14=3, 15-20=4), plover_event, plover_mode, plover_context")
print("#   (openeventdata/PLOVER CAMEO2PLOVER-2021.txt; empty = dropped in PLOVER), source.")
print("# Regenerate with tools/gen_cameo_table.py; edit by hand only to correct a fact, and say where it came from.")
print("code\tname\tgoldstein\tquad_class\tplover_event\tplover_mode\tplover_context\tsource")
header = None
golds = {}
for line in open(src, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#") or not line.strip():
        continue
    cols = line.split("\t")
    if header is None:
        header = cols
        continue
    row = dict(zip(header, cols))
    code = row["code"]
    root = int(row["root"])
    quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
    gold = row["goldstein_gdelt"] or row["goldstein_parus07"]
    if not gold:
        parent = code[:-1]
        while parent and parent not in golds:
            parent = parent[:-1]
        gold = golds.get(parent, "0.0")
    golds[code] = gold
    pe = row["plover_event"]
    if pe.startswith("("):
        pe = ""
    src_note = "CAMEO 1.1b3; GDELT goldstein"
    if not row["goldstein_gdelt"]:
        src_note = "CAMEO 1.1b3 (extension); Parus goldstein" if row["goldstein_parus07"] else "CAMEO 1.1b3 (extension); goldstein of parent"
    print("\t".join([code, row["name_cameo"], gold, str(quad), pe, row["plover_mode"], row["plover_context"], src_note]))
