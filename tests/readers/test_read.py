import gzip
import io
import json
import sys

import pytest

from storyline.readers import READERS, read, walk
from storyline.record import Hints

from .builders import Route, build_warc, page, sort_out

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed Title</title>
<item><title>Entry</title><link>https://example.org/e1</link><description>Entry body.</description></item>
</channel></rss>"""


def test_the_table_lists_every_reader():
    assert sorted(READERS) == ["feed", "html", "jsonl", "text", "warc"]


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "in"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (root / "a.json").write_text('{"title": "Alpha"}', encoding="utf-8")  # a's sidecar
    (root / "c.html").write_text(page("Gamma"), encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".hidden_dir" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / "b_sub" / "d.jsonl").write_text('{"id": "d1", "text": "Delta."}\n', encoding="utf-8")
    (root / "b_sub" / "e.warc.gz").write_bytes(
        build_warc([{"uri": "https://example.org/e", "body": page("Epsilon").encode("utf-8")}], gzip=True)
    )
    (root / "b_sub" / "f.rss").write_text(RSS, encoding="utf-8")
    (root / "b_sub" / "notes").write_text("No extension: sniffed as text.", encoding="utf-8")
    return root


def test_walk_is_sorted_recursive_and_skips_hidden_and_sidecars(tree):
    found = [p[len(str(tree)) + 1 :] for p in walk(str(tree))]
    assert found == ["a.txt", "b_sub/d.jsonl", "b_sub/e.warc.gz", "b_sub/f.rss", "b_sub/notes", "c.html"]


def test_directory_read(tree, settings):
    docs, errors = sort_out(read([str(tree)], settings, Hints(outlet="Given")))
    assert errors == []
    assert [(d.reader, d.name) for d in docs] == [
        ("text", "a.txt"),
        ("jsonl", "d1"),
        ("warc", "https://example.org/e"),
        ("feed", "https://example.org/e1"),
        ("text", "notes"),
        ("html", "c.html"),
    ]
    assert docs[0].hints.title == "Alpha"  # from the sidecar
    assert docs[0].origin == str(tree / "a.txt")
    assert docs[3].hints.outlet == "Feed Title"  # the feed's own outlet wins
    assert docs[4].hints.outlet == "Given"  # the caller's hint fills the gap


def test_errors_do_not_stop_the_batch(tmp_path, settings):
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "page.xml").write_text(page("Not a feed"), encoding="utf-8")
    paths = [str(tmp_path / "bad.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "page.xml"), str(tmp_path / "good.txt")]
    docs, errors = sort_out(read(paths, settings))
    assert [d.name for d in docs] == ["good.txt"]
    assert [e.origin for e in errors] == paths[:3]
    assert "no such file" in str(errors[1])
    assert "not an RSS or Atom feed" in str(errors[2])


def test_unknown_extension_is_sniffed(tmp_path, settings):
    (tmp_path / "crawl.bin").write_bytes(build_warc([{"uri": "https://example.org/x", "body": page("X").encode()}]))
    (tmp_path / "other.xml.txt").write_text("<note>plain</note>", encoding="utf-8")
    (tmp_path / "data.xml").write_text("<?xml version='1.0'?><catalog><item/></catalog>", encoding="utf-8")
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)))
    docs, errors = sort_out(read([str(tmp_path)], settings))
    assert [(d.reader, d.name) for d in docs] == [("warc", "https://example.org/x"), ("text", "other.xml.txt")]
    (error,) = errors  # a binary file of unknown type, met in a folder, is passed over
    assert "data.xml" in str(error) and "not an RSS or Atom feed" in str(error)
    _, (named,) = sort_out(read([str(tmp_path / "blob.dat")], settings))
    assert "looks binary" in str(named)  # named by the user, it is reported


def test_explicit_sidecar_is_skipped(tmp_path, settings):
    (tmp_path / "a.txt").write_text("Alpha.", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": "Alpha"}', encoding="utf-8")
    docs, errors = sort_out(read([str(tmp_path / "a.txt"), str(tmp_path / "a.json")], settings))
    assert errors == [] and [d.name for d in docs] == ["a.txt"]


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    "data, reader, count",
    [
        (b'{"id": "s1", "text": "One."}\n{"id": "s2", "html": "<p>Two.</p>"}\n', "jsonl", 2),
        (page("Piped").encode("utf-8"), "html", 1),
        (build_warc([{"uri": "https://example.org/w", "body": page("W").encode()}]), "warc", 1),
        (RSS.encode("utf-8"), "feed", 1),
        ("Just some piped text, caf\u00e9.".encode("utf-8"), "text", 1),
        (gzip.compress(b'{"id": "z", "text": "Zipped."}\n'), "jsonl", 1),
    ],
)
def test_stdin_is_sniffed(monkeypatch, settings, data, reader, count):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    docs, errors = sort_out(read(["-"], settings))
    assert errors == []
    assert [d.reader for d in docs] == [reader] * count
    assert all(d.origin == "<stdin>" for d in docs)


def test_stdin_empty_and_binary(monkeypatch, settings):
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    _, (empty,) = sort_out(read(["-"], settings))
    monkeypatch.setattr(sys, "stdin", _Stdin(b"\x00\x01\x02" * 50))
    _, (binary,) = sort_out(read(["-"], settings))
    assert "empty" in str(empty) and "<stdin>" in str(empty)
    assert "looks binary" in str(binary)


def test_stdin_text_keeps_front_matter_hints(monkeypatch, settings):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"---\ntitle: Piped\n---\nBody.\n"))
    (doc,) = read(["-"], settings)
    assert doc.hints.title == "Piped" and doc.content == "Body.\n"


def test_urls_go_to_the_feed_reader(http_server, settings):
    # Every link points back to the loopback server: no test may reach the internet.
    feed = RSS.replace("https://example.org", http_server.base)
    http_server.routes["/feed.xml"] = Route(feed.encode("utf-8"), etag='"e"')
    http_server.routes["/e1"] = Route(page("E1").encode("utf-8"), content_type="text/html")
    cache: dict = {}
    docs, errors = sort_out(read([http_server.url("/feed.xml")], settings, cache=cache))
    assert errors == [] and [d.reader for d in docs] == ["feed"]
    assert docs[0].content == page("E1")
    assert docs[0].origin == http_server.url("/feed.xml")
    assert list(cache) == [http_server.url("/feed.xml")]
    assert list(read([http_server.url("/feed.xml")], settings, cache=cache)) == []


def test_every_document_gets_a_key(tree, settings):
    docs, _ = sort_out(read([str(tree)], settings))
    keys = [d.key for d in docs]
    assert len(set(keys)) == len(keys)
    assert keys == [d.key for d in sort_out(read([str(tree)], settings))[0]]


def test_sidecar_for_gzipped_text(tmp_path, settings):
    (tmp_path / "g.txt.gz").write_bytes(gzip.compress(b"Zipped text."))
    (tmp_path / "g.json").write_text(json.dumps({"outlet": "Gz Times"}), encoding="utf-8")
    (doc,) = read([str(tmp_path)], settings)
    assert doc.hints.outlet == "Gz Times"


def test_paths_may_be_pathlib_paths(tmp_path, settings):
    from storyline.readers import read
    from storyline.record import RawDocument

    (tmp_path / "a.txt").write_text("A line of text about the harbour and its new cranes.\n", encoding="utf-8")
    docs = [d for d in read([tmp_path / "a.txt"], settings) if isinstance(d, RawDocument)]
    assert [d.name for d in docs] == ["a.txt"]
