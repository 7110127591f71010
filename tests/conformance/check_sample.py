#!/usr/bin/env python3
"""Conformance checks against ../shared (run by .ci/run when ../shared exists).

Checks what the issues' "done when" lists require of the sample document and the training
sentences, using the release binary. Exits non-zero with a list of failures.

Usage: python3 tests/conformance/check_sample.py path/to/demarche path/to/shared
"""
import json
import subprocess
import sys

demarche, shared = sys.argv[1], sys.argv[2]
sample = f"{shared}/samples/lavrov-mirzoyan-2025.txt"
failures = []
passed = 0


def run(*args):
    out = subprocess.run([demarche, *args], capture_output=True, text=True, check=True)
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def check(ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(what)


# --- segmentation (issue 2)
seg = run("segment", sample, "--date", "2025-01-22")
by_line = {}
for s in seg:
    by_line.setdefault(s["line"], set()).add((s["section"], s["speaker"]))
lines = open(sample, encoding="utf-8").read().split("\n")
expect = {1: "headline", 2: "narrative", 3: "statement", 4: "statement", 28: "question", 29: "answer", 43: "narrative",
          44: "boilerplate", 47: "boilerplate", 48: "boilerplate", 49: "comment"}
for line, section in expect.items():
    check({sec for sec, _ in by_line.get(line, set())} == {section}, f"segment: line {line} should be {section}, got {by_line.get(line)}")
for line in range(3, 28):
    check(by_line.get(line) == {("statement", "Sergey Lavrov")}, f"segment: line {line} should be Lavrov's statement, got {by_line.get(line)}")
for line in (29, 30, 31, 32, 34, 35, 36, 37, 39, 40, 41):
    check(by_line.get(line) == {("answer", "Sergey Lavrov")}, f"segment: line {line} should be Lavrov's answer, got {by_line.get(line)}")
check(("answer", "Sergey Lavrov") in by_line.get(42, set()) and ("narrative", None) in by_line.get(42, set()),
      "segment: line 42 is Lavrov's answer up to the [My Emphasis] marker, then the blogger's")
covered = {s["line"] for s in seg}
check(all(i + 1 in covered for i, l in enumerate(lines) if l.strip()), "segment: every non-blank line has a sentence")

# --- actors (issue 3)
actors = run("actors", sample, "--date", "2025-01-22")
codes = {}
for m in actors:
    codes.setdefault(m["text"], set()).add(m["code"])


def has(text_part, code):
    return any(text_part in t and code in c for t, c in codes.items())


for name, code in [("Lavrov", "RUSGOV"), ("Mirzoyan", "ARMGOV"), ("Pashinyan", "ARMGOV"), ("Putin", "RUSGOV"),
                   ("Trump", "USAGOV"), ("Rubio", "USAGOV"), ("Matviyenko", "RUSLEG"), ("Aliyev", "AZEGOV"),
                   ("Yerevan", "ARMGOV"), ("Baku", "AZEGOV"), ("Moscow", "RUSGOV"), ("Washington", "USAGOV")]:
    check(has(name, code), f"actors: {name} should be {code}")
for city in ("Yerevan", "Baku", "Moscow", "Washington"):
    check(any(m["text"] == city and m["kind"] == "capital" and m["resolved_from"] for m in actors), f"actors: {city} as a metonym")
check(any(m["text"].lower() == "we" and m["line"] == 5 and m["code"] == "RUSGOV" for m in actors), "actors: the opening statement's 'we' resolved")

# --- events (issue 4)
events = run("code", sample, "--date", "2025-01-22")


def ev(line=None, root=None, code=None, src=None, tgt=None, section=None, date=None):
    for e in events:
        if line is not None and e["line"] != line: continue
        if root is not None and e["root"] != root: continue
        if code is not None and e["code"] != code: continue
        if src is not None and e["source_country"] != src: continue
        if tgt is not None and e["target_country"] != tgt: continue
        if section is not None and e["section"] != section: continue
        if date is not None and e["date"] != date: continue
        return True
    return False


check(ev(line=2, root="04", src="RUS", tgt="ARM", section="narrative", date="2025-01-21"), "code: the talks in Moscow on 21 January")
check(ev(line=8, root="04", src="RUS", tgt="ARM", section="statement"), "code: the leaders' meetings")
check(ev(line=8, root="04", src="RUS", tgt="ARM", date="2025-01-17") and ev(line=8, root="04", src="ARM", tgt="RUS", date="2025-01-17"), "code: the 17 January phone call")
check(ev(line=10, root="03", src="RUS", tgt="ARM", section="statement"), "code: Russia's commitment to its agreements with Armenia")
check(ev(line=14, root="03", tgt="ARM") and ev(line=15, code="036", src="RUS", tgt="ARM"), "code: the planned visits")
check(ev(line=21, code="036", src="RUS", tgt="ARM"), "code: the invitation to the May celebrations")
check(ev(line=20, root="05", src="RUS", tgt="ARM"), "code: praise for Armenia's EAEU chairmanship")
check(ev(line=18, root="05", src="RUS", tgt="ARM"), "code: praise for the Armenian leadership's attitude")
check(ev(line=22, code="057", src="RUS", tgt="ARM", date="2024-12-01"), "code: the signing of agreements in December 2024")
check(ev(line=25, root="03", src="RUS", tgt="ARM") and ev(line=25, root="03", src="RUS", tgt="AZE"), "code: readiness to help Yerevan and Baku")
check(ev(line=36, root="03", src="RUS", tgt="ARM", section="answer"), "code: the agreement to keep talking frankly")
check(ev(line=42, code="036", src="USA", tgt="RUS", section="answer"), "code: Trump's intention to contact the Russian president")
check(not any(e["section"] in ("boilerplate", "comment") for e in events), "code: nothing from the plea or the comments")
check(all(e["section"] == "narrative" for e in events if e["line"] == 43), "code: the blogger's claims are narrative")

# --- eval (issue 4)
out = subprocess.run([demarche, "eval", "quad", f"{shared}/train/cameo_class_train.tsv", "--json"], capture_output=True, text=True, check=True)
result = json.loads(out.stdout)
print(f"eval quad: accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f} on {result['sentences']} sentences")
check(result["macro_f1"] >= 0.75, f"eval: macro-F1 {result['macro_f1']:.3f} below 0.75")

for f in failures:
    print("FAIL:", f)
print(f"conformance: {passed} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
