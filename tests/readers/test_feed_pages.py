"""readers/feed.py with readers/fetch.py: a summary-only feed's entries take their linked pages,
fetched politely (redirects within limits, several hosts at once, one request at a time per
host); when a page cannot be had, the entry is its summary, marked summary-only, with one notice."""

from __future__ import annotations

from helpers import Route
from storyline.config import Settings
from storyline.errors import Notice, ReaderError
from storyline.readers.feed import read_feed
from storyline.record import RawDocument

from .builders import page

BODY = "The harbour authority confirmed on Monday that the new ferry terminal opens in May. " * 8


def summary_feed(links: list[str]) -> str:
    """An RSS feed whose entries have only short summaries, each linking to `links[i]`."""
    items = "".join(
        f"<item><title>Entry {i}</title><link>{link}</link><guid>g-{i}</guid>"
        f"<author>desk{i}@example.org (Desk {i})</author>"
        f"<pubDate>Tue, 0{i} Mar 2024 10:00:00 +0000</pubDate>"
        f"<description>&lt;p&gt;Summary {i} of the story.&lt;/p&gt;&lt;p&gt;Its second line.&lt;/p&gt;</description></item>"
        for i, link in enumerate(links, 1)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Coast Daily</title>'
            f"<language>en</language>{items}</channel></rss>")  # fmt: skip


def settings(**more) -> Settings:
    return Settings({"feed_min_interval": 0.0, "feed_timeout": 2.0, **more}, environ={})


def split(items) -> tuple[list[RawDocument], list[Notice], list[ReaderError]]:
    items = list(items)
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, Notice)],
            [i for i in items if isinstance(i, ReaderError)])  # fmt: skip


def serve_feed(server, paths: list[str]) -> str:
    server.routes["/feed.xml"] = Route(summary_feed([server.url(p) for p in paths]).encode())
    return server.url("/feed.xml")


def test_each_entry_takes_its_page_and_the_feeds_metadata(http_server):
    for i in (1, 2, 3):
        http_server.routes[f"/a/{i}"] = Route(page("", f"Page {i}. {BODY}").replace("<h1></h1>", "").encode(),
                                              content_type="text/html; charset=utf-8")  # fmt: skip
    docs, notices, errors = split(read_feed(serve_feed(http_server, ["/a/1", "/a/2", "/a/3"]), settings()))
    assert (notices, errors) == ([], [])
    assert [d.locator for d in docs] == ["entry 1", "entry 2", "entry 3"]  # feed order, though fetched at once
    for i, doc in enumerate(docs, 1):
        assert not doc.summary_only and f"Page {i}. " in doc.content and doc.raw.startswith(b"<html>")
        assert (doc.hints.title, doc.hints.outlet, doc.hints.published) == (f"Entry {i}", "Coast Daily", f"2024-03-0{i}")
        assert doc.hints.author and f"Desk {i}" in doc.hints.author


def test_pages_answering_404_leave_each_entry_its_summary_and_one_notice(http_server):
    docs, notices, errors = split(read_feed(serve_feed(http_server, ["/gone/1", "/gone/2"]), settings()))
    assert errors == []
    assert [d.summary_only for d in docs] == [True, True]
    assert "Summary 1 of the story." in docs[0].content and docs[0].hints.title == "Entry 1"
    assert [n.locator for n in notices] == ["entry 1", "entry 2"]
    for i, notice in enumerate(notices, 1):
        assert str(notice).count("\n") == 0
        assert http_server.url(f"/gone/{i}") in str(notice) and "answered HTTP 404" in str(notice)
        assert "stored from the feed's summary (summary-only)" in str(notice)


def test_a_page_dripping_past_the_total_limit_leaves_the_summary(http_server):
    http_server.routes["/slow"] = Route(page("Slow", BODY).encode(), content_type="text/html", drip=0.2)
    docs, notices, errors = split(read_feed(serve_feed(http_server, ["/slow"]), settings(fetch_total_seconds=1)))
    assert errors == [] and [d.summary_only for d in docs] == [True]
    (notice,) = notices
    assert "too slow: not done within 1 s (fetch_total_seconds)" in str(notice) and "/slow" in str(notice)


def test_a_saved_feed_with_no_network_stores_summaries(tmp_path, closed_port_url):
    path = tmp_path / "coast.rss"
    path.write_text(summary_feed([closed_port_url + "/a/1", closed_port_url + "/a/2"]), encoding="utf-8")
    docs, notices, errors = split(read_feed(str(path), settings()))
    assert errors == [] and [d.summary_only for d in docs] == [True, True]
    assert [d.hints.url for d in docs] == [closed_port_url + "/a/1", closed_port_url + "/a/2"]
    assert len(notices) == 2 and all("cannot connect" in str(n) and "summary-only" in str(n) for n in notices)


def test_fetching_off_makes_no_request_and_one_notice_per_feed(http_server, tmp_path):
    http_server.routes["/a/1"] = Route(page("One", BODY).encode(), content_type="text/html")
    url = serve_feed(http_server, ["/a/1", "/a/2"])
    docs, notices, errors = split(read_feed(url, settings(fetch_linked_pages=False)))
    assert errors == [] and [d.summary_only for d in docs] == [True, True]
    (notice,) = notices
    assert "2 entries stored from their summaries: fetching linked pages is off" in str(notice) and url in str(notice)
    assert [path for path, _, _ in http_server.requests] == ["/feed.xml"]

    saved = tmp_path / "coast.rss"
    saved.write_text(summary_feed([http_server.url("/a/1")]), encoding="utf-8")
    docs, notices, _ = split(read_feed(str(saved), settings(fetch_linked_pages=False)))
    assert [d.summary_only for d in docs] == [True] and len(notices) == 1
    assert [path for path, _, _ in http_server.requests] == ["/feed.xml"]  # still no page asked for


def test_full_content_needs_no_fetch_and_is_not_summary_only(http_server):
    feed = summary_feed([http_server.url("/a/1")]).replace(
        "</description>", f"</description><content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded>"
    ).replace('<rss version="2.0">', '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">')
    http_server.routes["/feed.xml"] = Route(feed.encode())
    docs, notices, errors = split(read_feed(http_server.url("/feed.xml"), settings()))
    assert ([d.summary_only for d in docs], notices, errors) == ([False], [], [])
    assert [path for path, _, _ in http_server.requests] == ["/feed.xml"]


def test_redirects_are_followed_within_the_limit(http_server):
    for hop in range(3):
        http_server.routes[f"/r{hop}"] = Route(b"", status=302, headers={"Location": f"/r{hop + 1}"})
    http_server.routes["/r3"] = Route(page("Moved", BODY).encode(), content_type="text/html")
    http_server.routes["/loop"] = Route(b"", status=301, headers={"Location": "/loop2"})
    http_server.routes["/loop2"] = Route(b"", status=301, headers={"Location": "/loop"})
    url = serve_feed(http_server, ["/r0", "/r1", "/loop"])

    docs, notices, _ = split(read_feed(url, settings(fetch_max_redirects=2)))
    assert [d.summary_only for d in docs] == [True, False, True]  # /r0 needs 3 hops, /r1 needs 2
    assert "Moved" in docs[1].content
    too_many, loop = notices
    assert "more than 2 redirects (fetch_max_redirects)" in str(too_many) and http_server.url("/r0") in str(too_many)
    assert "a redirect loop" in str(loop) and http_server.url("/loop") in str(loop)


def test_pages_of_two_hosts_are_fetched_at_once_never_two_to_one_host(http_server, other_http_server, tmp_path):
    other, delay = other_http_server, 0.3  # another port: another host to the throttle
    for server in (http_server, other):
        for i in (1, 2, 3):
            server.routes[f"/p{i}"] = Route(page(f"P{i}", BODY).encode(), content_type="text/html", delay=delay)
    links = [s.url(f"/p{i}") for i in (1, 2, 3) for s in (http_server, other)]  # the hosts alternate
    saved = tmp_path / "two.rss"
    saved.write_text(summary_feed(links), encoding="utf-8")
    docs, notices, errors = split(read_feed(str(saved), settings(fetch_concurrency=4)))
    assert (notices, errors) == ([], [])
    assert [d.hints.url for d in docs] == links  # yielded in feed order
    starts = {name: sorted(t for _, _, t in s.requests) for name, s in (("one", http_server), ("two", other))}
    for times in starts.values():
        assert len(times) == 3
        # one request to a host at a time: each starts only after the one before it ended
        assert all(later - earlier >= delay * 0.95 for earlier, later in zip(times, times[1:]))
    # two hosts at once: some request to the second host began while one to the first was answering
    assert any(abs(a - b) < delay for a in starts["one"] for b in starts["two"])


def test_saved_feeds_of_one_run_share_the_hosts_interval(http_server, tmp_path):
    from storyline.readers import read

    for i in (1, 2):
        http_server.routes[f"/p{i}"] = Route(page(f"P{i}", BODY).encode(), content_type="text/html")
        (tmp_path / f"f{i}.rss").write_text(summary_feed([http_server.url(f"/p{i}")]), encoding="utf-8")
    docs, notices, errors = split(read([tmp_path / "f1.rss", tmp_path / "f2.rss"], settings(feed_min_interval=0.4)))
    assert ([d.summary_only for d in docs], notices, errors) == ([False, False], [], [])
    first, second = sorted(t for _, _, t in http_server.requests)
    assert second - first >= 0.4  # one throttle for the run, not one per feed file
