"""The DuckDB store: one file, no server. All SQL for articles lives here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import duckdb

from ..errors import ArticleNotFound, StoreError
from ..record import Article, Paragraph, Removed
from .schema import LATEST_VERSION, MIGRATIONS

_ARTICLE_COLUMNS = (
    "id", "key", "name", "external_id", "title", "dateline", "outlet", "url", "author",
    "published", "published_from", "language", "language_score", "text", "content_hash",
    "origin", "locator", "reader", "format", "encoding",
)  # fmt: skip
_LISTING_COLUMNS = (
    "id", "name", "title", "outlet", "published", "language", "duplicate_of", "origin", "url",
)  # fmt: skip


@dataclass
class AddResult:
    """What one `add_articles` call changed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0


class Store:
    """A Storyline store in one DuckDB file (or in memory with path ':memory:')."""

    def __init__(self, path: str = ":memory:", *, read_only: bool = False):
        self.path = path
        try:
            self._db = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store '{path}': {exc}") from exc
        if not read_only:
            self._migrate()
        elif self.schema_version != LATEST_VERSION:
            raise StoreError(
                f"the store '{path}' has schema version {self.schema_version}, this Storyline "
                f"expects {LATEST_VERSION}: open it once for writing (e.g. storyline ingest) to migrate"
            )

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
        current = self.schema_version
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            with self._transaction(f"migrate the store '{self.path}' to version {migration.version}"):
                for statement in migration.statements:
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.description, _now()],
                )

    class _Transaction:
        def __init__(self, store: Store, doing: str):
            self.store, self.doing = store, doing

        def __enter__(self):
            self.store._db.begin()

        def __exit__(self, kind, exc, tb):
            if kind is None:
                try:
                    self.store._db.commit()
                    return False
                except duckdb.Error as error:
                    exc = error
            self.store._db.rollback()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"cannot {self.doing}: {exc}") from exc
            return False

    def _transaction(self, doing: str) -> Store._Transaction:
        """All or nothing: a failure (or a kill) leaves the store as it was before."""
        return Store._Transaction(self, doing)

    # -- writing ---------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store articles in one transaction: new ones are added, changed ones replaced (the
        first-ingested time kept), identical ones left alone. Then marks exact duplicates."""
        batch = {a.id: a for a in articles}  # the last of two same-id articles in one batch wins
        result = AddResult()
        if not batch:
            return result
        fingerprints = {a.id: _fingerprint(a) for a in batch.values()}
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
                self._write(changed, fingerprints, hashes)
                # an updated article may leave its old duplicate group, or have been its original
                self._mark_duplicates({hashes[a.id] for a in changed} | {row[2] for row in stored})
        return result

    def _write(self, articles: list[Article], fingerprints: dict[str, str], hashes: dict[str, str]) -> None:
        ids = [a.id for a in articles]
        now = _now()
        first_seen = dict(
            self._db.execute(
                "SELECT id, ingested_at FROM articles WHERE id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        )
        for table, column in (("articles", "id"), ("raw_inputs", "article_id"),
                              ("paragraphs", "article_id"), ("removed_parts", "article_id")):  # fmt: skip
            self._db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [ids])
        columns = _ARTICLE_COLUMNS + ("fingerprint", "ingested_at", "updated_at")
        self._insert_columns("articles", columns, [
            [hashes[a.id] if c == "content_hash" else getattr(a, c) for c in _ARTICLE_COLUMNS]
            + [fingerprints[a.id], first_seen.get(a.id, now), now]
            for a in articles
        ])  # fmt: skip
        self._insert_columns("raw_inputs", ("article_id", "raw"), [[a.id, a.raw] for a in articles])
        self._insert_columns(
            "paragraphs",
            ("article_id", "position", "start_char", "end_char", "kind"),
            [[a.id, i, p.start, p.end, p.kind] for a in articles for i, p in enumerate(a.paragraphs)],
        )
        self._insert_columns(
            "removed_parts",
            ("article_id", "position", "text", "reason", "line"),
            [[a.id, i, r.text, r.reason, r.line] for a in articles for i, r in enumerate(a.removed)],
        )

    def _insert_columns(self, table: str, columns: tuple[str, ...], rows: list[list]) -> None:
        """Insert many rows in one statement: each column goes in as one list, unnested
        side by side (far faster than executemany, which runs one statement a row)."""
        if not rows:
            return
        by_column = [list(values) for values in zip(*rows)]
        selects = ", ".join(f"unnest(${i + 1}::{_TYPES.get(c, 'VARCHAR')}[]) AS {c}" for i, c in enumerate(columns))
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

    # -- reading ---------------------------------------------------------------------------

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
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict]:
        """A listing of stored articles (no text), newest first."""
        where, params = [], []
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if language:
            where.append("language = ?")
            params.append(language)
        sql = (
            f"SELECT {', '.join(_LISTING_COLUMNS)}, length(text) AS characters FROM articles"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY published DESC NULLS LAST, name, id"
            + (f" LIMIT {int(limit)}" if limit is not None else "")
            + f" OFFSET {int(offset)}"
        )
        return self.query(sql, params)

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
            raise StoreError(f"'{ref}' names {len(rows)} articles: {listed}; give an id")
        return rows[0][0]

    def get_article(self, ref: str) -> Article:
        """The whole article `ref` names, with its raw input, paragraphs and removed parts."""
        article_id = self.find_article_id(ref)
        row = self.query(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)}, duplicate_of FROM articles WHERE id = ?", [article_id]
        )[0]
        raw = self._db.execute("SELECT raw FROM raw_inputs WHERE article_id = ?", [article_id]).fetchone()
        paragraphs = [
            Paragraph(s, e, k)
            for s, e, k in self._db.execute(
                "SELECT start_char, end_char, kind FROM paragraphs WHERE article_id = ? ORDER BY position",
                [article_id],
            ).fetchall()
        ]
        removed = [
            Removed(t, r, line)
            for t, r, line in self._db.execute(
                "SELECT text, reason, line FROM removed_parts WHERE article_id = ? ORDER BY position",
                [article_id],
            ).fetchall()
        ]
        row.pop("content_hash")
        published = row.pop("published")
        return Article(
            **row,
            published=published.isoformat() if published else None,
            paragraphs=paragraphs,
            removed=removed,
            raw=bytes(raw[0]) if raw else b"",
        )

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


_TYPES = {  # columns that are not VARCHAR, for typing the unnested lists
    "language_score": "DOUBLE", "published": "DATE", "ingested_at": "TIMESTAMP", "updated_at": "TIMESTAMP",
    "raw": "BLOB", "position": "INTEGER", "start_char": "INTEGER", "end_char": "INTEGER", "line": "INTEGER",
}  # fmt: skip


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _fingerprint(article: Article) -> str:
    """A hash of everything `add_articles` stores for an article."""
    payload = {c: getattr(article, c) for c in _ARTICLE_COLUMNS if c != "content_hash"}
    payload["paragraphs"] = [(p.start, p.end, p.kind) for p in article.paragraphs]
    payload["removed"] = [(r.text, r.reason, r.line) for r in article.removed]
    payload["raw"] = hashlib.sha1(article.raw).hexdigest()
    return hashlib.sha1(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
