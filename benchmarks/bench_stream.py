"""Memory of a long streaming ingest: the whole pipeline, spaCy included, over N articles.

    python benchmarks/bench_stream.py --articles 100000      # issue 8 point 2 (hours here)
    python benchmarks/bench_stream.py --articles 20000 --every 1000

The synthetic corpus (benchmarks/synthetic.py: text and HTML records) is written to a JSONL
file first, then `pipeline.ingest` reads it line by line into a fresh DuckDB file, as
`storyline ingest corpus.jsonl --db ...` does, with the default settings (`db_memory_mb` caps
DuckDB; `nlp_processes` from --processes). Every `--every` articles it records the process's
resident memory now (VmRSS) and its peak so far (ru_maxrss), what DuckDB's buffer manager holds
of it (duckdb_memory()), the store's size on disk, and the seconds so far. With worker
processes (--processes > 1) it records their VmRSS and peaks so far (VmHWM) too, and the
proportional share (Pss) of this process and the workers together: the model pages the workers
inherit by fork count once there, and many times in the VmRSS sum. The curve, not one figure,
is the result: memory that grows with the corpus shows as a slope after the model, the first
batches and DuckDB's cache have settled. The result goes to benchmarks/results/stream-<timestamp>.json (written again at
every point, so a run stopped early keeps its curve) and a table is printed as it goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from measure import git_commit, peak_mb

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def _proc_mb(pid: int | str, file: str, field: str) -> float:
    """A memory figure (kB) that Linux gives for a process in /proc/PID/FILE, in MB; 0 where
    unreadable."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process now (VmRSS), in MB."""
    return _proc_mb(pid, "status", "VmRSS")


def hwm_mb(pid: int | str) -> float:
    """A process's peak resident memory so far (VmHWM), in MB: for the workers, whose
    ru_maxrss this process cannot read."""
    return _proc_mb(pid, "status", "VmHWM")


def pss_mb(pid: int | str = "self") -> float:
    """A process's proportional share of memory now (Pss), in MB: pages shared with other
    processes (the model the workers inherit by fork) count once across them, not once per
    process as in VmRSS."""
    return _proc_mb(pid, "smaps_rollup", "Pss")


def children() -> list[str]:
    """This process's children now (the analysis workers), as pids."""
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:  # the parent pid
            found.append(entry.name)
    return found


def duckdb_mb(store) -> float:
    """The memory DuckDB's buffer manager holds for the store now (its share of the RSS)."""
    row = store.query("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()")
    return (row[0]["b"] or 0) / 2**20 if row else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every", type=int, default=1000, help="articles between two memory readings")
    parser.add_argument("--processes", type=int, default=1, help="the nlp_processes setting")
    parser.add_argument("--memory-mb", type=int, default=None,
                        help="the db_memory_mb setting (DuckDB's cap); default: the setting's default")  # fmt: skip
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.every < 1:
        parser.error("--articles and --every must be at least 1")

    from synthetic import write

    from storyline import pipeline
    from storyline.config import Settings
    from storyline.store import memory_options, open_store

    work = Path(tempfile.mkdtemp(prefix="bench-stream-"))
    corpus = work / "corpus.jsonl"
    write(args.articles, corpus, "jsonl", args.seed)
    db = work / "stream.duckdb"
    settings = Settings({"nlp_processes": args.processes, "db_memory_mb": args.memory_mb})  # None: the default
    store = open_store(str(db), **memory_options(settings))  # as `storyline ingest` opens it
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"stream-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    result = {
        "benchmark": "stream", "when": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_commit(), "machine": platform.machine(), "python": platform.python_version(),
        "cpus": os.cpu_count(), "articles": args.articles, "processes": args.processes,
        "db_memory_mb": int(settings.db_memory_mb), "rss_before_mb": rss_mb(), "points": [],
    }  # fmt: skip
    done = 0
    next_at = args.every
    t0 = time.perf_counter()
    print(f"{'articles':>9}{'seconds':>9}{'rss MB':>8}{'workers MB':>11}{'peak MB':>9}{'all pss MB':>11}"
          f"{'duckdb MB':>10}{'store MB':>9}", flush=True)  # fmt: skip

    def progress(n: int) -> None:
        nonlocal done, next_at
        done += n
        if done < next_at and done < args.articles:
            return
        next_at = (done // args.every + 1) * args.every
        workers = children()
        point = {"articles": done, "seconds": round(time.perf_counter() - t0, 1), "rss_mb": round(rss_mb(), 1),
                 "workers_rss_mb": round(sum(map(rss_mb, workers)), 1), "peak_mb": round(peak_mb(), 1),
                 "workers_peak_mb": sorted((round(hwm_mb(w), 1) for w in workers), reverse=True),
                 "total_pss_mb": round(pss_mb() + sum(map(pss_mb, workers)), 1),
                 "duckdb_mb": round(duckdb_mb(store), 1),
                 "store_mb": round(sum(p.stat().st_size for p in work.glob("stream.duckdb*")) / 2**20, 1)}  # fmt: skip
        result["points"].append(point)
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"{done:>9}{point['seconds']:>9.0f}{point['rss_mb']:>8.0f}{point['workers_rss_mb']:>11.0f}"
              f"{point['peak_mb']:>9.0f}{point['total_pss_mb']:>11.0f}{point['duckdb_mb']:>10.0f}{point['store_mb']:>9.0f}", flush=True)  # fmt: skip

    try:
        report = pipeline.ingest([str(corpus)], store, settings=settings, progress=progress)
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    result["report"] = report.as_dict()
    result["peak_mb"] = peak_mb()
    path.write_text(json.dumps(result, indent=2) + "\n")
    shared = max((p["total_pss_mb"] for p in result["points"]), default=0.0)
    worker_peaks = max((p["workers_peak_mb"] for p in result["points"]), key=sum, default=[])
    print(f"streaming ingest of {done} articles: peak {result['peak_mb']:.0f} MB in the ingesting process"
          + (f" (workers' peaks {', '.join(f'{w:.0f}' for w in worker_peaks)} MB; ingest and workers"
             f" at most {shared:.0f} MB Pss at the readings)" if args.processes > 1 else "")
          + f"; target < 2048 at 100k; result: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
