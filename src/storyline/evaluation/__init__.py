"""The `storyline eval ...` scorers: one module per capability, each a function returning a
score with `report()` (details) and `headline()` (the one line the command ends with).

A dev set is split into two fixed halves (`half_of`): settings are chosen on `tune` and the
figure reported is `blind`'s, so a rule fitted to one record shows as a gap between the two."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import EvaluationError

HALVES = ("tune", "blind")


def half_of(key: str) -> str:
    """The fixed half a record (or a cluster) with this key is in: a hash, so no order or size of
    the set moves a record from one half to the other."""
    return HALVES[int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2]


def check_half(half: str | None) -> None:
    """Refuse a `half` that is neither None (the whole set) nor one of HALVES."""
    if half not in (None, *HALVES):
        raise EvaluationError(f"unknown half {half!r}: choose one of {', '.join(HALVES)}")


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class SpanCounts:
    """Gold, predicted and matched spans of one kind (a quote's role, a mention's type), matched
    exactly and by overlap: the precision, recall and F1 of either."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, other: SpanCounts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.exact += other.exact
        self.overlap += other.overlap

    def precision(self, overlap: bool = True) -> float:
        hits = self.overlap if overlap else self.exact
        return hits / self.predicted if self.predicted else 0.0

    def recall(self, overlap: bool = True) -> float:
        hits = self.overlap if overlap else self.exact
        return hits / self.gold if self.gold else 0.0

    def f1(self, overlap: bool = True) -> float:
        return f1(self.precision(overlap), self.recall(overlap))


def max_matching(gold: Sequence, predicted: Sequence) -> list[tuple[int, int]]:
    """The largest one-to-one pairing of overlapping spans (augmenting paths), as sorted (gold
    index, predicted index) pairs: each span has `overlaps(other)`. Scoring by overlap pairs
    spans this way so that one long prediction cannot match two gold spans."""
    edges = [[j for j, p in enumerate(predicted) if g.overlaps(p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())
