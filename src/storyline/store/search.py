"""Full-text search over articles: our own inverted index in the store, ranked with BM25.

DuckDB's `fts` extension is not bundled in the duckdb wheel and `INSTALL fts` downloads it,
which Storyline never does at run time, so the index is two plain tables (migration 6):

- `search_postings (term, article_id, count)`: how often each word occurs in each article;
- `search_documents (article_id, terms)`: each article's length in words.

The postings carry no index (migration 7 dropped the one migration 6 made): a search joins them
to its words by hash, scanning the table, which DuckDB does fast, and an index on them was
held in memory by every connection (about 16 MB per 10,000 articles) without ever serving it.

Words come from one SQL macro, `search_tokens(text)` (lower case, accents stripped, runs of
letters and digits in any script, at most 40 characters), used both to index and to read a
query, so the two always agree. The title counts twice. `index_articles` runs inside the
store's write transaction, so the index never disagrees with the articles, and a re-ingest
replaces an article's postings instead of adding to them.

Any query string is safe: it is only ever split into words and passed as a parameter, so
quotes, operators and brackets are plain characters; a query with no words is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

import duckdb

from ..errors import StorylineError

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32
MAX_WHOLE = 2**53  # the largest limit or offset (DuckDB takes 64 bits; JSON clients read 2**53 exactly)
K1, B = 1.2, 0.75  # the usual BM25 constants
SNIPPET_CHARS = 240
SNIPPET_LEAD = 60  # characters of context kept before the first matching word


class BadSearchQuery(StorylineError):
    """A search query (or one of its filters) that cannot be searched for."""


# The statements of migration 6 (schema.py); the index is filled for articles already stored.
MIGRATION = (
    r"""
    CREATE MACRO search_tokens(s) AS
        list_filter(regexp_extract_all(lower(strip_accents(coalesce(s, ''))), '[\p{L}\p{N}]+'),
                    lambda t: length(t) <= 40)
    """,
    """
    CREATE TABLE search_postings (
        term VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        count INTEGER NOT NULL           -- occurrences in the article (title words twice)
    )
    """,
    """
    CREATE TABLE search_documents (
        article_id VARCHAR PRIMARY KEY,
        terms INTEGER NOT NULL           -- the article's length in words (title twice)
    )
    """,
    "CREATE INDEX search_postings_term ON search_postings (term)",
    # fill the index for the articles stored before this migration
    """
    INSERT INTO search_postings
    SELECT term, id, count(*) FROM (
        SELECT id, unnest(search_tokens(title) || search_tokens(title) || search_tokens(text)) AS term FROM articles
    ) GROUP BY term, id
    """,
    """
    INSERT INTO search_documents
    SELECT id, length(search_tokens(title)) * 2 + length(search_tokens(text)) FROM articles
    """,
)


def index_articles(db: duckdb.DuckDBPyConnection, ids: Sequence[str], *, replacing: Sequence[str] = ()) -> None:
    """Index the stored articles `ids` (inside the caller's transaction); `replacing` are
    those among them that were indexed before, whose old postings go first."""
    if replacing:
        db.execute("DELETE FROM search_postings WHERE article_id IN (SELECT unnest(?))", [list(replacing)])
        db.execute("DELETE FROM search_documents WHERE article_id IN (SELECT unnest(?))", [list(replacing)])
    if not ids:
        return
    db.execute(
        """
        INSERT INTO search_postings
        SELECT term, id, count(*) FROM (
            SELECT id, unnest(search_tokens(title) || search_tokens(title) || search_tokens(text)) AS term
            FROM articles WHERE id IN (SELECT unnest(?))
        ) GROUP BY term, id
        """,
        [list(ids)],
    )
    db.execute(
        """
        INSERT INTO search_documents
        SELECT id, length(search_tokens(title)) * 2 + length(search_tokens(text))
        FROM articles WHERE id IN (SELECT unnest(?))
        """,
        [list(ids)],
    )


def query_terms(db: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """The distinct words of a query, as the index holds them; refused when there are none."""
    if not isinstance(query, str):
        raise BadSearchQuery(f"the search query must be text, not {type(query).__name__}")
    if len(query) > MAX_QUERY_CHARS:
        raise BadSearchQuery(f"the search query has {len(query)} characters; the limit is {MAX_QUERY_CHARS}")
    words = db.execute("SELECT search_tokens(?)", [query]).fetchone()[0] or []
    terms = list(dict.fromkeys(words))
    if not terms:
        shown = query if len(query) <= 40 else query[:40] + "…"
        raise BadSearchQuery(f"the search query {shown!r} has no words to search for (letters or digits)")
    if len(terms) > MAX_QUERY_TERMS:
        raise BadSearchQuery(f"the search query has {len(terms)} different words; the limit is {MAX_QUERY_TERMS}")
    return terms


def search(
    db: duckdb.DuckDBPyConnection,
    query: str,
    *,
    outlet: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict]:
    """Articles matching any word of `query`, best first (BM25 over title and text; those
    with more of the words rank higher), with a snippet around the first match. Filters:
    `outlet` (exact), `since` / `until` (publication date, inclusive)."""
    limit, offset = _whole(limit, "limit", 1), _whole(offset, "offset", 0)
    since, until = _day(since, "since"), _day(until, "until")
    terms = query_terms(db, query)
    where = [c for c, v in (("a.outlet = $outlet", outlet), ("a.published >= $since", since),
                            ("a.published <= $until", until)) if v is not None]  # fmt: skip
    params = {"terms": terms, "outlet": outlet, "since": since, "until": until, "limit": limit, "offset": offset}
    sql = f"""
        WITH matches AS (
            SELECT term, article_id, count FROM search_postings WHERE term IN (SELECT unnest($terms))
        ),
        frequency AS (SELECT term, count(*) AS df FROM matches GROUP BY term),
        corpus AS (SELECT count(*) AS n, coalesce(avg(terms), 1) AS mean_terms FROM search_documents),
        scored AS (
            SELECT m.article_id,
                   sum(ln(1 + (corpus.n - f.df + 0.5) / (f.df + 0.5))
                       * m.count * {K1 + 1}
                       / (m.count + {K1} * (1 - {B} + {B} * d.terms / corpus.mean_terms))) AS score,
                   count(*) AS matched_terms
            FROM matches m JOIN frequency f ON f.term = m.term
            JOIN search_documents d ON d.article_id = m.article_id CROSS JOIN corpus
            GROUP BY m.article_id
        )
        SELECT a.id, a.name, a.title, a.outlet, a.published, a.language, a.duplicate_of,
               st.story_id, s.score, s.matched_terms
        FROM scored s JOIN articles a ON a.id = s.article_id
        LEFT JOIN story_assignments st ON st.article_id = a.id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY s.score DESC, a.published DESC NULLS LAST, a.id
        LIMIT $limit OFFSET $offset
    """
    cursor = db.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    if rows:
        texts = dict(db.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))",
                                [[r["id"] for r in rows]]).fetchall())  # fmt: skip
        for row in rows:
            row["score"] = round(row["score"], 4)
            row["snippet"], row["highlights"] = snippet(texts.get(row["id"], ""), terms)
    return rows


_WORD = re.compile(r"[^\W_]+")


def fold(word: str) -> str:
    """A word as the index holds it: lower case, accents stripped (as `search_tokens` does)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def snippet(text: str, terms: Sequence[str]) -> tuple[str, list[list[int]]]:
    """About SNIPPET_CHARS of `text` around its first word in `terms`, and the [start, end)
    offsets of every matching word inside that snippet. The start of the text when no word
    of the text matches (the title did)."""
    wanted = set(terms)
    words = list(_WORD.finditer(text))
    first = next((m for m in words if fold(m.group()) in wanted), None)
    start = 0
    if first is not None and first.start() > SNIPPET_LEAD:
        start = first.start() - SNIPPET_LEAD
        start = next((m.start() for m in words if m.start() >= start), first.start())
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):  # end on a word boundary
        end = next((m.end() for m in reversed(words) if start < m.end() <= end), end)
    prefix = "…" if start > 0 else ""
    body = text[start:end].replace("\n", " ")
    highlights = [
        [m.start() - start + len(prefix), m.end() - start + len(prefix)]
        for m in words
        if start <= m.start() and m.end() <= end and fold(m.group()) in wanted
    ]
    return prefix + body + ("…" if end < len(text) else ""), highlights


def _whole(value, name: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= MAX_WHOLE:
        raise BadSearchQuery(f"search {name} must be a whole number from {least} to {MAX_WHOLE}, not {value!r}")
    return value


def _day(value, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BadSearchQuery(f"search {name} must be a date (YYYY-MM-DD), not {value!r}") from None
