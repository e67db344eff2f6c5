import gzip

from storyline.readers.html import read_html

from .builders import page, sort_out


def test_utf8_page(tmp_path, settings):
    html = page("Fête", "Les élèves ont défilé.")
    path = tmp_path / "fete.html"
    path.write_bytes(html.encode("utf-8"))
    docs, errors = sort_out(read_html(str(path), settings))
    assert errors == []
    (doc,) = docs
    assert (doc.name, doc.reader, doc.format, doc.encoding) == ("fete.html", "html", "html", "utf-8")
    assert doc.content == html
    assert doc.raw == path.read_bytes()


def test_declared_charset_is_used(tmp_path, settings):
    html = page("Fête", "Les élèves ont défilé.", charset="iso-8859-1")
    path = tmp_path / "latin.htm"
    path.write_bytes(html.encode("latin-1"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html
    assert doc.encoding == "cp1252"  # as browsers read an iso-8859-1 label


def test_http_equiv_declaration(tmp_path, settings):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Новости</title></head><body><p>Правительство объявило о новых мерах.</p></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html


def test_cp1252_bytes_declared_as_utf8(tmp_path, settings):
    html = page("Caf\u00e9", "\u201cNo comment,\u201d said the minister \u2014 twice.", charset="utf-8")
    path = tmp_path / "mislabelled.html"
    path.write_bytes(html.encode("cp1252"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html
    assert doc.encoding == "cp1252"


def test_utf8_bytes_declared_as_latin1_give_no_mojibake(tmp_path, settings):
    html = page("Caf\u00e9 d\u00e9j\u00e0 vu", "Na\u00efve fa\u00e7ade.", charset="iso-8859-1")
    path = tmp_path / "mislabelled.html"
    path.write_bytes(html.encode("utf-8"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html
    assert "Ã" not in doc.content


def test_xml_declaration(tmp_path, settings):
    html = '<?xml version="1.0" encoding="ISO-8859-15"?><html><body><p>Prix: 5 \u20ac</p></body></html>'
    path = tmp_path / "x.html"
    path.write_bytes(html.encode("iso-8859-15"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html


def test_bom_wins_over_declaration(tmp_path, settings):
    html = page("Gr\u00fc\u00dfe", charset="iso-8859-1")
    path = tmp_path / "bom.html"
    path.write_bytes(b"\xef\xbb\xbf" + html.encode("utf-8"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html


def test_no_declaration_latin1(tmp_path, settings):
    html = "<html><body><p>Die B\u00fcrger m\u00fcssen gr\u00f6\u00dfere Ma\u00dfnahmen ergreifen.</p></body></html>"
    path = tmp_path / "de.html"
    path.write_bytes(html.encode("latin-1"))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html


def test_malformed_html_is_still_read(tmp_path, settings):
    html = "<html><body><div><p>Unclosed paragraph <b>bold <i>mixed</b></i><table><tr><td>cell</div>"
    path = tmp_path / "broken.html"
    path.write_text(html, encoding="utf-8")
    docs, errors = sort_out(read_html(str(path), settings))
    assert errors == []
    assert docs[0].content == html


def test_gzipped_page(tmp_path, settings):
    html = page("Packed")
    path = tmp_path / "packed.html.gz"
    path.write_bytes(gzip.compress(html.encode("utf-8")))
    (doc,) = read_html(str(path), settings)
    assert doc.content == html
    assert doc.name == "packed.html.gz"


def test_truncated_gzip_page(tmp_path, settings):
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(page("Cut", "text " * 2000).encode("utf-8"))[:60])
    _, (error,) = sort_out(read_html(str(path), settings))
    assert "truncated gzip" in str(error)
    assert "cut.html.gz" in str(error)


def test_empty_binary_oversize(tmp_path, settings, tiny_settings):
    (tmp_path / "empty.html").write_bytes(b"  \n")
    (tmp_path / "bin.html").write_bytes(b"<html>\x00\x01\x02\x03" * 20)
    (tmp_path / "big.html").write_text(page("Big", "word " * 1000), encoding="utf-8")
    _, (empty,) = sort_out(read_html(str(tmp_path / "empty.html"), settings))
    _, (binary,) = sort_out(read_html(str(tmp_path / "bin.html"), settings))
    _, (big,) = sort_out(read_html(str(tmp_path / "big.html"), tiny_settings))
    assert "empty" in str(empty)
    assert "looks binary" in str(binary)
    assert "too large" in str(big) and "limit of 1,048 bytes" in str(big)


def test_missing_file(tmp_path, settings):
    _, (error,) = sort_out(read_html(str(tmp_path / "missing.html"), settings))
    assert "missing.html" in str(error) and "No such file" in str(error)
