"""Where articles are kept. `open_store` is the one way in; `Store` is the narrow interface the
pipeline, Spark, the evaluations and the faces use (DuckDB by default); the stages never see it."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .duckdb import AddResult, Store

__all__ = ["AddResult", "Store", "open_store"]


def open_store(
    path: str | Path = "storyline.duckdb", *, read_only: bool = False, must_exist: bool = False,
    memory_mb: int | None = None,
) -> Store:
    """Open (and create or migrate, unless read-only) the store at `path`. `memory_mb` caps
    DuckDB's memory for this connection (it spills to disk beyond); None leaves DuckDB's own
    default (80% of the machine's memory)."""
    path = str(path)
    if path != ":memory:" and (read_only or must_exist) and not Path(path).exists():
        raise StoreError(f"no store at '{path}': run 'storyline ingest' first, or pass --db")
    return Store(path, read_only=read_only, memory_mb=memory_mb)
