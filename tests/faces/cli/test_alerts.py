"""`storyline alert add|list|remove|run` and the line `storyline ingest` prints about alerts,
driven in-process with click's runner over a store file."""

import json

import pytest
from click.testing import CliRunner

from storyline.faces.cli.commands import cli

OLD = {"id": "o1", "title": "Floods hit Jakarta", "outlet": "Reuters", "published": "2026-03-03",
       "text": "Heavy rain flooded parts of Jakarta, Indonesia, on Tuesday after a week of storms over the city."}
NEW = {"id": "n1", "title": "Zürich museum reopens", "outlet": "AFP", "published": "2026-03-06",
       "text": "The Kunsthaus in Zürich reopened on Friday after renovation works lasting two years."}


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "s.duckdb"

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(db), "--set", "alert_retries=0", "--set", "nlp_processes=1", *args])

    return invoke


def _jsonl(tmp_path, article) -> str:
    path = tmp_path / f"{article['id']}.jsonl"
    path.write_text(json.dumps(article) + "\n")
    return str(path)


def test_add_list_run_remove(tmp_path, run):
    assert run("ingest", _jsonl(tmp_path, OLD)).exit_code == 0
    target = tmp_path / "out.jsonl"
    added = run("alert", "add", "floods", "--query", "floods", "--to", str(target))
    assert added.exit_code == 0, added.output
    assert "1 story match today; new ones will be delivered" in added.output
    assert run("alert", "add", "art", "--query", "kunsthaus", "--outlet", "AFP", "--to", str(target)).exit_code == 0
    ingested = run("ingest", _jsonl(tmp_path, NEW))
    assert ingested.exit_code == 0 and "alerts: 1 delivered, 0 pending" in ingested.output
    [line] = target.read_text().splitlines()
    assert json.loads(line)["alert"] == "art" and json.loads(line)["facts"]["outlet"] == "AFP"
    rows = {r["name"]: r for r in map(json.loads, run("alert", "list", "--json").output.splitlines())}
    assert rows["art"]["delivered"] == 1 and rows["floods"]["delivered"] == 0
    assert rows["art"]["criteria"] == {"query": "kunsthaus", "outlet": "AFP"}
    assert json.loads(run("alert", "run", "--json").output)["delivered"] == 0
    assert run("alert", "remove", "floods").exit_code == 0
    assert [json.loads(r)["name"] for r in run("alert", "list", "--json").output.splitlines()] == ["art"]


def test_bad_criteria_are_one_line_errors(tmp_path, run):
    bad = run("alert", "add", "x", "--event-type", "riot", "--to", str(tmp_path / "o.jsonl"))
    assert bad.exit_code != 0 and "unknown event type 'riot'; known: AGREE" in bad.output
    none = run("alert", "add", "x", "--to", str(tmp_path / "o.jsonl"))
    assert none.exit_code != 0 and "has no criteria" in none.output
    assert run("alert", "remove", "nope").exit_code != 0


def test_a_failing_webhook_never_fails_the_ingest_but_fails_alert_run(tmp_path, run, closed_port_url):
    assert run("ingest", _jsonl(tmp_path, OLD)).exit_code == 0
    assert run("alert", "add", "hook", "--query", "zurich", "--to", closed_port_url).exit_code == 0
    ingested = run("ingest", _jsonl(tmp_path, NEW))
    assert ingested.exit_code == 0 and "alerts: 0 delivered, 1 pending" in ingested.output
    again = run("alert", "run")
    assert again.exit_code == 1 and f"alert 'hook' to '{closed_port_url}'" in again.output
    [row] = map(json.loads, run("alert", "list", "--json").output.splitlines())
    assert row["pending"] == 1 and closed_port_url in row["last_error"]
