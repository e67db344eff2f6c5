"""The HTTP API, driven in-process with FastAPI's TestClient over a store of the sample corpus."""

import json
import shutil
import warnings

import pytest

from storyline.config import Settings
from storyline.faces.api.app import MAX_LIMIT, create_app
from storyline.faces.serialise import article_json
from storyline.pipeline import ingest
from storyline.sample import corpus_path
from storyline.store import open_store

with warnings.catch_warnings():  # starlette 1.x would rather have httpx2 under its TestClient
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"
TOKEN = "s3cret-token"
RECORD = {
    "id": "api-ferry-1",
    "url": "https://lakecourier.example/ferry",
    "title": "Ferry service resumes",
    "text": "The ferry between the two lakeside towns resumed service on Monday after a three-week "
    "suspension, the operator said, following repairs to the northern pier.\n\nPassengers had been "
    "forced to take a two-hour detour by road while divers inspected the pilings.",
    "published": "2025-03-04",
    "outlet": "Lake Courier",
    "language": "en",
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("api") / "sample.duckdb")
    with open_store(db) as store:
        ingest([str(corpus_path())], store, settings=Settings({"db": db}))
    return db


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(Settings({"db": sample_db}))) as c:
        yield c


def count(client) -> int:
    """Articles in the store the app holds, read as its requests read (a cursor of its own)."""
    with client.app.state.store_owner.reading() as store:
        return store.count_articles()


def assert_problem(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    for word in words:
        assert word in body["detail"], body
    return body


# -- reading ---------------------------------------------------------------------------------


def test_articles_paginate_and_filter(client):
    everything = client.get("/api/articles", params={"limit": MAX_LIMIT}).json()["items"]
    assert len(everything) > 10
    first = client.get("/api/articles", params={"limit": 3}).json()
    second = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()
    assert [r["id"] for r in first["items"] + second["items"]] == [r["id"] for r in everything[:6]]
    assert (first["limit"], first["offset"], first["next_offset"]) == (3, 0, 3)
    past = client.get("/api/articles", params={"offset": 10_000}).json()
    assert past["items"] == [] and past["next_offset"] is None
    outlet = everything[0]["outlet"]
    only = client.get("/api/articles", params={"outlet": outlet, "limit": MAX_LIMIT}).json()["items"]
    assert only and {r["outlet"] for r in only} == {outlet}
    assert client.get("/api/articles", params={"language": "xx"}).json()["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": MAX_LIMIT + 1}, {"offset": -1}, {"limit": "many"}])
def test_pagination_bounds_are_problems(client, params):
    body = assert_problem(client.get("/api/articles", params=params), 422, "query.")
    assert body["errors"]


def test_article_is_the_show_json(client, sample_db):
    listed = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    got = client.get(f"/api/articles/{listed['id']}").json()
    with client.app.state.store_owner.reading() as store:
        expected = json.loads(json.dumps(article_json(store.get_article(listed["id"])), default=str))
    assert got == expected
    # a URL names an article too, '/' and all
    assert client.get(f"/api/articles/{listed['name']}").json()["id"] == listed["id"]


def test_unknown_article_is_a_404_problem(client):
    assert_problem(client.get("/api/articles/nope-nope"), 404, "no article 'nope-nope'")
    assert_problem(client.get("/api/articles/nope-nope/why"), 404, "nope-nope")


def test_why(client):
    listed = client.get("/api/articles", params={"limit": 1}).json()["items"][0]
    why = client.get(f"/api/articles/{listed['id']}/why").json()
    assert why["article"] == listed["id"] and why["story"].startswith("s")


def test_stories_story_compare_timeline(client):
    stories = client.get("/api/stories").json()["items"]
    assert stories and all(s["id"].startswith("s") for s in stories)
    assert len(client.get("/api/stories", params={"limit": 2}).json()["items"]) == 2
    assert client.get("/api/stories", params={"since": "2100-01-01"}).json()["items"] == []
    assert_problem(client.get("/api/stories", params={"since": "soon"}), 422, "since")
    big = max(stories, key=lambda s: s["articles"])
    story = client.get(f"/api/stories/{big['id']}").json()
    assert story["id"] == big["id"] and len(story["articles_list"]) == big["articles"]
    compared = client.get(f"/api/stories/{big['id']}/compare").json()
    assert compared["story"] == big["id"] and set(compared) > {"story"}
    some = client.get(f"/api/stories/{big['id']}/compare", params={"verdict": ["corroborated"], "limit": 1}).json()
    assert [v["verdict"] for v in some["verdicts"]] == ["corroborated"] and some["counts"] == compared["counts"]
    assert_problem(client.get(f"/api/stories/{big['id']}/compare", params={"verdict": "agreed"}), 422, "verdict")
    timeline = client.get(f"/api/stories/{big['id']}/timeline").json()
    assert timeline["story"] == big["id"] and all(e["story"] == big["id"] for e in timeline["items"])
    for path in ("", "/compare", "/timeline"):
        assert_problem(client.get(f"/api/stories/s000000000000{path}"), 404, "no story 's000000000000'")


def test_storylines_storyline_compare_timeline(client, sample_db):
    lines = client.get("/api/storylines", params={"limit": MAX_LIMIT}).json()["items"]
    assert lines and all(line["id"].startswith("l") for line in lines)
    assert [line["last_seen"] for line in lines] == sorted((line["last_seen"] for line in lines), reverse=True)
    thread = max(lines, key=lambda line: (line["stories"], line["articles"]))
    assert thread["stories"] > 1, "the sample corpus forms a storyline of several stories"
    paged = client.get("/api/storylines", params={"limit": 2, "offset": 1}).json()
    assert [line["id"] for line in paged["items"]] == [line["id"] for line in lines[1:3]] and paged["limit"] == 2
    word = thread["title"].split()[-1]
    found = client.get("/api/storylines", params={"q": word}).json()["items"]
    assert thread["id"] in {line["id"] for line in found}
    assert client.get("/api/storylines", params={"since": "2100-01-01"}).json()["items"] == []
    assert client.get("/api/storylines", params={"until": "1900-01-01"}).json()["items"] == []
    assert_problem(client.get("/api/storylines", params={"until": "later"}), 422, "until")

    line = client.get(f"/api/storylines/{thread['id']}").json()
    stories = line["stories_list"]
    assert line["id"] == thread["id"] and len(stories) == thread["stories"]
    dated = [s["first_seen"] for s in stories if s["first_seen"]]
    assert dated == sorted(dated) and stories[0]["first_seen"] == thread["first_seen"]
    with client.app.state.store_owner.reading() as store:
        assert {s["id"] for s in stories} == {r["id"] for r in store.query(
            "SELECT id FROM stories WHERE storyline_id = ?", [thread["id"]])}  # fmt: skip

    compared = client.get(f"/api/storylines/{thread['id']}/compare").json()
    assert compared["storyline"] == thread["id"]
    assert [s["story"] for s in compared["stories"]] == [s["id"] for s in stories]
    assert {"updates", "chains"} <= compared.keys() and all("counts" in s for s in compared["stories"])
    timeline = client.get(f"/api/storylines/{thread['id']}/timeline").json()
    assert timeline["storyline"] == thread["id"] and timeline["items"]
    assert {e["story"] for e in timeline["items"]} <= {s["id"] for s in stories}
    for path in ("", "/compare", "/timeline"):
        assert_problem(client.get(f"/api/storylines/l000000000000{path}"), 404, "no storyline 'l000000000000'")


def test_story_why_is_the_storyline_link(client):
    thread = max(client.get("/api/storylines").json()["items"], key=lambda line: line["stories"])
    later = client.get(f"/api/storylines/{thread['id']}").json()["stories_list"][1]
    why = client.get(f"/api/stories/{later['id']}/why").json()
    assert (why["story"], why["storyline"]) == (later["id"], thread["id"])
    assert why["decision"]["decision"] in ("joined", "started", "followed")
    from storyline.storylines import StorylineConfig

    assert why["thresholds"]["join"] == StorylineConfig().join_threshold
    article = client.get(f"/api/stories/{later['id']}").json()["articles_list"][0]["id"]
    carried = client.get(f"/api/articles/{article}/why").json()["storyline_decision"]
    assert carried["storyline"] == thread["id"] and carried["thresholds"] == why["thresholds"]
    assert_problem(client.get("/api/stories/s000000000000/why"), 404, "no story 's000000000000'")


def test_events_with_filters(client):
    events = client.get("/api/events").json()
    assert events["items"] and events["reports"] >= len(events["items"])
    story = events["items"][0]["story"]
    of_story = client.get("/api/events", params={"story": story}).json()["items"]
    assert of_story and {e["story"] for e in of_story} == {story}
    kind = events["items"][0]["type"]
    assert {e["type"] for e in client.get("/api/events", params={"type": kind.lower()}).json()["items"]} == {kind}
    assert client.get("/api/events", params={"since": "2100-01-01"}).json()["items"] == []
    assert client.get("/api/events", params={"actor": "Nobody At All"}).json()["items"] == []
    assert_problem(client.get("/api/events", params={"type": "FOO"}), 422, "AGREE|CONSULT")


def test_entities_and_their_timeline(client):
    people = client.get("/api/entities", params={"label": "person", "limit": 5}).json()["items"]
    assert len(people) == 5 and {p["label"] for p in people} == {"PERSON"}
    top = people[0]
    named = client.get("/api/entities", params={"name": top["name"].lower()}).json()["items"]
    assert [e["key"] for e in named] == [top["key"]]
    by_key = client.get(f"/api/entities/{top['key']}/timeline").json()
    assert by_key["entity"]["key"] == top["key"] and by_key["items"]
    assert client.get(f"/api/entities/{top['name']}/timeline").json() == by_key
    assert_problem(client.get("/api/entities/person:nobody/timeline"), 404, "no entity 'person:nobody'")


def test_quotes(client):
    quotes = client.get("/api/quotes", params={"limit": MAX_LIMIT}).json()["items"]
    assert quotes
    speaker = next(q for q in quotes if q["speaker"])
    by = client.get("/api/quotes", params={"speaker": speaker["speaker"]}).json()["items"]
    assert by and {q["speaker_key"] for q in by} == {speaker["speaker_key"]}


def test_openapi_document(client):
    doc = client.get("/openapi.json").json()
    assert doc["info"]["title"] == "Storyline"
    for path in ("/api/articles", "/api/articles/{ref}", "/api/articles/{ref}/why", "/api/stories",
                 "/api/stories/{story_id}", "/api/stories/{story_id}/compare", "/api/stories/{story_id}/timeline",
                 "/api/stories/{story_id}/why", "/api/storylines", "/api/storylines/{storyline_id}",
                 "/api/storylines/{storyline_id}/compare", "/api/storylines/{storyline_id}/timeline",
                 "/api/events", "/api/entities", "/api/entities/{key}/timeline", "/api/quotes", "/api/search"):  # fmt: skip
        assert "get" in doc["paths"][path], path
    assert "post" in doc["paths"]["/api/articles"]


def test_unknown_route_and_missing_store_are_problems(client, tmp_path):
    assert_problem(client.get("/api/nothing"), 404)
    with TestClient(create_app(Settings({"db": str(tmp_path / "none.duckdb")}))) as bare:
        assert_problem(bare.get("/api/stories"), 503, "no store at")


# -- ingestion -------------------------------------------------------------------------------


def test_ingestion_off_refuses_and_stores_nothing(client, sample_db):
    before = count(client)
    for headers in ({}, {"Authorization": f"Bearer {TOKEN}"}):
        assert_problem(client.post("/api/articles", json=RECORD, headers=headers), 403, "ingestion is off")
    assert_problem(client.put("/api/articles", json=RECORD), 405)
    assert_problem(client.delete("/api/articles/whatever"), 405)
    assert count(client) == before


@pytest.fixture
def ingesting(tmp_path):
    db = str(tmp_path / "ingest.duckdb")
    with TestClient(create_app(Settings({"db": db, "max_input_mb": 0.01}), ingest_token=TOKEN)) as c:
        yield c, db


def test_ingestion_needs_the_token(ingesting):
    c, db = ingesting
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN},
                    {"Authorization": f"Bearer  {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}  x"}):  # fmt: skip
        response = c.post("/api/articles", json=RECORD, headers=headers)
        assert_problem(response, 401, "Bearer")
        assert response.headers["www-authenticate"] == "Bearer"
    assert_problem(c.get("/api/articles"), 503, "no store at")  # nothing was created


def test_ingestion_stores_one_record_then_a_batch(ingesting):
    c, db = ingesting
    auth = {"Authorization": f"Bearer {TOKEN}"}
    report = c.post("/api/articles", json=RECORD, headers=auth).json()
    assert (report["new"], report["failed"], report["articles_in_store"]) == (1, 0, 1)
    second = {**RECORD, "id": "api-ferry-2", "url": "https://lakecourier.example/ferry-2",
              "text": RECORD["text"].replace("Monday", "Tuesday")}  # fmt: skip
    again = c.post("/api/articles", json=[RECORD, second], headers=auth).json()
    assert (again["new"], again["unchanged"], again["articles_in_store"]) == (1, 1, 2)
    article = c.get("/api/articles/api-ferry-1").json()
    assert (article["title"], article["outlet"], article["published"]) == ("Ferry service resumes", "Lake Courier", "2025-03-04")


def test_a_malformed_record_is_named_and_nothing_is_stored(ingesting):
    c, db = ingesting
    auth = {"Authorization": f"Bearer {TOKEN}"}
    json_auth = {**auth, "Content-Type": "application/json"}
    bad = {"id": "no-text", "title": "Nothing here"}
    body = assert_problem(c.post("/api/articles", json=[RECORD, bad], headers=auth), 422, "record 2", "neither 'text' nor 'html'")
    assert "record 1" not in body["detail"]
    assert_problem(c.post("/api/articles", json=[RECORD, {**RECORD, "text": 5}], headers=auth), 422, "record 2")
    assert_problem(c.post("/api/articles", json=[RECORD, "just a string"], headers=auth), 422, "record 2", "JSON object")
    assert_problem(c.post("/api/articles", content=b"{not json", headers=json_auth), 422, "invalid JSON", "line 1, column 2")
    assert_problem(c.post("/api/articles", json=[], headers=auth), 422, "no records")
    assert_problem(c.get("/api/articles"), 503, "no store at")  # nothing stored, not even a store


def test_a_body_over_the_limit_is_a_413_problem(ingesting):
    c, db = ingesting
    auth = {"Authorization": f"Bearer {TOKEN}"}
    huge = {**RECORD, "text": "word " * 5000}  # 25 kB, over the 0.01 MB limit
    assert_problem(c.post("/api/articles", json=huge, headers=auth), 413, "limit")
    chunks = (b'{"text": "' + b"w" * 4096 for _ in range(5))  # no Content-Length: counted as it comes
    assert_problem(c.post("/api/articles", content=chunks, headers={**auth, "Content-Type": "application/json"}), 413, "limit")


# -- search ----------------------------------------------------------------------------------


def test_search_finds_ranks_filters_and_pages(client):
    found = client.get("/api/search", params={"q": "earthquake Turkey", "limit": MAX_LIMIT}).json()
    items = found["items"]
    assert found["query"] == "earthquake Turkey" and len(items) >= 3
    assert [r["score"] for r in items] == sorted((r["score"] for r in items), reverse=True)
    top = items[0]
    assert "earthquake" in (top["title"] + top["snippet"]).lower() and top["story_id"]
    assert all(top["snippet"][a:b].lower() in ("earthquake", "turkey") for a, b in top["highlights"])
    outlet = top["outlet"]
    only = client.get("/api/search", params={"q": "earthquake", "outlet": outlet}).json()["items"]
    assert only and {r["outlet"] for r in only} == {outlet}
    day = str(top["published"])
    assert all(str(r["published"]) >= day for r in client.get(
        "/api/search", params={"q": "earthquake Turkey", "since": day}).json()["items"])  # fmt: skip
    pages = [client.get("/api/search", params={"q": "earthquake Turkey", "limit": 2, "offset": o}).json() for o in (0, 2)]
    assert [r["id"] for p in pages for r in p["items"]] == [r["id"] for r in items[:4]]
    assert pages[0]["next_offset"] == 2


@pytest.mark.parametrize("params, words", [
    ({}, "q"), ({"q": ""}, "no words"), ({"q": '"" () !!'}, "no words"), ({"q": "x" * 1001}, "q"),
    ({"q": "quake", "since": "yesterday"}, "since"), ({"q": "quake", "limit": 0}, "limit"),
    ({"q": "quake", "offset": 2**70}, "offset"),
])  # fmt: skip
def test_search_refuses_what_cannot_be_searched_with_a_422(client, params, words):
    assert_problem(client.get("/api/search", params=params), 422, words)


def test_search_takes_any_characters(client):
    for q in ['"earthquake"', "earthquake' OR 1=1 --", "earthquake AND (NOT x)", "Elazığ", "地震 earthquake", "\u202eearthquake"]:
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, (q, response.text)
    assert client.get("/api/search", params={"q": "zzzqqq"}).json()["items"] == []


def test_a_storys_articles_load_whole_in_one_go_as_one_by_one(client):
    with client.app.state.store_owner.reading() as store:
        for story in store.stories():
            together = store.story_articles(story["id"])
            assert together and together == [store.get_article(a.id) for a in together]
            assert any(a.mentions for a in together) and all(a.raw for a in together)


def test_events_page_through_every_linked_event(client):
    whole = client.get("/api/events", params={"limit": 500}).json()
    assert whole["total"] == len(whole["items"]) > 4
    pages, offset = [], 0
    while offset < whole["total"]:
        page = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == whole["total"] and len(page["items"]) <= 3
        pages += page["items"]
        offset += 3
    assert pages == whole["items"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


def test_listings_filter_by_time_and_outlet_and_page_alike(client):
    stories = client.get("/api/stories", params={"limit": 500}).json()["items"]
    outlet = stories[0]["outlets"][0]
    by_outlet = client.get("/api/stories", params={"outlet": outlet, "limit": 500}).json()["items"]
    assert {s["id"] for s in by_outlet} == {s["id"] for s in stories if outlet in s["outlets"]}
    word = stories[0]["title"].split()[-1]
    titled = client.get("/api/stories", params={"q": word.upper(), "limit": 500}).json()["items"]
    assert {s["id"] for s in titled} == {s["id"] for s in stories if word.lower() in s["title"].lower()}
    seen = sorted(s["first_seen"] for s in stories if s["first_seen"])
    cut = seen[len(seen) // 2]
    early = client.get("/api/stories", params={"until": cut, "limit": 500}).json()["items"]
    assert early and {s["id"] for s in early} == {s["id"] for s in stories if s["first_seen"] and s["first_seen"] <= cut}
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()["items"]
    assert second == stories[1:2]

    articles = client.get("/api/articles", params={"limit": 500}).json()["items"]
    dated = sorted(a["published"] for a in articles if a["published"])
    since, until = dated[len(dated) // 3], dated[2 * len(dated) // 3]
    window = client.get("/api/articles", params={"since": since, "until": until, "limit": 500}).json()["items"]
    assert window and {a["id"] for a in window} == {
        a["id"] for a in articles if a["published"] and since <= a["published"] <= until}

    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    for kind, key in (("entities", "key"), ("quotes", "text")):
        whole = client.get(f"/api/{kind}", params={"limit": 500}).json()["items"]
        page = client.get(f"/api/{kind}", params={"limit": 2, "offset": 2}).json()["items"]
        assert [x[key] for x in page] == [x[key] for x in whole[2:4]]
    nowhere = client.get("/api/events", params={"outlet": "No Such Outlet"}).json()
    assert nowhere["items"] == [] and events
    assert client.get("/api/events", params={"until": "1900-01-01"}).json()["items"] == []
    assert client.get("/api/stories", params={"until": "not a date"}).status_code == 422


def test_the_store_is_opened_under_the_db_memory_mb_cap(sample_db, tmp_path):
    """The server applies `db_memory_mb` to its store connection, as the CLI does (a copy of
    the store: the limit is the database's, shared by every connection a process holds)."""
    db = tmp_path / "capped.duckdb"
    shutil.copy(sample_db, db)
    with TestClient(create_app(Settings({"db": str(db), "db_memory_mb": 96}))) as c:
        assert c.get("/api/stories").status_code == 200
        with c.app.state.store_owner.reading() as store:
            limit = store.query("SELECT current_setting('memory_limit') AS m")[0]["m"]
    assert limit.endswith("MiB") and 85 < float(limit.split()[0]) <= 96, limit
