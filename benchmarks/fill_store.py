"""A store of N synthetic articles, fast: no cleaning and no spaCy pass, but the real schema.

Articles come from the synthetic corpus generator (benchmarks/synthetic.py; article i is the
same whatever N is). Each becomes an `Article` with what the pipeline would have found in it,
read off the generator's own story (so it is plausible, not coded by our stages): sentences;
mentions of the story's people, city and country, with titles and countries; entities; dates
("by June 3", the weekday of the lead); direct quotes with speaker, cue and channel; one to
three PLOVER events (a type per topic, the speaker as source, the country as target, the city
as place). Stories are the generator's stories. Everything goes in through the Store's own
methods (`add_articles`, `save_stories`), so tables, indexes and the search index are exactly
those a real ingest builds.

    python benchmarks/fill_store.py --db /tmp/news-100k.duckdb --articles 100000
    python benchmarks/fill_store.py --db /tmp/news.duckdb --articles 10000 --batch 2000

Running it again with a larger --articles grows the same store (the first articles are the
same); with a smaller or equal one it changes nothing. Prints one JSON line: articles stored,
seconds, articles per second, the store's size.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import html
import json
import os
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import CHANNELS, generate, make_story  # noqa: E402

from storyline.record import (  # noqa: E402
    Actor, Article, Entity, Event, Mention, Quote, TimeExpression, article_id, join_blocks,
)  # fmt: skip
from storyline.store import open_store  # noqa: E402

EVENT_TYPES = {  # a plausible PLOVER type for what each synthetic topic's officials do
    "earthquake": "AID", "flood": "AID", "strike": "PROTEST", "election": "CONSULT", "talks": "CONSULT",
    "rates": "COOPERATE", "wildfire": "MOBILIZE", "mine": "AID", "court": "ACCUSE", "summit": "AGREE",
    "protest": "PROTEST", "rail": "AID",
}  # fmt: skip
CHANNEL_NAMES = {"statement": "statement", "press conference": "press conference", "reporters": "interview",
                 "Telegram": "Telegram", "social media": "social media", "broadcaster": "television"}  # fmt: skip
MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                       "September", "October", "November", "December"], 1)}  # fmt: skip
_SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["”]))\s+(?=["“A-Z])')
_ARTICLE_PS = re.compile(r"<article>(.*?)</article>", re.S)
_P = re.compile(r"<p>(.*?)</p>", re.S)
_BY_DATE = re.compile(r"\bby (" + "|".join(MONTHS) + r") (\d{1,2})\b")
_WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_QUOTE = re.compile(r'^"([^"]+),"')


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=None)
def alpha3(country: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup({"Turkey": "Türkiye"}.get(country, country)).alpha_3
    except LookupError:
        return None


@lru_cache(maxsize=512)
def story_facts(seed: int, story_id: str):
    """The generator's story, its entities, and one regex finding any of their names."""
    story = make_story(seed, int(story_id[1:]))
    code = alpha3(story.country[0])
    entities = {}
    for name, title, _ in story.people:
        entities[name] = Entity(f"person:{slug(name)}", name, "PERSON", code, (title,), (name, name.split()[-1]))
    entities[story.city] = Entity(f"place:{slug(story.city)}", story.city, "PLACE", code, (), (story.city,))
    entities[story.country[0]] = Entity(f"place:{slug(story.country[0])}", story.country[0], "PLACE", code, (), (story.country[0],))
    names = re.compile("|".join(re.escape(n) for n in sorted(entities, key=len, reverse=True)))
    return story, entities, names


def body_blocks(record: dict) -> list[str]:
    """The article's paragraphs: the <p>s of an HTML page's <article>, or the text's blocks
    without the outlet's menus and widgets (short lines)."""
    if record.get("html"):
        inner = _ARTICLE_PS.search(record["html"])
        return [html.unescape(p) for p in _P.findall(inner.group(1) if inner else record["html"])]
    return [b for b in record["text"].split("\n\n") if len(b) > 80 or b == record.get("title")]


def build_article(record: dict, story_id: str, seed: int) -> Article:
    story, entities, names = story_facts(seed, story_id)
    text, paragraphs = join_blocks([("body", b) for b in body_blocks(record)])
    sentences = [(p.start + m_start, p.start + m_end) for p in paragraphs
                 for m_start, m_end in _spans(text[p.start:p.end])]  # fmt: skip
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> tuple[int, int]:
        return sentences[max(0, bisect.bisect_right(starts, offset) - 1)]

    mentions, used = [], {}
    for m in names.finditer(text):
        entity = entities[m.group()]
        used.setdefault(entity.key, entity)
        s, e = sentence_of(m.start())
        mentions.append(Mention(m.start(), m.end(), m.group(), entity.label, entity.key,
                                entity.titles[0] if entity.titles else None, entity.country, s, e))  # fmt: skip
    published = dt.date.fromisoformat(record["published"])
    dates = []
    for m in _WEEKDAY.finditer(text):
        dates.append(TimeExpression(m.start(1), m.end(1), m.group(1), "DATE", published.isoformat(), "day", True))
        break
    for m in _BY_DATE.finditer(text):
        value = f"{published.year}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
        dates.append(TimeExpression(m.start(1), m.end(), f"{m.group(1)} {m.group(2)}", "DATE", value, "day", True))
    dates.sort(key=lambda d: d.start)
    quotes, events = [], []
    country = entities[story.country[0]]
    city = entities[story.city]
    for s, e in sentences:
        sentence = text[s:e]
        said = _QUOTE.match(sentence)
        if not said:
            continue
        speaker = next((m for m in mentions if s <= m.start < e and m.label == "PERSON"), None)
        channel_text = next((c for c in CHANNELS if c in sentence), None)
        cue_at = sentence.find(channel_text.split()[0]) if channel_text else -1
        channel = next((v for k, v in CHANNEL_NAMES.items() if channel_text and k in channel_text), None)
        quotes.append(Quote(s + 1, s + 1 + len(said.group(1)), said.group(1), True,
                            speaker.entity if speaker else None, speaker.text if speaker else None,
                            speaker.start if speaker else None, speaker.end if speaker else None,
                            channel_text.split()[0] if channel_text else None,
                            s + cue_at if cue_at >= 0 else None,
                            s + cue_at + len(channel_text.split()[0]) if cue_at >= 0 else None, channel))  # fmt: skip
        if speaker and len(events) < 3:
            source = Actor(speaker.text, speaker.start, speaker.end, speaker.entity, speaker.country, "GOV")
            target = Actor(country.name, s, s, country.key, country.country, None)
            events.append(Event(EVENT_TYPES[story.topic], s, e, s + cue_at if cue_at >= 0 else s,
                                s + cue_at + 4 if cue_at >= 0 else s + 1, (source,), (target,), None, (),
                                published.isoformat(), "day", city.key, city.name, city.country,
                                None, None, speaker.entity, 0.7))  # fmt: skip
    key = "url:" + record["url"]
    raw = json.dumps(record, ensure_ascii=False).encode()
    return Article(
        id=article_id(key), key=key, name=record["url"], text=text, paragraphs=paragraphs, removed=[],
        origin="synthetic.jsonl", reader="jsonl", format="html" if record.get("html") else "text", raw=raw,
        locator=None, encoding="utf-8", title=record["title"], outlet=record["outlet"], url=record["url"],
        published=record["published"], published_from="metadata", language="en", language_score=0.99,
        external_id=record["id"], sentences=sentences, mentions=mentions, entities=list(used.values()),
        dates=dates, quotes=quotes, events=events,
    )  # fmt: skip


def _spans(paragraph: str):
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        yield start, m.start()
        start = m.end()
    yield start, len(paragraph)


def fill(db: str, articles: int, *, seed: int = 1, batch: int = 2000, progress=None,
         memory_mb: int | None = None) -> dict:  # fmt: skip
    """Grow the store at `db` to the first `articles` synthetic articles; what it did.
    `memory_mb` caps DuckDB's memory, as the `db_memory_mb` setting does for an ingest."""
    started = time.perf_counter()
    with open_store(db, memory_mb=memory_mb) as store:
        have = store.count_articles()
        stories = _stored_stories(store) if have else {}
        pending, added = [], 0
        for index, (record, story_id) in enumerate(generate(articles, seed)):
            if index < have:
                continue
            pending.append((build_article(record, story_id, seed), story_id))
            if len(pending) >= batch:
                added += _store_batch(store, pending, stories)
                pending = []
                if progress:
                    progress(have + added)
        if pending:
            added += _store_batch(store, pending, stories)
        total = store.count_articles()
    seconds = time.perf_counter() - started
    return {"db": db, "articles": total, "added": added, "seconds": round(seconds, 2),
            "articles_per_s": round(added / seconds, 1) if added else None,
            "store_mb": round(os.path.getsize(db) / 2**20, 1) if db != ":memory:" else None}  # fmt: skip


def _stored_stories(store) -> dict[str, dict]:
    rows = store.query(
        "SELECT st.id, st.title, st.first_seen, st.last_seen, st.outlets, list(s.article_id ORDER BY s.position) AS ids "
        "FROM stories st JOIN story_assignments s ON s.story_id = st.id GROUP BY ALL"
    )
    return {r["id"]: {"id": r["id"], "title": r["title"], "first_seen": str(r["first_seen"]), "last_seen": str(r["last_seen"]),
                      "articles": list(r["ids"]), "outlets": list(r["outlets"])} for r in rows}  # fmt: skip


def _store_batch(store, pending: list[tuple[Article, str]], stories: dict[str, dict]) -> int:
    result = store.add_articles([a for a, _ in pending])
    assignments, touched = [], {}
    for article, story_id in pending:
        story = stories.setdefault(story_id, {"id": story_id, "title": article.title, "first_seen": article.published,
                                              "last_seen": article.published, "articles": [], "outlets": []})  # fmt: skip
        decision = "joined" if story["articles"] else "started"
        story["articles"].append(article.id)
        story["first_seen"] = min(story["first_seen"], article.published)
        story["last_seen"] = max(story["last_seen"], article.published)
        if article.outlet not in story["outlets"]:
            story["outlets"].append(article.outlet)
        assignments.append({"article_id": article.id, "story_id": story_id, "decision": decision,
                            "probability": 0.9 if decision == "joined" else None, "copy_of": None,
                            "explanation": {"decision": decision, "synthetic": True}})  # fmt: skip
        touched[story_id] = story
    store.save_stories(assignments, [{**s, "independent_sources": len(s["outlets"]), "merged_from": []}
                                     for s in touched.values()])  # fmt: skip
    return result.new + result.updated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the store to create or grow (a DuckDB file)")
    parser.add_argument("--articles", type=int, required=True, help="how many synthetic articles it should hold")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000, help="articles per add_articles transaction")
    parser.add_argument("--memory-mb", type=int, default=0, help="cap DuckDB's memory (MB), as db_memory_mb does; 0: DuckDB's default")
    args = parser.parse_args()
    report = fill(args.db, args.articles, seed=args.seed, batch=args.batch, memory_mb=args.memory_mb or None,
                  progress=lambda n: print(f"  {n} articles", file=sys.stderr, flush=True))  # fmt: skip
    print(json.dumps(report))


if __name__ == "__main__":
    main()
