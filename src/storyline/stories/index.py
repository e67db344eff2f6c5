"""Which stories a new article could belong to, without looking at every story.

An inverted index from keys (an article's rarest terms and its entities) to the stories whose
articles carried them. A lookup reads only the postings of the new article's own keys, skips
keys so common that they no longer discriminate (`max_posting` stories), and returns the
`max_candidates` stories sharing the most weight. Stories whose last article is more than
`window_days` older than the newest date seen leave the index, so on a dated stream the work
per article does not grow with the number of stories.
"""

from __future__ import annotations

import heapq
import operator
from collections.abc import Iterable, Mapping
from itertools import repeat


class CandidateIndex:
    def __init__(self, *, max_posting: int = 400, max_candidates: int = 24, window_days: int | None = 30) -> None:
        self.max_posting = max_posting
        self.max_candidates = max_candidates
        self.window_days = window_days
        self._postings: dict[str, dict[str, None]] = {}
        self._keys: dict[str, set[str]] = {}  # story id -> its keys
        self._last_day: dict[str, int] = {}  # story id -> ordinal of its latest dated article
        self._expiry: list[tuple[int, str]] = []
        self.newest: int | None = None
        self.scanned = 0  # postings entries read by the latest lookup (for tests and benchmarks)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, story_id: str) -> bool:
        return story_id in self._keys

    def add(self, story_id: str, keys: Iterable[str], day: int | None = None) -> None:
        """Index `keys` under `story_id`; `day` is the ordinal date of the article adding them."""
        mine = self._keys.setdefault(story_id, set())
        for key in keys:
            if key not in mine:
                mine.add(key)
                self._postings.setdefault(key, {})[story_id] = None
        if day is not None:
            if day > self._last_day.get(story_id, -1):
                self._last_day[story_id] = day
                heapq.heappush(self._expiry, (day, story_id))
            if self.newest is None or day > self.newest:
                self.newest = day

    def candidates(self, keys: Mapping[str, float]) -> list[str]:
        """The stories sharing most key weight with `keys`, best first (ties: oldest first)."""
        scores: dict[str, float] = {}
        add_to = scores.get
        scanned = 0
        for key, weight in keys.items():
            posting = self._postings.get(key)
            if not posting or len(posting) > self.max_posting:
                continue
            scanned += len(posting)
            # scores[s] += weight for every story s of the posting, without a Python-level loop
            # (a posting holds each story once, so reading all before writing is the same)
            scores.update(zip(posting, map(operator.add, map(add_to, posting, repeat(0.0)), repeat(weight))))
        self.scanned = scanned
        if len(scores) <= self.max_candidates:
            return sorted(scores, key=lambda s: -scores[s])
        return heapq.nlargest(self.max_candidates, scores, key=scores.__getitem__)

    def remove(self, story_id: str) -> None:
        for key in self._keys.pop(story_id, ()):
            posting = self._postings.get(key)
            if posting is not None:
                posting.pop(story_id, None)
                if not posting:
                    del self._postings[key]
        self._last_day.pop(story_id, None)

    def merge(self, source: str, target: str) -> None:
        """Move `source`'s keys onto `target` (the stories were merged)."""
        keys = self._keys.get(source, set())
        day = self._last_day.get(source)
        self.remove(source)
        self.add(target, keys, day)

    def expire(self) -> list[str]:
        """Drop stories that left the window; their ids."""
        if self.window_days is None or self.newest is None:
            return []
        horizon = self.newest - self.window_days
        gone = []
        while self._expiry and self._expiry[0][0] < horizon:
            day, story_id = heapq.heappop(self._expiry)
            if self._last_day.get(story_id) == day:  # else a later article renewed it
                self.remove(story_id)
                gone.append(story_id)
        return gone
