"""Runs the 22 TPC-H queries through the PySpark Spark Connect client and checks each answer
against the expected CSV (numbers within 0.01, or 1e-9 relative for large sums; row order
only where the query has a top-level ORDER BY).

    tpch_pyspark.py sc://127.0.0.1:50051 MATERIAL [DATA] [sf0.1]

MATERIAL is shared/benchmarks/tpch (queries/, expected/); DATA is the folder of the table
folders as the server sees it (default MATERIAL/data/<sf>).

Start the server in the mode to test first, e.g.
`SAIL_MODE=local-cluster sail spark server --worker-initial-count 2 --worker-max-count 2`,
or `sailctl up --workers 2`. Exits 1 when some answer differs.
"""
import csv
import math
import os
import re
import sys
import time

from pyspark.sql import SparkSession

TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def same(want, got):
    if want == got or (want.lower() == "null" and got.lower() == "null"):
        return True
    try:
        w, g = float(want), float(got)
    except ValueError:
        return False
    return abs(w - g) <= 0.01 or abs(w - g) <= 1e-9 * max(abs(w), abs(g))


def render(v):
    if v is None:
        return "NULL"
    if isinstance(v, float):
        return repr(v)
    return str(v)


def main():
    url, material = sys.argv[1], sys.argv[2]
    sf = sys.argv[4] if len(sys.argv) > 4 else "sf0.1"
    data = sys.argv[3] if len(sys.argv) > 3 else os.path.join(material, "data", sf)
    spark = SparkSession.builder.remote(url).getOrCreate()
    for t in TABLES:
        spark.read.parquet(os.path.join(data, t)).createOrReplaceTempView(t)
    failed, total = [], 0.0
    for n in range(1, 23):
        q = "q%d" % n
        with open(os.path.join(material, "queries", q + ".sql")) as f:
            sql = f.read().strip().rstrip(";")
        with open(os.path.join(material, "expected", sf, q + ".csv")) as f:
            want = list(csv.reader(f))[1:]
        start = time.time()
        rows = spark.sql(sql).collect()
        took = time.time() - start
        total += took
        got = [[render(v) for v in r] for r in rows]
        ordered = re.search(r"order\s+by", sql.split(")")[-1], re.I) is not None
        if not ordered:
            got, want = sorted(got), sorted(want)
        ok = len(got) == len(want) and all(
            len(g) == len(w) and all(same(a, b) for a, b in zip(w, g)) for w, g in zip(want, got))
        print("%-4s %-5s %6.3f s  %d rows" % (q, "ok" if ok else "WRONG", took, len(got)), flush=True)
        if not ok:
            failed.append(q)
    print("%d of 22 right, %.3f s in total" % (22 - len(failed), total))
    spark.stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
