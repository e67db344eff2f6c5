"""Progress on a terminal (items done, rate, time left when the total is known) and nothing at
all when stderr is not a terminal or the command was asked for --json."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rich.console import Console

from storyline.faces.cli import terminal
from storyline.faces.cli.commands import cli

ARTICLE = (
    "---\ntitle: Ferry service resumes\noutlet: Lake Courier\npublished: 2025-03-04\n---\n"
    "The ferry between the two lakeside towns resumed service on Monday after a three-week "
    "suspension, the operator said, following repairs to the northern pier.\n"
)
CLUSTERS = [
    {"id": f"a{i}", "cluster": f"c{i % 2}", "title": f"Ferry service resumes {i}", "date": "2025-03-04",
     "text": "The ferry between the two lakeside towns resumed service after repairs to the northern pier."}
    for i in range(4)
]  # fmt: skip
BAR = "━"  # rich's bar; a spinner, a carriage return or an escape would also mark live progress


@pytest.fixture
def terminal_err(monkeypatch):
    """stderr as a terminal 100 columns wide, its output kept."""
    buffer = io.StringIO()
    monkeypatch.setattr(terminal, "err", Console(file=buffer, force_terminal=True, width=100, highlight=False))
    return buffer


def test_on_a_terminal_it_shows_items_done_rate_and_time_left(terminal_err):
    with terminal.progress("scoring", total=10) as advance:
        advance(3)
        advance(1, 10)
    shown = terminal_err.getvalue()
    assert "scoring" in shown and "4/10" in shown and BAR in shown
    assert "/s" in shown and " left" in shown


def test_without_a_total_it_shows_items_and_rate_but_no_time_left(terminal_err):
    with terminal.progress("ingesting") as advance:
        advance(5)
    shown = terminal_err.getvalue()
    assert "5/?" in shown and "/s" in shown and " left" not in shown


def test_quiet_progress_writes_nothing_even_on_a_terminal(terminal_err):
    with terminal.progress("ingesting", total=3, quiet=True) as advance:
        advance(3)
    assert terminal_err.getvalue() == ""


def test_ingest_shows_progress_on_a_terminal_with_its_total_and_none_with_json(tmp_path, terminal_err):
    (tmp_path / "in").mkdir()
    for i in range(2):
        (tmp_path / "in" / f"ferry-{i}.txt").write_text(ARTICLE.replace("resumes", f"resumes {i}"), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    plain = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path / "in")], catch_exceptions=False)
    assert plain.exit_code == 0, plain.output
    assert "ingesting" in terminal_err.getvalue() and "2/2" in terminal_err.getvalue()
    terminal_err.seek(0)
    terminal_err.truncate()
    quiet = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path / "in"), "--json"], catch_exceptions=False)
    assert json.loads(quiet.output)["unchanged"] == 2
    assert terminal_err.getvalue() == ""


def test_eval_and_export_show_progress_on_a_terminal(tmp_path, terminal_err):
    path = tmp_path / "clusters.json"
    path.write_text(json.dumps(CLUSTERS), encoding="utf-8")
    scored = CliRunner().invoke(cli, ["eval", "clustering", str(path)], catch_exceptions=False)
    assert scored.exit_code == 0 and "clustering story pairwise-F1" in scored.output
    assert "clustering articles" in terminal_err.getvalue() and "4/4" in terminal_err.getvalue()
    db = tmp_path / "s.duckdb"
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(cli, ["--db", str(db), "ingest", str(tmp_path / "ferry.txt")]).exit_code == 0
    terminal_err.seek(0)
    terminal_err.truncate()
    exported = CliRunner().invoke(cli, ["--db", str(db), "export", "events", "--out", str(tmp_path / "e.jsonl")],
                                  catch_exceptions=False)  # fmt: skip
    assert exported.exit_code == 0 and "wrote" in exported.output
    assert "reading the events' articles" in terminal_err.getvalue()


def _run_piped(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    command = [sys.executable, "-m", "storyline.faces.cli", *args]
    return subprocess.run(command, capture_output=True, cwd=cwd, env=env, timeout=120, check=False)


def test_piped_commands_write_no_progress_characters(tmp_path):
    """The CLI run for real with stdout and stderr captured (pipes, not a terminal): stderr
    holds no progress at all, not even a cleared line."""
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "clusters.json").write_text(json.dumps(CLUSTERS), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    ingest = _run_piped("--db", db, "ingest", "ferry.txt", cwd=tmp_path)
    scored = _run_piped("eval", "clustering", "clusters.json", cwd=tmp_path)
    exported = _run_piped("--db", db, "export", "events", "--out", "e.jsonl", cwd=tmp_path)
    for done in (ingest, scored, exported):
        assert done.returncode == 0, done.stderr.decode()
        assert done.stderr == b"", done.stderr.decode()
        assert b"\r" not in done.stdout and b"\x1b" not in done.stdout and BAR.encode() not in done.stdout
    assert b"1 new" in ingest.stdout and b"pairwise-F1" in scored.stdout


def test_expected_documents_counts_files_and_jsonl_lines_and_gives_up_on_the_rest(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("one", encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<p>two</p>", encoding="utf-8")
    (folder / "a.json").write_text("{}", encoding="utf-8")  # a.txt's sidecar: not a document
    (folder / "c.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n  \n{"id": 3}', encoding="utf-8")
    assert terminal.expected_documents([str(folder)]) == 1 + 1 + 3
    assert terminal.expected_documents([str(folder), str(tmp_path / "absent.txt")]) == 6  # one failed input
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    (tmp_path / "d.jsonl.gz").write_bytes(b"")
    for unknown in ("https://example.org/feed.xml", "-", str(tmp_path / "feed.rss"), str(tmp_path / "d.jsonl.gz")):
        assert terminal.expected_documents([str(folder), unknown]) is None, unknown
