"""The quote-attribution evaluation: how well Storyline finds who said what, on PolNeAR.

A PolNeAR split folder holds `text/NAME.txt` and `attributions/NAME_<annotator>.ann` (brat
standoff; see ../shared/eval/README.md). Where an article has two annotators, the first in name
order is the gold. Each gold attribution is an event (`E` line) whose trigger is `Attribution` or
`Attribution-no-source`, with `Source`, `Cue` and `Content` arguments (`Content2` is folded into
the content). A span with several fragments (`10 20;25 30`) counts as its extent, first start to
last end; overlap is tested against the fragments themselves.

Scores, per role (source, cue, content), micro-averaged over the split:

- exact: the set of distinct gold spans of that role in a document against the set of distinct
  predicted spans; a match has the same offsets once whitespace is trimmed from both ends.
- overlap: the same sets, matched one-to-one (maximum bipartite matching), a pair matching when
  they share at least one character.
- direct-speaker accuracy: of the gold attributions with a source whose content opens with a
  quotation mark, the fraction where the predicted attribution whose content overlaps it most
  has a source overlapping the gold source.

Predictions never see the `.ann` files: only `_load_gold` and the scorers read them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvaluationError
from ..record import Article, Paragraph, article_id
from . import SpanCounts, max_matching

ROLES = ("source", "cue", "content")
_TRIGGERS = ("Attribution", "Attribution-no-source")
_OPENING_QUOTES = ('"', "“", "‘‘", "``")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")

Span = tuple[int, int]


@dataclass(frozen=True)
class RoleSpan:
    """One argument of an attribution: its fragments, and the extent scored for exact matches."""

    fragments: tuple[Span, ...]

    @property
    def extent(self) -> Span:
        return self.fragments[0][0], self.fragments[-1][1]

    def overlaps(self, other: RoleSpan) -> bool:
        return any(a < d and c < b for a, b in self.fragments for c, d in other.fragments)


@dataclass(frozen=True)
class Attribution:
    """A gold or predicted attribution: each role a span or None."""

    source: RoleSpan | None
    cue: RoleSpan | None
    content: RoleSpan | None
    direct: bool = False


@dataclass
class QuoteScore:
    """Summed counts over all documents, and the measures derived from them."""

    documents: int = 0
    attributions: int = 0  # gold attributions
    predictions: int = 0
    roles: dict[str, SpanCounts] = field(default_factory=lambda: {r: SpanCounts() for r in ROLES})
    direct_gold: int = 0  # gold direct quotes with a source
    direct_found: int = 0  # ... whose predicted attribution has an overlapping source
    failures: int = 0  # documents the stage raised on (scored as empty)

    @property
    def direct_speaker_accuracy(self) -> float:
        return self.direct_found / self.direct_gold if self.direct_gold else 0.0

    def report(self) -> str:
        """One line per role: exact and overlap P/R/F1."""
        lines = []
        for role, c in self.roles.items():
            lines.append(
                f"{role:8} exact P {c.precision(False):.3f} R {c.recall(False):.3f} F1 {c.f1(False):.3f}"
                f" | overlap P {c.precision():.3f} R {c.recall():.3f} F1 {c.f1():.3f}"
                f" | gold {c.gold} predicted {c.predicted}"
            )
        return "\n".join(lines)

    def headline(self) -> str:
        return (
            f"quotes source-F1 {self.roles['source'].f1():.3f} (overlap; exact "
            f"{self.roles['source'].f1(False):.3f}; content-F1 {self.roles['content'].f1():.3f}; "
            f"direct-speaker-accuracy {self.direct_speaker_accuracy:.3f}) "
            f"on {self.attributions} attributions"
        )


def evaluate_quotes(
    folder: str | Path,
    *,
    predictions_path: str | Path | None = None,
    processes: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> QuoteScore:
    """Find the attributions in every text of a PolNeAR split `folder` and score them against
    the first annotator's `.ann` file."""
    folder = Path(folder)
    texts = sorted((folder / "text").glob("*.txt")) if (folder / "text").is_dir() else []
    if not texts:
        raise EvaluationError(f"cannot read '{folder}': expected text/NAME.txt and attributions/NAME_<annotator>.ann")
    gold_files = _gold_files(folder / "attributions", [p.stem for p in texts])
    score = QuoteScore()
    out = open(predictions_path, "w", encoding="utf-8") if predictions_path else None
    try:
        for path, (predicted, failed) in zip(texts, _predict_all(texts, processes)):
            score.documents += 1
            score.failures += failed
            score.predictions += len(predicted)
            text = read_text(path)
            gold = _load_gold(gold_files[path.stem], text) if path.stem in gold_files else []
            _score_document(score, gold, predicted)
            if out:
                for a in predicted:
                    out.write(json.dumps(_prediction_row(path.name, a)) + "\n")
            if progress:
                progress(1, len(texts))
    finally:
        if out:
            out.close()
    return score


def read_text(path: Path) -> str:
    """A text file exactly as stored: offsets are its characters (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def article_from_text(name: str, text: str) -> Article:
    """An Article over `text` unchanged, one paragraph per block between blank lines."""
    paragraphs = [Paragraph(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    return Article(
        id=article_id("name:" + name), key="name:" + name, name=name, text=text,
        paragraphs=paragraphs, removed=[], origin=name, reader="text", format="text",
        raw=text.encode("utf-8"), language="en",
    )  # fmt: skip


# -- predicting ------------------------------------------------------------------------------


def _predict_all(texts: list[Path], processes: int) -> Iterable[tuple[list[Attribution], bool]]:
    jobs = [str(p) for p in texts]
    if processes <= 1 or len(jobs) < 2:
        yield from map(_predict_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=processes) as pool:
        yield from pool.map(_predict_job, jobs, chunksize=4)


def _predict_job(path: str) -> tuple[list[Attribution], bool]:
    try:
        return predict(Path(path).name, read_text(Path(path))), False
    except Exception:  # noqa: BLE001 - one bad document must not end the run; it scores empty
        return [], True


def predict(name: str, text: str) -> list[Attribution]:
    """The attributions Storyline finds in one text, as scored spans."""
    from ..nlp import load_model
    from ..quotes import find_quotes

    doc = load_model()(text)
    article = article_from_text(name, text)
    try:
        from ..entities import find_entities
    except ImportError:  # the entity stage is optional here: quotes fall back to doc.ents
        pass
    else:
        article = find_entities(article, doc)
    article = find_quotes(article, doc)
    out = []
    for q in article.quotes:
        source = _span(q.speaker_start, q.speaker_end)
        cue = _span(q.cue_start, q.cue_end)
        out.append(Attribution(source, cue, _span(q.start, q.end), q.direct))
    return out


def _span(start: int | None, end: int | None) -> RoleSpan | None:
    if start is None or end is None or end <= start:
        return None
    return RoleSpan(((start, end),))


def _prediction_row(doc: str, a: Attribution) -> dict:
    row: dict = {"doc": doc}
    for role in ROLES:
        span = getattr(a, role)
        row[role] = list(span.extent) if span else None
    row["direct"] = a.direct
    return row


# -- gold ------------------------------------------------------------------------------------


def _gold_files(folder: Path, stems: list[str]) -> dict[str, Path]:
    """For each text stem, its first annotator's .ann file (name order), where there is one."""
    if not folder.is_dir():
        raise EvaluationError(f"cannot read '{folder}': no attributions folder")
    by_stem: dict[str, list[Path]] = {}
    for path in folder.glob("*.ann"):
        stem, _, _annotator = path.stem.rpartition("_")
        by_stem.setdefault(stem, []).append(path)
    return {s: sorted(by_stem[s])[0] for s in stems if s in by_stem}


def _load_gold(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat file. Lines that are not annotations (a brat text field
    may run over several lines) are passed over."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in read_text(path).splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        ident, body = parts[0], parts[1]
        if ident.startswith("T"):
            kind, _, offsets = body.partition(" ")
            try:
                fragments = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
            except ValueError:
                raise EvaluationError(f"cannot read '{path}': bad offsets in {line!r}") from None
            spans[ident] = (kind, fragments)  # type: ignore[assignment]
        elif ident.startswith("E"):
            args = dict(a.split(":", 1) for a in body.split() if ":" in a)
            trigger = next(iter(args), None)
            if trigger in _TRIGGERS:
                events.append((trigger, args))
    out = []
    for _trigger, args in events:
        roles: dict[str, RoleSpan | None] = {}
        for role, names in (("source", ["Source"]), ("cue", ["Cue"]), ("content", ["Content", "Content2"])):
            fragments = [f for n in names if args.get(n) in spans for f in spans[args[n]][1]]
            roles[role] = _trimmed(text, sorted(fragments))
        content = roles["content"]
        direct = bool(content) and text[content.extent[0] :].startswith(_OPENING_QUOTES)
        out.append(Attribution(roles["source"], roles["cue"], content, direct))
    return out


def _trimmed(text: str, fragments: list[Span]) -> RoleSpan | None:
    kept = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            kept.append((start, end))
    return RoleSpan(tuple(kept)) if kept else None


# -- scoring ---------------------------------------------------------------------------------


def _score_document(score: QuoteScore, gold: list[Attribution], predicted: list[Attribution]) -> None:
    score.attributions += len(gold)
    for role in ROLES:
        score.roles[role].add(score_role([getattr(a, role) for a in gold], [getattr(a, role) for a in predicted]))
    for g in gold:
        if not (g.direct and g.source):
            continue
        score.direct_gold += 1
        best = _best_by_content(g.content, predicted)
        if best is not None and best.source is not None and best.source.overlaps(g.source):
            score.direct_found += 1


def score_role(gold: list[RoleSpan | None], predicted: list[RoleSpan | None]) -> SpanCounts:
    """Counts for one role in one document: distinct spans, exact and one-to-one overlap."""
    g = _distinct(gold)
    p = _distinct(predicted)
    exact = len({s.extent for s in g} & {s.extent for s in p})
    return SpanCounts(len(g), len(p), exact, len(max_matching(g, p)))


def _distinct(spans: list[RoleSpan | None]) -> list[RoleSpan]:
    seen: dict[Span, RoleSpan] = {}
    for s in spans:
        if s is not None and s.extent not in seen:
            seen[s.extent] = s
    return list(seen.values())


def _best_by_content(content: RoleSpan | None, predicted: list[Attribution]) -> Attribution | None:
    if content is None:
        return None
    best, best_overlap = None, 0
    for a in predicted:
        if a.content is None:
            continue
        shared = sum(
            max(0, min(b, d) - max(a_, c)) for a_, b in content.fragments for c, d in a.content.fragments
        )
        if shared > best_overlap:
            best, best_overlap = a, shared
    return best
