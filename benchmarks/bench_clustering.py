"""Story clustering: time per article at growing corpus sizes, and peak memory.

    python benchmarks/bench_clustering.py                       # 1,000, 10,000, 100,000
    python benchmarks/bench_clustering.py --sizes 1000 10000

Each size runs in a fresh child process over the first N articles of the synthetic corpus
(benchmarks/synthetic.py; article i is the same whatever N is), streamed: articles are
generated one at a time and not kept, as an ingest would read them. HTML records are reduced
to their text with a regular expression outside the timed part. Timed: `StoryClusterer.add`
(near-duplicates and clustering) with the explanation `why` stores, and, every 500 articles
(the default batch), the story part of storage (`Store.save_stories` into a DuckDB file), as
`pipeline.place_in_stories` does. Times are CPU seconds of the process (`time.process_time`),
so that other work on a shared machine does not skew one size against another. Peak memory is the child's ru_maxrss (interpreter and imports
included). The headline figure is the ratio of per-article time at the largest size to that at
the smallest: the cost should not grow as stories accumulate (the issue asks for at most 2x). Synthetic pairwise
F1 against the generator's labels is printed for information only (its template prose makes
same-topic stories near-identical; it is not a quality measure).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import peak_mb

HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.S | re.I)


def _text(record: dict) -> str:
    if record.get("text"):
        return record["text"]
    return html.unescape(_TAG.sub("\n", record.get("html") or ""))


def run_one(size: int, batch: int = 500) -> dict:
    sys.path.insert(0, str(HERE))
    from synthetic import generate

    from storyline.evaluation.clustering import score_clustering
    from storyline.pipeline import decision_record
    from storyline.stories import StoryClusterer, StoryInput
    from storyline.store import Store

    rss_before = peak_mb()
    clusterer = StoryClusterer(keep_inputs=False)
    gold: dict[str, str] = {}
    clustering = storing = 0.0
    last_tenth = 0.0  # clustering + storing over the last tenth of the stream
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.duckdb"))

        def save(decisions: list[dict], touched: set[str], gone: set[str]) -> float:
            # what pipeline.place_in_stories hands the store after each batch
            start = time.process_time()
            for decision in decisions:
                decision["story_id"] = clusterer.story_of(decision["article_id"])
            current = {clusterer.story_of(s) for s in touched}
            store.save_stories(decisions, [clusterer.story(s).as_dict() for s in sorted(current)], gone=gone - current)
            return time.process_time() - start

        decisions: list[dict] = []
        touched: set[str] = set()
        gone: set[str] = set()
        for i, (record, story) in enumerate(generate(size)):
            item = StoryInput(id=record["id"], title=record.get("title") or "", text=_text(record),
                              published=record.get("published"), outlet=record.get("outlet"))  # fmt: skip
            gold[record["id"]] = story
            start = time.process_time()
            assignment = clusterer.add(item)
            decisions.append(decision_record(clusterer, item.id, assignment))
            touched.add(assignment.story)
            gone.update(assignment.merged)
            spent = time.process_time() - start
            clustering += spent
            if len(decisions) == batch or i == size - 1:
                saved = save(decisions, touched, gone)
                storing += saved
                spent += saved
                decisions, touched, gone = [], set(), set()
            if i >= size - size // 10:
                last_tenth += spent
        store.close()
    score = score_clustering(gold, clusterer.article_stories())
    return {
        "articles": size,
        "clustering_ms_per_article": round(clustering * 1000 / size, 4),
        "storing_ms_per_article": round(storing * 1000 / size, 4),
        "ms_per_article": round((clustering + storing) * 1000 / size, 4),
        "ms_per_article_last_tenth": round(last_tenth * 1000 / (size // 10), 4),
        "stories": len(clusterer.stories),
        "stories_in_index": len(clusterer.index),
        "peak_mb": round(peak_mb(), 1),
        "rss_before_clustering_mb": round(rss_before, 1),
        "synthetic_pairwise_f1": round(score.f1, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{size:>8} articles  {row['ms_per_article']:.3f} ms/article (clustering and dedup "
              f"{row['clustering_ms_per_article']:.3f}, storing stories {row['storing_ms_per_article']:.3f}) "
              f"(last tenth {row['ms_per_article_last_tenth']:.3f})  peak {row['peak_mb']} MB "
              f"(before clustering {row['rss_before_clustering_mb']} MB)  {row['stories']} stories, "
              f"{row['stories_in_index']} in the index", flush=True)  # fmt: skip
    ratio = rows[-1]["ms_per_article"] / rows[0]["ms_per_article"]
    print(f"per-article time {rows[-1]['articles']:,} / {rows[0]['articles']:,}: {ratio:.2f}x")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / f"clustering-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(
        json.dumps({"rows": rows, "ratio": round(ratio, 3)}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
