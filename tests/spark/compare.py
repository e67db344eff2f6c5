"""Row sets of two stores, table by table, for comparing the Spark path with `storyline ingest`."""

from __future__ import annotations

from storyline.store import open_store

# every table either path writes; the ingestion timestamps are the only columns left out
TABLES = (
    "articles", "raw_inputs", "paragraphs", "removed_parts", "sentences", "mentions", "article_entities",
    "time_expressions", "events", "quotes", "story_assignments", "stories",
)  # fmt: skip
IGNORED = {"ingested_at", "updated_at"}


def table_rows(db_path: str, table: str) -> list[tuple]:
    """Every row of `table`, sorted, without the ingestion timestamps."""
    with open_store(db_path, read_only=True) as store:
        columns = [r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ) if r["column_name"] not in IGNORED]  # fmt: skip
        rows = store.query(f"SELECT {', '.join(columns)} FROM {table}")
    return sorted((tuple((c, _plain(row[c])) for c in columns) for row in rows), key=repr)


def _plain(value):
    return tuple(value) if isinstance(value, list) else value


def differences(expected_db: str, actual_db: str) -> dict[str, tuple[int, int, list]]:
    """table -> (rows expected, rows found, a few rows that differ) for each table that differs."""
    out = {}
    for table in TABLES:
        expected, actual = table_rows(expected_db, table), table_rows(actual_db, table)
        if expected != actual:
            only = [("missing", r) for r in expected if r not in actual][:2] + [("extra", r) for r in actual if r not in expected][:2]
            out[table] = (len(expected), len(actual), only)
    return out
