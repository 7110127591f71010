#!/usr/bin/env python3
"""PETRARCH conformance: `demarche validate` on the PETRARCH validation records in tree and text
mode (regression guards one record under the shipped figures: tree 174/187 and text 174/187, so
tree >= 92.5 % and text >= 92.5 %; issue 15 asks tree >= 95 %, text >= 93 %), and the side-by-side run on the
Gigaword sample with the production dictionaries (agreement with PETRARCH2's own output is
reported, not required: the reference errs too).

Usage: check_petrarch.py DEMARCHE_BIN SHARED_DIR
"""
import collections
import subprocess
import sys

THRESHOLDS = {"tree": 0.925, "text": 0.925}


def main() -> int:
    binary, shared = sys.argv[1], sys.argv[2]
    records = f"{shared}/petrarch/records.dev.xml"
    dictionaries = f"{shared}/petrarch/dictionaries"
    ok = True
    for mode, threshold in THRESHOLDS.items():
        run = subprocess.run([binary, "validate", records, "--dictionaries", dictionaries, "--mode", mode],
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(run.stderr, file=sys.stderr)
            print(f"FAIL: validate --mode {mode} exited {run.returncode}")
            return 1
        lines = run.stdout.strip().splitlines()
        for line in lines[:-1]:
            print(f"  {line}")
        summary = lines[-1]
        print(summary)
        passed = int(summary.split()[0])
        failed = int(summary.split(",")[1].split()[0])
        rate = passed / (passed + failed)
        verdict = "ok" if rate >= threshold else "BELOW THRESHOLD"
        print(f"{mode} mode: {passed}/{passed + failed} = {rate:.1%} (threshold {threshold:.0%}) {verdict}")
        ok &= rate >= threshold

    sample = f"{shared}/petrarch/gigaword.sample.xml"
    run = subprocess.run([binary, "code", sample, "--dictionaries", dictionaries, "--format", "petrarch"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        print(f"FAIL: code --dictionaries on the Gigaword sample exited {run.returncode}")
        return 1

    def triples(text):
        out = collections.Counter()
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            c = line.split("\t")
            out[(c[5], c[1], c[2], c[3])] += 1
        return out

    ours = triples(run.stdout)
    with open(f"{shared}/petrarch/gigaword.petrarch2-events.tsv", encoding="utf-8") as f:
        reference = triples(f.read())
    both = sum((ours & reference).values())
    print(f"Gigaword sample, production dictionaries, tree mode: demarche {sum(ours.values())} events, "
          f"PETRARCH2 {sum(reference.values())}, identical (id, source, target, code) {both}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
