"""What runs on the executors: the project's own stages, one input file, one batch or one
partition at a time. Plain functions over plain values, so Spark can ship them; the spaCy model
is loaded once per executor process (`nlp.load_model` keeps it in a module-level cache,
and Python workers are reused between tasks).

Items travel as (file index, index in file, item) and later (batch, position, item), where an
item is a RawDocument, an Article, or a `Failure` (an input or article that failed, with why).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from storyline.clean import add_language, clean_batch
from storyline.config import Settings
from storyline.entities import resolve_across
from storyline.errors import ReaderError, StorylineError
from storyline.nlp import analyse
from storyline.readers import read, read_file, read_stream
from storyline.record import Article, Hints, RawDocument


@dataclass(frozen=True)
class Failure:
    """An input, record or article that failed, and why (exceptions do not always pickle)."""

    input: str
    stage: str  # read | clean | understand
    message: str

    @classmethod
    def of(cls, error: StorylineError, stage: str) -> Failure:
        where = getattr(error, "origin", None) or ""
        return cls(where + (f", {error.locator}" if getattr(error, "locator", None) else ""), stage, str(error))


@dataclass(frozen=True)
class Entry:
    """One input of the run, numbered in the order `storyline ingest` would read it."""

    index: int
    path: str
    kind: str  # named (a file given), walked (found in a folder), remote (a Hadoop URI), missing
    problem: str | None = None  # for a missing input: why


def settings_from(values: dict) -> Settings:
    """The driver's settings, rebuilt on an executor (the environment there does not count)."""
    return Settings(dict(values), environ={})


# -- read -------------------------------------------------------------------------------------


def read_entry(entry: Entry, settings_values: dict, hints: Hints, data: bytes | None = None) -> Iterator[tuple]:
    """(file index, index in file, RawDocument or Failure) for each document of one input."""
    settings = settings_from(settings_values)
    if entry.kind == "missing":
        items: Iterable = [ReaderError(entry.path, entry.problem or "cannot be read")]
    elif entry.kind == "walked":
        items = read_file(entry.path, settings, hints, walking=True)
    elif entry.kind == "remote":
        items = read_stream(entry.path, io.BytesIO(data or b""), settings, hints)
    else:
        items = read([entry.path], settings, hints)
    for i, item in enumerate(items):
        yield entry.index, i, item if isinstance(item, RawDocument) else Failure.of(item, "read")


# -- clean ------------------------------------------------------------------------------------


def clean_group(batch: int, items: Iterable[tuple[int, object]], settings_values: dict, hints: Hints) -> Iterator[tuple]:
    """One ingest batch (the documents in input order), cleaned together as `pipeline.py`
    does: repeated lines are found across the batch. (batch, position, Article or Failure)."""
    settings = settings_from(settings_values)
    ordered = sorted(items, key=lambda pair: pair[0])
    docs = [(pos, item) for pos, item in ordered if isinstance(item, RawDocument)]
    for pos, item in ordered:
        if isinstance(item, Failure):
            yield batch, pos, item
    articles, errors = clean_batch(
        [doc for _, doc in docs], repeated_line_min_docs=int(settings.repeated_line_min_docs), user=hints,
        max_chars=int(settings.max_article_chars),
    )
    # clean_batch keeps the documents' order and leaves out those that failed (an error each,
    # in the same order): walk both to give each article its position, each error its input
    failed, next_article = [], 0
    for pos, doc in docs:
        if next_article < len(articles) and articles[next_article].key == doc.key:
            yield batch, pos, add_language(articles[next_article], float(settings.min_language_score))
            next_article += 1
        else:
            failed.append(doc)
    for i, error in enumerate(errors):
        where = failed[i].where if i < len(failed) else ""
        yield batch, -1, Failure(where or Failure.of(error, "clean").input, "clean", str(error))


# -- understand -------------------------------------------------------------------------------


def analyse_partition(rows: Iterable[tuple], settings_values: dict) -> Iterator[tuple]:
    """Entities, dates, quotes and events for one partition of (batch, position, Article)."""
    settings = settings_from(settings_values)
    rows = list(rows)
    analysed: list = []  # an article, or the error of one a stage choked on, in its place
    for article in analyse(
        [article for _, _, article in rows],
        model=str(settings.nlp_model) or None,
        batch_size=int(settings.nlp_batch_size),
        processes=1,  # an executor's cores are Spark's to share
        event_min_confidence=float(settings.event_min_confidence),
        on_error=analysed.append,
    ):
        analysed.append(article)
    for (batch, pos, original), article in zip(rows, analysed, strict=True):
        if isinstance(article, StorylineError):
            yield batch, pos, Failure(original.where, "understand", str(article))
        else:
            yield batch, pos, article


def resolve_group(batch: int, items: Iterable[tuple[int, Article]], known: dict) -> Iterator[tuple[int, int, Article]]:
    """One batch's people linked as `pipeline.link_people` links them, given the people the
    earlier batches know (from the ordered pass): (batch, position, Article). Every version of a
    repeated input comes out: the article tables keep the last (as the store does), the
    windowed story pass places the first (as `place_in_stories` does)."""
    ordered = sorted(items, key=lambda pair: pair[0])
    resolved = resolve_across([a for _, a in ordered], known=known.get(batch, []))
    for (pos, _), article in zip(ordered, resolved):
        yield batch, pos, article


def fail_once(marker: str | None, table: str, rows: Iterable) -> Iterator:
    """A test hook (`spark.storyline.failOnce=PATH`): the first attempt of the first partition
    writing the articles table fails midway, once (PATH records that it did), so a test can see
    that the retried task leaves no duplicate rows."""
    from pyspark import TaskContext

    rows = iter(rows)
    context = TaskContext.get()
    armed = (
        marker and table == "articles" and context is not None
        and context.partitionId() == 0 and context.attemptNumber() == 0 and not os.path.exists(marker)
    )  # fmt: skip
    for row in rows:
        yield row  # at least one row is out (being written) when it fails
        if armed:
            break
    if armed:
        with open(marker, "w") as f:
            f.write(f"failed stage {context.stageId()} partition 0 attempt 0\n")
        raise RuntimeError(f"injected failure (spark.storyline.failOnce={marker})")
    yield from rows
