"""Saved web pages: .html and .htm, gzipped or not.

The reader only decodes: finding the article in the page, and its metadata, is the HTML
cleaning stage's job. Malformed markup is not an error here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from ..config import Settings
from ..errors import ReaderError
from ..record import Hints, RawDocument
from .decoding import declared_in_markup, decode
from .inputs import load_whole


def decode_html(raw: bytes, origin: str, header_charset: str | None = None, locator: str | None = None) -> tuple[str, str]:
    """A page's text and encoding: BOM, then the HTTP charset, then the page's own <meta> or
    XML declaration, each only if the bytes decode cleanly with it, then detection."""
    return decode(raw, origin, [header_charset, declared_in_markup(raw)], locator)


def read_html(
    origin: str, settings: Settings, hints: Hints = Hints(), stream: BinaryIO | None = None
) -> Iterator[RawDocument | ReaderError]:
    """The one page in an HTML file (or in `stream`, when it comes from stdin)."""
    try:
        raw = load_whole(origin, settings.max_input_bytes, path=None if stream else origin, stream=stream)
        content, encoding = decode_html(raw, origin)
    except ReaderError as exc:
        yield exc
        return
    yield RawDocument(
        origin=origin,
        name=os.path.basename(origin) if stream is None else origin,
        reader="html",
        format="html",
        content=content,
        raw=raw,
        hints=hints,
        encoding=encoding,
    )
