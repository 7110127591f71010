"""Documents/s of Coder.code_many against per-document calls, on a generated corpus whose event
counts must agree.

Usage: python crates/python/bench_many.py [documents]   (default 20000)

"per-document, JSON" is the former interface (one call a document, records as JSON text read
with json.loads); "per-document" is Coder.code (dicts built natively); "code_many" codes the whole
list in one call, in parallel with the GIL released; "code_arrow" gives one Arrow record batch.
"""

import json
import os
import sys
import time

import demarche

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
states = ["Russia", "Armenia", "Iran", "Turkey", "France", "Germany", "China", "Japan"]
verbs = ["praised", "criticized", "accused", "urged", "thanked"]
texts, dates = [], []
for i in range(n):
    a, b = states[i % len(states)], states[(i * 3 + 1) % len(states)]
    if a == b:
        b = "Georgia"
    texts.append(f"{a} {verbs[i % 5]} {b} yesterday. The talks were long. {b} {verbs[(i + 2) % 5]} {a}.")
    dates.append(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
coder = demarche.Coder()
coder.code(texts[0], dates[0])  # warm up


def timed(label, f):
    t, cpu = time.perf_counter(), time.process_time()
    events = len(f())
    s, cpu = time.perf_counter() - t, time.process_time() - cpu
    # CPU seconds count the work of every thread: on a machine shared with other jobs the wall
    # clock hides a parallel speed-up, the CPU time does not.
    print(f"{label:<22} {n / s:>9,.0f} documents/s  ({s:.2f} s wall, {cpu:.2f} s CPU, {events} events)")
    return n / s, events


def per_document_json():
    out = []
    for i, (t, d) in enumerate(zip(texts, dates)):
        out.extend(json.loads(coder._native.code_json(t, d, str(i), None)))
    return out


def per_document():
    out = []
    for i, (t, d) in enumerate(zip(texts, dates)):
        out.extend(coder.code(t, d, str(i)))
    return out


print(f"{n} documents, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
base, want = timed("per-document, JSON", per_document_json)
per_doc, _ = timed("per-document", per_document)
timed("code_many (1 thread)", lambda: coder.code_many(texts, dates, threads=1))
rate, got = timed(f"code_many ({os.cpu_count()} cores)", lambda: coder.code_many(texts, dates))
timed("code_arrow", lambda: range(coder.code_arrow(texts, dates).num_rows))
print(f"code_many / per-document JSON calls: {rate / base:.1f}x; / per-document calls: {rate / per_doc:.1f}x")
if got != want:
    sys.exit(f"event counts differ: {want} vs {got}")
