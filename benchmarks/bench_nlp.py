"""Language understanding beside its floor: a bare spaCy pass over the same texts.

Both runs use the same loaded model over the same article texts, in one process, one after the
other and then again (the faster of each is kept), so the ratio compares like with like:

    floor  nlp.pipe(texts) with en_core_web_sm (what any spaCy-based system pays)
    ours   nlp.analyse(articles): the same parse, then entities (gazetteer, titles,
           countries, surname linking), dates (TIMEX3), quotes (attribution) and events (PLOVER)

    python benchmarks/bench_nlp.py --articles 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402


def articles_for(count: int, seed: int):
    """Clean Articles from the synthetic corpus's text records (HTML pages skipped)."""
    from storyline.record import Article, article_id, join_blocks

    out = []
    for record, _ in generate(count * 2, seed):
        if not record.get("text") or len(out) >= count:
            continue
        text, paragraphs = join_blocks([("body", p) for p in record["text"].split("\n\n")])
        out.append(Article(
            id=article_id(record["id"]), key=record["id"], name=record["id"], text=text,
            paragraphs=paragraphs, removed=[], origin="synthetic", reader="jsonl", format="text",
            raw=b"", published=record.get("published"), language="en",
        ))  # fmt: skip
    return out


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest is kept")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)

    from storyline.nlp import analyse, load_model

    articles = articles_for(args.articles, args.seed)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    list(analyse(articles[:5]))  # warm up: gazetteer, lexicons, model caches

    floor = min(timed(lambda: list(nlp.pipe(texts, batch_size=32))) for _ in range(args.repeat))
    ours = min(timed(lambda: list(analyse(articles))) for _ in range(args.repeat))

    n = len(articles)
    result = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": platform.machine(), "python": platform.python_version(),
        "articles": n, "words": words, "model": nlp.meta.get("name"),
        "floor_spacy": {"seconds": floor, "articles_per_s": n / floor, "ms_per_article": 1000 * floor / n},
        "ours_analyse": {"seconds": ours, "articles_per_s": n / ours, "ms_per_article": 1000 * ours / n},
        "cost_ratio": ours / floor,
        "throughput_ratio": floor / ours,
    }  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"nlp-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"{n} articles, {words / n:.0f} words each on average")
    print(f"{'run':<52}{'art/s':>8}{'ms/art':>9}")
    print(f"{'bare spaCy pass (nlp.pipe)':<52}{n / floor:>8.1f}{1000 * floor / n:>9.2f}")
    print(f"{'storyline analyse (+entities, dates, quotes, events)':<52}{n / ours:>8.1f}{1000 * ours / n:>9.2f}")
    print(f"our layers cost {ours / floor - 1:+.0%} over the bare pass "
          f"(throughput {floor / ours:.2f}x of it); result: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
