"""Issue 24, done-when 1: a folder of good articles mixed with inputs that used to abort a whole
run (each built here) ingests to the end: every good article stored and placed in a story, each
bad input named in one line, exit code 1, no traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyline.faces.cli.commands import cli
from storyline.store import Store

pytestmark = pytest.mark.slow

STORY = ("Dockworkers at the port of Velstad walked out on Monday after talks on pay broke down. The union "
         "wants a seven percent rise; the terminal operators have offered three and a half percent.")  # fmt: skip


def _feed(declaration: bytes, title: bytes, slug: bytes) -> bytes:
    body = b"".join(b"<p>" + STORY.encode() + b" Paragraph %d.</p>" % i for i in range(4))
    item = (b"<item><title>" + title + b"</title><link>http://velstad.example/" + slug + b"</link>"
            b"<content:encoded><![CDATA[" + body + b"]]></content:encoded></item>")  # fmt: skip
    return (declaration + b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            b"<channel><title>Velstad Wire</title>" + item + b"</channel></rss>")  # fmt: skip


BAD = {
    "huge.txt": ("Headline\n\n" + " ".join(f"Crane {i} stood idle at berth {i % 97}." for i in range(40_000))).encode(),
    "deep.jsonl": ('{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n").encode(),
    "deepside.txt": STORY.encode(),  # its sidecar (deepside.json) is nested 100,000 deep
    "feb30.md": ("---\ntitle: Bad day\npublished: 2025-02-30\n---\n\n" + STORY).encode(),
    "year0.md": ("---\ntitle: Year zero\npublished: 0000-01-01\n---\n\n" + STORY).encode(),
}
GOOD_TOO = {  # inputs that used to crash and now give their article
    "surrogate.jsonl": (json.dumps({"id": "sur", "title": "Strike", "text": STORY})[:-1].replace("Monday", "Monday \\udc00")
                        + "}\n").encode(),  # fmt: skip
    "reference.xml": _feed(b'<?xml version="1.0" encoding="utf-8"?>', b"Strike &#xD800; in Velstad", b"a"),
    "label.xml": _feed(b'<?xml version="1.0" encoding="utf\xe9-8"?>', b"Strike in Velstad", b"b"),
    "twice.jsonl": "".join(json.dumps({"id": "same", "title": "Strike", "text": STORY + tail}) + "\n"
                           for tail in ("", " Talks resume on Friday.")).encode(),  # fmt: skip
}


def test_every_good_article_is_stored_and_placed_and_each_bad_input_named_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"good{i}.txt").write_text(f"Good story {i}\n\n{STORY} Day {i}.\n", encoding="utf-8")
    for name, data in {**BAD, **GOOD_TOO}.items():
        (folder / name).write_bytes(data)
    (folder / "deepside.json").write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    for name in BAD:
        named = [line for line in errors if (name if name != "deepside.txt" else "deepside.json") in line]
        assert len(named) == 1, (name, errors)
    assert len(errors) == len(BAD), errors
    store = Store(db, read_only=True)
    try:
        names = {a["name"] for a in store.articles()}
        assert {"good0.txt", "good1.txt", "good2.txt", "sur", "same"} <= names
        assert {"http://velstad.example/a", "http://velstad.example/b"} <= names
        unplaced = store.query("SELECT count(*) AS n FROM articles WHERE id NOT IN (SELECT article_id FROM story_assignments)")
        assert unplaced[0]["n"] == 0
        (sur,) = [a for a in store.articles() if a["name"] == "sur"]
        assert "\ufffd" in store.get_article(sur["id"]).text
    finally:
        store.close()


@pytest.fixture
def choking_quotes(monkeypatch):
    """The quotes stage, raising on an article with the word "poison" in it."""
    from storyline.quotes import stage as quotes_stage

    real = quotes_stage.find_quotes

    def choking(article, doc):
        if "poison" in article.text:
            raise ValueError("a parse this stage cannot read")
        return real(article, doc)

    monkeypatch.setattr(quotes_stage, "find_quotes", choking)


def test_an_article_a_stage_chokes_on_is_named_and_the_batch_goes_on(tmp_path, choking_quotes):
    from storyline.pipeline import ingest

    for i, extra in enumerate(("", " poison", "")):
        (tmp_path / f"a{i}.txt").write_text(f"Story {i}\n\n{STORY}{extra}\n", encoding="utf-8")
    store = Store(":memory:")
    report = ingest([str(tmp_path)], store)
    assert report.new == 2 and len(report.errors) == 1
    assert "a1.txt" in str(report.errors[0]) and "ValueError" in str(report.errors[0])


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs resource limits (POSIX)")
def test_with_128_file_handles_500_failing_inputs_leave_room_for_the_good_ones(tmp_path):
    """Issue 24, done-when 4: a failed input's file used to stay open (its error's traceback
    held it) until the run ended."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    kinds = [(".txt", b""), (".txt", b"\x00\x01binary\x00"), (".jsonl", b'{"id": "x", "text": \n'),
             (".md", b"---\ntitle: [\n---\nbody\n"), (".txt.gz", b"\x1f\x8b broken gzip")]  # fmt: skip
    for i in range(500):
        ext, data = kinds[i % len(kinds)]
        (folder / f"bad{i:03d}{ext}").write_bytes(data)
    for i in range(5):
        (folder / f"zgood{i}.txt").write_text(f"Good {i}\n\n{STORY} Number {i}.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128)); "
              "from storyline.faces.cli.commands import cli; sys.argv = ['storyline', '--db', sys.argv[1], 'ingest', sys.argv[2]]; cli()")  # fmt: skip
    run = subprocess.run([sys.executable, "-c", script, str(db), str(folder)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Too many open files" not in run.stdout + run.stderr
    assert "5 new" in run.stdout and "500 failed" in run.stdout, run.stdout


def test_names_encodings_and_feeds_that_used_to_be_refused(tmp_path):
    """Issue 24, finding 7: a file name that is not UTF-8, UTF-16 without a byte-order mark, a
    feed with an internal DTD subset; and a name's control characters never reach the terminal."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9 strike.txt"), "wb") as f:
        f.write(f"Strike\n\n{STORY}\n".encode())
    (folder / "wide.txt").write_bytes(f"Wide strike\n\n{STORY} Wide.\n".encode("utf-16-le"))
    dtd = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY wire "Velstad Wire">]>'
           + _feed(b"", b"Strike by the &wire;", b"dtd")[len(b""):])  # fmt: skip
    (folder / "dtd.xml").write_bytes(dtd)
    (folder / "evil\x1b[31mred.txt").write_bytes(b"")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(folder)])
    assert result.exit_code == 1, result.output  # the empty file
    assert "\x1b" not in result.output and "evil\\x1b[31mred.txt" in result.output
    store = Store(db, read_only=True)
    try:
        names = {a["name"] for a in store.articles()}
    finally:
        store.close()
    assert {"caf\\xe9 strike.txt", "wide.txt", "http://velstad.example/dtd"} <= names, names


def test_a_spark_task_gives_the_article_a_stage_chokes_on_as_its_failure(choking_quotes):
    from helpers import make_article
    from storyline.config import Settings
    from storyline.spark import tasks

    rows = [(0, i, make_article(f"a{i}.txt", text=STORY + extra)) for i, extra in enumerate(("", " poison", ""))]
    out = list(tasks.analyse_partition(rows, dict(Settings(environ={}).items())))
    assert [pos for _, pos, _ in out] == [0, 1, 2]
    failure = out[1][2]
    assert isinstance(failure, tasks.Failure) and failure.stage == "understand" and "ValueError" in failure.message
    assert all(not isinstance(item, tasks.Failure) for _, pos, item in out if pos != 1)
