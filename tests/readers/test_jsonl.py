import gzip
import io
import json

from storyline.readers.jsonl import read_jsonl
from storyline.record import Hints

from .builders import sort_out

ROWS = [
    {"id": "a1", "url": "https://example.org/a1", "title": "First", "text": "Body one.", "published": "2024-03-05",
     "outlet": "Example Post", "language": "en"},
    {"id": 2, "html": "<p>Body two.</p>", "title": "Second"},
    {"url": "https://example.org/a3", "text": "Body three."},
]


def _lines(rows) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in rows)


def test_each_line_is_a_document(tmp_path, settings):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(_lines(ROWS))
    docs, errors = sort_out(read_jsonl(str(path), settings, Hints(outlet="Fallback", language="fr")))
    assert errors == []
    assert [d.name for d in docs] == ["a1", "2", "batch.jsonl:line 3"]
    assert [d.locator for d in docs] == ["line 1", "line 2", "line 3"]
    assert [d.format for d in docs] == ["text", "html", "text"]
    first = docs[0]
    assert first.content == "Body one."
    assert first.raw == json.dumps(ROWS[0]).encode("utf-8")
    assert first.hints == Hints(id="a1", url="https://example.org/a1", outlet="Example Post", published="2024-03-05",
                                title="First", language="en")
    assert docs[1].hints.outlet == "Fallback"  # the caller's hints fill the gaps
    assert docs[1].hints.id == "2"


def test_broken_lines_are_reported_and_the_rest_read(tmp_path, settings):
    lines = [
        json.dumps(ROWS[0]),
        "{not json",
        "[1, 2, 3]",
        json.dumps({"id": "x", "title": "no body"}),
        json.dumps({"id": "y", "text": ["not", "a", "string"]}),
        json.dumps({"id": "z", "text": "ok", "title": {"nested": True}}),
        "",
        json.dumps(ROWS[2]),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = sort_out(read_jsonl(str(path), settings))
    assert [d.locator for d in docs] == ["line 1", "line 8"]
    assert [e.locator for e in errors] == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert all(str(path) in str(e) for e in errors)
    assert "invalid JSON" in str(errors[0])
    assert "expected a JSON object, got list" in str(errors[1])
    assert "neither 'text' nor 'html'" in str(errors[2])
    assert "'text' should be a string" in str(errors[3])
    assert "'title' should be a string" in str(errors[4])


def test_over_size_line_is_skipped(tmp_path, tiny_settings):
    rows = [{"id": "big", "text": "word " * 1000}, {"id": "small", "text": "short"}]
    path = tmp_path / "sizes.jsonl"
    path.write_bytes(_lines(rows))
    docs, (error,) = sort_out(read_jsonl(str(path), tiny_settings))
    assert [d.name for d in docs] == ["small"]
    assert error.locator == "line 1"
    assert "too large" in str(error) and "limit of 1,048 bytes" in str(error)


def test_empty_and_blank(tmp_path, settings):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\n")
    for name in ("empty.jsonl", "blank.jsonl"):
        _, (error,) = sort_out(read_jsonl(str(tmp_path / name), settings))
        assert "empty" in str(error)


def test_binary(tmp_path, settings):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    _, (error,) = sort_out(read_jsonl(str(path), settings))
    assert "looks binary" in str(error)


def test_non_utf8_line_is_decoded(tmp_path, settings):
    line = json.dumps({"id": "c", "text": "Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu \u00e0 l'h\u00f4tel."}, ensure_ascii=False)
    path = tmp_path / "latin.jsonl"
    path.write_bytes(line.encode("cp1252") + b"\n")
    (doc,) = read_jsonl(str(path), settings)
    assert doc.content == "Caf\u00e9 cr\u00e8me, d\u00e9j\u00e0 vu \u00e0 l'h\u00f4tel."


def test_gzipped(tmp_path, settings):
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(_lines(ROWS)))
    docs, errors = sort_out(read_jsonl(str(path), settings))
    assert errors == [] and len(docs) == 3


def test_truncated_gzip_keeps_the_lines_before(tmp_path, settings):
    rows = [{"id": f"r{i}", "text": f"Body {i} " + "x" * i} for i in range(200)]
    data = gzip.compress(_lines(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = sort_out(read_jsonl(str(path), settings))
    assert 0 < len(docs) < 200
    assert [d.name for d in docs] == [f"r{i}" for i in range(len(docs))]
    (error,) = errors
    assert "truncated gzip" in str(error)
    assert error.locator == f"line {len(docs) + 1}"


def test_streaming_from_a_stream(settings):
    stream = io.BytesIO(_lines(ROWS))
    docs, _ = sort_out(read_jsonl("<stdin>", settings, stream=stream))
    assert [d.name for d in docs] == ["a1", "2", "<stdin>:line 3"]


def test_reads_one_line_at_a_time(settings):
    class Endless(io.RawIOBase):
        """An endless stream of good lines: the reader must not try to read it all."""

        line = _lines(ROWS[:1])

        def readable(self):
            return True

        def readinto(self, buffer):
            n = min(len(buffer), len(self.line))
            buffer[:n] = self.line[:n]
            self.line = self.line[n:] or _lines(ROWS[:1])
            return n

    documents = read_jsonl("<stream>", settings, stream=io.BufferedReader(Endless()))
    assert [next(documents).name for _ in range(5)] == ["a1"] * 5
