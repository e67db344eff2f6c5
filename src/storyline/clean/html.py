"""Clean an HTML page: the main text (paragraphs and headings) and its metadata, via trafilatura.

The publication date comes from the page's markup and metadata only (htmldate without its
extensive text search), never from a year mentioned in the prose. A standfirst that trafilatura
drops is put back when it is the page's description and shown on the page. trafilatura keeps
some page clutter inside the main text (a sign-up box's prompts, a picture's credit, a "More on
this topic" list after the article): the blocks of a clutter class (`clutter.py`) are dropped,
and so are those after a teaser marker that follows the article's prose, until prose resumes.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from lxml import etree

from ..errors import StageError
from ..record import Cleaned, Removed
from .clutter import clutter_class
from .datelines import find_dateline, join_bare_dateline
from .lines import INLINE_TEASER, TEASER_MARKER
from .text import BYLINE
from .titles import split_site_suffix

# htmldate's "extensive search" guesses dates from free text: that is how "March 2022" in an
# article becomes 2022-01-01. We keep to markup, meta tags and URLs.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "head", "quote", "code", "list", "table"}


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """The main content of one HTML page, as blocks, with the page's metadata."""
    import trafilatura  # heavy import: only where HTML is cleaned

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise StageError(f"cannot clean HTML{f' from {url}' if url else ''}: {exc}") from exc
    if doc is None or doc.body is None:
        return Cleaned(blocks=[], removed=[Removed(_flat(html)[:500], "no main text found")] if html.strip() else [])

    from .page_text import render_text

    visible = render_text(html).splitlines()
    blocks, cut = _drop_clutter(join_bare_dateline(_with_lead(list(_blocks(doc.body)), doc.description, visible)))
    blocks, byline, byline_author = _split_byline(blocks)
    kept = " ".join(_flat(text) for _, text in blocks)
    title, outlet = _title_and_outlet(html, doc, url)
    dateline, agency = find_dateline(blocks)
    return Cleaned(
        blocks=blocks,
        removed=cut + byline + _removed_lines(visible, " ".join([kept, *(_flat(r.text) for r in cut + byline)])),
        title=title,
        dateline=dateline,
        agency=agency,
        outlet=outlet,
        published=_iso_date(doc.date),
        author=_clean_field(doc.author) or byline_author,
        url=doc.url or url,
        language=(doc.language or None),
    )


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_HEAD_CHARS = 200_000  # where a page's <title> is looked for


def _title_and_outlet(html: str, doc, url: str | None) -> tuple[str | None, str | None]:
    """The headline without a site suffix, and the outlet: the page's site name (unless it is
    only the headline again), else the suffix of its title ("... | The Guardian"; trafilatura
    cuts it from the title and forgets it), else the host."""
    host = _host(doc.url or url)
    title = _clean_field(doc.title)
    sitename = _clean_field(doc.sitename)
    if sitename and (title and _flat(sitename).casefold() == title.casefold() or len(sitename.split()) > 8):
        sitename = None  # a headline in the site-name field is no outlet
    if sitename and host and sitename.casefold().removeprefix("www.") == host:
        sitename = None  # trafilatura's stand-in for a missing name: a name in the title is better
    title, outlet = split_site_suffix(title, sitename, host)
    if outlet is None and title:
        m = _TITLE_TAG.search(html[:_HEAD_CHARS])
        if m:
            head, suffix = split_site_suffix(_clean_field(unescape(m.group(1))), None, host)
            if suffix and head and head.casefold() == title.casefold():
                outlet = suffix
    return title, outlet or host


def _blocks(body: etree._Element):
    """(kind, text) for each block of trafilatura's output tree."""
    for element in body:
        tag = element.tag
        if tag == "head":
            text = _element_text(element)
            if text:
                yield "heading", text
        elif tag == "list":
            for item in element.iter("item"):
                text = _element_text(item)
                if text:
                    yield "body", text
        elif tag == "table":
            for row in element.iter("row"):
                cells = [_element_text(c) for c in row.iter("cell")]
                text = " | ".join(c for c in cells if c)
                if text:
                    yield "body", text
        else:
            text = _element_text(element)
            if text:
                yield "body", text


_LEAD_MIN_WORDS = 12
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[…\])\s*$")


def _with_lead(blocks: list[tuple[str, str]], description: str | None, visible: list[str]) -> list[tuple[str, str]]:
    """The blocks with the article's lead in front where trafilatura dropped it: a page's
    standfirst ("intro", "teaser") is often styled apart from the body, and it is the page's
    description as well. The visible line that begins with the description, a sentence or more
    long, goes before the first body block when the body does not already hold it."""
    desc = _ELLIPSIS.sub("", _flat(description or ""))
    if len(desc.split()) < _LEAD_MIN_WORDS:
        return blocks
    probe = desc[:80].casefold()
    kept = " ".join(_flat(text) for _, text in blocks).casefold()
    if probe in kept:
        return blocks
    line = next((_flat(v) for v in visible if _flat(v).casefold().startswith(probe)), None)
    if line is None or len(line.split()) < _LEAD_MIN_WORDS:
        return blocks
    first_body = next((i for i, (kind, _) in enumerate(blocks) if kind == "body"), len(blocks))
    return blocks[:first_body] + [("body", line)] + blocks[first_body:]


_BYLINE_BLOCKS = 3  # a byline is among the first blocks of the body


def _split_byline(blocks: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[Removed], str | None]:
    """The blocks without a byline ("By Jane Doe and Tom Berg") among the first few, what was
    cut, and the name it gives: a byline is metadata (the article's author), not its text."""
    for i, (kind, text) in enumerate(blocks[:_BYLINE_BLOCKS]):
        m = BYLINE.match(text) if kind == "body" and len(text.split()) <= 8 else None
        if m:
            return blocks[:i] + blocks[i + 1:], [Removed(text, "byline")], m.group("name").strip()
    return blocks, [], None


# A block that reads as the article's prose: long enough, and a finished sentence.
_PROSE_CHARS = 150
_SENTENCE_END = re.compile(r"[.!?。！？]['\"”’»)\]]*$")


def _drop_clutter(blocks: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[Removed]]:
    """The blocks without clutter lines, and without the teaser list that a marker ("Related",
    "Mehr zum Thema") opens after the article's prose, until prose resumes; with what was cut."""
    kept: list[tuple[str, str]] = []
    removed: list[Removed] = []
    teasing = seen_prose = False
    for kind, text in blocks:
        kind_of_clutter = clutter_class(text) or ("teaser" if INLINE_TEASER.match(text) else None)
        if kind_of_clutter:
            removed.append(Removed(text, kind_of_clutter))
            continue
        prose = len(text) >= _PROSE_CHARS and bool(_SENTENCE_END.search(text))
        if TEASER_MARKER.match(text) and seen_prose:
            teasing = True
            removed.append(Removed(text, "teaser"))
            continue
        if teasing and not prose:
            removed.append(Removed(text, "teaser"))
            continue
        teasing = False
        seen_prose = seen_prose or prose
        kept.append((kind, text))
    return kept, removed


def _element_text(element: etree._Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == "lb":
            parts.append("\n")
        if node.text and node.tag != "lb":
            parts.append(node.text)
        if node.tail and node is not element:
            parts.append(node.tail)
    lines = [_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _removed_lines(visible: list[str], seen: str) -> list[Removed]:
    """The page's visible lines that are not in `seen` (the main text, and the blocks already
    cut with their own reason), so a user can audit the cut."""
    removed = []
    for number, line in enumerate(visible, start=1):
        flat = _flat(line)
        if flat and flat not in seen:
            removed.append(Removed(line.strip(), "outside the page's main content", number))
    return removed


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _clean_field(value: str | None) -> str | None:
    value = _flat(value or "")
    return value or None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # too broken to have a host
        return None
    return host.removeprefix("www.") or None


def _iso_date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None
