"""Story clustering by time window (`storyline spark run --stories windowed`, issue 9).

The ordered pass (spark/stories.py) places every article on the driver, one after another; this
mode cuts the stream by publication date and clusters each window in its own Spark task, with
the same `StoryClusterer` through the same `place_in_stories`, so the work spreads over the
executors:

    window k:  [ warm-up: the `warmup_days` before it | its own `window_days` of articles ]
               articles in the single-machine order: batch, then publication date, then input
    edges:     an article placed in its own window and as warm-up in a later one votes for a
               link between its two stories; each story keeps, in each later window, the link
               most of its articles vote for (`strongest`); union-find joins the linked stories
               and keeps the id of the one started first, so a re-run gives the same rows

The warm-up (the time a quiet story stays a candidate) lets a story that runs across an edge be
seen on both sides. Undated articles go to the window of the newest date placed before them.
People stay exact: surnames are still linked to full names on the driver, in ingest order,
before the windows are clustered; each assignment row keeps the decision and explanation its own
window made. A window wider than the corpus gives the ordered pass's rows; narrower ones can
split or join stories where it would not, and cost about 1 + warmup_days / window_days
placements per article (README, "Stories by time window").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby

from ..errors import StorylineError
from ..pipeline import place_in_stories
from ..record import Article
from ..stories import StoryConfig
from ..storylines import Threads
from ..stories.features import day
from ..stories.story import Story
from .stories import StorySink

MODES = ("ordered", "windowed")
DEFAULT_WINDOW_DAYS = 90

Key = tuple  # (batch, published or "9999", position): the order `storyline ingest` places articles in
Node = tuple  # (window, story id): one window's story


def order_key(batch: int, position: int, published: str | None) -> Key:
    """Where an article comes in the single-machine order: `place_in_stories` takes each
    batch in publication order (undated last), ties in input order."""
    return (batch, published or "9999", position)


@dataclass(frozen=True)
class StoryOptions:
    """How the job clusters stories: `ordered` (exact, on the driver) or `windowed`."""

    mode: str = "ordered"
    window_days: int = DEFAULT_WINDOW_DAYS
    warmup_days: int = StoryConfig().window_days

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise StorylineError(f"unknown story mode {self.mode!r}: use one of {', '.join(MODES)}")
        if self.window_days < 1 or self.warmup_days < 0:
            raise StorylineError(f"window of {self.window_days} days, warm-up {self.warmup_days}: "
                                 "the window needs at least 1 day, the warm-up at least 0")  # fmt: skip


# -- splitting --------------------------------------------------------------------------------


@dataclass
class WindowPlan:
    """Which windows an article goes to. Windows are `window_days` long from the earliest
    publication day; `observe` each batch's dates in batch order first (the driver does, while
    it links people), then ask `windows_of`."""

    window_days: int
    warmup_days: int
    origin: int | None = None  # ordinal of the earliest publication day
    newest: dict[int, int] = field(default_factory=dict)  # batch -> newest day placed by its end
    _latest: int | None = field(default=None, repr=False)

    def observe(self, batch: int, published: Iterable[str | None]) -> None:
        days = [d.toordinal() for d in map(day, published) if d is not None]
        before = [self._latest] if self._latest is not None else []
        self._latest = max(days + before, default=None)
        if self._latest is not None:
            self.newest[batch] = self._latest
        if days:
            self.origin = min(days) if self.origin is None else min(self.origin, min(days))

    def windows_of(self, batch: int, published: str | None) -> tuple[int, tuple[int, ...]]:
        """(its own window, the later windows it warms up)."""
        when = day(published)
        if self.origin is None:
            return 0, ()
        if when is None:  # the window of the newest date placed before it (its batch's dated ones come first)
            newest = self.newest.get(batch)
            return (newest - self.origin) // self.window_days if newest is not None else 0, ()
        offset = when.toordinal() - self.origin
        own = offset // self.window_days
        last = min(offset + self.warmup_days, max(self.newest.values()) - self.origin) // self.window_days
        return own, tuple(range(own + 1, last + 1))


def window_rows(key: Key, article: Article, plan: WindowPlan) -> Iterator[tuple[int, tuple[Key, bool, Article]]]:
    """(window, (key, whether it is the article's own window, article)) for each window it is in."""
    own, warms = plan.windows_of(key[0], article.published)
    yield own, (key, True, article)
    for window in warms:
        yield window, (key, False, article)


# -- one window, in a task --------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """One article as one window placed it."""

    article: str
    window: int
    key: Key
    own: bool  # its own window (else it is there as warm-up)
    story: str  # the window's story id
    links: bool  # whether that story holds articles of the window's own (warm-up links count only then)
    row: dict | None = None  # the assignment row (decision, probability, copy_of, explanation), own window only
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class WindowStory:
    """One window's story, as much as the joined story needs of it."""

    window: int
    id: str
    first: Key  # the key of the article that started it
    own: int  # its articles of the window's own (not warm-up)
    title: str
    merged_from: tuple[str, ...]
    whole: dict | None  # the story as saved, when all its articles are the window's own

    @property
    def node(self) -> Node:
        return (self.window, self.id)


def cluster_window(window: int, rows: Iterable[tuple[Key, bool, Article]], config: StoryConfig | None = None) -> list:
    """Cluster one window's articles (warm-up included) as `storyline ingest` would, batch by
    batch through `place_in_stories`: a `Placed` per article and a `WindowStory` per story. A
    window holding only warm-up articles gives nothing (it would only link what it never owns)."""
    rows = sorted(rows, key=lambda r: r[0])
    if not any(own for _, own, _ in rows):
        return []
    clusterer = Threads(story_config=config, keep_inputs=False)
    sink = StorySink()
    for _, batch in groupby(rows, key=lambda r: r[0][0]):
        place_in_stories([article for _, _, article in batch], clusterer, sink)
    by_id = {article.id: (key, own, article) for key, own, article in rows}
    own_count: dict[str, int] = {}
    for article_id, row in sink.assignments.items():
        if by_id[article_id][1]:
            own_count[row["story_id"]] = own_count.get(row["story_id"], 0) + 1
    out: list = []
    for article_id, row in sink.assignments.items():
        key, own, article = by_id[article_id]
        out.append(Placed(article_id, window, key, own, row["story_id"], row["story_id"] in own_count,
                          row if own else None, article.published, article.outlet))  # fmt: skip
    for story_id, story in sink.stories.items():
        members = story["articles"]
        out.append(WindowStory(
            window, story_id, by_id[members[0]][0], own_count.get(story_id, 0), story["title"],
            tuple(story["merged_from"]), story if own_count.get(story_id, 0) == len(members) else None,
        ))  # fmt: skip
    return out


# -- the edges ---------------------------------------------------------------------------------


def edge_links(placements: Iterable[Placed]) -> Iterator[tuple[Node, Node]]:
    """For one article's placements: (a later window's story, its own window's story) for each
    window where it was warm-up to a story of that window's own articles (a vote: see
    `strongest`)."""
    placements = list(placements)
    own = next((p for p in placements if p.own), None)
    if own is None:
        return
    for p in placements:
        if not p.own and p.links:
            yield (p.window, p.story), (own.window, own.story)


def stronger(a: tuple[int, Node], b: tuple[int, Node]) -> tuple[int, Node]:
    """Of two (votes, story): more votes, then the smaller (window, id)."""
    return a if a[0] > b[0] or (a[0] == b[0] and a[1] < b[1]) else b


def strongest(links: Iterable[tuple[Node, Node]]) -> list[tuple[Node, Node]]:
    """The links kept: each earlier story, in each later window, links to the one story most of
    its warm-up articles went to there (where it continues). Keeping every link would unite the
    mistakes of every window, which overlap and each see less than the ordered pass; the rules
    measured are in docs/decisions.md."""
    votes: dict[tuple[Node, Node], int] = {}
    for link in links:
        votes[link] = votes.get(link, 0) + 1
    best: dict[tuple[Node, int], tuple[int, Node]] = {}
    for (later, earlier), n in votes.items():
        where = (earlier, later[0])
        best[where] = stronger(best[where], (n, later)) if where in best else (n, later)
    return [(later, earlier) for (earlier, _), (_, later) in best.items()]


def join_stories(links: Iterable[tuple[Node, Node]], first: Mapping[Node, Key]) -> dict[Node, str]:
    """Union-find over the links: node -> the id of its joined story, the id of the story
    started first in it (smallest `first` key; a node missing from `first` comes last)."""
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while node != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    for a, b in links:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[Node, list[Node]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    last = (float("inf"),)
    out = {}
    for members in groups.values():
        winner = min(members, key=lambda n: (first.get(n, last), n))
        for node in members:
            out[node] = winner[1]
    return out


def joined_story(story_id: str, placed: Iterable[Placed], parts: Iterable[WindowStory]) -> dict:
    """The stories-table row (as `Story.as_dict` gives it) of one joined story, from its
    articles' placements in their own windows and the window stories it joins. One window story
    joined with nothing is kept as that window saved it."""
    parts = sorted(parts, key=lambda p: p.first)
    if len(parts) == 1 and parts[0].whole is not None and parts[0].id == story_id:
        return dict(parts[0].whole)
    story = Story(story_id)
    for p in sorted(placed, key=lambda p: p.key):
        when = p.published[:10] if day(p.published) else None
        story.add(p.article, "", p.outlet, when, (), {}, {}, (), (p.row or {}).get("copy_of"))
    out = story.as_dict()
    out.pop("copies")
    main = max(parts, key=lambda p: p.own) if parts else None  # the first of the largest
    out["title"] = main.title if main else ""
    out["merged_from"] = sorted({i for p in parts for i in (p.id, *p.merged_from)} - {story_id})
    return out


# -- on Spark ------------------------------------------------------------------------------------


def cluster_by_window(articles, plan: WindowPlan, config: StoryConfig | None = None):
    """The windowed story pass over an RDD of (batch, position, Article) (people resolved, every
    version of a repeated input: the first is the one placed, as in `storyline ingest`).
    Returns RDDs of stories-table and story_assignments-table rows (spark/tables.py), persisted."""
    from pyspark import StorageLevel

    from . import tables as T
    from .stories import compact

    sc = articles.context
    first_versions = (
        articles.map(lambda r: (r[2].id, (order_key(r[0], r[1], r[2].published), r[2])))
        .reduceByKey(lambda a, b: a if a[0] <= b[0] else b)
        .values()
        .map(lambda kv: (kv[0], compact(kv[1])))
    )
    windows = 1 + (max(plan.newest.values()) - plan.origin) // plan.window_days if plan.origin is not None else 1
    placed = (
        first_versions.flatMap(lambda kv: window_rows(kv[0], kv[1], plan))
        .groupByKey(max(1, min(windows, sc.defaultParallelism * 4)), partitionFunc=lambda window: window)
        .flatMap(lambda group: cluster_window(group[0], group[1], config))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    places = placed.filter(lambda x: isinstance(x, Placed))
    parts = placed.filter(lambda x: isinstance(x, WindowStory))

    # the edges: only articles that warm a later window can link anything
    def at_edge(p: Placed) -> bool:
        return (not p.own and p.links) or (p.own and bool(plan.windows_of(p.key[0], p.published)[1]))

    links = (
        places.filter(at_edge).map(lambda p: (p.article, p)).groupByKey().flatMap(lambda kv: edge_links(kv[1]))
        .map(lambda link: (link, 1)).reduceByKey(lambda a, b: a + b)  # votes, then as `strongest`:
        .map(lambda kv: ((kv[0][1], kv[0][0][0]), (kv[1], kv[0][0]))).reduceByKey(stronger)
        .map(lambda kv: (kv[1][1], kv[0][0])).collect()
    )  # fmt: skip
    linked = sc.broadcast(frozenset(node for link in links for node in link))
    first = dict(parts.filter(lambda s: s.node in linked.value).map(lambda s: (s.node, s.first)).collect())
    joined = sc.broadcast(join_stories(links, first))

    def final(window: int, story: str) -> str:
        return joined.value.get((window, story), story)

    def assignment(p: Placed, position: int) -> tuple:
        return T.assignment_row({**p.row, "story_id": final(p.window, p.story)}, position, p.published)

    own = places.filter(lambda p: p.own)
    assignments = (
        own.sortBy(lambda p: p.key).zipWithIndex().map(lambda pi: assignment(*pi)).persist(StorageLevel.MEMORY_AND_DISK)
    )
    stories = (
        own.map(lambda p: (final(p.window, p.story), p))
        .cogroup(parts.filter(lambda s: s.own).map(lambda s: (final(s.window, s.id), s)))
        .map(lambda kv: T.story_row(joined_story(kv[0], kv[1][0], kv[1][1])))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    assignments.count()
    stories.count()
    placed.unpersist()
    return assignments, stories
