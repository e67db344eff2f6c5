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


BRIDGE = """---
title: Harbour bridge closed, day {day}
outlet: {outlet}
published: 2025-05-{day:02d}
---
Officials in Tallinn said the harbour bridge would stay closed after engineers found cracks in two
of its supports. Transport director Kadri Tamm said repairs could take three weeks. {extra}
"""


def test_a_windowed_run_writes_tables_that_load(spark, tmp_path):
    import duckdb
    from click.testing import CliRunner

    from storyline.faces.cli.commands import cli
    from storyline.spark.job import run
    from storyline.spark.windows import StoryOptions

    folder = tmp_path / "in"
    folder.mkdir()
    extras = ("Ferries added crossings.", "Traffic was diverted north.", "Divers inspected the piers.",
              "Tenders for the repair closed.")  # fmt: skip
    for i, (outlet, extra) in enumerate(zip(("Baltic Herald", "Coast Wire", "North Post", "Harbour News"), extras)):
        (folder / f"bridge-{i}.txt").write_text(BRIDGE.format(day=10 + 2 * i, outlet=outlet, extra=extra))
    out = tmp_path / "out"
    report = run([str(folder)], str(out), spark=spark, stories=StoryOptions("windowed", window_days=2))
    assert (report.articles, report.stories, report.story_mode) == (4, 1, "windowed")  # four windows, joined
    db = str(tmp_path / "store.duckdb")
    loaded = CliRunner().invoke(cli, ["--db", db, "load", str(out)])
    assert loaded.exit_code == 0, loaded.output
    with duckdb.connect(db, read_only=True) as con:
        stories = con.execute("SELECT id, articles, first_seen, last_seen FROM stories").fetchall()
        assigned = con.execute("SELECT story_id, position FROM story_assignments ORDER BY position").fetchall()
    assert [(n, str(a), str(b)) for _, n, a, b in stories] == [(4, "2025-05-10", "2025-05-16")]
    assert assigned == [(stories[0][0], i) for i in range(4)]
