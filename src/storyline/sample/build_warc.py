"""Build the sample corpus's WARC file from the HTML pages kept in `warc_sources/`.

The archive stands in for a small crawl of one outlet (Continental Review): a warcinfo record,
then a request and a response for robots.txt and for each page listed in
`warc_sources/manifest.json`. Dates and record ids come from the manifest, so the same sources
always give the same records.

    python -m storyline.sample.build_warc            # rewrite the committed file
    python -m storyline.sample.build_warc OUT.warc.gz
"""

from __future__ import annotations

import json
import sys
from email.utils import format_datetime
from datetime import datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
SOURCES = HERE / "warc_sources"
HOST = "https://www.continentalreview.example"
SERVER = "nginx"


def _manifest(sources: Path) -> dict:
    return json.loads((sources / "manifest.json").read_text(encoding="utf-8"))


def default_output(sources: Path = SOURCES) -> Path:
    """Where the committed WARC file lives, as named in the manifest."""
    return HERE / _manifest(sources)["warc_file"]


def _record_id(base: str, kind: str) -> str:
    # A request's id is its response's id with the variant group changed, so both stay fixed.
    return base if kind == "response" else base.replace("-8000-", "-9000-")


def _http_date(warc_date: str) -> str:
    return format_datetime(datetime.fromisoformat(warc_date.replace("Z", "+00:00")), usegmt=True)


def _write_pair(writer: WARCWriter, url: str, body: bytes, content_type: str, warc_date: str, record_id: str) -> None:
    path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
    request_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", HOST.split("//")[1]), ("User-Agent", "storyline-sample-crawler/1.0"), ("Accept", "text/html,*/*")],
        protocol="",
        is_http_request=True,
    )
    request = writer.create_warc_record(
        url,
        "request",
        http_headers=request_headers,
        warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": _record_id(record_id, "request")},
    )
    response_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Date", _http_date(warc_date)),
            ("Server", SERVER),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
        ],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=response_headers,
        warc_headers_dict={
            "WARC-Date": warc_date,
            "WARC-Record-ID": record_id,
            "WARC-Concurrent-To": _record_id(record_id, "request"),
        },
    )
    writer.write_record(request)
    writer.write_record(response)


def build_warc(out: Path | None = None, sources: Path = SOURCES) -> Path:
    """Write the WARC for `sources` to `out` (default: the committed file) and return its path."""
    manifest = _manifest(sources)
    out = Path(out) if out is not None else default_output(sources)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")
        info = b"software: storyline.sample.build_warc\r\nformat: WARC File Format 1.0\r\n" \
               b"description: sample crawl of continentalreview.example for Storyline tests\r\n"
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Date": manifest["warcinfo_date"],
                    "WARC-Record-ID": manifest["warcinfo_record_id"],
                    "WARC-Filename": Path(manifest["warc_file"]).name,
                },
            )
        )
        robots = (sources / "robots.txt").read_bytes()
        _write_pair(writer, HOST + "/robots.txt", robots, "text/plain", manifest["warcinfo_date"],
                    manifest["warcinfo_record_id"].replace("000000000000>", "999999999999>"))
        for entry in manifest["records"]:
            body = (sources / entry["file"]).read_bytes()
            content_type = f"text/html; charset={entry['charset']}"
            _write_pair(writer, entry["url"], body, content_type, entry["warc_date"], entry["record_id"])
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = build_warc(Path(args[0]) if args else None)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
