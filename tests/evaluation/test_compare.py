"""evaluation/compare.py: scoring rules on a hand-made truth, and the planted sample corpus."""

from __future__ import annotations

from storyline.evaluation.compare import evaluate_compare, score_verdicts

TRUTH = {"facts": [
    {"story": "s", "kind": "conflict", "entity": "x", "attribute": "toll", "values": [
        {"value": "21", "articles": {"a": "killing 21 people"}}, {"value": "25", "articles": {"b": "25 were killed"}}]},
    {"story": "s", "kind": "single_source", "entity": "y", "attribute": "z", "values": [
        {"value": "m", "articles": {"a": "a minaret fell"}}]},
]}


def _v(verdict, *pairs, value="v"):
    return {"verdict": verdict, "kind": "number", "about": "t", "values": [{"value": value, "sources": [{"article": a, "sentence": s} for a, s in pairs]}]}


def test_matched_by_words_and_unplanted_conflicts_are_false_positives():
    verdicts = [
        _v("conflict", ("a", "The quake, killing 21 people."), ("b", "Later 25 were killed.")),
        _v("single_source", ("a", "Then a minaret fell.")),
        _v("conflict", ("a", "Something else entirely.")),
    ]
    score = score_verdicts(TRUTH, verdicts)
    assert score.recall("conflict") == 1.0 and score.precision("conflict") == 0.5
    assert score.precision("single_source") == score.recall("single_source") == 1.0
    assert score.headline().startswith("compare precision ")


def test_sample_corpus_planted_facts():
    score = evaluate_compare()
    # measured: conflict P1.000 R1.000, update P1.000 R0.889, corroborated P0.947 R1.000, single-source P1.000 R1.000
    assert score.recall("conflict") >= 0.8 and score.precision("conflict") >= 0.9, score.headline()
    # measured P 0.889 R 0.889: the one unplanted update is the Malatya toll, 21 on 4 March and
    # 25 the next days (other stories now); truth.json calls it a conflict, since a page giving 25
    # on 4 March carries no date
    assert score.recall("update") >= 0.8 and score.precision("update") >= 0.85, score.headline()
    assert score.recall() >= 0.8, score.headline()
