"""Every benchmark, one after the other, with one summary: `make bench` runs this.

Each benchmark is its own script (run alone for more options; benchmarks/README.md says what
each measures and against which baseline). This runner calls them in turn as child processes
with the sizes of a profile, keeps each one's JSON result and its headline (the last line it
prints), and writes

    benchmarks/results/summary-<timestamp>.json   every result, machine-readable
    benchmarks/results/summary-<timestamp>.md     the headlines, for people

    python benchmarks/run_all.py                  # quick profile: minutes
    python benchmarks/run_all.py --profile full   # the figures BENCHMARKS.md quotes: an hour or more
    python benchmarks/run_all.py --only pipeline api

Nothing here asserts a timing; a benchmark that fails is reported as failed and the others
still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

# name -> (script, result-file prefix, {profile: arguments}, what it compares)
BENCHMARKS: dict[str, tuple[str, str, dict[str, list[str]], str]] = {
    "pipeline": ("bench_pipeline.py", "pipeline",
                 {"quick": ["--articles", "100", "--repeat", "1"], "full": ["--articles", "200", "--repeat", "4"]},
                 "whole pipeline vs a bare spaCy pass (issue 8 bar: >= 0.75x)"),
    "nlp": ("bench_nlp.py", "nlp",
            {"quick": ["--articles", "100", "--repeat", "1"], "full": ["--articles", "300"]},
            "understanding layers vs a bare spaCy pass"),
    "ingest": ("bench_ingest.py", "ingest",
               {"quick": ["--articles", "200"], "full": ["--articles", "1000"]},
               "ingest vs json.loads and trafilatura alone, peak memory"),
    "clustering": ("bench_clustering.py", "clustering",
                   {"quick": ["--sizes", "1000", "10000"], "full": ["--sizes", "1000", "10000", "100000"]},
                   "clustering + dedup + storylines + storage per article at 1k/10k/100k, peak memory"),
    "stream": ("bench_stream.py", "stream",
               {"quick": ["--articles", "1000", "--every", "500"], "full": ["--articles", "100000"]},
               "memory curve of a streaming ingest, spaCy included (issue 8 bar: < 2 GB at 100k; hours in full)"),
    "api": ("bench_api.py", "api",
            {"quick": ["--sizes", "1000", "10000", "--requests", "100", "--seconds", "20"],
             "full": ["--sizes", "1000", "10000", "100000"]},
            "story page API latency at 1k/10k/100k stored articles"),
    "pages": ("bench_pages.py", "pages",
              {"quick": ["--repeat", "1"], "full": ["--repeat", "3"]},
              "every web page of the sample corpus"),
    "spark": ("bench_spark.py", "spark",
              {"quick": ["--articles", "100"], "full": ["--articles", "300"]},
              "Spark job local[1] vs local[2]"),
}  # fmt: skip


def run_one(name: str, profile: str) -> dict:
    script, prefix, profiles, about = BENCHMARKS[name]
    before = set(RESULTS.glob(f"{prefix}-*.json"))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / script), *profiles[profile]],
                          capture_output=True, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    new = sorted(set(RESULTS.glob(f"{prefix}-*.json")) - before)
    entry = {"benchmark": name, "about": about, "arguments": profiles[profile], "seconds": round(seconds, 1),
             "ok": done.returncode == 0 and bool(new), "headline": lines[-1] if lines else ""}  # fmt: skip
    if new:
        entry["result_file"] = str(new[-1].relative_to(HERE.parent))
        entry["result"] = json.loads(new[-1].read_text())
    if done.returncode != 0:
        entry["error"] = (done.stderr or done.stdout)[-2000:]
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=["quick", "full"], default="quick")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run just these")
    args = parser.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    names = args.only or list(BENCHMARKS)
    entries = []
    for name in names:
        print(f"running {name} ({BENCHMARKS[name][3]}) ...", file=sys.stderr, flush=True)
        entry = run_one(name, args.profile)
        entries.append(entry)
        print(f"  {'ok' if entry['ok'] else 'FAILED'} in {entry['seconds']:.0f} s: {entry['headline']}", file=sys.stderr)

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    summary = {"when": dt.datetime.now().isoformat(timespec="seconds"), "profile": args.profile, "benchmarks": entries}
    (RESULTS / f"summary-{stamp}.json").write_text(json.dumps(summary, indent=2) + "\n")
    report = [f"# Benchmarks ({args.profile} profile, {summary['when']})", ""]
    for e in entries:
        state = "" if e["ok"] else " — FAILED"
        report.append(f"- **{e['benchmark']}** ({e['about']}){state}: {e['headline'] or '(no output)'}"
                      + (f" [{e['result_file']}]" if "result_file" in e else ""))  # fmt: skip
    (RESULTS / f"summary-{stamp}.md").write_text("\n".join(report) + "\n")
    print("\n".join(report))
    print(f"summary: benchmarks/results/summary-{stamp}.json and .md")
    return 0 if all(e["ok"] for e in entries) else 1


if __name__ == "__main__":
    raise SystemExit(main())
