"""The watched sources' tables: each feed's schedule, its last poll and the entries it has
given (what `storyline watch` and `storyline sources` read and write). Part of `Store`."""

from __future__ import annotations


class SourceTables:
    """The `Store` methods over the sources tables (they use the store's `_db` connection)."""
