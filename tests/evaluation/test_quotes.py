"""The quote evaluation on an invented PolNeAR-style split (tests/data/quotes/split): brat
parsing, span scoring and the headline, with the stage stubbed; one slow run with the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import EvaluationError
from storyline.evaluation import quotes as evaluation
from storyline.evaluation.quotes import (
    Attribution,
    QuoteScore,
    RoleSpan,
    _gold_files,
    _load_gold,
    article_from_text,
    evaluate_quotes,
    read_text,
    score_role,
)

SPLIT = Path(__file__).parents[1] / "data" / "quotes" / "split"


def span(start: int, end: int) -> RoleSpan:
    return RoleSpan(((start, end),))


def test_first_annotator_in_name_order_is_the_gold():
    files = _gold_files(SPLIT / "attributions", ["harbour", "plain"])
    assert files == {"harbour": SPLIT / "attributions" / "harbour_a1b2.ann"}


def test_brat_events_become_attributions():
    text = read_text(SPLIT / "text" / "harbour.txt")
    gold = _load_gold(SPLIT / "attributions" / "harbour_a1b2.ann", text)
    assert len(gold) == 4, "three attributions and one without a source; notes and discards are not"
    said, told, according, headline = gold
    assert text[slice(*said.source.extent)] == "The mayor" and not said.direct
    assert told.direct and text[slice(*told.content.extent)].startswith("“We have")
    assert according.content.fragments == ((173, 184), (185, 191))
    assert according.content.extent == (173, 191)
    assert headline.source is None and headline.cue is None


def test_spans_match_exactly_or_by_overlap_one_to_one():
    gold = [span(0, 10), span(20, 30), None]
    predicted = [span(0, 10), span(25, 40), span(26, 28), span(50, 60)]
    counts = score_role(gold, predicted)
    assert (counts.gold, counts.predicted, counts.exact, counts.overlap) == (2, 4, 1, 2)
    assert counts.precision() == 0.5 and counts.recall() == 1.0
    assert counts.f1(overlap=False) == pytest.approx(2 * 0.25 * 0.5 / 0.75)


def test_a_repeated_span_counts_once():
    counts = score_role([span(0, 3), span(0, 3)], [span(0, 3)])
    assert (counts.gold, counts.predicted, counts.exact, counts.overlap) == (1, 1, 1, 1)


def test_fragments_overlap_only_where_they_lie():
    broken = RoleSpan(((0, 5), (20, 25)))
    assert broken.overlaps(span(3, 8)) and not broken.overlaps(span(8, 18))


def stub(name: str, text: str) -> list[Attribution]:
    """Fixed predictions: one exact, one overlapping, one without a source, one spurious."""
    if name == "plain.txt":
        return [Attribution(span(0, 4), span(5, 9), span(10, 20))]
    return [
        Attribution(span(24, 33), span(34, 38), span(39, 75)),
        Attribution(span(116, 124), span(120, 124), span(77, 115), True),
        Attribution(None, span(147, 159), span(173, 191)),
    ]


def test_evaluation_scores_the_split_and_writes_predictions(monkeypatch, tmp_path):
    monkeypatch.setattr(evaluation, "predict", stub)
    seen = []
    out = tmp_path / "predictions.jsonl"
    score = evaluate_quotes(SPLIT, predictions_path=out, processes=1, progress=lambda a, t: seen.append((a, t)))
    assert isinstance(score, QuoteScore) and score.documents == 2 and score.attributions == 4
    source = score.roles["source"]
    assert (source.gold, source.predicted, source.exact, source.overlap) == (3, 3, 1, 2)
    assert score.direct_gold == 1 and score.direct_speaker_accuracy == 1.0
    assert score.headline() == (
        "quotes source-F1 0.667 (overlap; exact 0.333; content-F1 0.750; "
        "direct-speaker-accuracy 1.000) on 4 attributions"
    )
    assert seen == [(1, 2), (1, 2)]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == {"doc": "harbour.txt", "source": [24, 33], "cue": [34, 38], "content": [39, 75], "direct": False}
    assert rows[2]["source"] is None and rows[3]["doc"] == "plain.txt"
    assert "source" in score.report() and "content" in score.report()


def test_a_failing_document_scores_empty(monkeypatch):
    def broken(name, text):
        raise RuntimeError("parser fell over")

    monkeypatch.setattr(evaluation, "predict", broken)
    score = evaluate_quotes(SPLIT, processes=1)
    assert score.failures == 2 and score.predictions == 0 and score.roles["source"].f1() == 0.0


def test_a_folder_without_texts_is_refused(tmp_path):
    with pytest.raises(EvaluationError, match="text/NAME.txt"):
        evaluate_quotes(tmp_path)


def test_article_from_text_keeps_offsets():
    text = read_text(SPLIT / "text" / "harbour.txt")
    article = article_from_text("harbour.txt", text)
    assert article.text == text
    assert [text[p.start : p.end][:7] for p in article.paragraphs] == ["Harbour", "The may", "Accordi"]


@pytest.mark.slow
def test_the_stage_finds_the_invented_attributions():
    score = evaluate_quotes(SPLIT, processes=1)
    assert score.failures == 0
    assert score.roles["source"].overlap >= 3
    assert score.direct_speaker_accuracy == 1.0
