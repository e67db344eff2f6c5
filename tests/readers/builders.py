"""Test inputs built in code: HTML pages and WARC files. (HTTP routes: helpers.Route.)"""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from helpers import Route  # noqa: F401  (re-exported for the reader tests)


def page(title: str, body: str = "", charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{body or 'Some words of the article.'}</p></article></body></html>"
    )


def build_warc(records: list[dict], gzip: bool = False) -> bytes:
    """A WARC of `records`: dicts with uri, body (bytes), and optionally type ("response",
    "resource", "request"), status and content_type."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for spec in records:
        kind = spec.get("type", "response")
        content_type = spec.get("content_type", "text/html; charset=utf-8")
        if kind == "response":
            http = StatusAndHeaders(spec.get("status", "200 OK"), [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(spec["uri"], "response", payload=io.BytesIO(spec["body"]), http_headers=http)
        elif kind == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            record = writer.create_warc_record(spec["uri"], "request", payload=io.BytesIO(b""), http_headers=http)
        else:
            record = writer.create_warc_record(
                spec["uri"], kind, payload=io.BytesIO(spec["body"]), warc_content_type=content_type
            )
        writer.write_record(record)
    return buffer.getvalue()


def sort_out(results) -> tuple[list, list]:
    """(documents, errors) from a reader's output, each in order; notices are left out."""
    from storyline.errors import Notice, ReaderError

    results = [r for r in results if not isinstance(r, Notice)]
    errors = [r for r in results if isinstance(r, ReaderError)]
    return [r for r in results if not isinstance(r, ReaderError)], errors
