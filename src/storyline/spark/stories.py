"""The job's one ordered pass, on the driver: people linked across batches, and stories.

Two decisions of the single-machine pipeline depend on what came before: a surname-only
person takes the key of the one full name the *earlier batches* know (`pipeline.link_people`),
and each article joins or starts a story given every article placed before it
(`pipeline.place_in_stories`). Both are cheap next to the parse, so the executors do the
parallel work (read, clean, parse) and this pass replays the sequential part over compact
records (title, text, date, outlet, entities, dates: no raw bytes, mentions, quotes or events),
streamed batch by batch in the single-machine order:

    for each batch:  known = people the earlier batches name with a full name (store SQL)
                     batch = resolve_across(batch, known)        (the executors repeat it on
                     place_in_stories(batch, clusterer, sink)     the whole articles, given `known`)

It calls the same functions as `pipeline.py` (and the same `Store.known_people` query, on a
scratch DuckDB file), so the links and the story grouping are those of `storyline ingest` of
the same inputs into an empty store, whatever the clustering model becomes. In the windowed
story mode (spark/windows.py) the pass links people only (`place_stories=False`), over
records without their texts (`people_only`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..entities import resolve_across
from ..pipeline import place_in_stories
from ..record import Article, Entity
from ..store import Store
from ..storylines import Threads


def people_only(article: Article) -> Article:
    """What the pass needs when it links people only (the windowed story mode): no texts."""
    return replace(compact(article), title="", text="", dates=[])


def compact(article: Article) -> Article:
    """What the ordered pass needs of an analysed article (`story_input` and `resolve_across`
    read no more): the big parts dropped."""
    return replace(article, raw=b"", paragraphs=[], removed=[], sentences=[], mentions=[], quotes=[], events=[])


@dataclass
class StorySink:
    """Where `place_in_stories` saves its decisions: the two calls of `Store` it makes, with the
    store's semantics (positions in the order seen; a merged story's articles follow it; a story
    merged away is dropped), kept in memory as compact rows."""

    assignments: dict[str, dict] = field(default_factory=dict)  # article id -> row, in order seen
    stories: dict[str, dict] = field(default_factory=dict)
    published: dict[str, str | None] = field(default_factory=dict)  # article id -> its date (partitions)
    last_saved: list[str] = field(default_factory=list)  # the article ids the last call placed, in order

    def assigned_articles(self, ids: Iterable[str]) -> set[str]:
        return {i for i in ids if i in self.assignments}

    def save_stories(self, assignments: list[dict], stories: list[dict], gone: Iterable[str] = (), *,
                     storylines: list[dict] = (), storylines_gone: Iterable[str] = ()) -> None:  # fmt: skip
        # the cluster job's Parquet layout holds stories only (no storylines yet): they are not kept
        self.last_saved = [a["article_id"] for a in assignments]
        for a in assignments:
            self.assignments.pop(a["article_id"], None)
            self.assignments[a["article_id"]] = {
                **{k: a[k] for k in ("article_id", "story_id", "decision", "probability", "copy_of")},
                "explanation": json.dumps(a["explanation"], default=str),  # as the store keeps it
            }
        for story in stories:
            for article_id in story["articles"]:
                if article_id in self.assignments:
                    self.assignments[article_id]["story_id"] = story["id"]
        for story_id in [s["id"] for s in stories] + list(gone):
            self.stories.pop(story_id, None)
        for story in stories:
            self.stories[story["id"]] = {k: v for k, v in story.items() if k != "copies"}


class OrderedPass:
    """Replays the single-machine order over compact analysed articles, one batch at a time."""

    def __init__(self, workdir: str | None = None, *, place_stories: bool = True):
        self._dir = tempfile.mkdtemp(prefix="storyline-spark-", dir=workdir)
        # the people seen so far, in a scratch store so `known_people` is the store's own query
        self._people = Store(os.path.join(self._dir, "people.duckdb"))
        self.clusterer = Threads(keep_inputs=False)  # only `history()` reads the texts: they need not stay
        self.sink = StorySink()
        self.known: dict[int, list[Entity]] = {}  # batch -> the people `resolve_across` is given
        self.superseded: set[tuple[int, int]] = set()  # (batch, position) of versions a later one replaces
        self._latest: dict[str, tuple[int, int]] = {}
        self._placed = 0  # articles placed in stories so far
        # False: people only (stories are clustered by window, spark/windows.py); the articles
        # are still numbered in the order `place_in_stories` would place them
        self.place_stories = place_stories
        self._seen: set[str] = set()

    def add_batch(self, batch: int, numbered: list[tuple[int, Article]]) -> None:
        """One batch of compact analysed articles with their positions, in input order."""
        articles = [a for _, a in numbered]
        for pos, article in numbered:  # the store keeps an id's last version
            if article.id in self._latest:
                self.superseded.add(self._latest[article.id])
            self._latest[article.id] = (batch, pos)
        ids = [a.id for a in articles]
        surnames = {e.name.split()[-1] for a in articles for e in a.entities if e.label == "PERSON"}
        known = self._people.known_people(surnames, before=ids)
        if known:
            self.known[batch] = known
        resolved = resolve_across(articles, known=known)
        self._remember_people(resolved)
        if self.place_stories:
            for article in resolved:
                self.sink.published[article.id] = article.published
        if self.place_stories:
            self.sink.last_saved = []
            place_in_stories(resolved, self.clusterer, self.sink)
            self._remember_positions(self.sink.last_saved)
        else:  # place_in_stories' order: by date (undated last), each id once
            ids = [a.id for a in sorted(resolved, key=lambda a: a.published or "9999")]
            placed = [i for i in dict.fromkeys(ids) if i not in self._seen]
            self._seen.update(placed)
            self._remember_positions(placed)

    def _remember_people(self, articles: list[Article]) -> None:
        """What `known_people` reads (the `person_surnames` rows of full-named people), as
        `add_articles` would leave it: an article's rows replaced by its latest version."""
        latest = {a.id: a for a in articles}
        rows = [
            (a.id, i, e.key, e.name, e.label, e.country, list(e.titles), list(e.aliases))
            for a in latest.values()
            for i, e in enumerate(a.entities)
            if e.label == "PERSON" and " " in e.name
        ]
        self._people.forget_people(list(latest))
        self._people.remember_people(rows)

    def _remember_positions(self, ids: list[str]) -> None:
        """Where each article was placed: `known_people` counts only what articles placed before
        a batch's first already-placed article say (a batch repeating an earlier input)."""
        if not ids:
            return
        start = self._placed
        self._placed += len(ids)
        self._people.query(
            "INSERT INTO story_assignments (article_id, position, story_id, decision, explanation) "
            "SELECT unnest($ids), unnest($positions), '', '', '{}'",
            {"ids": ids, "positions": list(range(start, start + len(ids)))},
        )

    def assignments(self) -> Iterator[tuple[int, dict, str | None]]:
        """(position, assignment row, article's date) in the order the clusterer saw them."""
        for position, row in enumerate(self.sink.assignments.values()):
            yield position, row, self.sink.published.get(row["article_id"])

    def stories(self) -> list[dict]:
        return [self.sink.stories[s] for s in sorted(self.sink.stories)]

    def close(self) -> None:
        self._people.close()
        for name in os.listdir(self._dir):
            os.remove(os.path.join(self._dir, name))
        os.rmdir(self._dir)
