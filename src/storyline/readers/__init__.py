"""Readers: turn files, directories, stdin and feed URLs into `RawDocument`s.

`read()` is the one entry point. It yields a `ReaderError` (it does not raise) for an input,
line or record it cannot read, so one bad file does not stop a batch; the caller reports them.

Each reader in `READERS` takes `(origin, settings, hints, stream=None)` and yields documents
and errors for one input: the file at `origin`, or `stream` when the input is stdin. The feed
reader also takes the run's `fetcher` and yields a `Notice` for each entry it stored from its
summary (its linked page could not be had): told to the user, never counted as a failure.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, MutableMapping
from typing import BinaryIO

from ..config import Settings
from ..errors import Notice, ReaderError, StorylineError
from ..record import Hints, RawDocument
from .decoding import looks_binary
from .feed import is_url, read_feed
from .fetch import Fetcher
from .formats import SNIFF_BYTES, TEXT_EXTENSIONS, format_of_name, sniff, split_name
from .html import read_html
from .inputs import gunzipped, open_input, peek
from .jsonl import read_jsonl
from .text import read_text
from .warc import read_warc

READERS = {"text": read_text, "html": read_html, "warc": read_warc, "feed": read_feed, "jsonl": read_jsonl}

STDIN = "<stdin>"

__all__ = ["READERS", "STDIN", "Fetcher", "read", "read_file", "read_stream", "walk"]


def read(
    paths: Iterable[str | os.PathLike],
    settings: Settings,
    hints: Hints = Hints(),
    *,
    cache: MutableMapping | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | ReaderError]:
    """Every document in `paths`: files, directories (walked), "-" for stdin (or `stdin`: the
    bytes another process read from its own), and http(s) feed URLs. `hints` fills the gaps in
    each document's own metadata. `cache` keeps feed validators (ETag, Last-Modified) between
    runs; the pipeline keeps them in the store."""
    fetcher = Fetcher(settings, cache)
    try:
        for path in map(os.fspath, paths):  # str or pathlib.Path
            if path == "-":
                yield from read_stream(STDIN, stdin or sys.stdin.buffer, settings, hints)
            elif is_url(path):
                yield from guarded(path, read_feed(path, settings, hints, fetcher=fetcher))
            elif os.path.isdir(path):
                for found in walk(path):
                    yield from read_file(found, settings, hints, walking=True, fetcher=fetcher)
            elif os.path.exists(path):
                if not is_sidecar(path):
                    yield from read_file(path, settings, hints, fetcher=fetcher)
            else:
                yield ReaderError(path, "no such file or directory")
    finally:
        fetcher.close()


def guarded(origin: str, found: Iterator[RawDocument | ReaderError]) -> Iterator[RawDocument | ReaderError]:
    """A reader's output, with an OS error (permission denied, a file vanishing) or any other
    exception that is not the project's own (a dependency choking on one odd input) as a
    ReaderError naming the input: what was read before it is kept, and the run goes on."""
    try:
        yield from found
    except ReaderError as exc:
        yield exc
    except StorylineError:
        raise  # a setting or the store: the run's, not this input's
    except OSError as exc:
        yield ReaderError(origin, exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 (the point: nothing but our errors leaves a reader)
        yield ReaderError(origin, f"cannot read it: {type(exc).__name__}: {exc}")


def _special(path: str) -> str | None:
    """What a path is when it is not a regular file or a link to one: a FIFO, a socket, a device."""
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):  # fmt: skip
        if test(mode):
            return name
    return "not a file"


def is_sidecar(path: str) -> bool:
    """Whether `path` is the metadata JSON of a text file beside it ('a.json' of 'a.txt')."""
    stem, ext, gz = split_name(path)
    if ext != ".json" or gz:
        return False
    return any(os.path.isfile(stem + text + suffix) for text in TEXT_EXTENSIONS for suffix in ("", ".gz"))


def walk(directory: str) -> Iterator[str]:
    """The files under `directory`, recursively, in sorted order, without hidden files and
    folders or sidecar JSON files. (`read()` also passes over binary files of unknown type.)"""
    found = []
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for name in files:
            path = os.path.join(folder, name)
            if not name.startswith(".") and not is_sidecar(path):
                found.append(path)
    yield from sorted(found, key=lambda p: os.path.relpath(p, directory).split(os.sep))


def read_file(path: str, settings: Settings, hints: Hints = Hints(), *, walking: bool = False,
              fetcher: Fetcher | None = None) -> Iterator[RawDocument | ReaderError]:  # fmt: skip
    """The documents in one file, as `read` gives them; `walking`: found by walking a folder,
    so a binary file of unknown type is passed over instead of reported. A saved feed fetches
    its entries' linked pages with `fetcher` (the run's, so hosts are throttled across feeds)."""
    return guarded(path, _read_file(path, settings, hints, walking=walking, fetcher=fetcher))


def _read_file(path: str, settings: Settings, hints: Hints, walking: bool = False,
               fetcher: Fetcher | None = None) -> Iterator[RawDocument | ReaderError]:  # fmt: skip
    kind = _special(path)
    if kind:  # opening a FIFO waits for a writer forever; a device may never end
        yield ReaderError(path, f"not a regular file ({kind}): not read")
        return
    by_name = format_of_name(path)
    stream, _ = open_input(path)
    with stream:
        head = stream.read(SNIFF_BYTES)
    if walking and by_name is None and looks_binary(head):
        # Images, databases (the store itself may sit beside the inputs): found by walking a
        # folder, not asked for, so not worth an error. Named on the command line, they are.
        return
    if split_name(path)[1] == ".json" and not _holds_articles(head):
        # Found by walking, a manifest or config file beside the articles is not worth an
        # error; named on the command line, it is one.
        message = "a .json file that is neither JSON lines of articles nor a text's sidecar"
        yield Notice(path, message + ": skipped") if walking else ReaderError(path, message)
        return
    by_content = sniff(head) if head.strip() else None
    if by_name == "feed" and by_content not in (None, "feed"):
        yield ReaderError(path, f"not an RSS or Atom feed: the content looks like {_KIND_NAMES[by_content]}")
        return
    kind = by_name or by_content or "text"
    if kind == "xml":
        yield ReaderError(path, "XML, but not an RSS or Atom feed")
        return
    more = {"fetcher": fetcher} if kind == "feed" else {}
    yield from READERS[kind](path, settings, hints, **more)


def _holds_articles(head: bytes) -> bool:
    """Whether a .json file's first bytes start an article record: a JSON object on its first
    line with 'text' or 'html' (what the JSON Lines reader reads), or a first line too long to
    judge from `head`, left to the reader. A list, a number, a pretty-printed object (the
    reader could not read it either) or an object of other keys is not one."""
    first = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").split("\n", 1)
    if not first[0].startswith("{"):
        return False
    try:
        record = json.loads(first[0])
    except ValueError:
        return len(first) == 1 and len(head) >= SNIFF_BYTES  # the head ends inside the first line
    return isinstance(record, dict) and ("text" in record or "html" in record)


def read_stream(origin: str, stream, settings: Settings, hints: Hints = Hints()) -> Iterator[RawDocument | ReaderError]:
    """The documents in a byte stream that has no file of its own (stdin, or bytes fetched from
    a Hadoop-compatible URI): gunzipped if need be, its format from `origin`'s name where that
    says one, else from its content; no sidecar."""
    return guarded(origin, _read_stream(origin, stream, settings, hints))


def _read_stream(origin: str, stream, settings: Settings, hints: Hints) -> Iterator[RawDocument | ReaderError]:
    stream, _ = gunzipped(stream)
    head, stream = peek(stream, SNIFF_BYTES)
    kind = format_of_name(origin) or sniff(head)
    if kind == "xml":
        yield ReaderError(origin, "XML, but not an RSS or Atom feed")
        return
    yield from READERS[kind](origin, settings, hints, stream=stream)


_KIND_NAMES = {
    "xml": "other XML",
    "html": "an HTML page",
    "warc": "a WARC file",
    "jsonl": "JSON lines",
    "text": "plain text",
}
