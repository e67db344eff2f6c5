"""A story as the clusterer builds it: its articles, dates, outlets and the summed term
frequencies it is compared by."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .features import Vocabulary, dot


@dataclass
class Story:
    """A group of articles about one event. `id` comes from the first article's id, so it is
    the same on every run over the same input order."""

    KEEP_CENTRAL = 32  # central-name counts kept once there are twice as many (_bound)

    id: str
    articles: list[str] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)  # (article id, title)
    headline: str = ""  # inferred from its first untitled article's lead, shown when no article has a title
    first_seen: str | None = None  # earliest publication date (YYYY-MM-DD) among its articles
    last_seen: str | None = None
    outlets: dict[str, int] = field(default_factory=dict)  # outlet -> articles, in order seen
    copies: dict[str, str] = field(default_factory=dict)  # copy article id -> original article id
    event_dates: dict[str, int] = field(default_factory=dict)
    # how many of its articles are about each name (features.central_names), bounded (_bound)
    central_names: dict[str, int] = field(default_factory=dict)
    # how many of its articles name each year (features.years), bounded like central_names
    years: dict[str, int] = field(default_factory=dict)
    merged_from: list[str] = field(default_factory=list)  # ids of stories merged into this one
    # what it is compared by; dropped (None) once the story leaves the candidate window
    body: dict[str, float] | None = field(default_factory=dict)  # summed sublinear tf
    title_terms: dict[str, float] | None = field(default_factory=dict)
    entities: dict[str, float] | None = field(default_factory=dict)
    # each article's own vectors, compared one by one (see clustering.StoryClusterer._match)
    members: list[Member] | None = field(default_factory=list, repr=False)
    _norms: dict[str, tuple[int, float]] = field(default_factory=dict, repr=False)
    article_outlets: list[str | None] = field(default_factory=list, repr=False)  # per article
    keep_members: int = field(default=12, repr=False)  # the latest members kept for comparison
    keep_terms: int = field(default=1000, repr=False)  # summed-vector entries kept (see _bound)

    @property
    def size(self) -> int:
        return len(self.articles)

    @property
    def title(self) -> str:
        """The representative headline: the one sharing most words with the others (the first
        on a tie)."""
        if not self.titles:
            return self.headline
        if len(self.titles) == 1 or not self.title_terms:
            return self.titles[0][1]
        from .features import term_frequencies, terms

        best, best_score = self.titles[0][1], -1.0
        for _, title in self.titles:
            tf = term_frequencies(terms(title))
            norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
            score = dot(tf, self.title_terms) / norm
            if score > best_score + 1e-9:
                best, best_score = title, score
        return best

    @property
    def independent_sources(self) -> int:
        """Outlets that reported it themselves: copies of another article count with their
        original, and articles of unknown outlet count one each."""
        own = set()
        unknown = 0
        for article_id, outlet in zip(self.articles, self.article_outlets):
            if article_id in self.copies:
                continue
            if outlet is None:
                unknown += 1
            else:
                own.add(outlet)
        return len(own) + unknown

    def add(self, article_id: str, title: str, outlet: str | None, published: str | None,
            event_dates: tuple[str, ...], body_tf: dict[str, float], title_tf: dict[str, float],
            entities: tuple[str, ...], copy_of: str | None, member: Member | None = None,
            central_names: tuple[str, ...] = (), years: frozenset[str] = frozenset(),
            inferred: bool = False) -> None:  # fmt: skip
        self.articles.append(article_id)
        self.article_outlets.append(outlet)
        if title and not inferred:
            self.titles.append((article_id, title))
        elif title and not self.headline:
            self.headline = title
        if outlet:
            self.outlets[outlet] = self.outlets.get(outlet, 0) + 1
        if copy_of:
            self.copies[article_id] = copy_of
        self.first_seen, self.last_seen = widened(self.first_seen, self.last_seen, published)
        for d in event_dates:
            self.event_dates[d] = self.event_dates.get(d, 0) + 1
        for n in central_names:
            self.central_names[n] = self.central_names.get(n, 0) + 1
        for y in years:
            self.years[y] = self.years.get(y, 0) + 1
        if self.body is None:  # a story revived after leaving the window (only when replaying)
            self.body, self.title_terms, self.entities, self.members = {}, {}, {}, []
        if member is not None and self.members is not None:
            self.members.append(member)
            if len(self.members) > self.keep_members:
                del self.members[: len(self.members) - self.keep_members]
        _accumulate(self.body, body_tf)
        _accumulate(self.title_terms, title_tf)
        _accumulate(self.entities, {e: 1.0 for e in entities})
        self._bound()
        self._norms.clear()

    def _bound(self) -> None:
        """Keep the summed vectors to their `keep_terms` heaviest entries once they reach twice
        that: a story's state stays bounded however many articles it gathers (the terms dropped
        are each one article's incidental words; the cosine is carried by the shared ones)."""
        for vec in (self.body, self.title_terms, self.entities):
            if vec is not None:
                _keep_heaviest(vec, self.keep_terms)
        _keep_heaviest(self.central_names, self.KEEP_CENTRAL)  # the rarest are far from most articles'
        _keep_heaviest(self.years, self.KEEP_CENTRAL)

    def main_years(self) -> list[str]:
        """The years at least half of its articles name."""
        half = self.size / 2
        return [y for y, count in self.years.items() if count >= half]

    def main_names(self) -> list[str]:
        """The names at least half of its articles are about (features.central_names)."""
        half = self.size / 2
        return [n for n, count in self.central_names.items() if count >= half]

    def absorb(self, other: Story) -> None:
        """Take in every article of `other` (a merge); `other` is left empty."""
        self.articles.extend(other.articles)
        self.article_outlets.extend(other.article_outlets)
        self.titles.extend(other.titles)
        self.headline = self.headline or other.headline
        _accumulate(self.outlets, other.outlets)
        self.copies.update(other.copies)
        _accumulate(self.event_dates, other.event_dates)
        _accumulate(self.central_names, other.central_names)
        _accumulate(self.years, other.years)
        for mine, theirs in ((self.body, other.body), (self.title_terms, other.title_terms),
                             (self.entities, other.entities)):  # fmt: skip
            if mine is not None and theirs is not None:
                _accumulate(mine, theirs)
        if self.members is not None and other.members is not None:
            self.members.extend(other.members)
            del self.members[: max(0, len(self.members) - self.keep_members)]
        self._bound()
        self.first_seen, self.last_seen = widened(self.first_seen, self.last_seen, other.first_seen, other.last_seen)
        self.merged_from.append(other.id)
        self.merged_from.extend(other.merged_from)
        self._norms.clear()

    def norm(self, which: str, vocabulary: Vocabulary) -> float:
        """The L2 norm of one of the summed vectors under the vocabulary's IDF snapshot. Cached
        until the story changes or the snapshot is renewed (Vocabulary.epoch)."""
        return vocabulary.cached_norm(self._norms, which, getattr(self, which) or {})

    def retire(self) -> None:
        """Drop what it is compared by (it has left the candidate window)."""
        self.body = self.title_terms = self.entities = self.members = None
        self._norms.clear()

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "outlets": list(self.outlets),
            "independent_sources": self.independent_sources,
            "copies": dict(self.copies),
            "merged_from": list(self.merged_from),
        }


class Member:
    """One article as a story keeps it for comparison: its weighted terms (tf times the
    distinctiveness boost), title terms and day. The IDF norm is cached like `Story.norm`."""

    __slots__ = ("body", "title", "day", "names", "_norm", "_title_norm")

    def __init__(self, body: dict[str, float], title: dict[str, float], day: int | None,
                 names: frozenset[str] = frozenset()) -> None:  # fmt: skip
        self.body = body
        self.title = title
        self.day = day
        self.names = names
        self._norm: tuple[int, float] | None = None
        self._title_norm: tuple[int, float] | None = None

    def norm(self, vocabulary: Vocabulary, title: bool = False) -> float:
        cached = self._title_norm if title else self._norm
        if cached is not None and cached[0] == vocabulary.epoch:
            return cached[1]
        value = vocabulary.snapshot_norm(self.title if title else self.body)
        if title:
            self._title_norm = (vocabulary.epoch, value)
        else:
            self._norm = (vocabulary.epoch, value)
        return value


def widened(first: str | None, last: str | None, *days: str | None) -> tuple[str | None, str | None]:
    """The span (first, last) of ISO dates widened to take in `days`; unknown ones (None) skipped."""
    known = [d for d in (first, last, *days) if d]
    return (min(known), max(known)) if known else (None, None)


def _keep_heaviest(values: dict, limit: int) -> None:
    """Cut `values` to its `limit` largest entries (ties by key) once it holds twice as many."""
    if len(values) >= 2 * limit:
        keep = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        values.clear()
        values.update(keep)


def _accumulate(into: dict, values: dict) -> None:
    """Add `values` into `into`, key by key: summed vectors (floats) and counts (ints, kept ints)."""
    for k, v in values.items():
        into[k] = into.get(k, 0) + v
