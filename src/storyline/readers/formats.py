"""Which reader an input needs: from its file name, checked against its first bytes."""

from __future__ import annotations

import os
import re

from .decoding import bom_encoding

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
TEXT_EXTENSIONS = tuple(ext for ext, kind in EXTENSIONS.items() if kind == "text")

SNIFF_BYTES = 4096

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section)[\s>/]", re.IGNORECASE)
# the XML declaration, comments and a DOCTYPE, with its internal subset ("<!DOCTYPE rss [<!ENTITY ...>]>")
_XML_PROLOGUE = re.compile(rb"^(?:<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>|\s)*", re.DOTALL | re.IGNORECASE)


def split_name(path: str) -> tuple[str, str, bool]:
    """'a/b.Warc.gz' -> ('a/b', '.warc', True): the stem, the lower-case extension under
    any .gz, and whether there was a .gz."""
    stem, ext = os.path.splitext(path)
    gz = ext.lower() == ".gz"
    if gz:
        stem, ext = os.path.splitext(stem)
    return stem, ext.lower(), gz


def format_of_name(path: str) -> str | None:
    """The reader a file name asks for, or None for an unknown extension."""
    return EXTENSIONS.get(split_name(path)[1])


def sniff(head: bytes) -> str:
    """The format the first bytes of a (decompressed) input look like: "warc", "jsonl",
    "feed", "html", "xml" (XML that is not a feed), or "text"."""
    bom = bom_encoding(head)
    if bom in ("utf-16", "utf-32"):
        head = head.decode(bom, "ignore").encode("utf-8")
    elif bom:
        head = head[3:]
    start = head.lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if not start.startswith(b"<"):
        return "text"
    body = start[_XML_PROLOGUE.match(start).end() :]
    if _FEED_ROOT.match(body):
        return "feed"
    if _HTML_START.search(start[:SNIFF_BYTES]):
        return "html"
    if start.startswith(b"<?xml"):
        return "xml"
    return "html"
