"""Timelines: a story's dated events in order, a storyline's across its stories, and one actor's
across stories.

Each entry is one linked event (event_links.py) with a date, shown at the precision the
text gives it: "2022-03" stays a month and sorts before any day of that month, never placed on
a day. A date that is only the publication day (precision "published") is not an event date.
Pure: reads Articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..record import Article
from .claims import Source
from .event_links import EventRow, link_events
from .storyline import StoryArticles


@dataclass
class TimelineEntry:
    date: str  # TIMEX3 value: "2025-05-16", "2022-03", "XXXX-06-02"
    precision: str | None  # day, month, year, ...
    what: str  # PLOVER type, parties, place
    type: str
    mode: str | None
    sources: list[Source] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"date": self.date, "precision": self.precision, "what": self.what, "type": self.type,
                "mode": self.mode, "sources": [s.as_dict() for s in self.sources]}


def story_timeline(articles: list[Article], copies: dict[str, str] | None = None, *, entity: str | None = None) -> list[TimelineEntry]:
    """The story's dated events, oldest first; `entity` keeps those the actor takes part in."""
    by_id = {a.id: a for a in articles}
    rows = [
        EventRow(a.id, a.outlet, "story", e, a.text[e.sentence_start : e.sentence_end].strip())
        for a in articles for e in a.events
        if e.date and e.date_precision not in (None, "published")
        and (entity is None or any(x.entity == entity for x in e.sources + e.targets))
    ]
    out = []
    for le in link_events(rows):
        if not le.date or le.date_precision == "published":
            continue
        parties = [x.text for r in le.rows[:1] for x in r.event.sources + r.event.targets if x.text]
        what = f"{le.type}: {', '.join(dict.fromkeys(parties)) or '?'}" + (f" in {le.place_name}" if le.place_name else "")
        srcs, seen = [], set()
        for r in le.rows:
            if (r.article, r.event.sentence_start) not in seen:
                seen.add((r.article, r.event.sentence_start))
                srcs.append(Source(r.article, r.outlet, by_id[r.article].published, r.sentence, r.event.sentence_start, r.event.sentence_end))
        out.append(TimelineEntry(le.date, le.date_precision, what, le.type, le.mode, srcs))
    if entity is None:
        out += _past_references(articles, {e.date for e in out})
    return sorted(out, key=lambda e: (_sortable(e.date), e.what))


def _past_references(articles: list[Article], known: set[str]) -> list[TimelineEntry]:
    """Month- or year-precision dates the articles refer back to ('the first talks since March
    2022') that no coded event carries: kept at their own precision, with their sentences."""
    found: dict[str, list[Source]] = {}
    for a in articles:
        for d in a.dates:
            if d.type != "DATE" or d.precision not in ("month", "year") or not d.value[:4].isdigit():
                continue
            if d.value in known or (a.published and d.value >= a.published[: len(d.value)]):
                continue  # only the past: a month still running is the news itself
            start, end = next(((s, e) for s, e in a.sentences if s <= d.start < e), (d.start, d.end))
            found.setdefault(d.value, []).append(Source(a.id, a.outlet, a.published, a.text[start:end].strip(), start, end))
    return [TimelineEntry(v, "month" if len(v) == 7 else "year", f"referred to: {srcs[0].sentence[:80]}", "REFERENCE", "historical", srcs) for v, srcs in found.items()]


def storyline_timeline(stories: Sequence[StoryArticles]) -> list[tuple[str, TimelineEntry]]:
    """(story id, entry) for the dated events of every story of a storyline, on one line, oldest
    first: each story's own timeline (story_timeline, its copies folded), tagged with the story.
    Entries of one date keep the storyline's order of their stories; two stories telling of one
    event keep an entry each, so each stays traced to its own story."""
    tagged = [(i, s.story, e) for i, s in enumerate(stories) for e in story_timeline(s.articles, s.copies)]
    tagged.sort(key=lambda t: (_sortable(t[2].date), t[0]))  # stable: a story's own order stays
    return [(story, e) for _, story, e in tagged]


def actor_timeline(articles_by_story: dict[str, list[Article]], entity_key: str) -> list[tuple[str, TimelineEntry]]:
    """(story id, entry) for every dated event the actor takes part in, across stories."""
    out = [(story, e) for story, arts in articles_by_story.items() for e in story_timeline(arts, entity=entity_key)]
    return sorted(out, key=lambda p: (_sortable(p[1].date), p[0]))


def _sortable(value: str) -> str:
    """A month sorts before its days ('2022-03' < '2022-03-01'); unknown years ('XXXX') last."""
    return value.replace("X", "~")
