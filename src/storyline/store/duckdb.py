"""The DuckDB store: one file, no server. All SQL for articles lives here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from ..errors import AmbiguousReference, ArticleNotFound, NotFound, StoreError, StorylineNotFound, StoryNotFound
from ..record import Article, Entity
from . import search
from .alerts import AlertTables
from .parts import PARTS, TYPES
from .schema import LATEST_VERSION, MIGRATIONS
from .sources import SourceTables

# `person_surnames` filled from rows shaped like article_entities' (the migration's own statement, 13)
PEOPLE_FROM = (
    "INSERT INTO person_surnames SELECT lower(regexp_extract(name, '([^ ]+)$', 1)), article_id, entity_key, name, "
    "country, titles, aliases FROM ({rows}) WHERE label = 'PERSON' AND name LIKE '% %'"
)
# duckdb_memory()'s tags for what DuckDB reads back from the file when it is needed again: the
# tables' blocks and the indexes' (ART) buffers
_CACHED_TAGS = ("BASE_TABLE", "ART_INDEX")
_CUT_WAIT_S = 0.5  # how long a cache cut waits for running queries before it is skipped


class _CacheGate:
    """Keeps queries on a store's cursors and the cache cut (`Store._trim_cache`) apart. The cut
    lowers the memory limit the whole database shares for a moment; a query running on another
    thread then can fail for memory it would have had a moment before. So the cut waits until
    no cursor query runs (new ones wait behind it, so a busy server cannot starve it), and is
    skipped if that takes longer than `_CUT_WAIT_S`: a cut not made only leaves the cache
    larger until the next write."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._running = 0  # cursor queries executing
        self._cutting = False
        self._waiting = 0  # cuts waiting for the queries to finish

    @contextmanager
    def query(self):
        with self._cond:
            self._cond.wait_for(lambda: not self._cutting and not self._waiting)
            self._running += 1
        try:
            yield
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()

    @contextmanager
    def cut(self, wait: float = _CUT_WAIT_S):
        """Yields whether the cut may go ahead (no query running, within `wait` seconds)."""
        with self._cond:
            self._waiting += 1
            clear = self._cond.wait_for(lambda: not self._running and not self._cutting, timeout=wait)
            self._waiting -= 1
            self._cutting = clear
            self._cond.notify_all()
        try:
            yield clear
        finally:
            if clear:
                with self._cond:
                    self._cutting = False
                    self._cond.notify_all()


class _GatedCursor:
    """A DuckDB cursor whose queries wait out a cache cut (`_CacheGate`). Results are
    materialised by `execute`, so fetching them afterwards needs no gate."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, gate: _CacheGate) -> None:
        self.raw, self._gate = cursor, gate

    def execute(self, *args, **kwargs):
        with self._gate.query():
            return self.raw.execute(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


_PER_LOOKUP = 50  # surnames per IN list in known_people: DuckDB uses the surname index for short literal lists
ARTICLE_COLUMNS = (
    "id", "key", "name", "external_id", "title", "dateline", "outlet", "url", "author",
    "published", "published_from", "language", "language_score", "text", "content_hash",
    "origin", "locator", "reader", "format", "encoding", "summary_only", "agency",
)  # fmt: skip
_LISTING_COLUMNS = (
    "id", "name", "title", "outlet", "published", "language", "duplicate_of", "origin", "url", "summary_only",
)  # fmt: skip


@dataclass
class AddResult:
    """What one `add_articles` call changed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


class Store(SourceTables, AlertTables):
    """A Storyline store in one DuckDB file (or in memory with path ':memory:')."""

    def __init__(self, path: str = ":memory:", *, read_only: bool = False, memory_mb: int | None = None,
                 cache_mb: int | None = None):  # fmt: skip
        self.path = path
        self._open = 0  # transactions open (Store.batch nests the writes inside it)
        # a store with no file has nowhere to read evicted blocks back from: its cache is its data
        self._cache_mb = (cache_mb or 0) if path != ":memory:" else 0
        self._gate = _CacheGate()  # shared with every cursor()
        try:
            self._db = duckdb.connect(path, read_only=read_only)
            if memory_mb:
                # set once connected, not in connect()'s config: DuckDB refuses a second
                # connection to a file one process already holds under another configuration
                # (the limit is the database's, shared by its connections in this process)
                self._db.execute(f"SET memory_limit = '{int(memory_mb)}MB'")
            # kept as given, so that setting it back after a trim never drifts by a rounding
            self._limit = (f"{int(memory_mb)}MB" if memory_mb else
                           self._db.execute("SELECT current_setting('memory_limit')").fetchone()[0])  # fmt: skip
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store '{path}': {exc}") from exc
        if not read_only:
            self._migrate()
        elif self._unapplied():
            raise StoreError(
                f"the store '{path}' has schema version {self.schema_version}, this Storyline "
                f"expects {LATEST_VERSION}: open it once for writing (e.g. storyline ingest) to migrate"
            )

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def cursor(self) -> Store:
        """Another Store over the same open database, with its own connection (a DuckDB
        cursor): one per thread. It sees what is committed, never waits for a transaction
        open on another cursor, and closing it leaves the database open. A server reads
        through cursors while its one writer stores batches."""
        twin = object.__new__(type(self))
        twin.path, twin._open = self.path, 0
        twin._cache_mb, twin._limit, twin._gate = self._cache_mb, self._limit, self._gate
        twin._db = _GatedCursor(self._connection.cursor(), self._gate)
        return twin

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _unapplied(self) -> list:
        """The migrations this store has not had, in order: judged by the versions applied, not
        the highest, so a store given a later one first (in a build where it landed earlier)
        still gets an earlier one it lacks."""
        try:
            applied = {row[0] for row in self._db.execute("SELECT version FROM schema_migrations").fetchall()}
        except duckdb.CatalogException:
            applied = set()
        return [m for m in MIGRATIONS if m.version not in applied]

    @property
    def schema_version(self) -> int:
        try:
            row = self._db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.CatalogException:
            return 0
        return row[0] or 0

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
        )
        for migration in self._unapplied():
            with self._transaction(f"migrate the store '{self.path}' to version {migration.version}"):
                for statement in migration.statements:
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.description, _now()],
                )

    class _Transaction:
        """One transaction; inside another (`Store.batch`), a part of it: the outer one
        commits or rolls back the whole."""

        def __init__(self, store: Store, doing: str):
            self.store, self.doing = store, doing

        def __enter__(self):
            if self.store._open == 0:
                self.store._db.begin()
            self.store._open += 1

        def __exit__(self, kind, exc, tb):
            self.store._open -= 1
            if self.store._open > 0:  # the outer transaction decides
                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"cannot {self.doing}: {exc}") from exc
                return False
            if kind is None:
                try:
                    self.store._db.commit()
                except duckdb.Error as error:
                    exc = error
                else:
                    self.store._trim_cache()
                    return False
            self.store._db.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"cannot {self.doing}: {exc}") from exc
            return False

    def _trim_cache(self) -> None:
        """Cut DuckDB's cache of table and index blocks to about `cache_mb` after a committed write.

        Each checkpoint (every 16 MB of write-ahead log) leaves the blocks it wrote loaded, and
        the indexes stay loaded as they grow, so a long ingest's cache grows with the store
        until `memory_limit` forces them out (BENCHMARKS.md, soak). DuckDB has no call to evict
        them; lowering the limit does it. The lowered limit is what DuckDB holds besides that
        cache (rows not yet checkpointed) plus `cache_mb`, so nothing in use has to give way,
        and the limit is set back at once. No query on another cursor runs meanwhile
        (`_CacheGate`): one would fail for memory the lowered limit no longer leaves it. What is
        evicted is read back from the file (the OS's cache, mostly) when a query needs it. Where
        blocks are pinned DuckDB refuses the lower limit, having evicted what it could; the
        refusal changes nothing else."""
        if not self._cache_mb:
            return
        db = self._connection  # this thread's own queries need no gate
        keep = self._cache_mb * 2**20
        if self._memory(db)[1] <= keep:
            return
        with self._gate.cut() as clear:
            if not clear:
                return
            used, cached = self._memory(db)  # again, now that no other query holds memory
            try:
                db.execute(f"SET memory_limit = '{(used - cached + keep) // 2**20 + 1}MiB'")
            except duckdb.Error:
                pass  # refused: what it could evict is evicted
            finally:
                db.execute(f"SET memory_limit = '{self._limit}'")

    @staticmethod
    def _memory(db) -> tuple[int, int]:
        """(bytes DuckDB holds, of which its cache of table and index blocks)."""
        return db.execute(
            "SELECT sum(memory_usage_bytes), coalesce(sum(memory_usage_bytes) FILTER (WHERE tag IN (SELECT unnest(?))), 0) "
            "FROM duckdb_memory()", [list(_CACHED_TAGS)]
        ).fetchone()

    @property
    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection or cursor itself, past the gate a cursor() twin has."""
        return getattr(self._db, "raw", self._db)

    def _transaction(self, doing: str) -> Store._Transaction:
        """All or nothing: a failure (or a kill) leaves the store as it was before."""
        return Store._Transaction(self, doing)

    def batch(self, doing: str) -> Store._Transaction:
        """One transaction around several writes (`with store.batch("..."):`): an ingest batch's
        articles and the stories they are placed in are stored together or not at all."""
        return Store._Transaction(self, doing)

    # -- writing ---------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store articles in one transaction: new ones are added, changed ones replaced (the
        first-ingested time kept), identical ones left alone. Then marks exact duplicates."""
        batch = {a.id: a for a in articles}  # the last of two same-id articles in one batch wins
        result = AddResult()
        if not batch:
            return result
        rows = {a.id: part_rows(a) for a in batch.values()}  # made once: fingerprinted, then written
        fingerprints = {a.id: fingerprint(a, rows[a.id]) for a in batch.values()}
        hashes = {a.id: a.content_hash for a in batch.values()}
        with self._transaction(f"store {len(batch)} articles in '{self.path}'"):
            ids = list(batch)
            stored = self._db.execute(
                "SELECT id, fingerprint, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
            existing = {row[0]: row[1] for row in stored}
            changed = [a for a in batch.values() if existing.get(a.id) != fingerprints[a.id]]
            result.unchanged = len(batch) - len(changed)
            result.updated = sum(1 for a in changed if a.id in existing)
            result.new = len(changed) - result.updated
            if changed:
                self._write(changed, fingerprints, hashes, rows)
                # an updated article may leave its old duplicate group, or have been its original
                self._mark_duplicates({hashes[a.id] for a in changed} | {row[2] for row in stored})
        return result

    def _write(self, articles: list[Article], fingerprints: dict[str, str], hashes: dict[str, str],
               part_rows_of: dict[str, tuple[list[tuple], ...]]) -> None:  # fmt: skip
        ids = [a.id for a in articles]
        now = _now()
        first_seen = dict(
            self._db.execute(
                "SELECT id, ingested_at FROM articles WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        )
        # only the articles stored before have rows to replace: each DELETE scans its whole
        # table, so a batch of new articles (a watch) must not pay for one per table
        if stored := list(first_seen):
            self._db.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [stored])
            self._db.execute("DELETE FROM raw_inputs WHERE article_id IN (SELECT unnest(?))", [stored])
            for part in PARTS:
                self._db.execute(f"DELETE FROM {part.table} WHERE article_id IN (SELECT unnest(?))", [stored])
            self.forget_people(stored)
        columns = ARTICLE_COLUMNS + ("fingerprint", "ingested_at", "updated_at")
        self._insert_columns("articles", columns, [
            [hashes[a.id] if c == "content_hash" else getattr(a, c) for c in ARTICLE_COLUMNS]
            + [fingerprints[a.id], first_seen.get(a.id, now), now]
            for a in articles
        ])  # fmt: skip
        self._insert_columns("raw_inputs", ("article_id", "raw"), [[a.id, a.raw] for a in articles])
        for n, part in enumerate(PARTS):
            rows = [[a.id, i, *row] for a in articles for i, row in enumerate(part_rows_of[a.id][n])]
            self._insert_columns(part.table, ("article_id", "position") + part.columns, rows)
            if part.table == "article_entities":
                self.remember_people(rows)
        search.index_articles(self._db, ids, replacing=list(first_seen))

    def remember_people(self, rows: list[list]) -> None:
        """Add the full-named PERSON rows among `article_entities` rows (article_id, position,
        entity_key, name, label, country, titles, aliases) to `person_surnames`, the table
        `known_people` looks surnames up in, so linking reads the few rows of the surnames asked
        for, not every person the corpus names. The surname is computed in SQL, as the migration
        that filled the table computed it. Inside the caller's transaction."""
        people = [r[:1] + r[2:] for r in rows if r[4] == "PERSON" and " " in r[3]]
        if not people:
            return
        columns = ("article_id", "entity_key", "name", "label", "country", "titles", "aliases")
        selects = ", ".join(f"unnest(${i + 1}::{TYPES.get(c, 'VARCHAR')}[]) AS {c}" for i, c in enumerate(columns))
        self._db.execute(PEOPLE_FROM.format(rows=f"SELECT {selects}"), [list(values) for values in zip(*people)])

    def forget_people(self, article_ids: list[str]) -> None:
        """Drop the `person_surnames` rows of articles whose entities are being replaced (a
        scan of that table: only re-ingests pay it). Inside the caller's transaction."""
        if article_ids:
            self._db.execute("DELETE FROM person_surnames WHERE article_id IN (SELECT unnest(?))", [article_ids])

    def _insert_columns(self, table: str, columns: tuple[str, ...], rows: list[list]) -> None:
        """Insert many rows in one statement: each column goes in as one list, unnested
        side by side (far faster than executemany, which runs one statement a row)."""
        if not rows:
            return
        by_column = [list(values) for values in zip(*rows)]
        selects = ", ".join(f"unnest(${i + 1}::{TYPES.get(c, 'VARCHAR')}[]) AS {c}" for i, c in enumerate(columns))
        self._db.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selects}", by_column)

    def _mark_duplicates(self, hashes: set[str]) -> None:
        """Within each content hash, the earliest published article (then the smallest id) is
        the original; the others point to it. The order of ingestion does not matter."""
        self._db.execute(
            """
            UPDATE articles SET duplicate_of = ranked.original
            FROM (
                SELECT id,
                       CASE WHEN rank = 1 THEN NULL ELSE first_value(id) OVER w END AS original
                FROM (
                    SELECT id, content_hash, published,
                           row_number() OVER w AS rank
                    FROM articles
                    WHERE content_hash IN (SELECT unnest(?)) AND text <> ''
                    WINDOW w AS (PARTITION BY content_hash ORDER BY published NULLS LAST, id)
                )
                WINDOW w AS (PARTITION BY content_hash ORDER BY published NULLS LAST, id)
            ) AS ranked
            WHERE articles.id = ranked.id
              AND articles.duplicate_of IS DISTINCT FROM ranked.original
            """,
            [sorted(hashes)],
        )

    def save_http_validators(self, validators: dict[str, dict]) -> None:
        """Keep each URL's ETag / Last-Modified for the next run's conditional GET."""
        rows = [[url, v.get("etag"), v.get("last_modified")] for url, v in validators.items()]
        if not rows:
            return
        with self._transaction(f"save feed validators in '{self.path}'"):
            self._db.execute("DELETE FROM http_validators WHERE url IN (SELECT unnest(?))", [[r[0] for r in rows]])
            self._insert_columns("http_validators", ("url", "etag", "last_modified"), rows)

    def save_stories(self, assignments: list[dict], stories: list[dict], gone: Iterable[str] = (), *,
                     storylines: list[dict] = (), storylines_gone: Iterable[str] = ()) -> None:  # fmt: skip
        """Record new assignments, the current state of the stories and storylines they touched,
        and drop stories and storylines merged away (`gone`, `storylines_gone`), pointing their
        articles and stories to where they went. One transaction: stories, storylines and
        assignments never disagree."""
        gone = sorted(set(gone))
        lines_gone = sorted(set(storylines_gone))
        with self._transaction(f"save {len(stories)} stories in '{self.path}'"):
            if assignments:
                ids = [a["article_id"] for a in assignments]
                self._db.execute("DELETE FROM story_assignments WHERE article_id IN (SELECT unnest(?))", [ids])
                start = self._db.execute("SELECT coalesce(max(position) + 1, 0) FROM story_assignments").fetchone()[0]
                self._insert_columns(
                    "story_assignments",
                    ("article_id", "position", "story_id", "decision", "probability", "copy_of", "explanation",
                     "storyline_explanation"),
                    [[a["article_id"], start + i, a["story_id"], a["decision"], a["probability"], a["copy_of"],
                      json.dumps(a["explanation"], default=str),
                      json.dumps(a["storyline_explanation"], default=str) if a.get("storyline_explanation") else None]
                     for i, a in enumerate(assignments)],
                )  # fmt: skip
            self._replace_merged(
                "stories", stories, gone, follower=("story_assignments", "story_id"),
                columns=("id", "title", "first_seen", "last_seen", "articles", "outlets", "independent_sources",
                         "merged_from", "storyline_id"),
                values=lambda s: [s["id"], s["title"], s["first_seen"], s["last_seen"], len(s["articles"]),
                                  list(s["outlets"]), s["independent_sources"], list(s["merged_from"]),
                                  s.get("storyline_id")],
            )  # fmt: skip
            self._replace_merged(
                "storylines", storylines, lines_gone, follower=("stories", "storyline_id"),
                columns=("id", "first_seen", "last_seen", "stories", "articles", "names", "merged_from"),
                values=lambda x: [x["id"], x["first_seen"], x["last_seen"], len(x["stories"]), x["articles"],
                                  list(x["names"]), list(x["merged_from"])],
            )  # fmt: skip

    def _replace_merged(self, table: str, rows: list[dict], gone: list[str], *, follower: tuple[str, str],
                        columns: tuple[str, ...], values) -> None:  # fmt: skip
        """Replace `rows` of a clustered table (stories, storylines) and drop the `gone` ones; what
        points at a gone one that a row merged in (`follower`: table and column) now points at
        that row. Inside the caller's transaction."""
        referrer, column = follower
        for row in rows:
            merged = [g for g in gone if g in set(row["merged_from"])]
            if merged:
                self._db.execute(f"UPDATE {referrer} SET {column} = ? WHERE {column} IN (SELECT unnest(?))",
                                 [row["id"], merged])  # fmt: skip
        ids = [row["id"] for row in rows] + gone
        if ids:
            self._db.execute(f"DELETE FROM {table} WHERE id IN (SELECT unnest(?))", [ids])
        self._insert_columns(table, columns, [values(row) for row in rows])

    # -- reading ---------------------------------------------------------------------------

    def story_history(self) -> Iterator[dict]:
        """What the clusterers need to rebuild their state, article by article in the order they
        saw them: the article's title, text, date, outlet, language, entity keys, day-level
        dates, story and storyline (None for a story stored before storylines)."""
        cursor = self._db.execute(
            """
            SELECT a.id, coalesce(a.title, '') AS title, a.text, CAST(a.published AS VARCHAR) AS published,
                   a.outlet, a.language, s.story_id, st.storyline_id,
                   coalesce((SELECT list(e.entity_key ORDER BY e.position) FROM article_entities e
                             WHERE e.article_id = a.id AND e.label IN ('PERSON','ORG','PLACE','GPE','LOC','NORP','EVENT','FAC')), []) AS entities,
                   coalesce((SELECT list(DISTINCT left(t.value, 10)) FROM time_expressions t
                             WHERE t.article_id = a.id AND t.type = 'DATE' AND t.precision = 'day'
                               AND regexp_matches(t.value, '^[0-9]{4}-[0-9]{2}-[0-9]{2}')), []) AS event_dates
            FROM story_assignments s JOIN articles a ON a.id = s.article_id
            LEFT JOIN stories st ON st.id = s.story_id
            ORDER BY s.position
            """
        )
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(1000):
            for row in rows:
                yield dict(zip(names, row))

    def assigned_articles(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        rows = self._db.execute(
            "SELECT article_id FROM story_assignments WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def stories(self, *, text: str | None = None, outlet: str | None = None, since: str | None = None,
                until: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:  # fmt: skip
        """Stories, most recently seen first, filtered: `text` in the title (case aside), one of
        the story's outlets is `outlet`, seen on or after `since` and on or before `until`."""
        where, params = [], []
        for clause, value in (
            ("strpos(lower(title), lower(?)) > 0", text),
            ("list_contains(outlets, ?)", outlet),
            ("last_seen >= CAST(? AS DATE)", since),
            ("first_seen <= CAST(? AS DATE)", until),
        ):
            if value:
                where.append(clause)
                params.append(value)
        return self.query(
            "SELECT id, title, first_seen, last_seen, articles, independent_sources, outlets FROM stories"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY last_seen DESC NULLS LAST, articles DESC, id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}",
            params,
        )

    def story(self, story_id: str) -> dict:
        """One story with its articles (by outlet and time)."""
        found = self.query("SELECT * FROM stories WHERE id = ?", [story_id])
        if not found:
            raise StoryNotFound(story_id)
        story = found[0]
        story["articles_list"] = self.query(
            """
            SELECT a.id, a.name, a.title, a.outlet, a.published, s.decision, s.copy_of
            FROM story_assignments s JOIN articles a ON a.id = s.article_id
            WHERE s.story_id = ? ORDER BY a.published NULLS LAST, a.outlet, a.id
            """,
            [story_id],
        )
        return story

    def story_articles(self, story_id: str) -> list[Article]:
        """Every article of a story, whole (text, entities, dates, quotes, events), oldest first."""
        rows = self._db.execute(
            """
            SELECT a.id FROM story_assignments s JOIN articles a ON a.id = s.article_id
            WHERE s.story_id = ? ORDER BY a.published NULLS LAST, a.id
            """,
            [story_id],
        ).fetchall()
        return self._whole_articles([r[0] for r in rows])

    def entity_stories(self, entity_key: str) -> list[str]:
        """The stories whose articles name an entity, most recent first."""
        rows = self._db.execute(
            """
            SELECT s.story_id, max(a.published) AS last FROM article_entities e
            JOIN story_assignments s ON s.article_id = e.article_id JOIN articles a ON a.id = e.article_id
            WHERE e.entity_key = ? GROUP BY s.story_id ORDER BY last DESC NULLS LAST, s.story_id
            """,
            [entity_key],
        ).fetchall()
        return [r[0] for r in rows]

    def story_copies(self, story_id: str) -> dict[str, str]:
        """Near-duplicate copies in a story: copy's article id -> the original's."""
        rows = self._db.execute(
            "SELECT article_id, copy_of FROM story_assignments WHERE story_id = ? AND copy_of IS NOT NULL",
            [story_id],
        ).fetchall()
        return dict(rows)

    def story_decision(self, article_ref: str) -> dict:
        """Why an article is in its story: the stored evidence, with its story now."""
        article_id = self.find_article_id(article_ref)
        rows = self.query(
            "SELECT story_id, decision, probability, copy_of, explanation FROM story_assignments WHERE article_id = ?",
            [article_id],
        )
        if not rows:
            raise NotFound(f"article '{article_ref}' has not been placed in a story yet")
        row = rows[0]
        return {**json.loads(row.pop("explanation")), "article": article_id, "story": row["story_id"],
                "storyline_decision": self.storyline_decision(row["story_id"])}

    def storylines(self, *, text: str | None = None, since: str | None = None, until: str | None = None,
                   limit: int | None = None, offset: int = 0) -> list[dict]:  # fmt: skip
        """Storylines, most recently seen first, filtered: `text` in one of its stories' titles
        (case aside), seen on or after `since` and on or before `until`. Each has the title of
        its largest story and its outlets."""
        where, params = [], []
        for clause, value in (
            ("bool_or(strpos(lower(s.title), lower(?)) > 0)", text),
            ("max(l.last_seen) >= CAST(? AS DATE)", since),
            ("min(l.first_seen) <= CAST(? AS DATE)", until),
        ):
            if value:
                where.append(clause)
                params.append(value)
        return self.query(
            """
            SELECT l.id, arg_max(s.title, s.articles * 1e9 - epoch(coalesce(s.first_seen, DATE '9999-01-01')) / 86400)
                       AS title,
                   any_value(l.first_seen) AS first_seen, any_value(l.last_seen) AS last_seen,
                   count(s.id) AS stories, sum(s.articles) AS articles,
                   list_sort(list_distinct(flatten(list(s.outlets)))) AS outlets, any_value(l.names) AS names
            FROM storylines l JOIN stories s ON s.storyline_id = l.id
            GROUP BY l.id
            """
            + (f" HAVING {' AND '.join(where)}" if where else "")
            + " ORDER BY last_seen DESC NULLS LAST, articles DESC, l.id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}",
            params,
        )

    def storyline(self, storyline_id: str) -> dict:
        """One storyline with its stories in time order (first seen, then id)."""
        found = self.query("SELECT * FROM storylines WHERE id = ?", [storyline_id])
        if not found:
            raise StorylineNotFound(storyline_id)
        line = found[0]
        line["stories_list"] = self.query(
            """
            SELECT id, title, first_seen, last_seen, articles, outlets, independent_sources FROM stories
            WHERE storyline_id = ? ORDER BY first_seen NULLS LAST, id
            """,
            [storyline_id],
        )
        line["title"] = max(line["stories_list"], key=lambda st: st["articles"])["title"] if line["stories_list"] else ""
        return line

    def storyline_decision(self, story_id: str) -> dict:
        """Why a story is in its storyline: the storyline-level evidence stored with the story's
        first placed article, and the storyline it is in now."""
        story = self.query("SELECT id, storyline_id FROM stories WHERE id = ?", [story_id])
        if not story:
            raise StoryNotFound(story_id)
        rows = self.query(
            """
            SELECT article_id, storyline_explanation FROM story_assignments
            WHERE story_id = ? AND storyline_explanation IS NOT NULL
            ORDER BY (json_extract_string(storyline_explanation, '$.decision') IN ('joined', 'started')) DESC, position
            LIMIT 1
            """,
            [story_id],
        )
        found = json.loads(rows[0]["storyline_explanation"]) if rows else None
        return {"story": story_id, "storyline": story[0]["storyline_id"], "decision": found}

    def http_validators(self) -> dict[str, dict]:
        rows = self._db.execute("SELECT url, etag, last_modified FROM http_validators").fetchall()
        return {url: {k: v for k, v in (("etag", e), ("last_modified", m)) if v} for url, e, m in rows}

    def count_articles(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(
        self,
        *,
        outlet: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict]:
        """A listing of stored articles (no text), newest first; `since`/`until` bound the
        publication date (undated articles are left out when either is given)."""
        where, params = [], []
        for clause, value in (
            ("outlet = ?", outlet),
            ("language = ?", language),
            ("published >= CAST(? AS DATE)", since),
            ("published <= CAST(? AS DATE)", until),
        ):
            if value:
                where.append(clause)
                params.append(value)
        sql = (
            f"SELECT {', '.join(_LISTING_COLUMNS)}, length(text) AS characters FROM articles"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY published DESC NULLS LAST, name, id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}"
        )
        return self.query(sql, params)

    def entities(self, *, label: str | None = None, name: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[dict]:  # fmt: skip
        """The corpus's entities (over all articles), most often named first. `name` matches
        the name or any alias, case-insensitively."""
        where, params = [], []
        if label:
            where.append("label = ?")
            params.append(label)
        if name:
            where.append(f"({_named('?')})")
            params += [name, name]
        return self.query(
            "SELECT key, name, label, country, articles, titles, aliases FROM entities"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY articles DESC, name, key"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}",
            params,
        )

    def entity(self, ref: str) -> dict:
        """The entity `ref` names: its key, else its name or an alias (case-insensitively, the
        most often named first)."""
        found = self.query(
            "SELECT key, name, label, country, articles, titles, aliases FROM entities WHERE key = $ref "
            f"OR {_named('$ref')} "
            "ORDER BY (key = $ref) DESC, articles DESC, name LIMIT 1",
            {"ref": ref},
        )
        if not found:
            raise NotFound(f"no entity '{ref}' in the store (see 'storyline entities')")
        return found[0]

    def known_people(self, surnames: Iterable[str], *, before: Iterable[str] = ()) -> list[Entity]:
        """Stored PERSON entities with a full name ending in one of `surnames` (for linking a
        surname-only mention to the person the corpus already knows). With `before` (the ids of
        the articles being linked), only what articles placed before them say counts, so
        re-running an ingest links exactly as the first run did. The rows come from
        `person_surnames` through its surname index: the surnames go in as literal IN lists of at
        most `_PER_LOOKUP` (DuckDB scans the whole table for a longer list, or for an IN over a
        subquery), one UNION ALL branch each, so a batch reads the rows of its surnames, not the
        table (MATERIALIZED: joined to story_assignments inline, DuckDB would scan it); story_assignments
        is joined only when some of `before` were placed already (a re-run), as a batch of new
        articles counts every other article."""
        wanted = sorted({s.casefold() for s in surnames if s})
        if not wanted:
            return []
        before = list(before)
        first = self._db.execute(
            "SELECT min(position) FROM story_assignments WHERE article_id IN (SELECT unnest(?))", [before]
        ).fetchone()[0]
        params: list = [before]
        branches = []
        for i in range(0, len(wanted), _PER_LOOKUP):
            chunk = wanted[i:i + _PER_LOOKUP]
            marks = ", ".join(f"${len(params) + j + 1}" for j in range(len(chunk)))
            branches.append(f"SELECT * FROM person_surnames WHERE surname IN ({marks})")
            params.extend(chunk)
        placed = ""
        if first is not None:
            params.append(first)
            placed = f"JOIN story_assignments s ON s.article_id = h.article_id AND s.position < ${len(params)}"
        rows = self._db.execute(
            f"""
            WITH hits AS MATERIALIZED ({" UNION ALL ".join(branches)})
            SELECT h.entity_key, arg_max(h.name, length(h.name)) AS name, 'PERSON', mode(h.country),
                   list_distinct(flatten(list(h.titles))), list_distinct(flatten(list(h.aliases)))
            FROM hits h {placed}
            WHERE h.article_id NOT IN (SELECT unnest($1))
            GROUP BY h.entity_key ORDER BY h.entity_key
            """,
            params,
        ).fetchall()
        return [Entity(k, n, lab, c, tuple(t), tuple(a)) for k, n, lab, c, t, a in rows]

    def quotes(self, *, speaker: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Quotes with their speaker and article; `speaker` matches an entity key, name or alias."""
        params: list = []
        where = ""
        if speaker:
            where = f"""WHERE q.speaker_key = ? OR q.speaker_key IN (
                SELECT key FROM entities WHERE {_named('?')})"""
            params = [speaker, speaker, speaker]
        return self.query(
            f"""
            SELECT q.article_id, a.name AS article, a.outlet, a.published, q.speaker_key,
                   e.name AS speaker, q.speaker_text, q.cue, q.channel, q.direct, q.text,
                   q.start_char, q.end_char
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN entities e ON e.key = q.speaker_key
            {where}
            ORDER BY a.published NULLS LAST, a.name, q.position
            """
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}",
            params,
        )

    EXPORTS = ("stories", "articles", "quotes", "entities")

    def export_rows(self, kind: str) -> list[dict]:
        """Every stored record of one of EXPORTS, for writing out whole: stories with their
        storyline and outlets; articles' metadata (no text) with their story; quotes with their
        article, story and speaker; the corpus's entities. In a fixed order, so two exports of
        the same store are the same file."""
        sql = {
            "stories": """SELECT id, storyline_id, title, first_seen, last_seen, articles, independent_sources,
                                 outlets, merged_from FROM stories ORDER BY first_seen NULLS LAST, id""",
            "articles": """SELECT a.id, a.name, a.title, a.outlet, a.author, a.dateline, a.agency, a.url, a.published,
                                  a.published_from, a.language, a.summary_only, a.duplicate_of, s.story_id,
                                  s.copy_of, a.origin, a.locator, a.reader, a.format, length(a.text) AS characters,
                                  a.ingested_at, a.updated_at
                           FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id
                           ORDER BY a.published NULLS LAST, a.name, a.id""",
            "quotes": """SELECT q.article_id, s.story_id, a.outlet, a.published, q.speaker_key, e.name AS speaker,
                                q.speaker_text, q.cue, q.channel, q.direct, q.text, q.start_char, q.end_char
                         FROM quotes q JOIN articles a ON a.id = q.article_id
                         LEFT JOIN story_assignments s ON s.article_id = q.article_id
                         LEFT JOIN entities e ON e.key = q.speaker_key
                         ORDER BY a.published NULLS LAST, a.name, q.article_id, q.position""",
            "entities": """SELECT key, name, label, country, articles, titles, aliases FROM entities
                           ORDER BY articles DESC, name, key""",
        }.get(kind)
        if sql is None:
            raise ValueError(f"cannot export '{kind}' (choose from {', '.join(self.EXPORTS)})")
        return self.query(sql)

    def events(
        self,
        *,
        story: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> list[dict]:
        """Coded events with where they were found: {article_id, article, outlet, published,
        story_id, sentence, event}. `actor` matches a source or target entity key, name or
        alias, or country code; `since` and `until` bound the event's date (else the
        article's); `outlet` is the reporting article's outlet."""
        part = next(p for p in PARTS if p.table == "events")
        params = {"story": story, "type": type.upper() if type else None, "since": since, "until": until,
                  "outlet": outlet, "actor": actor}  # fmt: skip
        when = "coalesce(try_cast(left(e.date, 10) AS DATE), a.published)"
        where = [clause for clause, value in (
            ("s.story_id = $story", story),
            ("e.type = $type", type),
            ("a.outlet = $outlet", outlet),
            (f"{when} >= CAST($since AS DATE)", since),
            (f"{when} <= CAST($until AS DATE)", until),
            (f"""EXISTS (SELECT 1 FROM (SELECT unnest(from_json(e.sources, '["json"]')) AS x
                                        UNION ALL SELECT unnest(from_json(e.targets, '["json"]'))) t
                         WHERE t.x->>'entity' = $actor OR upper(t.x->>'country') = upper($actor)
                            OR t.x->>'entity' IN (SELECT key FROM entities WHERE {_named('$actor')}))""", actor),
        ) if value]  # fmt: skip
        sql = f"""
            SELECT e.article_id, a.name AS article, a.outlet, a.published, s.story_id,
                   substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
                   {', '.join('e.' + c for c in part.columns)}
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN story_assignments s ON s.article_id = e.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY coalesce(try_cast(left(e.date, 10) AS DATE), a.published) NULLS LAST, a.name, e.position
        """
        rows = self._db.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchall()
        head = 6
        return [
            {"article_id": r[0], "article": r[1], "outlet": r[2], "published": r[3], "story_id": r[4],
             "sentence": r[5], "event": part.from_row(r[head:])}
            for r in rows
        ]  # fmt: skip

    def find_article_id(self, ref: str) -> str:
        """The id of the article `ref` names: an id, an input file name, an external id or a URL."""
        rows = self._db.execute(
            """
            SELECT id, name FROM articles
            WHERE id = $ref OR name = $ref OR external_id = $ref OR url = $ref
               OR origin = $ref OR origin LIKE '%/' || $ref
            ORDER BY (id = $ref) DESC, id
            """,
            {"ref": ref},
        ).fetchall()
        if not rows:
            raise ArticleNotFound(ref)
        if rows[0][0] != ref and len({r[0] for r in rows}) > 1:
            listed = ", ".join(f"{i} ({n})" for i, n in rows[:10])
            raise AmbiguousReference(f"'{ref}' names {len(rows)} articles: {listed}; give an id")
        return rows[0][0]

    def get_article(self, ref: str) -> Article:
        """The whole article `ref` names, with its raw input, paragraphs and removed parts."""
        return self._whole_articles([self.find_article_id(ref)])[0]

    def _whole_articles(self, ids: list[str]) -> list[Article]:
        """Whole articles by id, in the order given: one query per table for all of them, not
        one per table per article (a story's comparison reads every article of the story)."""
        if not ids:
            return []
        rows = {r["id"]: r for r in self.query(
            f"SELECT {', '.join(ARTICLE_COLUMNS)}, duplicate_of FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        )}  # fmt: skip
        raws = dict(self._db.execute(
            "SELECT article_id, raw FROM raw_inputs WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall())  # fmt: skip
        parts: dict[str, dict[str, list]] = {part.field: {} for part in PARTS}
        for part in PARTS:
            for r in self._db.execute(
                f"SELECT article_id, {', '.join(part.columns)} FROM {part.table} "
                "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, position",
                [ids],
            ).fetchall():
                parts[part.field].setdefault(r[0], []).append(part.from_row(r[1:]))
        articles = []
        for article_id in ids:
            row = dict(rows[article_id])
            row.pop("content_hash")
            row["summary_only"] = bool(row["summary_only"])  # NULL: a row a migration left unfilled
            published = row.pop("published")
            raw = raws.get(article_id)
            articles.append(Article(
                **row,
                **{field: items.get(article_id, []) for field, items in parts.items()},
                published=published.isoformat() if published else None,
                raw=bytes(raw) if raw is not None else b"",
            ))  # fmt: skip
        return articles

    def search_articles(
        self,
        query: str,
        *,
        limit: int = 50,
        offset: int = 0,
        outlet: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
    ) -> list[dict]:
        """Full-text search (store/search.py): articles matching the query's words, best first,
        as {id, name, title, outlet, published, language, duplicate_of, story_id, score,
        matched_terms, snippet, highlights}. A query with no words raises BadSearchQuery."""
        try:
            return search.search(self._db, query, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
        except duckdb.Error as exc:
            raise StoreError(f"search failed on '{self.path}': {exc}") from exc

    def query(self, sql: str, params: list | dict | None = None) -> list[dict]:
        """Run any SQL and return the rows as dicts."""
        try:
            cursor = self._db.execute(sql, params or [])
            names = [d[0] for d in cursor.description or []]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"query failed on '{self.path}': {exc}") from exc

    def iter_rows(self, sql: str, params: list | None = None, size: int = 1000) -> Iterator[tuple]:
        cursor = self._db.execute(sql, params or [])
        while rows := cursor.fetchmany(size):
            yield from rows

    # -- for the web pages (faces/web/) --------------------------------------------------

    def outlets(self) -> list[str]:
        """Every outlet named by a stored article, in alphabetical order."""
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet").fetchall()]  # fmt: skip

    def entity_usage(self, entity_key: str) -> list[dict]:
        """How each outlet names an entity: {outlet, articles, names, titles}, the outlet
        naming it most often first (outlet None: articles with no known outlet)."""
        return self.query(
            """
            SELECT a.outlet, count(DISTINCT e.article_id) AS articles,
                   list_sort(list_distinct(flatten(list(e.aliases)))) AS names,
                   list_sort(list_distinct(flatten(list(e.titles)))) AS titles
            FROM article_entities e JOIN articles a ON a.id = e.article_id
            WHERE e.entity_key = ? GROUP BY a.outlet ORDER BY articles DESC, a.outlet NULLS LAST
            """,
            [entity_key],
        )

    def actor_articles(self, entity_key: str) -> dict[str, list[Article]]:
        """story id → its articles (whole) with an event the entity takes part in (as source or
        target), the most recent story first: all an actor's timeline needs to read."""
        rows = self._db.execute(
            """
            SELECT s.story_id, list(DISTINCT e.article_id ORDER BY e.article_id), max(a.published) AS last
            FROM events e JOIN story_assignments s ON s.article_id = e.article_id JOIN articles a ON a.id = e.article_id
            WHERE list_contains(list_transform(from_json(e.sources, '["json"]'), lambda x: x->>'entity'), $key)
               OR list_contains(list_transform(from_json(e.targets, '["json"]'), lambda x: x->>'entity'), $key)
            GROUP BY s.story_id ORDER BY last DESC NULLS LAST, s.story_id
            """,
            {"key": entity_key},
        ).fetchall()
        articles = {a.id: a for a in self._whole_articles(list(dict.fromkeys(i for _, ids, _ in rows for i in ids)))}
        return {story: [articles[i] for i in ids] for story, ids, _ in rows}


def _named(param: str) -> str:
    """SQL: the entity's name or one of its aliases is `param`, case aside."""
    return f"lower(name) = lower({param}) OR list_contains(list_transform(aliases, lambda x: lower(x)), lower({param}))"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def part_rows(article: Article) -> tuple[list[tuple], ...]:
    """The article's rows for each of PARTS' tables, in PARTS' order (without article_id and
    position)."""
    return tuple([part.to_row(item) for item in getattr(article, part.field)] for part in PARTS)


def fingerprint(article: Article, rows: tuple[list[tuple], ...] | None = None) -> str:
    """A hash of everything `add_articles` stores for an article; `rows`: part_rows(article),
    where the caller has made them already."""
    payload = {c: getattr(article, c) for c in ARTICLE_COLUMNS if c != "content_hash"}
    if not article.summary_only:  # as before the column existed: a full article stored then is unchanged
        del payload["summary_only"]
    if article.agency is None:  # likewise for an article whose dateline names no agency
        del payload["agency"]
    for part, items in zip(PARTS, rows if rows is not None else part_rows(article)):
        payload[part.field] = items
    payload["raw"] = hashlib.sha1(article.raw).hexdigest()
    return hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
