"""Plain-text articles: .txt (or .text, .md), with metadata in YAML front matter or a sidecar.

    ---
    title: Storm hits the coast
    published: 2024-03-05
    ---
    Body text...

or `story.txt` beside `story.json` holding {"url": ..., "outlet": ..., ...}. Front matter
wins over the sidecar; both win over the hints given by the caller. Unknown keys are ignored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from typing import BinaryIO

import yaml

from ..config import Settings
from ..errors import ReaderError
from ..record import METADATA_FIELDS, Hints, RawDocument
from .decoding import decode, loads_bounded
from .formats import split_name
from .inputs import load_whole

_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


def sidecar_path(path: str) -> str:
    """Where the metadata of the text file at `path` would be: 'a/story.txt' -> 'a/story.json'."""
    return split_name(path)[0] + ".json"


def hints_from_mapping(values: dict, origin: str, what: str, locator: str | None = None) -> Hints:
    """The known metadata fields of a mapping (front matter, sidecar, JSONL object). Dates are
    written as ISO; a list or a mapping where a string belongs is a ReaderError."""
    found = {}
    for name in METADATA_FIELDS:
        value = values.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ReaderError(
                origin, f"{what}: '{name}' should be a string, got {type(value).__name__}", locator
            )
        found[name] = str(value).strip()
    return Hints(**found)


def split_front_matter(text: str, origin: str) -> tuple[dict, str]:
    """(front matter, body) of a text; ({}, text) when it has none."""
    opened = _FRONT_OPEN.match(text)
    if not opened:
        return {}, text
    closed = _FRONT_CLOSE.search(text, opened.end())
    if not closed:
        raise ReaderError(origin, "malformed front matter: the '---' on line 1 is never closed")
    try:
        values = yaml.safe_load(text[opened.end() : closed.start()])
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        # ValueError: a date YAML reads as one but the calendar has not ("2025-02-30", year 0)
        problem = str(exc).replace("\n", " ") or type(exc).__name__
        raise ReaderError(origin, f"malformed front matter: {problem}") from None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ReaderError(origin, f"malformed front matter: expected 'key: value' lines, got a {type(values).__name__}")
    return values, text[closed.end() :]


def read_sidecar(path: str, max_depth: int = 64) -> Hints:
    """The hints in the sidecar JSON beside `path`, or empty hints if there is none."""
    sidecar = sidecar_path(path)
    if not os.path.isfile(sidecar):
        return Hints()
    try:
        with open(sidecar, "rb") as f:
            values = loads_bounded(f.read(1024 * 1024).decode("utf-8-sig"), max_depth)
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError, TooDeep
        raise ReaderError(sidecar, f"malformed sidecar JSON: {exc}") from None
    if not isinstance(values, dict):
        raise ReaderError(sidecar, f"malformed sidecar JSON: expected an object, got {type(values).__name__}")
    return hints_from_mapping(values, sidecar, "malformed sidecar JSON")


def read_text(
    origin: str, settings: Settings, hints: Hints = Hints(), stream: BinaryIO | None = None
) -> Iterator[RawDocument | ReaderError]:
    """The one document in a text file (or in `stream`, when it comes from stdin)."""
    try:
        raw = load_whole(origin, settings.max_input_bytes, path=None if stream else origin, stream=stream)
        text, encoding = decode(raw, origin)
        front, body = split_front_matter(text, origin)
        own = hints_from_mapping(front, origin, "malformed front matter")
        if stream is None:
            own = own.merged_over(read_sidecar(origin, int(settings.max_json_depth)))
        if not body.strip():
            raise ReaderError(origin, "empty: no text after the front matter")
    except ReaderError as exc:
        yield exc
        return
    yield RawDocument(
        origin=origin,
        name=os.path.basename(origin) if stream is None else origin,
        reader="text",
        format="text",
        content=body,
        raw=raw,
        hints=own.merged_over(hints),
        encoding=encoding,
    )
