"""A fuzz campaign over every reader and `clean`: seeded mutations of inputs we build here, read
the way `storyline ingest` reads them. A reader may only raise the project's own errors (and
should yield them, naming the input); anything else is a finding, counted by type and by the
line it was raised from.

    python fuzz/readers.py --inputs 1000000 --seed 1 --processes 2
    python fuzz/readers.py --inputs 20000 --format jsonl --show 5

The mutations are byte-level (flips, deletions, repeats, truncation, splices of two seeds) and
token-level: the strings that broke readers before (a lone surrogate escape, a surrogate
character reference, NUL, byte-order marks, gzip magic, deep brackets, a non-ASCII encoding
label, an impossible date). The same seed always gives the same inputs. tests/readers/
test_fuzz.py runs a few thousand of them in CI; the figure of the long run is in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storyline.clean import clean  # noqa: E402
from storyline.config import Settings  # noqa: E402
from storyline.errors import StorylineError  # noqa: E402
from storyline.readers.feed import read_feed  # noqa: E402
from storyline.readers.html import read_html  # noqa: E402
from storyline.readers.jsonl import read_jsonl  # noqa: E402
from storyline.readers.text import read_text  # noqa: E402
from storyline.readers.warc import read_warc  # noqa: E402
from storyline.record import RawDocument  # noqa: E402

STORY = ("Dockworkers at the port of Velstad walked out on Monday after talks on pay broke down. "
         "The union wants a seven percent rise; the operators have offered three and a half.")  # fmt: skip
TOKENS = [b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\\udc00", b"\\ud800", b"&#xD800;", b"&#55296;",
          b"\x1f\x8b", b"[" * 200, b"{" * 200, b"\r", b"\r\n", b"\n---\n", b'encoding="utf\xe9-8"', b"2025-02-30",
          b"0000-01-01", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98", "é".encode(), "\u2028".encode(), b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
          b"<![CDATA[", b"]]>", b"&amp;", b"&#0;", b"&#x110000;", b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n",
          b'"text": ', b'"published": "', b"title: ", b"\t", b" " * 50, b"\\", b'"', b"<", b">"]  # fmt: skip


def seeds() -> dict[str, bytes]:
    """One well-formed input per format."""
    text = f"Strike at Velstad port\n\n{STORY}\n\nTalks resume on Friday.\n".encode()
    front = f"---\ntitle: Strike\npublished: 2025-03-17\noutlet: Velstad Wire\n---\n\n{STORY}\n".encode()
    page = (f"<html><head><meta charset='utf-8'><title>Strike</title></head><body><article><h1>Strike</h1>"
            f"<p>{STORY}</p><p>Talks resume on Friday.</p></article></body></html>").encode()  # fmt: skip
    jsonl = "".join(json.dumps({"id": f"r{i}", "title": "Strike", "published": "2025-03-17", "text": STORY}) + "\n"
                    for i in range(2)).encode()  # fmt: skip
    rss = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           f"<channel><title>Velstad Wire</title><item><title>Strike</title><link>http://velstad.example/a</link>"
           f"<pubDate>Mon, 17 Mar 2025 08:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{STORY}</p><p>{STORY}</p>]]>"
           f"</content:encoded></item></channel></rss>").encode()  # fmt: skip
    atom = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
            f'<entry><title>Strike</title><link href="http://velstad.example/b"/><id>urn:b</id>'
            f'<updated>2025-03-17T08:00:00Z</updated><content type="text">{STORY}</content></entry></feed>').encode()  # fmt: skip
    return {"text": text, "front": front, "html": page, "jsonl": jsonl, "jsonl.gz": gzip.compress(jsonl),
            "rss": rss, "atom": atom, "warc": _warc(page)}  # fmt: skip


def _warc(page: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://velstad.example/c", "response", payload=io.BytesIO(page),
                                                  http_headers=http))  # fmt: skip
    return buffer.getvalue()


READERS = {"text": read_text, "front": read_text, "html": read_html, "jsonl": read_jsonl, "jsonl.gz": read_jsonl,
           "rss": read_feed, "atom": read_feed, "warc": read_warc}  # fmt: skip


def mutate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """`data` with one to four mutations."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        at = rng.randrange(len(out) + 1) if out else 0
        if choice < 0.25 and out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        elif choice < 0.5:
            out[at:at] = rng.choice(TOKENS)
        elif choice < 0.6 and out:
            del out[at : at + rng.randint(1, 64)]
        elif choice < 0.7 and out:
            piece = bytes(out[at : at + rng.randint(1, 32)])
            out[at:at] = piece * rng.randint(2, 50)
        elif choice < 0.8 and out:
            del out[at:]
        elif choice < 0.9:
            cut = rng.randrange(len(other) + 1)
            out[at:] = other[cut:]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(out)


def run_one(kind: str, data: bytes, settings: Settings) -> str | None:
    """None when the input was read (or refused with our own error); else where it broke."""
    try:
        for item in READERS[kind](f"fuzz.{kind}", settings, stream=io.BytesIO(data)):
            if isinstance(item, RawDocument):
                try:
                    clean(item)
                except StorylineError:
                    pass
    except StorylineError:
        return None  # raised rather than yielded, but ours: the caller's guard names the input
    except Exception as exc:  # noqa: BLE001 (the finding)
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
    return None


def campaign(inputs: int, seed: int = 1, only: str | None = None, show: int = 0) -> tuple[Counter, int]:
    """(findings by type and place, inputs run)."""
    rng = random.Random(seed)
    pool = seeds()
    kinds = [only] if only else list(pool)
    settings = Settings({"max_input_mb": 2.0}, environ={})
    found: Counter = Counter()
    for i in range(inputs):
        kind = kinds[i % len(kinds)]
        data = mutate(rng, pool[kind], pool[rng.choice(list(pool))])
        where = run_one(kind, data, settings)
        if where:
            found[f"{kind}: {where}"] += 1
            if show and sum(found.values()) <= show:
                print(f"finding {where} from {kind} input {data[:200]!r}", file=sys.stderr)
    return found, inputs


def _worker(args: tuple[int, int, str | None]) -> Counter:
    inputs, seed, only = args
    return campaign(inputs, seed, only)[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=sorted(seeds()), default=None)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--show", type=int, default=0, help="print the first N findings' inputs")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.processes > 1:
        from multiprocessing import Pool

        share = args.inputs // args.processes
        jobs = [(share + (args.inputs % args.processes if p == 0 else 0), args.seed * 1000 + p, args.format)
                for p in range(args.processes)]  # fmt: skip
        with Pool(args.processes) as pool:
            found = sum(pool.map(_worker, jobs), Counter())
    else:
        found, _ = campaign(args.inputs, args.seed, args.format, args.show)
    seconds = time.monotonic() - started
    for where, n in found.most_common():
        print(f"{n:8d}  {where}")
    print(f"{args.inputs:,} inputs in {seconds:.0f} s: {sum(found.values())} exceptions outside the project's errors "
          f"({len(found)} kinds), seed {args.seed}")  # fmt: skip
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
