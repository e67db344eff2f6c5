"""The `storyline eval ...` scorers: one module per capability, each a function returning a
score with `report()` (details) and `headline()` (the one line the command ends with).

A dev set is split into two fixed halves (`half_of`): settings are chosen on `tune` and the
figure reported is `blind`'s, so a rule fitted to one record shows as a gap between the two."""

import hashlib

HALVES = ("tune", "blind")


def half_of(key: str) -> str:
    """The fixed half a record (or a cluster) with this key is in: a hash, so no order or size of
    the set moves a record from one half to the other."""
    return HALVES[int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 2]


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
