#!/usr/bin/env python3
"""A generated JSON Lines corpus for the store benchmarks (docs/scale.md): N press-conference
documents over six years, 17 sentences each (a headline, questions, answers, narrative), about
8 events each, between 20 countries (380 dyads). Deterministic for a seed.

    python3 tools/gen_store_corpus.py N SEED > corpus.jsonl
"""
import json
import random
import sys

COUNTRIES = ["Russia", "Armenia", "Azerbaijan", "Iran", "Israel", "France", "Germany", "China", "Japan", "India",
             "Turkey", "Ukraine", "Poland", "Italy", "Spain", "Brazil", "Egypt", "Kazakhstan", "Georgia", "Canada"]
VERBS = ["praised", "criticized", "condemned", "thanked", "accused", "urged", "visited", "welcomed", "rejected", "supported"]
FILLER = ["The talks lasted three hours.", "Journalists waited outside the building.", "The weather was mild.",
          "Details were not disclosed.", "The meeting ended in the evening."]


def document(rng, i):
    a, b = rng.sample(COUNTRIES, 2)
    lines = [f"{a} and {b} hold talks", ""]
    for _ in range(4):
        x, y = rng.sample(COUNTRIES, 2)
        lines.append(f"Question: Did {x} {rng.choice(['criticize', 'praise', 'thank'])} {y}?")
        lines.append(f"Minister: {x} {rng.choice(VERBS)} {y} yesterday. {rng.choice(FILLER)}")
    for _ in range(4):
        x, y = rng.sample(COUNTRIES, 2)
        lines.append(f"{x} {rng.choice(VERBS)} {y} on Monday. {rng.choice(FILLER)}")
    day = i % (6 * 365)
    year, doy = 2019 + day // 365, day % 365
    month, dom = 1 + doy // 31 % 12, 1 + doy % 28
    return {"id": f"doc-{i}", "date": f"{year}-{month:02d}-{dom:02d}", "source": "generated", "text": "\n".join(lines) + "\n"}


def main():
    n, seed = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 42
    rng = random.Random(seed)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(document(rng, i)) + "\n")


if __name__ == "__main__":
    main()
