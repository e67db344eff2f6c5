"""The watcher against real feeds on a loopback server: an OPML of three feeds polled three
times while their content changes, through the CLI a user runs (`sources add`, `watch
--once`, `sources list`), and the schedule and backoff it keeps."""

import datetime as dt
import json
import threading

import pytest
from click.testing import CliRunner

from helpers import Route
from storyline.config import Settings
from storyline.faces.cli.commands import cli
from storyline.store import open_store
from storyline.watch import OneStore, Watcher, expand_sources

TOPICS = ["harbour wall", "ferry timetable", "school roof", "bridge repair", "tram line", "river flood defences",
          "market hall", "library hours", "bus depot"]  # fmt: skip


def item(feed: int, n: int, *, title: str | None = None) -> str:
    topic = TOPICS[(feed * 3 + n) % len(TOPICS)]
    body = (f"<p>Councillors in district {feed} voted {n} times on the {topic} this week, officials said on "
            f"Monday, after residents of ward {n * 7 + feed} asked for the work to start before winter.</p>"
            f"<p>The plan for the {topic} costs {n * 3 + feed} million, according to the council's report, "
            f"and the work is to take {n + 2} months, the district engineer told reporters.</p>") * 2
    return (f"<item><title>{title or f'District {feed} votes on the {topic}'}</title>"
            f"<link>https://feed{feed}.example/a/{n}</link><guid>f{feed}-{n}</guid>"
            f"<pubDate>Tue, {n + 4:02d} Mar 2025 10:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>")


def rss(feed: int, items: list[str], ttl: int | None = None) -> bytes:
    extra = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>District {feed} News</title>'
            f"<language>en</language>{extra}{''.join(items)}</channel></rss>").encode("utf-8")  # fmt: skip


def opml(*urls: str) -> str:
    outlines = "".join(f'<outline text="feed {i}" xmlUrl="{u}"/>' for i, u in enumerate(urls, 1))
    return (f'<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
            f'<outline text="Local">{outlines}</outline><outline text="a folder only"/></body></opml>')  # fmt: skip


@pytest.fixture
def run(tmp_path):
    db = tmp_path / "watch.duckdb"

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)

    invoke.db = str(db)
    return invoke


def test_an_opml_of_three_feeds_watched_through_three_polls(http_server, tmp_path, run):
    paths = [f"/feed{i}.xml" for i in (1, 2, 3)]
    sources = tmp_path / "subscriptions.opml"
    sources.write_text(opml(*map(http_server.url, paths)), encoding="utf-8")

    # poll 1: 3 + 2 + 2 entries
    http_server.routes[paths[0]] = Route(rss(1, [item(1, 1), item(1, 2), item(1, 3)]))
    http_server.routes[paths[1]] = Route(rss(2, [item(2, 1), item(2, 2)]))
    http_server.routes[paths[2]] = Route(rss(3, [item(3, 1), item(3, 2)]), etag='"v1"')
    added = run("sources", "add", str(sources))
    assert added.exit_code == 0 and "3 sources added" in added.output, added.output
    assert "0 sources added, 3 already watched" in run("sources", "add", str(sources)).output
    first = run("watch", "--once", "--json")
    assert first.exit_code == 0, first.output
    polls = {p["source"]: p for p in map(json.loads, first.output.splitlines())}
    assert [polls[http_server.url(p)]["stored"] for p in paths] == [3, 2, 2]

    # poll 2: feed 1 gains an entry, feed 2 is the same, feed 3 answers 304 to its ETag
    http_server.routes[paths[0]] = Route(rss(1, [item(1, 4), item(1, 3), item(1, 2), item(1, 1)]))
    second = {p["source"]: p for p in map(json.loads, run("watch", "--once", "--json").output.splitlines())}
    assert [(second[http_server.url(p)]["status"], second[http_server.url(p)]["new"]) for p in paths] == [
        ("new entries", 1), ("nothing new", 0), ("not modified", 0)]
    asked = [headers for path, headers, _ in http_server.requests if path == paths[2]]
    assert asked[-1].get("If-None-Match") == '"v1"'

    # poll 3: feed 1 drops its oldest, gains one and retitles one (same guid: not new); feed 3 changes
    http_server.routes[paths[0]] = Route(rss(1, [item(1, 5), item(1, 4), item(1, 3, title="Corrected headline"),
                                                 item(1, 2)]))  # fmt: skip
    http_server.routes[paths[1]] = Route(rss(2, [item(2, 3), item(2, 1), item(2, 2)]))
    http_server.routes[paths[2]] = Route(rss(3, [item(3, 3), item(3, 1), item(3, 2)]), etag='"v2"')
    third = {p["source"]: p for p in map(json.loads, run("watch", "--once", "--json").output.splitlines())}
    assert [third[http_server.url(p)]["new"] for p in paths] == [1, 1, 1]

    articles = [json.loads(line) for line in run("articles", "--json").output.splitlines()]
    names = sorted(a["name"] for a in articles)
    expected = sorted({f"https://feed{f}.example/a/{n}" for f, top in ((1, 5), (2, 3), (3, 3)) for n in range(1, top + 1)})
    assert names == expected  # every entry, each once

    listed = {row["url"]: row for row in map(json.loads, run("sources", "list", "--json").output.splitlines())}
    assert [(listed[http_server.url(p)]["entries_seen"], listed[http_server.url(p)]["entries_stored"],
             listed[http_server.url(p)]["polls"], listed[http_server.url(p)]["last_status"]) for p in paths] == [
        (5, 5, 3, "new entries"), (3, 3, 3, "new entries"), (3, 3, 3, "new entries")]  # fmt: skip
    assert all(listed[http_server.url(p)]["title"] == f"District {i} News" for i, p in enumerate(paths, 1))
    table = run("sources", "list").output
    assert "District 1 News" in table and "new entries" in table


def test_a_failing_feed_backs_off_and_comes_back(http_server, tmp_path):
    now = [dt.datetime(2025, 3, 4, 12, 0)]
    settings = Settings({"watch_interval": 600, "watch_min_interval": 60, "watch_max_backoff": 3000,
                         "db": str(tmp_path / "w.duckdb")}, environ={})  # fmt: skip
    url = http_server.url("/flaky.xml")
    http_server.routes["/flaky.xml"] = Route(b"gone", status=503)
    store = open_store(str(tmp_path / "w.duckdb"))
    try:
        store.add_sources([url], "test")
        with Watcher(OneStore(store), settings, clock=lambda: now[0]) as watcher:
            waits = []
            for _ in range(4):
                (report,) = watcher.run(threading.Event(), once=True)
                assert report.status == "error" and "HTTP 503" in str(report.errors[0])
                waits.append((report.next_poll - now[0]).total_seconds())
                assert watcher.due() == []  # not asked again before its time
                now[0] = report.next_poll
            assert waits == [600, 1200, 2400, 3000]  # doubling, up to watch_max_backoff
            (row,) = store.sources()
            assert (row["failures"], row["last_status"], "HTTP 503" in row["last_error"]) == (4, "error", True)

            http_server.routes["/flaky.xml"] = Route(rss(1, [item(1, 1)], ttl=30))  # back, asking for 30 minutes
            (report,) = watcher.run(threading.Event(), once=True)
            assert (report.status, report.stored) == ("new entries", 1)
            assert (report.next_poll - now[0]).total_seconds() == 1800  # its own <ttl>
            (row,) = store.sources()
            assert (row["failures"], row["last_error"], row["entries_stored"]) == (0, None, 1)
    finally:
        store.close()


def test_max_age_sets_the_schedule_within_bounds(http_server, tmp_path):
    now = [dt.datetime(2025, 3, 4, 12, 0)]
    settings = Settings({"watch_min_interval": 120, "watch_max_interval": 7200}, environ={})
    store = open_store(str(tmp_path / "w.duckdb"))
    try:
        for path, cache in (("/quick.xml", "max-age=5"), ("/slow.xml", "public, max-age=86400")):
            http_server.routes[path] = Route(rss(1, []), headers={"Cache-Control": cache})
            store.add_sources([http_server.url(path)], "test")
        with Watcher(OneStore(store), settings, clock=lambda: now[0]) as watcher:
            reports = {r.url: r for r in watcher.run(threading.Event(), once=True)}
        waits = [(reports[http_server.url(p)].next_poll - now[0]).total_seconds() for p in ("/quick.xml", "/slow.xml")]
        assert waits == [120, 7200]  # 5 s raised to the minimum, a day lowered to the maximum
    finally:
        store.close()


def test_sources_named_by_url_list_opml_and_saved_feed(tmp_path, http_server):
    saved = tmp_path / "saved.rss"
    saved.write_bytes(rss(1, [item(1, 1)]))
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# mine\n{http_server.url('/a.xml')}\n\nnot a feed\n{http_server.url('/a.xml')}\n", encoding="utf-8")
    outline = tmp_path / "x.opml"
    outline.write_text(opml(http_server.url("/b.xml"), "ftp://nope"), encoding="utf-8")
    feeds, errors = expand_sources([str(listing), str(outline), str(saved), http_server.url("/c.xml"), "missing.opml"])
    assert [f.url for f in feeds] == [http_server.url("/a.xml"), http_server.url("/b.xml"), str(saved.resolve()),
                                      http_server.url("/c.xml")]  # fmt: skip
    assert [(e.origin, e.locator) for e in errors] == [(str(listing), "line 4"), (str(outline), "outline 3"),
                                                       ("missing.opml", None)]  # fmt: skip
