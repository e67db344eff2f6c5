"""`storyline load DIR`: a Spark run's Parquet tables (layout.py) into the store, in one
transaction, with `Store.add_articles`' rules: new articles added, changed ones replaced (their
first-ingested time kept), identical ones left alone, duplicates marked again; the run's story
assignments and stories replace those of the same articles and ids. Loading twice changes
nothing; a missing, unfinished or corrupt output is refused with its name, the store untouched.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import StoreError
from .duckdb import PEOPLE_FROM, Store, _now
from .layout import ARTICLES, LOADED_TABLES, MANIFEST, STORIES, STORY_ASSIGNMENTS, Table


@dataclass
class LoadResult:
    """What one load changed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    stories: int = 0

    def as_dict(self) -> dict:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged, "stories": self.stories}


def load_parquet(store: Store, directory: str, *, progress: Callable[..., None] | None = None) -> LoadResult:
    """Bring the Spark output in `directory` (a local folder) into `store`. `progress(advance=1,
    total=None)` is told of each table as it is loaded."""
    sources = _check(directory)
    db = store._db
    result = LoadResult()
    steps = len(LOADED_TABLES) + 1  # the incoming articles compared, then each table
    tell = progress or (lambda advance=1, total=None: None)

    def step(advance: int = 1) -> None:
        tell(advance, steps)
    with store._transaction(f"load the Spark output '{directory}' into '{store.path}'"):
        db.execute(f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT {_columns(ARTICLES)} FROM {sources['articles']}")
        db.execute(
            """
            CREATE OR REPLACE TEMP TABLE changed AS
            SELECT i.id, a.ingested_at, a.content_hash AS old_hash, a.id IS NOT NULL AS known
            FROM incoming i LEFT JOIN articles a ON a.id = i.id
            WHERE a.fingerprint IS DISTINCT FROM i.fingerprint
            """
        )
        total = db.execute("SELECT count(*) FROM incoming").fetchone()[0]
        result.updated, changed = db.execute("SELECT count(*) FILTER (known), count(*) FROM changed").fetchone()
        result.new, result.unchanged = changed - result.updated, total - changed
        step()
        if changed:
            _replace_articles(db, sources, step)
            hashes = db.execute(
                "SELECT list(DISTINCT h) FROM (SELECT old_hash AS h FROM changed UNION ALL "
                "SELECT content_hash FROM incoming WHERE id IN (SELECT id FROM changed)) WHERE h IS NOT NULL"
            ).fetchone()[0]
            store._mark_duplicates(set(hashes or []))
        else:
            for _ in range(len(LOADED_TABLES) - 2):
                step()
        result.stories = _replace_stories(db, sources)
        step(2)
        db.execute("DROP TABLE incoming")
        db.execute("DROP TABLE changed")
    return result


def _replace_articles(db: duckdb.DuckDBPyConnection, sources: dict[str, str], step: Callable[[], None]) -> None:
    for table in LOADED_TABLES:
        if table in (STORY_ASSIGNMENTS, STORIES):
            continue
        key = "id" if table is ARTICLES else "article_id"
        db.execute(f"DELETE FROM {table.name} WHERE {key} IN (SELECT id FROM changed)")
    now = _now()
    stored = [c for c in ARTICLES.stored_columns if c != "duplicate_of"]
    db.execute(
        f"""
        INSERT INTO articles ({', '.join(stored)}, ingested_at, updated_at)
        SELECT {', '.join('i.' + c for c in stored)}, coalesce(c.ingested_at, $now), $now
        FROM incoming i JOIN changed c ON c.id = i.id
        """,
        {"now": now},
    )
    step()
    for table in LOADED_TABLES:
        if table in (ARTICLES, STORY_ASSIGNMENTS, STORIES):
            continue
        db.execute(
            f"INSERT INTO {table.name} ({', '.join(table.stored_columns)}) "
            f"SELECT {_columns(table)} FROM {sources[table.name]} WHERE article_id IN (SELECT id FROM changed)"
        )
        step()
    # the surname look-up `known_people` reads, kept in step with article_entities
    db.execute("DELETE FROM person_surnames WHERE article_id IN (SELECT id FROM changed)")
    db.execute(PEOPLE_FROM.format(rows="SELECT * FROM article_entities WHERE article_id IN (SELECT id FROM changed)"))


def _replace_stories(db: duckdb.DuckDBPyConnection, sources: dict[str, str]) -> int:
    """The run's assignments replace those of its articles (placed after the store's others, in
    the run's order); its stories replace those of the same id; stories left with no article go."""
    db.execute(f"CREATE OR REPLACE TEMP TABLE incoming_assignments AS SELECT {_columns(STORY_ASSIGNMENTS)} "
               f"FROM {sources['story_assignments']}")  # fmt: skip
    db.execute("DELETE FROM story_assignments WHERE article_id IN (SELECT article_id FROM incoming_assignments)")
    start = db.execute("SELECT coalesce(max(position) + 1, 0) FROM story_assignments").fetchone()[0]
    columns = STORY_ASSIGNMENTS.stored_columns
    db.execute(
        f"INSERT INTO story_assignments ({', '.join(columns)}) "
        f"SELECT {', '.join('position + $start' if c == 'position' else c for c in columns)} "
        "FROM incoming_assignments",
        {"start": start},
    )
    db.execute(f"CREATE OR REPLACE TEMP TABLE incoming_stories AS SELECT {_columns(STORIES)} FROM {sources['stories']}")
    db.execute("DELETE FROM stories WHERE id IN (SELECT id FROM incoming_stories)")
    db.execute(f"INSERT INTO stories ({', '.join(STORIES.stored_columns)}) SELECT * FROM incoming_stories")
    db.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_assignments)")
    count = db.execute("SELECT count(*) FROM incoming_stories").fetchone()[0]
    db.execute("DROP TABLE incoming_assignments")
    db.execute("DROP TABLE incoming_stories")
    return count


def _columns(table: Table) -> str:
    """The stored columns, cast to the store's types (Parquet may type an all-null column loosely)."""
    return ", ".join(f"CAST({c} AS {table.type_of(c)}) AS {c}" for c in table.stored_columns)


def _check(directory: str) -> dict[str, str]:
    """Each table's Parquet source as SQL, once the output is known to be a finished run whose
    files DuckDB can read with the expected columns; else a StoreError naming what is wrong."""
    if "://" in directory and not directory.startswith("file://"):
        raise StoreError(f"cannot load '{directory}': copy the Spark output to a local folder first")
    directory = directory.removeprefix("file://")
    if not os.path.isdir(directory):
        raise StoreError(f"no Spark output at '{directory}': not a folder")
    manifest = os.path.join(directory, MANIFEST)
    try:
        with open(manifest, encoding="utf-8") as f:
            described = json.load(f)
    except FileNotFoundError:
        raise StoreError(f"'{directory}' is not a finished 'storyline spark run' output: no {MANIFEST}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"cannot read '{manifest}': {exc}") from exc
    if not isinstance(described, dict) or described.get("format") != "storyline-spark":
        raise StoreError(f"'{manifest}' does not describe a 'storyline spark run' output")
    sources = {}
    probe = duckdb.connect()
    try:
        for table in LOADED_TABLES:
            folder = os.path.join(directory, table.name)
            if not os.path.isdir(folder):
                raise StoreError(f"the Spark output '{directory}' has no '{table.name}' table")
            files = sorted(glob.glob(os.path.join(glob.escape(folder), "**", "*.parquet"), recursive=True))
            if not files:
                sources[table.name] = _empty(table)
                continue
            source = f"read_parquet({_sql_list(files)}, union_by_name = true, hive_partitioning = false)"
            try:
                found = {row[0] for row in probe.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
                probe.execute(f"SELECT count(*) FROM {source}").fetchone()
            except duckdb.Error as exc:
                raise StoreError(f"cannot read the '{table.name}' table of '{directory}': {exc}") from exc
            missing = [c for c in table.stored_columns if c not in found]
            if missing:
                raise StoreError(f"the '{table.name}' table of '{directory}' lacks the columns {', '.join(missing)}")
            sources[table.name] = source
    finally:
        probe.close()
    return sources


def _empty(table: Table) -> str:
    """A source with the table's columns and no rows."""
    return "(SELECT " + ", ".join(f"CAST(NULL AS {table.type_of(c)}) AS {c}" for c in table.stored_columns) + " LIMIT 0)"


def _sql_list(items: list[str]) -> str:
    return "[" + ", ".join("'" + item.replace("'", "''") + "'" for item in items) + "]"


__all__ = ["LoadResult", "load_parquet"]
