"""The sample corpus (src/storyline/sample) grouped into stories, against truth.json."""

from __future__ import annotations

from collections import defaultdict

from storyline.evaluation.clustering import score_clustering
from storyline.sample import load_truth
from storyline.stories import StoryClusterer


def _run(stream):
    inputs, keys = stream
    clusterer = StoryClusterer()
    clusterer.add_all(inputs)
    return clusterer, keys


def test_every_sample_article_is_read(sample_stream):
    inputs, keys = sample_stream
    assert len(inputs) == len(load_truth()["articles"]) == 45


def test_sample_stories_never_mix_two_written_stories(sample_stream):
    """The sample's stories were written as threads of up to a week (a strike from walk-out to
    deal): the story level now splits them into their developments, and the storyline level
    joins them back (tests/storylines/test_sample_storylines.py). Here a story may be part of a
    written one, never a mix of two."""
    clusterer, keys = _run(sample_stream)
    truth = load_truth()["articles"]
    gold = {a: truth[k]["story"] for a, k in keys.items()}
    score = score_clustering(gold, clusterer.article_stories())
    # measured P 1.000 R 0.772
    assert score.precision >= 0.9, score.headline()
    assert score.recall >= 0.55, score.headline()  # developments, not one story per article


def test_hard_negatives_stay_apart(sample_stream):
    """Same topic, different event: where the articles are dated, never one story. (Four
    Northgate Courier pages carry no date at all; the Bergen one of them, read in March, can
    only be told from Reykjavik by its wording and is not held to this.)"""
    clusterer, keys = _run(sample_stream)
    truth = load_truth()
    dated = {i.id for i in sample_stream[0] if i.published}
    stories_of = defaultdict(set)  # gold story -> predicted stories
    for article, key in keys.items():
        if article in dated:
            stories_of[truth["articles"][key]["story"]].add(clusterer.story_of(article))
    for a, b in truth["hard_negatives"]:
        assert not stories_of[a] & stories_of[b], f"{a} and {b} share a story"


def test_copies_are_linked_to_their_originals(sample_stream):
    clusterer, keys = _run(sample_stream)
    by_key = {k: a for a, k in keys.items()}
    for copy in load_truth()["copies"]:
        original, reprint = by_key[copy["original"]], by_key[copy["copy"]]
        first, second = sorted((original, reprint), key=clusterer._position.get)
        assignment = clusterer.assignment(second)
        assert assignment.copy is not None, copy["note"]
        assert assignment.copy.original == first
        assert clusterer.story_of(first) == clusterer.story_of(second)


def test_copies_count_once_among_sources(sample_stream):
    clusterer, keys = _run(sample_stream)
    by_key = {k: a for a, k in keys.items()}
    for copy in load_truth()["copies"]:
        story = clusterer.story(by_key[copy["copy"]])
        copies = sum(1 for a in story.articles if a in story.copies)
        assert copies >= 1
        assert story.independent_sources <= story.size - copies


def test_story_ids_are_stable_across_runs(sample_stream):
    first, _ = _run(sample_stream)
    second, _ = _run(sample_stream)
    assert first.article_stories() == second.article_stories()
    assert [s.as_dict() for s in first.stories.values()] == [s.as_dict() for s in second.stories.values()]


def test_rebuild_from_history_gives_the_same_stories(sample_stream):
    clusterer, _ = _run(sample_stream)
    rebuilt = StoryClusterer.rebuild(clusterer.history())
    assert rebuilt.article_stories() == clusterer.article_stories()
    for sid, story in clusterer.stories.items():
        again = rebuilt.stories[sid]
        assert (again.title, again.first_seen, again.last_seen, again.independent_sources) == (
            story.title, story.first_seen, story.last_seen, story.independent_sources)
    # a rebuilt clusterer goes on deciding like the original
    assert rebuilt.vocabulary.df == clusterer.vocabulary.df
