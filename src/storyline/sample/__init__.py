"""The built-in sample corpus: invented articles from invented outlets, in every input format
Storyline reads, with a truth file listing each article's story and the facts planted in them.

`storyline demo` ingests it; tests of each stage check their output against `load_truth()`.
See README.md in this folder for what is planted where.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["corpus_path", "load_truth", "truth_path"]

_HERE = Path(__file__).parent


def corpus_path() -> Path:
    """The folder holding the sample articles (text, HTML, a feed and a WARC file)."""
    return _HERE / "corpus"


def truth_path() -> Path:
    return _HERE / "truth.json"


@lru_cache(maxsize=1)
def _truth_text() -> str:
    return truth_path().read_text(encoding="utf-8")


def load_truth() -> dict:
    """The sample's ground truth: outlets, stories, articles (by path or entry URL) and facts.

    Each call returns a fresh dict, so callers may change it freely."""
    return json.loads(_truth_text())
