"""JSON Lines: one article per line, read one line at a time.

    {"id": "a1", "url": "https://...", "title": "...", "text": "...", "published": "2024-03-05",
     "outlet": "...", "language": "en"}

An article has `text` (plain) or `html`; with both, `text` is used, as the publisher's own
extraction. A broken line is a ReaderError naming the line, and reading goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import BinaryIO

from ..config import Settings
from ..errors import ReaderError
from ..record import Hints, RawDocument
from .decoding import TooDeep, decode, loads_bounded, looks_binary
from .inputs import each_from, gunzipped, peek, too_large
from .text import hints_from_mapping

_SKIP = 64 * 1024


def _complete(line: bytes | None) -> bool:
    return line is not None and line.endswith(b"\n")


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, the line with its line break, or None when over `limit`, its size)."""
    number = 0
    while True:
        line = stream.readline(limit + 2)
        if not line:
            return
        number += 1
        size = len(line.rstrip(b"\r\n"))
        if size > limit:
            while not line.endswith(b"\n"):  # skip the rest of the long line, unread
                line = stream.readline(_SKIP)
                if not line:
                    break
                size += len(line.rstrip(b"\r\n"))
            yield number, None, size
        else:
            yield number, line, size


def _document(line: bytes, number: int, origin: str, name: str, hints: Hints, max_depth: int = 64) -> RawDocument:
    locator = f"line {number}"
    if b"\x00" in line:
        raise ReaderError(origin, "looks binary (NUL bytes), not a JSON line", locator)
    text, _ = decode(line, origin, ["utf-8"], locator)
    try:
        values = loads_bounded(text, max_depth)
    except json.JSONDecodeError as exc:
        raise ReaderError(origin, f"invalid JSON: {exc.msg} (column {exc.colno})", locator) from None
    except TooDeep as exc:
        raise ReaderError(origin, f"invalid JSON: {exc}", locator) from None
    if not isinstance(values, dict):
        raise ReaderError(origin, f"expected a JSON object, got {type(values).__name__}", locator)
    for field in ("text", "html"):
        if values.get(field) is not None and not isinstance(values[field], str):
            raise ReaderError(origin, f"'{field}' should be a string, got {type(values[field]).__name__}", locator)
    own = hints_from_mapping(values, origin, "bad field", locator)
    if (values.get("text") or "").strip():
        fmt, content = "text", values["text"]
    elif (values.get("html") or "").strip():
        fmt, content = "html", values["html"]
    else:
        raise ReaderError(origin, "the object has neither 'text' nor 'html'", locator)
    return RawDocument(
        origin=origin,
        name=own.id or f"{name}:{locator}",
        reader="jsonl",
        format=fmt,
        content=content,
        raw=line,
        locator=locator,
        hints=own.merged_over(hints),
        encoding="utf-8",
    )


def read_jsonl(
    origin: str, settings: Settings, hints: Hints = Hints(), stream: BinaryIO | None = None
) -> Iterator[RawDocument | ReaderError]:
    """The articles in a JSONL file (or in `stream`), one per non-blank line."""
    name = os.path.basename(origin) if stream is None else origin
    yield from each_from(origin, stream, lambda source: _read(source, origin, settings, hints, name))


def _read(source: BinaryIO, origin: str, settings: Settings, hints: Hints, name: str) -> Iterator[RawDocument | ReaderError]:
    limit = settings.max_input_bytes
    data, gunzip = gunzipped(source, float(settings.max_gzip_ratio), settings.max_decompressed_bytes)
    head, data = peek(data, 8192)
    if looks_binary(head):
        yield ReaderError(origin, "looks binary (NUL or control bytes), not JSON lines")
        return
    number = seen = 0
    most = int(settings.max_lines_per_file)
    for number, line, size in _lines(data, limit):
        if most and number > most:  # blank lines count: a file of billions of them must end
            yield ReaderError(origin, f"over {most:,} lines (max_lines_per_file): the rest is not read", f"line {number}")
            return
        if gunzip and gunzip.damage and not _complete(line):
            # the last line, cut off by the damage: reported below, not as bad JSON
            number -= 1
            break
        seen += 1
        if line is None:
            yield ReaderError(origin, too_large(size, limit, "line"), f"line {number}")
            continue
        if not line.strip():
            seen -= 1
            continue
        try:
            yield _document(line.rstrip(b"\r\n"), number, origin, name, hints, int(settings.max_json_depth))
        except ReaderError as exc:
            yield exc
    if gunzip and gunzip.damage:
        yield ReaderError(origin, f"{gunzip.damage}; lines after line {number} are lost", f"line {number + 1}")
    elif not seen:
        yield ReaderError(origin, "empty: no JSON lines")
