"""Issue 9, story clustering by time window (`--stories windowed`, spark/windows.py): on the
sample corpus and the seeds, a window wider than the corpus gives the ordered pass's rows, and
with one-week windows the stories that cross an edge are joined, under the same ids every run.
The inputs are read and parsed once; each story pass runs on the same analysed articles."""

from __future__ import annotations

import pytest
from helpers import SHARED

from storyline.config import Settings
from storyline.evaluation.clustering import score_clustering
from storyline.record import Hints
from storyline.sample import corpus_path

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def analysed(spark):
    from storyline.spark.job import RunReport, analyse_inputs

    inputs = [str(corpus_path())]
    if (SHARED / "seeds" / "articles").is_dir():
        inputs.append(str(SHARED / "seeds" / "articles"))
    report = RunReport(out="")
    rdd, n_articles = analyse_inputs(spark, inputs, Settings(), Hints(), report)
    yield rdd, n_articles, report.batches
    rdd.unpersist()


def stories_of(analysed, mode: str = "ordered", **options) -> tuple[list, list]:
    """(story_assignments rows, stories rows), sorted."""
    from storyline.spark.job import story_pass
    from storyline.spark.windows import StoryOptions

    passed = story_pass(*analysed, StoryOptions(mode, **options))
    try:
        collect = lambda rows: rows if isinstance(rows, list) else rows.collect()  # noqa: E731
        return sorted(collect(passed.assignments), key=repr), sorted(collect(passed.stories), key=repr)
    finally:
        passed.resolved.unpersist()
        passed.release()


def grouping(assignments: list) -> dict[str, str]:
    return {row[0]: row[2] for row in assignments}  # article_id, story_id (tables.STORY_ASSIGNMENTS)


@pytest.fixture(scope="module")
def ordered(analysed):
    return stories_of(analysed)


def test_a_window_wider_than_the_corpus_gives_the_ordered_rows(analysed, ordered):
    assignments, stories = stories_of(analysed, "windowed", window_days=3650)
    assert assignments == ordered[0]  # ids, positions, decisions and explanations
    assert stories == ordered[1]
    assert len(stories) < len(assignments)  # some stories hold several articles


def test_stories_crossing_week_edges_are_joined_with_the_same_ids_every_run(analysed, ordered):
    # the sample corpus runs over six weeks (2025-03-04 to 2025-04-15): seven-day windows cut
    # its week-long threads (the Malatya quake, the Rotterdam strike)
    week, stories = stories_of(analysed, "windowed", window_days=7)
    expected = grouping(ordered[0])
    score = score_clustering(expected, grouping(week))
    assert score.articles == len(expected)
    assert score.f1 >= 0.95, score.report()  # measured: 1.000 (every crossing story joined)
    assert {row[0] for row in stories} == set(grouping(week).values())
    assert stories_of(analysed, "windowed", window_days=7) == (week, stories)  # a re-run: the same rows
    # without the warm-up nothing joins across an edge, and stories split
    split = score_clustering(expected, grouping(stories_of(analysed, "windowed", window_days=7, warmup_days=0)[0]))
    assert split.f1 < score.f1, split.report()  # measured: 0.819 (18 stories for 11)
