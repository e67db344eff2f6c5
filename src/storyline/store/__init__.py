"""Where articles are kept. `open_store` is the one way in; `Store` is the narrow interface the
pipeline, Spark, the evaluations and the faces use (DuckDB by default); the stages never see it."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .duckdb import AddResult, Store

__all__ = ["AddResult", "Store", "memory_options", "open_store"]


def open_store(
    path: str | Path = "storyline.duckdb", *, read_only: bool = False, must_exist: bool = False,
    memory_mb: int | None = None, cache_mb: int | None = None,
) -> Store:
    """Open (and create or migrate, unless read-only) the store at `path`. `memory_mb` caps
    DuckDB's memory for this connection (it spills to disk beyond); None leaves DuckDB's own
    default (80% of the machine's memory). `cache_mb`: the table and index blocks DuckDB keeps
    cached after each committed write (None or 0: as many as `memory_mb` allows)."""
    path = str(path)
    if path != ":memory:" and (read_only or must_exist) and not Path(path).exists():
        raise StoreError(f"no store at '{path}': run 'storyline ingest' first, or pass --db")
    return Store(path, read_only=read_only, memory_mb=memory_mb, cache_mb=cache_mb)


def memory_options(settings) -> dict[str, int | None]:
    """`open_store`'s memory arguments from the settings (`db_memory_mb`, `db_cache_mb`), as
    every face opens the store."""
    return {"memory_mb": int(settings.db_memory_mb) or None, "cache_mb": int(settings.db_cache_mb) or None}
