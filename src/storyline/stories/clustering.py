"""Online story clustering: each new article joins an existing story or starts a new one.

For each article the clusterer

1. reads its words without its language's function words (`features.stopwords`, and
   `features.CommonTerms` for a language without a list) and weighs them with the IDF of the
   stream so far (`features.Vocabulary`),
2. asks the near-duplicate index whether it copies an earlier article (a copy joins its
   original's story: it is the same report),
3. asks the candidate index (`index.CandidateIndex`) for the stories sharing its rare terms or
   entities, in a time window,
4. scores each candidate with `StoryModel` and joins the best one if the probability reaches
   `join_threshold`, else starts a story,
5. merges the runner-up into the chosen story when the article bridges both strongly
   (probability of both at least `merge_threshold`).

Stories are never split, so story ids stay stable for everything already shown to a user; in a
merge the story started first keeps its id and the other resolves to it (`story_of`). What a
story keeps for comparison is bounded (its latest `members_compared` members, its `story_terms`
heaviest terms), and only the latest `remembered` assignments keep their evidence, so a long
stream costs the same per article at its end. The state rebuilds from `history()` through
`StoryClusterer.rebuild`; replaying the inputs in order through `add` gives the same stories.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import heapq
import math
import operator
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import StorylineError
from .features import (_NUMERIC, CommonTerms, Vocabulary, central_names, day, gap_days, names, term_frequencies, terms,
                       years)  # fmt: skip
from .headline import infer_headline
from .index import CandidateIndex
from .inputs import StoryInput
from .near_duplicates import Copy, NearDuplicates
from .story import Member, Story


@dataclass(frozen=True)
class StoryModel:
    """The join decision: P(same story) = sigmoid(bias + sum(weight * feature)), over features
    of an (article, story) pair, each in [0, 1]:

    - body, title, entities: TF-IDF cosines of the article to the story's summed unit vectors
      (entities 0 where either side has none);
    - recency exp(-gap / recency_days), stale min(gap, stale_days) / stale_days (both 0 when a
      date is unknown), undated 1 when it is, with gap the days from the story's first day;
    - event_dates: the share of the article's event dates the story also has;
    - name_conflict: 1 when one of the article's central names (repeated `central_min_count`
      times, its `central_top` heaviest) is absent from the story's words and one of the
      story's main names (central in half its articles) from the article's: two events of one
      kind (one boxer's two title fights) share every word but the names;
    - year_conflict: 1 when the article names years (`features.years`), none of them named by
      any of the story's articles, and the story has years half its articles name: the same
      kind of event in another year;
    - member features, one member at a time (`_member_features`), weighted by none today.

    The weights are set by hand for English news, from the sample corpus (its hard negatives)
    and the tune halves of ECB+ and AllSides (`storyline eval clustering --half tune`); the
    entity and event-date weights are priors. A story is one development: the thread over days
    and weeks is the storyline level's (storylines/), so an article must make up in content for
    each day after the story's first (`stale_days`). What was measured against these weights, and why it was not taken: docs/decisions.md."""

    bias: float = -5.0
    weights: tuple[tuple[str, float], ...] = (
        ("body", 20.0), ("title", 6.0), ("entities", 3.0), ("recency", 1.5), ("stale", -12.0), ("undated", -1.5),
        ("event_dates", 1.0), ("name_conflict", -2.0), ("year_conflict", -2.0),
    )  # fmt: skip
    recency_days: float = 1.0
    stale_days: float = 10.0
    name_boost: float = 1.0  # names and figures count double in the member vectors
    members_compared: int = 12  # a story's latest members compared one by one
    top_k: int = 2  # top_mean: mean cosine to the story's k closest members
    central_top: int = 3  # name_conflict: an article's central names, at most this many ...
    central_min_count: int = 3  # ... each repeated at least this many times

    @property
    def compares_members(self) -> bool:
        """Whether any weighted feature needs the story's members one by one (costly)."""
        return any(name in ("top_mean", "title_best", "near_days", "same_day", "names_best") for name, _ in self.weights)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights)
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class StoryConfig:
    """The one configuration used everywhere (no per-corpus settings). Two stories merge only
    when an article bridges both almost surely (`merge_threshold`); the stricter thresholds and
    the rule on the stories' names measured against it (with
    `storyline eval clustering --mistakes`) are in docs/decisions.md."""

    model: StoryModel = StoryModel()
    join_threshold: float = 0.5
    merge_threshold: float = 0.97  # both the chosen and the other story this sure: merge them
    window_days: int = 30  # stories quiet this long (before the newest date) leave the index
    index_terms: int = 32  # an article's heaviest terms (tf-idf) indexed under its story
    query_terms: int = 48  # ... and looked up for a new article
    max_candidates: int = 12  # stories scored per article (8 to 24 score alike: docs/decisions.md)
    max_posting: int = 100  # a key in more candidate stories than this finds none
    near_duplicate_threshold: float = 0.5
    story_terms: int = 1000  # a story's summed vectors keep this many heaviest terms (Story._bound)
    remembered: int = 20_000  # the latest articles whose full Assignment (with its evidence) is kept


@dataclass(frozen=True)
class Match:
    """How well an article fits one story."""

    story: str
    probability: float
    features: dict[str, float]
    shared_terms: tuple[tuple[str, float], ...] = ()
    shared_entities: tuple[str, ...] = ()
    gap_days: float | None = None
    # the article's central names the story lacks, and the story's main names the article lacks
    names_in_conflict: tuple[tuple[str, ...], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Assignment:
    """Where one article went and why."""

    article: str
    story: str  # the story it was placed in at the time (see StoryClusterer.story_of for now)
    decision: str  # "joined", "started", "copy" (joined its original's story), "given" (replayed)
    best: Match | None = None
    runner_up: Match | None = None
    copy: Copy | None = None
    merged: tuple[str, ...] = ()  # stories merged into `story` because of this article
    candidates: int = 0  # stories scored for it


def story_id_for(article_id: str) -> str:
    """The id of a story started by `article_id`."""
    return "s" + hashlib.sha1(("story:" + article_id).encode("utf-8")).hexdigest()[:12]


@dataclass
class _Seen:
    """What the clusterer keeps of each article: enough to explain it."""

    input: StoryInput
    assignment: Assignment


class StoryClusterer:
    """Groups a stream of `StoryInput`s into `Story`s, one article at a time."""

    def __init__(self, config: StoryConfig | None = None, *, keep_inputs: bool = True) -> None:
        self.config = config or StoryConfig()
        c = self.config
        self.vocabulary = Vocabulary()
        self.entity_vocabulary = Vocabulary()
        self.common_terms = CommonTerms()
        self.index = CandidateIndex(max_posting=c.max_posting, max_candidates=c.max_candidates,
                                    window_days=c.window_days)  # fmt: skip
        self.near_duplicates = NearDuplicates(c.near_duplicate_threshold, window_days=c.window_days)
        self.stories: dict[str, Story] = {}
        self._merged_into: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self._assignments: dict[str, Assignment] = {}
        self._count = 0  # articles placed so far
        self._position: dict[str, int] = {}  # article id -> its place in the stream (in input order)
        self._recent: deque[str] = deque()  # the latest `remembered` articles, whose evidence is kept
        self._retired: list[str] = []  # stories that left the window since `forget_retired`
        self._inputs: dict[str, StoryInput] = {}
        self.last_read: tuple[str, dict[str, float], frozenset[str], list[str]] | None = None  # see add
        self.keep_inputs = keep_inputs  # only history() needs the texts; a long stream should not keep them
        m = self.config.model
        self._keep_members = max(m.members_compared, m.top_k) if m.members_compared else 1 << 30

    # -- the stream ----------------------------------------------------------------------------

    def add(self, item: StoryInput, *, story: str | None = None) -> Assignment:
        """Place one article. With `story`, put it there without scoring (replaying stored
        assignments); the story is created under that id if it does not exist yet."""
        if item.id in self._article_story:
            return self._assignments.get(item.id) or Assignment(item.id, self.story_of(item.id) or "", "given")
        published = _iso_day(item.published)
        when = day(published)
        ordinal = when.toordinal() if when else None
        language, common = item.language, self.common_terms
        words = terms(item.title + "\n" + item.text, language) if item.title else terms(item.text, language)
        body_tf = term_frequencies(common.without_common(language, words))
        title_tf = term_frequencies(common.without_common(language, terms(item.title, language))) if item.title else {}
        # an article without a title is shown by its lead (headline.py), not compared by it: the
        # lead is in the body already, and weighing it again as a title joins look-alike reports
        title, inferred = (item.title, False) if item.title else (infer_headline(item.text), True)
        common.add(language, words)
        found_names = frozenset(k for k in names(item.text or item.title) if k in body_tf)
        model = self.config.model
        central = central_names(found_names, body_tf, self.vocabulary.idf, model.central_top, model.central_min_count)
        found_years = years(item.title + "\n" + item.text)
        member = None  # the article as its story keeps it for one-by-one comparison, if any
        if model.compares_members:
            member = Member(self._distinctive(body_tf, found_names), title_tf, ordinal, found_names)
        entities = tuple(dict.fromkeys(e for e in item.entities if e))
        self.vocabulary.add(body_tf)
        if entities:
            self.entity_vocabulary.add(entities)
        copy = self.near_duplicates.add(item.id, item.text, ordinal)
        heaviest = self._heaviest(body_tf)  # the vocabularies stay as they are until the next article
        # what the storyline level reads too (storylines.Threads): read and ranked once, not twice
        self.last_read = (item.id, body_tf, found_names, heaviest)
        best = runner_up = None
        merged: tuple[str, ...] = ()
        candidates = 0
        if story is not None:
            target, decision = self.story_of(story) or story, "given"
        else:
            found = self.index.candidates(self._query_keys(heaviest, entities))
            if copy is not None:
                original_story = self.story_of(copy.original)
                if original_story and original_story not in found:
                    found.append(original_story)
            scored = [self.stories[s] for s in found if s in self.stories and self.stories[s].body is not None]
            matches = []
            if scored:
                # the article's vectors weighed once for all its candidates (the vocabularies do
                # not change while one article is scored)
                vectors = _ArticleVectors(
                    _Weighed(body_tf, self.vocabulary), _Weighed(title_tf, self.vocabulary),
                    _Weighed({e: 1.0 for e in entities}, self.entity_vocabulary),
                    self._weighed(member) if member is not None else None, central, found_years,
                )
                matches = [self._match(st, vectors, entities, when, item.event_dates, member) for st in scored]
            candidates = len(matches)
            matches.sort(key=lambda m: (-m.probability, self.stories[m.story].articles[0]))
            # the shared terms explain a decision: only the two matches kept need them
            best = self._explained(matches[0], vectors) if matches else None
            runner_up = self._explained(matches[1], vectors) if len(matches) > 1 else None
            if copy is not None and self.story_of(copy.original):
                target, decision = self.story_of(copy.original), "copy"
            elif best is not None and best.probability >= self.config.join_threshold:
                target, decision = best.story, "joined"
            else:
                target, decision = story_id_for(item.id), "started"
            if decision != "started":
                merged = tuple(
                    m.story for m in matches
                    if m.story != target and m.probability >= self.config.merge_threshold
                    and self._bridge_ok(target, m)
                )  # fmt: skip

        if target not in self.stories:
            self.stories[target] = Story(target, keep_members=self._keep_members, keep_terms=self.config.story_terms)
        chosen = self.stories[target]
        # each article adds a unit-length tf vector, so a long article does not outweigh the others
        chosen.add(item.id, title, item.outlet, published, item.event_dates, _unit(body_tf), _unit(title_tf),
                   entities, copy.original if copy else None, member, central, found_years, inferred)  # fmt: skip
        for other in merged:
            target = self._merge(target, other)
        self.index.add(target, self._index_keys(heaviest, entities), ordinal)
        for gone in self.index.expire():
            if gone in self.stories:
                self.stories[gone].retire()
                self._retired.append(gone)
        assignment = Assignment(item.id, target, decision, best, runner_up, copy, merged, candidates)
        self._article_story[item.id] = target
        self._assignments[item.id] = assignment
        self._position[item.id] = self._count
        self._count += 1
        self._recent.append(item.id)
        if len(self._recent) > self.config.remembered:  # older evidence is in the store (explanation)
            self._assignments.pop(self._recent.popleft(), None)
        if self.keep_inputs:
            self._inputs[item.id] = item
        return assignment

    def add_all(self, items: Iterable[StoryInput]) -> list[Assignment]:
        return [self.add(item) for item in items]

    # -- reading the state ---------------------------------------------------------------------

    def story_of(self, article_or_story: str) -> str | None:
        """The current id of the story holding an article (or of a story id, after merges)."""
        sid = self._article_story.get(article_or_story, article_or_story)
        seen = 0
        while sid in self._merged_into and seen < 1000:
            sid = self._merged_into[sid]
            seen += 1
        return sid if sid in self.stories else None

    def story(self, story_id: str) -> Story | None:
        sid = self.story_of(story_id)
        return self.stories.get(sid) if sid else None

    def assignment(self, article_id: str) -> Assignment | None:
        return self._assignments.get(article_id)

    def article_stories(self) -> dict[str, str]:
        """Every article id -> the current id of its story, in input order."""
        return {a: self.story_of(a) for a in self._position}

    def history(self) -> list[tuple[StoryInput, str]]:
        """Every article in input order with its story's current id: what `rebuild` needs."""
        if not self.keep_inputs:
            raise StorylineError("this story clusterer was made with keep_inputs=False: it kept no texts to "
                                 "give back; rebuild from the store's story history instead")
        return [(self._inputs[a], self.story_of(a)) for a in self._position]

    def forget_retired(self) -> list[str]:
        """Drop from memory the stories that have left the candidate window since the last call,
        with their articles' ids, places and evidence (and texts, if kept): no later decision
        reads them (every candidate, a copy's original and both sides of a merge are in the
        window), so a caller that keeps the history elsewhere (the pipeline: the store) holds
        only the window, however long the stream. Afterwards `story_of`, `article_stories` and
        `history` know only the stories still held. A story given a replayed article after it
        retired (`add(..., story=)`) is back in the window and stays. The ids dropped."""
        retired, self._retired = self._retired, []
        dropped = []
        for story_id in retired:
            story = self.stories.get(story_id)
            if story is None or story.body is not None:  # merged away, or given an article again
                continue
            del self.stories[story_id]
            dropped.append(story_id)
            for merged in story.merged_from:
                self._merged_into.pop(merged, None)
            for article in story.articles:
                self._article_story.pop(article, None)
                self._position.pop(article, None)
                self._assignments.pop(article, None)
                self._inputs.pop(article, None)
        return dropped

    @classmethod
    def rebuild(cls, history: Iterable[tuple[StoryInput, str]], config: StoryConfig | None = None, *,
                keep_inputs: bool = True) -> StoryClusterer:  # fmt: skip
        """A clusterer in the state `history` describes, without re-deciding anything."""
        clusterer = cls(config, keep_inputs=keep_inputs)
        for item, story in history:
            clusterer.add(item, story=story)
        return clusterer

    # -- scoring -------------------------------------------------------------------------------

    def _match(self, story: Story, vectors: _ArticleVectors, entities: tuple[str, ...], when: dt.date | None,
               event_dates: tuple[str, ...], member: Member | None = None) -> Match:  # fmt: skip
        vocab = self.vocabulary
        body = _cosine(vectors.body, story.body, story.norm("body", vocab))
        title = _cosine(vectors.title, story.title_terms, story.norm("title_terms", vocab))
        shared_entities: tuple[str, ...] = ()
        entity_sim = 0.0
        if entities and story.entities:
            evocab = self.entity_vocabulary
            entity_sim = _cosine(vectors.entities, story.entities, story.norm("entities", evocab))
            shared_entities = tuple(e for e in entities if e in story.entities)
        # measured from the story's first day, so a chain of daily developments does not stretch
        # one story over weeks: a later article must make up for its distance in content
        start = day(story.first_seen)
        gap = gap_days(when, start, start)
        features = {
            "body": body,
            "title": title,
            "entities": entity_sim,
            "recency": math.exp(-gap / self.config.model.recency_days) if gap is not None else 0.0,
            "stale": min(gap, self.config.model.stale_days) / self.config.model.stale_days if gap is not None else 0.0,
            "undated": 1.0 if gap is None else 0.0,
            "event_dates": (sum(1 for d in event_dates if d in story.event_dates) / len(event_dates))
            if event_dates and story.event_dates else 0.0,
        }  # fmt: skip
        conflict = self._names_conflict(story, vectors)
        features["name_conflict"] = 1.0 if conflict else 0.0
        features["year_conflict"] = 1.0 if _years_conflict(story, vectors.years) else 0.0
        if member is not None and vectors.member is not None and self.config.model.compares_members:
            features.update(self._member_features(story, member, vectors.member, when))
        return Match(story.id, self.config.model.probability(features), features, (), shared_entities, gap, conflict)

    @staticmethod
    def _names_conflict(story: Story, vectors: _ArticleVectors) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The names that set the article and the story apart, if they are about different
        people or places (see StoryModel): the article's central names absent from the story,
        and the story's main names absent from the article; None if either side has none."""
        if not vectors.central or not story.central_names or not story.body:
            return None
        mine = tuple(n for n in vectors.central if n not in story.body)
        if not mine:
            return None
        words = vectors.body.weights
        theirs = tuple(n for n in story.main_names() if n not in words)
        return (mine, theirs) if theirs else None

    def _explained(self, match: Match, vectors: _ArticleVectors) -> Match:
        """`match` with the body terms the article and the story share most (for `why`)."""
        story = self.stories[match.story]
        top = _shared_terms(vectors.body, story.body, story.norm("body", self.vocabulary))
        return dataclasses.replace(match, shared_terms=top)

    def _distinctive(self, tf: dict[str, float], found: frozenset[str]) -> dict[str, float]:
        """Term frequencies with names and figures weighted up (`StoryModel.name_boost`)."""
        boost = self.config.model.name_boost
        if not boost:
            return tf
        return {k: v * (1.0 + boost) if (k in found or _NUMERIC.match(k)) else v for k, v in tf.items()}

    def _weighed(self, member: Member) -> tuple[dict[str, float], float, dict[str, float], float]:
        """Squared IDF weights and norms of a new article's member vectors (`add` computes
        them once per article, for all its candidates)."""
        idf = self.vocabulary.idf
        weights = {k: idf(k) for k in member.body}
        norm_a = math.sqrt(sum((v * weights[k]) ** 2 for k, v in member.body.items()))
        tw = {k: idf(k) for k in member.title}
        norm_t = math.sqrt(sum((v * tw[k]) ** 2 for k, v in member.title.items()))
        return {k: w * w for k, w in weights.items()}, norm_a, {k: w * w for k, w in tw.items()}, norm_t

    def _member_features(self, story: Story, member: Member, weighed: tuple, when: dt.date | None) -> dict[str, float]:
        """Similarity to the story's closest members, one by one, not only to its sum
        (`weighed`: `_weighed(member)`): top_mean (the mean cosine to the `top_k` closest
        members, names weighted by 1 + `name_boost`), title_best (the best title cosine),
        near_days (log days to the nearest member, 1 at `stale_days`), same_day, names_best
        (rare capitalised names shared). Computed only when one is weighted
        (`StoryModel.compares_members`): each costs a comparison per member."""
        members = story.members or []
        vocab = self.vocabulary
        a, ta = member.body, member.title
        weights, norm_a, tw, norm_t = weighed
        sims = []
        limit = self.config.model.members_compared
        for other in members[-limit:] if limit else members:
            b = other.body
            total = sum(v * b[k] * weights[k] for k, v in (a.items() if len(a) <= len(b) else ((k, a[k]) for k in b if k in a)) if k in b) if norm_a else 0.0
            nb = other.norm(vocab)
            sim = total / (norm_a * nb) if norm_a and nb else 0.0
            tsim = 0.0
            if norm_t and other.title:
                tb = other.title
                t_total = sum(v * tb[k] * tw[k] for k, v in ta.items() if k in tb)
                if t_total:
                    tsim = t_total / (norm_t * other.norm(vocab, title=True))
            gap = abs(when.toordinal() - other.day) if (when is not None and other.day is not None) else None
            shared = member.names & other.names
            nsim = 0.0
            if shared:
                nsim = sum(weights[k] for k in shared) / math.sqrt(
                    sum(weights[k] for k in member.names) * sum(weights.get(k) or self.vocabulary.idf(k) ** 2 for k in other.names))
            sims.append((sim, tsim, gap, nsim))
        if not sims:
            return {}
        sims.sort(key=lambda x: -x[0])
        top = sims[: self.config.model.top_k]
        nearest = min((x[2] for x in sims if x[2] is not None), default=None)
        stale = self.config.model.stale_days
        return {
            "top_mean": sum(x[0] for x in top) / len(top),
            "title_best": max(x[1] for x in sims),
            "near_days": math.log1p(min(nearest, stale)) / math.log1p(stale) if nearest is not None else 0.0,
            "same_day": 1.0 if nearest == 0 else 0.0,
            "names_best": max(x[3] for x in sims),
        }

    def _bridge_ok(self, target: str, other: Match) -> bool:
        """Two stories may merge only if they overlap in time (or either is undated)."""
        a, b = self.stories[target], self.stories[other.story]
        gap = gap_days(day(a.first_seen), day(b.first_seen), day(b.last_seen))
        return gap is None or gap <= self.config.model.recency_days or other.gap_days == 0.0

    def _merge(self, target: str, other: str) -> str:
        """Merge two stories; the one started first keeps its id. The survivor's id."""
        a, b = self.stories[target], self.stories[other]
        if self._order_of(b) < self._order_of(a):
            a, b = b, a
        a.absorb(b)
        del self.stories[b.id]
        self._merged_into[b.id] = a.id
        self.index.merge(b.id, a.id)
        return a.id

    def _order_of(self, story: Story) -> int:
        return self._position.get(story.articles[0], self._count)

    def _heaviest(self, body_tf: dict[str, float]) -> list[str]:
        """The article's terms by tf-idf, heaviest first (ties by the term), as many as the
        query or the index needs: ranked once for both."""
        idf = self.vocabulary.idf
        n = max(self.config.query_terms, self.config.index_terms)
        return heapq.nsmallest(n, body_tf, key=lambda t: (-body_tf[t] * idf(t), t))

    def _query_keys(self, heaviest: list[str], entities: tuple[str, ...]) -> dict[str, float]:
        idf = self.vocabulary.idf
        keys = {"t:" + t: idf(t) for t in heaviest[: self.config.query_terms]}
        eidf = self.entity_vocabulary.idf
        keys.update({"e:" + e: eidf(e) for e in entities})
        return keys

    def _index_keys(self, heaviest: list[str], entities: tuple[str, ...]) -> list[str]:
        return ["t:" + t for t in heaviest[: self.config.index_terms]] + ["e:" + e for e in entities]


@dataclass(frozen=True)
class _ArticleVectors:
    """What one article is scored with against each candidate story, weighed once."""

    body: _Weighed
    title: _Weighed
    entities: _Weighed
    member: tuple | None  # StoryClusterer._weighed(member), when members are compared
    central: tuple[str, ...] = ()  # its central names (features.central_names)
    years: frozenset[str] = frozenset()  # the years it names (features.years)


class _Weighed:
    """An article's vector weighed by the IDF of the moment, once per article, not once per
    candidate story: term -> tf * idf², and the squared norm of tf * idf."""

    __slots__ = ("weights", "norm")

    def __init__(self, tf: dict[str, float], vocab: Vocabulary) -> None:
        idf = vocab.idf
        self.weights = {}
        norm = 0.0
        for k, v in tf.items():
            w = idf(k)
            a = v * w
            norm += a * a
            self.weights[k] = a * w
        self.norm = norm


def _years_conflict(story: Story, years: frozenset[str]) -> bool:
    """Whether the article is about another year than the story (StoryModel: year_conflict)."""
    return bool(years and story.years and not any(y in story.years for y in years) and story.main_years())


def _cosine(vec: _Weighed, story_tf: dict[str, float] | None, story_norm: float) -> float:
    """Cosine of an article's TF-IDF vector and a story's summed one. Only the shared terms are
    visited (a C-level set intersection); their products are summed exactly (math.fsum) without a
    Python-level loop, so the sum does not depend on the order the intersection yields them."""
    if not vec.weights or not story_tf or not story_norm or not vec.norm:
        return 0.0
    weights = vec.weights
    shared = weights.keys() & story_tf.keys()
    if not shared:
        return 0.0
    total = math.fsum(map(operator.mul, map(weights.__getitem__, shared), map(story_tf.__getitem__, shared)))
    return total * (1.0 / (math.sqrt(vec.norm) * story_norm))


def _shared_terms(vec: _Weighed, story_tf: dict[str, float] | None, story_norm: float,
                  n: int = 10) -> tuple[tuple[str, float], ...]:  # fmt: skip
    """The `n` shared terms that contribute most to `_cosine`, with their contribution."""
    if not vec.weights or not story_tf or not story_norm or not vec.norm:
        return ()
    weights = vec.weights
    scale = 1.0 / (math.sqrt(vec.norm) * story_norm)
    parts = [(k, weights[k] * story_tf[k]) for k in weights.keys() & story_tf.keys()]
    best = heapq.nsmallest(n, parts, key=lambda kv: (-kv[1], kv[0]))
    return tuple((k, round(c * scale, 4)) for k, c in best)


def _unit(tf: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in tf.values()))
    return {k: v / norm for k, v in tf.items()} if norm else {}


def _iso_day(value: str | None) -> str | None:
    return value[:10] if value and day(value) else None
