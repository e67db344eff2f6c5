"""The time evaluation: how well Storyline finds and normalises temporal expressions, scored as
TempEval-3 task A scores it, over a folder of TimeML `.tml` files (searched recursively).

A document's text is the content of its <TEXT> element with every tag removed and XML entities
decoded; its reference date is the value of the TIMEX3 whose functionInDocument is
CREATION_TIME (it sits outside <TEXT>). The gold expressions are the TIMEX3 elements inside
<TEXT>. Only the scoring reads them: the predictions are the same when those tags are blanked.

- strict span: a prediction and a gold expression with the same start and end.
- relaxed span: they overlap. Precision counts predictions that overlap some gold expression,
  recall counts gold expressions that some prediction overlaps.
- value: over relaxed matches, each expression paired with the one it overlaps most; a pair is
  right when the values are the same. Value P = right predictions / predictions, R = right
  gold / gold, as the official scorer's attribute F1 (which is F1 over attribute matches on
  relaxed-matched pairs).
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvaluationError
from . import f1

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)


@dataclass(frozen=True)
class Timex:
    """One temporal expression of a document: `text[start:end]`, typed and valued."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0  # gold expressions matched exactly (= predictions matched exactly)
    relaxed_gold: int = 0
    relaxed_predicted: int = 0
    value_gold: int = 0
    value_predicted: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _f1(right_p: int, predicted: int, right_r: int, gold: int) -> tuple[float, float, float]:
    p = right_p / predicted if predicted else 0.0
    r = right_r / gold if gold else 0.0
    return p, r, f1(p, r)


@dataclass
class TimeScore:
    """Summed counts over all documents, overall and per gold type, and the measures."""

    documents: int
    counts: Counts
    by_type: dict[str, Counts] = field(default_factory=dict)
    failures: int = 0

    @property
    def strict(self) -> tuple[float, float, float]:
        c = self.counts
        return _f1(c.strict, c.predicted, c.strict, c.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        c = self.counts
        return _f1(c.relaxed_predicted, c.predicted, c.relaxed_gold, c.gold)

    @property
    def value(self) -> tuple[float, float, float]:
        c = self.counts
        return _f1(c.value_predicted, c.predicted, c.value_gold, c.gold)

    def headline(self) -> str:
        return (
            f"time value-F1 {self.value[2]:.3f} (strict-span F1 {self.strict[2]:.3f}, "
            f"relaxed-span F1 {self.relaxed[2]:.3f}) on {self.counts.gold} expressions"
        )

    def report(self) -> str:
        """A few lines: P/R/F1 for each measure, then recall and value accuracy per gold type."""
        lines = []
        for name in ("strict", "relaxed", "value"):
            p, r, f = getattr(self, name)
            lines.append(f"{name:8} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        for kind, c in sorted(self.by_type.items()):
            lines.append(f"{kind:8} gold {c.gold:5}  found {c.relaxed_gold / c.gold if c.gold else 0:.3f}  "
                         f"right value {c.value_gold / c.gold if c.gold else 0:.3f}")  # fmt: skip
        return "\n".join(lines)


def read_timeml(path: str | Path) -> tuple[str, str | None, list[Timex]]:
    """(text, reference date, gold expressions) of one TimeML file."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read '{path}': {exc}") from None
    body = _TEXT.search(raw)
    if body is None:
        raise EvaluationError(f"cannot read '{path}': no <TEXT> element")
    dct = _DCT.search(raw)
    reference = dict(_ATTR.findall(dct.group()))["value"] if dct else None
    text, gold = _strip_tags(body.group(1), path.name)
    return text, reference, gold


def _strip_tags(marked: str, doc: str) -> tuple[str, list[Timex]]:
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict]] = []
    gold: list[Timex] = []
    for m in _TAG.finditer(marked):
        chunk = html.unescape(marked[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            gold.append(Timex(doc, start, length, "", a.get("type", ""), a.get("value", "")))
    parts.append(html.unescape(marked[pos:]))
    text = "".join(parts)
    return text, [Timex(g.doc, g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]


def evaluate_time(
    folder: str | Path,
    *,
    predictions_path: str | Path | None = None,
    processes: int = 2,
    progress: Callable[[int, int], None] | None = None,
) -> TimeScore:
    """Find and value the temporal expressions of every `.tml` file under `folder`, and score
    them against the files' TIMEX3 tags."""
    folder = Path(folder)
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise EvaluationError(f"cannot read '{folder}': no TimeML (.tml) files under it")
    documents = [read_timeml(f) for f in files]
    names = [str(f.relative_to(folder)) for f in files]
    total, by_type = Counts(), {}
    failures = 0
    out = open(predictions_path, "w", encoding="utf-8") if predictions_path else None
    try:
        jobs = [(name, text, ref) for name, (text, ref, _) in zip(names, documents)]
        for (name, (text, _ref, gold)), (predicted, failed) in zip(zip(names, documents), _predict_all(jobs, processes)):
            failures += failed
            total.add(score_document(gold, predicted, by_type))
            if out:
                for p in predicted:
                    out.write(json.dumps({"doc": name, "start": p.start, "end": p.end, "text": p.text,
                                          "type": p.type, "value": p.value}, ensure_ascii=False) + "\n")  # fmt: skip
            if progress:
                progress(1, len(files))
    finally:
        if out:
            out.close()
    return TimeScore(len(files), total, by_type, failures)


def predict(name: str, text: str, reference: str | None) -> list[Timex]:
    """Storyline's temporal expressions for one document."""
    from ..dates import find_time_expressions

    return [Timex(name, t.start, t.end, t.text, t.type, t.value)
            for t in find_time_expressions(text, reference)]  # fmt: skip


def _predict_job(job: tuple[str, str, str | None]) -> tuple[list[Timex], bool]:
    try:
        return predict(*job), False
    except Exception:  # noqa: BLE001 - one bad document must not end the run; it scores empty
        return [], True


def _predict_all(jobs: list, processes: int) -> Iterable[tuple[list[Timex], bool]]:
    if processes <= 1 or len(jobs) < 2:
        yield from map(_predict_job, jobs)
        return
    with ProcessPoolExecutor(max_workers=processes) as pool:
        yield from pool.map(_predict_job, jobs, chunksize=8)


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _same_value(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def score_document(gold: list[Timex], predicted: list[Timex], by_type: dict | None = None) -> Counts:
    """The counts for one document (and, into `by_type`, per gold type)."""
    c = Counts(gold=len(gold), predicted=len(predicted))
    spans = {(p.start, p.end) for p in predicted}
    for g in gold:
        partner = max(predicted, key=lambda p: _overlap(g, p), default=None)
        found = partner is not None and _overlap(g, partner) > 0
        right = found and _same_value(g.value, partner.value)
        strict = (g.start, g.end) in spans
        c.strict += strict
        c.relaxed_gold += found
        c.value_gold += right
        if by_type is not None:
            t = by_type.setdefault(g.type or "?", Counts())
            t.gold += 1
            t.strict += strict
            t.relaxed_gold += found
            t.value_gold += right
    for p in predicted:
        partner = max(gold, key=lambda g: _overlap(g, p), default=None)
        if partner is not None and _overlap(partner, p) > 0:
            c.relaxed_predicted += 1
            c.value_predicted += _same_value(partner.value, p.value)
    return c


def gold_errors(folder: str | Path, limit: int | None = None) -> Counter:
    """(gold text, gold value, predicted value) for gold expressions valued wrongly or missed:
    a tool for reading errors, not part of the score."""
    errors: Counter = Counter()
    for f in sorted(Path(folder).rglob("*.tml")):
        text, ref, gold = read_timeml(f)
        predicted = predict(f.name, text, ref)
        for g in gold:
            partner = max(predicted, key=lambda p: _overlap(g, p), default=None)
            if partner is None or _overlap(g, partner) <= 0:
                errors[(g.text, g.value, None)] += 1
            elif not _same_value(g.value, partner.value):
                errors[(g.text, g.value, partner.text + " => " + partner.value)] += 1
    return Counter(dict(errors.most_common(limit)))
