"""The clean stage: a RawDocument becomes an Article (clean text, honest metadata, what was
removed and why). HTML goes to `clean_html`, plain text to `clean_text`, and a feed entry's
summary stored in place of its page (`summary_only`) to `clean_summary`, which keeps it whole.

Pure: no store, no network, no global state. `clean_batch` adds the one thing that needs a
batch: lines repeated across many documents of the same site are boilerplate.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from ..errors import StageError, StorylineError
from ..record import Article, Cleaned, Hints, RawDocument, article_id, join_blocks
from .html import clean_html
from .summary import clean_summary
from .text import clean_text, find_repeated_lines

MAX_ARTICLE_CHARS = 1_000_000  # the `max_article_chars` setting's default: spaCy's own limit


def clean(doc: RawDocument, *, repeated_lines: frozenset[str] = frozenset(), user: Hints = Hints(),
          max_chars: int = MAX_ARTICLE_CHARS) -> Article:  # fmt: skip
    """Clean one document. `user` holds what the user said for the whole run (CLI flags), used
    only to tell where a value came from: the document's own metadata already includes it.
    Lone surrogates (from a JSON escape such as \\udc00) become U+FFFD; an article longer than
    `max_chars` once cleaned is refused here, before the parse it would break."""
    return _clean(_repaired(doc), repeated_lines=repeated_lines, user=user, max_chars=max_chars)


def _clean(doc: RawDocument, *, repeated_lines: frozenset[str], user: Hints, max_chars: int) -> Article:
    """`clean` of a document already repaired (`_repaired`)."""
    if doc.summary_only:
        cleaned = clean_summary(doc.content)
    elif doc.format == "html":
        cleaned = clean_html(doc.content, doc.hints.url)
    else:
        cleaned = clean_text(doc.content, repeated_lines=repeated_lines, language=doc.hints.language)
    text, paragraphs = join_blocks(cleaned.blocks)
    if not text.strip():
        dropped = f": all {len(cleaned.removed)} parts looked like boilerplate" if cleaned.removed else ""
        raise StageError(f"no article text found in '{doc.where}'{dropped}")
    if len(text) > max_chars:
        raise StageError(f"'{doc.where}' is {len(text):,} characters once cleaned, over max_article_chars ({max_chars:,})")
    published, published_from = _publication_date(doc, cleaned, user)
    if published is None:
        published = address_date(doc.hints.url or cleaned.url, doc.origin)
        published_from = "address" if published else None
    return Article(
        id=article_id(doc.key),
        key=doc.key,
        name=doc.name,
        text=text,
        paragraphs=paragraphs,
        removed=cleaned.removed,
        origin=doc.origin,
        locator=doc.locator,
        reader=doc.reader,
        format=doc.format,
        raw=doc.raw,
        encoding=doc.encoding,
        title=doc.hints.title or cleaned.title,
        dateline=cleaned.dateline,
        agency=cleaned.agency,
        outlet=doc.hints.outlet or cleaned.outlet,
        url=doc.hints.url or cleaned.url,
        author=doc.hints.author or cleaned.author,
        published=published,
        published_from=published_from,
        language=_language_code(doc.hints.language),
        external_id=doc.hints.id,
        summary_only=doc.summary_only,
    )


def clean_batch(
    docs: Sequence[RawDocument], *, repeated_line_min_docs: int = 3, user: Hints = Hints(),
    max_chars: int = MAX_ARTICLE_CHARS,
) -> tuple[list[Article], list[StorylineError]]:
    """Clean a batch; a document that fails gives an error naming it, and the rest go on. The
    documents are repaired first, so the lines repeated across a site are found in what is cleaned."""
    docs = [_repaired(doc) for doc in docs]
    repeated = _repeated_lines_by_site(docs, repeated_line_min_docs)
    articles: list[Article] = []
    errors: list[StorylineError] = []
    for doc in docs:
        try:
            articles.append(_clean(doc, repeated_lines=repeated.get(_site(doc), frozenset()), user=user,
                                   max_chars=max_chars))  # fmt: skip
        except StorylineError as exc:
            errors.append(exc)
        except Exception as exc:  # a dependency choking on one odd page must not stop the batch
            errors.append(StageError(f"cannot clean '{doc.where}': {type(exc).__name__}: {exc}"))
    return articles, errors


_SURROGATE = re.compile("[\ud800-\udfff]")


def _repaired(doc: RawDocument) -> RawDocument:
    """The document with lone surrogates made U+FFFD in its text and hints (Python lets a JSON
    escape carry one, and spaCy, DuckDB and the terminal all fail on it), and a file name's
    undecodable bytes (which Python keeps as surrogates) written as \\xNN in its origin and
    name, so the article has an id and the messages show what the file is called."""
    fields = {"content": doc.content} | {f"hint:{k}": v for k, v in vars(doc.hints).items() if isinstance(v, str)}
    names = {"origin": doc.origin, "name": doc.name, "locator": doc.locator or ""}
    if not any(_SURROGATE.search(v) for v in [*fields.values(), *names.values()]):
        return doc
    hints = replace(doc.hints, **{k[5:]: _SURROGATE.sub("\ufffd", v) for k, v in fields.items() if k.startswith("hint:")})
    named = {k: _SURROGATE.sub(_escaped_byte, v) for k, v in names.items() if _SURROGATE.search(v)}
    return replace(doc, content=_SURROGATE.sub("\ufffd", doc.content), hints=hints, **named)


def _escaped_byte(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"  # os.fsdecode's escapes


def _repeated_lines_by_site(docs: Sequence[RawDocument], min_docs: int) -> dict[str, frozenset[str]]:
    by_site: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        if doc.format == "text":
            by_site[_site(doc)].append(doc.content)
    return {
        site: find_repeated_lines(texts, min_docs)
        for site, texts in by_site.items()
        if len(texts) >= min_docs
    }


def _site(doc: RawDocument) -> str:
    """Documents of one site share boilerplate: the outlet, else the URL's host, else the folder."""
    if doc.hints.outlet:
        return "outlet:" + doc.hints.outlet.casefold()
    if doc.hints.url:
        return "host:" + host_of(doc.hints.url)
    return "dir:" + os.path.dirname(os.path.abspath(doc.origin)) if doc.origin != "<stdin>" else "stdin"


def host_of(url: str | None) -> str:
    """A URL's host name, lower case, or '' for none or a URL too broken to have one (an
    unclosed IPv6 bracket, a port out of range: urllib raises ValueError on both)."""
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def _publication_date(doc: RawDocument, cleaned: Cleaned, user: Hints) -> tuple[str | None, str | None]:
    if doc.hints.published:
        value = parse_date(doc.hints.published)
        if value is None:
            raise StageError(f"'{doc.where}': publication date {doc.hints.published!r} is not a date (use YYYY-MM-DD)")
        return value, "user" if doc.hints.published == user.published else "metadata"
    if cleaned.published:
        # from the page's markup (HTML) or from a day-level date line in the text
        return cleaned.published, "metadata" if doc.format == "html" else "text"
    return None, None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A day in a URL's path or a file's name: /2025/03/05/, 2025-03-04-slug.txt, 2025_03_04
_ADDRESS_DAY = re.compile(r"(?<![\d])((?:19|20)\d{2})([/_-])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])")


def address_date(url: str | None, origin: str | None) -> str | None:
    """The day a page's URL path or a file's name gives, for a document with no date of its
    own: news sites file articles under their day (/world/2025/03/05/...), and people save
    pages as 2025-03-04-slug.txt. The URL's path first, then the file's name (not its
    folders: a folder's date is when it was filed, not the article's)."""
    candidates = []
    if url:
        try:
            candidates.append(urlsplit(url).path)
        except ValueError:  # "http://[not-an-address/..."
            pass
    if origin and origin != "<stdin>" and "://" not in origin:
        candidates.append(os.path.basename(origin))
    for text in candidates:
        m = _ADDRESS_DAY.search(text)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
            except ValueError:
                continue
    return None


def parse_date(value: str | dt.date) -> str | None:
    """An ISO day (YYYY-MM-DD) from an ISO date or datetime or an RFC 2822 date; else None."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    value = str(value).strip()
    try:
        if _ISO_DAY.match(value):
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().lower().replace("_", "-").split("-")[0] or None
