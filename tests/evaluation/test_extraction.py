"""The extraction evaluation on two invented pages, in both folder layouts and both modes."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.clean.page_text import render_text
from storyline.evaluation.extraction import (
    EvaluationError,
    ExtractionScore,
    _score_segments,
    _score_shingles,
    decode_html,
    evaluate_extraction,
    shingles,
)
from storyline.faces.cli.commands import cli

DATA = Path(__file__).parents[1] / "data" / "extraction"
PAGES = {"bridge": DATA / "pages" / "bridge.html", "choir": DATA / "pages" / "choir.html"}


@pytest.fixture
def trafilatura_folder(tmp_path: Path) -> Path:
    """trafilatura's layout: evaldata.json and html/<file>.gz."""
    (tmp_path / "html").mkdir()
    shutil.copy(DATA / "evaldata.json", tmp_path / "evaldata.json")
    for path in PAGES.values():
        (tmp_path / "html" / (path.name + ".gz")).write_bytes(gzip.compress(path.read_bytes()))
    return tmp_path


@pytest.fixture
def ground_truth_folder(tmp_path: Path) -> Path:
    """The ground-truth layout: ground-truth.json and html/<id>.html.gz."""
    (tmp_path / "html").mkdir()
    shutil.copy(DATA / "ground-truth.json", tmp_path / "ground-truth.json")
    for key, path in PAGES.items():
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(path.read_bytes()))
    return tmp_path


def test_render_text_keeps_visible_text_in_order():
    text = render_text(PAGES["bridge"].read_text(encoding="utf-8"))
    lines = text.split("\n")
    assert lines[:3] == ["Home", "News", "Sport"], "menus stay: no boilerplate decisions here"
    assert "Council Votes to Rebuild the River Bridge" in lines
    assert lines[-1].startswith("Copyright ©")
    assert "tracking" not in text and "color: black" not in text and "Bridge vote" not in text


def test_render_text_breaks_lines_at_blocks_and_br():
    html = "<html><body><p>One <b>bold</b> word</p>two<br>three<div>four</div><pre>a\nb</pre></body></html>"
    assert render_text(html).split("\n") == ["One bold word", "two", "three", "four", "a", "b"]
    assert render_text("") == ""
    assert render_text("<html><body><p hidden>gone</p><p style='display:none'>gone</p></body></html>") == ""


def test_decode_html_follows_the_declared_charset():
    raw = '<html><head><meta charset="iso-8859-1"></head><body>Müller</body></html>'.encode("latin-1")
    assert "Müller" in decode_html(raw)
    assert decode_html("Grüße".encode("utf-8")) == "Grüße"


def test_segment_scoring_counts_found_missing_and_kept():
    entry = {"with": ["the  bridge\nis open", "a ferry"], "without": ["Share this", "Home"]}
    assert _score_segments("Home\n\nThe bridge is open. the bridge is open", entry) == (1, 1, 1)
    assert _score_segments("", entry) == (0, 0, 2)


def test_shingle_scoring():
    assert shingles("One two three four five") == {("one", "two", "three", "four"), ("two", "three", "four", "five")}
    assert shingles("Too short") == {("too", "short")}
    assert shingles("") == set()
    gold = {"articleBody": "one two three four five six"}
    assert _score_shingles("one two three four five", gold) == (2, 0, 1)
    assert _score_shingles("zero one two three four", gold) == (1, 1, 2)


def test_headline_format():
    score = ExtractionScore(pages=949, true_positives=9, false_positives=1, false_negatives=0, unit="segments")
    assert score.headline() == "extraction F1 0.947 (P 0.900 R 1.000) on 949 pages"


@pytest.mark.parametrize("as_text", [True, False], ids=["text", "html"])
def test_trafilatura_layout(trafilatura_folder, tmp_path, as_text):
    predictions = tmp_path / "predictions.jsonl"
    seen: list[tuple[int, int]] = []
    score = evaluate_extraction(
        trafilatura_folder, as_text=as_text, predictions_path=predictions, processes=1,
        progress=lambda advance, total: seen.append((advance, total)),
    )
    # Every 'with' segment is article text; one 'without' segment is too, so it is kept
    # and lowers precision: 6 found, 1 wrongly kept, none missed.
    assert (score.true_positives, score.false_positives, score.false_negatives) == (6, 1, 0)
    assert score.precision == pytest.approx(6 / 7) and score.recall == 1.0
    assert score.headline() == "extraction F1 0.923 (P 0.857 R 1.000) on 2 pages"
    assert seen == [(1, 2), (1, 2)]  # one step per page, with the total
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["bridge.html", "choir.html"]
    assert "rebuild the old river bridge" in rows[0]["text"]
    assert "Harbour Festival" not in rows[0]["text"]


def test_predictions_do_not_depend_on_gold(trafilatura_folder, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    evaluate_extraction(trafilatura_folder, as_text=True, predictions_path=first, processes=1)
    gold = json.loads((trafilatura_folder / "evaldata.json").read_text(encoding="utf-8"))
    for entry in gold.values():
        entry["with"], entry["without"] = [], []
    (trafilatura_folder / "evaldata.json").write_text(json.dumps(gold), encoding="utf-8")
    evaluate_extraction(trafilatura_folder, as_text=True, predictions_path=second, processes=1)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@pytest.mark.parametrize("as_text", [True, False], ids=["text", "html"])
def test_ground_truth_layout(ground_truth_folder, as_text):
    score = evaluate_extraction(ground_truth_folder, as_text=as_text, processes=1)
    assert score.pages == 2 and score.unit == "4-gram shingles"
    # The gold body of 'choir' ends with a 14-word sentence the page never shows.
    assert score.false_negatives == 14
    if as_text:
        assert score.false_positives == 0 and score.precision == 1.0
    assert 0.9 < score.recall < 1.0


def test_process_pool_gives_the_same_score(trafilatura_folder):
    one = evaluate_extraction(trafilatura_folder, as_text=True, processes=1)
    two = evaluate_extraction(trafilatura_folder, as_text=True, processes=2)
    assert one == two


def test_unknown_folder_is_named(tmp_path):
    with pytest.raises(EvaluationError, match=str(tmp_path)):
        evaluate_extraction(tmp_path)


def test_missing_page_is_named(trafilatura_folder):
    (trafilatura_folder / "html" / "choir.html.gz").unlink()
    with pytest.raises(EvaluationError, match="choir.html.gz"):
        evaluate_extraction(trafilatura_folder)


def test_a_half_scores_only_its_pages(trafilatura_folder, tmp_path):
    # half_of("bridge.html") is "blind" and half_of("choir.html") is "tune".
    predictions = tmp_path / "tune.jsonl"
    tune = evaluate_extraction(trafilatura_folder, half="tune", predictions_path=predictions, processes=1)
    blind = evaluate_extraction(trafilatura_folder, half="blind", processes=1)
    assert (tune.pages, blind.pages) == (1, 1)
    assert [json.loads(line)["id"] for line in predictions.read_text(encoding="utf-8").splitlines()] == ["choir.html"]
    whole = evaluate_extraction(trafilatura_folder, processes=1)
    assert tune.true_positives + blind.true_positives == whole.true_positives
    assert tune.false_positives + blind.false_positives == whole.false_positives
    assert tune.headline().endswith("on 1 pages (tune half)")
    with pytest.raises(EvaluationError, match="unknown half 'dev'"):
        evaluate_extraction(trafilatura_folder, half="dev")


def test_cli_half_option_ends_with_the_headline(trafilatura_folder):
    result = CliRunner().invoke(cli, ["eval", "extraction", str(trafilatura_folder), "--half", "blind",
                                      "--processes", "1", "--as-text"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith("on 1 pages (blind half)")
    refused = CliRunner().invoke(cli, ["eval", "extraction", str(trafilatura_folder), "--half", "all"])
    assert refused.exit_code == 2
