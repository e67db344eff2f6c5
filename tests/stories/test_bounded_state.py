"""What the clusterer keeps stays bounded on a long stream, and the store follows merges."""

from __future__ import annotations

import pytest

from storyline.errors import StorylineError
from storyline.stories import StoryClusterer, StoryConfig, StoryInput
from storyline.stories.clustering import StoryModel


def _update(i: int, day: int = 1) -> StoryInput:
    # one long-running story: every update shares its core words and adds words of its own
    text = (f"Aldmoor dam overflow update {i}: the Brenn reservoir keeps rising, the county sheriff "
            f"said, and crews from Velstad reinforce the levee. Word{i}a word{i}b word{i}c word{i}d.")
    return StoryInput(id=f"a{i}", title=f"Aldmoor dam update {i}", text=text, published=f"2025-05-{day:02d}")


def test_a_story_keeps_its_latest_members_and_its_heaviest_terms_only():
    model = StoryModel(weights=StoryModel().weights + (("top_mean", 0.0),), members_compared=5)
    c = StoryClusterer(StoryConfig(model=model, story_terms=20, join_threshold=0.0))
    for i in range(60):
        c.add(_update(i))
    story = c.story("a0")
    assert story.size == 60, "every update joined (join threshold 0)"
    assert len(story.members) == 5
    assert len(story.body) < 2 * 20
    # the words every update shares survive the pruning; one update's own words need not
    assert {"aldmoor", "dam", "brenn", "levee"} <= set(story.body)


def test_a_story_keeps_the_counts_of_its_most_frequent_central_names_only():
    def name(i: int) -> str:  # a different invented surname for every update: Kaaab, Kaaac, ...
        return "Ka" + "".join(chr(ord("a") + int(d)) for d in f"{i + 1:03d}")

    c = StoryClusterer(StoryConfig(join_threshold=0.0))
    for i in range(100):
        n = name(i)
        update = _update(i)
        text = update.text + f" Crew chief {n} led the night shift . {n} said {n} would stay ."
        c.add(StoryInput(id=update.id, title=update.title, text=text, published=update.published))
    story = c.story("a0")
    assert story.size == 100
    assert story.KEEP_CENTRAL <= len(story.central_names) < 2 * story.KEEP_CENTRAL  # pruned, not emptied
    assert story.main_names() == []  # no crew chief is central in half the story


def test_old_assignments_are_forgotten_but_every_article_keeps_its_story():
    c = StoryClusterer(StoryConfig(remembered=3))
    for i in range(6):
        c.add(_update(i))
    assert c.assignment("a0") is None and c.assignment("a2") is None
    assert c.assignment("a5") is not None
    assert set(c.article_stories()) == {f"a{i}" for i in range(6)}
    again = c.add(_update(0))  # already placed: not placed twice
    assert again.story == c.story_of("a0") and c.story("a0").size == sum(
        1 for s in c.article_stories().values() if s == c.story_of("a0"))


def test_history_without_kept_texts_says_so():
    c = StoryClusterer(keep_inputs=False)
    c.add(_update(1))
    with pytest.raises(StorylineError, match="keep_inputs"):
        c.history()


def test_stored_articles_follow_a_later_merge(fresh_store):
    def story(sid, articles, merged_from=()):
        return {"id": sid, "title": "t", "first_seen": None, "last_seen": None, "articles": articles,
                "outlets": [], "independent_sources": len(articles), "merged_from": list(merged_from)}

    def decision(article, sid):
        return {"article_id": article, "story_id": sid, "decision": "started", "probability": None,
                "copy_of": None, "explanation": {}}

    fresh_store.save_stories([decision("a1", "s-old"), decision("a2", "s-new"), decision("a3", "s-other")],
                             [story("s-old", ["a1"]), story("s-new", ["a2"]), story("s-other", ["a3"])])
    # a later batch: a4 bridges the two stories and s-new is merged into s-old
    fresh_store.save_stories([decision("a4", "s-old")], [story("s-old", ["a1", "a2", "a4"], ["s-new"])],
                             gone=["s-new"])
    rows = fresh_store.query("SELECT article_id, story_id FROM story_assignments ORDER BY position")
    assert [(r["article_id"], r["story_id"]) for r in rows] == [
        ("a1", "s-old"), ("a2", "s-old"), ("a3", "s-other"), ("a4", "s-old")]
    assert {r["id"] for r in fresh_store.query("SELECT id FROM stories")} == {"s-old", "s-other"}
