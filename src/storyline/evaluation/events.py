"""The events evaluation: how well Storyline codes a sentence into PLOVER, on the PLOVER gold
standard records (GSR, ../shared/eval/events/plover_gsr_dev.jsonl).

Each gold record is one sentence (`text`) hand-coded with one event. We run the whole language
pipeline (entities, dates, quotes, events) on the sentence alone, with no publication date, and
take our most confident event. Older gold labels map to today's 16 types (DEMAND→REQUEST,
DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT).

Scores, over all records:

- type accuracy: our type equals the gold type (no event counts as wrong);
- macro-F1 over types: per-type F1 (a record counts as a prediction of our type and as gold of
  its type), averaged over the types that occur in gold or prediction;
- source- and target-country accuracy: our first source's (target's) country is one of the gold
  codes, a reciprocal event and country aliases read as `_score` says.

`half` scores one fixed half of the records (`evaluation.half_of` of the id), and
`min_confidence` counts a record whose best event is weaker as coded with none (`coverage` is
the share given one; `curve` scores one coding at several thresholds).

Predictions (`--predictions`): one line per gold record, {id, type, confidence, source_country,
target_country}; they never read the gold fields (only `_score` does).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvaluationError
from ..record import Article, Event, join_blocks
from . import check_half, half_of
from . import f1 as harmonic

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "UNO": "IGO", "EUR": "IGO"}


@dataclass
class EventScore:
    """Per-record outcomes and the measures derived from them."""

    rows: list[dict] = field(default_factory=list)  # {id, gold, predicted, source_ok, target_ok}
    min_confidence: float = 0.0
    half: str | None = None

    @property
    def sentences(self) -> int:
        return len(self.rows)

    @property
    def type_accuracy(self) -> float:
        return _mean(r["gold"] == r["predicted"] for r in self.rows)

    @property
    def coverage(self) -> float:
        """The share of records given an event."""
        return _mean(r["predicted"] is not None for r in self.rows)

    @property
    def accuracy_when_coded(self) -> float:
        """Type accuracy over the records given an event: the precision a user reads."""
        return _mean(r["gold"] == r["predicted"] for r in self.rows if r["predicted"] is not None)

    @property
    def source_accuracy(self) -> float:
        return _mean(r["source_ok"] for r in self.rows)

    @property
    def target_accuracy(self) -> float:
        return _mean(r["target_ok"] for r in self.rows)

    def per_type(self) -> dict[str, dict[str, float]]:
        """type → {gold, predicted, correct, precision, recall, f1}."""
        gold = Counter(r["gold"] for r in self.rows)
        predicted = Counter(r["predicted"] for r in self.rows if r["predicted"])
        correct = Counter(r["gold"] for r in self.rows if r["gold"] == r["predicted"])
        out = {}
        for kind in sorted(set(gold) | set(predicted)):
            p = correct[kind] / predicted[kind] if predicted[kind] else 0.0
            r = correct[kind] / gold[kind] if gold[kind] else 0.0
            f1 = harmonic(p, r)
            out[kind] = {"gold": gold[kind], "predicted": predicted[kind], "correct": correct[kind],
                         "precision": p, "recall": r, "f1": f1}  # fmt: skip
        return out

    @property
    def macro_f1(self) -> float:
        table = self.per_type()
        return sum(v["f1"] for v in table.values()) / len(table) if table else 0.0

    def report(self) -> str:
        """The per-type table (the CLI prints the headline after it)."""
        lines = [f"{'type':10} {'gold':>5} {'pred':>5} {'right':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for kind, v in self.per_type().items():
            lines.append(f"{kind:10} {v['gold']:5d} {v['predicted']:5d} {v['correct']:5d} "
                         f"{v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f}")  # fmt: skip
        return "\n".join(lines)

    def headline(self) -> str:
        kept = (f", coverage {self.coverage:.3f} at min-confidence {self.min_confidence:g}"
                if self.min_confidence else "")  # fmt: skip
        return (
            f"events type-accuracy {self.type_accuracy:.3f} (macro-F1 {self.macro_f1:.3f}, "
            f"source-country accuracy {self.source_accuracy:.3f}, "
            f"target-country accuracy {self.target_accuracy:.3f}{kept}) on {self.sentences} sentences"
            + (f" ({self.half} half)" if self.half else "")
        )


CURVE = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # the min-confidence thresholds `curve` scores


def curve_lines(records: list[dict], predictions: list[dict]) -> list[str]:
    """Coverage against accuracy at each threshold of CURVE, one line each, from one coding."""
    lines = [f"{'min-conf':>8} {'coverage':>9} {'accuracy':>9} {'when coded':>11} {'macro-F1':>9}"]
    for threshold in CURVE:
        score = EventScore([_score(r, p, threshold) for r, p in zip(records, predictions)], threshold)
        lines.append(f"{threshold:8.1f} {score.coverage:9.3f} {score.type_accuracy:9.3f} "
                     f"{score.accuracy_when_coded:11.3f} {score.macro_f1:9.3f}")  # fmt: skip
    return lines


def evaluate_events(
    path: str | Path,
    *,
    predictions_path: str | Path | None = None,
    half: str | None = None,
    min_confidence: float = 0.0,
    curve: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EventScore:
    """Code every gold sentence of `path` (PLOVER GSR JSON lines), or of one `half`, and score
    it at `min_confidence`. With `curve` (a list), its lines (`curve_lines`) are appended to it."""
    check_half(half)
    records = _load(Path(path))
    if half is not None:
        records = [r for r in records if half_of(str(r.get("id"))) == half]
    predictions = predict(records, progress=progress)
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for p in predictions:
                out.write(json.dumps(p, ensure_ascii=False) + "\n")
    if curve is not None:
        curve.extend(curve_lines(records, predictions))
    return EventScore([_score(r, p, min_confidence) for r, p in zip(records, predictions)], min_confidence, half)


def predict(records: list[dict], *, progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """{id, type, source_country, target_country} per record, from its `id`, `text` and
    `language` alone."""
    from ..events import EventCoder, find_events
    from ..nlp import analyse, load_model

    coder = EventCoder(min_confidence=0.0)
    nlp = load_model()
    articles = [_article(r) for r in records]
    out = []
    for record, article in zip(records, analyse(articles)):
        article = find_events(article, nlp(article.text), coder)
        best = _best(article.events)
        out.append({
            "id": record.get("id"),
            "type": best.type if best else None,
            "confidence": round(best.confidence, 4) if best else None,
            "source_country": _first_country(best.sources) if best else None,
            "target_country": _first_country(best.targets) if best else None,
        })  # fmt: skip
        if progress:
            progress(1, len(records))
    return out


def _article(record: dict) -> Article:
    from ..record import article_id

    text = str(record.get("text") or "").strip("{} \n")
    body, paragraphs = join_blocks([("body", text)])
    key = "id:" + str(record.get("id"))
    return Article(id=article_id(key), key=key, name=str(record.get("id")), text=body, paragraphs=paragraphs,
                   removed=[], origin="gsr", reader="jsonl", format="text", raw=body.encode("utf-8"),
                   language=record.get("language") or "en")  # fmt: skip


def _best(events: list[Event]) -> Event | None:
    return max(events, key=lambda e: e.confidence) if events else None


def _first_country(actors) -> str | None:
    return next((a.country for a in actors if a.country), None)


def _codes(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [_norm(a.get("code")) for a in value if isinstance(a, dict) and a.get("code")]


def _norm(code: str | None) -> str | None:
    return _CODE_ALIASES.get(code, code) if code else None


def _score(record: dict, prediction: dict, min_confidence: float = 0.0) -> dict:
    """One record's outcome. Where gold leaves the target empty, we are right with no target or
    with a target that is one of the gold sources (PLOVER codes a reciprocal event with every
    party as actor, so "Russia met Ukraine" with the pair as actor equals our Russia → Ukraine).
    Gold codes are compared as PLOVER writes them, after three normalisations: the GSR's older
    JAP and ITL are JPN and ITA, and our UNO (United Nations) and EUR (European Union) are IGO."""
    gold_type = OLD_LABELS.get(record.get("event"), record.get("event"))
    sources, targets = _codes(record.get("source")), _codes(record.get("target"))
    if min_confidence and (prediction.get("confidence") or 0.0) < min_confidence:
        prediction = {"type": None, "source_country": None, "target_country": None}  # too weak: no event
    src, tgt = _norm(prediction["source_country"]), _norm(prediction["target_country"])
    target_ok = (tgt in targets) if targets else (tgt is None or tgt in sources)
    return {"id": record.get("id"), "gold": gold_type, "predicted": prediction["type"],
            "source_ok": src in sources, "target_ok": target_ok}  # fmt: skip


def _load(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read '{path}': {exc.strerror or exc}") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(f"cannot read '{path}', line {number}: {exc}") from None
        if not isinstance(record, dict) or "text" not in record:
            raise EvaluationError(f"cannot read '{path}', line {number}: expected a PLOVER record with 'text'")
        records.append(record)
    return records


def _mean(values) -> float:
    values = list(values)
    return sum(1 for v in values if v) / len(values) if values else 0.0
