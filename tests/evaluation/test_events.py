"""The PLOVER GSR events evaluation, on tiny records we wrote (tests/data is not needed: the
records are built here)."""

from __future__ import annotations

import json
import re

import pytest

from storyline.errors import EvaluationError
from storyline.evaluation.events import EventScore, _score, evaluate_events

RECORDS = [
    {"id": "T-1", "event": "DEMAND", "source": [{"actorText": "Norland", "code": "NOR"}],
     "target": [{"actorText": "Sweden", "code": "SWE"}],
     "text": "Norway demanded that Sweden release the fishermen, officials said on Monday.", "language": "en"},
    {"id": "T-2", "event": "FIGHT", "source": [{"actorText": "Chilean troops", "code": "CHL"}], "target": "",
     "text": "Chilean troops attacked rebel positions near the border on Tuesday.", "language": "en"},
    {"id": "T-3", "event": "CONSULT", "source": [{"actorText": "Kenya", "code": "KEN"}, {"actorText": "Uganda", "code": "UGA"}],
     "target": "", "text": "Kenya and Uganda held talks in Nairobi on Friday.", "language": "en"},
]  # fmt: skip


def test_scoring_maps_old_labels_and_counts_reciprocal_targets():
    row = _score(RECORDS[0], {"type": "REQUEST", "source_country": "NOR", "target_country": "SWE"})
    assert row["gold"] == "REQUEST" and row["source_ok"] and row["target_ok"]
    row = _score(RECORDS[2], {"type": "CONSULT", "source_country": "KEN", "target_country": "UGA"})
    assert row["source_ok"] and row["target_ok"]  # the other party of a compound actor
    row = _score(RECORDS[1], {"type": None, "source_country": None, "target_country": "PER"})
    assert not row["source_ok"] and not row["target_ok"]


def test_headline_and_report_shape():
    score = EventScore([{"gold": "AGREE", "predicted": "AGREE", "source_ok": True, "target_ok": False},
                        {"gold": "ASSAULT", "predicted": None, "source_ok": False, "target_ok": True}])  # fmt: skip
    assert re.fullmatch(
        r"events type-accuracy 0\.500 \(macro-F1 0\.\d{3}, source-country accuracy 0\.500, "
        r"target-country accuracy 0\.500\) on 2 sentences",
        score.headline(),
    )
    assert "ASSAULT" in score.report() and score.headline() not in score.report()


def test_unreadable_file_names_it(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.jsonl', line 1"):
        evaluate_events(bad)


@pytest.mark.slow
def test_predictions_ignore_gold_fields(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blanked = [{**r, "event": "", "source": "", "target": ""} for r in RECORDS]
    blank.write_text("".join(json.dumps(r) + "\n" for r in blanked), encoding="utf-8")
    calls = []
    score = evaluate_events(gold, predictions_path=tmp_path / "p1.jsonl", progress=lambda a, t: calls.append(t))
    evaluate_events(blank, predictions_path=tmp_path / "p2.jsonl")
    assert (tmp_path / "p1.jsonl").read_text() == (tmp_path / "p2.jsonl").read_text()
    assert calls == [3, 3, 3] and score.sentences == 3
    predictions = [json.loads(line) for line in (tmp_path / "p1.jsonl").read_text().splitlines()]
    assert set(predictions[0]) == {"id", "type", "confidence", "source_country", "target_country"}
    assert [p["type"] for p in predictions] == ["REQUEST", "ASSAULT", "CONSULT"]
    assert score.type_accuracy == 1.0


def test_a_weak_event_counts_as_none_at_a_higher_min_confidence():
    weak = {"type": "REQUEST", "confidence": 0.45, "source_country": "NOR", "target_country": "SWE"}
    assert _score(RECORDS[0], weak)["predicted"] == "REQUEST"
    dropped = _score(RECORDS[0], weak, min_confidence=0.5)
    assert dropped["predicted"] is None and not dropped["source_ok"]
    score = EventScore([_score(RECORDS[0], weak, 0.5), _score(RECORDS[2], {**weak, "type": "CONSULT", "confidence": 0.9,
                        "source_country": "KEN", "target_country": "UGA"}, 0.5)], min_confidence=0.5)  # fmt: skip
    assert score.coverage == 0.5 and score.accuracy_when_coded == 1.0 and score.type_accuracy == 0.5
    assert "coverage 0.500 at min-confidence 0.5" in score.headline()


def test_the_halves_are_fixed_by_id_and_split_the_set():
    from storyline.evaluation import half_of

    halves = {f"R-{i}": half_of(f"R-{i}") for i in range(200)}
    assert set(halves.values()) == {"tune", "blind"}
    assert 60 < sum(h == "tune" for h in halves.values()) < 140
    assert all(half_of(k) == h for k, h in halves.items())  # the same on every call


def test_an_unknown_half_is_refused(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with pytest.raises(EvaluationError, match="unknown half"):
        evaluate_events(gold, half="third")
