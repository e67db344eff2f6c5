import gzip

import pytest

from storyline.readers.warc import read_warc
from storyline.record import Hints

from .builders import build_warc, page, sort_out

PAGES = [
    {"uri": "https://example.org/one", "body": page("One", "First article.").encode("utf-8")},
    {"uri": "https://example.org/style.css", "body": b"p { color: red }", "content_type": "text/css"},
    {"uri": "https://example.org/two", "type": "request", "body": b""},
    {"uri": "https://example.org/two", "body": page("Two", "Second article.").encode("utf-8")},
    {"uri": "https://example.org/gone", "body": page("Gone").encode("utf-8"), "status": "404 Not Found"},
    {"uri": "urn:page:three", "type": "resource", "body": page("Three").encode("utf-8")},
]


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("compress", [False, True])
def test_html_records_become_documents(tmp_path, settings, compress):
    path = _write(tmp_path, "crawl.warc.gz" if compress else "crawl.warc", build_warc(PAGES, gzip=compress))
    docs, errors = sort_out(read_warc(path, settings, Hints(outlet="Example", url="https://ignored")))
    assert errors == []
    assert [d.name for d in docs] == ["https://example.org/one", "https://example.org/two", "urn:page:three"]
    one = docs[0]
    assert (one.reader, one.format, one.encoding, one.origin) == ("warc", "html", "utf-8", path)
    assert one.raw == PAGES[0]["body"]
    assert one.content == PAGES[0]["body"].decode("utf-8")
    assert one.locator == "record 1"
    assert one.hints.url == "https://example.org/one"  # the record's URI wins over the caller's
    assert one.hints.outlet == "Example"
    assert one.hints.published is None  # never taken from crawl or HTTP dates


def test_charset_from_http_header(tmp_path, settings):
    body = page("Caf\u00e9", "Cr\u00e8me br\u00fbl\u00e9e.", charset="").replace('<meta charset="">', "")
    data = build_warc(
        [{"uri": "https://example.org/fr", "body": body.encode("latin-1"), "content_type": "text/html; charset=ISO-8859-1"}]
    )
    (doc,) = read_warc(_write(tmp_path, "fr.warc", data), settings)
    assert doc.content == body


def test_no_warc_header(tmp_path, settings):
    path = _write(tmp_path, "fake.warc", b"HTTP/1.1 200 OK\r\n\r\n<html></html>")
    _, (error,) = sort_out(read_warc(path, settings))
    assert str(error) == f"cannot read '{path}': no WARC/1.0 header"


def test_empty_warc(tmp_path, settings):
    _, (error,) = sort_out(read_warc(_write(tmp_path, "empty.warc", b""), settings))
    assert "empty" in str(error)


def test_truncated_warc_keeps_the_records_before(tmp_path, settings):
    data = build_warc(PAGES)
    path = _write(tmp_path, "cut.warc", data[: len(data) - 200])
    docs, errors = sort_out(read_warc(path, settings))
    assert [d.name for d in docs] == ["https://example.org/one", "https://example.org/two"]
    (error,) = errors
    assert "cut.warc" in str(error)
    assert "record 6" in str(error)
    assert "truncated" in str(error)


def test_truncated_inside_a_record_header(tmp_path, settings):
    data = build_warc(PAGES[:1])
    path = _write(tmp_path, "head.warc", data + b"WARC/1.0\r\nWARC-Type: resp")
    docs, errors = sort_out(read_warc(path, settings))
    assert len(docs) == 1
    assert len(errors) == 1 and "record 2" in str(errors[0])


def test_truncated_gzip_warc_keeps_the_records_before(tmp_path, settings):
    data = build_warc(PAGES, gzip=True)
    path = _write(tmp_path, "cut.warc.gz", data[: len(data) - 60])
    docs, errors = sort_out(read_warc(path, settings))
    assert [d.name for d in docs] == ["https://example.org/one", "https://example.org/two"]
    (error,) = errors
    assert "truncated gzip" in str(error)
    assert "cut.warc.gz" in str(error) and "record 6" in str(error)


def test_whole_file_gzip_is_read_too(tmp_path, settings):
    # One gzip member around the whole WARC, not one per record: warcio alone refuses it.
    path = _write(tmp_path, "whole.warc.gz", gzip.compress(build_warc(PAGES)))
    docs, errors = sort_out(read_warc(path, settings))
    assert errors == [] and len(docs) == 3


def test_over_size_record_is_skipped(tmp_path, tiny_settings):
    records = [
        {"uri": "https://example.org/big", "body": page("Big", "word " * 1000).encode("utf-8")},
        {"uri": "https://example.org/small", "body": page("Small").encode("utf-8")},
    ]
    path = _write(tmp_path, "mixed.warc", build_warc(records))
    docs, (error,) = sort_out(read_warc(path, tiny_settings))
    assert [d.name for d in docs] == ["https://example.org/small"]
    assert error.locator == "record 1"
    assert "too large" in str(error) and "1,048 bytes" in str(error)


def test_binary_and_empty_records(tmp_path, settings):
    records = [
        {"uri": "https://example.org/bin", "body": b"\x00\x01\x02" * 100},
        {"uri": "https://example.org/empty", "body": b""},
        {"uri": "https://example.org/ok", "body": page("OK").encode("utf-8")},
    ]
    docs, errors = sort_out(read_warc(_write(tmp_path, "odd.warc", build_warc(records)), settings))
    assert [d.name for d in docs] == ["https://example.org/ok"]
    assert ["looks binary" in str(errors[0]), "empty" in str(errors[1])] == [True, True]
    assert [e.locator for e in errors] == ["record 1", "record 2"]


@pytest.mark.parametrize("compress", [False, True])
def test_any_cut_keeps_a_prefix_and_never_raises(tmp_path, settings, compress):
    data = build_warc(PAGES, gzip=compress)
    full = [d.name for d in read_warc(_write(tmp_path, "full.warc", data), settings)]
    for cut in range(1, len(data), 4):
        path = _write(tmp_path, f"cut{cut}.warc", data[:cut])
        docs, errors = sort_out(read_warc(path, settings))
        names = [d.name for d in docs]
        assert names == full[: len(names)], cut
        assert len(errors) <= 1, (cut, errors)
        rest = data[cut:]
        at_boundary = rest.startswith(b"\x1f\x8b") if compress else rest.lstrip(b"\r\n").startswith(b"WARC/")
        assert errors or at_boundary or not rest.strip(), cut
        for doc in docs:
            assert doc.content.endswith("</html>"), cut
