"""The clustering evaluation: scoring on hand-made labels, the set format, and the real sets."""

from __future__ import annotations

import json

import pytest

from helpers import shared_path
from storyline.errors import EvaluationError
from storyline.evaluation.clustering import evaluate_clustering, score_clustering

FLOOD = "Floodwaters swept through Aldmoor after the Brenn dam overflowed; the sheriff ordered an evacuation."
FLOOD_2 = "Aldmoor residents return to flooded homes as the Brenn dam overflow eases, the sheriff said."
VOTE = "Velstad parliament approves the harbour budget after a long dredging debate."


def test_pairwise_and_bcubed_scores():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = score_clustering(gold, pred)
    # pairs: gold ab ac bc; predicted ab cd; true ab
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (1, 2, 3)
    assert s.precision == 0.5 and s.recall == pytest.approx(1 / 3)
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert s.bcubed_precision == pytest.approx(0.75) and s.bcubed_recall == pytest.approx(2 / 3)
    assert s.headline().startswith("clustering pairwise-F1 0.400 (P 0.500 R 0.333, B-cubed F1 0.706) on 4 articles")
    report = s.report().splitlines()
    assert report[0].startswith("pairwise  P 0.500 R 0.333 F1 0.400") and "1 right of 2 predicted, 3 gold" in report[0]
    assert report[1] == "B-cubed   P 0.750 R 0.667 F1 0.706"
    assert report[2] == "stories   2 predicted, 2 gold clusters, 4 articles"


def test_perfect_and_missing_predictions():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert score_clustering(gold, {"a": "x", "b": "x", "c": "y"}).f1 == 1.0
    alone = score_clustering(gold, {})
    assert alone.predicted_pairs == 0 and alone.f1 == 0.0 and alone.bcubed_precision == 1.0


def _write(tmp_path, records):
    path = tmp_path / "set.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_evaluate_a_small_set_and_write_predictions(tmp_path):
    records = [
        {"id": "3", "cluster": "flood", "title": "Aldmoor flood eases", "text": FLOOD_2, "date": "2025-05-02", "source": "B"},
        {"id": "1", "cluster": "flood", "title": "Brenn dam overflows", "text": FLOOD, "date": "2025-05-01", "source": "A"},
        {"id": "2", "cluster": "vote", "title": "Harbour budget passes", "text": VOTE, "date": "2025-05-01", "source": "A"},
    ]
    seen = []
    preds = tmp_path / "p.jsonl"
    score = evaluate_clustering(_write(tmp_path, records), predictions_path=preds, progress=lambda a, t: seen.append(t))
    assert score.f1 == 1.0 and score.articles == 3 and seen == [3, 3, 3]
    lines = [json.loads(line) for line in preds.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["1", "2", "3"]  # fed in date order
    assert lines[0]["story"] == lines[2]["story"] != lines[1]["story"]
    # predictions never read the gold clusters
    blanked = [dict(r, cluster="") for r in records]
    preds2 = tmp_path / "p2.jsonl"
    evaluate_clustering(_write(tmp_path, blanked), predictions_path=preds2)
    assert preds2.read_text() == preds.read_text()


def test_bad_sets_name_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.json"):
        evaluate_clustering(bad)
    dup = _write(tmp_path, [{"id": "1", "cluster": "a", "title": "", "text": ""}] * 2)
    with pytest.raises(EvaluationError, match="appears more than once"):
        evaluate_clustering(dup)
    with pytest.raises(EvaluationError, match="missing.json"):
        evaluate_clustering(tmp_path / "missing.json")


# Floors under the committed configuration (ECB+ 0.776, AllSides 0.662), to catch regressions;
# the targets (0.85, 0.80) are not reached yet.
@pytest.mark.parametrize("name, floor", [("ecbplus.json", 0.76), ("allsides2021.json", 0.64)])
def test_real_sets_score_above_their_floor(name, floor):
    """Regression floors below the measured figures (0.771 and 0.730 with the one default
    configuration); the issue's targets (0.85 and 0.80) are not reached yet."""
    score = evaluate_clustering(shared_path("eval", "clustering", name))
    assert score.f1 >= floor, score.headline()
