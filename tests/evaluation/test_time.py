"""The time evaluation on two small TimeML files written for these tests (tests/data/time), and,
where ../shared is present, on the TempEval-3 training folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import shared_path
from storyline.errors import EvaluationError
from storyline.evaluation.time import Timex, evaluate_time, read_timeml, score_document

DATA = Path(__file__).resolve().parents[1] / "data" / "time"


def test_read_timeml_strips_tags_and_finds_the_creation_time():
    text, reference, gold = read_timeml(DATA / "news" / "meeting.tml")
    assert reference == "2024-03-13"
    assert "<" not in text and "&amp;" not in text and "last year & has taken" in text
    assert [(g.text, g.type, g.value) for g in gold][:3] == [
        ("Tuesday", "DATE", "2024-03-12"), ("April 2", "DATE", "2024-04-02"), ("last year", "DATE", "2023")]  # fmt: skip
    assert all(text[g.start : g.end] == g.text for g in gold)


def test_evaluate_time_reads_the_folder_recursively_and_scores():
    score = evaluate_time(DATA, processes=1)
    assert score.documents == 2
    assert score.counts.gold == 11
    assert score.strict[2] == pytest.approx(1.0)
    assert score.relaxed[2] == pytest.approx(1.0)
    assert score.value[2] == pytest.approx(1.0)
    assert score.headline() == (
        "time value-F1 1.000 (strict-span F1 1.000, relaxed-span F1 1.000) on 11 expressions")


def test_progress_is_called_once_per_document():
    calls = []
    evaluate_time(DATA, processes=1, progress=lambda advance, total: calls.append((advance, total)))
    assert calls == [(1, 2), (1, 2)]


def test_predictions_are_the_same_without_the_gold_tags(tmp_path):
    blank = tmp_path / "blank"
    shutil.copytree(DATA, blank)
    for path in blank.rglob("*.tml"):
        raw = path.read_text(encoding="utf-8")
        body = re.search(r"<TEXT>.*?</TEXT>", raw, re.S).group()
        path.write_text(raw.replace(body, re.sub(r"</?TIMEX3[^>]*>", "", body)), encoding="utf-8")
    evaluate_time(DATA, predictions_path=tmp_path / "gold.jsonl", processes=1)
    score = evaluate_time(blank, predictions_path=tmp_path / "blank.jsonl", processes=2)
    assert (tmp_path / "gold.jsonl").read_text() == (tmp_path / "blank.jsonl").read_text()
    assert score.counts.gold == 0
    first = json.loads((tmp_path / "gold.jsonl").read_text().splitlines()[0])
    assert first == {"doc": "news/meeting.tml", "start": first["start"], "end": first["end"],
                     "text": "Tuesday", "type": "DATE", "value": "2024-03-12"}  # fmt: skip


def test_relaxed_match_and_value():
    gold = [Timex("d", 10, 20, "", "DATE", "1998-Q3"), Timex("d", 30, 35, "", "DATE", "1998")]
    predicted = [Timex("d", 14, 20, "", "DATE", "1998-Q3"), Timex("d", 40, 45, "", "DATE", "1999")]
    c = score_document(gold, predicted)
    assert (c.strict, c.relaxed_gold, c.relaxed_predicted, c.value_gold, c.value_predicted) == (0, 1, 1, 1, 1)


def test_a_folder_without_timeml_is_an_error(tmp_path):
    with pytest.raises(EvaluationError, match="no TimeML"):
        evaluate_time(tmp_path)


@pytest.mark.slow
def test_tempeval_training_folder():
    folder = shared_path("eval", "time", "tbaq")
    score = evaluate_time(folder, processes=4)
    assert score.counts.gold == 1855
    assert score.failures == 0
    assert score.relaxed[2] > 0.9
    assert score.value[2] > 0.78
