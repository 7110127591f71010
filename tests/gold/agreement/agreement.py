#!/usr/bin/env python3
"""Inter-annotator agreement on the shared sample (agreement/<annotator>/<stem>_gold.tsv).

For each ordered pair of annotators (A, B) and each document: the share of A's must rows that some
row of B (must or optional) matches (and, stricter, some must row of B matches) — same line, a root in common, and country sets that overlap
for source and target (either direction when either row is symmetric). Prints the matrix and the
mean over pairs.
"""
import itertools, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def rows(path):
    out = []
    for ln in open(path, encoding="utf-8"):
        if ln.startswith("#") or not ln.strip():
            continue
        f = (ln.rstrip("\n").split("\t") + [""] * 10)[:10]
        out.append(f)
    return out

def overlap(a, b):
    if a == "*" or b == "*":
        return True
    return bool(set(a.split("|")) & set(b.split("|")))

def agree(r, s):
    if r[1] != s[1] or not set(r[6].split("|")) & set(s[6].split("|")):
        return False
    if overlap(r[3], s[3]) and overlap(r[4], s[4]):
        return True
    return (r[5] == "1" or s[5] == "1") and overlap(r[3], s[4]) and overlap(r[4], s[3])

annotators = sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)))
docs = sorted({f for a in annotators for f in os.listdir(os.path.join(HERE, a))})
total = []
for doc in docs:
    print(doc)
    for a, b in itertools.permutations(annotators, 2):
        pa, pb = os.path.join(HERE, a, doc), os.path.join(HERE, b, doc)
        if not (os.path.exists(pa) and os.path.exists(pb)):
            continue
        ra, rb = rows(pa), rows(pb)
        must = [r for r in ra if r[2] == "1"]
        hit = sum(any(agree(r, s) for s in rb) for r in must)
        strict = sum(any(agree(r, s) for s in rb if s[2] == "1") for r in must)
        total.append((hit / len(must) if must else 1.0, strict / len(must) if must else 1.0))
        print("  %s's must rows matched by %s: %d/%d (by a must row: %d)" % (a, b, hit, len(must), strict))
print("mean agreement over pairs and documents: %.1f%% (must matched by must: %.1f%%)" % (
    100 * sum(t[0] for t in total) / len(total), 100 * sum(t[1] for t in total) / len(total)))
