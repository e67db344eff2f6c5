"""The entity evaluation: how well Storyline finds, types and places the names in an article,
on a hand-labelled set (tests/data/entities/ holds ours; `storyline eval entities FILE`).

A set is JSON lines, one document a line: `{"id", "text" | "path", "published"?, "mentions":
[{"start", "end", "text", "type", "country"}]}` (the README's eval table gives the rules). A
`text` is plain text the text cleaner should leave as it is (a note says where it does not);
a `path` is a file relative to the set, read and cleaned as ingest does, offsets then into the
cleaned text. Offsets are characters, end exclusive, and must give the mention's `text`: a
line that breaks this (or is not JSON, or repeats an id) is one error naming it, the rest is
scored. Only PERSON, ORG, PLACE and NORP are scored; a gold mention of another type (PRODUCT
"Bitcoin") makes a scored prediction over it wrong. `country` is ISO 3166-1 alpha-3 or null.

Each document goes through the real pipeline (the clean stage, `nlp.analyse` in English, then
`entities.resolve_across` over the documents, as ingest does with a batch); a prediction's
country is its entity's (what an analyst filters by), else the mention's own. Scores, micro
over the documents and per type: type P/R/F1 (the headline; MUC's TYPE measure: same type,
overlapping, paired one to one), exact P/R/F1 (CoNLL's: same type and offsets), and country
accuracy over the gold mentions with a country that some prediction overlaps (by the most
overlapping one; countries predicted where the gold has none are counted as spurious).
`half` scores one fixed half of the documents (`half_of` of the id). Predictions, one line per
predicted mention ({doc, start, end, text, type, country}), never read the gold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import EvaluationError, StorylineError
from ..record import Article, Hints, RawDocument
from . import SpanCounts, check_half, half_of, max_matching

SCORED_TYPES = ("PERSON", "ORG", "PLACE", "NORP")
MAX_SET_BYTES = 20_000_000  # a hand-made set is far smaller: anything larger is not one
_COUNTRY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class GoldMention:
    """A name in a document as a person labelled it (or as the system predicted it)."""

    start: int
    end: int
    text: str
    type: str
    country: str | None = None

    def overlaps(self, other: GoldMention) -> bool:
        return self.start < other.end and other.start < self.end

    def shared(self, other: GoldMention) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class Document:
    """One document of the set: its text as the pipeline sees it, and its gold mentions."""

    id: str
    text: str
    mentions: tuple[GoldMention, ...]
    line: int
    published: str | None = None


@dataclass
class EntityScore:
    """Summed counts over the documents scored, the measures derived from them, and what went
    wrong (`mistakes`: one line each, for `report(mistakes=True)`)."""

    documents: int = 0
    types: dict[str, SpanCounts] = field(default_factory=lambda: {t: SpanCounts() for t in SCORED_TYPES})
    country_gold: int = 0  # gold mentions with a country
    country_found: int = 0  # ... that a prediction overlaps
    country_right: int = 0  # ... whose most-overlapping prediction has that country
    country_spurious: int = 0  # gold mentions with no country given one, of those overlapped
    country_by_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0] for t in SCORED_TYPES})  # found, right
    errors: list[str] = field(default_factory=list)  # set lines left out, and notes
    mistakes: list[str] = field(default_factory=list)
    half: str | None = None

    @property
    def total(self) -> SpanCounts:
        out = SpanCounts()
        for counts in self.types.values():
            out.add(counts)
        return out

    @property
    def mentions(self) -> int:
        return self.total.gold

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.country_found if self.country_found else 0.0

    def report(self, mistakes: bool = False) -> str:
        """The notes, the per-type table and the country line (and each mistake, if asked)."""
        lines = list(self.errors)
        if mistakes:
            lines += self.mistakes
        lines.append(f"{'type':7} {'gold':>5} {'pred':>5} | {'type P':>6} {'R':>6} {'F1':>6} | "
                     f"{'exact P':>7} {'R':>6} {'F1':>6}")  # fmt: skip
        for kind, c in [*self.types.items(), ("all", self.total)]:
            lines.append(f"{kind:7} {c.gold:5d} {c.predicted:5d} | {c.precision():6.3f} {c.recall():6.3f} "
                         f"{c.f1():6.3f} | {c.precision(False):7.3f} {c.recall(False):6.3f} {c.f1(False):6.3f}")  # fmt: skip
        by_type = ", ".join(f"{t} {right}/{found}" for t, (found, right) in self.country_by_type.items())
        lines.append(
            f"country accuracy: {self.country_right} right of {self.country_found} found ({by_type}; "
            f"{self.country_gold} gold mentions with a country); {self.country_spurious} spurious on mentions with none"
        )
        return "\n".join(lines)

    def headline(self) -> str:
        t = self.total
        return (
            f"entities type-F1 {t.f1():.3f} (P {t.precision():.3f} R {t.recall():.3f}; exact-F1 {t.f1(False):.3f}) "
            f"country-accuracy {self.country_accuracy:.3f} on {self.mentions} mentions"
            + (f" ({self.half} half)" if self.half else "")
        )


def evaluate_entities(
    path: str | Path,
    *,
    predictions_path: str | Path | None = None,
    half: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EntityScore:
    """Find the names in every document of the set at `path` (or of one `half`) and score them
    against its gold mentions."""
    check_half(half)
    documents, errors = load_set(Path(path))
    if half is not None:
        documents = [d for d in documents if half_of(d.id) == half]
    predicted, notes = predict(documents, progress=progress)
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for doc in documents:
                for m in predicted[doc.id]:
                    out.write(json.dumps({"doc": doc.id, "start": m.start, "end": m.end, "text": m.text,
                                          "type": m.type, "country": m.country}, ensure_ascii=False) + "\n")  # fmt: skip
    score = EntityScore(errors=errors + notes, half=half)
    for doc in documents:
        score_document(score, doc, predicted[doc.id])
    return score


# -- the set ---------------------------------------------------------------------------------


def load_set(path: Path) -> tuple[list[Document], list[str]]:
    """The documents of a set, and one error line for each line left out."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_SET_BYTES + 1)
    except OSError as exc:
        raise EvaluationError(f"cannot read '{path}': {exc.strerror or exc}") from None
    if len(data) > MAX_SET_BYTES:
        raise EvaluationError(f"cannot read '{path}': over {MAX_SET_BYTES:,} bytes, not an entity set")
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"cannot read '{path}': not UTF-8 ({exc.reason} at byte {exc.start})") from None
    documents: list[Document] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = _document(json.loads(line), number, path.parent)
        except ValueError as exc:
            errors.append(f"error: '{path}', line {number}: {exc}")
            continue
        if doc.id in seen:
            errors.append(f"error: '{path}', line {number}: id {doc.id!r} repeats an earlier line")
            continue
        seen.add(doc.id)
        documents.append(doc)
    if not documents and not errors:
        raise EvaluationError(f"cannot read '{path}': no documents (expected JSON lines with id, text, mentions)")
    return documents, errors


def _document(record: object, number: int, folder: Path) -> Document:
    """One line of the set, checked; ValueError says what is wrong with it."""
    if not isinstance(record, dict) or not record.get("id") or not isinstance(record.get("mentions"), list):
        raise ValueError("expected an object with id, text or path, and mentions")
    if isinstance(record.get("text"), str):
        text = record["text"]
    elif isinstance(record.get("path"), str):
        text = _cleaned_file(folder / record["path"], record.get("published"))
    else:
        raise ValueError("expected 'text' (the document) or 'path' (a file relative to the set)")
    mentions = []
    for i, m in enumerate(record["mentions"], 1):
        if not isinstance(m, dict):
            raise ValueError(f"mention {i} is not an object")
        start, end, name, kind, country = (m.get(k) for k in ("start", "end", "text", "type", "country"))
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ValueError(f"mention {i} ({name!r}): offsets {start}-{end} are not inside the text")
        if text[start:end] != name:
            raise ValueError(f"mention {i}: text[{start}:{end}] is {text[start:end]!r}, not {name!r}")
        if not isinstance(kind, str) or not kind.isupper():
            raise ValueError(f"mention {i} ({name!r}): type {kind!r} is not a label such as PERSON")
        if country is not None and not (isinstance(country, str) and _COUNTRY.fullmatch(country)):
            raise ValueError(f"mention {i} ({name!r}): country {country!r} is not ISO 3166-1 alpha-3 or null")
        mentions.append(GoldMention(start, end, name, kind, country))
    published = record.get("published")
    return Document(str(record["id"]), text, tuple(mentions), number, published if isinstance(published, str) else None)


def _cleaned_file(path: Path, published: object) -> str:
    """The text the clean stage makes of a file, read as `storyline ingest` reads it."""
    from ..clean import clean
    from ..config import Settings
    from ..readers import read_file

    hints = Hints(published=published) if isinstance(published, str) else Hints()
    found = list(read_file(str(path), Settings(), hints))
    docs = [d for d in found if isinstance(d, RawDocument)]
    if len(docs) != 1:
        problem = next((str(e) for e in found if not isinstance(e, RawDocument)), f"{len(docs)} documents")
        raise ValueError(f"'{path}' does not read as one document: {problem}")
    try:
        return clean(docs[0]).text
    except StorylineError as exc:
        raise ValueError(str(exc)) from None


# -- predicting ------------------------------------------------------------------------------


def predict(documents: list[Document], *, progress: Callable[[int, int], None] | None = None,
            ) -> tuple[dict[str, list[GoldMention]], list[str]]:  # fmt: skip
    """Each document's predicted mentions (scored types only, with countries) from its text
    alone, and a note for each document the cleaner would change or a stage failed on."""
    from ..entities import resolve_across
    from ..nlp import analyse

    notes: list[str] = []
    articles = [_article(doc, notes) for doc in documents]
    analysed: dict[str, Article] = {}
    failures: list[str] = []
    for article in analyse(articles, on_error=lambda e: failures.append(str(e))):
        analysed[article.name] = article
        if progress:
            progress(1, len(articles))
    notes += [f"error: {f} (scored with no mentions)" for f in failures]
    resolved = resolve_across(list(analysed.values()))
    out: dict[str, list[GoldMention]] = {doc.id: [] for doc in documents}
    for article in resolved:
        countries = {e.key: e.country for e in article.entities}
        out[article.name] = [
            GoldMention(m.start, m.end, m.text, m.label, countries.get(m.entity) or m.country)
            for m in article.mentions
            if m.label in SCORED_TYPES
        ]
    return out, notes


def _article(doc: Document, notes: list[str]) -> Article:
    """The document cleaned as ingest cleans it, in English; where cleaning would change the
    text (so the gold offsets would not hold), the text as given, with a note."""
    from ..clean import clean, parse_date
    from .quotes import article_from_text

    raw = RawDocument(origin=doc.id, name=doc.id, reader="text", format="text", content=doc.text,
                      raw=doc.text.encode("utf-8"), locator=f"line {doc.line}",
                      hints=Hints(id=doc.id, published=doc.published, language="en"))  # fmt: skip
    try:
        article = clean(raw)
        problem = None if article.text == doc.text else "the text cleaner changes this text"
    except StorylineError as exc:
        problem = str(exc)
    if problem:
        notes.append(f"note: document {doc.id!r} (line {doc.line}): {problem}; scored on the text as given")
        published = parse_date(doc.published) if doc.published else None
        article = replace(article_from_text(doc.id, doc.text), published=published)
    return replace(article, language="en")


# -- scoring ---------------------------------------------------------------------------------


def score_document(score: EntityScore, doc: Document, predicted: list[GoldMention]) -> None:
    """Add one document's counts (and its mistakes) to `score`."""
    score.documents += 1
    gold = [m for m in doc.mentions if m.type in SCORED_TYPES]
    guessed = [m for m in predicted if m.type in SCORED_TYPES]
    for kind in SCORED_TYPES:
        g = _distinct(m for m in gold if m.type == kind)
        p = _distinct(m for m in guessed if m.type == kind)
        pairs = max_matching(g, p)
        exact = {(m.start, m.end) for m in g} & {(m.start, m.end) for m in p}
        score.types[kind].add(SpanCounts(len(g), len(p), len(exact), len(pairs)))
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        for i, m in enumerate(g):
            if i not in matched_g:
                other = _best(m, predicted)
                found = f", predicted {other.type} {other.text!r}" if other else ""
                score.mistakes.append(f"missed: {doc.id}: {kind} {m.text!r} at {m.start}{found}")
        for j, m in enumerate(p):
            if j not in matched_p:
                other = _best(m, list(doc.mentions))
                truth = f", gold {other.type} {other.text!r}" if other else ""
                score.mistakes.append(f"spurious: {doc.id}: {kind} {m.text!r} at {m.start}{truth}")
    for m in gold:
        best = _best(m, predicted)
        if m.country is None:
            if best is not None and best.country:
                score.country_spurious += 1
                score.mistakes.append(f"wrong country: {doc.id}: {m.text!r} has none, predicted {best.country}")
            continue
        score.country_gold += 1
        if best is None:
            continue
        score.country_found += 1
        score.country_by_type[m.type][0] += 1
        if best.country == m.country:
            score.country_right += 1
            score.country_by_type[m.type][1] += 1
        else:
            score.mistakes.append(f"wrong country: {doc.id}: {m.text!r} is {m.country}, predicted {best.country}")


def _distinct(mentions) -> list[GoldMention]:
    return list({(m.start, m.end): m for m in mentions}.values())


def _best(mention: GoldMention, others: list[GoldMention]) -> GoldMention | None:
    """The mention of `others` sharing the most characters with `mention` (None: none overlaps)."""
    best = max(others, key=mention.shared, default=None)
    return best if best is not None and mention.shared(best) > 0 else None
