"""The Parquet layout of a store: the store's tables (`schema.py`), column for column, with a
`published_day` partition column (the article's publication date, or 'undated'). The Spark job
writes it (spark/tables.py) and `storyline load` reads it (parquet.py).

    articles, raw_inputs           one row per article
    paragraphs … quotes (parts.py)  one row per item of a list on the Article, in order
    story_assignments, stories     what the story pass decided
    errors                         every input or article that failed, and why

A folder holds one directory per table and `_storyline.json` (MANIFEST), written last.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .duckdb import ARTICLE_COLUMNS
from .parts import PARTS, TYPES

PARTITION = "published_day"
UNDATED = "undated"

_EXTRA_TYPES = {  # store columns outside parts.TYPES (which types the article lists)
    "story_assignments.position": "BIGINT", "probability": "DOUBLE", "explanation": "JSON",
    "first_seen": "DATE", "last_seen": "DATE", "stories.articles": "INTEGER", "outlets": "VARCHAR[]",
    "independent_sources": "INTEGER", "merged_from": "VARCHAR[]",
}  # fmt: skip


@dataclass(frozen=True)
class Table:
    """One Parquet table: its name (the store table it loads into) and its columns in order
    (the partition column last)."""

    name: str
    columns: tuple[str, ...]

    def type_of(self, column: str) -> str:
        """The column's DuckDB type, as the store declares it."""
        if column == PARTITION:
            return "VARCHAR"
        return _EXTRA_TYPES.get(f"{self.name}.{column}") or _EXTRA_TYPES.get(column) or TYPES.get(column, "VARCHAR")

    @property
    def stored_columns(self) -> tuple[str, ...]:
        """The columns that go into the store's table (all but the partition)."""
        return tuple(c for c in self.columns if c != PARTITION)


ARTICLES = Table("articles", ARTICLE_COLUMNS + ("duplicate_of", "fingerprint", PARTITION))
RAW_INPUTS = Table("raw_inputs", ("article_id", "raw", PARTITION))
PART_TABLES = tuple(Table(p.table, ("article_id", "position") + p.columns + (PARTITION,)) for p in PARTS)
STORY_ASSIGNMENTS = Table(
    "story_assignments",
    ("article_id", "position", "story_id", "decision", "probability", "copy_of", "explanation", PARTITION),
)
STORIES = Table(
    "stories",
    ("id", "title", "first_seen", "last_seen", "articles", "outlets", "independent_sources", "merged_from", PARTITION),
)
ERRORS = Table("errors", ("input", "stage", "message"))

ARTICLE_TABLES = (ARTICLES, RAW_INPUTS, *PART_TABLES)  # written from the articles, in parallel
LOADED_TABLES = ARTICLE_TABLES + (STORY_ASSIGNMENTS, STORIES)  # what `storyline load` reads
MANIFEST = "_storyline.json"  # written last: a run that did not finish has none


def day_of(published: str | dt.date | None) -> str:
    """The partition a publication date falls in."""
    if not published:
        return UNDATED
    return str(published)[:10]
