"""Ingest: read inputs, clean them, and store them, one batch per transaction.

    read (readers/) → clean (clean/) → language (clean/language.py)
        → understand (nlp/: entities, dates, quotes, events) → link people across the
        corpus → store
        → stories (stories/: each new article joins a story or starts one) → store

Re-running an ingest adds nothing: an article's id comes from its input (URL, given id, or
name and bytes), unchanged articles are not rewritten, and batches are formed in input order,
so a run killed midway and run again ends with the same store as one clean run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .clean import add_language, clean_batch
from .config import Settings
from .entities import resolve_across
from .errors import StorylineError
from .nlp import Analyser, batches
from .readers import read
from .record import Article, Hints, RawDocument
from .store import Store
from .stories import StoryClusterer, StoryInput, explain, story_input


@dataclass
class IngestReport:
    """What an ingest did. `errors` name each input (and line or record) that failed."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[StorylineError] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.updated + self.unchanged

    @property
    def failed(self) -> int:
        return len(self.errors)

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "errors": [str(e) for e in self.errors],
        }


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    hints: Hints = Hints(),
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read, clean and store every article under `paths` (files, folders, URLs, '-' for stdin).
    `hints` (e.g. --published, --outlet) fill what a document's own metadata leaves open."""
    settings = settings or Settings()
    # Validators go back to the store only once every article is stored: a run killed after
    # a feed answered 200 must fetch it whole again, not get a 304 and lose its entries.
    validators = store.http_validators()
    items = read(paths, settings, hints, cache=validators)
    report = ingest_documents(items, store, settings=settings, hints=hints, progress=progress)
    store.save_http_validators(validators)
    return report


def ingest_documents(
    items: Iterable[RawDocument | StorylineError],
    store: Store,
    *,
    settings: Settings | None = None,
    hints: Hints = Hints(),
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Clean, understand and store documents already read (a reader's output: documents and
    the errors met reading them), in batches, each in one transaction.

    With `nlp_processes` > 1, worker processes analyse a batch while this process stores the
    batch before it and places it in stories: the next batch is cleaned and handed over
    before the current one is stored. Batches are still stored one at a time, in input order."""
    settings = settings or Settings()
    report = IngestReport()
    clusterer: StoryClusterer | None = None  # rebuilt from the store when first needed
    analyser = Analyser(model=str(settings.nlp_model) or None, batch_size=int(settings.nlp_batch_size),
                        processes=int(settings.nlp_processes))  # fmt: skip
    waiting = None  # the batch handed to the analyser and not yet stored
    with analyser:
        for batch in batches(items, int(settings.batch_size)):
            docs = [item for item in batch if isinstance(item, RawDocument)]
            report.errors.extend(item for item in batch if not isinstance(item, RawDocument))
            report.read += len(docs)
            articles, errors = clean_batch(
                docs, repeated_line_min_docs=int(settings.repeated_line_min_docs), user=hints
            )
            report.errors.extend(errors)
            articles = [add_language(a, float(settings.min_language_score)) for a in articles]
            handed = (len(batch), articles, analyser.start(articles))
            if waiting:
                clusterer = _store_batch(*waiting, store, report, clusterer, progress)
            waiting = handed
        if waiting:
            _store_batch(*waiting, store, report, clusterer, progress)
    return report


def _store_batch(size: int, articles: list[Article], analysed: Callable[[], list[Article]], store: Store,
                 report: IngestReport, clusterer: StoryClusterer | None,
                 progress: Callable[[int], None] | None) -> StoryClusterer | None:  # fmt: skip
    """One batch, once analysed: people linked across the corpus, stored, placed in stories."""
    if articles:
        articles = link_people(analysed(), store)
    result = store.add_articles(articles)
    if articles:
        clusterer = clusterer or rebuild_stories(store)
        place_in_stories(articles, clusterer, store)
    report.new += result.new
    report.updated += result.updated
    report.unchanged += result.unchanged
    if progress:
        progress(size)
    return clusterer


def link_people(analysed: list[Article], store: Store) -> list[Article]:
    """Each surname-only person linked to the one full name the batch, or the articles placed
    before it, already know."""
    surnames = {e.name.split()[-1] for a in analysed for e in a.entities if e.label == "PERSON"}
    return resolve_across(analysed, known=store.known_people(surnames, before=[a.id for a in analysed]))


def rebuild_stories(store: Store) -> StoryClusterer:
    """The story clusterer in the state the store records (no decision is taken again)."""
    history = (
        (
            StoryInput(row["id"], row["title"], row["text"], row["published"], row["outlet"],
                       tuple(row["entities"]), tuple(row["event_dates"])),  # fmt: skip
            row["story_id"],
        )
        for row in store.story_history()
    )
    # the texts are read once, to rebuild the vectors, and not kept: memory stays with the
    # stories' bounded state, not with the corpus
    return StoryClusterer.rebuild(history, keep_inputs=False)


def place_in_stories(articles: list[Article], clusterer: StoryClusterer, store: Store) -> None:
    """Each article not yet in a story joins one or starts one, the batch in publication order
    (undated ones last, each kept in input order); the decisions, their evidence and the
    stories they touched are saved together."""
    already = store.assigned_articles(a.id for a in articles)
    decisions, touched, gone = [], set(), set()
    for article in sorted(articles, key=lambda a: a.published or "9999"):
        if article.id in already:
            continue
        assignment = clusterer.add(story_input(article))
        decisions.append(decision_record(clusterer, article.id, assignment))
        touched.add(assignment.story)
        gone.update(assignment.merged)
    if not decisions:
        return
    for decision in decisions:
        decision["story_id"] = clusterer.story_of(decision["article_id"])
    current = {clusterer.story_of(s) for s in touched}
    stories = [clusterer.story(s).as_dict() for s in sorted(current)]
    store.save_stories(decisions, stories, gone=gone - current)


def decision_record(clusterer: StoryClusterer, article_id: str, assignment) -> dict:
    """What the store keeps of one placement: the decision, its probability, the copy it
    follows and the explanation `storyline why` shows (story_id is added once the batch is
    placed, since a later article may merge stories)."""
    return {
        "article_id": article_id,
        "decision": assignment.decision,
        "probability": assignment.best.probability if assignment.best else None,
        "copy_of": assignment.copy.original if assignment.copy else None,
        "explanation": explain(clusterer, article_id).as_dict(),
    }
