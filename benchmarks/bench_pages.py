"""Every web page of the sample corpus, timed, beside the JSON API answering the same request.

Builds a store of the built-in sample corpus (or reuses `--db`), serves `storyline serve`'s app
with uvicorn on a free loopback port in a thread, and requests over HTTP (one keep-alive
client) every page: the story list, every story, every entity, every article, the event
browser (all, and one per event type) and search (one query per story title). Each page is
asked for `--repeat` times, its API counterpart right after it each time (same data as JSON:
/api/stories/{id}/compare for a story page, /api/entities/{key}/timeline, /api/articles/{ref},
/api/events, /api/search, /api/stories), so the two are measured side by side under the same
load. A page's time is the median of its repeats.

    python benchmarks/bench_pages.py
    python benchmarks/bench_pages.py --db storyline-demo.duckdb --repeat 5

Prints per kind of page p50 / p95 / max ms, the page/API ratio, the slowest pages, and whether
every page is under the issue's bar (300 ms on this machine); writes
benchmarks/results/pages-<timestamp>.json. Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from measure import git_commit

HERE = Path(__file__).resolve().parent
BAR_MS = 300.0


def build_store(path: Path) -> None:
    from storyline.config import Settings
    from storyline.pipeline import ingest
    from storyline.sample import corpus_path
    from storyline.store import open_store

    with open_store(str(path)) as store:
        report = ingest([str(corpus_path())], store, settings=Settings({"db": str(path)}))
    if report.failed:
        raise SystemExit(f"the sample corpus did not ingest cleanly: {report.failed} failed")


def pages_of(db: str) -> list[tuple[str, str, str]]:
    """(kind, page path, API counterpart path) for every page of the store."""
    from storyline.events.lexicon import TYPES
    from storyline.store import open_store

    with open_store(db, read_only=True) as store:
        stories = store.stories()
        entities = store.entities()
        articles = store.articles()
        types = sorted({r["event"].type for r in store.events()} & set(TYPES))
    out = [("story list", "/", "/api/stories")]
    out += [("story", f"/stories/{quote(s['id'], safe='')}", f"/api/stories/{quote(s['id'], safe='')}/compare") for s in stories]
    out += [("entity", f"/entities/{quote(e['key'], safe='')}", f"/api/entities/{quote(e['key'], safe='')}/timeline")
            for e in entities]  # fmt: skip
    out += [("article", f"/articles/{quote(a['id'], safe='')}", f"/api/articles/{quote(a['id'], safe='')}") for a in articles]
    out += [("events", "/events", "/api/events")]
    out += [("events", f"/events?type={t}", f"/api/events?type={t}") for t in types]
    for s in stories:
        words = " ".join(s["title"].split()[:3])
        out.append(("search", "/search?" + urlencode({"q": words}), "/api/search?" + urlencode({"q": words})))
    return out


def serve(db: str):
    """The app on 127.0.0.1 and a free port, in a thread: (base URL, stop function)."""
    import uvicorn

    from storyline.config import Settings
    from storyline.faces.api.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(Settings({"db": db})), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the server did not start")
        time.sleep(0.05)

    def stop():
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

    return f"http://127.0.0.1:{sock.getsockname()[1]}", stop


def timed_get(client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    return elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store to use as it is (default: the sample corpus, ingested afresh)")
    parser.add_argument("--repeat", type=int, default=3, help="requests per page (and per API counterpart)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)

    import httpx

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.duckdb"
            started = time.perf_counter()
            build_store(db)
            print(f"ingested the sample corpus in {time.perf_counter() - started:.1f} s")
        pages = pages_of(str(db))
        base, stop = serve(str(db))
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                for kind, page, api in pages[:5]:  # warm up: templates compiled, caches filled
                    timed_get(client, page), timed_get(client, api)
                page_ms: dict[str, list[float]] = {p: [] for _, p, _ in pages}
                api_ms: dict[str, list[float]] = {a: [] for _, _, a in pages}
                for _ in range(args.repeat):
                    for _, page, api in pages:
                        page_ms[page].append(timed_get(client, page))
                        api_ms[api].append(timed_get(client, api))
        finally:
            stop()

    rows = [{"kind": kind, "page": page, "api": api, "page_ms": statistics.median(page_ms[page]),
             "api_ms": statistics.median(api_ms[api]), "page_max_ms": max(page_ms[page])}
            for kind, page, api in pages]  # fmt: skip
    kinds = {}
    for kind in dict.fromkeys(r["kind"] for r in rows):
        mine = [r for r in rows if r["kind"] == kind]
        times = [r["page_ms"] for r in mine]
        kinds[kind] = {
            "pages": len(mine), "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95), "max_ms": max(times),
            "api_p50_ms": percentile([r["api_ms"] for r in mine], 0.5),
            "page_over_api": statistics.median(r["page_ms"] / r["api_ms"] for r in mine),
        }  # fmt: skip
    slowest = sorted(rows, key=lambda r: -r["page_ms"])[:10]
    worst = max(r["page_ms"] for r in rows)
    result = {
        "when": dt.datetime.now().isoformat(timespec="seconds"), "commit": git_commit(),
        "machine": platform.machine(), "python": platform.python_version(), "cpus": _cpus(),
        "store": str(args.db) if args.db else "sample corpus (fresh)", "repeat": args.repeat,
        "pages": len(rows), "bar_ms": BAR_MS, "worst_page_ms": worst, "all_under_bar": worst < BAR_MS,
        "kinds": kinds, "slowest": slowest, "every_page": rows,
    }  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"pages-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2))

    print(f"{len(rows)} pages, each the median of {args.repeat} requests over loopback, its API counterpart beside it")
    print(f"{'kind':<12}{'pages':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'API p50':>9}{'page/API':>10}")
    for kind, k in kinds.items():
        print(f"{kind:<12}{k['pages']:>6}{k['p50_ms']:>9.1f}{k['p95_ms']:>9.1f}{k['max_ms']:>9.1f}"
              f"{k['api_p50_ms']:>9.1f}{k['page_over_api']:>9.2f}x")  # fmt: skip
    print("slowest pages:")
    for r in slowest[:5]:
        print(f"  {r['page_ms']:7.1f} ms  {r['page']}  (API {r['api_ms']:.1f} ms)")
    verdict = "every page under" if worst < BAR_MS else "NOT every page under"
    print(f"{verdict} {BAR_MS:.0f} ms: the slowest takes {worst:.1f} ms; result: {path}")
    return 0


def _cpus() -> int | None:
    import os

    return os.cpu_count()


if __name__ == "__main__":
    raise SystemExit(main())
