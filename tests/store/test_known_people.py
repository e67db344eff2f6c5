"""`Store.known_people` reads `person_surnames`: it must give exactly the people the query over
all of `article_entities` gave (kept here as the reference), with the `before` rule, through
re-ingests that replace an article's entities, and in a store migrated from version 12."""

from dataclasses import replace

from helpers import make_article
from storyline.record import Entity
from storyline.store import Store

# the look-up as it was before person_surnames: every PERSON row of article_entities, scanned
REFERENCE = """
    WITH batch AS (
        SELECT min(position) AS first FROM story_assignments WHERE article_id IN (SELECT unnest($before))
    ),
    earlier AS (
        SELECT e.* FROM article_entities e LEFT JOIN story_assignments s ON s.article_id = e.article_id
        WHERE e.article_id NOT IN (SELECT unnest($before))
          AND ((SELECT first FROM batch) IS NULL OR s.position < (SELECT first FROM batch))
    )
    SELECT entity_key, arg_max(name, length(name)) AS name, mode(label), mode(country),
           list_distinct(flatten(list(titles))), list_distinct(flatten(list(aliases)))
    FROM earlier
    WHERE label = 'PERSON' AND name LIKE '% %'
      AND lower(regexp_extract(name, '([^ ]+)$', 1)) IN (SELECT unnest($wanted))
    GROUP BY entity_key ORDER BY entity_key
"""


def _reference(store: Store, surnames, before=()) -> list[tuple]:
    wanted = sorted({s.casefold() for s in surnames if s})
    rows = store._db.execute(REFERENCE, {"wanted": wanted, "before": list(before)}).fetchall()
    return [_norm(Entity(k, n, lab, c, tuple(t), tuple(a))) for k, n, lab, c, t, a in rows]


def _norm(entity: Entity) -> tuple:
    """An entity with its titles and aliases as sets (list_distinct gives no order)."""
    return (entity.key, entity.name, entity.label, entity.country, sorted(entity.titles), sorted(entity.aliases))


def _got(store: Store, surnames, before=()) -> list[tuple]:
    return [_norm(e) for e in store.known_people(surnames, before=before)]


def _person(name: str, country: str | None = None, titles=(), aliases=(), key: str | None = None) -> Entity:
    return Entity(key or "person:" + name.lower().replace(" ", "-"), name, "PERSON", country, tuple(titles),
                  tuple(aliases))


def _place(store: Store, articles) -> None:
    """Place `articles` in one story, in this order (story_assignments.position)."""
    store.save_stories(
        [{"article_id": a.id, "story_id": "s1", "decision": "started", "probability": None, "copy_of": None,
          "explanation": {}} for a in articles],
        [{"id": "s1", "title": "t", "first_seen": None, "last_seen": None, "articles": [a.id for a in articles],
          "outlets": [], "independent_sources": 1, "merged_from": []}],
    )  # fmt: skip


def _corpus():
    return [
        make_article("a.txt", entities=[
            _person("Sergei Lavrov", "RUS", titles=("foreign minister",)),
            _person("Lavrov", key="person:lavrov"),                       # surname only: not a full name
            Entity("org:lavrov-group", "Lavrov Group", "ORG", None, (), ()),  # not a person
            _person("Anna McDonald", "GBR", aliases=("A. McDonald",)),
        ]),
        make_article("b.txt", entities=[
            _person("Sergei V. Lavrov", "RUS", titles=("minister",), key="person:sergei-lavrov"),
            _person("ANNA B. MCDONALD", None, key="person:anna-mcdonald"),
            _person("Maria Lavrov", "UKR"),
        ]),
        make_article("c.txt", entities=[
            _person("Sergei Lavrov", None),  # no ties: mode and arg_max pick one by row order
            _person("John Smith", "USA"),
        ]),
    ]  # fmt: skip


def test_the_look_up_gives_the_reference_people_before_and_after_placement():
    with Store(":memory:") as store:
        a, b, c = _corpus()
        store.add_articles([a, b, c])
        asks = [["Lavrov"], ["lavrov", "McDonald"], ["MCDONALD"], ["Smith", "Nobody"], ["Group"], []]
        for surnames in asks:  # nothing placed yet: every other article counts
            for before in ([], [a.id], ["new"], [a.id, c.id]):
                assert _got(store, surnames, before) == _reference(store, surnames, before), (surnames, before)
        _place(store, [b, a, c])
        for surnames in asks:  # placed b, a, c: only articles placed before the batch's first count
            for before in ([], [a.id], [b.id], [c.id], [c.id, a.id], ["new"]):
                assert _got(store, surnames, before) == _reference(store, surnames, before), (surnames, before)
        lavrov = {e.key: e for e in store.known_people(["Lavrov"])}
        assert lavrov["person:sergei-lavrov"].name == "Sergei V. Lavrov"  # the longest name any article gives
        assert set(lavrov) == {"person:sergei-lavrov", "person:maria-lavrov"}
        assert store.known_people(["Lavrov"], before=[b.id]) == [], "b was placed first"
        assert [e.key for e in store.known_people(["Lavrov"], before=[c.id])] == [
            "person:maria-lavrov", "person:sergei-lavrov"]


def test_a_re_ingest_replaces_an_articles_people():
    with Store(":memory:") as store:
        a, b, c = _corpus()
        store.add_articles([a, b, c])
        _place(store, [a, b, c])
        assert "person:john-smith" in [e.key for e in store.known_people(["Smith"])]
        store.add_articles([replace(c, entities=[_person("Jane Smith", "CAN")])])  # c's people replaced
        assert [e.key for e in store.known_people(["Smith"])] == ["person:jane-smith"]
        store.add_articles([replace(a, entities=[])])
        for surnames in (["Lavrov"], ["McDonald"], ["Smith"]):
            for before in ([], [b.id], [c.id], ["new"]):
                assert _got(store, surnames, before) == _reference(store, surnames, before), (surnames, before)
        assert store.query("SELECT count(*) AS n FROM person_surnames")[0]["n"] == 4  # b's three, c's one


def test_more_surnames_than_one_in_list_holds():
    people = [_person(f"Ann Name{i:03d}", "RUS" if i % 2 else None) for i in range(130)]
    with Store(":memory:") as store:
        store.add_articles([make_article(f"p{i}.txt", entities=people[i::3]) for i in range(3)])
        surnames = [f"name{i:03d}" for i in range(0, 140, 1)]
        got = store.known_people(surnames)
        assert len(got) == 130
        assert _got(store, surnames) == _reference(store, surnames)


def test_a_store_of_version_12_is_backfilled(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with Store(path) as store:
        store.add_articles(_corpus())
        expected = _got(store, ["Lavrov", "McDonald", "Smith"])
        # as a store written before migration 13 has it: no person_surnames
        store.query("DROP TABLE person_surnames")
        store.query("DELETE FROM schema_migrations WHERE version = 13")
    with Store(path) as store:
        assert store.schema_version >= 13
        assert _got(store, ["Lavrov", "McDonald", "Smith"]) == expected
        assert len(expected) == 4
        assert _got(store, ["Lavrov"]) == _reference(store, ["Lavrov"])
