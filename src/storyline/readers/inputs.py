"""Opening inputs as byte streams: files, stdin, gzip, and reading them within the size limit.

A gzip stream is recognised by its magic bytes (whatever the file is called) and decompressed
on the fly. Damage in it (a truncated file, a corrupt block) ends the stream early and is
noted in `Gunzip.damage`, so a streaming reader can keep what it read before the damage; so
is a stream that inflates past `max_gzip_ratio` times its size (a decompression bomb) or past
`max_decompressed_mb`.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import ReaderError
from .decoding import looks_binary

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024
MAX_GZIP_RATIO = 100.0  # the `max_gzip_ratio` setting's default: text compresses 3 to 10 times
_RATIO_FLOOR = 4 * 1024 * 1024  # below this much output no ratio is a bomb


class _Wrapping(io.RawIOBase):
    """A raw stream over another: closing it closes what it reads from, so a file never waits
    for the garbage collector (an error's traceback can keep it alive until the run ends)."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._stream.close()
        super().close()


class _Replay(_Wrapping):
    """`head` (already read from `rest`) followed by the rest of `rest`."""

    def __init__(self, head: bytes, rest: BinaryIO):
        super().__init__(rest)
        self._head = head

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Gunzip(io.RawIOBase):
    """A gzip stream's decompressed bytes. Damage ends the stream early, as if the data ended
    there, and is kept in `damage` for the reader to report once it has used what came
    before. (Raising at once would lose what the caller had buffered but not yet parsed.)"""

    def __init__(self, compressed: BinaryIO, max_ratio: float = MAX_GZIP_RATIO, max_bytes: int = 0):
        self._counted = _Counted(compressed)
        self._gzip = gzip.GzipFile(fileobj=self._counted, mode="rb")
        self._max_ratio = max_ratio
        self._max_bytes = max_bytes  # 0: no limit but the ratio
        self.decompressed = 0  # bytes handed out so far, for error messages
        self.damage: str | None = None  # what went wrong, once it has

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._gzip.close()
            self._counted.close()
        super().close()

    def readinto(self, buffer) -> int:
        if self.damage:
            return 0
        try:
            data = self._gzip.read1(len(buffer))
        except EOFError:
            self.damage = f"truncated gzip: the file ends after {self.decompressed:,} decompressed bytes"
            return 0
        except (gzip.BadGzipFile, zlib.error) as exc:
            self.damage = f"damaged gzip after {self.decompressed:,} decompressed bytes: {exc}"
            return 0
        buffer[: len(data)] = data
        self.decompressed += len(data)
        if self._max_bytes and self.decompressed > self._max_bytes:
            self.damage = f"gzip inflates past {self._max_bytes:,} bytes (max_decompressed_mb): stopped there"
        elif self._max_ratio and self.decompressed > _RATIO_FLOOR and self.decompressed > self._max_ratio * self._counted.read_bytes:
            # a decompression bomb: a few MB that inflate to billions of empty lines
            self.damage = (f"gzip inflates over {self._max_ratio:g}x its size (max_gzip_ratio), a decompression bomb: "
                           f"stopped after {self.decompressed:,} decompressed bytes")  # fmt: skip
        return len(data)


class _Counted(_Wrapping):
    """A stream that counts the bytes read from it (the compressed side of a Gunzip)."""

    def __init__(self, stream: BinaryIO):
        super().__init__(stream)
        self.read_bytes = 0

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.read_bytes += len(data)
        return len(data)


def _read_exactly(stream: BinaryIO, n: int) -> bytes:
    parts = []
    while n > 0:
        part = stream.read(n)
        if not part:
            break
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def peek(stream: BinaryIO, n: int) -> tuple[bytes, BinaryIO]:
    """The first `n` bytes of `stream` (fewer at its end), and a stream that still starts with
    them. Works on pipes, which cannot seek back."""
    head = _read_exactly(stream, n)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=_CHUNK)


def gunzipped(stream: BinaryIO, max_ratio: float = MAX_GZIP_RATIO, max_bytes: int = 0) -> tuple[BinaryIO, Gunzip | None]:
    """`stream`, decompressed if it starts with the gzip magic; and the decompressor, whose
    `damage` says whether the stream ended early, or None if it was not gzip."""
    head, stream = peek(stream, 2)
    if head == GZIP_MAGIC:
        gunzip = Gunzip(stream, max_ratio, max_bytes)
        return io.BufferedReader(gunzip, buffer_size=_CHUNK), gunzip
    return stream, None


def open_input(path: str) -> tuple[BinaryIO, Gunzip | None]:
    """The file at `path`, decompressed if it is gzip; and the decompressor (see `gunzipped`)."""
    return gunzipped(open(path, "rb"))


def each_from(origin: str, stream: BinaryIO | None, read_from) -> Iterator:
    """What `read_from(source)` yields for `stream`, or for the file `origin` opened here (and
    closed after); a file that cannot be opened is one ReaderError naming it."""
    try:
        source = stream if stream is not None else open(origin, "rb")
    except OSError as exc:
        yield ReaderError(origin, exc.strerror or str(exc))
        return
    try:
        yield from read_from(source)
    finally:
        if stream is None:
            source.close()


def too_large(size: int | None, limit: int, what: str = "") -> str:
    """The message for an input over the size limit."""
    what = what + " " if what else ""
    amount = f"more than {limit:,} bytes" if size is None else f"{size:,} bytes"
    return (
        f"{what}too large: {amount}, over the limit of {limit:,} bytes "
        f"(raise the setting max_input_mb to read it)"
    )


def read_limited(stream: BinaryIO, origin: str, limit: int, locator: str | None = None, what: str = "") -> bytes:
    """All of `stream`, or ReaderError if it holds more than `limit` bytes."""
    data = _read_exactly(stream, limit + 1)
    if len(data) > limit:
        raise ReaderError(origin, too_large(None, limit, what), locator)
    return data


def load_whole(origin: str, limit: int, path: str | None = None, stream: BinaryIO | None = None) -> bytes:
    """The whole of one document (a file, or `stream`), checked: within the size limit, not
    empty, not binary. Raises ReaderError otherwise."""
    if stream is None:
        if path is None:
            raise ValueError("load_whole needs a path or a stream")
        try:
            stream, gunzip = open_input(path)
        except OSError as exc:
            raise ReaderError(origin, exc.strerror or str(exc)) from None
        with stream:
            size = os.path.getsize(path)
            if size > limit:
                raise ReaderError(origin, too_large(size, limit, "compressed file" if gunzip else ""))
            data = read_limited(stream, origin, limit, what="decompressed" if gunzip else "")
    else:
        stream, gunzip = gunzipped(stream)
        data = read_limited(stream, origin, limit, what="decompressed" if gunzip else "")
    if gunzip is not None and gunzip.damage:
        raise ReaderError(origin, gunzip.damage)
    if not data.strip():
        raise ReaderError(origin, "empty: no content" if not data else "empty: only white space")
    if looks_binary(data):
        raise ReaderError(origin, "looks binary (NUL or control bytes), not text")
    return data
