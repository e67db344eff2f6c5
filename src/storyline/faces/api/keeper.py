"""How the HTTP API shares one store file between requests, its own ingests, and other processes.

Many requests read at once, each through its own read-only connection; an ingest (POST
/api/articles) writes alone: DuckDB refuses to open one file read-only and read-write in one
process. Opening a DuckDB file cold costs tens of milliseconds (a large share of a story
page), so while requests keep coming one read-only connection stays open, which makes each
request's own connection nearly free (DuckDB shares an open database within a process). It is
closed after `keep_warm_s` seconds without a request, so another process (a `storyline ingest`)
can take the file's write lock between bursts of requests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ...store import Store

KEEP_WARM_S = 2.0


class StoreKeeper:
    """Readers at once or one writer, over the store at `path`, kept warm between requests.
    `opener(path, read_only=...)` opens a Store (and may raise, e.g. an HTTP 503)."""

    def __init__(self, path: str, opener: Callable[..., Store], keep_warm_s: float = KEEP_WARM_S):
        self.path, self.opener, self.keep_warm_s = path, opener, keep_warm_s
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._warm: Store | None = None
        self._last_read = 0.0
        self._timer: threading.Timer | None = None

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A read-only Store for one request."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            store = self.opener(self.path, read_only=True)
            try:
                self._keep_warm()
                yield store
            finally:
                store.close()
        finally:
            with self._cond:
                self._readers -= 1
                self._last_read = time.monotonic()
                self._cond.notify_all()
            self._schedule_cooling(self.keep_warm_s)

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The Store opened for writing, once no request is reading (the warm connection closed)."""
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._readers)
            self._writing = True
            self._close_warm()
        try:
            store = self.opener(self.path)
            try:
                yield store
            finally:
                store.close()
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        """Let go of the warm connection now (the server is stopping)."""
        with self._cond:
            if self._timer:
                self._timer.cancel()
            self._close_warm()

    def _keep_warm(self) -> None:
        with self._cond:
            if self._warm is not None or self.keep_warm_s <= 0:
                return
            try:  # nearly free: the request's own connection has just opened the database
                self._warm = self.opener(self.path, read_only=True)  # the same configuration, by construction
            except Exception:  # noqa: BLE001 (only an optimisation: the next request opens the store cold)
                self._warm = None

    def _schedule_cooling(self, after: float) -> None:
        with self._cond:
            if self._warm is None or (self._timer is not None and self._timer.is_alive()):
                return
            self._timer = threading.Timer(after, self._cool)
            self._timer.daemon = True
            self._timer.start()

    def _cool(self) -> None:
        """Close the warm connection if no request came for `keep_warm_s`; else look again later."""
        with self._cond:
            self._timer = None
            idle = time.monotonic() - self._last_read
            if self._readers == 0 and idle >= self.keep_warm_s:
                self._close_warm()
                return
            wait = self.keep_warm_s if self._readers else max(0.05, self.keep_warm_s - idle)
        self._schedule_cooling(wait)

    def _close_warm(self) -> None:
        if self._warm is not None:
            self._warm.close()
            self._warm = None
