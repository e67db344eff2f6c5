import pytest

from storyline.errors import AmbiguousReference, ArticleNotFound, NotFound, StoreError, StoryNotFound
from storyline.store import open_store
from storyline.store.schema import LATEST_VERSION
from helpers import make_article


def test_add_then_get_round_trips_every_field(fresh_store):
    article = make_article("x.txt", text="First para.\n\nSecond para.", title="T", outlet="O",
                           published="2025-05-28", dateline="MOSCOW", language="en")
    assert fresh_store.add_articles([article]).new == 1
    got = fresh_store.get_article("x.txt")
    assert got.text == "First para.\n\nSecond para."
    assert [got.text[p.start:p.end] for p in got.paragraphs] == ["First para.", "Second para."]
    assert (got.title, got.outlet, got.published, got.dateline, got.language) == ("T", "O", "2025-05-28", "MOSCOW", "en")
    assert got.removed[0].reason == "widget" and got.removed[0].line == 3
    assert got.raw == article.raw


def test_re_adding_the_same_articles_changes_nothing(fresh_store):
    articles = [make_article("a.txt", text="One."), make_article("b.txt", text="Two.")]
    fresh_store.add_articles(articles)
    before = fresh_store.query("SELECT id, updated_at FROM articles ORDER BY id")
    result = fresh_store.add_articles(articles)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert fresh_store.query("SELECT id, updated_at FROM articles ORDER BY id") == before
    assert fresh_store.query("SELECT count(*) AS n FROM paragraphs")[0]["n"] == 2


def test_a_changed_article_replaces_its_rows_and_keeps_first_seen(fresh_store):
    fresh_store.add_articles([make_article("a.txt", text="Old.\n\nOld two.")])
    first = fresh_store.query("SELECT ingested_at FROM articles")[0]["ingested_at"]
    result = fresh_store.add_articles([make_article("a.txt", text="New.")])
    assert result.updated == 1
    assert fresh_store.get_article("a.txt").text == "New."
    assert fresh_store.query("SELECT count(*) AS n FROM paragraphs")[0]["n"] == 1
    assert fresh_store.query("SELECT ingested_at FROM articles")[0]["ingested_at"] == first


def test_exact_duplicates_point_to_the_earliest_published(fresh_store):
    fresh_store.add_articles([
        make_article("late.txt", text="Same words here.", published="2025-05-02"),
        make_article("early.txt", text="same   WORDS here.", published="2025-05-01"),
        make_article("other.txt", text="Different words."),
    ])
    rows = {r["name"]: r["duplicate_of"] for r in fresh_store.articles()}
    early = fresh_store.find_article_id("early.txt")
    assert rows == {"late.txt": early, "early.txt": None, "other.txt": None}
    # the original changes its text: the group dissolves
    fresh_store.add_articles([make_article("early.txt", text="Rewritten.", published="2025-05-01")])
    assert {r["name"]: r["duplicate_of"] for r in fresh_store.articles()}["late.txt"] is None


def test_duplicate_marking_does_not_depend_on_ingest_order():
    stores = []
    for order in ([0, 1, 2], [2, 1, 0]):
        s = open_store(":memory:")
        arts = [make_article(f"{i}.txt", text="Same.") for i in range(3)]
        for i in order:
            s.add_articles([arts[i]])
        stores.append(s.query("SELECT name, duplicate_of FROM articles ORDER BY name"))
    assert stores[0] == stores[1]


def test_unknown_article_names_what_was_asked(fresh_store):
    with pytest.raises(ArticleNotFound, match="nope.txt"):
        fresh_store.get_article("nope.txt")


def test_ambiguous_name_lists_the_candidates(fresh_store):
    fresh_store.add_articles([make_article("a.txt", text="One."),
                              make_article("a.txt", text="Two.", id="other", key="k2")])
    with pytest.raises(AmbiguousReference, match="names 2 articles"):
        fresh_store.get_article("a.txt")


def test_a_failed_batch_leaves_the_store_as_it_was(fresh_store):
    fresh_store.add_articles([make_article("keep.txt", text="Kept.")])
    bad = make_article("bad.txt", text="Bad.", published="not a date")
    with pytest.raises(StoreError, match="store 2 articles"):
        fresh_store.add_articles([make_article("new.txt", text="New."), bad])
    assert [r["name"] for r in fresh_store.articles()] == ["keep.txt"]


def test_file_store_is_migrated_once_and_reopens(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path) as s:
        assert s.schema_version == LATEST_VERSION
        s.add_articles([make_article()])
    with open_store(path) as s:
        assert s.count_articles() == 1
        assert s.query("SELECT count(*) AS n FROM schema_migrations")[0]["n"] == len(
            __import__("storyline.store.schema", fromlist=["MIGRATIONS"]).MIGRATIONS)


def test_read_only_open_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.duckdb"):
        open_store(path)


def _understood(name, text, **fields):
    from storyline.record import Entity, Mention, Quote, TimeExpression

    lavrov = Entity("person:sergei-lavrov", "Sergei Lavrov", "PERSON", "RUS",
                    ("Russian Foreign Minister",), ("Sergei Lavrov", "Lavrov"))
    return make_article(
        name, text=text,
        sentences=[(0, len(text))],
        mentions=[Mention(0, 13, "Sergei Lavrov", "PERSON", lavrov.key, "Russian Foreign Minister", "RUS", 0, len(text))],
        entities=[lavrov],
        dates=[TimeExpression(20, 26, "June 2", "DATE", "2025-06-02", "day", True)],
        quotes=[Quote(30, 40, text[30:40], True, lavrov.key, "Lavrov", 0, 6, "said", 41, 45, "statement")],
        **fields,
    )


def test_language_understanding_round_trips(fresh_store):
    from storyline.record import Actor, Event

    article = _understood("u.txt", "Sergei Lavrov proposed June 2 talks; he said so in a statement on Wednesday.")
    event = Event("AGREE", 0, 76, 14, 22, (Actor("Sergei Lavrov", 0, 13, "person:sergei-lavrov", "RUS", "GOV"),),
                  (), "future", ("diplomatic",), "2025-06-02", "day", "place:istanbul", "Istanbul", "TUR",
                  41.01, 28.95, None, 0.8)
    article.events = [event]
    fresh_store.add_articles([article])
    got = fresh_store.get_article("u.txt")
    assert (got.sentences, got.mentions, got.entities, got.dates, got.quotes, got.events) == (
        article.sentences, article.mentions, article.entities, article.dates, article.quotes, [event])


def test_entities_view_gathers_an_entity_across_articles(fresh_store):
    fresh_store.add_articles([
        _understood("a.txt", "Sergei Lavrov proposed June 2 talks; he said so in a statement on Wednesday."),
        _understood("b.txt", "Sergei Lavrov repeated June 2 talks; he said so in a statement on Thursday."),
    ])
    (row,) = fresh_store.entities(name="lavrov")
    assert (row["name"], row["country"], row["articles"]) == ("Sergei Lavrov", "RUS", 2)
    assert fresh_store.known_people(["Lavrov"])[0].key == "person:sergei-lavrov"
    assert fresh_store.known_people(["Medinsky"]) == []
    assert {q["article"] for q in fresh_store.quotes(speaker="Sergei Lavrov")} == {"a.txt", "b.txt"}


def test_entity_is_found_by_key_name_or_alias(fresh_store):
    fresh_store.add_articles([_understood("a.txt", "Sergei Lavrov proposed June 2 talks; he said so on Wednesday.")])
    key = "person:sergei-lavrov"
    assert fresh_store.entity(key)["name"] == "Sergei Lavrov"
    assert fresh_store.entity("sergei lavrov")["key"] == key
    with pytest.raises(NotFound, match="no entity 'Medinsky'"):
        fresh_store.entity("Medinsky")


def test_unknown_story_and_unplaced_article_are_not_found(fresh_store):
    fresh_store.add_articles([make_article("a.txt", text="One.")])
    with pytest.raises(StoryNotFound, match="no story 's0'"):
        fresh_store.story("s0")
    with pytest.raises(NotFound, match="not been placed"):
        fresh_store.story_decision("a.txt")


def test_a_change_in_understanding_alone_rewrites_the_article(fresh_store):
    article = _understood("u.txt", "Sergei Lavrov proposed June 2 talks; he said so in a statement on Wednesday.")
    fresh_store.add_articles([article])
    from dataclasses import replace
    assert fresh_store.add_articles([replace(article, quotes=[])]).updated == 1
    assert fresh_store.get_article("u.txt").quotes == []


def test_known_people_are_those_of_articles_placed_before(fresh_store):
    a = _understood("a.txt", "Sergei Lavrov proposed June 2 talks; he said so in a statement on Wednesday.")
    b = _understood("b.txt", "Sergei Lavrov repeated June 2 talks; he said so in a statement on Thursday.")
    fresh_store.add_articles([a, b])
    fresh_store.save_stories(
        [{"article_id": x.id, "story_id": "s1", "decision": "started", "probability": None, "copy_of": None,
          "explanation": {}} for x in (a, b)],
        [{"id": "s1", "title": "t", "first_seen": None, "last_seen": None, "articles": [a.id, b.id],
          "outlets": [], "independent_sources": 1, "merged_from": []}],
    )
    assert fresh_store.known_people(["Lavrov"], before=[a.id]) == [], "nothing was placed before a"
    assert [e.key for e in fresh_store.known_people(["Lavrov"], before=[b.id])] == ["person:sergei-lavrov"]
    assert [e.key for e in fresh_store.known_people(["Lavrov"], before=["new-article"])] == ["person:sergei-lavrov"]


def test_a_store_that_had_a_later_migration_first_still_gets_an_earlier_one(tmp_path):
    from storyline.store.schema import MIGRATIONS

    path = tmp_path / "skipped.duckdb"
    with open_store(path) as store:
        store._db.execute("DROP TABLE alert_deliveries")  # as a build without migration 11 left it
        store._db.execute("DROP TABLE alerts")
        store._db.execute("DELETE FROM schema_migrations WHERE version = 11")
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(path, read_only=True)
    with open_store(path) as store:
        assert {m.version for m in MIGRATIONS} <= {r["version"] for r in store.query("SELECT version FROM schema_migrations")}
        assert store.alerts() == []  # its tables are back
