"""spark/windows.py without Spark: how articles are split into windows, how one window is
clustered, and how the union-find joins window stories across edges."""

from __future__ import annotations

import pytest
from helpers import make_article

from storyline.errors import StorylineError
from storyline.spark.windows import (
    StoryOptions, WindowPlan, cluster_window, edge_links, join_stories, joined_story, order_key, strongest,
    window_rows,
)  # fmt: skip
from storyline.stories import story_id_for


def plan_of(batches: list[list[str | None]], window_days: int = 7, warmup_days: int = 30) -> WindowPlan:
    plan = WindowPlan(window_days, warmup_days)
    for batch, published in enumerate(batches):
        plan.observe(batch, published)
    return plan


def test_windows_start_at_the_earliest_day_and_warm_up_the_later_ones():
    plan = plan_of([["2025-03-10", "2025-03-03T09:00:00+01:00"], ["2025-03-30"]], window_days=7, warmup_days=10)
    assert plan.windows_of(0, "2025-03-03") == (0, (1,))  # day 0: warms window 1 (days 7-13), not 2 (14-20)
    assert plan.windows_of(0, "2025-03-09") == (0, (1, 2))  # day 6: 8 and 1 days before windows 2 and 1
    assert plan.windows_of(0, "2025-03-10") == (1, (2,))
    assert plan.windows_of(1, "2025-03-30") == (3, ())  # no window after the newest day
    assert plan_of([["2025-03-03", "2025-03-30"]], warmup_days=0).windows_of(0, "2025-03-09") == (0, ())


def test_an_undated_article_goes_to_the_window_of_the_newest_date_placed_before_it():
    plan = plan_of([[None], ["2025-03-20", None], [None, "2025-03-01"], ["not a date"]])
    assert plan.windows_of(0, None) == (0, ())  # nothing dated before it
    assert plan.windows_of(1, None) == (2, ())  # 2025-03-20 is 19 days after 03-01: window 2
    assert plan.windows_of(2, None) == (2, ())  # an older date later does not move it back
    assert plan.windows_of(3, "not a date") == (2, ())


def test_window_rows_mark_the_own_window():
    plan = plan_of([["2025-03-03", "2025-03-09", "2025-03-12"]], warmup_days=3)
    article = make_article("a.txt", published="2025-03-09")
    key = order_key(0, 1, article.published)
    assert [(w, own) for w, (_, own, _) in window_rows(key, article, plan)] == [(0, True), (1, False)]


def test_options_refuse_an_unknown_mode_or_an_empty_window():
    with pytest.raises(StorylineError, match="unknown story mode 'sorted'"):
        StoryOptions("sorted")
    with pytest.raises(StorylineError, match="window of 0 days"):
        StoryOptions("windowed", window_days=0)


def test_union_find_joins_chains_and_keeps_the_id_of_the_story_started_first():
    first = {(0, "a"): (0, "2025-03-01", 0), (1, "b"): (0, "2025-03-09", 5), (1, "c"): (1, "2025-03-08", 0),
             (2, "d"): (0, "2025-03-16", 7), (3, "e"): (0, "2025-03-30", 9), (3, "f"): (0, "2025-03-29", 8)}
    links = [((2, "d"), (1, "b")), ((1, "b"), (0, "a")), ((3, "e"), (3, "f"))]
    joined = join_stories(links, first)
    assert joined == {(0, "a"): "a", (1, "b"): "a", (2, "d"): "a", (3, "e"): "f", (3, "f"): "f"}
    assert join_stories(reversed(links), first) == joined  # the order links come in does not matter
    assert (1, "c") not in joined  # linked to nothing: keeps its own id


STORY = ("Engineers closed the Tallinn harbour bridge after finding cracks in two supports. Transport director "
         "Kadri Tamm said repairs of the harbour bridge supports would take three weeks. {extra}")
OTHER = ("The central bank of Chile raised its interest rate by half a point to curb inflation, citing fuel "
         "prices and a weaker peso. {extra}")


def article(name: str, published: str, text: str):
    return make_article(name, text=text, title=text.split(".")[0], published=published, outlet=name.split("-")[0])


def cluster_locally(articles: list, plan: WindowPlan) -> dict[str, str]:
    """The windowed pass as spark/windows.py wires it on Spark, in one process: article id ->
    joined story id."""
    rows: dict[int, list] = {}
    for position, a in enumerate(articles):
        for window, row in window_rows(order_key(0, position, a.published), a, plan):
            rows.setdefault(window, []).append(row)
    out = [x for window, items in sorted(rows.items()) for x in cluster_window(window, items)]
    placed = [x for x in out if hasattr(x, "links")]
    by_article: dict[str, list] = {}
    for p in placed:
        by_article.setdefault(p.article, []).append(p)
    links = strongest(link for ps in by_article.values() for link in edge_links(ps))
    first = {s.node: s.first for s in out if hasattr(s, "node")}
    joined = join_stories(links, first)
    return {p.article: joined.get((p.window, p.story), p.story) for p in placed if p.own}


def test_a_story_crossing_an_edge_is_joined_under_its_first_id():
    articles = [
        article("herald-1.txt", "2025-03-05", STORY.format(extra="Ferries added crossings.")),
        article("post-2.txt", "2025-03-05", OTHER.format(extra="Markets were calm.")),
        article("wire-3.txt", "2025-03-06", STORY.format(extra="Traffic was diverted.")),
        article("daily-4.txt", "2025-03-10", STORY.format(extra="Repairs began on Monday.")),  # next window
        article("times-5.txt", "2025-03-11", OTHER.format(extra="Analysts expect another rise.")),
    ]
    plan = plan_of([[a.published for a in articles]], window_days=5)
    assert [plan.windows_of(0, a.published)[0] for a in articles] == [0, 0, 0, 1, 1]
    stories = cluster_locally(articles, plan)
    bridge, bank = stories[articles[0].id], stories[articles[1].id]
    assert bridge == story_id_for(articles[0].id) and bank == story_id_for(articles[1].id)
    assert [stories[a.id] for a in articles] == [bridge, bank, bridge, bridge, bank]
    # without the warm-up nothing links the windows: the later articles start stories of their own
    alone = cluster_locally(articles, plan_of([[a.published for a in articles]], window_days=5, warmup_days=0))
    assert alone[articles[3].id] == story_id_for(articles[3].id) != bridge


def test_a_window_of_warm_up_articles_only_places_nothing():
    a = article("herald-1.txt", "2025-03-05", STORY.format(extra=""))
    assert cluster_window(3, [(order_key(0, 0, a.published), False, a)]) == []


def test_a_joined_story_counts_its_own_articles_only():
    articles = [article(f"{outlet}-{i}.txt", f"2025-03-0{i + 3}", STORY.format(extra=f"Update {i}."))
                for i, outlet in enumerate(("herald", "wire", "herald"))]  # fmt: skip
    plan = plan_of([[a.published for a in articles]], window_days=2)
    rows: dict[int, list] = {}
    for position, a in enumerate(articles):
        for window, row in window_rows(order_key(0, position, a.published), a, plan):
            rows.setdefault(window, []).append(row)
    out = [x for w, items in sorted(rows.items()) for x in cluster_window(w, items)]
    own = [x for x in out if hasattr(x, "links") and x.own]
    parts = [x for x in out if hasattr(x, "node") and x.own]
    assert len(parts) == 2  # one story in each window
    story = joined_story("s1", own, parts)
    assert (story["id"], len(story["articles"])) == ("s1", 3)
    assert (story["first_seen"], story["last_seen"]) == ("2025-03-03", "2025-03-05")
    assert story["outlets"] == ["herald", "wire"]
    # the two updates are near-duplicates of the first report: one independent source
    assert [p.row["copy_of"] for p in sorted(own, key=lambda p: p.key)] == [None, articles[0].id, articles[0].id]
    assert story["independent_sources"] == 1
    assert story["merged_from"] == sorted({p.id for p in parts} - {"s1"})
    assert story["title"] == parts[0].title


def test_a_story_links_to_where_most_of_its_articles_went_in_each_later_window():
    a, b, s1, s2, t1 = (0, "a"), (0, "b"), (1, "s1"), (1, "s2"), (2, "t1")
    votes = [(s1, a), (s1, a), (s2, a), (t1, a), (s2, b)]  # (later story, earlier story), one per warm-up article
    assert sorted(strongest(votes)) == sorted([(s1, a), (t1, a), (s2, b)])  # not (s2, a): a continues as s1
    assert sorted(strongest([(s2, a), (s1, a)])) == [(s1, a)]  # a tie: the smaller id
