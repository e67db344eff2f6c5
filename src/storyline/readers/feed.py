"""RSS and Atom feeds, from a file or a URL, read with feedparser.

Each entry becomes an HTML document: its full content (content:encoded, Atom <content>) if it
has one. An entry that is only a summary (no full content and fewer than SHORT_SUMMARY_CHARS
characters of text) is replaced by the page it links to, fetched politely on the fetcher's
page threads (several hosts at once, entries still yielded in feed order), from a feed URL or a
saved feed file alike unless `fetch_linked_pages` is off. When the page cannot be had (an HTTP
error, a timeout, too large, binary, no network, fetching off) the entry is stored from its
summary, marked `summary_only`, and a Notice says why: one per entry, or one per feed when
fetching is off. The feed's title is the outlet; the entry's title, author and own date (as the
publisher wrote it, not converted to UTC) fill what the page lacks.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from typing import BinaryIO

import feedparser

from ..config import Settings
from ..errors import Notice, ReaderError
from ..record import Hints, RawDocument
from .decoding import charset_of_content_type, looks_binary
from .fetch import Fetcher, Pending, in_order
from .html import decode_html
from .inputs import load_whole, too_large

# An entry whose summary has fewer characters of text than this, and no full content, is
# only a teaser: we fetch the article page it links to instead.
SHORT_SUMMARY_CHARS = 500

_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_TAG = re.compile(r"<[^>]*>")


@dataclass
class FeedAbout:
    """What one read of a feed learnt about it, for a caller that polls the feed again
    (the watcher): filled in by `read_feed(..., about=FeedAbout())`."""

    parsed: bool = False  # the feed was read and parsed (False: it failed, or was not modified)
    not_modified: bool = False  # a conditional GET answered 304
    title: str | None = None
    ttl_s: float | None = None  # RSS <ttl>, in seconds
    max_age_s: float | None = None  # the answer's Cache-Control max-age
    keys: list[str] = field(default_factory=list)  # each entry's key (entry_key), in feed order
    new: list[str] = field(default_factory=list)  # the keys of the entries read (not skipped)
    skipped: int = 0  # entries left out because `skip` had seen them

    def own_interval_s(self) -> float | None:
        """How often the feed asks to be polled, if it says."""
        return self.ttl_s or self.max_age_s

    def key_of(self, locator: str | None) -> str | None:
        """The key of the entry a document's locator ("entry 3") names."""
        number = (locator or "").removeprefix("entry ")
        return self.keys[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(self.keys) else None


def entry_key(entry) -> str:
    """What identifies a feed entry across polls: its id (guid), else its link, else a hash
    of its title, date and summary."""
    for value in (entry.get("id"), entry.get("link")):
        if (value or "").strip():
            return value.strip()
    parts = [entry.get(k) or "" for k in ("title", "published", "updated", "summary")]
    return "sha1:" + hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()


def _ttl_seconds(feed) -> float | None:
    value = str(feed.get("ttl") or "").strip()
    return float(value) * 60 if value.isdigit() and int(value) > 0 else None


def is_url(path: str) -> bool:
    return path.lower().startswith(("http://", "https://"))


def _entry_date(entry) -> str | None:
    """The entry's date as YYYY-MM-DD, in the publisher's own time zone where it gives one."""
    for key in ("published", "updated", "created"):
        value = (entry.get(key) or "").strip()
        if not value:
            continue
        try:
            return email.utils.parsedate_to_datetime(value).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: a zone offset of years
            pass
        try:
            return dt.datetime.fromisoformat(value).date().isoformat()
        except ValueError:
            pass
        parsed = entry.get(key + "_parsed")
        if parsed:
            try:
                return dt.date(*parsed[:3]).isoformat()
            except (TypeError, ValueError, OverflowError):
                pass
    return None


def _as_html(detail: dict) -> str:
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or "text/html"):
        return value
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _entry_html(entry) -> tuple[str, bool]:
    """The entry's HTML, and whether it is the full content rather than a summary."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: ("html" in (c.get("type") or ""), len(c.get("value") or "")))
        return _as_html(best), True
    detail = entry.get("summary_detail") or {"type": "text/html", "value": entry.get("summary") or ""}
    return _as_html(detail), False


def _language(tag: str | None) -> str | None:
    """'en-US' -> 'en'."""
    if not tag:
        return None
    return re.split(r"[-_]", tag.strip())[0].lower() or None


def read_feed(
    origin: str,
    settings: Settings,
    hints: Hints = Hints(),
    stream: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    *,
    about: FeedAbout | None = None,
    skip: Callable[[list[str]], set[str]] | None = None,
) -> Iterator[RawDocument | ReaderError]:
    """The entries of the feed at `origin` (a file or an http(s) URL), or in `stream`.
    Pass a shared `fetcher` to keep politeness and the validator cache across feeds; a 304
    Not Modified yields nothing. A poller passes `about` to learn the feed's title, schedule
    and entry keys, and `skip` (all the keys -> those already seen) to leave out the entries
    it has had, without fetching their pages."""
    own_fetcher = fetcher is None and (is_url(origin) or bool(settings.fetch_linked_pages))
    if own_fetcher:
        fetcher = Fetcher(settings)
    try:
        found = _read(origin, settings, hints, stream, fetcher, about or FeedAbout(), skip)
        yield from in_order(found, fetcher.ahead) if fetcher is not None else found
    finally:
        if own_fetcher:
            fetcher.close()


def _read(origin, settings, hints, stream, fetcher, about, skip) -> Iterator[RawDocument | ReaderError]:
    fetched = None
    headers = {}
    try:
        if is_url(origin):
            fetched = fetcher.get(origin, conditional=True)
            about.max_age_s = fetched.max_age_s
            if fetched.not_modified:
                about.not_modified = True
                return
            body = fetched.body
            if not body.strip():
                raise ReaderError(origin, "empty: the server sent no feed")
            if looks_binary(body):
                raise ReaderError(origin, "looks binary (NUL or control bytes), not a feed")
            if fetched.content_type:
                headers["content-type"] = fetched.content_type
        else:
            body = load_whole(origin, settings.max_input_bytes, path=None if stream else origin, stream=stream)
    except ReaderError as exc:
        yield exc
        return
    try:
        parsed = feedparser.parse(_parseable(body), response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser's own failures (its encoding detection, its sanitiser)
        yield ReaderError(origin, f"cannot parse the feed: {type(exc).__name__}: {exc}")
        return
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    if not parsed.entries and (problem or not parsed.get("version")):
        yield ReaderError(origin, "not an RSS or Atom feed" + (f" (XML error: {problem})" if problem else ""))
        return
    if problem:
        yield ReaderError(origin, f"malformed feed XML ({problem}); read {len(parsed.entries)} entries leniently")
    if fetched is not None:
        fetcher.remember(origin, fetched)
    feed_hints = Hints(outlet=(parsed.feed.get("title") or "").strip() or None, language=_language(parsed.feed.get("language")))
    about.parsed, about.title, about.ttl_s = True, feed_hints.outlet, _ttl_seconds(parsed.feed)
    about.keys = [entry_key(entry) for entry in parsed.entries]
    seen = skip(about.keys) if skip else set()
    name = origin if is_url(origin) or stream is not None else os.path.basename(origin)
    pages = fetcher if settings.fetch_linked_pages else None
    unfetched = 0
    for number, entry in enumerate(parsed.entries, 1):
        if about.keys[number - 1] in seen:
            about.skipped += 1
            continue
        about.new.append(about.keys[number - 1])
        for item in _entry(entry, number, origin, name, settings, feed_hints.merged_over(hints), pages):
            unfetched += isinstance(item, RawDocument) and item.summary_only and item.hints.url is not None
            yield item
    if unfetched:
        yield Notice(origin, f"{unfetched} {'entry' if unfetched == 1 else 'entries'} stored from "
                             f"{'its summary' if unfetched == 1 else 'their summaries'}: fetching linked pages is off "
                             "(--no-fetch or fetch_linked_pages)")


_SURROGATE_REFERENCE = re.compile(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*5[5-7]\d{3});")
_DECLARED = re.compile(rb"^(\s*<\?xml[^>]*?encoding=)([\"'])([^\"']*)\2")


def _parseable(body: bytes) -> bytes:
    """The feed with what makes feedparser raise instead of report made harmless: character
    references to surrogates (&#xD800;, which no XML may hold) become U+FFFD's, and an
    encoding label that is not ASCII becomes XML's default, UTF-8."""
    body = _SURROGATE_REFERENCE.sub(b"&#xFFFD;", body)
    declared = _DECLARED.match(body)
    if declared and not declared.group(3).isascii():
        body = body[: declared.start(3)] + b"utf-8" + body[declared.end(3) :]
    return body


def is_summary(content: str, full: bool) -> bool:
    """Whether an entry's HTML is only a summary: not its full content, and short."""
    return not full and len(_TAG.sub("", content).strip()) < SHORT_SUMMARY_CHARS


def _entry(entry, number, origin, name, settings, hints, fetcher) -> Iterator[RawDocument | ReaderError | Pending]:
    """One entry: its own document, or (a summary with a link, and a fetcher) a Pending for
    the page it links to, which falls back on the summary when the page cannot be had."""
    locator = f"entry {number}"
    link = (entry.get("link") or "").strip() or None
    own = Hints(
        id=(entry.get("id") or "").strip() or None,
        url=link,
        title=(entry.get("title") or "").strip() or None,
        published=_entry_date(entry),
        author=(entry.get("author") or "").strip() or None,
    ).merged_over(hints)
    document = dict(origin=origin, name=link or own.id or f"{name} {locator}", reader="feed", format="html",
                    locator=locator, hints=own)
    content, full = _entry_html(entry)
    summary = is_summary(content, full)
    if summary and link and fetcher is not None:
        future = fetcher.get_later(link, locator=locator)
        yield Pending(lambda: _page_or_summary(future, link, content, origin, settings, document))
        return
    yield from _own(content, origin, settings, document, summary_only=summary)


def _page_or_summary(future, link, content, origin, settings, document) -> list:
    """The fetched page as the entry's document; failing that, its summary and a Notice
    saying what was wrong with the page."""
    try:
        page = future.result()
    except CancelledError:
        why = "failed: not fetched: the run was ending"
    except ReaderError as exc:
        why = f"answered {exc.problem}" if exc.problem.startswith("HTTP ") else f"failed: {exc.problem}"
    else:
        why = "was empty" if not page.body.strip() else "looks binary, not HTML" if looks_binary(page.body) else None
        if why is None:
            text, encoding = decode_html(page.body, link, charset_of_content_type(page.content_type))
            return [RawDocument(content=text, raw=page.body, encoding=encoding, **document)]
    stored = _own(content, origin, settings, document, summary_only=True)
    if not isinstance(stored[-1], RawDocument):
        return stored
    return [*stored, Notice(origin, f"the linked page {link} {why}; stored from the feed's summary (summary-only)",
                            document["locator"])]  # fmt: skip


def _own(content, origin, settings, document, *, summary_only: bool) -> list:
    """The entry's own HTML (full content, or its summary) as its document."""
    if not content.strip():
        return [ReaderError(origin, "the entry has neither content nor a summary", document["locator"])]
    raw = content.encode("utf-8")
    if len(raw) > settings.max_input_bytes:
        return [ReaderError(origin, too_large(len(raw), settings.max_input_bytes, "entry"), document["locator"])]
    return [RawDocument(content=content, raw=raw, encoding="utf-8", summary_only=summary_only, **document)]
