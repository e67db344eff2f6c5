"""The clustering evaluation: how well Storyline groups articles into stories.

A set is a JSON list of `{id, cluster, title, text, date?, source?, url?}` (see
../shared/eval/README.md). Articles go through the online clusterer one at a time, in date
order where the set has dates (a stable sort: undated articles keep their place after the
article before them), with `source` as the outlet. Only the scoring reads `cluster`: the
predictions are the same with it blanked.

Scores: pairwise precision, recall and F1 (a pair of articles is positive when they share a
cluster), and B-cubed F1 (per-article precision and recall of its predicted cluster against its
gold one, averaged over articles).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})


@dataclass
class ClusteringScore:
    articles: int
    true_pairs: int  # pairs in the same predicted story and the same gold cluster
    predicted_pairs: int
    gold_pairs: int
    bcubed_precision: float
    bcubed_recall: float
    stories: int = 0  # predicted
    clusters: int = 0  # gold

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    def report(self) -> str:
        """A few lines of detail: pairwise and B-cubed precision, recall and F1, and how many
        stories were predicted against how many gold clusters (the CLI prints this, then the
        headline)."""
        return "\n".join([
            f"pairwise  P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}  "
            f"(pairs: {self.true_pairs} right of {self.predicted_pairs} predicted, {self.gold_pairs} gold)",
            f"B-cubed   P {self.bcubed_precision:.3f} R {self.bcubed_recall:.3f} F1 {self.bcubed_f1:.3f}",
            f"stories   {self.stories} predicted, {self.clusters} gold clusters, {self.articles} articles",
        ])  # fmt: skip

    def headline(self) -> str:
        return (
            f"clustering pairwise-F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}, "
            f"B-cubed F1 {self.bcubed_f1:.3f}) on {self.articles} articles"
        )


def evaluate_clustering(
    path: str | Path,
    *,
    predictions_path: str | Path | None = None,
    entities: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ClusteringScore:
    """Cluster every article of the set at `path` and score the stories against its clusters.

    With `entities`, spaCy's named entities (people, organisations, places, groups, events,
    facilities) of each title and text are given to the clusterer as normalised names."""
    from ..stories import StoryClusterer

    records = _load(Path(path))
    inputs = list(story_inputs(records, entities=entities))
    clusterer = StoryClusterer()
    predicted: dict[str, str] = {}
    for item in inputs:
        clusterer.add(item)
        if progress:
            progress(1, len(inputs))
    predicted = clusterer.article_stories()
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for item in inputs:
                out.write(json.dumps({"id": item.id, "story": predicted[item.id]}) + "\n")
    gold = {str(r["id"]): str(r.get("cluster")) for r in records}
    return score_clustering(gold, predicted)


def story_inputs(records: list[dict], *, entities: bool = False) -> Iterable:
    """The set's records as StoryInputs, in the order they are fed: by date where known."""
    from ..stories import StoryInput

    ordered = _date_order(records)
    names: list[tuple[str, ...]] = [()] * len(ordered)
    if entities:
        names = list(_entity_names(ordered))
    for record, found in zip(ordered, names):
        date = record.get("date")
        yield StoryInput(
            id=str(record["id"]),
            title=str(record.get("title") or ""),
            text=str(record.get("text") or ""),
            published=str(date)[:10] if date else None,
            outlet=record.get("source") or None,
            entities=found,
        )


def score_clustering(gold: dict[str, str], predicted: dict[str, str]) -> ClusteringScore:
    """Pairwise and B-cubed scores of `predicted` (id -> story) against `gold` (id -> cluster),
    over the ids in `gold` (an id missing from `predicted` is a story of its own)."""
    ids = list(gold)
    pred = {i: predicted.get(i, "\0" + i) for i in ids}
    joint = Counter((gold[i], pred[i]) for i in ids)
    gold_sizes = Counter(gold[i] for i in ids)
    pred_sizes = Counter(pred[i] for i in ids)
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    bp = sum(joint[(gold[i], pred[i])] / pred_sizes[pred[i]] for i in ids) / len(ids) if ids else 0.0
    br = sum(joint[(gold[i], pred[i])] / gold_sizes[gold[i]] for i in ids) / len(ids) if ids else 0.0
    return ClusteringScore(
        articles=len(ids),
        true_pairs=sum(pairs(n) for n in joint.values()),
        predicted_pairs=sum(pairs(n) for n in pred_sizes.values()),
        gold_pairs=sum(pairs(n) for n in gold_sizes.values()),
        bcubed_precision=bp,
        bcubed_recall=br,
        stories=len(pred_sizes),
        clusters=len(gold_sizes),
    )


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _load(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read '{path}': {exc}") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) and "id" in r for r in data):
        raise EvaluationError(f"cannot read '{path}': expected a JSON list of {{id, cluster, title, text}} objects")
    ids = [str(r["id"]) for r in data]
    if len(set(ids)) != len(ids):
        dup = next(i for i, n in Counter(ids).items() if n > 1)
        raise EvaluationError(f"cannot read '{path}': id {dup!r} appears more than once")
    return data


def _date_order(records: list[dict]) -> list[dict]:
    """Stable sort by date; an undated record keeps its place after the record before it."""
    keyed = []
    last = ""
    for position, record in enumerate(records):
        date = str(record.get("date") or "")[:10]
        if date:
            last = date
        keyed.append((date or last, position, record))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [r for _, _, r in keyed]


def _entity_names(records: list[dict]) -> Iterable[tuple[str, ...]]:
    """Normalised names of the named entities spaCy finds in each record's title and text."""
    from ..stages.nlp import load_model
    from ..stories.features import fold

    nlp = load_model()
    texts = ((str(r.get("title") or "") + "\n\n" + str(r.get("text") or "")) for r in records)
    for doc in nlp.pipe(texts, batch_size=32, disable=["lemmatizer", "parser"]):
        names = []
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                name = " ".join(fold(ent.text).replace("'s", "").split()).strip(" .,'\"")
                if name.startswith("the "):
                    name = name[4:]
                if name:
                    names.append(ent.label_.lower() + ":" + name)
        yield tuple(dict.fromkeys(names))
