"""The sample corpus (src/storyline/sample) threaded into storylines, against truth.json: the
two rounds of the mackerel talks are one storyline, and no two written storylines share one."""

from __future__ import annotations

from collections import defaultdict

from storyline.evaluation.clustering import score_clustering
from storyline.sample import load_truth
from storyline.storylines import Threads


def _run(sample_stream) -> tuple[Threads, dict[str, str]]:
    inputs, keys = sample_stream
    threads = Threads()
    threads.add_all(inputs)
    truth = load_truth()
    gold = {a: truth["stories"][truth["articles"][k]["story"]]["storyline"] for a, k in keys.items()}
    return threads, gold


def test_every_story_of_the_truth_names_a_storyline():
    stories = load_truth()["stories"]
    assert all(s.get("storyline") for s in stories.values())
    assert stories["mackerel-talks-1"]["storyline"] == stories["mackerel-talks-2"]["storyline"]


def test_sample_forms_the_storylines_it_was_written_with(sample_stream):
    threads, gold = _run(sample_stream)
    predicted = threads.article_storylines()
    score = score_clustering(gold, predicted, level="storyline")
    assert score.precision == 1.0, score.headline()  # no storyline holds two written ones
    lines_of = defaultdict(set)
    for article, line in gold.items():
        lines_of[line].add(predicted[article])
    assert all(len(found) == 1 for found in lines_of.values()), dict(lines_of)


def test_each_story_is_in_one_storyline(sample_stream):
    threads, _ = _run(sample_stream)
    line_of_story = {}
    for article, story in threads.stories.article_stories().items():
        line = threads.article_storylines()[article]
        assert line_of_story.setdefault(story, line) == line
    for line in threads.storylines.values():
        assert set(line.stories) == {s for s, x in line_of_story.items() if x == line.id}
