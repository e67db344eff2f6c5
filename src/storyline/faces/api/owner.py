"""The one process that owns the store while it runs: `storyline serve` (and `storyline watch`).

DuckDB lets one process write a file and no other process open it meanwhile. So the server
opens the store once, for writing, and keeps it: every request reads through its own cursor
(a connection to the same open database, seeing what is committed, never waiting for a write
in progress), and every write (a batch of the watcher, a POSTed ingest, an ingest handed over
by the CLI) takes the one write lock for one transaction at a time, never waiting for readers.
Other processes reach the store through this one (local.py), not by opening the file.

The store is opened on first use: until it exists (a read-only server over a path with no
store yet) or while another process holds it, requests are answered 503 and it is tried again
on the next request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ...pipeline import Placement
from ...store import Store


class StoreOwner:
    """Readers on cursors and one writer at a time, over the store `opener(create=...)` opens
    (it may raise, e.g. an HTTP 503, and is called again on the next use). With `creates`, the
    first write creates the store where there is none; reading never does."""

    def __init__(self, opener: Callable[..., Store], *, creates: bool = False):
        self.opener = opener
        self.creates = creates
        self._root: Store | None = None
        self._opening = threading.Lock()
        self._write = threading.RLock()  # reentrant: a write may read through the writer
        self._writer: Store | None = None
        self.placement = Placement()  # the stories in memory, valid while every write goes through here

    def _opened(self, create: bool = False) -> Store:
        with self._opening:
            if self._root is None:
                self._root = self.opener(create=create)
                self._writer = self._root.cursor()
            return self._root

    def _cursor(self) -> Store:
        root = self._opened()
        with self._opening:  # a cursor is made from the root connection, which runs nothing else
            return root.cursor()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A Store of its own for one request (or one command handed over)."""
        store = self._cursor()
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The writer, for one write at a time (readers go on meanwhile)."""
        self._opened(create=self.creates)
        with self._write:
            yield self._writer

    def close(self) -> None:
        """Let go of the store (the server is stopping), once the write in progress ends."""
        with self._write, self._opening:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            if self._root is not None:
                self._root.close()
                self._root = None
