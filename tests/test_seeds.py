"""Issue 2, done-when 1: the reference articles in ../shared/seeds, ingested and shown through the
CLI, meet every check of the 'articles' section of expected.json."""

import json

import pytest
from click.testing import CliRunner

from helpers import shared_path
from storyline.faces.cli.commands import cli


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    folder = shared_path("seeds")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(folder / "articles")])
    assert result.exit_code == 0, result.output

    def show(name):
        out = CliRunner().invoke(cli, ["--db", str(db), "show", name, "--json"])
        assert out.exit_code == 0, out.output
        return json.loads(out.output)

    return expected, show


SEED_NAMES = ["000_8a2fb638bc8d5522.txt", "003_efbc69b41dbf4251.txt"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_article_matches_expected(seeds, name):
    expected, show = seeds
    want = expected["articles"][name]
    got = show(name)
    assert got["title"] == want["title"]
    assert got["dateline"] == want["dateline"]
    assert got["outlet"] == want["outlet"]
    for phrase in want["body_contains"]:
        assert phrase in got["text"], f"missing from the body: {phrase!r}"
    for phrase in want["body_excludes"]:
        assert phrase not in got["text"], f"boilerplate left in the body: {phrase!r}"
    headings = [s["heading"] for s in got["sections"] if s["heading"]]
    for heading in want.get("section_headings", []):
        assert heading in headings
        # the heading is its own block, not the end of the sentence the scraper glued it to
        assert not any(heading in got["text"][p["start"]:p["end"]] for p in got["paragraphs"] if p["kind"] == "body")
    assert got["published"] is None, "the seeds carry no date: none may be invented"
    assert got["language"] == "en"
    assert got["removed"] or name.startswith("003"), "what was cut is kept for audit"


def test_boilerplate_removed_from_000_is_listed_with_reasons(seeds):
    _, show = seeds
    removed = show(SEED_NAMES[0])["removed"]
    texts = " ".join(r["text"] for r in removed)
    assert "LEAVE A REPLY" in texts and "Related" in texts
    assert all(r["reason"] for r in removed)


def test_published_dates_from_the_metadata_are_used(tmp_path):
    folder = shared_path("seeds")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    db = tmp_path / "dated.duckdb"
    for name, meta in expected["metadata"].items():
        result = CliRunner().invoke(
            cli, ["--db", str(db), "ingest", str(folder / "articles" / name), "--published", meta["published"]]
        )
        assert result.exit_code == 0, result.output
    for name, meta in expected["metadata"].items():
        got = json.loads(CliRunner().invoke(cli, ["--db", str(db), "show", name, "--json"]).output)
        assert (got["published"], got["published_from"]) == (meta["published"], "user")
