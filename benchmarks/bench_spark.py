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

With `--stories`, the story pass alone (issue 9): in one local[2] session the synthetic corpus
is read and cleaned once (not parsed: no entities, so the pass is timed apart from spaCy), then
clustered by the ordered pass (`--stories ordered`, on the driver) and by time window
(`--stories windowed --window-days N`, on the executors). It reports each pass's throughput, the
articles the windows cluster (their own and warm-up ones) per article, and the agreement: the
pairwise F1 (and B-cubed F1) of the windowed grouping scored against the ordered one.

    python benchmarks/bench_spark.py --stories --articles 6000 --window-days 5
    python benchmarks/bench_spark.py --stories --articles 6000 --window-days 5 --warmup-days 7
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


def _story_child(corpus: str, window_days: int, warmup_days: int, batch_size: int | None) -> dict:
    """The ordered and the windowed story pass over the same cleaned articles, in one session."""
    from storyline.config import Settings
    from storyline.evaluation.clustering import score_clustering
    from storyline.record import Hints
    from storyline.spark.job import RunReport, analyse_inputs, spark_session, story_pass
    from storyline.spark.windows import StoryOptions, window_rows

    spark, _ = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"})
    spark.sparkContext.setLogLevel("ERROR")
    report = RunReport(out="")
    t0 = time.perf_counter()
    settings = Settings({"batch_size": batch_size} if batch_size else {})
    analysed, n_articles = analyse_inputs(spark, [corpus], settings, Hints(), report, understand=False)
    prepared = time.perf_counter() - t0
    out = {"kind": "stories", "articles": n_articles, "batches": report.batches, "clean_s": prepared,
           "batch_size": int(settings.batch_size)}  # fmt: skip
    groupings = {}
    for options in (StoryOptions(), StoryOptions("windowed", window_days=window_days, warmup_days=warmup_days)):
        passed = story_pass(analysed, n_articles, report.batches, options)
        rows = passed.assignments if isinstance(passed.assignments, list) else passed.assignments.collect()
        groupings[options.mode] = {row[0]: row[2] for row in rows}
        out[options.mode] = {"seconds": passed.seconds, "stories": passed.count,
                             "articles_per_s": n_articles / passed.seconds if passed.seconds else None}  # fmt: skip
        if options.mode == "windowed":
            from storyline.spark.windows import WindowPlan

            plan = WindowPlan(window_days, warmup_days)
            dated = analysed.map(lambda r: (r[0], r[2].published)).groupByKey().mapValues(list).collect()
            for batch, published in sorted(dated):
                plan.observe(batch, published)
            copies = analysed.map(lambda r: sum(1 for _ in window_rows((r[0], "", r[1]), r[2], plan))).sum()
            windows = analysed.map(lambda r: plan.windows_of(r[0], r[2].published)[0]).distinct().count()
            out["windowed"].update({"window_days": window_days, "warmup_days": warmup_days, "windows": windows,
                                    "clustered_per_article": copies / n_articles})  # fmt: skip
        passed.resolved.unpersist()
        passed.release()
    score = score_clustering(groupings["ordered"], groupings["windowed"])
    out["agreement"] = {"pairwise_f1": score.f1, "precision": score.precision, "recall": score.recall,
                        "bcubed_f1": score.bcubed_f1}  # fmt: skip
    spark.stop()
    return out


def _synthetic_corpus(articles: int, out: Path, fmt: str) -> Path:
    """The first `articles` of the synthetic corpus written to `out` (a JSONL file or a folder)."""
    subprocess.run([sys.executable, str(HERE / "synthetic.py"), "--articles", str(articles), "--out", str(out),
                    "--format", fmt], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return out


def _stories(args) -> None:
    """--stories: the story pass alone, ordered against windowed."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-spark-corpus-"))
    try:
        corpus = args.corpus or _synthetic_corpus(args.articles, tmp / "corpus.jsonl", "jsonl")
        extra = ["--window-days", str(args.window_days), "--warmup-days", str(args.warmup_days)]
        result = _measure("stories", corpus, extra + (["--batch-size", str(args.batch_size)] if args.batch_size else []))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"benchmark": "spark-stories", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "corpus": str(args.corpus or f"synthetic, {args.articles} articles"),
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg": os.getloadavg()},
              **result}  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"spark-stories-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"written {path}", file=sys.stderr)
    if "error" in result:
        print(f"spark stories n/a: {result['error']}")
        return
    o, w, a = result["ordered"], result["windowed"], result["agreement"]
    print(f"ordered   {o['seconds']:7.1f} s  {o['articles_per_s']:7.1f} articles/s  {o['stories']} stories")
    print(f"windowed  {w['seconds']:7.1f} s  {w['articles_per_s']:7.1f} articles/s  {w['stories']} stories  "
          f"({w['windows']} windows of {w['window_days']} days, warm-up {w['warmup_days']}: "
          f"{w['clustered_per_article']:.2f} placements per article)")  # fmt: skip
    print(f"spark stories windowed / ordered {w['articles_per_s'] / o['articles_per_s']:.2f}x throughput, "
          f"agreement pairwise F1 {a['pairwise_f1']:.3f} (B-cubed {a['bcubed_f1']:.3f}) on {result['articles']} articles")


def _measure(kind: str, corpus: Path, extra: list[str] = ()) -> dict:
    work = tempfile.mkdtemp(prefix="bench-spark-")
    try:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--input", str(corpus), "--work", work,
                   *extra]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            return {"kind": kind, "error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if kind == "stories":
            return result
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
    parser.add_argument("--stories", action="store_true", help="time the story pass alone: ordered against windowed")
    parser.add_argument("--window-days", type=int, default=5, help="with --stories: days per window")
    parser.add_argument("--warmup-days", type=int, default=30, help="with --stories: warm-up days before each window")
    parser.add_argument("--batch-size", type=int, help="with --stories: articles per ingest batch (default: the setting's)")
    parser.add_argument("--child")
    parser.add_argument("--input")
    parser.add_argument("--work")
    args = parser.parse_args()
    if args.child == "stories":
        print(json.dumps(_story_child(args.input, args.window_days, args.warmup_days, args.batch_size)))
        return
    if args.child:
        print(json.dumps(_child(args.child, args.input, args.work)))
        return
    if args.stories:
        _stories(args)
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-spark-corpus-"))
    try:
        corpus = args.corpus or _synthetic_corpus(args.articles, tmp / "corpus", "files")
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
