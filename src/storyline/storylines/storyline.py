"""A storyline as the clusterer builds it: its stories in the order they joined, its span,
and the vectors it is compared by (its summed articles, its latest stories one by one, and the
names its articles are about)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from ..stories.features import Vocabulary
from ..stories.story import _accumulate, _keep_heaviest, widened


@dataclass
class Storyline:
    """A thread of stories. `id` comes from its first story's id, so it is the same on every
    run over the same input order."""

    KEEP_NAMES = 64  # name counts kept once there are twice as many (_bound)

    id: str
    stories: dict[str, None] = field(default_factory=dict)  # in the order they joined (an ordered set)
    articles: int = 0
    first_seen: str | None = None  # earliest publication date (YYYY-MM-DD) of its articles
    last_seen: str | None = None
    merged_from: list[str] = field(default_factory=list)  # ids of storylines merged into this one
    # how many of its articles are about each name (stories.features.central_names), bounded
    names: dict[str, int] = field(default_factory=dict)
    # what it is compared by; None once it has left the candidate window
    body: dict[str, float] | None = field(default_factory=dict)  # summed unit tf of its articles
    # its latest stories' own summed unit tf, the most recently changed last (bounded)
    story_vectors: OrderedDict[str, dict[str, float]] | None = field(default_factory=OrderedDict, repr=False)
    keep_terms: int = field(default=2000, repr=False)
    keep_stories: int = field(default=16, repr=False)
    story_terms: int = field(default=400, repr=False)
    _norms: dict[str, tuple[int, float]] = field(default_factory=dict, repr=False)

    def add(self, story_id: str, published: str | None, tf: dict[str, float], central: tuple[str, ...]) -> None:
        """One article of `story_id` (its unit tf vector and central names)."""
        self.stories.setdefault(story_id, None)
        self.articles += 1
        self.first_seen, self.last_seen = widened(self.first_seen, self.last_seen, published)
        for n in central:
            self.names[n] = self.names.get(n, 0) + 1
        if self.body is None:  # revived after leaving the window (only when replaying)
            self.body, self.story_vectors = {}, OrderedDict()
        _accumulate(self.body, tf)
        vector = self.story_vectors.pop(story_id, None) or {}
        _accumulate(vector, tf)
        _keep_heaviest(vector, self.story_terms)
        self.story_vectors[story_id] = vector
        while len(self.story_vectors) > self.keep_stories:
            self.story_vectors.popitem(last=False)
        self._bound()
        self._norms.clear()

    def main_names(self) -> list[str]:
        """The names at least a quarter of its articles are about: a thread's people and places
        come and go, so the bar is lower than a story's half."""
        bar = max(1.0, self.articles / 4)
        return [n for n, count in self.names.items() if count >= bar]

    def absorb(self, other: Storyline) -> None:
        """Take in every story of `other` (a merge); `other` is left as it was, to be dropped."""
        self.stories.update(other.stories)
        self.articles += other.articles
        _accumulate(self.names, other.names)
        if self.body is not None and other.body is not None:
            _accumulate(self.body, other.body)
        if self.story_vectors is not None and other.story_vectors is not None:
            for story_id, vector in other.story_vectors.items():
                _accumulate(self.story_vectors.setdefault(story_id, {}), vector)
            while len(self.story_vectors) > self.keep_stories:
                self.story_vectors.popitem(last=False)
        self.first_seen, self.last_seen = widened(self.first_seen, self.last_seen, other.first_seen, other.last_seen)
        self.merged_from.append(other.id)
        self.merged_from.extend(other.merged_from)
        self._bound()
        self._norms.clear()

    def rename_story(self, old: str, new: str) -> None:
        """Two of its stories were merged by the story clusterer: `old` is now `new`."""
        if old in self.stories:
            order = [new if s == old else s for s in self.stories]
            self.stories = dict.fromkeys(order)
        if self.story_vectors is not None and old in self.story_vectors:
            vector = self.story_vectors.pop(old)
            _accumulate(self.story_vectors.setdefault(new, {}), vector)
        self._norms.clear()

    def norm(self, vector: dict[str, float], key: str, vocabulary: Vocabulary) -> float:
        """The L2 norm of one of its vectors under the vocabulary's IDF snapshot, cached until
        the storyline changes or the snapshot is renewed."""
        return vocabulary.cached_norm(self._norms, key, vector)

    def retire(self) -> None:
        """Drop what it is compared by (it has left the candidate window)."""
        self.body = self.story_vectors = None
        self._norms.clear()

    def _bound(self) -> None:
        if self.body is not None:
            _keep_heaviest(self.body, self.keep_terms)
        _keep_heaviest(self.names, self.KEEP_NAMES)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "stories": list(self.stories),
            "articles": self.articles,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "names": [n for n, _ in sorted(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[:12]],
            "merged_from": list(self.merged_from),
        }

