"""The clustering evaluation: scoring on hand-made labels, the set format, and the real sets."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import shared_path
from storyline.errors import EvaluationError
from storyline.evaluation.clustering import evaluate_clustering, find_mistakes, score_clustering
from storyline.faces.cli.commands import cli
from storyline.stories.clustering import Assignment, Match

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
    assert s.headline().startswith("clustering story pairwise-F1 0.400 (P 0.500 R 0.333, B-cubed F1 0.706) on 4 articles")
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


def test_mistakes_name_each_wrong_decision_and_its_cost():
    """A stream of decisions by hand: b1 joins a story of cluster A (wrong join), b2 starts a story
    though B has one (missed join, its best candidate was B's story), a2 starts one with no
    candidate (missed join), and a3 merges its story (A) with b2's (B): a wrong merge."""
    gold = {"a1": "A", "b1": "B", "b2": "B", "a2": "A", "a3": "A"}
    stream = [
        Assignment("a1", "s1", "started"),
        Assignment("b1", "s1", "joined", best=Match("s1", 0.8, {"body": 0.3, "title": 0.0}, (("dam", 0.1),))),
        Assignment("b2", "s2", "started", best=Match("s1", 0.3, {"body": 0.1})),
        Assignment("a2", "s3", "started"),
        Assignment("a3", "s2", "joined", best=Match("s3", 0.9, {}), runner_up=Match("s2", 0.98, {"body": 0.5}),
                   merged=("s2",)),
    ]  # fmt: skip
    final = {"a1": "s1", "b1": "s1", "b2": "s2", "a2": "s2", "a3": "s2"}
    found = find_mistakes(stream, gold, final)
    assert [(m.kind, m.article, m.pairs) for m in found] == [
        ("wrong merge", "a3", 2),  # A x2 with B x1 in s2 at the end
        ("wrong join", "b1", 1),  # B x1 with A x1 in s1
        ("missed join", "b2", 1),  # b1 ends in another story
        ("missed join", "a2", 1),  # a1 ends in another story
    ]
    merge, join, missed, alone = found
    assert merge.story_clusters == (("B", 1),) and merge.probability == 0.98
    assert join.story_clusters == (("A", 1),) and join.features == (("body", 0.3),) and join.shared_terms == ("dam",)
    assert missed.best_is_own and missed.probability == 0.3
    assert alone.probability is None and "no candidate story" in alone.describe()
    assert join.describe() == "wrong join b1 (B) joined a story of A x1: p 0.80, body 0.30; shared dam; 1 false pair"
    # a right decision is no mistake
    assert find_mistakes(stream[:1], gold, {"a1": "s1"}) == []


def test_mistake_costs_add_up_to_the_false_pairs():
    """Each pair of clusters is charged once, where it first met, for all its articles in the
    final story: merging s2 {X, Y} into s1 {X, Z} brings only Y and Z together for the first
    time; merging a second Y story in after it brings no new pair and is no mistake."""
    gold = {"x1": "X", "z1": "Z", "z2": "Z", "x2": "X", "y1": "Y", "y2": "Y", "x3": "X"}
    stream = [
        Assignment("x1", "s1", "started"),
        Assignment("z1", "s1", "joined", best=Match("s1", 0.6, {})),
        Assignment("z2", "s1", "joined", best=Match("s1", 0.6, {})),
        Assignment("x2", "s2", "started"),
        Assignment("y1", "s2", "joined", best=Match("s2", 0.6, {})),
        Assignment("y2", "s3", "started"),
        # x3 joins s1 and merges s2 then s3 into it: Y meets Z for the first time
        Assignment("x3", "s1", "joined", best=Match("s1", 0.99, {}), runner_up=Match("s2", 0.98, {}),
                   merged=("s2", "s3")),
    ]  # fmt: skip
    final = dict.fromkeys(gold, "s1")
    found = find_mistakes(stream, gold, final)
    false_pairs = score_clustering(gold, final).predicted_pairs - score_clustering(gold, final).true_pairs
    assert sum(m.pairs for m in found if m.kind != "missed join") == false_pairs == 3 * 2 + 3 * 2 + 2 * 2
    kinds = [(m.kind, m.article, m.pairs) for m in found]
    # X-Z met at z1 (3 x 2 in the end), X-Y at y1 (3 x 2), Y-Z at x3's merge of s2 (2 x 2); s3 adds no pair
    assert kinds == [("wrong join", "z1", 6), ("wrong join", "y1", 6), ("wrong merge", "x3", 4)]
    merge = found[2]
    assert merge.story_clusters == (("X", 1), ("Y", 1)) and merge.probability == 0.98


def test_evaluate_reports_the_costliest_mistakes(tmp_path):
    # the flood's two reports are labelled as two clusters: joining them is a wrong join
    records = [
        {"id": "1", "cluster": "flood", "title": "Brenn dam overflows", "text": FLOOD, "date": "2025-05-01"},
        {"id": "2", "cluster": "vote", "title": "Harbour budget passes", "text": VOTE, "date": "2025-05-01"},
        {"id": "3", "cluster": "aftermath", "title": "Aldmoor flood eases", "text": FLOOD_2, "date": "2025-05-02"},
    ]
    plain = evaluate_clustering(_write(tmp_path, records))
    score = evaluate_clustering(_write(tmp_path, records), mistakes=5)
    assert (score.f1, score.predicted_pairs) == (plain.f1, plain.predicted_pairs) == (0.0, 1)
    assert plain.mistakes == () and "mistakes" not in plain.report()
    assert (score.wrong_joins, score.wrong_merges, score.missed_joins) == (1, 0, 0)
    (mistake,) = score.mistakes
    assert (mistake.kind, mistake.article, mistake.cluster, mistake.pairs) == ("wrong join", "3", "aftermath", 1)
    assert "aldmoor" in mistake.shared_terms
    lines = score.report().splitlines()
    assert lines[4] == "costliest mistakes (of 1 wrong join, 0 wrong merges, 0 missed joins):"
    assert lines[5].startswith("  wrong join 3 (aftermath) joined a story of flood x1: p ")
    # the command prints the same, the headline last; a negative count is refused
    result = CliRunner().invoke(cli, ["eval", "clustering", str(tmp_path / "set.json"), "--mistakes", "3"])
    out = result.output.splitlines()
    assert result.exit_code == 0 and lines[4] in out and out[-1] == score.headline()
    refused = CliRunner().invoke(cli, ["eval", "clustering", str(tmp_path / "set.json"), "--mistakes", "-1"])
    assert refused.exit_code == 2 and "--mistakes" in refused.output


# Floors under the committed configuration (ECB+ 0.804, AllSides 0.662), to catch regressions;
# the targets (0.85, 0.80) are not reached yet.
@pytest.mark.parametrize("name, floor", [("ecbplus.json", 0.76), ("allsides2021.json", 0.64)])
def test_real_sets_score_above_their_floor(name, floor):
    """Regression floors below the measured figures (0.804 and 0.662 with the one default
    configuration); the issue's targets (0.85 and 0.80) are not reached yet."""
    score = evaluate_clustering(shared_path("eval", "clustering", name))
    assert score.f1 >= floor, score.headline()
