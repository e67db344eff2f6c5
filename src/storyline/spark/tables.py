"""The Spark job's Parquet tables: the store's layout (`store/layout.py`), and the rows each
article, assignment and story gives in it.

Rows come from the same mapping the store uses (`PARTS`, the article columns, the
fingerprint), so `storyline load` inserts them unchanged. The store's `ingested_at` and
`updated_at` are set when the rows are loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from ..record import Article
from ..store.duckdb import ARTICLE_COLUMNS, fingerprint
from ..store.layout import ARTICLES, LOADED_TABLES, RAW_INPUTS, STORIES, STORY_ASSIGNMENTS, Table, day_of
from ..store.parts import PARTS


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
