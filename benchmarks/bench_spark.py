"""Spark job throughput: local[1] against local[2], side by side, on one synthetic corpus.

Each run happens in a fresh child process with its own JVM, so no run warms another's caches:

    spark local[1]       storyline spark run over the corpus on one core (the baseline)
    spark local[2]       the same on two cores
    ingest (one process) storyline ingest of the same corpus into a fresh store, for scale

Throughput is articles per second of the job itself (Spark's start-up is reported apart). The
result goes to benchmarks/results/spark-<timestamp>.json (git-ignored) with the ratios
local[2] / local[1] and local[2] / ingest, and a short table is printed. Timings on a shared
machine are noisy: only the ratios of runs made together mean anything.

    python benchmarks/bench_spark.py --articles 300
    python benchmarks/bench_spark.py --articles 300 --repeats 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _child(kind: str, corpus: str, work: str) -> dict:
    started = time.perf_counter()
    if kind == "ingest":
        from storyline.pipeline import ingest
        from storyline.store import open_store

        store = open_store(os.path.join(work, "ingest.duckdb"))
        t0 = time.perf_counter()
        report = ingest([corpus], store)
        seconds = time.perf_counter() - t0
        store.close()
        return {"kind": kind, "articles": report.stored, "failed": report.failed, "seconds": seconds,
                "startup_s": t0 - started}  # fmt: skip
    from storyline.spark.job import run, spark_session

    spark, _ = spark_session(kind, {"spark.sql.shuffle.partitions": "4"})
    spark.sparkContext.setLogLevel("ERROR")
    t0 = time.perf_counter()
    report = run([corpus], os.path.join(work, "out"), spark=spark)
    seconds = time.perf_counter() - t0
    spark.stop()
    return {"kind": kind, "articles": report.articles, "failed": report.failed, "seconds": seconds,
            "startup_s": t0 - started}  # fmt: skip


def _measure(kind: str, corpus: Path) -> dict:
    work = tempfile.mkdtemp(prefix="bench-spark-")
    try:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--input", str(corpus), "--work", work]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            return {"kind": kind, "error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["articles_per_s"] = result["articles"] / result["seconds"] if result["seconds"] else None
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _best(runs: list[dict], kind: str) -> dict | None:
    ok = [r for r in runs if r["kind"] == kind and "error" not in r]
    return max(ok, key=lambda r: r["articles_per_s"]) if ok else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=1, help="rounds of the three runs (the best of each is kept)")
    parser.add_argument("--corpus", type=Path, help="a folder of inputs instead of a synthetic one")
    parser.add_argument("--child")
    parser.add_argument("--input")
    parser.add_argument("--work")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.input, args.work)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-spark-corpus-"))
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = tmp / "corpus"
            subprocess.run([sys.executable, str(HERE / "synthetic.py"), "--articles", str(args.articles),
                            "--out", str(corpus), "--format", "files"], check=True)  # fmt: skip
        runs = []
        for _ in range(max(1, args.repeats)):
            for kind in ("local[1]", "local[2]", "ingest"):
                result = _measure(kind, corpus)
                runs.append(result)
                shown = f"{result['articles_per_s']:.2f} articles/s" if "error" not in result else result["error"]
                print(f"{kind:<10} {shown}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    one, two, ingest = _best(runs, "local[1]"), _best(runs, "local[2]"), _best(runs, "ingest")
    ratios = {
        "local[2] / local[1]": two["articles_per_s"] / one["articles_per_s"] if one and two else None,
        "local[2] / ingest": two["articles_per_s"] / ingest["articles_per_s"] if two and ingest else None,
    }
    result = {
        "benchmark": "spark", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "articles": args.articles if args.corpus is None else None, "corpus": str(args.corpus or "synthetic files"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg": os.getloadavg()},
        "runs": runs, "ratios": ratios,
    }  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"spark-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2))
    for kind, best in (("local[1]", one), ("local[2]", two), ("ingest", ingest)):
        if best:
            print(f"{kind:<10} {best['articles']:>5} articles  {best['seconds']:7.1f} s  {best['articles_per_s']:6.2f} articles/s"
                  f"  (start-up {best['startup_s']:.1f} s)")  # fmt: skip
    print(f"written {path}", file=sys.stderr)
    # the headline, last (benchmarks/run_all.py quotes the last line)
    two_one, two_ingest = ratios["local[2] / local[1]"], ratios["local[2] / ingest"]
    print(
        f"spark local[2] / local[1] {two_one:.2f}x ({two['articles_per_s']:.2f} vs {one['articles_per_s']:.2f} articles/s"
        + (f"; local[2] / ingest {two_ingest:.2f}x" if two_ingest else "")
        + f") on {two['articles']} articles"
        if two_one
        else "spark local[2] / local[1] n/a: a run failed (see the result file)"
    )


if __name__ == "__main__":
    main()
