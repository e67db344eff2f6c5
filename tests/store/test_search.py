"""Full-text search (store/search.py): ranking, filters, paging, hostile queries, and an index
that follows the articles through re-ingests, updates and the migration."""

import json

import duckdb
import pytest

from helpers import make_article
from storyline.store import open_store
from storyline.store.schema import LATEST_VERSION
from storyline.store.search import BadSearchQuery, snippet

ARTICLES = [
    make_article("quake-1.txt", title="Earthquake shakes Malatya", outlet="Wire", published="2025-02-01",
                 text="A strong earthquake struck Malatya province on Monday. The earthquake damaged homes."),
    make_article("quake-2.txt", title="Aftershocks felt", outlet="Courier", published="2025-02-03",
                 text="Residents of Malatya slept outside as aftershocks followed Monday's earthquake."),
    make_article("fish.txt", title="Mackerel talks resume", outlet="Wire", published="2025-03-10",
                 text="Norway and Iceland resumed talks on mackerel quotas in Bergen."),
    make_article("muller.txt", title="Müller named minister", outlet="Courier", published="2025-04-01",
                 text="Jana Müller was named finance minister; naïve hopes of a quick budget faded."),
    make_article("beijing.txt", title="北京 summit", outlet="Wire", published="2025-05-01",
                 text="Leaders met in 北京 to discuss trade."),
]


@pytest.fixture
def store(fresh_store):
    fresh_store.add_articles(ARTICLES)
    return fresh_store


def names(rows: list[dict]) -> list[str]:
    return [r["name"] for r in rows]


def postings(store) -> list[tuple]:
    return store._db.execute("SELECT term, article_id, count FROM search_postings ORDER BY ALL").fetchall()


def test_the_article_saying_it_most_ranks_first(store):
    rows = store.search_articles("earthquake")
    assert names(rows) == ["quake-1.txt", "quake-2.txt"]  # title + twice in the text beats once
    assert rows[0]["score"] > rows[1]["score"] > 0
    assert {"id", "title", "outlet", "published", "story_id", "snippet"} <= rows[0].keys()


def test_articles_with_more_of_the_words_rank_higher(store):
    rows = store.search_articles("aftershocks Malatya")
    assert names(rows)[0] == "quake-2.txt" and rows[0]["matched_terms"] == 2
    assert "fish.txt" not in names(rows)


def test_filters_by_outlet_and_dates(store):
    assert names(store.search_articles("earthquake", outlet="Courier")) == ["quake-2.txt"]
    assert names(store.search_articles("earthquake", since="2025-02-02")) == ["quake-2.txt"]
    assert names(store.search_articles("earthquake", until="2025-02-02")) == ["quake-1.txt"]
    assert store.search_articles("earthquake", outlet="Nobody") == []


def test_pages_add_up_to_the_whole_list(store):
    whole = names(store.search_articles("the in of on talks Malatya minister 北京"))
    assert len(whole) == 5
    pages = [names(store.search_articles("the in of on talks Malatya minister 北京", limit=2, offset=o)) for o in (0, 2, 4)]
    assert sum(pages, []) == whole


@pytest.mark.parametrize("query", ['"earthquake"', "earthquake AND NOT (x OR y)", "earthquake*", "EARTHQUAKE!!",
                                   "earthquake'; DROP TABLE articles; --", "earthquake\x00", "éarthquake"])
def test_operators_and_quotes_are_plain_characters(store, query):
    rows = store.search_articles(query)
    assert "quake-1.txt" in names(rows)
    assert store.count_articles() == len(ARTICLES)


def test_accents_case_and_other_scripts_match(store):
    assert names(store.search_articles("muller")) == ["muller.txt"]
    assert names(store.search_articles("MÜLLER")) == ["muller.txt"]
    assert names(store.search_articles("naive")) == ["muller.txt"]
    assert names(store.search_articles("北京")) == ["beijing.txt"]
    assert store.search_articles("nowhere") == []


@pytest.mark.parametrize("query, words", [
    ("", "no words"), ("   ", "no words"), ("!!! ??? ---", "no words"), ("x" * 2000, "limit"),
    (" ".join(f"w{i}" for i in range(100)), "different words"), (b"earthquake", "must be text"),
])  # fmt: skip
def test_a_query_that_cannot_be_searched_is_refused_clearly(store, query, words):
    with pytest.raises(BadSearchQuery, match=words):
        store.search_articles(query)


@pytest.mark.parametrize("kwargs, words", [
    ({"since": "last week"}, "since must be a date"), ({"until": "2025-13-01"}, "until must be a date"),
    ({"limit": 0}, "limit"), ({"offset": -1}, "offset"), ({"limit": "5"}, "limit"), ({"offset": 2**70}, "offset"),
])  # fmt: skip
def test_bad_filters_are_refused_clearly(store, kwargs, words):
    with pytest.raises(BadSearchQuery, match=words):
        store.search_articles("earthquake", **kwargs)


def test_snippet_is_around_the_first_match_with_its_words_marked():
    text = "Opening words. " * 20 + "Then the ferry sailed, and the Ferry returned." + " Closing words." * 30
    shown, marks = snippet(text, ["ferry"])
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 245
    assert [shown[a:b] for a, b in marks] == ["ferry", "Ferry"]
    short, marks = snippet("Only the title matched.", ["absent"])
    assert (short, marks) == ("Only the title matched.", [])


def test_re_adding_articles_keeps_one_set_of_postings(store):
    before = postings(store)
    assert store.add_articles(ARTICLES).unchanged == len(ARTICLES)
    assert postings(store) == before
    assert len(before) == len({(t, a) for t, a, _ in before})  # one row per word and article


def test_a_changed_article_is_found_by_its_new_words_only(store):
    changed = make_article("fish.txt", title="Herring talks resume", outlet="Wire", published="2025-03-10",
                           text="Norway and Iceland resumed talks on herring quotas in Bergen.")
    assert store.add_articles([changed]).updated == 1
    assert store.search_articles("mackerel") == []
    assert names(store.search_articles("herring")) == ["fish.txt"]
    count = store._db.execute("SELECT count(*) FROM search_documents").fetchone()[0]
    assert count == len(ARTICLES)


def test_story_of_each_hit_is_given(store):
    store.save_stories(
        [{"article_id": ARTICLES[0].id, "story_id": "s1", "decision": "started", "probability": None,
          "copy_of": None, "explanation": {}}],
        [{"id": "s1", "title": "Quake", "first_seen": "2025-02-01", "last_seen": "2025-02-01",
          "articles": [ARTICLES[0].id], "outlets": ["Wire"], "independent_sources": 1, "merged_from": []}],
    )  # fmt: skip
    rows = {r["name"]: r["story_id"] for r in store.search_articles("earthquake")}
    assert rows == {"quake-1.txt": "s1", "quake-2.txt": None}


def test_an_older_store_is_indexed_by_its_migration(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with open_store(path) as store:
        store.add_articles(ARTICLES)
        indexed = postings(store)
    db = duckdb.connect(path)  # wind the store back to before migration 6
    db.execute("DROP TABLE search_postings; DROP TABLE search_documents; DROP MACRO search_tokens;")
    db.execute("DELETE FROM schema_migrations WHERE version >= 6")
    db.close()
    with open_store(path) as store:
        assert store.schema_version == LATEST_VERSION
        assert postings(store) == indexed
        assert names(store.search_articles("earthquake")) == ["quake-1.txt", "quake-2.txt"]
        # migration 6 indexed the postings' words, migration 7 dropped it: no connection holds it
        assert store.query("SELECT count(*) AS n FROM duckdb_indexes() WHERE table_name = 'search_postings'")[0]["n"] == 0


def test_the_search_command_prints_hits_or_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from storyline.faces.cli.commands import cli

    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        store.add_articles(ARTICLES)
    runner = CliRunner()
    shown = runner.invoke(cli, ["--db", db, "search", "earthquake", "--outlet", "Wire"])
    assert shown.exit_code == 0, shown.output
    assert "Earthquake shakes Malatya" in shown.output and "Aftershocks" not in shown.output
    lines = runner.invoke(cli, ["--db", db, "search", "malatya", "--json", "--limit", "1"]).output.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["name"] == "quake-1.txt"
    refused = runner.invoke(cli, ["--db", db, "search", "?!"])
    assert refused.exit_code == 1 and "no words to search for" in refused.output
    assert runner.invoke(cli, ["--db", db, "search", "x", "--since", "soon"]).exit_code == 2
