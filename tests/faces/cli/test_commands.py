"""The storyline command, driven in-process with click's runner."""

import json

import pytest
from click.testing import CliRunner

from storyline.faces.cli.commands import cli

ARTICLE = (
    "---\ntitle: Ferry service resumes\noutlet: Lake Courier\npublished: 2025-03-04\n---\n"
    "The ferry between the two lakeside towns resumed service on Monday after a three-week "
    "suspension, the operator said, following repairs to the northern pier.\n\n"
    "Passengers had been forced to take a two-hour detour by road while divers inspected the "
    "pilings, according to the regional transport office.\n"
)


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "cli.duckdb"

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)

    return invoke


def test_ingest_then_list_and_show(tmp_path, run):
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("ingest", str(tmp_path / "ferry.txt"))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output

    listing = run("articles", "--json")
    rows = [json.loads(line) for line in listing.output.splitlines()]
    assert [(r["name"], r["outlet"], r["published"]) for r in rows] == [("ferry.txt", "Lake Courier", "2025-03-04")]

    shown = json.loads(run("show", "ferry.txt", "--json").output)
    for key in ("id", "title", "text", "dateline", "outlet", "published", "language", "sections", "removed"):
        assert key in shown
    assert shown["title"] == "Ferry service resumes" and shown["language"] == "en"
    assert run("show", rows[0]["id"], "--json").output == run("show", "ferry.txt", "--json").output
    assert run("show", "ferry.txt", "--raw").output.encode() == ARTICLE.encode()
    assert "Ferry service resumes" in run("show", "ferry.txt").output


def test_ingest_json_report_and_idempotent_rerun(tmp_path, run):
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    first = json.loads(run("ingest", str(tmp_path), "--json").output)
    second = json.loads(run("ingest", str(tmp_path), "--json").output)
    assert (first["new"], second["new"], second["unchanged"], second["articles_in_store"]) == (1, 0, 1, 1)


def test_stdin_is_read_with_the_given_published_date(run):
    result = run("ingest", "-", "--published", "2025-03-09", "--json", input=ARTICLE.split("---\n")[2])
    assert json.loads(result.output)["new"] == 1
    listing = [json.loads(line) for line in run("articles", "--json").output.splitlines()]
    assert listing[0]["published"] == "2025-03-09"


def test_failed_inputs_give_exit_code_1_and_name_the_file(tmp_path, run):
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.duckdb"), "ingest", str(tmp_path)])
    assert result.exit_code == 1
    assert "blank.txt" in result.output and "1 new" in result.output


def test_a_bad_published_date_is_a_usage_error(tmp_path, run):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.duckdb"), "ingest", "x.txt", "--published", "soon"])
    assert result.exit_code == 2 and "'soon' is not a date" in result.output


def test_missing_path_is_reported(tmp_path, run):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.duckdb"), "ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.output


def test_show_unknown_article_and_listing_without_a_store_are_clear_errors(tmp_path, run):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.duckdb"), "articles"])
    assert result.exit_code == 1 and "no store at" in result.output
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    run("ingest", str(tmp_path / "ferry.txt"))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "cli.duckdb"), "show", "ghost.txt"])
    assert result.exit_code == 1 and "no article 'ghost.txt'" in result.output


def test_unknown_setting_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["--set", "colour=blue", "articles"])
    assert result.exit_code == 2 and "unknown setting 'colour'" in result.output


def test_settings_lists_every_setting():
    from storyline.config import SETTINGS

    rows = [json.loads(line) for line in CliRunner().invoke(cli, ["settings", "--json"]).output.splitlines()]
    assert [r["name"] for r in rows] == list(SETTINGS)


def test_stories_story_why_entities_and_quotes(tmp_path, run):
    (tmp_path / "ferry.txt").write_text(ARTICLE + '\n"We are glad to be back," said Captain Mara Lindqvist of the ferry line.\n',
                                        encoding="utf-8")
    assert run("ingest", str(tmp_path / "ferry.txt")).exit_code == 0
    stories = [json.loads(line) for line in run("stories", "--json").output.splitlines()]
    assert [(s["articles"], s["title"]) for s in stories] == [(1, "Ferry service resumes")]
    story = json.loads(run("story", stories[0]["id"], "--json").output)
    assert [a["name"] for a in story["articles_list"]] == ["ferry.txt"]
    why = run("why", "ferry.txt")
    assert f"is in story {stories[0]['id']}" in why.output and "started a new story" in why.output
    people = [json.loads(line) for line in run("entities", "--label", "person", "--json").output.splitlines()]
    assert "Mara Lindqvist" in {p["name"] for p in people}
    quotes = [json.loads(line) for line in run("quotes", "--speaker", "Mara Lindqvist", "--json").output.splitlines()]
    assert quotes and "glad to be back" in quotes[0]["text"]
    missing = CliRunner().invoke(cli, ["--db", str(tmp_path / "cli.duckdb"), "story", "s000000000000"])
    assert missing.exit_code == 1 and "no story 's000000000000'" in missing.output


# -- storylines: over the sample corpus, whose quake and fisheries threads each hold several stories


def threads(sample) -> list[dict]:
    """The sample's storylines of more than one story."""
    rows = [json.loads(line) for line in sample("storylines", "--json").output.splitlines()]
    return [r for r in rows if r["stories"] > 1]


def test_storylines_lists_threads_and_filters_them(sample):
    rows = [json.loads(line) for line in sample("storylines", "--json").output.splitlines()]
    assert threads(sample), "the sample corpus forms storylines of several stories"
    assert [r["last_seen"] for r in rows] == sorted((r["last_seen"] for r in rows), reverse=True)
    for r in rows:
        assert r["id"].startswith("l") and r["title"] and r["articles"] >= r["stories"] >= 1
    quake = [json.loads(line) for line in sample("storylines", "--q", "quake", "--json").output.splitlines()]
    assert quake and all("quake" in r["title"].lower() or r["stories"] > 1 for r in quake)
    assert len(quake) < len(rows)
    day = rows[1]["last_seen"]
    since = [json.loads(line) for line in sample("storylines", "--since", day, "--json").output.splitlines()]
    assert since and all(r["last_seen"] >= day for r in since) and len(since) < len(rows)
    table = sample("storylines", "--limit", "2")
    assert table.exit_code == 0 and "2 storylines" in table.output and rows[0]["id"] in table.output


def test_storyline_shows_its_stories_in_time_order(sample):
    thread = threads(sample)[0]
    shown = json.loads(sample("storyline", thread["id"], "--json").output)
    stories = shown["stories_list"]
    assert len(stories) == thread["stories"] and sum(s["articles"] for s in stories) == thread["articles"]
    dated = [s["first_seen"] for s in stories if s["first_seen"]]
    assert dated == sorted(dated) and "updates" in shown and "chains" in shown
    text = sample("storyline", thread["id"]).output
    assert thread["title"] in text
    positions = [text.index(s["id"]) for s in stories]
    assert positions == sorted(positions), "the stories are printed in time order"
    assert all(o in text for o in stories[0]["outlets"]) and "updates across stories" in text


def test_why_and_why_story_explain_the_storyline_link(sample):
    thread = threads(sample)[0]
    later = json.loads(sample("storyline", thread["id"], "--json").output)["stories_list"][1]
    found = json.loads(sample("why-story", later["id"], "--json").output)
    assert (found["story"], found["storyline"]) == (later["id"], thread["id"])
    assert found["decision"]["decision"] == "joined" and found["decision"]["best"]["storyline"] == thread["id"]
    from storyline.storylines import StorylineConfig

    assert found["thresholds"]["join"] == StorylineConfig().join_threshold
    assert found["decision"]["best"]["score"] >= found["thresholds"]["join"]
    text = sample("why-story", later["id"]).output
    assert f"story {later['id']} is in storyline {thread['id']}" in text
    assert f"join threshold {StorylineConfig().join_threshold:.2f}" in text and "shared terms:" in text

    article = json.loads(sample("story", later["id"], "--json").output)["articles_list"][0]["id"]
    why = sample("why", article).output
    assert f"is in story {later['id']}" in why, "the story part stays"
    assert f"story {later['id']} is in storyline {thread['id']}" in why and "joined storyline" in why
    assert json.loads(sample("why", article, "--json").output)["storyline_decision"]["storyline"] == thread["id"]


def test_unknown_storyline_or_story_is_one_clear_error(sample):
    for args, message in ((("storyline", "l000000000000"), "no storyline 'l000000000000'"),
                          (("why-story", "s000000000000"), "no story 's000000000000'")):  # fmt: skip
        result = sample(*args)
        assert result.exit_code == 1 and message in result.output
        assert "Traceback" not in result.output


def test_demo_ingests_the_sample_and_shows_its_stories_and_storylines(run):
    from storyline.sample import load_truth

    shown = run("demo")
    assert shown.exit_code == 0, shown.output
    assert "\nStories" in shown.output and "\nStorylines" in shown.output
    summary = json.loads(run("demo", "--json").output)  # a second run stores nothing new
    assert summary["ingest"]["new"] == 0 and summary["ingest"]["failed"] == 0
    written = {s["storyline"] for s in load_truth()["stories"].values()}
    assert len(summary["storylines"]) == len(written)
    assert sum(line["stories"] for line in summary["storylines"]) == len(summary["stories"])
