"""The store's tables, as numbered migrations. A store records which ones it has applied; opening
it applies the rest, in order, each in its own transaction. Never edit a released migration:
add the next one."""

from __future__ import annotations

from dataclasses import dataclass

from .search import MIGRATION as SEARCH_INDEX


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles with their raw input, paragraphs and removed parts",
        (
            """
            CREATE TABLE articles (
                id VARCHAR PRIMARY KEY,          -- stable: derived from the input's key
                key VARCHAR NOT NULL,            -- url:…, id:… or name:…:<sha1 of raw bytes>
                name VARCHAR NOT NULL,           -- file name, JSONL id, URL: what users type
                external_id VARCHAR,             -- the id the input carried, if any
                title VARCHAR,
                dateline VARCHAR,
                outlet VARCHAR,
                url VARCHAR,
                author VARCHAR,
                published DATE,
                published_from VARCHAR,          -- metadata | user | text
                language VARCHAR,
                language_score DOUBLE,
                text VARCHAR NOT NULL,           -- the clean body
                content_hash VARCHAR NOT NULL,   -- of the normalised clean body
                duplicate_of VARCHAR,            -- earliest article with the same content
                origin VARCHAR NOT NULL,         -- file, URL or <stdin> it came from
                locator VARCHAR,                 -- line / record / entry inside origin
                reader VARCHAR NOT NULL,
                format VARCHAR NOT NULL,         -- html | text
                encoding VARCHAR,
                fingerprint VARCHAR NOT NULL,    -- of everything stored for it: unchanged re-ingests write nothing
                ingested_at TIMESTAMP NOT NULL,  -- first stored
                updated_at TIMESTAMP NOT NULL    -- last changed
            )
            """,
            "CREATE INDEX articles_content_hash ON articles (content_hash)",
            "CREATE INDEX articles_name ON articles (name)",
            "CREATE INDEX articles_published ON articles (published)",
            """
            CREATE TABLE raw_inputs (
                article_id VARCHAR NOT NULL,
                raw BLOB NOT NULL                -- exactly the bytes received, for reprocessing
            )
            """,
            "CREATE INDEX raw_inputs_article ON raw_inputs (article_id)",
            """
            CREATE TABLE paragraphs (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                start_char INTEGER NOT NULL,     -- offsets into articles.text
                end_char INTEGER NOT NULL,
                kind VARCHAR NOT NULL            -- body | heading
            )
            """,
            "CREATE INDEX paragraphs_article ON paragraphs (article_id)",
            """
            CREATE TABLE removed_parts (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                reason VARCHAR NOT NULL,
                line INTEGER                     -- 1-based line of the input text
            )
            """,
            "CREATE INDEX removed_parts_article ON removed_parts (article_id)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        2,
        "HTTP validators of fetched feeds, for conditional GETs on the next run",
        (
            """
            CREATE TABLE http_validators (
                url VARCHAR PRIMARY KEY,
                etag VARCHAR,
                last_modified VARCHAR
            )
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        3,
        "language understanding: sentences, mentions, entities, time expressions, quotes",
        (
            """
            CREATE TABLE sentences (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL
            )
            """,
            "CREATE INDEX sentences_article ON sentences (article_id)",
            """
            CREATE TABLE mentions (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                label VARCHAR NOT NULL,
                entity_key VARCHAR,
                title VARCHAR,                   -- as written with this mention
                country VARCHAR,                 -- ISO 3166-1 alpha-3
                sentence_start INTEGER,
                sentence_end INTEGER
            )
            """,
            "CREATE INDEX mentions_article ON mentions (article_id)",
            "CREATE INDEX mentions_entity ON mentions (entity_key)",
            """
            CREATE TABLE article_entities (    -- one row per entity per article: what THIS article calls it
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                entity_key VARCHAR NOT NULL,
                name VARCHAR NOT NULL,
                label VARCHAR NOT NULL,
                country VARCHAR,
                titles VARCHAR[] NOT NULL,
                aliases VARCHAR[] NOT NULL
            )
            """,
            "CREATE INDEX article_entities_article ON article_entities (article_id)",
            "CREATE INDEX article_entities_key ON article_entities (entity_key)",
            """
            CREATE TABLE time_expressions (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                type VARCHAR NOT NULL,           -- DATE, TIME, DURATION, SET
                value VARCHAR NOT NULL,          -- TIMEX3 value
                precision VARCHAR,
                anchored BOOLEAN NOT NULL,
                mod VARCHAR                      -- START, END, MID, APPROX, ...
            )
            """,
            "CREATE INDEX time_expressions_article ON time_expressions (article_id)",
            """
            CREATE TABLE quotes (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                direct BOOLEAN NOT NULL,
                speaker_key VARCHAR,
                speaker_text VARCHAR,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cue VARCHAR,
                cue_start INTEGER,
                cue_end INTEGER,
                channel VARCHAR
            )
            """,
            "CREATE INDEX quotes_article ON quotes (article_id)",
            "CREATE INDEX quotes_speaker ON quotes (speaker_key)",
            """
            CREATE VIEW entities AS            -- the corpus's view of each entity, over all articles
            SELECT entity_key AS key,
                   arg_max(name, length(name)) AS name,
                   mode(label) AS label,
                   mode(country) AS country,
                   count(DISTINCT article_id) AS articles,
                   list_distinct(flatten(list(titles))) AS titles,
                   list_distinct(flatten(list(aliases))) AS aliases
            FROM article_entities
            GROUP BY entity_key
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        4,
        "stories: each article's story and why, and each story's summary",
        (
            """
            CREATE TABLE story_assignments (
                article_id VARCHAR PRIMARY KEY,
                position BIGINT NOT NULL,        -- the order the clusterer saw articles in
                story_id VARCHAR NOT NULL,       -- its story now (kept current through merges)
                decision VARCHAR NOT NULL,       -- joined | started | copy
                probability DOUBLE,
                copy_of VARCHAR,                 -- the original, for a near-duplicate copy
                explanation JSON NOT NULL        -- the evidence at decision time (storyline why)
            )
            """,
            "CREATE INDEX story_assignments_story ON story_assignments (story_id)",
            """
            CREATE TABLE stories (
                id VARCHAR PRIMARY KEY,
                title VARCHAR NOT NULL,
                first_seen DATE,
                last_seen DATE,
                articles INTEGER NOT NULL,
                outlets VARCHAR[] NOT NULL,
                independent_sources INTEGER NOT NULL,
                merged_from VARCHAR[] NOT NULL
            )
            """,
            "CREATE INDEX stories_last_seen ON stories (last_seen)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        5,
        "PLOVER events, one row per coded event with its evidence",
        (
            """
            CREATE TABLE events (
                article_id VARCHAR NOT NULL,
                position INTEGER NOT NULL,
                type VARCHAR NOT NULL,           -- one of the 16 PLOVER types
                sentence_start INTEGER NOT NULL, -- the evidence: offsets into articles.text
                sentence_end INTEGER NOT NULL,
                trigger_start INTEGER NOT NULL,
                trigger_end INTEGER NOT NULL,
                sources JSON NOT NULL,           -- [{text, start, end, entity, country, sector}]
                targets JSON NOT NULL,
                mode VARCHAR,
                contexts VARCHAR[] NOT NULL,
                date VARCHAR,                    -- TIMEX3-style value
                date_precision VARCHAR,
                place VARCHAR,                   -- entity key
                place_name VARCHAR,
                place_country VARCHAR,
                latitude DOUBLE,
                longitude DOUBLE,
                speaker VARCHAR,                 -- entity key, for reported speech
                confidence DOUBLE NOT NULL
            )
            """,
            "CREATE INDEX events_article ON events (article_id)",
            "CREATE INDEX events_type ON events (type)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        6,
        "full-text search: word postings and article lengths (store/search.py), filled for stored articles",
        SEARCH_INDEX,
    ),
)

MIGRATIONS += (
    Migration(
        7,
        "full-text search: no index on the postings' words (search reads them by a hash join, never"
        " through it, and every connection held it in memory: about 16 MB per 10,000 articles)",
        ("DROP INDEX IF EXISTS search_postings_term",),
    ),
)

MIGRATIONS += (
    Migration(
        8,
        "storylines: each story's storyline, each storyline's summary, and why each article's story is in it",
        (
            "ALTER TABLE stories ADD COLUMN IF NOT EXISTS storyline_id VARCHAR",  # NULL: stored before storylines
            "CREATE INDEX IF NOT EXISTS stories_storyline ON stories (storyline_id)",
            # the storyline-level evidence at decision time (storyline why, why-story)
            "ALTER TABLE story_assignments ADD COLUMN IF NOT EXISTS storyline_explanation JSON",
            """
            CREATE TABLE IF NOT EXISTS storylines (
                id VARCHAR PRIMARY KEY,
                first_seen DATE,
                last_seen DATE,
                stories INTEGER NOT NULL,
                articles INTEGER NOT NULL,
                names VARCHAR[] NOT NULL,        -- the names its articles are most about
                merged_from VARCHAR[] NOT NULL
            )
            """,
            "CREATE INDEX IF NOT EXISTS storylines_last_seen ON storylines (last_seen)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        9,
        "events: where each event's date came from (sentence, clause, context, tense, published)",
        ("ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source VARCHAR",),  # NULL: coded before
    ),
)

MIGRATIONS += (
    Migration(
        10,
        "articles: summary_only, true where the text is a feed entry's summary because its page could not be had",
        ("ALTER TABLE articles ADD COLUMN IF NOT EXISTS summary_only BOOLEAN DEFAULT false",),
    ),
)

MIGRATIONS += (
    Migration(
        11,
        "saved alerts: each alert's criteria, target and cursor, and every delivery it owes or has made",
        (
            """
            CREATE TABLE IF NOT EXISTS alerts (
                name VARCHAR PRIMARY KEY,
                query VARCHAR,                   -- the criteria (NULL: not asked), all of them must hold
                entity VARCHAR,
                event_type VARCHAR,              -- a PLOVER type
                country VARCHAR,                 -- ISO 3166-1 alpha-3
                outlet VARCHAR,
                on_kind VARCHAR NOT NULL,        -- stories | events | storylines
                target VARCHAR NOT NULL,         -- an absolute file path (JSON Lines) or an http(s) URL (webhook)
                created_at TIMESTAMP NOT NULL,
                examined_until TIMESTAMP         -- the cursor: the latest articles.updated_at examined
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS alert_deliveries (
                id VARCHAR PRIMARY KEY,          -- the delivery id (a webhook's Idempotency-Key)
                alert VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,           -- story | event | storyline
                item_id VARCHAR NOT NULL,
                seq BIGINT NOT NULL,             -- the order deliveries were found in
                payload JSON,                    -- what is sent (NULL for a baseline row)
                status VARCHAR NOT NULL,         -- pending | delivered | baseline (matched when added) | merged (into a known one)
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error VARCHAR,
                created_at TIMESTAMP NOT NULL,
                delivered_at TIMESTAMP,
                UNIQUE (alert, kind, item_id)
            )
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        12,
        "watched sources: each feed's schedule and last poll, and the entries each has given",
        (
            """
            CREATE TABLE IF NOT EXISTS sources (
                url VARCHAR PRIMARY KEY,         -- a feed's URL (or a feed file's path)
                title VARCHAR,                   -- the feed's own title, as last read
                added_at TIMESTAMP NOT NULL,
                added_from VARCHAR,              -- 'sources add', or the list / OPML file it came from
                interval_s DOUBLE,               -- the feed's own schedule (RSS ttl, Cache-Control max-age)
                next_poll TIMESTAMP,             -- NULL: at once
                last_poll TIMESTAMP,
                last_status VARCHAR,             -- new entries | nothing new | not modified | error
                last_error VARCHAR,
                failures INTEGER NOT NULL DEFAULT 0,   -- in a row, for the backoff
                polls INTEGER NOT NULL DEFAULT 0,
                entries_seen BIGINT NOT NULL DEFAULT 0,
                entries_stored BIGINT NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS source_entries (
                source VARCHAR NOT NULL,
                entry VARCHAR NOT NULL,          -- the entry's id, else its link, else a hash of it
                first_seen TIMESTAMP NOT NULL,
                stored BOOLEAN NOT NULL,         -- false: it could not be stored (named in the poll's error)
                PRIMARY KEY (source, entry)
            )
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        13,
        "person_surnames: the full-named people of article_entities by lower-cased surname, for linking",
        (
            """
            CREATE TABLE IF NOT EXISTS person_surnames (  -- one row per full-named PERSON row of article_entities
                surname VARCHAR NOT NULL,        -- lower() of the name's last space-separated word
                article_id VARCHAR NOT NULL,
                entity_key VARCHAR NOT NULL,
                name VARCHAR NOT NULL,
                country VARCHAR,
                titles VARCHAR[] NOT NULL,
                aliases VARCHAR[] NOT NULL
            )
            """,
            """
            INSERT INTO person_surnames
            SELECT lower(regexp_extract(name, '([^ ]+)$', 1)), article_id, entity_key, name, country, titles, aliases
            FROM article_entities WHERE label = 'PERSON' AND name LIKE '% %'
            """,
            "CREATE INDEX IF NOT EXISTS person_surnames_surname ON person_surnames (surname)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        14,
        "no index on the largest per-article tables' article and entity columns: an index stays in"
        " memory as it grows, about 1 MB per 1,000 articles across these seven (BENCHMARKS.md, soak),"
        " and reading them by a scan costs about a millisecond per 100,000 rows",
        tuple(f"DROP INDEX IF EXISTS {name}" for name in (
            "sentences_article", "mentions_article", "mentions_entity", "quotes_article", "quotes_speaker",
            "article_entities_key", "events_type",
        )),
    ),
)

MIGRATIONS += (
    Migration(
        15,
        "articles: agency, the news agency the article's dateline names (\"SAN FRANCISCO (AP) —\": AP)",
        ("ALTER TABLE articles ADD COLUMN IF NOT EXISTS agency VARCHAR",),
    ),
)

# in version order whatever order the blocks above are written in: a store applies each once, in order
MIGRATIONS = tuple(sorted(MIGRATIONS, key=lambda m: m.version))
assert len({m.version for m in MIGRATIONS}) == len(MIGRATIONS), "two migrations share a version"
LATEST_VERSION = MIGRATIONS[-1].version
