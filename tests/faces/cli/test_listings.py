"""The listing, filtering and export commands a user reaches for first, over the sample corpus:
tables that keep their numbers, unknown choices that say what is allowed, compare's filters,
exports of every kind, and a stray .json beside the articles."""

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from storyline.faces.cli import terminal
from storyline.faces.cli.commands import cli


def json_lines(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


@pytest.mark.parametrize("width", [72, 100])
def test_story_listing_keeps_ids_and_counts_whole_and_shortens_the_title(sample, monkeypatch, width):
    monkeypatch.setattr(terminal.out, "width", width)
    rows = json_lines(sample("stories", "--json"))
    lines = sample("stories").output.splitlines()
    assert all(len(line.rstrip()) <= width for line in lines)
    body = {line.split()[0]: line for line in lines[1:-1]}
    assert set(body) == {r["id"] for r in rows}
    shortened = 0
    for r in rows:
        cells = body[r["id"]].split()
        assert cells[3:5] == [str(r["articles"]), str(r["independent_sources"])]  # the numbers, whole
        assert cells[1:3] == [str(r["first_seen"]), str(r["last_seen"])]
        title = " ".join(cells[5:])
        assert title == r["title"] or (title.endswith("…") and r["title"].startswith(title[:-1].rstrip()))
        shortened += title != r["title"]
    assert shortened > 0  # the sample has titles longer than what is left of 72 or 100 columns


def test_storylines_and_articles_listings_keep_their_numbers_at_a_narrow_width(sample, monkeypatch):
    monkeypatch.setattr(terminal.out, "width", 72)
    lines = json_lines(sample("storylines", "--json"))
    shown = {line.split()[0]: line.split() for line in sample("storylines").output.splitlines()[1:-1]}
    assert all(shown[r["id"]][3:5] == [str(r["stories"]), str(r["articles"])] for r in lines)
    articles = json_lines(sample("articles", "--json", "--limit", "100"))
    listed = {line.split()[0] for line in sample("articles", "--limit", "100").output.splitlines()[1:-1]}
    assert listed == {a["id"] for a in articles}


def test_an_unknown_event_type_is_a_usage_error_listing_the_types(sample):
    result = sample("events", "--type", "FOO")
    assert result.exit_code == 2
    assert "'FOO' is not a PLOVER event type" in result.output
    assert "AGREE, CONSULT" in result.output and "ASSAULT" in result.output
    upper, lower = json_lines(sample("events", "--type", "AGREE", "--json")), json_lines(sample("events", "--type", "agree", "--json"))
    assert upper == lower and upper and all(e["type"] == "AGREE" for e in upper)


def test_compare_filters_by_verdict_and_limits_each_verdict(sample):
    story = max(json_lines(sample("stories", "--json")), key=lambda s: s["independent_sources"])
    whole = json.loads(sample("compare", story["id"], "--json").output)
    assert whole["counts"]["corroborated"] >= 2 and whole["counts"]["single_source"] >= 2
    some = json.loads(sample("compare", story["id"], "--json", "--verdict", "single-source",
                             "--verdict", "corroborated", "--limit", "1").output)  # fmt: skip
    assert sorted(v["verdict"] for v in some["verdicts"]) == ["corroborated", "single_source"]
    assert some["counts"] == whole["counts"]  # the story's counts, whatever is shown
    first = next(v for v in whole["verdicts"] if v["verdict"] == "corroborated")
    assert next(v for v in some["verdicts"] if v["verdict"] == "corroborated") == first
    text = sample("compare", story["id"], "--verdict", "corroborated", "--limit", "2").output
    assert "corroborated (2)" in text and "single-source (" not in text
    assert f"{whole['counts']['corroborated']} corroborated facts" in text
    bad = sample("compare", story["id"], "--verdict", "agreed")
    assert bad.exit_code == 2 and "corroborated" in bad.output and "single-source" in bad.output


@pytest.mark.parametrize("kind,listing,key", [("stories", ("stories",), "id"), ("articles", ("articles", "--limit", "1000"), "id"),
                                              ("quotes", ("quotes",), "text"), ("entities", ("entities",), "key")])  # fmt: skip
def test_export_writes_every_record_of_each_kind_in_each_format(sample, tmp_path, kind, listing, key):
    listed = json_lines(sample(*listing, "--json"))
    assert listed
    jsonl, table, parquet = tmp_path / f"{kind}.jsonl", tmp_path / f"{kind}.csv", tmp_path / f"{kind}.parquet"
    for fmt, path in (("jsonl", jsonl), ("csv", table), ("parquet", parquet)):
        result = sample("export", kind, "--format", fmt, "--out", str(path))
        assert result.exit_code == 0 and f"wrote {len(listed)} " in result.output, result.output
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert sorted(str(r[key]) for r in records) == sorted(str(r[key]) for r in listed)
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r[key] for r in rows] == [str(r[key]) for r in records]
    frame = pq.read_table(parquet).to_pylist()
    assert [str(r[key]) for r in frame] == [str(r[key]) for r in records]
    assert "text" not in records[0] or kind == "quotes"  # article exports are metadata only


def test_exported_articles_and_stories_agree_with_the_store(sample, tmp_path):
    sample("export", "articles", "--out", str(tmp_path / "a.jsonl"))
    sample("export", "stories", "--format", "csv", "--out", str(tmp_path / "s.csv"))
    articles = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    with (tmp_path / "s.csv").open(encoding="utf-8", newline="") as f:
        stories = {r["id"]: r for r in csv.DictReader(f)}
    for story_id, story in stories.items():
        members = [a for a in articles if a["story_id"] == story_id]
        assert len(members) == int(story["articles"])
        assert {a["outlet"] for a in members} == set(story["outlets"].split("; "))  # a list cell: "; "-joined
        assert all(story["storyline_id"].startswith("l") for story in stories.values())
    assert all(a["characters"] > 0 and a["published"] for a in articles)


def test_export_to_an_unwritable_place_is_one_error(sample, tmp_path):
    result = sample("export", "entities", "--out", str(tmp_path / "missing" / "e.csv"))
    assert result.exit_code == 1 and "e.csv" in result.output


ARTICLE = ("Norway and Iceland resumed talks on sharing the mackerel catch on Monday "
           "in Bergen, officials from both countries said.\n")  # fmt: skip


def test_a_stray_json_in_a_folder_is_skipped_with_a_note(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "talks.json").write_text('{"outlet": "Fjord Post", "title": "Talks resume in Bergen"}', encoding="utf-8")  # the text's sidecar
    (folder / "manifest.json").write_text('{\n  "version": 3,\n  "files": ["talks.txt"]\n}\n', encoding="utf-8")
    (folder / "ids.json").write_text("[1, 2, 3]\n", encoding="utf-8")
    (folder / "ferry.json").write_text(json.dumps({"title": "Ferry resumes", "text": "The ferry between the two "
                                       "lakeside towns resumed service on Monday, the operator said."}) + "\n",
                                       encoding="utf-8")  # fmt: skip
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output and "0 failed" in result.output
    for name in ("manifest.json", "ids.json"):
        assert f"note '{folder / name}': a .json file that is neither" in result.output
    assert "talks.json" not in result.output and "ferry.json" not in result.output
    rows = [json.loads(line) for line in CliRunner().invoke(cli, ["--db", db, "articles", "--json"]).output.splitlines()]
    assert sorted((r["title"], r["outlet"] or "") for r in rows) == [("Ferry resumes", ""), ("Talks resume in Bergen", "Fjord Post")]
    named = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder / "ids.json")])
    assert named.exit_code == 1 and "ids.json" in named.output and "neither JSON lines of articles" in named.output


def test_the_agency_of_a_dateline_is_stored_shown_and_exported(tmp_path):
    text = ("Pier to close for repairs\n\nSAN FRANCISCO (AP) — The city will close the old pier for repairs next "
            "month, officials said on Tuesday, after divers found cracks in two of its pilings.\n\n"
            "Ferries will use the northern terminal until the work is finished, the port authority said.\n")  # fmt: skip
    (tmp_path / "pier.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path / "pier.txt")]).exit_code == 0
    shown = json.loads(CliRunner().invoke(cli, ["--db", db, "show", "pier.txt", "--json"]).output)
    assert (shown["dateline"], shown["agency"]) == ("SAN FRANCISCO", "AP")
    assert shown["text"].startswith("SAN FRANCISCO (AP) — The city")  # the lead keeps its dateline
    assert "agency" in CliRunner().invoke(cli, ["--db", db, "show", "pier.txt"]).output
    CliRunner().invoke(cli, ["--db", db, "export", "articles", "--out", str(tmp_path / "a.jsonl")])
    assert json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8"))["agency"] == "AP"
    again = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path / "pier.txt"), "--json"])
    assert json.loads(again.output)["unchanged"] == 1  # idempotent with the new column
