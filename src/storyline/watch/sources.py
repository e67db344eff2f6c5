"""What to watch: a file of feed URLs, one a line, or an OPML file (what every feed reader
exports), read into the feeds it names.

A list file holds one URL (or feed file path) a line; blank lines and lines starting with '#'
are skipped. An OPML file is recognised by its <opml> root whatever its name; every
<outline> with an xmlUrl, at any depth, is a feed (its title or text kept). A line or outline
that names no feed is one ReaderError naming the file and line; the others are still read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReaderError
from ..readers.inputs import load_whole

MAX_SOURCES_BYTES = 4 * 1024 * 1024  # an OPML of thousands of feeds is a few hundred KB
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Feed:
    url: str  # an http(s) URL, or the path of a saved feed file
    title: str | None = None


def read_sources(path: str) -> tuple[list[Feed], list[ReaderError]]:
    """The feeds `path` names, each once in file order, and the problems met reading it."""
    body = load_whole(path, MAX_SOURCES_BYTES, path=path)
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml") or b"<opml" in head:
        feeds, errors = _opml(path, body)
    else:
        feeds, errors = _lines(path, body)
    unique = list({f.url: f for f in reversed(feeds)}.values())[::-1]  # the first of each, in order
    return unique, errors


def expand_sources(references: list[str]) -> tuple[list[Feed], list[ReaderError]]:
    """What the arguments of `storyline sources add` / `storyline watch` name: a feed URL is a
    feed; a file is a saved feed itself (its root is <rss>, <feed> or <rdf:RDF>: watched by
    its absolute path) or a sources file (OPML, or one URL a line) naming feeds. The feeds once
    each in order, and one error per argument or line that names none."""
    feeds, errors = [], []
    for reference in references:
        if _URL.match(reference):
            feeds.append(Feed(reference))
        elif not Path(reference).is_file():
            errors.append(ReaderError(reference, "not a feed URL (http:// or https://) nor a file"))
        elif _is_feed_file(reference):
            feeds.append(Feed(str(Path(reference).resolve())))
        else:
            try:
                named, problems = read_sources(reference)
            except ReaderError as exc:
                errors.append(exc)
                continue
            feeds.extend(named)
            errors.extend(problems)
    return list({f.url: f for f in reversed(feeds)}.values())[::-1], errors


_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)


def _is_feed_file(path: str) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return bool(_FEED_ROOT.search(head)) and b"<opml" not in head.lower()


def is_feed_reference(text: str) -> bool:
    """An http(s) URL, or a path to a file that exists."""
    return bool(_URL.match(text)) or Path(text).is_file()


def _lines(path: str, body: bytes) -> tuple[list[Feed], list[ReaderError]]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(path, f"not UTF-8 text (byte {exc.start}): a sources file is one URL a line") from None
    feeds, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_feed_reference(line):
            feeds.append(Feed(line))
        else:
            errors.append(ReaderError(path, f"not a feed URL (http:// or https://) nor a file: {line[:120]!r}",
                                      f"line {number}"))  # fmt: skip
    return feeds, errors


def _opml(path: str, body: bytes) -> tuple[list[Feed], list[ReaderError]]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise ReaderError(path, f"not well-formed OPML (XML error: {exc})") from None
    if root.tag.lower() != "opml":
        raise ReaderError(path, f"an XML file whose root is <{root.tag}>, not <opml>: not a sources file")
    feeds, errors = [], []
    for number, outline in enumerate(root.iter("outline"), 1):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        title = (outline.get("title") or outline.get("text") or "").strip() or None
        if not url:
            continue  # a folder of feeds, not a feed
        if is_feed_reference(url):
            feeds.append(Feed(url, title))
        else:
            errors.append(ReaderError(path, f"xmlUrl is not a feed URL: {url[:120]!r}", f"outline {number}"))
    if not feeds and not errors:
        raise ReaderError(path, "an OPML file with no feeds (no <outline xmlUrl=...>)")
    return feeds, errors
