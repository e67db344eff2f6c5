"""A summary-only feed ingested end to end (`storyline ingest URL`, a real store): entries take
their linked pages; pages that cannot be had leave summary-only articles, told as `note` lines
with exit code 0; a later poll where the pages answer replaces them (same ids, an update)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import Route
from storyline.faces.cli import cli
from storyline.store import Store

BODY = ("The harbour authority confirmed on Monday that the new ferry terminal at Westport will open "
        "in May, after two years of building work and a long dispute over its cost. ") * 6  # fmt: skip


def feed(server) -> bytes:
    items = "".join(
        f"<item><title>Terminal story {i}</title><link>{server.url(f'/a/{i}')}</link><guid>t-{i}</guid>"
        f"<author>desk@example.org (Port Desk)</author><pubDate>Tue, 0{i} Mar 2024 10:00:00 +0000</pubDate>"
        f"<description>Summary {i}: the terminal opens in May.</description></item>"
        for i in (1, 2)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coast Daily</title>'
            f"<language>en</language>{items}</channel></rss>").encode()  # fmt: skip


def full_page(i: int) -> bytes:
    return (f"<html><head><title>Page {i}</title></head><body><article><h1>Terminal story {i}</h1>"
            f"<p>Full page {i}. {BODY}</p><p>{BODY}</p></article></body></html>").encode()  # fmt: skip


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), "--set", "feed_min_interval=0", "--set", "nlp_processes=1",
                                    *args], catch_exceptions=False)  # fmt: skip


def served(db, article_id: str) -> tuple[str, list[dict]]:
    """The web page of one article, and the API's article listing."""
    import warnings

    from storyline.config import Settings
    from storyline.faces.api.app import create_app

    with warnings.catch_warnings():  # starlette would rather have httpx2 under its TestClient
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(Settings({"db": str(db)}, environ={}))) as client:
        return client.get(f"/articles/{article_id}").text, client.get("/api/articles").json()["items"]


def stored(db) -> dict:
    with Store(str(db)) as store:
        return {a["url"]: store.get_article(a["id"]) for a in store.articles()}


def test_summary_only_articles_then_the_pages_replace_them(http_server, tmp_path):
    db = tmp_path / "s.duckdb"
    http_server.routes["/feed.xml"] = Route(feed(http_server))  # no validators: each poll reads it whole
    url = http_server.url("/feed.xml")

    first = run(db, "ingest", url)  # the pages answer 404
    assert first.exit_code == 0, first.output
    notes = [line for line in first.stderr.splitlines() if line.startswith("note ")]
    assert len(notes) == 2 and all("HTTP 404" in n and "summary-only" in n for n in notes), first.stderr
    assert "error" not in first.stderr
    before = stored(db)
    assert sorted(before) == [http_server.url("/a/1"), http_server.url("/a/2")]
    one = before[http_server.url("/a/1")]
    assert one.summary_only and one.text == "Summary 1: the terminal opens in May."
    assert (one.title, one.outlet, one.published) == ("Terminal story 1", "Coast Daily", "2024-03-01")
    shown = json.loads(run(db, "show", one.id, "--json").output)
    assert shown["summary_only"] is True
    assert "summary only" in run(db, "show", one.id).output
    listed = [json.loads(line) for line in run(db, "articles", "--json").output.splitlines()]
    assert [row["summary_only"] for row in listed] == [True, True]
    web_page, api_rows = served(db, one.id)
    assert "summary only:</strong> the page could not be fetched" in web_page
    assert [row["summary_only"] for row in api_rows] == [True, True]

    for i in (1, 2):
        http_server.routes[f"/a/{i}"] = Route(full_page(i), content_type="text/html; charset=utf-8")
    second = run(db, "ingest", url, "--json")
    assert second.exit_code == 0, second.output
    report = json.loads(second.output)
    assert (report["new"], report["updated"], report["notices"]) == (0, 2, [])
    after = stored(db)
    assert {a.id for a in after.values()} == {a.id for a in before.values()}  # the same articles, replaced
    one = after[http_server.url("/a/1")]
    assert not one.summary_only and "Full page 1." in one.text and len(one.text) > 1000
    assert "summary only" not in served(db, one.id)[0]
    assert (one.title, one.outlet, one.published) == ("Terminal story 1", "Coast Daily", "2024-03-01")


def test_no_fetch_stores_summaries_with_one_note_and_asks_for_no_page(http_server, tmp_path):
    http_server.routes["/feed.xml"] = Route(feed(http_server))
    for i in (1, 2):
        http_server.routes[f"/a/{i}"] = Route(full_page(i), content_type="text/html")
    result = run(tmp_path / "s.duckdb", "ingest", "--no-fetch", http_server.url("/feed.xml"))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note ")]
    assert notes == [f"note '{http_server.url('/feed.xml')}': 2 entries stored from their summaries: "
                     "fetching linked pages is off (--no-fetch or fetch_linked_pages)"]  # fmt: skip
    assert [path for path, _, _ in http_server.requests] == ["/feed.xml"]
    assert all(a.summary_only for a in stored(tmp_path / "s.duckdb").values())
