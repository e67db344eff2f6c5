"""Issue 3, done-when 1, end to end: the seeds ingested through the CLI (with the publication
dates a user would pass) give every entity, absent entity, date and quote of expected.json,
read back from the store through `storyline entities / quotes / show --json`."""

import json

import pytest
from click.testing import CliRunner

from helpers import shared_path
from storyline.faces.cli.commands import cli

pytestmark = pytest.mark.slow


def short(name: str) -> str:
    return name.split("_")[0]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    folder = shared_path("seeds")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.duckdb")
    for name, meta in expected["metadata"].items():
        result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder / "articles" / name),
                                          "--published", meta["published"]])
        assert result.exit_code == 0, result.output

    def run(*args):
        result = CliRunner().invoke(cli, ["--db", db, *args])
        assert result.exit_code == 0, result.output
        return result.output

    shown = {short(n): json.loads(run("show", n, "--json")) for n in expected["metadata"]}
    entities = [json.loads(line) for line in run("entities", "--json").splitlines()]
    quotes = [json.loads(line) for line in run("quotes", "--json").splitlines()]
    return expected, shown, entities, quotes


def test_every_expected_entity_with_type_title_country_and_articles(seeds):
    expected, shown, entities, _ = seeds
    for want in expected["entities"]:
        matches = [e for e in entities if e["name"] == want["name"]]
        assert len(matches) == 1, f"{want['name']}: {[e['name'] for e in entities]}"
        got = matches[0]
        allowed = {"PLACE", "ORG"} if want["type"] == "PLACE_OR_ORG" else {want["type"]}
        assert got["label"] in allowed, (want["name"], got["label"])
        assert got["country"] == want["country"], (want["name"], got["country"])
        if "title_contains" in want:
            assert any(want["title_contains"] in t for t in got["titles"]), (want["name"], got["titles"])
        for alias in want.get("aliases_seen", []):
            assert alias in got["aliases"], (want["name"], got["aliases"])
        found_in = {a for a, article in shown.items() if any(e["key"] == got["key"] for e in article["entities"])}
        assert found_in == set(want["in"]), (want["name"], found_in)


def test_no_entity_from_teasers_or_the_glued_heading(seeds):
    expected, shown, _, _ = seeds
    mentioned = {m["text"] for article in shown.values() for m in article["mentions"]}
    for absent in expected["entities_absent"]:
        assert not any(absent in text or text in absent for text in mentioned if len(text) > 3), absent


def test_every_expected_date_with_its_value(seeds):
    expected, shown, _, _ = seeds
    for want in expected["dates"]:
        values = {(d["text"], d["value"]) for d in shown[want["article"]]["dates"]}
        assert (want["text"], want["value"]) in values, (want, sorted(values))


def test_every_expected_quote_with_speaker_and_channel(seeds):
    expected, _, _, quotes = seeds
    for want in expected["quotes"]:
        found = [q for q in quotes if short(q["article"]) == want["article"]
                 and q["text"].lstrip("“\"'‘ ").startswith(want["starts"])]
        assert found, want
        assert found[0]["speaker"] == want["speaker"], (want, found[0])
        if "channel" in want:
            assert found[0]["channel"] == want["channel"], (want, found[0])


def test_without_a_publication_date_june_2_stays_partial(tmp_path):
    folder = shared_path("seeds", "articles")
    db = str(tmp_path / "undated.duckdb")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", str(folder)]).exit_code == 0
    for name in ("000_8a2fb638bc8d5522.txt", "003_efbc69b41dbf4251.txt"):
        dates = json.loads(CliRunner().invoke(cli, ["--db", db, "show", name, "--json"]).output)["dates"]
        june = [d["value"] for d in dates if d["text"] == "June 2"]
        assert june and set(june) == {"XXXX-06-02"}, june
        assert not any(d["value"].startswith("2025") for d in dates), "no year may be invented"


def test_compare_and_timeline_through_the_cli(tmp_path):
    """Issue 6 through the CLI: the seeds' story shows the Trump title conflict with both
    sentences, and the timeline lists March 2022, May 16, May 19 and June 2 in order."""
    folder = shared_path("seeds")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    db = str(tmp_path / "compare.duckdb")
    for name, meta in expected["metadata"].items():
        CliRunner().invoke(cli, ["--db", db, "ingest", str(folder / "articles" / name), "--published", meta["published"]])
    (story,) = [json.loads(line) for line in CliRunner().invoke(cli, ["--db", db, "stories", "--json"]).output.splitlines()]
    comparison = json.loads(CliRunner().invoke(cli, ["--db", db, "compare", story["id"], "--json"]).output)
    conflicts = [v for v in comparison["verdicts"] if v["verdict"] == "conflict"]
    want = expected["comparison"]["conflicts"][0]
    trump = [v for v in conflicts if "donald-trump" in v["about"]]
    assert trump, conflicts
    values = {v["value"]: {s["article"] for s in v["sources"]} for v in trump[0]["values"]}
    assert set(want["values"].values()) <= set(values), values
    timeline = [json.loads(line) for line in CliRunner().invoke(cli, ["--db", db, "timeline", story["id"], "--json"]).output.splitlines()]
    dates = [t["date"] for t in timeline]
    wanted = ["2022-03", "2025-05-16", "2025-05-19", "2025-06-02"]
    assert all(d in dates for d in wanted), dates
    assert [dates.index(d) for d in wanted] == sorted(dates.index(d) for d in wanted)
    assert next(t for t in timeline if t["date"] == "2022-03")["precision"] == "month"
    usage = CliRunner().invoke(cli, ["--db", db, "timeline"])
    assert usage.exit_code == 2 and "STORY_ID or --actor" in usage.output


def test_events_both_outlets_report_are_one_linked_event_with_two_sources(seeds, tmp_path):
    """Issue 4, done-when 1: the June 2 proposal and the May 16 meeting, reported by both
    seeds, come out of `storyline events` as one event each with two sources."""
    expected = seeds[0]
    both = [e for e in expected["events"] if set(e["in"]) == {"000", "003"}]
    assert both
    folder = shared_path("seeds")
    db = str(tmp_path / "events.duckdb")
    for name, meta in expected["metadata"].items():
        CliRunner().invoke(cli, ["--db", db, "ingest", str(folder / "articles" / name), "--published", meta["published"]])
    linked = [json.loads(line) for line in CliRunner().invoke(cli, ["--db", db, "events", "--json"]).output.splitlines()]
    for want in both:
        found = [e for e in linked if e["type"] == want["type"] and e["date"] == want["when"]
                 and e["place_name"] == want["where"] and want["source_country"] in e["source_countries"]]
        assert found, (want["what"], [(e["type"], e["date"], e["place_name"]) for e in linked])
        assert max(e["num_sources"] for e in found) == 2, (want["what"], found)
