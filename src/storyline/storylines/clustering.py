"""Online storylines: each new story joins a storyline or starts one, and storylines merge when
a story turns out to belong to both.

`Threads` holds both levels. For each article it

1. places it in a story (`stories.StoryClusterer.add`);
2. if that story is new, scores the candidate storylines sharing the article's heaviest terms
   (`_score`, in a `window_days` window) and joins the best one if it reaches `join_threshold`,
   else starts a storyline;
3. if the story already had one, adds the article to it and scores the whole story against the
   other candidates: one reaching `merge_threshold` is the same thread, and the two merge (the
   older keeps its id);
4. when the story clusterer merged two stories, merges their storylines: a story is in one.

The score, over the stories' TF-IDF weighting, is the cosine to the storyline's summed articles
(what the thread is about) plus the best cosine to one of its latest stories (its current
development), less `name_conflict` when the story is about other people or places
(`_names_conflict`). A storyline accepts what a story would not (weeks between stories, other
words for the next development): a second level, not a lower story threshold. Its thresholds
were set on one fixed half of the EpiMine threads (docs/decisions.md).

State is bounded like the stories' (`Storyline`: heaviest terms, latest stories' vectors; the
index drops a storyline quiet for `window_days`). `Threads.rebuild` replays stored (article,
story, storyline) rows without deciding anything again.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..stories import Assignment, StoryClusterer, StoryConfig, StoryInput
from ..stories.clustering import _cosine, _shared_terms, _Weighed
from ..stories.features import central_names, day, gap_days
from ..stories.index import CandidateIndex
from .storyline import Storyline


@dataclass(frozen=True)
class StorylineConfig:
    """The storyline level's one configuration (no per-corpus settings)."""

    join_threshold: float = 0.2  # a new story joins the best storyline scoring this much
    merge_threshold: float = 0.6  # a grown story this close to another storyline merges the two
    name_conflict: float = 0.2  # subtracted when the story is about other names (see module doc)
    window_days: int = 60  # storylines quiet this long (before the newest date) leave the index
    index_terms: int = 32  # an article's heaviest terms indexed under its storyline
    query_terms: int = 48  # ... and looked up for a story
    max_candidates: int = 12  # storylines scored per decision
    max_posting: int = 200  # a term in more candidate storylines than this finds none
    keep_terms: int = 2000  # a storyline's summed vector keeps this many heaviest terms
    keep_stories: int = 16  # ... and this many latest stories' own vectors (best_story)
    story_terms: int = 400  # ... each cut to this many terms
    central_top: int = 3  # a story's central names: at most this many per article ...
    central_min_count: int = 3  # ... each repeated this many times


@dataclass(frozen=True)
class LineMatch:
    """How well a story fits one storyline."""

    storyline: str
    score: float
    features: dict[str, float]
    shared_terms: tuple[tuple[str, float], ...] = ()
    gap_days: float | None = None  # days from the storyline's span to the story's article
    # the story's central names the storyline lacks, and the storyline's main names the story lacks
    names_in_conflict: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def as_dict(self) -> dict:
        return {
            "storyline": self.storyline, "score": round(self.score, 4),
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "shared_terms": [list(t) for t in self.shared_terms], "gap_days": self.gap_days,
            "names_in_conflict": [list(s) for s in self.names_in_conflict] if self.names_in_conflict else None,
        }  # fmt: skip


@dataclass(frozen=True)
class LineAssignment:
    """Where one article's story went at the storyline level, and why."""

    article: str
    story: str
    storyline: str  # its storyline at the time (see Threads.storyline_of for now)
    # "joined" / "started" (the article started its story, which joined or started a storyline),
    # "followed" (its story already had one), "given" (replayed)
    decision: str
    best: LineMatch | None = None
    runner_up: LineMatch | None = None
    merged: tuple[str, ...] = ()  # storylines merged into `storyline` because of this article
    candidates: int = 0
    thresholds: dict[str, float] | None = None  # join, merge, name_conflict as decided with

    def as_dict(self) -> dict:
        return {
            "article": self.article, "story": self.story, "storyline": self.storyline, "decision": self.decision,
            "best": self.best.as_dict() if self.best else None,
            "runner_up": self.runner_up.as_dict() if self.runner_up else None,
            "merged": list(self.merged), "candidates": self.candidates, "thresholds": self.thresholds,
        }  # fmt: skip


@dataclass(frozen=True)
class Placement:
    """An article's place at both levels."""

    story: Assignment
    storyline: LineAssignment


def storyline_id_for(story_id: str) -> str:
    """The id of a storyline started by `story_id`."""
    return "l" + hashlib.sha1(("storyline:" + story_id).encode("utf-8")).hexdigest()[:12]


class Threads:
    """Stories and the storylines they form, placed one article at a time."""

    def __init__(self, config: StorylineConfig | None = None, story_config: StoryConfig | None = None, *,
                 keep_inputs: bool = True) -> None:  # fmt: skip
        self.config = c = config or StorylineConfig()
        self.stories = StoryClusterer(story_config, keep_inputs=keep_inputs)
        self.vocabulary = self.stories.vocabulary  # one IDF for both levels
        self.index = CandidateIndex(max_posting=c.max_posting, max_candidates=c.max_candidates,
                                    window_days=c.window_days)  # fmt: skip
        self.storylines: dict[str, Storyline] = {}
        self._line_of_story: dict[str, str] = {}  # story id (current) -> storyline id (maybe merged since)
        self._merged_into: dict[str, str] = {}
        self._started: dict[str, int] = {}  # storyline id -> position of the article that started it
        self._articles = 0
        self._retired: list[str] = []  # storylines that left the window since `forget_retired`

    # -- the stream ----------------------------------------------------------------------------

    def add(self, item: StoryInput, *, story: str | None = None, storyline: str | None = None) -> Placement:
        """Place one article at both levels. With `story` and `storyline`, put it there without
        scoring (replaying stored placements)."""
        if self.stories.story_of(item.id) is not None:  # seen before: nothing changes
            placed = self.stories.add(item)
            return Placement(placed, LineAssignment(item.id, placed.story, self.storyline_of_story(placed.story) or "",
                                                    "given"))  # fmt: skip
        placed = self.stories.add(item, story=story)
        merged = self._follow_story_merges(placed)
        story_id = self.stories.story_of(item.id) or placed.story
        tf, central, heaviest = self._article_vector(item)
        published = _iso_day(item.published)
        when = day(published)
        best = runner_up = None
        candidates = 0
        known = story_id in self._line_of_story
        if storyline is not None:
            line_id = self.storyline_of(storyline) or storyline
            decision = "given"
            current = self.storyline_of_story(story_id) if known else None
            if current is not None and current != line_id and line_id in self.storylines:
                survivor = self._merge(line_id, current)
                merged += (current if survivor == line_id else line_id,)
                line_id = survivor
        elif known:
            line_id = self.storyline_of_story(story_id)
            decision = "followed"
        else:
            matches = self._score(tf, central, when, exclude=None, story=None, heaviest=heaviest)
            candidates = len(matches)
            best = matches[0] if matches else None
            runner_up = matches[1] if len(matches) > 1 else None
            if best is not None and best.score >= self.config.join_threshold:
                line_id, decision = best.storyline, "joined"
            else:
                line_id, decision = storyline_id_for(story_id), "started"
        if line_id not in self.storylines:
            c = self.config
            self.storylines[line_id] = Storyline(line_id, keep_terms=c.keep_terms, keep_stories=c.keep_stories,
                                                 story_terms=c.story_terms)  # fmt: skip
            self._started[line_id] = self._articles
        self._line_of_story[story_id] = line_id
        line = self.storylines[line_id]
        line.add(story_id, published, tf, central)
        if decision == "followed":
            # the story has grown: it may now show that another storyline is the same thread
            vector = (line.story_vectors or {}).get(story_id, tf)
            story_central = tuple(self.stories.story(story_id).central_names) if self.stories.story(story_id) else central
            matches = self._score(vector, story_central, when, exclude=line_id, story=story_id)
            candidates = len(matches)
            for match in matches:
                if match.score >= self.config.merge_threshold:
                    survivor = self._merge(line_id, match.storyline)
                    merged += (match.storyline if survivor == line_id else line_id,)
                    line_id = survivor
            best = matches[0] if matches else None
        line_id = self.storyline_of(line_id) or line_id
        self.index.add(line_id, ["t:" + t for t in heaviest[: self.config.index_terms]],
                       when.toordinal() if when else None)  # fmt: skip
        for gone in self.index.expire():
            if gone in self.storylines:
                self.storylines[gone].retire()
                self._retired.append(gone)
        c = self.config
        assignment = LineAssignment(item.id, story_id, line_id, decision, best, runner_up,
                                    tuple(m for m in dict.fromkeys(merged) if m != line_id), candidates,
                                    {"join": c.join_threshold, "merge": c.merge_threshold,
                                     "name_conflict": c.name_conflict})  # fmt: skip
        self._articles += 1
        return Placement(placed, assignment)

    def add_all(self, items: Iterable[StoryInput]) -> list[Placement]:
        return [self.add(item) for item in items]

    def forget_retired(self) -> None:
        """Drop from memory the stories (`StoryClusterer.forget_retired`) and the storylines that
        have left their windows, and what maps to them: a long stream whose history is kept
        elsewhere (the store) holds only its windows. A retired storyline stays while one of
        its stories is still held (a storyline's window outlasts its stories' by default, so
        this only waits where a configuration makes it shorter). Nothing decided later changes:
        only what is in a window is ever a candidate, followed or merged."""
        for story_id in self.stories.forget_retired():
            self._line_of_story.pop(story_id, None)
        waiting = []
        for line_id in self._retired:
            line = self.storylines.get(line_id)
            if line is None or line.body is not None:  # merged away, or given a replayed story again
                continue
            if any(self.stories.story_of(s) is not None for s in line.stories):
                waiting.append(line_id)
                continue
            del self.storylines[line_id]
            self._started.pop(line_id, None)
            for merged in line.merged_from:
                self._merged_into.pop(merged, None)
        self._retired = waiting

    @classmethod
    def rebuild(cls, history: Iterable[tuple[StoryInput, str, str | None]], config: StorylineConfig | None = None,
                story_config: StoryConfig | None = None, *, keep_inputs: bool = True) -> Threads:  # fmt: skip
        """Both levels in the state `history` (article, story id, storyline id) describes, without
        re-deciding anything. A row without a storyline (stored before storylines existed) gets
        its story's, or starts one."""
        threads = cls(config, story_config, keep_inputs=keep_inputs)
        for item, story, storyline in history:
            if storyline is None:
                storyline = threads.storyline_of_story(story) or storyline_id_for(story)
            threads.add(item, story=story, storyline=storyline)
        return threads

    # -- what it holds -------------------------------------------------------------------------

    def storyline_of(self, storyline_id: str) -> str | None:
        """The current id of a storyline (after merges)."""
        seen = 0
        while storyline_id in self._merged_into and seen < 1000:
            storyline_id = self._merged_into[storyline_id]
            seen += 1
        return storyline_id if storyline_id in self.storylines else None

    def storyline_of_story(self, story_id: str) -> str | None:
        """The current storyline of a story (given by its current or an earlier id)."""
        current = self.stories.story_of(story_id) or story_id
        line = self._line_of_story.get(current) or self._line_of_story.get(story_id)
        return self.storyline_of(line) if line else None

    def storyline(self, storyline_id: str) -> Storyline | None:
        current = self.storyline_of(storyline_id)
        return self.storylines.get(current) if current else None

    def article_storylines(self) -> dict[str, str]:
        """Every article id -> the current id of its storyline, in input order."""
        return {a: self.storyline_of_story(s) for a, s in self.stories.article_stories().items()}

    # -- scoring -------------------------------------------------------------------------------

    def _score(self, tf: dict[str, float], central: tuple[str, ...], when, *, exclude: str | None,
               story: str | None, heaviest: list[str] | None = None) -> list[LineMatch]:  # fmt: skip
        """The candidate storylines for a story vector `tf` (its terms by weight, `heaviest`,
        when known), best first (ties: oldest first)."""
        idf = self.vocabulary.idf
        ranked = heaviest if heaviest is not None else self._heaviest(tf, self.config.query_terms)
        keys = {"t:" + t: idf(t) for t in ranked[: self.config.query_terms]}
        found = [s for s in self.index.candidates(keys) if s != exclude and s in self.storylines]
        lines = [self.storylines[s] for s in found if self.storylines[s].body is not None]
        if not lines:
            return []
        vector = _Weighed(tf, self.vocabulary)
        matches = [self._match(line, vector, central, when, story) for line in lines]
        matches.sort(key=lambda m: (-m.score, self._started.get(m.storyline, 0)))
        return [self._explained(m, vector) if i < 2 else m for i, m in enumerate(matches)]

    def _match(self, line: Storyline, vector: _Weighed, central: tuple[str, ...], when, story: str | None) -> LineMatch:
        vocab = self.vocabulary
        centroid = _cosine(vector, line.body, line.norm(line.body, "body", vocab))
        best_story = 0.0
        for story_id, vec in (line.story_vectors or {}).items():
            if story_id != story:
                best_story = max(best_story, _cosine(vector, vec, line.norm(vec, "s:" + story_id, vocab)))
        conflict = _names_conflict(central, line, vector)
        score = centroid + best_story - (self.config.name_conflict if conflict else 0.0)
        features = {"centroid": centroid, "best_story": best_story, "name_conflict": 1.0 if conflict else 0.0}
        gap = gap_days(when, day(line.first_seen), day(line.last_seen))
        return LineMatch(line.id, score, features, (), gap, conflict)

    def _explained(self, match: LineMatch, vector: _Weighed) -> LineMatch:
        line = self.storylines[match.storyline]
        top = _shared_terms(vector, line.body, line.norm(line.body, "body", self.vocabulary))
        return LineMatch(match.storyline, match.score, match.features, top, match.gap_days, match.names_in_conflict)

    # -- bookkeeping ---------------------------------------------------------------------------

    def _article_vector(self, item: StoryInput) -> tuple[dict[str, float], tuple[str, ...], list[str]]:
        """The article's unit tf vector, central names and heaviest terms, from what the story
        clusterer read of it just now (`StoryClusterer.last_read`). The central names are ranked
        with the IDF that includes the article, as the storyline's own are."""
        article_id, tf, found, heaviest = self.stories.last_read
        assert article_id == item.id, "Threads.add reads the article StoryClusterer.add has just read"
        c = self.config
        if len(heaviest) < max(c.index_terms, c.query_terms) < len(tf):  # the stories rank fewer
            heaviest = self._heaviest(tf, max(c.index_terms, c.query_terms))
        central = central_names(found, tf, self.vocabulary.idf, c.central_top, c.central_min_count)
        norm = math.sqrt(sum(v * v for v in tf.values()))
        return ({k: v / norm for k, v in tf.items()} if norm else {}), central, heaviest

    def _heaviest(self, tf: dict[str, float], n: int) -> list[str]:
        idf = self.vocabulary.idf
        return heapq.nsmallest(n, tf, key=lambda t: (-tf[t] * idf(t), t))

    def _follow_story_merges(self, placed: Assignment) -> tuple[str, ...]:
        """When the story clusterer merged stories for this article, their storylines become
        one; the storylines merged away."""
        involved = set(placed.merged) | {placed.story}
        if placed.best is not None:
            involved.add(placed.best.story)
        merged: tuple[str, ...] = ()
        for old in sorted(involved):
            if old not in self._line_of_story:
                continue
            current = self.stories.story_of(old)
            if current is None or current == old:
                continue
            old_line = self.storyline_of(self._line_of_story.pop(old))
            new_line = self.storyline_of_story(current)
            if new_line is None:
                self._line_of_story[current] = old_line
            elif old_line is not None and old_line != new_line:
                survivor = self._merge(new_line, old_line)
                merged += (old_line if survivor == new_line else new_line,)
                new_line = survivor
            line = self.storyline(new_line or old_line)
            if line is not None:
                line.rename_story(old, current)
        return merged

    def _merge(self, a_id: str, b_id: str) -> str:
        """Merge two storylines; the one started first keeps its id. The survivor's id."""
        a, b = self.storylines[a_id], self.storylines[b_id]
        if self._started.get(b.id, 0) < self._started.get(a.id, 0):
            a, b = b, a
        a.absorb(b)
        del self.storylines[b.id]
        self._merged_into[b.id] = a.id
        self.index.merge(b.id, a.id)
        return a.id


def _names_conflict(central: tuple[str, ...], line: Storyline,
                    vector: _Weighed) -> tuple[tuple[str, ...], tuple[str, ...]] | None:  # fmt: skip
    """The names that set a story and a storyline apart: all of the story's central names absent
    from the storyline's words, and the storyline's main names absent from the story's; None if
    they share one, or either side has none."""
    if not central or not line.names or not line.body:
        return None
    if any(n in line.body for n in central):
        return None
    theirs = tuple(n for n in line.main_names() if n not in vector.weights)
    return (tuple(central), theirs) if theirs else None


def _iso_day(value: str | None) -> str | None:
    return value[:10] if value and day(value) else None
