"""The entity evaluation: its loader, its scoring on mentions built here, its halves, our
hand-labelled set (tests/data/entities/) and the command's headline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.errors import EvaluationError
from storyline.evaluation import half_of
from storyline.evaluation.entities import (
    SCORED_TYPES,
    Document,
    EntityScore,
    GoldMention,
    evaluate_entities,
    load_set,
    score_document,
)

SET = Path(__file__).resolve().parents[1] / "data" / "entities" / "entities.jsonl"

TEXT = "Governor Ron DeSantis spoke in Tallahassee on Monday."


def _line(doc_id: str, text: str, mentions: list[tuple[int, int, str, str | None]]) -> str:
    rows = [{"start": s, "end": e, "text": text[s:e], "type": t, "country": c} for s, e, t, c in mentions]
    return json.dumps({"id": doc_id, "text": text, "mentions": rows})


def test_a_line_with_bad_offsets_is_one_error_naming_it_and_the_rest_load(tmp_path):
    good = _line("d-1", TEXT, [(9, 21, "PERSON", "USA"), (31, 42, "PLACE", "USA")])
    shifted = json.loads(_line("d-2", TEXT, [(9, 21, "PERSON", "USA")]))
    shifted["mentions"][0]["start"] = 8  # " Ron DeSantis" is not "Ron DeSantis"
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join([good, json.dumps(shifted), "{not json", good.replace("d-1", "d-3")]) + "\n")
    documents, errors = load_set(path)
    assert [d.id for d in documents] == ["d-1", "d-3"]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: '{path}', line 2: mention 1: text[8:21] is ' Ron DeSantis', not 'Ron DeSantis'")
    assert "line 3:" in errors[1]
    assert documents[0].mentions[1] == GoldMention(31, 42, "Tallahassee", "PLACE", "USA")


@pytest.mark.parametrize(
    "mention, problem",
    [
        ({"start": 40, "end": 99, "text": "x", "type": "PLACE", "country": None}, "not inside the text"),
        ({"start": 31, "end": 42, "text": "Tallahassee", "type": "place", "country": None}, "not a label"),
        ({"start": 31, "end": 42, "text": "Tallahassee", "type": "PLACE", "country": "US"}, "not ISO 3166-1 alpha-3"),
    ],
)
def test_each_kind_of_bad_mention_is_named(tmp_path, mention, problem):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "d-1", "text": TEXT, "mentions": [mention]}) + "\n" + _line("d-2", TEXT, []) + "\n")
    documents, errors = load_set(path)
    assert [d.id for d in documents] == ["d-2"] and len(errors) == 1
    assert "line 1: mention 1" in errors[0] and problem in errors[0]


def test_a_repeated_id_and_a_missing_text_are_errors_and_an_empty_set_is_refused(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(_line("d-1", TEXT, []) + "\n" + _line("d-1", TEXT, []) + "\n" + '{"id": "d-2", "mentions": []}\n')
    documents, errors = load_set(path)
    assert len(documents) == 1
    assert "line 2: id 'd-1' repeats an earlier line" in errors[0]
    assert "line 3: expected 'text'" in errors[1]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(EvaluationError, match="empty.jsonl': no documents"):
        load_set(empty)
    with pytest.raises(EvaluationError, match="unknown half"):
        evaluate_entities(path, half="third")


def test_a_path_document_is_the_text_the_cleaner_makes_of_the_file(tmp_path):
    article = tmp_path / "corpus" / "a.txt"
    article.parent.mkdir()
    article.write_text("---\ntitle: Storm\npublished: 2024-05-06\n---\nRain fell on Bergen all week, officials said.\n")
    start = "Rain fell on ".__len__()
    path = tmp_path / "set.jsonl"
    row = {"id": "p-1", "path": "corpus/a.txt", "mentions": [{"start": start, "end": start + 6, "text": "Bergen",
                                                              "type": "PLACE", "country": "NOR"}]}  # fmt: skip
    path.write_text(json.dumps(row) + "\n" + json.dumps({**row, "id": "p-2", "path": "corpus/none.txt"}) + "\n")
    documents, errors = load_set(path)
    assert documents[0].text == "Rain fell on Bergen all week, officials said."
    assert len(errors) == 1 and "line 2" in errors[0] and "none.txt" in errors[0]


def test_scoring_counts_type_matches_by_overlap_exact_beside_and_countries():
    text = "Ron DeSantis of Florida, Twitter and Bitcoin."
    gold = (
        GoldMention(0, 12, "Ron DeSantis", "PERSON", "USA"),
        GoldMention(16, 23, "Florida", "PLACE", "USA"),
        GoldMention(25, 32, "Twitter", "ORG", None),
        GoldMention(37, 44, "Bitcoin", "PRODUCT", None),  # not scored: a PERSON over it is wrong
    )
    predicted = [
        GoldMention(4, 12, "DeSantis", "PERSON", "USA"),  # overlaps, not exact; right country
        GoldMention(16, 23, "Florida", "PLACE", "CUB"),  # exact; wrong country
        GoldMention(25, 32, "Twitter", "ORG", "USA"),  # exact; a country where gold has none
        GoldMention(37, 44, "Bitcoin", "PERSON", None),  # spurious
    ]
    score = EntityScore()
    score_document(score, Document("d-1", text, gold, 1), predicted)
    total = score.total
    assert (total.gold, total.predicted, total.overlap, total.exact) == (3, 4, 3, 2)
    assert total.precision() == 0.75 and total.recall() == 1.0 and total.f1() == pytest.approx(6 / 7)
    assert total.precision(False) == 0.5 and total.recall(False) == pytest.approx(2 / 3)
    assert total.f1(False) == pytest.approx(4 / 7)
    person = score.types["PERSON"]
    assert (person.gold, person.predicted, person.overlap, person.exact) == (1, 2, 1, 0)
    assert (score.country_gold, score.country_found, score.country_right, score.country_spurious) == (2, 2, 1, 1)
    assert score.country_by_type["PLACE"] == [1, 0] and score.country_by_type["PERSON"] == [1, 1]
    assert score.headline() == (
        "entities type-F1 0.857 (P 0.750 R 1.000; exact-F1 0.571) country-accuracy 0.500 on 3 mentions"
    )
    assert "spurious: d-1: PERSON 'Bitcoin' at 37, gold PRODUCT 'Bitcoin'" in score.mistakes
    assert "wrong country: d-1: 'Florida' is USA, predicted CUB" in score.mistakes
    report = score.report(mistakes=True)
    assert "wrong country: d-1" in report and score.headline() not in report
    assert "wrong country" not in score.report()


def test_overlap_matching_is_one_to_one_and_needs_the_same_type():
    gold = (GoldMention(0, 13, "Serzh Sarkisian", "PERSON", "ARM"), GoldMention(20, 26, "Yerevan", "PLACE", "ARM"))
    predicted = [
        GoldMention(0, 5, "Serzh", "PERSON", None),
        GoldMention(6, 13, "Sarkisian", "PERSON", "ARM"),  # the second piece of one name: spurious
        GoldMention(20, 26, "Yerevan", "ORG", "ARM"),  # the right span, the wrong type
    ]
    score = EntityScore()
    score_document(score, Document("d-1", "x" * 30, gold, 1), predicted)
    assert (score.types["PERSON"].overlap, score.types["PERSON"].predicted) == (1, 2)
    assert score.types["PLACE"].overlap == 0 and score.types["ORG"].predicted == 1
    # the country is read from the prediction overlapping most, of any type
    assert (score.country_found, score.country_right) == (2, 2)


def test_the_halves_are_fixed_and_disjoint_and_our_set_loads_whole():
    documents, errors = load_set(SET)
    assert errors == []
    ids = [d.id for d in documents]
    assert len(set(ids)) == len(ids)
    tune = {i for i in ids if half_of(i) == "tune"}
    blind = {i for i in ids if half_of(i) == "blind"}
    assert tune and blind and not tune & blind and tune | blind == set(ids)
    assert half_of("florida-governor") == "tune" and half_of("kims-two") == "blind"  # by id, forever
    counted = {h: sum(1 for d in documents if half_of(d.id) == h for m in d.mentions if m.type in SCORED_TYPES)
               for h in ("tune", "blind")}  # fmt: skip
    assert counted["tune"] > 100 and counted["blind"] > 100


def _gold(documents: list[Document], text: str, type_: str) -> list[GoldMention]:
    return [m for d in documents for m in d.mentions if m.text == text and m.type == type_]


def test_our_set_holds_each_pattern_the_issue_names():
    documents, _ = load_set(SET)
    assert {m.country for m in _gold(documents, "Florida", "PLACE")} == {"USA", "CUB"}  # the state, and the town
    assert {m.country for m in _gold(documents, "Ron DeSantis", "PERSON")} == {"USA"}
    assert _gold(documents, "Twitter", "ORG") and _gold(documents, "SpaceX", "ORG")
    assert {m.country for m in _gold(documents, "Boko Haram", "ORG")} == {"NGA"}
    assert _gold(documents, "Bitcoin", "PRODUCT") and not _gold(documents, "Bitcoin", "PERSON")
    assert _gold(documents, "Serzh Sarkisian", "PERSON") and _gold(documents, "Armen Sarkisian", "PERSON")
    assert {m.country for m in _gold(documents, "Kim", "PERSON")} == {"KOR"}
    assert {m.country for m in _gold(documents, "Kim Jong Un", "PERSON")} == {"PRK"}
    assert _gold(documents, "Donald] Trump", "PERSON")
    assert {m.country for m in _gold(documents, "Sergei Lavrov", "PERSON")} == {"RUS"}
    assert {m.country for m in _gold(documents, "United Nations", "ORG")} == {None}
    assert {m.country for m in _gold(documents, "London", "PLACE")} == {"GBR", "CAN"}
    assert sum(1 for d in documents for m in d.mentions if m.type == "NORP") >= 20


@pytest.mark.slow
def test_the_command_scores_a_set_and_ends_with_its_headline(tmp_path):
    from storyline.faces.cli import cli

    text = "Governor Ron DeSantis of Florida spoke in Tallahassee on Monday, his office said."
    gold = tmp_path / "set.jsonl"
    gold.write_text(_line("d-1", text, [(9, 21, "PERSON", "USA"), (25, 32, "PLACE", "USA"), (42, 53, "PLACE", "USA")])
                    + "\n" + '{"id": "d-2", "mentions": []}\n')  # fmt: skip
    result = CliRunner().invoke(cli, ["eval", "entities", str(gold), "--predictions", str(tmp_path / "p1.jsonl")])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert re.fullmatch(r"entities type-F1 \d\.\d{3} \(P \d\.\d{3} R \d\.\d{3}; exact-F1 \d\.\d{3}\) "
                        r"country-accuracy \d\.\d{3} on 3 mentions", lines[-1])  # fmt: skip
    assert any("line 2: expected 'text'" in line for line in lines)
    blank = tmp_path / "blank.jsonl"
    blank.write_text(_line("d-1", text, []) + "\n")
    evaluate_entities(blank, predictions_path=tmp_path / "p2.jsonl")  # predictions never read the gold
    assert (tmp_path / "p1.jsonl").read_text() == (tmp_path / "p2.jsonl").read_text()
    rows = [json.loads(line) for line in (tmp_path / "p1.jsonl").read_text().splitlines()]
    assert rows and set(rows[0]) == {"doc", "start", "end", "text", "type", "country"}
    assert any(r["text"] == "Tallahassee" and r["type"] == "PLACE" for r in rows)
