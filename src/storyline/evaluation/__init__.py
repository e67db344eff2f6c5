"""The `storyline eval ...` scorers: one module per capability, each a function returning a
score with `report()` (details) and `headline()` (the one line the command ends with)."""


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
