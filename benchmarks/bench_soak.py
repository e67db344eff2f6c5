"""Soak: memory over a long watch. The whole pipeline over a stream of generated feed entries,
ingested in small batches as the watcher does, with the process's memory read every 1,000.

    python benchmarks/bench_soak.py --per-day 50                      # 20,000 entries (about 25 minutes here)
    python benchmarks/bench_soak.py --entries 10000 --tracemalloc 2000,10000   # what grew, by line

Entries are short news articles (120 to 260 words) written here from seeded pools: a dozen
topics, 32 countries and their cities, people whose names come from syllables (so new names
keep turning up, as in real news, and the vocabularies keep meeting words they have not seen),
organisations, figures and quotes, from 40 outlets. Dates advance day by day, `--per-day`
entries a day (100: 20,000 entries span 200 days), and each day starts new stories that run
for a few days, so the stories' time window (30 days) bounds what the clusterers keep. Entry i
depends only on the seed and i, never on how many are asked for.

Each entry is a RawDocument as the feed reader gives a fetched entry page (format html, the
entry's URL, title, date, outlet and author as hints); `pipeline.ingest_documents` cleans,
parses, understands and stores them `--batch` (50) at a time into a fresh DuckDB file, one
call and one transaction per batch, with a `pipeline.Placement` kept across the calls, as the
watcher (`storyline.watch`) ingests each poll's entries: the clusterers live across batches
(`--shape stream`: one call over the whole stream; `--shape rebuild`: rebuilt from the store
for every batch). `nlp_processes` is 1 (`--processes`), so the spaCy model and every stage live in
this process and its resident memory is the whole figure.

Every `--every` entries it records the resident memory (VmRSS), the peak so far (ru_maxrss),
what DuckDB's buffer manager holds (duckdb_memory()), spaCy's StringStore size, the store on
disk and, with `--tracemalloc`, the Python heap tracemalloc counts (its own overhead left
out), and writes benchmarks/results/soak-<time>.json at every point. With `--tracemalloc A,B`
it also diffs heap snapshots taken at A and B entries and prints the lines that grew most.
The last line is the headline: memory after the last entries against memory after 2,000.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import gc
import html
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from measure import git_commit, peak_mb
from synthetic import CHANNELS, CITIES, COUNTRIES, FILLER, FIRST, LAST_A, LAST_B, QUOTES, TITLES, TOPICS

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
START = dt.date(2024, 1, 1)
STORY_DAYS = 4  # a story's entries fall on its first day and the three after
SYLLABLES = ["ba", "ko", "ri", "tan", "vel", "mu", "sha", "dor", "li", "zen", "pra", "go", "nai", "tor", "ema",
             "qui", "fal", "ro", "xan", "hed", "ul", "bri", "son", "ka"]
ORG_KINDS = ["Holdings", "Alliance", "Institute", "Foundation", "Party", "Group", "Authority", "Union", "Council"]
OUTLETS = [f"The {a} {b}" for a in ("Harbor", "Valley", "Northern", "Lakeside", "Summit", "Coastal", "Central", "Highland")
           for b in ("Ledger", "Courier", "Herald", "Gazette", "Tribune")]  # fmt: skip


def coined(rng: random.Random, parts: int) -> str:
    """A made-up proper name from syllables ('Velmusha'): the stream keeps meeting new ones."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class StoryPlan:
    """What one generated story is about: its topic, place, people, organisation and figures."""

    def __init__(self, seed: int, number: int, first_day: int) -> None:
        rng = random.Random(f"soak-story:{seed}:{number}")
        self.number = number
        self.first_day = first_day
        self.topic = rng.choice(list(TOPICS))
        self.country, self.capital, self.nationality = rng.choice(COUNTRIES)
        self.city = rng.choice(CITIES[self.country])
        surname = (lambda: rng.choice(LAST_A) + rng.choice(LAST_B)) if rng.random() < 0.5 else (lambda: coined(rng, 3))
        self.people = [(f"{rng.choice(FIRST)} {surname()}", rng.choice(TITLES)) for _ in range(rng.randint(2, 3))]
        self.organisation = f"{coined(rng, 2)} {rng.choice(ORG_KINDS)}"
        self.numbers = {"m": rng.randint(4, 7), "n": rng.randint(2, 60), "n2": rng.randint(20, 900),
                        "n3": rng.randint(100, 20000), "d": rng.randint(1, 9), "p": rng.randint(1, 9)}  # fmt: skip
        self.terms = rng.sample(TOPICS[self.topic]["nouns"], 4)


def _sentence(rng: random.Random, story: StoryPlan, day: dt.date) -> str:
    topic = TOPICS[story.topic]
    name, title = rng.choice(story.people)
    kind = rng.random()
    if kind < 0.2:
        return (f"\u201c{rng.choice(QUOTES)},\u201d {story.nationality} {title} {name} {rng.choice(CHANNELS)}, "
                f"referring to the {' and the '.join(rng.sample(story.terms, 2))}.")  # fmt: skip
    if kind < 0.4:
        number = rng.choice(topic["numbers"]).format(**story.numbers)
        return f"The {story.topic} in {story.city} {number}, according to {rng.choice(['officials', 'the ministry', 'state media'])}."
    if kind < 0.55:
        return (f"{name.split()[-1]} said the {rng.choice(story.terms)} in {story.country} would be reviewed "
                f"with the {story.organisation} by {day.strftime('%B')} {day.day}.")  # fmt: skip
    if kind < 0.7:
        a, b = rng.sample(story.terms, 2)
        return f"In {story.capital}, attention turned to the {a} and the {b} as {story.city} counted the cost."
    return rng.choice(FILLER).capitalize() + "."


def entry(seed: int, index: int, per_day: int, stories_per_day: int) -> tuple[dict, str]:
    """Entry `index` of the stream: its fields (url, title, published, outlet, author) and its
    page's HTML. Its story is one started on its day or one of the `STORY_DAYS` - 1 before."""
    rng = random.Random(f"soak-entry:{seed}:{index}")
    today = index // per_day
    first_day = max(0, today - min(rng.randint(0, STORY_DAYS - 1), rng.randint(0, STORY_DAYS - 1)))
    story = StoryPlan(seed, first_day * stories_per_day + rng.randrange(stories_per_day), first_day)
    day = START + dt.timedelta(days=today)
    topic = TOPICS[story.topic]
    name, title = story.people[0]
    lead = (f"{story.city.upper()} \u2014 {topic['event'].format(**story.numbers).capitalize()} {topic['verb']} "
            f"{story.city}, {story.country}, on {day.strftime('%A')}, {title} {name} said. Officials said it "
            f"{rng.choice(topic['numbers']).format(**story.numbers)}.")  # fmt: skip
    paragraphs, words, target = [lead], len(lead.split()), rng.randint(120, 260)
    while words < target:
        paragraph = " ".join(_sentence(rng, story, day) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    headline = f"{topic['event'].format(**story.numbers).capitalize()} {topic['verb']} {story.city}"
    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    slug = outlet.lower().replace("the ", "").replace(" ", "")
    published = f"{day.isoformat()}T{index % per_day * 1440 // per_day // 60:02d}:{index % 60:02d}:00+00:00"
    url = f"https://{slug}.example/{day.isoformat().replace('-', '/')}/{story.topic}-{index}"
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    page = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(headline)}</title>"
            f"<meta property='article:published_time' content='{published}'></head><body>"
            f"<header><a href='/'>{html.escape(outlet)}</a></header><main><article><h1>{html.escape(headline)}</h1>\n"
            f"{body}\n</article></main><footer><p>(c) {day.year} {html.escape(outlet)}</p></footer></body></html>")  # fmt: skip
    fields = {"url": url, "title": headline, "published": published, "outlet": outlet,
              "author": f"{rng.choice(FIRST)} {coined(rng, 2)}", "feed": f"https://{slug}.example/feed.xml"}  # fmt: skip
    return fields, page


def documents(count: int, seed: int, per_day: int, stories_per_day: int) -> Iterator:
    """The stream as the feed reader yields fetched entries: one RawDocument each."""
    from storyline.record import Hints, RawDocument

    for index in range(count):
        fields, page = entry(seed, index, per_day, stories_per_day)
        raw = page.encode("utf-8")
        hints = Hints(url=fields["url"], title=fields["title"], published=fields["published"],
                      outlet=fields["outlet"], author=fields["author"])  # fmt: skip
        yield RawDocument(origin=fields["feed"], name=fields["url"], reader="feed", format="html", content=page,
                          raw=raw, locator=f"entry {index % 50 + 1}", hints=hints, encoding="utf-8")  # fmt: skip


def rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def duckdb_mb(store) -> dict[str, float]:
    """What DuckDB's buffer manager holds for the store now, by tag (ART_INDEX, BASE_TABLE, ...),
    the tags holding at least 0.1 MB."""
    rows = store.query("SELECT tag, memory_usage_bytes AS b FROM duckdb_memory() ORDER BY b DESC")
    return {r["tag"]: round(r["b"] / 2**20, 1) for r in rows if r["b"] >= 2**20 / 10}


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]  # fmt: skip


def malloc_mb() -> tuple[float, float] | None:
    """glibc malloc's view over all its arenas (mallinfo2): MB handed out and in use (small
    blocks and mmapped ones), and MB freed but kept by the allocator; None off glibc. Python's
    own small objects live in pymalloc's arenas instead, which tracemalloc counts."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):
        return None
    info = libc.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=50, help="entries per ingest batch (one transaction)")
    parser.add_argument("--every", type=int, default=1000, help="entries between two memory readings")
    parser.add_argument("--per-day", type=int, default=100, help="entries published per day")
    parser.add_argument("--stories-per-day", type=int, default=30, help="stories started per day")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1, help="the nlp_processes setting")
    parser.add_argument("--db-memory-mb", type=int, default=None, help="the db_memory_mb setting (default: its default)")
    parser.add_argument("--db-cache-mb", type=int, default=None,
                        help="the db_cache_mb setting (default: its default; 0: DuckDB's cache never cut)")  # fmt: skip
    parser.add_argument("--checkpoint-mb", type=int, default=None,
                        help="DuckDB's checkpoint_threshold: the write-ahead log this large is checkpointed "
                             "(DuckDB's default: 16)")  # fmt: skip
    parser.add_argument("--shape", choices=["watch", "stream", "rebuild"], default="watch",
                        help="watch: one ingest_documents call per batch with a Placement kept across calls, as "
                             "the watcher does; stream: one call over the whole stream; rebuild: one call per "
                             "batch, the clusterers rebuilt from the store each time")  # fmt: skip
    parser.add_argument("--tracemalloc", metavar="A,B", default=None,
                        help="trace the Python heap; diff snapshots taken at A and B entries")  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, help="keep the store in this file (default: a temporary one)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.entries < 1 or args.every < 1 or args.batch < 1 or args.per_day < 1 or args.stories_per_day < 1:
        parser.error("--entries, --every, --batch, --per-day and --stories-per-day must be at least 1")
    marks: list[int] = [int(x) for x in args.tracemalloc.split(",")] if args.tracemalloc else []
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start(int(os.environ.get("SOAK_TRACE_FRAMES", "1")))

    from storyline import pipeline
    from storyline.config import Settings
    from storyline.nlp import load_model
    from storyline.store import memory_options, open_store

    work = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    db = args.keep or work / "soak.duckdb"
    settings = Settings({"nlp_processes": args.processes, "batch_size": args.batch, "db_memory_mb": args.db_memory_mb,
                         "db_cache_mb": args.db_cache_mb})  # fmt: skip
    store = open_store(str(db), **memory_options(settings))  # as the CLI and the watcher open it
    if args.checkpoint_mb is not None:
        store.query(f"SET checkpoint_threshold = '{int(args.checkpoint_mb)}MB'")
    strings = load_model(str(settings.nlp_model) or None).vocab.strings  # loaded before the clock, as a watch would
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"soak-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    result = {"benchmark": "soak", "when": dt.datetime.now().isoformat(timespec="seconds"), "commit": git_commit(),
              "machine": platform.machine(), "python": platform.python_version(), "cpus": os.cpu_count(),
              "entries": args.entries, "batch": args.batch, "per_day": args.per_day,
              "stories_per_day": args.stories_per_day, "processes": args.processes, "shape": args.shape,
              "db_memory_mb": int(settings.db_memory_mb),
              "db_cache_mb": int(settings.db_cache_mb), "checkpoint_mb": args.checkpoint_mb, "tracemalloc": bool(args.tracemalloc),
              "rss_after_model_mb": round(rss_mb(), 1), "points": [], "grew": []}  # fmt: skip
    done, next_at, snapshots = 0, args.every, {}
    t0 = time.perf_counter()
    print(f"{'entries':>8}{'seconds':>9}{'rss MB':>8}{'peak MB':>9}{'heap MB':>9}{'duckdb MB':>10}"
          f"{'malloc MB':>10}{'free MB':>8}{'strings':>9}{'store MB':>9}", flush=True)  # fmt: skip

    def progress(advance: int = 1, total: int | None = None) -> None:
        nonlocal done, next_at
        done += advance
        for mark in marks:
            if mark not in snapshots and done >= mark:
                gc.collect()
                snapshots[mark] = tracemalloc.take_snapshot()
        if done < next_at and done < args.entries:
            return
        next_at = (done // args.every + 1) * args.every
        heap = None
        if args.tracemalloc:
            heap = (tracemalloc.get_traced_memory()[0]) / 2**20
        overhead = tracemalloc.get_tracemalloc_memory() / 2**20 if args.tracemalloc else 0.0
        tags, malloc = duckdb_mb(store), malloc_mb()
        point = {"entries": done, "seconds": round(time.perf_counter() - t0, 1), "rss_mb": round(rss_mb(), 1),
                 "rss_less_tracing_mb": round(rss_mb() - overhead, 1), "peak_mb": round(peak_mb(), 1),
                 "heap_mb": round(heap, 1) if heap is not None else None, "duckdb_mb": round(sum(tags.values()), 1),
                 "duckdb_tags": tags, "malloc_used_mb": round(malloc[0], 1) if malloc else None,
                 "malloc_free_mb": round(malloc[1], 1) if malloc else None,
                 "strings": len(strings),
                 "store_mb": round(sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*")) / 2**20, 1)}  # fmt: skip
        result["points"].append(point)
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"{done:>8}{point['seconds']:>9.0f}{point['rss_less_tracing_mb']:>8.0f}{point['peak_mb']:>9.0f}"
              f"{heap or 0:>9.1f}{point['duckdb_mb']:>10.0f}{point['malloc_used_mb'] or 0:>10.0f}{point['malloc_free_mb'] or 0:>8.0f}{point['strings']:>9}{point['store_mb']:>9.0f}", flush=True)  # fmt: skip

    stream = documents(args.entries, args.seed, args.per_day, args.stories_per_day)
    reports = []
    try:
        if args.shape == "stream":
            reports.append(pipeline.ingest_documents(stream, store, settings=settings, progress=progress))
        else:
            from storyline.nlp import batches

            placement = pipeline.Placement() if args.shape == "watch" else None
            for batch in batches(stream, args.batch):
                reports.append(pipeline.ingest_documents(batch, store, settings=settings, progress=progress,
                                                         placement=placement))  # fmt: skip
    finally:
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    result["report"] = {k: sum(r.as_dict()[k] for r in reports) for k in ("read", "new", "updated", "unchanged", "failed")}
    result["first_errors"] = [str(e) for r in reports for e in r.errors][:5]
    if len(marks) == 2 and all(m in snapshots for m in marks):
        diff = snapshots[marks[1]].compare_to(snapshots[marks[0]], "traceback" if tracemalloc.get_traceback_limit() > 1 else "lineno")
        print(f"\nthe Python heap from {marks[0]:,} to {marks[1]:,} entries, the 25 sites that grew most:")
        for stat in diff[:25]:
            frames = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback)
            print(f"{stat.size_diff / 2**20:>+9.2f} MB {stat.count_diff:>+9} blocks  {frames}")
            result["grew"].append({"mb": round(stat.size_diff / 2**20, 3), "blocks": stat.count_diff, "where": frames})
    path.write_text(json.dumps(result, indent=2) + "\n")
    points = {p["entries"]: p for p in result["points"]}
    base = points.get(2000) or result["points"][0]
    last = result["points"][-1]
    key = "rss_less_tracing_mb"
    print(f"ingested {result['report']['read']} entries, {result['report']['failed']} failed; result: {path}")
    print(f"memory after {last['entries']:,} entries: {last[key]:.0f} MB, after {base['entries']:,}: "
          f"{base[key]:.0f} MB (ratio {last[key] / base[key]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
