"""ingest(): read → clean → store, transactional and idempotent."""

import json

from storyline.config import Settings
from storyline.pipeline import ingest
from storyline.record import Hints
from storyline.store import open_store

STORY = (
    "Harbor officials in Valparaiso said on Tuesday that the new container terminal would open "
    "next spring, after two years of delays caused by a dispute over dredging permits.\n\n"
    "The port authority expects the terminal to double the city's capacity for refrigerated cargo, "
    "according to a statement published by the regional government."
)


def write_corpus(folder, n=3):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story{i}.txt").write_text(
            f"---\ntitle: Terminal news {i}\noutlet: Coast Daily\npublished: 2025-03-0{i + 1}\n---\n"
            f"{STORY}\n\nThis is paragraph number {i} of a report that differs from the others.\n",
            encoding="utf-8",
        )
    return folder


def test_ingest_stores_clean_articles_with_metadata(tmp_path, fresh_store):
    report = ingest([str(write_corpus(tmp_path / "in"))], fresh_store, settings=Settings(environ={}))
    assert (report.read, report.new, report.failed) == (3, 3, 0)
    article = fresh_store.get_article("story1.txt")
    assert article.title == "Terminal news 1"
    assert article.outlet == "Coast Daily"
    assert (article.published, article.published_from) == ("2025-03-02", "metadata")
    assert article.language == "en"
    assert "container terminal would open" in article.text
    assert "title:" not in article.text


def test_running_ingest_twice_adds_nothing(tmp_path, fresh_store):
    folder = write_corpus(tmp_path / "in")
    ingest([str(folder)], fresh_store)
    before = fresh_store.query("SELECT * FROM articles ORDER BY id")
    again = ingest([str(folder)], fresh_store)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert fresh_store.query("SELECT * FROM articles ORDER BY id") == before


def test_user_hints_fill_gaps_but_do_not_override_document_metadata(tmp_path, fresh_store):
    folder = write_corpus(tmp_path / "in", n=1)
    (folder / "bare.txt").write_text(STORY + "\n", encoding="utf-8")
    ingest([str(folder)], fresh_store, hints=Hints(published="2025-04-01", outlet="Given Outlet"))
    bare = fresh_store.get_article("bare.txt")
    assert (bare.published, bare.published_from, bare.outlet) == ("2025-04-01", "user", "Given Outlet")
    own = fresh_store.get_article("story0.txt")
    assert (own.published, own.outlet) == ("2025-03-01", "Coast Daily")


def test_without_any_date_evidence_the_publication_date_stays_unknown(tmp_path, fresh_store):
    path = tmp_path / "undated.txt"
    path.write_text(STORY + "\n\nThe first plan for the terminal dates from March 2022.\n", encoding="utf-8")
    ingest([str(path)], fresh_store)
    article = fresh_store.get_article("undated.txt")
    assert article.published is None and article.published_from is None


def test_an_undated_document_takes_the_day_its_file_name_or_url_path_gives(tmp_path, fresh_store):
    (tmp_path / "2025-03-04-terminal-opens.txt").write_text(STORY + "\n", encoding="utf-8")
    (tmp_path / "2025-13-04-not-a-day.txt").write_text(STORY + "\n", encoding="utf-8")
    ingest([str(tmp_path)], fresh_store)
    named = fresh_store.get_article("2025-03-04-terminal-opens.txt")
    assert (named.published, named.published_from) == ("2025-03-04", "address")
    assert fresh_store.get_article("2025-13-04-not-a-day.txt").published is None


def test_address_dates_read_the_url_path_first_and_never_a_folder():
    from storyline.clean.stage import address_date

    assert address_date("https://news.example/world/2025/03/05/quake-families", "2024-01-01-x.html") == "2025-03-05"
    assert address_date(None, "/data/2024/05/06/article.txt") is None  # a folder's date is the filing's
    assert address_date("https://news.example/story?id=20250305", None) is None
    assert address_date(None, "report_2019_11_30.txt") == "2019-11-30"


def test_one_id_twice_in_a_batch_is_stored_and_placed_once_the_later_kept(tmp_path, fresh_store):
    import json

    lines = [{"id": "a1", "title": "Port strike", "published": "2025-03-17", "text": STORY},
             {"id": "a1", "title": "Port strike, updated", "published": "2025-03-17", "text": STORY + " It ended."}]
    path = tmp_path / "twice.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    for _ in range(2):  # the second run found the first one's store broken before
        report = ingest([str(path)], fresh_store)
        assert report.failed == 0 and report.repeated == 1
    (article,) = fresh_store.articles()
    assert article["title"] == "Port strike, updated"
    assert fresh_store.query("SELECT count(*) AS n FROM story_assignments")[0]["n"] == 1


def test_a_batch_whose_stories_fail_to_save_leaves_none_of_its_articles(tmp_path, fresh_store, monkeypatch):
    """Issue 24, finding 6: articles and their stories were two transactions, so a failure or a
    kill between them left articles in no story."""
    import pytest

    from storyline.errors import StoreError

    folder = write_corpus(tmp_path / "in")

    def broken(*args, **kwargs):
        with fresh_store._transaction("save the stories"):
            fresh_store._db.execute("SELECT * FROM no_such_table")  # a DuckDB error mid-batch

    monkeypatch.setattr(fresh_store, "save_stories", broken)
    with pytest.raises(StoreError):
        ingest([str(folder)], fresh_store)
    monkeypatch.undo()
    assert fresh_store.count_articles() == 0
    ingest([str(folder)], fresh_store)  # run again: whole
    assert fresh_store.count_articles() == 3
    assert fresh_store.query("SELECT count(*) AS n FROM story_assignments")[0]["n"] == 3


def test_a_document_the_store_refuses_is_named_and_its_batch_stored(tmp_path, fresh_store, monkeypatch):
    from storyline.errors import StoreError

    folder = write_corpus(tmp_path / "in")
    (folder / "story1.txt").write_text((folder / "story1.txt").read_text(encoding="utf-8")
                                       + "\nInspectors said the poison in the harbour water came from a ship.\n", encoding="utf-8")  # fmt: skip
    real = fresh_store.add_articles

    def refusing(articles):
        articles = list(articles)
        if any("poison" in a.text for a in articles):
            with fresh_store._transaction("store"):
                fresh_store._db.execute("SELECT * FROM no_such_table")  # what DuckDB would say of a bad row
        return real(articles)

    monkeypatch.setattr(fresh_store, "add_articles", refusing)
    report = ingest([str(folder)], fresh_store)
    assert report.new == 2 and len(report.errors) == 1 and "story1.txt" in str(report.errors[0])
    assert fresh_store.query("SELECT count(*) AS n FROM story_assignments")[0]["n"] == 2
    def full(articles):
        raise StoreError("cannot store: the disk is full")

    monkeypatch.setattr(fresh_store, "add_articles", full)
    import pytest

    with pytest.raises(StoreError):  # every article refused: the store's fault, the run stops
        ingest([str(write_corpus(tmp_path / "more", n=2))], fresh_store)


def test_bad_inputs_are_reported_by_name_and_the_rest_is_stored(tmp_path, fresh_store):
    folder = write_corpus(tmp_path / "in", n=2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": STORY, "outlet": "Wire"}) + "\n{broken\n", encoding="utf-8"
    )
    report = ingest([str(folder)], fresh_store)
    messages = " | ".join(str(e) for e in report.errors)
    assert report.failed == 3, messages
    assert "empty.txt" in messages and "binary.txt" in messages and "feed.jsonl, line 2" in messages
    assert sorted(r["name"] for r in fresh_store.articles()) == ["j1", "story0.txt", "story1.txt"]


def test_an_input_with_no_article_text_is_an_error_not_an_empty_article(tmp_path, fresh_store):
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    report = ingest([str(page)], fresh_store)
    assert report.failed == 1 and "nav.html" in str(report.errors[0])
    assert fresh_store.count_articles() == 0


def test_batches_do_not_change_the_result(tmp_path):
    folder = write_corpus(tmp_path / "in", n=5)
    dumps = []
    for size in (1, 2, 50):
        with open_store(":memory:") as store:
            ingest([str(folder)], store, settings=Settings({"batch_size": size}, environ={}))
            dumps.append(store.query("SELECT id, text, title, published FROM articles ORDER BY id"))
    assert dumps[0] == dumps[1] == dumps[2]


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coast Daily</title><link>http://127.0.0.1/</link><description>news</description>
<item><title>Terminal to open</title><link>http://127.0.0.1/a1</link>
<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{story}</p><p>{story}</p>]]></content:encoded></item>
</channel></rss>""".replace("{story}", STORY)


def test_a_feed_url_is_fetched_conditionally_on_the_next_run(http_server, fresh_store):
    from helpers import Route

    http_server.routes["/feed.xml"] = Route(FEED.encode(), etag='"v1"')
    url = http_server.url("/feed.xml")
    settings = Settings({"feed_min_interval": 0.0}, environ={})
    first = ingest([url], fresh_store, settings=settings)
    assert (first.new, first.failed) == (1, 0), first.errors
    assert fresh_store.http_validators() == {url: {"etag": '"v1"'}}
    article = fresh_store.get_article("http://127.0.0.1/a1")
    assert (article.title, article.outlet, article.published) == ("Terminal to open", "Coast Daily", "2025-03-04")

    second = ingest([url], fresh_store, settings=settings)
    assert (second.read, second.failed) == (0, 0)
    assert http_server.requests[-1][1].get("If-None-Match") == '"v1"'
    assert fresh_store.count_articles() == 1


def test_validators_are_kept_only_once_the_articles_are_stored(http_server, fresh_store, monkeypatch):
    from helpers import Route

    http_server.routes["/feed.xml"] = Route(FEED.encode(), etag='"v1"')
    url = http_server.url("/feed.xml")

    def store_fails(articles):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fresh_store, "add_articles", store_fails)
    try:
        ingest([url], fresh_store, settings=Settings({"feed_min_interval": 0.0}, environ={}))
    except RuntimeError:
        pass
    assert fresh_store.http_validators() == {}, "a failed run must fetch the feed whole next time"


def _story_groups(store):
    """The stories as sets of article names."""
    groups = {}
    for row in store.query(
        "SELECT a.name, s.story_id FROM story_assignments s JOIN articles a ON a.id = s.article_id"
    ):
        groups.setdefault(row["story_id"], set()).add(row["name"])
    return groups


def test_ingest_places_every_article_in_a_story_and_reruns_keep_the_ids(tmp_path):
    folder = write_corpus(tmp_path / "in", n=3)
    (folder / "other.txt").write_text(
        "---\ntitle: Orchestra tours Asia\noutlet: Arts Weekly\npublished: 2025-03-02\n---\n"
        "The national youth orchestra will tour five Asian cities this autumn, playing works by "
        "living composers, the conductor announced at a rehearsal on Sunday.\n\n"
        "Tickets for the concerts in Seoul and Osaka go on sale next month, organisers said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        ingest([str(folder)], store)
        first = _story_groups(store)
        sizes = sorted(s["articles"] for s in store.stories())
    assert sorted(map(sorted, first.values())) == [["other.txt"], ["story0.txt", "story1.txt", "story2.txt"]]
    assert sizes == [1, 3]
    with open_store(db) as store:  # a re-run changes no story
        ingest([str(folder)], store)
        assert _story_groups(store) == first


def test_why_explains_a_decision_from_the_store(tmp_path, fresh_store):
    folder = write_corpus(tmp_path / "in", n=2)
    ingest([str(folder)], fresh_store)
    decision = fresh_store.story_decision("story1.txt")
    assert decision["decision"] in {"joined", "copy"}
    assert decision["story"] == fresh_store.story_decision("story0.txt")["story"]
    assert decision["shared_terms"] or decision["copy_of"]


def _contents(store) -> dict:
    """Every table that analysis and stories fill, as sorted rows (ingest times left out)."""
    tables = ("articles", "mentions", "article_entities", "time_expressions", "quotes", "events",
              "story_assignments", "stories", "storylines")  # fmt: skip
    out = {}
    for table in tables:
        rows = store.query(f"SELECT * FROM {table}")
        out[table] = sorted(repr(sorted((k, v) for k, v in r.items() if not k.endswith("_at"))) for r in rows)
    return out


def test_worker_processes_store_what_one_process_stores(tmp_path):
    """nlp_processes=2 analyses the next batch while the one before is stored: the store ends
    the same as with one process (several batches, so the hand-over is exercised)."""
    from storyline.sample import corpus_path

    stores = []
    for processes in (1, 2):
        store = open_store(str(tmp_path / f"p{processes}.duckdb"))
        settings = Settings({"nlp_processes": processes, "batch_size": 12}, environ={})
        report = ingest([str(corpus_path())], store, settings=settings)
        assert report.failed == 0 and report.new == 45
        stores.append(_contents(store))
        store.close()
    one, two = stores
    assert one["events"] and one["quotes"] and one["stories"]
    for table in one:
        assert one[table] == two[table], table


def test_ingest_threads_stories_into_storylines_and_a_rerun_or_a_rebuild_keeps_them(tmp_path):
    from storyline.sample import corpus_path

    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        ingest([str(corpus_path())], store)
        lines = {r["id"]: r for r in store.storylines()}
        story_lines = {r["id"]: r["storyline_id"] for r in store.query("SELECT id, storyline_id FROM stories")}
    assert lines and set(story_lines.values()) == set(lines), "every story is in a stored storyline"
    assert sum(r["articles"] for r in lines.values()) == sum(
        r["articles"] for r in store_rows(db, "SELECT articles FROM stories"))
    some_story = next(iter(story_lines))
    with open_store(db) as store:
        ingest([str(corpus_path())], store)  # a re-run changes no storyline
        assert {r["id"]: r["storyline_id"] for r in store.query("SELECT id, storyline_id FROM stories")} == story_lines
        line = store.storyline(story_lines[some_story])
        assert some_story in [s["id"] for s in line["stories_list"]]
        firsts = [s["first_seen"] for s in line["stories_list"] if s["first_seen"]]
        assert firsts == sorted(firsts)
        decision = store.storyline_decision(some_story)
        assert decision["storyline"] == story_lines[some_story]
        assert decision["decision"]["decision"] in {"joined", "started"}


def test_a_store_from_before_storylines_gets_one_per_story_on_its_next_ingest(tmp_path):
    from storyline.pipeline import rebuild_stories

    folder = write_corpus(tmp_path / "in", n=2)
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        ingest([str(folder)], store)
        store.query("UPDATE stories SET storyline_id = NULL")
        store.query("DELETE FROM storylines")
        threads = rebuild_stories(store)
        rows = store.query("SELECT id, storyline_id FROM stories")
        assert rows and all(r["storyline_id"] == threads.storyline_of_story(r["id"]) for r in rows)
        assert {r["id"] for r in store.storylines()} == {r["storyline_id"] for r in rows}


def store_rows(db, sql: str) -> list[dict]:
    with open_store(db) as store:
        return store.query(sql)


def test_event_min_confidence_trades_events_for_confidence(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "---\ntitle: Talks in Bergen\noutlet: Wire\npublished: 2025-04-08\n---\n"
        "Norway and Iceland agreed on Tuesday to share the mackerel quota. Police arrested three "
        "protesters outside the venue. The ministers may meet again in May, officials said.\n",
        encoding="utf-8",
    )
    counts = {}
    for threshold in (0.0, 0.3, 0.95):
        with open_store(tmp_path / f"s{threshold}.duckdb") as store:
            ingest([str(folder)], store, settings=Settings({"event_min_confidence": threshold}))
            rows = store.query("SELECT confidence FROM events")
        counts[threshold] = len(rows)
        assert all(r["confidence"] >= threshold for r in rows)
    assert counts[0.0] >= counts[0.3] > counts[0.95]
