import gzip
import json

from storyline.readers.text import read_text
from storyline.record import Hints

from .builders import sort_out

ARTICLE = "Storm hits the coast\n\nThe storm reached the harbour on Tuesday night.\n"


def test_plain_text(tmp_path, settings):
    path = tmp_path / "storm.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    docs, errors = sort_out(read_text(str(path), settings))
    assert errors == []
    (doc,) = docs
    assert doc.name == "storm.txt"
    assert doc.origin == str(path)
    assert (doc.reader, doc.format, doc.encoding) == ("text", "text", "utf-8")
    assert doc.content == ARTICLE
    assert doc.raw == path.read_bytes()


def test_front_matter_gives_hints_and_is_not_content(tmp_path, settings):
    path = tmp_path / "storm.txt"
    path.write_text(
        "---\ntitle: Storm hits the coast\npublished: 2024-03-05\noutlet: The Harbour Post\n"
        "url: https://example.org/storm\nlanguage: en\nmood: grim\n---\n" + ARTICLE,
        encoding="utf-8",
    )
    (doc,) = read_text(str(path), settings, Hints(outlet="Given outlet", author="A. Writer"))
    assert doc.content == ARTICLE
    assert doc.raw == path.read_bytes()
    assert doc.hints == Hints(
        url="https://example.org/storm",
        outlet="The Harbour Post",  # the document's own metadata wins over the caller's
        published="2024-03-05",
        title="Storm hits the coast",
        language="en",
        author="A. Writer",  # the caller's hints fill the gaps
    )


def test_sidecar_json(tmp_path, settings):
    (tmp_path / "storm.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "storm.json").write_text(
        json.dumps({"url": "https://example.org/s", "published": "2024-03-05", "extra": [1, 2]}), encoding="utf-8"
    )
    (doc,) = read_text(str(tmp_path / "storm.txt"), settings)
    assert doc.hints.url == "https://example.org/s"
    assert doc.hints.published == "2024-03-05"


def test_front_matter_wins_over_sidecar(tmp_path, settings):
    (tmp_path / "a.txt").write_text("---\ntitle: From front matter\n---\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": "From sidecar", "outlet": "Sidecar Times"}', encoding="utf-8")
    (doc,) = read_text(str(tmp_path / "a.txt"), settings)
    assert doc.hints.title == "From front matter"
    assert doc.hints.outlet == "Sidecar Times"


def test_malformed_front_matter_names_the_file(tmp_path, settings):
    path = tmp_path / "bad.txt"
    path.write_text("---\ntitle: [unclosed\n---\n" + ARTICLE, encoding="utf-8")
    docs, (error,) = sort_out(read_text(str(path), settings))
    assert docs == []
    assert str(path) in str(error)
    assert "front matter" in str(error)


def test_unclosed_front_matter(tmp_path, settings):
    path = tmp_path / "open.txt"
    path.write_text("---\ntitle: x\n" + ARTICLE, encoding="utf-8")
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "never closed" in str(error)


def test_front_matter_not_a_mapping(tmp_path, settings):
    path = tmp_path / "list.txt"
    path.write_text("---\n- a\n- b\n---\n" + ARTICLE, encoding="utf-8")
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "front matter" in str(error)


def test_malformed_sidecar_names_the_sidecar(tmp_path, settings):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    docs, (error,) = sort_out(read_text(str(tmp_path / "a.txt"), settings))
    assert docs == []
    assert "a.json" in str(error)
    assert "sidecar" in str(error)


def test_sidecar_with_wrong_type(tmp_path, settings):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title": ["a", "b"]}', encoding="utf-8")
    _, (error,) = sort_out(read_text(str(tmp_path / "a.txt"), settings))
    assert "'title' should be a string" in str(error)


def test_empty(tmp_path, settings):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "empty" in str(error) and str(path) in str(error)


def test_only_front_matter_is_empty(tmp_path, settings):
    path = tmp_path / "meta.txt"
    path.write_text("---\ntitle: x\n---\n\n", encoding="utf-8")
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "empty" in str(error)


def test_binary_is_refused(tmp_path, settings):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "looks binary" in str(error)


def test_over_size_gives_size_and_limit(tmp_path, tiny_settings):
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    _, (error,) = sort_out(read_text(str(path), tiny_settings))
    assert "5,000 bytes" in str(error)
    assert "limit of 1,048 bytes" in str(error)


def test_latin1_without_declaration(tmp_path, settings):
    text = "Le garçon a mangé une crème brûlée à l'hôtel, déjà célèbre pour sa façade.\n"
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("latin-1"))
    (doc,) = read_text(str(path), settings)
    assert doc.content == text
    assert doc.encoding == "cp1252"


def test_cp1252_punctuation(tmp_path, settings):
    text = "The minister said \u201cwe will not retreat\u201d \u2014 and left\u2026 at 5 o\u2019clock.\n"
    path = tmp_path / "quote.txt"
    path.write_bytes(text.encode("cp1252"))
    (doc,) = read_text(str(path), settings)
    assert doc.content == text


def test_undecodable_is_refused(tmp_path, settings):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "encoding" in str(error) and str(path) in str(error)


def test_utf8_bom_and_utf16(tmp_path, settings):
    (tmp_path / "bom.txt").write_bytes("\ufeffHello w\u00f6rld".encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes("Hello w\u00f6rld".encode("utf-16"))
    (a,) = read_text(str(tmp_path / "bom.txt"), settings)
    (b,) = read_text(str(tmp_path / "wide.txt"), settings)
    assert a.content == b.content == "Hello w\u00f6rld"


def test_gzipped_text(tmp_path, settings):
    path = tmp_path / "storm.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    (doc,) = read_text(str(path), settings)
    assert doc.content == ARTICLE
    assert doc.raw == ARTICLE.encode("utf-8")


def test_truncated_gzip(tmp_path, settings):
    path = tmp_path / "storm.txt.gz"
    path.write_bytes(gzip.compress((ARTICLE * 50).encode("utf-8"))[:-20])
    _, (error,) = sort_out(read_text(str(path), settings))
    assert "truncated gzip" in str(error) and str(path) in str(error)


def test_gzip_over_size_after_decompression(tmp_path, tiny_settings):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"word " * 10_000))
    _, (error,) = sort_out(read_text(str(path), tiny_settings))
    assert "decompressed too large" in str(error)
    assert "1,048 bytes" in str(error)
