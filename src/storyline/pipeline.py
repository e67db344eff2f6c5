"""Ingest: read inputs, clean them, and store them, one batch per transaction.

    read (readers/) → clean (clean/) → language (clean/language.py)
        → understand (nlp/: entities, dates, quotes, events) → link people across the
        corpus → store
        → stories (stories/: each new article joins a story or starts one)
        → storylines (storylines/: each new story joins a storyline or starts one) → store

Re-running an ingest adds nothing: an article's id comes from its input (URL, given id, or
name and bytes), unchanged articles are not rewritten, and batches are formed in input order,
so a run killed midway and run again ends with the same store as one clean run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from .clean import add_language, clean_batch
from .config import Settings
from .entities import resolve_across
from .errors import Notice, StoreError, StorylineError
from .nlp import Analyser, analysis_processes, batches
from .readers import read
from .record import Article, Hints, RawDocument
from .store import AddResult, Store
from .stories import StoryInput, explain, story_input
from .storylines import Threads


@dataclass
class IngestReport:
    """What an ingest did. `errors` name each input (and line or record) that failed."""

    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    repeated: int = 0  # documents whose id or URL came again later in their batch (the later one is kept)
    errors: list[StorylineError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # told once, not failures (a summary-only entry)

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
            "repeated": self.repeated,
            "failed": self.failed,
            "errors": [str(e) for e in self.errors],
            "notices": [str(n) for n in self.notices],
        }


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    hints: Hints = Hints(),
    progress: Callable[[int], None] | None = None,
    placement: Placement | None = None,
    stdin: BinaryIO | None = None,
) -> IngestReport:
    """Read, clean and store every article under `paths` (files, folders, URLs, '-' for stdin,
    or for `stdin` when given: what another process read from its own). `hints` (e.g.
    --published, --outlet) fill what a document's own metadata leaves open; `placement` as for
    `ingest_documents`."""
    settings = settings or Settings()
    # Validators go back to the store only once every article is stored: a run killed after
    # a feed answered 200 must fetch it whole again, not get a 304 and lose its entries.
    validators = store.http_validators()
    items = read(paths, settings, hints, cache=validators, stdin=stdin)
    report = ingest_documents(items, store, settings=settings, hints=hints, progress=progress, placement=placement)
    store.save_http_validators(validators)
    return report


class Placement:
    """The stories and storylines in memory, kept by a writer that ingests again and again (a
    watcher, a server) so each call does not rebuild them from the store. Only valid while
    every write to the store goes through its owner; `forget()` after any other write."""

    def __init__(self) -> None:
        self.threads: Threads | None = None

    def forget(self) -> None:
        self.threads = None


def ingest_documents(
    items: Iterable[RawDocument | StorylineError],
    store: Store,
    *,
    settings: Settings | None = None,
    hints: Hints = Hints(),
    progress: Callable[[int], None] | None = None,
    placement: Placement | None = None,
) -> IngestReport:
    """Clean, understand and store documents already read (a reader's output: documents and
    the errors met reading them), in batches, each in one transaction.

    With `nlp_processes` > 1, worker processes analyse a batch while this process stores the
    batch before it and places it in stories: the next batch is cleaned and handed over
    before the current one is stored. Batches are still stored one at a time, in input order.
    A `placement` kept across calls saves rebuilding the stories from the store each time."""
    settings = settings or Settings()
    report = IngestReport()
    placement = placement or Placement()
    clusterer = placement.threads  # None: rebuilt from the store when first needed
    placement.forget()  # until this call ends well: a failed batch leaves placements rolled back
    analyser = Analyser(model=str(settings.nlp_model) or None, batch_size=int(settings.nlp_batch_size),
                        processes=analysis_processes(settings.nlp_processes),
                        event_min_confidence=float(settings.event_min_confidence),
                        on_error=report.errors.append)  # fmt: skip
    waiting = None  # the batch handed to the analyser and not yet stored
    with analyser:
        for batch in batches(items, int(settings.batch_size)):
            docs = [item for item in batch if isinstance(item, RawDocument)]
            report.notices.extend(item for item in batch if isinstance(item, Notice))
            report.errors.extend(item for item in batch if not isinstance(item, (RawDocument, Notice)))
            report.read += len(docs)
            articles, errors = clean_batch(
                docs, repeated_line_min_docs=int(settings.repeated_line_min_docs), user=hints,
                max_chars=int(settings.max_article_chars),
            )
            report.errors.extend(errors)
            articles, repeated = latest_of_each(articles)
            report.repeated += repeated
            articles = [add_language(a, float(settings.min_language_score)) for a in articles]
            handed = (len(batch), articles, analyser.start(articles))
            if waiting:
                clusterer = _store_batch(*waiting, store, report, clusterer, progress)
            waiting = handed
        if waiting:
            clusterer = _store_batch(*waiting, store, report, clusterer, progress)
    placement.threads = clusterer
    return report


def latest_of_each(articles: list[Article]) -> tuple[list[Article], int]:
    """One article per id (a document's URL, else the id it came with, else its path): a feed
    that lists an item twice or a JSONL file with one id on two lines gives the later one, as
    re-ingesting an updated input would, in the place of the first. And how many were dropped."""
    last = {a.id: i for i, a in enumerate(articles)}
    kept = [a for i, a in enumerate(articles) if last[a.id] == i]
    return kept, len(articles) - len(kept)


def _store_batch(size: int, articles: list[Article], analysed: Callable[[], list[Article]], store: Store,
                 report: IngestReport, clusterer: Threads | None,
                 progress: Callable[[int], None] | None) -> Threads | None:  # fmt: skip
    """One batch, once analysed: people linked across the corpus, stored, placed in stories
    and storylines, the articles and their stories in one transaction. When the store refuses
    the batch, each article is tried alone: those it refuses are named in the report, the rest
    stored; if it refuses every one, the store is at fault and the error stops the run."""
    if articles:
        articles = link_people(analysed(), store)
    clusterer = clusterer or (rebuild_stories(store) if articles else None)
    try:
        results = [_store_placed(articles, clusterer, store)]
    except StoreError as whole:
        if len(articles) < 2:
            raise
        # one document the store refuses must not lose its batch: each alone, from the stored
        # stories (the batch's placements in memory went with the rolled-back transaction)
        results, refused = [], []
        clusterer = rebuild_stories(store)
        for article in articles:
            try:
                results.append(_store_placed([article], clusterer, store))
            except StoreError as exc:
                refused.append(StoreError(f"cannot store '{article.where}': {exc}"))
                clusterer = rebuild_stories(store)  # its placement went with the rollback
        if len(refused) == len(articles):
            raise whole from None  # the store's problem, not a document's
        report.errors.extend(refused)
    for result in results:
        report.new += result.new
        report.updated += result.updated
        report.unchanged += result.unchanged
    if progress:
        progress(size)
    return clusterer


def _store_placed(articles: list[Article], clusterer: Threads | None, store: Store) -> AddResult:
    """The articles stored and placed in stories, in one transaction (a kill leaves whole batches)."""
    with store.batch(f"store a batch of {len(articles)} articles and their stories"):
        result = store.add_articles(articles)
        if articles:
            place_in_stories(articles, clusterer, store)
    return result


def link_people(analysed: list[Article], store: Store) -> list[Article]:
    """Each surname-only person linked to the one full name the batch, or the articles placed
    before it, already know."""
    surnames = {e.name.split()[-1] for a in analysed for e in a.entities if e.label == "PERSON"}
    return resolve_across(analysed, known=store.known_people(surnames, before=[a.id for a in analysed]))


def rebuild_stories(store: Store) -> Threads:
    """Stories and storylines in the state the store records (no decision is taken again). A
    store written before storylines gets one storyline per story, saved at once."""
    unthreaded: set[str] = set()

    def history():
        for row in store.story_history():
            if row["storyline_id"] is None:
                unthreaded.add(row["story_id"])
            item = StoryInput(row["id"], row["title"], row["text"], row["published"], row["outlet"],
                              tuple(row["entities"]), tuple(row["event_dates"]), row["language"])  # fmt: skip
            yield item, row["story_id"], row["storyline_id"]

    # the texts are read once, to rebuild the vectors, and not kept: memory stays with the
    # clusters' bounded state, not with the corpus
    threads = Threads.rebuild(history(), keep_inputs=False)
    if unthreaded:
        stories, storylines = _rows(threads, unthreaded)
        store.save_stories([], stories, storylines=storylines)
    threads.forget_retired()  # the store has them; memory keeps the windows only
    return threads


def place_in_stories(articles: list[Article], threads: Threads, store: Store) -> None:
    """Each article not yet in a story joins one or starts one, and each new story a storyline,
    the batch in publication order (undated ones last, each kept in input order); the decisions,
    their evidence and the stories and storylines they touched are saved together."""
    already = store.assigned_articles(a.id for a in articles)
    decisions, touched, gone, lines_gone = [], set(), set(), set()
    for article in sorted(articles, key=lambda a: a.published or "9999"):
        if article.id in already:
            continue
        placed = threads.add(story_input(article))
        decisions.append(decision_record(threads, article.id, placed))
        touched.add(placed.story.story)
        gone.update(placed.story.merged)
        lines_gone.update(placed.storyline.merged)
    save_placements(threads, decisions, touched, gone, lines_gone, store)
    threads.forget_retired()  # saved: what left the windows is the store's alone


def save_placements(threads: Threads, decisions: list[dict], touched: set[str], gone: set[str],
                    lines_gone: set[str], store: Store) -> None:  # fmt: skip
    """Save a batch's decisions with the current state of the stories they touched (`touched`:
    the stories the articles were placed in) and of those stories' storylines, and drop the
    stories and storylines merged away (`gone`, `lines_gone`)."""
    if not decisions:
        return
    for decision in decisions:
        decision["story_id"] = threads.stories.story_of(decision["article_id"])
    current = {threads.stories.story_of(s) for s in touched}
    stories, storylines = _rows(threads, current)
    store.save_stories(decisions, stories, gone=gone - current, storylines=storylines,
                       storylines_gone=lines_gone - {line["id"] for line in storylines})  # fmt: skip


def _rows(threads: Threads, story_ids: set[str]) -> tuple[list[dict], list[dict]]:
    """The stories as the store keeps them, each with its storyline, and those storylines."""
    stories = [{**threads.stories.story(s).as_dict(), "storyline_id": threads.storyline_of_story(s)}
               for s in sorted(story_ids)]  # fmt: skip
    lines = sorted({row["storyline_id"] for row in stories})
    return stories, [threads.storyline(line).as_dict() for line in lines]


def decision_record(threads: Threads, article_id: str, placed) -> dict:
    """What the store keeps of one placement: the decision, its probability, the copy it
    follows, the explanation `storyline why` shows, and the storyline-level decision (story_id
    is added once the batch is placed, since a later article may merge stories)."""
    assignment = placed.story
    return {
        "article_id": article_id,
        "decision": assignment.decision,
        "probability": assignment.best.probability if assignment.best else None,
        "copy_of": assignment.copy.original if assignment.copy else None,
        "explanation": explain(threads.stories, article_id).as_dict(),
        "storyline_explanation": placed.storyline.as_dict(),
    }
