"""`spark run` and `load` tell their progress step by step, each with the total, and the
output is the same as without it."""

from __future__ import annotations

import pytest

from storyline.store import open_store
from storyline.store.layout import LOADED_TABLES

pytestmark = pytest.mark.spark

STORY = """---
title: Bridge closed, report {i}
outlet: Outlet {i}
published: 2025-05-1{i}
---
Officials in Tallinn said on Monday that the harbour bridge would stay closed after engineers found
cracks in two of its supports. "We will not reopen it until it is safe," said Kadri Tamm.
"""


def test_a_run_and_its_load_report_every_step_of_a_known_total(spark, tmp_path):
    from storyline.spark.job import STEPS, run
    from storyline.store.parquet import load_parquet

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"bridge-{i}.txt").write_text(STORY.format(i=i), encoding="utf-8")
    steps: list[tuple[int, int | None]] = []
    report = run([str(folder)], str(tmp_path / "out"), spark=spark, progress=lambda a=1, t=None: steps.append((a, t)))
    assert steps == [(1, STEPS)] * STEPS and report.articles == 3
    loaded: list[tuple[int, int | None]] = []
    with open_store(str(tmp_path / "told.duckdb")) as told, open_store(str(tmp_path / "quiet.duckdb")) as quiet:
        result = load_parquet(told, str(tmp_path / "out"), progress=lambda a=1, t=None: loaded.append((a, t)))
        assert result.as_dict() == load_parquet(quiet, str(tmp_path / "out")).as_dict()
        assert result.new == 3
        assert told.query("SELECT count(*) AS n FROM stories") == quiet.query("SELECT count(*) AS n FROM stories")
    total = len(LOADED_TABLES) + 1
    assert sum(a for a, _ in loaded) == total and {t for _, t in loaded} == {total}
    again: list[tuple[int, int | None]] = []
    with open_store(str(tmp_path / "told.duckdb")) as told:  # nothing changed: the steps still add up
        assert load_parquet(told, str(tmp_path / "out"), progress=lambda a=1, t=None: again.append((a, t))).unchanged == 3
    assert sum(a for a, _ in again) == total
