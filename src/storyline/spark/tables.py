"""The Spark job's Parquet tables: the store's tables (`store/schema.py`), column for column,
with a `published_day` partition column (the article's publication date, or 'undated').

    articles, raw_inputs                 one row per article
    paragraphs … quotes (store/parts.py)  one row per item of a list on the Article, in order
    story_assignments, stories           what the story pass decided
    errors                               every input or article that failed, and why

Rows come from the same mapping the store uses (`PARTS`, the article columns, the
fingerprint), so `storyline load` inserts them unchanged. The store's `ingested_at` and
`updated_at` are set when the rows are loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from ..record import Article
from ..store.duckdb import ARTICLE_COLUMNS, fingerprint
from ..store.parts import PARTS, TYPES

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


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _typed(table: Table, values: list) -> tuple:
    """Python values as Spark wants them for the table's types (dates, lists)."""
    out = []
    for column, value in zip(table.columns, values):
        kind = table.type_of(column)
        if kind == "DATE":
            value = _date(value)
        elif kind.endswith("[]") and value is not None:
            value = list(value)
        out.append(value)
    return tuple(out)


def article_rows(article: Article, table: Table) -> Iterator[tuple]:
    """The rows `article` gives in `table` (one of ARTICLE_TABLES), as `Store.add_articles`
    would write them (without the load-time timestamps)."""
    day = day_of(article.published)
    if table.name == ARTICLES.name:  # by name: a table shipped to an executor is a copy
        values = [article.content_hash if c == "content_hash" else getattr(article, c) for c in ARTICLE_COLUMNS]
        yield _typed(table, [*values, article.duplicate_of, fingerprint(article), day])
    elif table.name == RAW_INPUTS.name:
        yield (article.id, bytes(article.raw), day)
    else:
        part = next(p for p in PARTS if p.table == table.name)
        for i, item in enumerate(getattr(article, part.field)):
            yield _typed(table, [article.id, i, *part.to_row(item), day])


def assignment_row(decision: dict, position: int, published: str | None) -> tuple:
    return _typed(STORY_ASSIGNMENTS, [
        decision["article_id"], position, decision["story_id"], decision["decision"], decision["probability"],
        decision["copy_of"], decision["explanation"], day_of(published),
    ])  # fmt: skip


def story_row(story: dict) -> tuple:
    return _typed(STORIES, [
        story["id"], story["title"], story["first_seen"], story["last_seen"], len(story["articles"]),
        story["outlets"], story["independent_sources"], story["merged_from"], day_of(story["first_seen"]),
    ])  # fmt: skip


def spark_schema(table: Table):
    """The table's Spark schema (pyspark imported only here and in the job)."""
    from pyspark.sql import types as T

    simple = {
        "VARCHAR": T.StringType(), "JSON": T.StringType(), "DOUBLE": T.DoubleType(), "DATE": T.DateType(),
        "INTEGER": T.IntegerType(), "BIGINT": T.LongType(), "BOOLEAN": T.BooleanType(), "BLOB": T.BinaryType(),
        "TIMESTAMP": T.TimestampType(), "VARCHAR[]": T.ArrayType(T.StringType()),
    }  # fmt: skip
    return T.StructType([T.StructField(c, simple[table.type_of(c)], nullable=True) for c in table.columns])


def manifest(summary: dict) -> str:
    return json.dumps({"format": "storyline-spark", "version": 1, "tables": [t.name for t in LOADED_TABLES],
                       **summary}, indent=2, default=str)  # fmt: skip
