"""Web archives: .warc and .warc.gz, read one record at a time with warcio.

Successful (2xx) `response` records whose HTTP Content-Type is HTML, and `resource` records of
HTML, become documents; other records (requests, metadata, images, redirects) are skipped.
A document's `raw` is the HTTP payload with any chunked or gzip transfer undone; its url hint is
the WARC-Target-URI. No date is taken from WARC-Date or HTTP headers: those say when the page was
crawled or served, not when the article was published, so the HTML cleaner finds that.

We decompress .gz ourselves instead of leaving it to warcio, which stops silently at a
truncated gzip member; this way the records before the damage are kept and the damage is
reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..config import Settings
from ..errors import ReaderError
from ..record import Hints, RawDocument
from .decoding import charset_of_content_type, looks_binary
from .html import decode_html
from .inputs import each_from, gunzipped, peek, read_limited, too_large

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN = 64 * 1024


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in HTML_TYPES


def _content_type(record) -> str | None:
    """The media type of the page a record holds, or None if it holds no page we read."""
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    return content_type if _is_html(content_type) else None


def _remaining(record) -> int:
    """How many bytes of the record's declared length were never there (0 when complete)."""
    return getattr(record.raw_stream, "limit", 0)


def _drain(record) -> None:
    while record.raw_stream.read(_DRAIN):
        pass


def _document(record, origin: str, number: int, settings: Settings, hints: Hints) -> RawDocument | ReaderError:
    locator = f"record {number}"
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    limit = settings.max_input_bytes
    if record.length is not None and record.length > limit:
        return ReaderError(origin, too_large(record.length, limit, "record"), locator)
    try:
        raw = read_limited(record.content_stream(), origin, limit, locator, what="record")
    except ReaderError as exc:
        return exc
    except Exception as exc:  # a broken chunked or gzip transfer inside one record
        return ReaderError(origin, f"cannot decode the HTTP payload: {exc}", locator)
    if not raw.strip():
        return ReaderError(origin, "empty: the record holds no page", locator)
    if looks_binary(raw):
        return ReaderError(origin, "looks binary (NUL or control bytes), not HTML", locator)
    header_charset = None
    if record.http_headers is not None:
        header_charset = charset_of_content_type(record.http_headers.get_header("Content-Type"))
    try:
        content, encoding = decode_html(raw, origin, header_charset, locator)
    except ReaderError as exc:
        return exc
    return RawDocument(
        origin=origin,
        name=uri or f"record {number}",
        reader="warc",
        format="html",
        content=content,
        raw=raw,
        locator=locator,
        hints=Hints(url=uri).merged_over(hints),
        encoding=encoding,
    )


def read_warc(
    origin: str, settings: Settings, hints: Hints = Hints(), stream: BinaryIO | None = None
) -> Iterator[RawDocument | ReaderError]:
    """The HTML pages in a WARC file (or in `stream`), in file order."""
    yield from each_from(origin, stream, lambda source: _records(source, origin, settings, hints))


def _records(source: BinaryIO, origin: str, settings: Settings, hints: Hints) -> Iterator[RawDocument | ReaderError]:
    data, gunzip = gunzipped(source, float(settings.max_gzip_ratio), settings.max_decompressed_bytes)
    head, data = peek(data, 16)
    if not head.strip():
        yield ReaderError(origin, gunzip.damage if gunzip and gunzip.damage else "empty: no WARC records")
        return
    if not head.startswith(b"WARC/"):
        yield ReaderError(origin, "no WARC/1.0 header")
        return
    archive = ArchiveIterator(data)
    records = iter(archive)
    number = 0
    previous = previous_start = None
    while True:
        try:
            record = next(records)
        except StopIteration:
            record = None
        except Exception as exc:  # warcio fails in varied ways on a cut-off record header
            problem = str(exc) or type(exc).__name__
            yield _damaged(origin, number + 1, f"record {number + 1} cannot be parsed ({problem})", gunzip)
            return
        # warcio skips to the end of the previous record inside next(): only now can we see
        # whether that record was cut short.
        if previous is not None and _remaining(previous) > 0:
            yield _damaged(origin, number, _incomplete(number, previous_start, gunzip), gunzip)
            return
        if record is None:
            # warcio ends quietly at a header cut off by the end of the data: bytes read past
            # the end of the last whole record show it.
            if (gunzip and gunzip.damage) or archive.fh.tell() > archive.offset:
                yield _damaged(origin, number + 1, f"the data ends in the header of record {number + 1}", gunzip)
            return
        number += 1
        previous, previous_start = record, archive.offset
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            # every WARC record has a length: without one, its header block is cut off
            yield _damaged(origin, number, f"record {number} has an incomplete header (no Content-Length)", gunzip)
            return
        if _content_type(record) is None:
            continue
        found = _document(record, origin, number, settings, hints)
        _drain(record)
        if _remaining(record) > 0:
            yield _damaged(origin, number, _incomplete(number, archive.offset, gunzip), gunzip)
            return
        yield found


def _incomplete(number: int, offset: int, gunzip) -> str:
    where = f"byte {offset:,}" + (" of the decompressed WARC" if gunzip else "")
    return f"record {number}, starting at {where}, is incomplete"


def _damaged(origin: str, number: int, problem: str, gunzip) -> ReaderError:
    cause = gunzip.damage if gunzip and gunzip.damage else "truncated or damaged WARC"
    return ReaderError(origin, f"{cause}: {problem}", f"record {number}")
