"""The line model: a second look at each line of a plain text, in its context, after the main
regions are chosen.

The regions (`lines.main_regions`) decide from each line's own score, so a short line inside an
article (a list item, a sub-heading, a caption, a fact box's "Price: 3 €") costs the region a
little and a run of them splits it; a lead that its site ends with "…" reads as a cut-off
teaser. The model weighs what a reader uses to tell those from page furniture: the line's own
class and shape, whether the lines around it are kept prose, how far it is from the main text,
and whether it sits above, between or below the regions. It is a logistic regression over
`FEATURES`, fitted by `benchmarks/build_line_model.py` on the tune half of the trafilatura
extraction set (hundreds of sites in a dozen languages) and shipped as `line_model.tsv`. It only
adds: a line the regions leave out is kept when its probability reaches `THRESHOLD`, and a line
they keep stays. Lines the cleaner knows to be clutter (widgets, teaser markers, copyright lines,
clutter classes, teasers after a marker) are never brought back.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .text import LineTable

TABLE = Path(__file__).with_name("line_model.tsv")
THRESHOLD = 0.5
_CAP = 8  # lines: distances beyond this read as "far"
_WINDOW = 3  # lines either side that count as a line's neighbourhood
_DIGIT = re.compile(r"\d")
_SEPARATOR = re.compile(r"\s[|»›•·/]\s|\s>\s")  # a breadcrumb's or a teaser's "Home » News"
_BULLET = re.compile(r"^(?:[-–•*·▪►✓]|\d{1,2}[.)]|[a-z][.)])\s")

CLASSES = ("good", "neargood", "short", "bad")
FEATURES = (
    "bias", "kept", "in_region", "before", "after", "gap",
    *(f"cls_{c}" for c in CLASSES), *(f"prev_{c}" for c in CLASSES), *(f"next_{c}" for c in CLASSES),
    "heading", "truncated", "sentence_end", "log_chars", "stopwords", "no_stoplist", "title_case",
    "upper", "digits", "colon_end", "credit",
    "near_prev_kept", "near_next_kept", "far_prev_kept", "far_next_kept",
    "good_near", "bad_near", "short_near", "kept_near",
    "short_between_kept", "heading_before_kept", "truncated_before_kept", "neargood_outside",
    "short_in_gap", "short_outside", "bad_between_kept",
    "run_short", "run_long", "run_between", "run_clean", "clean_run_between", "short_run", "bullet",
    "repeated", "separators", "position", "capitalised",
)


def _is_clutter(table: LineTable, i: int) -> bool:
    f = table.feats[i]
    return bool(f.widget or f.marker or f.copyright or (f.clutter and f.clutter != "credit")
                or table.reasons[i] == "teaser")


def line_vectors(table: LineTable) -> list[dict[str, float]]:
    """Each line's feature values by name (only the non-zero ones), from one pass each way."""
    feats, raw, keep = table.feats, table.raw, table.keep
    n = len(feats)
    in_region = [False] * n
    for start, end in table.regions:
        for i in range(start, end + 1):
            in_region[i] = True
    first = table.regions[0][0] if table.regions else n
    last = table.regions[-1][1] if table.regions else -1
    prev_kept, next_kept = [_CAP] * n, [_CAP] * n
    d = _CAP
    for i in range(n):
        prev_kept[i] = d
        d = 1 if keep[i] else min(d + 1, _CAP)
    d = _CAP
    for i in range(n - 1, -1, -1):
        next_kept[i] = d
        d = 1 if keep[i] else min(d + 1, _CAP)
    # running counts for the neighbourhood sums
    def prefix(flags: list[bool]) -> list[int]:
        out = [0]
        for flag in flags:
            out.append(out[-1] + flag)
        return out

    good_sum = prefix([c == "good" for c in raw])
    bad_sum = prefix([c == "bad" for c in raw])
    short_sum = prefix([c == "short" for c in raw])
    kept_sum = prefix(keep)

    def near(sums: list[int], i: int, own: bool) -> float:
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        return (sums[hi] - sums[lo] - own) / (2 * _WINDOW)

    # the run of dropped lines a line sits in: its length, whether kept text closes it on both
    # sides, and whether it holds no bad line (a list or a sub-heading, not a menu with widgets)
    run_len, run_between, run_clean = [0] * n, [False] * n, [False] * n
    i = 0
    while i < n:
        j = i
        while j < n and not keep[j]:
            j += 1
        if j > i:
            between = i > 0 and j < n
            clean = not any(raw[k] == "bad" for k in range(i, j))
            for k in range(i, j):
                run_len[k], run_between[k], run_clean[k] = j - i, between, clean
        i = j + 1
    # the run of consecutive short lines a line belongs to (the items of a list)
    short_run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and raw[j] == "short":
            j += 1
        for k in range(i, j):
            short_run[k] = j - i
        i = max(j, i + 1)

    # a line written twice in one page: a menu at its top and foot, a label beside each item
    counts: dict[str, int] = {}
    for f in feats:
        counts[f.text] = counts.get(f.text, 0) + 1

    vectors = []
    for i, f in enumerate(feats):
        cls = raw[i]
        v: dict[str, float] = {"bias": 1.0, f"cls_{cls}": 1.0}
        if keep[i]:
            v["kept"] = 1.0
        if in_region[i]:
            v["in_region"] = 1.0
        elif i < first:
            v["before"] = 1.0
        elif i > last:
            v["after"] = 1.0
        else:
            v["gap"] = 1.0
        if i > 0:
            v[f"prev_{raw[i - 1]}"] = 1.0
        if i + 1 < n:
            v[f"next_{raw[i + 1]}"] = 1.0
        heading = f.heading_like
        for name, on in (("heading", heading), ("truncated", f.truncated), ("sentence_end", f.sentence_end),
                         ("title_case", f.title_case), ("upper", f.upper), ("no_stoplist", f.stopword_density is None),
                         ("digits", bool(_DIGIT.search(f.text))), ("colon_end", f.text.rstrip().endswith(":")),
                         ("credit", f.clutter == "credit")):
            if on:
                v[name] = 1.0
        v["log_chars"] = math.log1p(f.chars) / math.log(1000)
        v["stopwords"] = f.stopword_density or 0.0
        v["near_prev_kept"] = float(prev_kept[i] == 1)
        v["near_next_kept"] = float(next_kept[i] == 1)
        v["far_prev_kept"] = prev_kept[i] / _CAP
        v["far_next_kept"] = next_kept[i] / _CAP
        v["good_near"] = near(good_sum, i, cls == "good")
        v["bad_near"] = near(bad_sum, i, cls == "bad")
        v["short_near"] = near(short_sum, i, cls == "short")
        v["kept_near"] = near(kept_sum, i, keep[i])
        between = prev_kept[i] <= 2 and next_kept[i] <= 2
        if cls == "short" and between:
            v["short_between_kept"] = 1.0
        if cls == "bad" and between:
            v["bad_between_kept"] = 1.0
        if heading and next_kept[i] <= 2:
            v["heading_before_kept"] = 1.0
        if f.truncated and next_kept[i] <= 3:
            v["truncated_before_kept"] = 1.0
        if cls == "neargood" and not in_region[i]:
            v["neargood_outside"] = 1.0
        if cls == "short" and "gap" in v:
            v["short_in_gap"] = 1.0
        if cls == "short" and not in_region[i]:
            v["short_outside"] = 1.0
        if run_len[i]:
            v["run_short"] = float(run_len[i] <= 3)
            v["run_long"] = min(run_len[i], 4 * _CAP) / (4 * _CAP)
            v["run_between"] = float(run_between[i])
            v["run_clean"] = float(run_clean[i])
            v["clean_run_between"] = float(run_clean[i] and run_between[i])
        if short_run[i]:
            v["short_run"] = min(short_run[i], 2 * _CAP) / (2 * _CAP)
        if _BULLET.match(f.text):
            v["bullet"] = 1.0
        if counts[f.text] > 1:
            v["repeated"] = 1.0
        if _SEPARATOR.search(f.text):
            v["separators"] = 1.0
        v["position"] = i / n
        words = f.text.split()
        v["capitalised"] = sum(1 for word in words if word[:1].isupper()) / len(words) if words else 0.0
        vectors.append({k: x for k, x in v.items() if x})
    return vectors


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The shipped weights by feature name; empty (no revision) when the table is absent."""
    if not TABLE.is_file():
        return {}
    out: dict[str, float] = {}
    with open(TABLE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, value = line.rstrip("\n").split("\t")
            out[name] = float(value)
    return out


def probabilities(table: LineTable, w: dict[str, float]) -> list[float]:
    out = []
    for v in line_vectors(table):
        z = sum(w.get(k, 0.0) * x for k, x in v.items())
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def revise(table: LineTable, w: dict[str, float] | None = None) -> None:
    """Keep each line the model gives at least `THRESHOLD`, unless it is clutter. The model only
    adds to the main regions' text: a line they keep stays, so an article whose paragraphs are
    all plain prose reads the same with the model as without it."""
    w = weights() if w is None else w
    if not w or not table.feats:
        return
    for i, p in enumerate(probabilities(table, w)):
        if p >= THRESHOLD and not table.keep[i] and not _is_clutter(table, i):
            table.keep[i] = True
            if table.reasons[i] == "boilerplate":
                table.reasons[i] = ""
