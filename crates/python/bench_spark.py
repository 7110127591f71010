"""Documents/s through Spark local[2] versus the CLI on the same generated corpus.

Usage: SPARK_LOCAL_IP=127.0.0.1 python crates/python/bench_spark.py path/to/demarche [documents]
Prints figures; the event counts of both runs must agree.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
from pyspark.sql import SparkSession  # noqa: E402

from demarche.spark import code_dataframe  # noqa: E402

cli = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
states = ["Russia", "Armenia", "Iran", "Turkey", "France", "Germany", "China", "Japan"]
verbs = ["praised", "criticized", "accused", "urged", "thanked"]
docs = []
for i in range(n):
    a, b = states[i % len(states)], states[(i * 3 + 1) % len(states)]
    if a == b:
        b = "Georgia"
    docs.append({"id": f"d{i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 "text": f"{a} {verbs[i % 5]} {b} yesterday. The talks were long. {b} {verbs[(i + 2) % 5]} {a}."})
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    for d in docs:
        f.write(json.dumps(d) + "\n")
    path = f.name

t = time.perf_counter()
out = subprocess.run([cli, "code", path, "--threads", "2"], capture_output=True, text=True, check=True)
cli_s = time.perf_counter() - t
cli_events = sum(1 for line in out.stdout.splitlines() if line.strip())

spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
         .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
df = spark.createDataFrame([(d["id"], d["text"], d["date"]) for d in docs], "id string, text string, date string").repartition(8).cache()
df.count()
t = time.perf_counter()
spark_events = code_dataframe(df, "text", "date", "id").count()
spark_s = time.perf_counter() - t
small = spark.createDataFrame([("x", "Russia praised Armenia.", "2024-01-01")] * 8, "id string, text string, date string").repartition(8)
code_dataframe(small, "text", "date", "id").count()
t = time.perf_counter()
code_dataframe(small, "text", "date", "id").count()
per_partition_ms = (time.perf_counter() - t) * 1000 / 8
spark.stop()
print(f"CLI (2 threads):      {n / cli_s:,.0f} documents/s, {cli_events} events")
print(f"Spark local[2]:       {n / spark_s:,.0f} documents/s, {spark_events} events")
print(f"overhead a partition: {per_partition_ms:.1f} ms (8 one-document partitions, warm executors)")
if cli_events != spark_events:
    sys.exit(f"event counts differ: CLI {cli_events}, Spark {spark_events}")
