"""Near-duplicate articles: syndicated or lightly edited copies, linked to their original.

Each article's text becomes a set of word 3-gram shingles (folded words, stopwords kept: a copy
keeps the wording, not only the topic); a MinHash signature of 64 values estimates the Jaccard
similarity of two such sets, and locality-sensitive hashing (16 bands of 4 values) finds the
earlier articles likely to be copies without comparing against all of them. A match whose
estimated similarity reaches `threshold` is a copy; its original is the earliest article of
the group, so a reprint of a reprint still points at the first.

A wire story run with a new headline, changed spellings and its last paragraph dropped keeps
most of its 3-grams (the sample corpus's reprint scores about 0.8); two outlets' own reports of
one event share almost none.
"""

from __future__ import annotations

import heapq
import re
import zlib
from dataclasses import dataclass
from itertools import chain

import numpy as np

from .features import fold

SHINGLE = 3
PERMUTATIONS = 64
BANDS = 16
_PRIME = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(0xFFFFFFFF)
_WORD = re.compile(r"[^\W_]+")
MIN_SHINGLES = 8  # shorter texts say too little to call one a copy of another


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    words = _WORD.findall(fold(text))
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def _permutations(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of `text`'s shingles (None when the text is too short)."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found))
    # (a * x + b) mod p with a, x < 2^32 stays below 2^64; the result is folded to 32 bits
    values = ((_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME) & _MASK32
    return values.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Copy:
    """`article` is a near-duplicate of `original` (estimated shingle Jaccard `similarity`)."""

    article: str
    original: str
    similarity: float


class NearDuplicates:
    """An LSH index of the articles seen so far. `add` says whether an article copies one of
    them. With `window_days`, articles older than that (by publication date, against the newest
    date seen) leave the index, so memory and time stay flat on an endless stream."""

    def __init__(self, threshold: float = 0.5, window_days: int | None = 7) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self._bands: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self._signatures: dict[str, np.ndarray] = {}
        self._copies: dict[str, Copy] = {}  # copy id -> its link (only copies)
        self._expiry: list[tuple[int, str]] = []  # (ordinal day, article id)
        self._newest: int | None = None

    def original_of(self, article_id: str) -> str | None:
        """The original an indexed article copies (None for an original, or once it has left
        the window)."""
        copy = self._copies.get(article_id)
        return copy.original if copy else None

    def add(self, article_id: str, text: str, day_ordinal: int | None = None) -> Copy | None:
        """Index `text` under `article_id`; the copy link if it duplicates an earlier article."""
        if article_id in self._signatures:  # indexed already: the same answer, nothing indexed twice
            return self._copies.get(article_id)
        sig = signature(text)
        if sig is None:
            return None
        rows = PERMUTATIONS // BANDS
        keys = [sig[i * rows : (i + 1) * rows].tobytes() for i in range(BANDS)]
        # the earlier articles sharing a band, each once, in the order the bands find them (every
        # indexed article has its signature: both leave together in _expire)
        others = list(dict.fromkeys(chain.from_iterable(band.get(key, ()) for band, key in zip(self._bands, keys))))
        best: Copy | None = None
        if others:
            # every candidate's agreement at once: on a busy window (template-heavy wire copy)
            # the bands can propose hundreds of earlier articles
            agree = np.count_nonzero(np.stack(list(map(self._signatures.__getitem__, others))) == sig, axis=1)
            top = int(np.argmax(agree))  # the first of the best, in the order the bands found them
            score = float(agree[top]) / len(sig)
            if score >= self.threshold:
                best = Copy(article_id, self.original_of(others[top]) or others[top], score)
        if best is not None:
            self._copies[article_id] = best
        self._signatures[article_id] = sig
        for band, key in zip(self._bands, keys):
            band.setdefault(key, []).append(article_id)
        if day_ordinal is not None and self.window_days is not None:
            heapq.heappush(self._expiry, (day_ordinal, article_id))
            self._newest = day_ordinal if self._newest is None else max(self._newest, day_ordinal)
            self._expire()
        return best

    def _expire(self) -> None:
        horizon = self._newest - self.window_days
        while self._expiry and self._expiry[0][0] < horizon:
            _, old = heapq.heappop(self._expiry)
            sig = self._signatures.pop(old, None)
            self._copies.pop(old, None)  # only indexed articles are asked for their original
            if sig is None:
                continue
            rows = PERMUTATIONS // BANDS
            for i, band in enumerate(self._bands):
                key = sig[i * rows : (i + 1) * rows].tobytes()
                ids = band.get(key)
                if ids is not None:
                    ids.remove(old)
                    if not ids:
                        del band[key]
