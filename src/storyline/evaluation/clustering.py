"""The clustering evaluation: how well Storyline groups articles into stories, or stories into
storylines.

A set is a JSON list of `{id, cluster, title, text, date?, source?, url?}` (see
../shared/eval/README.md). Articles go through the online clusterer one at a time, in date
order where the set has dates (a stable sort: undated articles keep their place after the
article before them), with `source` as the outlet. Only the scoring reads `cluster`: the
predictions are the same with it blanked.

`level` says which grouping the set's `cluster` describes: "story" (one development: ECB+,
AllSides) or "storyline" (a thread over weeks: EpiMine). Both levels are always computed, on the
same run; the report gives the other level's figure too, and the headline the chosen one's.

`half` scores one fixed half of the clusters (`cluster_half`): "tune" (where the settings were
chosen) or "blind" (reported, never tuned on).

Scores: pairwise precision, recall and F1 (a pair of articles is positive when they share a
cluster), and B-cubed F1 (per-article precision and recall of its predicted cluster against its
gold one, averaged over articles).

With `mistakes`, the report also names the costliest decisions (`find_mistakes`): wrong joins,
wrong merges and missed joins, each with the evidence the clusterer had and the pairs it cost.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvaluationError
from . import check_half, half_of

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"})


@dataclass
class ClusteringScore:
    articles: int
    true_pairs: int  # pairs in the same predicted story and the same gold cluster
    predicted_pairs: int
    gold_pairs: int
    bcubed_precision: float
    bcubed_recall: float
    stories: int = 0  # predicted (stories or storylines, by `level`)
    clusters: int = 0  # gold
    mistakes: tuple[Mistake, ...] = ()  # the costliest, when asked for (find_mistakes)
    wrong_joins: int = 0  # how many of each kind there were in all
    wrong_merges: int = 0
    missed_joins: int = 0
    level: str = "story"
    other: ClusteringScore | None = None  # the same run scored at the other level
    half: str | None = None

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    def report(self) -> str:
        """A few lines of detail: pairwise and B-cubed precision, recall and F1, and how many
        stories were predicted against how many gold clusters (the CLI prints this, then the
        headline)."""
        return "\n".join([
            f"pairwise  P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}  "
            f"(pairs: {self.true_pairs} right of {self.predicted_pairs} predicted, {self.gold_pairs} gold)",
            f"B-cubed   P {self.bcubed_precision:.3f} R {self.bcubed_recall:.3f} F1 {self.bcubed_f1:.3f}",
            f"{_PLURAL[self.level]:<9} {self.stories} predicted, {self.clusters} gold clusters, {self.articles} articles",
        ] + self._other_lines() + self._mistake_lines())  # fmt: skip

    def _other_lines(self) -> list[str]:
        o = self.other
        if o is None:
            return []
        return [f"as {_PLURAL[o.level]}: pairwise F1 {o.f1:.3f} (P {o.precision:.3f} R {o.recall:.3f}), "
                f"B-cubed F1 {o.bcubed_f1:.3f}, {o.stories} {_PLURAL[o.level]}"]

    def _mistake_lines(self) -> list[str]:
        if not self.mistakes:
            return []
        counts = ", ".join(_count(n, kind) for n, kind in (
            (self.wrong_joins, "wrong join"), (self.wrong_merges, "wrong merge"), (self.missed_joins, "missed join")))
        return [f"costliest mistakes (of {counts}):"] + [
            "  " + m.describe() for m in self.mistakes
        ]

    def headline(self) -> str:
        return (
            f"clustering {self.level} pairwise-F1 {self.f1:.3f} (P {self.precision:.3f} R {self.recall:.3f}, "
            f"B-cubed F1 {self.bcubed_f1:.3f}) on {self.articles} articles" + (f" ({self.half} half)" if self.half else "")
        )


def evaluate_clustering(
    path: str | Path,
    *,
    predictions_path: str | Path | None = None,
    entities: bool = False,
    mistakes: int = 0,
    level: str = "story",
    half: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ClusteringScore:
    """Cluster every article of the set at `path` (or of one `half`) into stories and storylines,
    and score the `level` asked for against its clusters, with the other level beside it.

    With `entities`, spaCy's named entities (people, organisations, places, groups, events,
    facilities) of each title and text are given to the clusterer as normalised names. With
    `mistakes`, the score also holds that many of the costliest decisions (`find_mistakes`)."""
    from ..storylines import Threads

    if level not in LEVELS:
        raise EvaluationError(f"unknown level {level!r}: choose one of {', '.join(LEVELS)}")
    check_half(half)
    records = _load(Path(path))
    if half is not None:
        records = [r for r in records if cluster_half(str(r.get("cluster"))) == half]
    inputs = list(story_inputs(records, entities=entities))
    threads = Threads()
    assignments = []
    for item in inputs:
        assignments.append(threads.add(item).story)
        if progress:
            progress(1, len(inputs))
    predicted = threads.stories.article_stories()
    lines = threads.article_storylines()
    if predictions_path:
        with open(predictions_path, "w", encoding="utf-8") as out:
            for item in inputs:
                out.write(json.dumps({"id": item.id, "story": predicted[item.id], "storyline": lines[item.id]}) + "\n")
    gold = {str(r["id"]): str(r.get("cluster")) for r in records}
    story_score, line_score = score_clustering(gold, predicted), score_clustering(gold, lines, level="storyline")
    if level == "story":
        score = dataclasses.replace(story_score, other=line_score, half=half)
    else:
        score = dataclasses.replace(line_score, other=story_score, half=half)
    if mistakes and level == "story":
        found = find_mistakes(assignments, gold, predicted)
        score = dataclasses.replace(
            score, mistakes=tuple(found[:mistakes]),
            wrong_joins=sum(1 for m in found if m.kind == "wrong join"),
            wrong_merges=sum(1 for m in found if m.kind == "wrong merge"),
            missed_joins=sum(1 for m in found if m.kind == "missed join"),
        )  # fmt: skip
    return score


@dataclass(frozen=True)
class Mistake:
    """One decision of the clusterer that the gold clusters say was wrong."""

    kind: str  # "wrong join", "wrong merge" or "missed join"
    article: str
    cluster: str  # the article's gold cluster
    pairs: int  # what it cost in the end: false pairs (wrong join or merge) or gold pairs lost (missed join)
    story_clusters: tuple[tuple[str, int], ...] = ()  # the gold clusters then of the story joined or merged, most first
    probability: float | None = None  # of that story (wrong join or merge), or of the best candidate (missed join)
    best_is_own: bool = False  # missed join: the best candidate held the article's cluster
    features: tuple[tuple[str, float], ...] = ()  # of that match, the non-zero ones
    shared_terms: tuple[str, ...] = ()
    copy: bool = False  # a wrong join made as a copy of an article in that story (no match scored)

    def describe(self) -> str:
        evidence = " ".join(f"{k} {v:.2f}" for k, v in self.features)
        shared = f"; shared {', '.join(self.shared_terms)}" if self.shared_terms else ""
        if self.kind in ("wrong join", "wrong merge"):
            held = ", ".join(f"{c} x{n}" for c, n in self.story_clusters[:3])
            if len(self.story_clusters) > 3:
                held += f" and {len(self.story_clusters) - 3} more clusters"
            if self.probability is not None:
                p = f"p {self.probability:.2f}"
            else:
                p = "as a copy" if self.copy else "no score kept"
            did = "joined" if self.kind == "wrong join" else "merged its story with"
            return (f"{self.kind} {self.article} ({self.cluster}) {did} a story of {held}: {p}"
                    f"{', ' + evidence if evidence else ''}{shared}; {_count(self.pairs, 'false pair')}")  # fmt: skip
        if self.probability is None:
            best = "no candidate story"
        else:
            whose = "its cluster's" if self.best_is_own else "another cluster's"
            best = f"best candidate {whose} story at p {self.probability:.2f}{', ' + evidence if evidence else ''}"
        return f"missed join {self.article} ({self.cluster}) started a story: {best}{shared}; {_count(self.pairs, 'pair')} lost"


def find_mistakes(assignments: list, gold: dict[str, str], predicted: dict[str, str]) -> list[Mistake]:
    """The wrong joins, wrong merges and missed joins of a run (`assignments` in stream order, as
    `StoryClusterer.add` returned them; `predicted`: article -> final story), costliest first. A
    wrong join is an article joining a story holding none of its cluster, a wrong merge an
    article merging two stories so that two clusters met that neither held together (every false
    pair starts at one of these), a missed join an article starting a story though its cluster
    already had one.

    A join or merge is charged, for each two gold clusters it brings together for the first time
    in their final story, every pair of their articles in that story: so the wrong joins' and
    merges' costs add up to the run's false pairs, each counted once (a later join that adds to
    a pair of clusters already together costs nothing more). A wrong join puts an article in a
    story holding none of its cluster; a wrong merge joins two stories so that two clusters meet
    that neither held together. A missed join costs the earlier articles of its cluster that end
    in another story than it; one a later merge mended costs nothing and is not listed."""
    final_members: dict[str, Counter] = {}
    for article, story in predicted.items():
        final_members.setdefault(story, Counter())[gold.get(article)] += 1
    held: dict[str, Counter] = {}  # story id at the time -> gold clusters of its articles so far
    where: dict[str, str] = {}  # article -> story id at the time
    placed: Counter = Counter()  # gold cluster -> articles placed so far
    met: set[tuple[str, str, str]] = set()  # (final story, cluster, cluster) already charged
    found: list[Mistake] = []

    def charge(final_story: str, ours: Iterable[str], theirs: Iterable[str]) -> int:
        final = final_members.get(final_story, Counter())
        cost = 0
        for c1 in ours:
            for c2 in theirs:
                key = (final_story, *sorted((c1, c2)))
                if c1 != c2 and key not in met:
                    met.add(key)
                    cost += final[c1] * final[c2]
        return cost

    for a in assignments:
        article, cluster = a.article, gold.get(a.article)
        mine = predicted.get(article)
        chosen = None  # the story the article was put in, before any merge it caused
        if a.decision == "joined" and a.best is not None:
            chosen = a.best.story
        elif a.decision == "copy" and a.copy is not None:
            chosen = where.get(a.copy.original)
        if chosen in held and cluster not in held[chosen]:
            then = held[chosen]
            match = a.best if a.decision == "joined" else None
            found.append(Mistake("wrong join", article, cluster, charge(mine, [cluster], then), _held(then),
                                 match.probability if match else None, False, *_evidence(match),
                                 copy=a.decision == "copy"))  # fmt: skip
        elif a.decision == "started" and placed[cluster]:
            lost = sum(1 for other in where if gold.get(other) == cluster and predicted.get(other) != mine)
            best = a.best
            own = best is not None and cluster in held.get(best.story, ())
            if lost:
                found.append(Mistake("missed join", article, cluster, lost, (),
                                     best.probability if best else None, own, *_evidence(best)))  # fmt: skip
        side = Counter(held.get(chosen, ())) + Counter({cluster: 1})  # the chosen story with the article
        for other in a.merged:
            if other == chosen or other not in held:
                continue
            theirs = held[other]
            if any(c1 != c2 and not (c2 in side or c1 in theirs) for c1 in side for c2 in theirs):
                # two clusters meet that neither story held together
                match = next((m for m in (a.best, a.runner_up) if m is not None and m.story == other), None)
                found.append(Mistake("wrong merge", article, cluster, charge(mine, side, theirs), _held(theirs),
                                     match.probability if match else None, False, *_evidence(match)))  # fmt: skip
            side += theirs
        joined = {s for s in (chosen, *a.merged) if s is not None and s != a.story}  # ids now a.story's
        story = held.setdefault(a.story, Counter())
        for old in joined:
            story.update(held.pop(old, Counter()))
        if joined:
            for other, s in where.items():
                if s in joined:
                    where[other] = a.story
        story[cluster] += 1
        where[article] = a.story
        placed[cluster] += 1
    found.sort(key=lambda m: -m.pairs)
    return found


def _held(clusters: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(clusters.most_common())


def _evidence(match) -> tuple[tuple[tuple[str, float], ...], tuple[str, ...]]:
    if match is None:
        return (), ()
    features = tuple((k, round(v, 2)) for k, v in match.features.items() if v)
    return features, tuple(t for t, _ in match.shared_terms[:5])


def story_inputs(records: list[dict], *, entities: bool = False) -> Iterable:
    """The set's records as StoryInputs, in the order they are fed: by date where known."""
    from ..stories import StoryInput

    ordered = _date_order(records)
    names: list[tuple[str, ...]] = [()] * len(ordered)
    if entities:
        names = list(_entity_names(ordered))
    for record, found in zip(ordered, names):
        date = record.get("date")
        yield StoryInput(
            id=str(record["id"]),
            title=str(record.get("title") or ""),
            text=str(record.get("text") or ""),
            published=str(date)[:10] if date else None,
            outlet=record.get("source") or None,
            entities=found,
        )


LEVELS = ("story", "storyline")
_PLURAL = {"story": "stories", "storyline": "storylines"}
def cluster_half(cluster: str) -> str:
    """The fixed half a gold cluster is in: a hash of its id, so a cluster is never split; ECB+'s
    ids (TOPIC_ecb, TOPIC_plus) are halved by topic, so its two same-topic events, the hard
    negatives, stay together."""
    topic, _, kind = cluster.partition("_")
    return half_of(topic if kind in ("ecb", "plus") else cluster)


def score_clustering(gold: dict[str, str], predicted: dict[str, str], *, level: str = "story") -> ClusteringScore:
    """Pairwise and B-cubed scores of `predicted` (id -> story) against `gold` (id -> cluster),
    over the ids in `gold` (an id missing from `predicted` is a story of its own)."""
    ids = list(gold)
    pred = {i: predicted.get(i, "\0" + i) for i in ids}
    joint = Counter((gold[i], pred[i]) for i in ids)
    gold_sizes = Counter(gold[i] for i in ids)
    pred_sizes = Counter(pred[i] for i in ids)
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    bp = sum(joint[(gold[i], pred[i])] / pred_sizes[pred[i]] for i in ids) / len(ids) if ids else 0.0
    br = sum(joint[(gold[i], pred[i])] / gold_sizes[gold[i]] for i in ids) / len(ids) if ids else 0.0
    return ClusteringScore(
        articles=len(ids),
        true_pairs=sum(pairs(n) for n in joint.values()),
        predicted_pairs=sum(pairs(n) for n in pred_sizes.values()),
        gold_pairs=sum(pairs(n) for n in gold_sizes.values()),
        bcubed_precision=bp,
        bcubed_recall=br,
        stories=len(pred_sizes),
        clusters=len(gold_sizes),
        level=level,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _load(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read '{path}': {exc}") from None
    if not isinstance(data, list) or not all(isinstance(r, dict) and "id" in r for r in data):
        raise EvaluationError(f"cannot read '{path}': expected a JSON list of {{id, cluster, title, text}} objects")
    ids = [str(r["id"]) for r in data]
    if len(set(ids)) != len(ids):
        dup = next(i for i, n in Counter(ids).items() if n > 1)
        raise EvaluationError(f"cannot read '{path}': id {dup!r} appears more than once")
    return data


def _date_order(records: list[dict]) -> list[dict]:
    """Stable sort by date; an undated record keeps its place after the record before it."""
    keyed = []
    last = ""
    for position, record in enumerate(records):
        date = str(record.get("date") or "")[:10]
        if date:
            last = date
        keyed.append((date or last, position, record))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [r for _, _, r in keyed]


def _entity_names(records: list[dict]) -> Iterable[tuple[str, ...]]:
    """Normalised names of the named entities spaCy finds in each record's title and text."""
    from ..nlp import load_model
    from ..stories.features import fold

    nlp = load_model()
    texts = ((str(r.get("title") or "") + "\n\n" + str(r.get("text") or "")) for r in records)
    for doc in nlp.pipe(texts, batch_size=32, disable=["lemmatizer", "parser"]):
        names = []
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                name = " ".join(fold(ent.text).replace("'s", "").split()).strip(" .,'\"")
                if name.startswith("the "):
                    name = name[4:]
                if name:
                    names.append(ent.label_.lower() + ":" + name)
        yield tuple(dict.fromkeys(names))
