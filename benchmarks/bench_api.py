"""The API's story page under load, at growing store sizes: a loopback load test.

For each size (default 1,000, 10,000 and 100,000 articles) a store of synthetic articles is
built by benchmarks/fill_store.py (kept in --stores and grown from the next smaller one, so a
second run starts at once), `storyline serve`'s app is served by uvicorn in a child process on
a free loopback port, and one keep-alive client asks, for random stories:

| endpoint | what it reads |
|---|---|
| story    | `/api/stories/{id}`: the story and its articles (the issue's "story page API") |
| timeline | `/api/stories/{id}/timeline`: the story's dated events (whole articles) |
| compare  | `/api/stories/{id}/compare`: the cross-source comparison (whole articles, verdicts) |
| search   | `/api/search?q=`: three words of a story's title, full-text |
| floor    | `/api/stories?limit=1`: the smallest store read over HTTP, the baseline |

Each measured request is followed by a floor request, so both see the same load (the machine is
shared), and `x floor` is an endpoint's p50 over the floor's p50. Requests per endpoint are
bounded by --requests and by --seconds, whichever comes first. Nothing here asserts a timing.

    python benchmarks/bench_api.py
    python benchmarks/bench_api.py --sizes 1000 10000 --requests 100 --seconds 30

Prints per size and endpoint: requests, p50 / p95 / max ms, requests/s, x floor; writes
benchmarks/results/api-<timestamp>.json (with the git commit, machine, store sizes and fill
times).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from measure import git_commit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BAR_MS = 100.0  # the bar for the story page at p95 (issue 8, point 3)
ENDPOINTS = ("story", "timeline", "compare", "search")
SERVER = """
import sys, uvicorn
from storyline.config import Settings
from storyline.faces.api.app import create_app
uvicorn.run(create_app(Settings({"db": sys.argv[1]})), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


def store_of(size: int, folder: Path, seed: int) -> tuple[Path, float | None]:
    """The store of the first `size` synthetic articles, built (or grown from the largest
    smaller one) when missing; (path, seconds spent filling, or None when it was there)."""
    from fill_store import fill

    path = folder / f"news-{seed}-{size}.duckdb"
    if path.exists():
        return path, None
    smaller = sorted((int(p.stem.rsplit("-", 1)[1]), p) for p in folder.glob(f"news-{seed}-*.duckdb"))
    smaller = [p for n, p in smaller if n < size]
    partial = path.with_suffix(".partial")
    if smaller:
        shutil.copy(smaller[-1], partial)
    started = time.perf_counter()
    fill(str(partial), size, seed=seed, progress=lambda n: print(f"  filled {n}", file=sys.stderr, flush=True))
    partial.rename(path)  # only a whole store gets the final name
    return path, time.perf_counter() - started


def sample_of(db: Path, count: int, seed: int) -> tuple[list[str], list[str]]:
    """Random story ids, and a search query (three title words) for each."""
    from storyline.store import open_store

    with open_store(str(db), read_only=True) as store:
        rows = store.query("SELECT id, title FROM stories ORDER BY id")
    picked = random.Random(seed).sample(rows, min(count, len(rows)))
    return [r["id"] for r in picked], [" ".join(r["title"].split()[-3:]) for r in picked]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    child = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(600):
        if child.poll() is not None:
            raise SystemExit(f"the server exited with {child.returncode}")
        try:
            if httpx.get(base + "/api/stories?limit=1", timeout=5).status_code == 200:
                return child, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    child.kill()
    raise SystemExit("the server did not answer within a minute")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(times: list[float], seconds: float, floor: list[float]) -> dict:
    p50 = percentile(times, 0.5)
    return {"requests": len(times), "p50_ms": round(p50, 1), "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1), "requests_per_s": round(len(times) / seconds, 1),
            "x_floor": round(p50 / percentile(floor, 0.5), 2) if floor else None}  # fmt: skip


def load(base: str, stories: list[str], queries: list[str], requests: int, seconds: float) -> dict:
    """Each endpoint in turn: up to `requests` requests or `seconds`, each followed by a floor request."""
    import httpx

    paths = {
        "story": lambda i: f"/api/stories/{quote(stories[i], safe='')}",
        "timeline": lambda i: f"/api/stories/{quote(stories[i], safe='')}/timeline",
        "compare": lambda i: f"/api/stories/{quote(stories[i], safe='')}/compare",
        "search": lambda i: "/api/search?" + urlencode({"q": queries[i], "limit": 20}),
    }
    results, floor_all = {}, []
    with httpx.Client(base_url=base, timeout=120) as client:
        for _ in range(5):  # warm the server (imports, first connection) before measuring
            client.get("/api/stories?limit=1")
        for name in ENDPOINTS:
            times, floor, started = [], [], time.perf_counter()
            busy = 0.0
            for n in range(requests):
                if time.perf_counter() - started > seconds:
                    break
                t0 = time.perf_counter()
                response = client.get(paths[name](n % len(stories)))
                t1 = time.perf_counter()
                if response.status_code != 200:
                    raise SystemExit(f"{name} answered {response.status_code}: {response.text[:300]}")
                times.append((t1 - t0) * 1000)
                busy += t1 - t0
                t2 = time.perf_counter()
                client.get("/api/stories?limit=1")
                floor.append((time.perf_counter() - t2) * 1000)
            results[name] = summary(times, busy, floor)
            floor_all += floor
        results["floor"] = summary(floor_all, sum(floor_all) / 1000, [])
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=300, help="at most this many requests per endpoint and size")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long per endpoint and size")
    parser.add_argument("--stores", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench-stores",
                        help="where the synthetic stores are kept between runs")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    args.stores.mkdir(parents=True, exist_ok=True)

    runs = []
    for size in sorted(args.sizes):
        db, fill_s = store_of(size, args.stores, args.seed)
        stories, queries = sample_of(db, args.requests, args.seed)
        child, base = serve(db)
        try:
            results = load(base, stories, queries, args.requests, args.seconds)
        finally:
            child.terminate()
            child.wait(timeout=30)
        runs.append({"articles": size, "store_mb": round(db.stat().st_size / 2**20, 1),
                     "fill_s": round(fill_s, 1) if fill_s is not None else None, "endpoints": results})  # fmt: skip
        print(f"\n{size:,} articles ({runs[-1]['store_mb']} MB store)")
        print(f"  {'endpoint':10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} {'x floor':>8}")
        for name, r in results.items():
            print(f"  {name:10} {r['requests']:>8} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} "
                  f"{r['requests_per_s']:>7} {r['x_floor'] if r['x_floor'] is not None else '':>8}")  # fmt: skip

    largest = runs[-1]
    story_p95 = largest["endpoints"]["story"]["p95_ms"]
    print(f"\nstory page p95 at {largest['articles']:,} articles: {story_p95} ms "
          f"({'within' if story_p95 <= BAR_MS else 'over'} the {BAR_MS:.0f} ms bar)")  # fmt: skip
    report = {"benchmark": "api", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "commit": git_commit(), "python": platform.python_version(), "platform": platform.platform(),
              "cpus": os.cpu_count(), "requests": args.requests, "seconds_cap": args.seconds, "seed": args.seed,
              "bar_ms": BAR_MS, "runs": runs}  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"api-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
