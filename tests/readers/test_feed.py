from storyline.config import Settings
from storyline.readers.feed import read_feed
from storyline.readers.fetch import Fetcher, HostThrottle
from storyline.record import Hints

from .builders import Route, page, sort_out

LONG = "The council voted on Tuesday to rebuild the harbour wall. " * 12

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Harbour Post</title><language>en-gb</language><link>https://example.org/</link>
<item><title>Wall to be rebuilt</title><link>{{base}}/a/wall</link><guid>wall-1</guid>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded></item>
<item><title>Ferry delayed</title><link>{{base}}/a/ferry</link><guid>ferry-2</guid>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate><description>The ferry is late.</description></item>
<item><title>Gone page</title><link>{{base}}/a/missing</link>
<description>A teaser whose page is gone.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>
<entry><title>Plain one</title><link href="https://example.org/p1"/><id>urn:p1</id>
<updated>2024-03-07T10:00:00+02:00</updated><content type="text">First paragraph &amp; more.

Second paragraph.</content></entry>
</feed>"""


def test_rss_file(tmp_path, settings):
    path = tmp_path / "harbour.rss"
    path.write_text(RSS.replace("{base}", "https://example.org"), encoding="utf-8")
    docs, errors = sort_out(read_feed(str(path), settings, Hints(author="Desk")))
    assert errors == []  # the linked pages cannot be had offline: the short summaries are stored (summary-only)
    assert [d.name for d in docs] == ["https://example.org/a/wall", "https://example.org/a/ferry",
                                      "https://example.org/a/missing"]
    wall, ferry, _ = docs
    assert (wall.reader, wall.format, wall.locator) == ("feed", "html", "entry 1")
    assert wall.content == f"<p>{LONG}</p>"  # the full content, not the teaser
    assert wall.hints == Hints(id="wall-1", url="https://example.org/a/wall", outlet="The Harbour Post",
                               published="2024-03-05", title="Wall to be rebuilt", language="en", author="Desk")
    assert ferry.content == "The ferry is late."
    assert ferry.hints.published == "2024-03-06"


def test_atom_plain_text_content_becomes_html(tmp_path, settings):
    path = tmp_path / "daily.atom"
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = read_feed(str(path), settings)
    assert doc.content == "<p>First paragraph &amp; more.</p>\n<p>Second paragraph.</p>"
    assert doc.hints.published == "2024-03-07"
    assert doc.hints.outlet == "Atom Daily"


def test_not_a_feed(tmp_path, settings):
    path = tmp_path / "page.xml"
    path.write_text(page("Not a feed"), encoding="utf-8")
    _, (error,) = sort_out(read_feed(str(path), settings))
    assert "not an RSS or Atom feed" in str(error) and "page.xml" in str(error)


def test_broken_xml(tmp_path, settings):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title><item><title>a & b</title>", encoding="utf-8")
    _, errors = sort_out(read_feed(str(path), settings))
    assert errors and "broken.rss" in str(errors[0])


def test_empty_binary_oversize(tmp_path, settings, tiny_settings):
    (tmp_path / "empty.rss").write_bytes(b"")
    (tmp_path / "bin.rss").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "big.rss").write_text(RSS.replace("{base}", "https://example.org"), encoding="utf-8")
    _, (empty,) = sort_out(read_feed(str(tmp_path / "empty.rss"), settings))
    _, (binary,) = sort_out(read_feed(str(tmp_path / "bin.rss"), settings))
    _, (big,) = sort_out(read_feed(str(tmp_path / "big.rss"), tiny_settings))
    assert "empty" in str(empty)
    assert "looks binary" in str(binary)
    assert "too large" in str(big) and "1,048 bytes" in str(big)


def test_feed_over_http_with_pages_and_conditional_get(http_server, settings):
    feed_body = RSS.replace("{base}", http_server.base).encode("utf-8")
    http_server.routes["/feed.xml"] = Route(feed_body, etag='"v1"', last_modified="Wed, 06 Mar 2024 09:00:00 GMT")
    ferry_page = page("Ferry delayed", "The ferry is late because of the storm.")
    http_server.routes["/a/ferry"] = Route(ferry_page.encode("utf-8"), content_type="text/html; charset=utf-8")
    cache: dict = {}
    url = http_server.url("/feed.xml")

    docs, errors = sort_out(read_feed(url, settings, fetcher=Fetcher(settings, cache)))
    assert [d.name for d in docs] == [f"{http_server.base}/a/wall", f"{http_server.base}/a/ferry",
                                      f"{http_server.base}/a/missing"]
    wall, ferry, missing = docs
    assert wall.content == f"<p>{LONG}</p>"  # full content: no page fetched
    assert ferry.content == ferry_page  # a teaser only: the linked page is used
    assert ferry.raw == ferry_page.encode("utf-8")
    assert ferry.hints.title == "Ferry delayed" and ferry.hints.outlet == "The Harbour Post"
    assert missing.content == "A teaser whose page is gone."  # the page failed: the summary
    assert missing.summary_only and not ferry.summary_only and not wall.summary_only
    assert errors == []  # not a failure: a notice (tests/readers/test_feed_pages.py)
    assert cache[url] == {"etag": '"v1"', "last_modified": "Wed, 06 Mar 2024 09:00:00 GMT"}

    requests = [(path, headers) for path, headers, _ in http_server.requests]
    assert [path for path, _ in requests] == ["/feed.xml", "/a/ferry", "/a/missing"]
    assert requests[0][1]["User-Agent"] == settings.feed_user_agent
    assert "If-None-Match" not in requests[0][1]

    again = list(read_feed(url, settings, fetcher=Fetcher(settings, cache)))
    assert again == []  # 304 Not Modified: nothing new
    path, headers, _ = http_server.requests[-1]
    assert path == "/feed.xml"
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 06 Mar 2024 09:00:00 GMT"


def test_unreachable_url(closed_port_url, settings):
    docs, (error,) = sort_out(read_feed(closed_port_url, settings))
    assert docs == []
    assert closed_port_url in str(error) and "unreachable" in str(error)


def test_http_error_and_timeout(http_server):
    settings = Settings({"feed_timeout": 0.3, "feed_min_interval": 0.0}, environ={})
    http_server.routes["/slow.xml"] = Route(b"<rss/>", delay=1.0)
    http_server.routes["/broken.xml"] = Route(b"oops", status=500)
    _, (slow,) = sort_out(read_feed(http_server.url("/slow.xml"), settings))
    _, (broken,) = sort_out(read_feed(http_server.url("/broken.xml"), settings))
    _, (missing,) = sort_out(read_feed(http_server.url("/nothing.xml"), settings))
    assert "no answer within 0.3 s" in str(slow)
    assert "HTTP 500" in str(broken) and "/broken.xml" in str(broken)
    assert "HTTP 404" in str(missing)


def test_oversize_response(http_server, tiny_settings):
    http_server.routes["/big.xml"] = Route(RSS.replace("{base}", http_server.base).encode("utf-8"))
    _, (error,) = sort_out(read_feed(http_server.url("/big.xml"), tiny_settings))
    assert "response too large" in str(error)


def test_bozo_feed_from_url(http_server, settings):
    http_server.routes["/bad.xml"] = Route(b"this is not xml at all, just words")
    _, (error,) = sort_out(read_feed(http_server.url("/bad.xml"), settings))
    assert "/bad.xml" in str(error)


def test_requests_to_one_host_are_spaced(http_server):
    settings = Settings({"feed_min_interval": 0.3}, environ={})
    http_server.routes["/a/ferry"] = Route(page("Ferry").encode("utf-8"), content_type="text/html")
    http_server.routes["/feed.xml"] = Route(RSS.replace("{base}", http_server.base).encode("utf-8"))
    list(read_feed(http_server.url("/feed.xml"), settings))
    times = [t for _, _, t in http_server.requests]
    assert len(times) == 3
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:]))


def test_throttle_is_per_host():
    now = [0.0]
    slept = []
    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    for url in ("http://a.example/1", "http://b.example/1", "http://a.example/2"):
        with throttle.turn(url):  # a request to one host waits only for the last to that host
            pass
    assert slept == [2.0]
