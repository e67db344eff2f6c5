"""Ingest throughput and peak memory, side by side with two baselines.

Each measured run happens in a fresh child process, so its peak memory (ru_maxrss) is its own
and no run warms another's caches. Four runs over one synthetic corpus:

    ours      ingest every article of the JSONL corpus into a fresh store
    baseline  read and json.loads every line of the same JSONL (the floor for any JSONL ingest)
    ours      ingest only the HTML pages of the corpus (a JSONL of its `html` records)
    baseline  trafilatura.extract over the same HTML pages

and the ratio ours/baseline for each pair. The result goes to
benchmarks/results/ingest-<timestamp>.json (git-ignored) and a short table is printed.

    python benchmarks/bench_ingest.py --articles 5000
    python benchmarks/bench_ingest.py --corpus /tmp/news.jsonl --store memory
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

from measure import git_commit, peak_mb

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

RUNS = [
    # (name, child kind, which input, what it is compared with)
    ("storyline ingest (JSONL)", "ours", "all", None),
    ("read + json.loads (JSONL)", "parse", "all", "storyline ingest (JSONL)"),
    ("storyline ingest (HTML pages)", "ours", "html", None),
    ("trafilatura.extract (HTML pages)", "trafilatura", "html", "storyline ingest (HTML pages)"),
]


# ---------------------------------------------------------------- child side


def _child(kind: str, path: str, store_kind: str, batch_size: int | None) -> dict:
    started = time.perf_counter()
    out: dict = {"kind": kind}
    if kind == "ours":
        from storyline.config import Settings
        from storyline.pipeline import ingest
        from storyline.store import open_store

        folder = tempfile.mkdtemp(prefix="bench-store-")
        db = ":memory:" if store_kind == "memory" else os.path.join(folder, "bench.duckdb")
        store = open_store(db)
        settings = Settings({"batch_size": batch_size} if batch_size else None)
        out["import_s"] = time.perf_counter() - started
        out["rss_after_import_mb"] = peak_mb()
        t0 = time.perf_counter()
        report = ingest([path], store, settings=settings)
        out["seconds"] = time.perf_counter() - t0
        out["articles"] = report.stored + report.failed
        out["stored"] = report.stored
        out["failed"] = report.failed
        out["first_errors"] = [str(e) for e in report.errors[:5]]
        store.close()
        if db != ":memory:":
            out["store_mb"] = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20
        shutil.rmtree(folder, ignore_errors=True)
    elif kind == "parse":
        out["import_s"] = time.perf_counter() - started
        out["rss_after_import_mb"] = peak_mb()
        t0 = time.perf_counter()
        count = chars = 0
        with open(path, "rb") as fh:
            for line in fh:
                record = json.loads(line)
                chars += len(record.get("text") or record.get("html") or "")
                count += 1
        out["seconds"] = time.perf_counter() - t0
        out["articles"] = count
    elif kind == "trafilatura":
        import trafilatura

        out["import_s"] = time.perf_counter() - started
        out["rss_after_import_mb"] = peak_mb()
        t0 = time.perf_counter()
        count = failed = 0
        with open(path, "rb") as fh:
            for line in fh:
                text = trafilatura.extract(json.loads(line)["html"])
                count += 1
                failed += not text
        out["seconds"] = time.perf_counter() - t0
        out["articles"] = count
        out["failed"] = failed
    else:
        raise SystemExit(f"unknown child kind {kind!r}")
    out["peak_rss_mb"] = peak_mb()
    return out


# ---------------------------------------------------------------- parent side


def _measure(kind: str, path: Path, store_kind: str, batch_size: int | None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--input", str(path), "--store", store_kind]
    if batch_size:
        command += ["--batch-size", str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        return {"kind": kind, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _html_subset(corpus: Path, out: Path) -> int:
    count = 0
    with open(corpus, "rb") as src, open(out, "wb") as dst:
        for line in src:
            if b'"html":' in line and "html" in json.loads(line):
                dst.write(line)
                count += 1
    return count


def _best(results: list[dict]) -> dict:
    ok = [r for r in results if "seconds" in r]
    return min(ok, key=lambda r: r["seconds"]) if ok else results[0]


def _figures(r: dict) -> dict:
    if "seconds" not in r or not r.get("articles"):
        return r
    r = dict(r)
    r["articles_per_s"] = r["articles"] / r["seconds"] if r["seconds"] else None
    r["ms_per_article"] = 1000 * r["seconds"] / r["articles"]
    return r


def _table(rows: list[dict]) -> str:
    head = f"{'run':34} {'articles':>9} {'seconds':>9} {'art/s':>9} {'ms/art':>8} {'peak MB':>8} {'ours/base':>9}"
    lines = [head, "-" * len(head)]
    for row in rows:
        if "error" in row:
            lines.append(f"{row['name']:34} failed: {row['error']}")
            continue
        ratio = f"{row['ratio_ms_per_article']:.2f}x" if row.get("ratio_ms_per_article") else ""
        lines.append(
            f"{row['name']:34} {row['articles']:>9} {row['seconds']:>9.2f} {row['articles_per_s']:>9.0f} "
            f"{row['ms_per_article']:>8.3f} {row['peak_rss_mb']:>8.0f} {ratio:>9}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="size of the generated corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, help="an existing synthetic JSONL corpus instead of generating one")
    parser.add_argument("--store", choices=["file", "memory"], default="file", help="DuckDB file in a temp folder, or in memory")
    parser.add_argument("--batch-size", type=int, help="override the batch_size setting")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each kind; the fastest is reported")
    parser.add_argument("--out", type=Path, help="where to write the JSON result (default benchmarks/results/)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus (its path is printed)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        print(json.dumps(_child(args.child, args.input, args.store, args.batch_size)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    if args.corpus:
        corpus = args.corpus
    else:
        sys.path.insert(0, str(HERE))
        from synthetic import write

        corpus = work / "corpus.jsonl"
        t0 = time.perf_counter()
        write(args.articles, corpus, "jsonl", args.seed)
        print(f"generated {args.articles} articles in {time.perf_counter() - t0:.1f}s: {corpus}", file=sys.stderr)
    html_corpus = work / "html.jsonl"
    html_count = _html_subset(corpus, html_corpus)
    inputs = {"all": corpus, "html": html_corpus}

    rows: dict[str, dict] = {}
    for name, kind, which, _ in RUNS:
        attempts = [_measure(kind, inputs[which], args.store, args.batch_size) for _ in range(max(1, args.repeat))]
        rows[name] = {"name": name, "input": which, **_figures(_best(attempts))}
        rows[name]["attempts_s"] = [a.get("seconds") for a in attempts]
        print(f"  {name}: done", file=sys.stderr)
    for name, _, _, compared in RUNS:
        if compared and "ms_per_article" in rows[name] and "ms_per_article" in rows[compared]:
            rows[compared]["ratio_ms_per_article"] = rows[compared]["ms_per_article"] / rows[name]["ms_per_article"]
            rows[compared]["baseline"] = name

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    result = {
        "benchmark": "ingest",
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "corpus": str(corpus),
        "corpus_mb": corpus.stat().st_size / 2**20,
        "articles": args.articles if not args.corpus else None,
        "html_pages": html_count,
        "seed": args.seed if not args.corpus else None,
        "store": args.store,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "runs": list(rows.values()),
    }
    out = args.out or RESULTS / f"ingest-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(_table(list(rows.values())))
    print(f"\n{result['corpus_mb']:.1f} MB corpus, {html_count} HTML pages; result: {out}")
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
