"""Render an HTML page to plain lines of text, the way a scraper saves a page.

All visible text in document order, block-level elements on their own lines, nothing judged:
menus, footers and comments stay. Deciding what is boilerplate is the plain-text cleaner's job;
this only gives the text mode of the extraction evaluation its input.
"""

from __future__ import annotations

import re

from lxml import etree, html

# Elements whose text a browser never shows.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
     "iframe", "object", "embed", "canvas", "select", "option", "datalist"}
)

# Elements that start and end a line of their own.
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
     "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
     "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
     "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
     "th", "thead", "tr", "ul", "button", "textarea", "input"}
)

_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u200b\u2028\u2029]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def render_text(page: str) -> str:
    """The visible text of `page`, one line per block, blank-free and whitespace-collapsed."""
    if not page or not page.strip():
        return ""
    try:
        root = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        # lxml refuses str input that declares an encoding; hand it bytes instead.
        try:
            root = html.document_fromstring(page.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return ""
    lines: list[str] = []
    current: list[str] = []
    _walk(root, lines, current, in_pre=False)
    _flush(lines, current)
    return "\n".join(lines)


def _flush(lines: list[str], current: list[str]) -> None:
    text = _SPACE.sub(" ", "".join(current)).strip()
    current.clear()
    if text:
        lines.append(text)


def _add(text: str | None, lines: list[str], current: list[str], in_pre: bool) -> None:
    if not text:
        return
    if in_pre and "\n" in text:
        parts = text.split("\n")
        for part in parts[:-1]:
            current.append(part)
            _flush(lines, current)
        current.append(parts[-1])
    else:
        current.append(text.replace("\n", " "))


def _walk(el: etree._Element, lines: list[str], current: list[str], in_pre: bool) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is None:  # comment or processing instruction: only its tail is text
        return
    tag = tag.lower().rsplit("}", 1)[-1]
    if tag in _INVISIBLE or _hidden(el):
        return
    if tag == "br":
        _flush(lines, current)
        return
    block = tag in _BLOCK
    if block:
        _flush(lines, current)
    if tag == "input" and el.get("type") in {"submit", "button"}:
        _add(el.get("value"), lines, current, in_pre)
    in_pre = in_pre or tag == "pre"
    _add(el.text, lines, current, in_pre)
    for child in el:
        _walk(child, lines, current, in_pre)
        _add(child.tail, lines, current, in_pre)
    if block:
        _flush(lines, current)


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
