"""Build `line_model.tsv`, the weights of the plain-text cleaner's line model (`line_model.py`).

    .venv/bin/python benchmarks/build_line_model.py [../shared/eval/extraction/trafilatura]

Only the tune half of the trafilatura extraction set is read (`evaluation.half_of` of each
page's file name), so the blind half stays a fair test. Each page is rendered to the plain lines
a scraper saves (`render_text`) and read by the cleaner up to its main-region choice
(`text.text_table`). A line that holds one of the page's `with` segments (or is a sizeable part
of one) is labelled article text, one that holds a `without` segment page furniture; the other
lines are not labelled. Each page's labels are weighted by one over its number of labelled lines
so that no single long page sets the weights. The fit is an L2-regularised logistic regression
(Newton's method, numpy). Before the final fit, a two-fold split of the tune pages (by page)
prints how well weights fitted on one fold classify the other's lines, so a change of features
is judged on pages its weights never saw.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from storyline.clean.line_model import FEATURES, TABLE, line_vectors
from storyline.clean.page_text import render_text
from storyline.clean.text import text_table
from storyline.evaluation import half_of
from storyline.evaluation.extraction import _read, decode_html

FOLDER = Path("../shared/eval/extraction/trafilatura")
L2 = 1.0  # the penalty on the weights' squares (the bias included), in units of one page
_PART = 15  # characters a line needs to be labelled as a part of a longer segment


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _label(line: str, wanted: list[str], unwanted: list[str]) -> int | None:
    line = _collapse(line)
    if not line:
        return None

    def hit(segments: list[str]) -> bool:
        return any(s and (s in line or (line in s and (len(line) >= _PART or line == s))) for s in segments)

    pos, neg = hit(wanted), hit(unwanted)
    if pos == neg:
        return None
    return 1 if pos else 0


def page_rows(folder: Path = FOLDER) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """(page id, feature matrix, labels) of each tune-half page with labelled lines."""
    gold = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    index = {name: i for i, name in enumerate(FEATURES)}
    rows = []
    for entry in gold.values():
        page_id = Path(entry["file"]).name
        if half_of(page_id) != "tune":
            continue
        page = decode_html(_read(folder / "html" / (entry["file"] + ".gz")))
        table = text_table(render_text(page))
        wanted = [_collapse(s) for s in entry.get("with") or []]
        unwanted = [_collapse(s) for s in entry.get("without") or []]
        xs, ys = [], []
        for (_, line, _), vector in zip(table.pieces, line_vectors(table)):
            y = _label(line, wanted, unwanted)
            if y is None:
                continue
            x = np.zeros(len(FEATURES))
            for name, value in vector.items():
                x[index[name]] = value
            xs.append(x)
            ys.append(y)
        if xs:
            rows.append((page_id, np.array(xs), np.array(ys, dtype=float)))
    return rows


def fit(rows: list[tuple[str, np.ndarray, np.ndarray]], l2: float = L2) -> np.ndarray:
    """Logistic-regression weights over `FEATURES`, each page weighted to one."""
    x = np.vstack([r[1] for r in rows])
    y = np.concatenate([r[2] for r in rows])
    sw = np.concatenate([np.full(len(r[2]), 1.0 / len(r[2])) for r in rows])
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sw * (p - y)) + l2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def accuracy(rows: list[tuple[str, np.ndarray, np.ndarray]], w: np.ndarray) -> tuple[float, float]:
    """(share of labelled lines classified right, the same for the cleaner's own keep column)."""
    x = np.vstack([r[1] for r in rows])
    y = np.concatenate([r[2] for r in rows])
    kept = x[:, FEATURES.index("kept")]
    return float(((x @ w >= 0) == (y == 1)).mean()), float(((kept == 1) == (y == 1)).mean())


def write(w: np.ndarray, path: Path = TABLE) -> None:
    lines = [
        "# Weights of the plain-text cleaner's line model (clean/line_model.py): feature<TAB>weight.",
        "# Fitted by benchmarks/build_line_model.py on the tune half of the trafilatura extraction set",
        "# (Barbaresi 2021, ../shared/eval/extraction/trafilatura); do not edit by hand.",
    ]
    lines += [f"{name}\t{value:.6f}" for name, value in zip(FEATURES, w)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else FOLDER
    if not (folder / "evaldata.json").is_file():
        print(f"cannot read '{folder}': no evaldata.json (trafilatura layout)", file=sys.stderr)
        return 1
    rows = page_rows(folder)
    folds = [[r for r in rows if half_of("fold:" + r[0]) == h] for h in ("tune", "blind")]
    for a, b in ((0, 1), (1, 0)):
        model, base = accuracy(folds[b], fit(folds[a]))
        print(f"fold {b + 1}: line accuracy {model:.3f} (main regions alone {base:.3f}) on {len(folds[b])} pages")
    w = fit(rows)
    write(w)
    print(f"wrote {TABLE} ({len(FEATURES)} weights, {len(rows)} pages, "
          f"{sum(len(r[2]) for r in rows)} labelled lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
